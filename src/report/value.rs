//! The cells of the report's tables, and the two rules every table keeps:
//! each percentage carries its denominator and its 95% Wilson interval
//! ([`add_intervals`]), and every figure derived from fewer audits than the
//! threshold is hidden ([`suppress`]), the count, the percentage and its
//! interval alike. A figure keeps the number of audits it comes from, so
//! that the rule can be applied after the tables are made, whatever the
//! figure counts (audits, answers, actions, family responses).

use crate::calendar::dates::Month;

/// `num` out of `den`, from `audits` audits (or family responses): the
/// denominator may count answers or actions, but a figure is only as safe
/// to publish as the number of audits it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub num: u64,
    pub den: u64,
    pub audits: u64,
}

impl Share {
    /// A share of audits: the denominator is the audits.
    pub fn of(num: usize, den: usize) -> Share {
        Share { num: num as u64, den: den as u64, audits: den as u64 }
    }

    /// A share of answers or actions, from `audits` audits.
    pub fn from(num: usize, den: usize, audits: usize) -> Share {
        Share { num: num as u64, den: den as u64, audits: audits as u64 }
    }

    /// The percentage in tenths (see [`Value::tenths`]); `None` with no denominator.
    pub fn tenths(&self) -> Option<i64> {
        Value::tenths(self.num, self.den)
    }

    /// The 95% Wilson interval, as tenths of a percent.
    pub fn interval(&self) -> Option<(i64, i64)> {
        crate::stats::wilson(self.num, self.den).map(|(l, h)| (crate::stats::tenths(l), crate::stats::tenths(h)))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Month(Month),
    /// A count of audits, cases or family responses: hidden when small.
    Count(u64),
    /// A count of something else (actions, answers) from `audits` audits:
    /// hidden when it is small or they are few.
    CountOf {
        n: u64,
        audits: u64,
    },
    /// A number that says nothing about a child (a rank, a count of teams).
    Number(u64),
    /// Whether a share of `den` audits is within a target: hidden with them.
    Verdict {
        yes: bool,
        den: u64,
    },
    /// A share, shown as a percentage to one decimal place; blank when its
    /// denominator is 0.
    Pct(Share),
    /// The lower or the upper bound of a share's 95% Wilson interval.
    Low(Share),
    High(Share),
    /// A difference in percentage points, in tenths, of shares of at least
    /// `audits` audits each.
    Points {
        tenths: i64,
        audits: u64,
    },
    /// A two-sided p-value, to three decimal places.
    Probability {
        p: f64,
        audits: u64,
    },
    /// A word that a comparison of figures says ("better"): hidden with them.
    Word {
        word: &'static str,
        audits: u64,
    },
    /// Suppressed: a small count, or a figure derived from too few audits.
    Hidden,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    /// The percentage in tenths, rounded half up in whole numbers (no
    /// floating point, so every platform prints the same digit): 1 of 3 is 333
    /// (33.3%), 2 of 3 is 667.
    pub fn tenths(num: u64, den: u64) -> Option<i64> {
        (den > 0).then(|| ((num * 2000 + den) / (2 * den)) as i64)
    }

    /// The percentage, to one decimal place.
    pub fn percent(num: u64, den: u64) -> Option<f64> {
        Value::tenths(num, den).map(|t| t as f64 / 10.0)
    }

    /// Whether the small-number rule hides it at `threshold`.
    fn hidden_below(&self, threshold: u64) -> bool {
        let small = |n: u64| n > 0 && n < threshold;
        match *self {
            Value::Count(n) => small(n),
            Value::CountOf { n, audits } => small(n) || small(audits),
            Value::Verdict { den, .. } => small(den),
            Value::Pct(s) | Value::Low(s) | Value::High(s) => small(s.den) || small(s.audits),
            Value::Points { audits, .. } | Value::Probability { audits, .. } | Value::Word { audits, .. } => {
                small(audits)
            }
            _ => false,
        }
    }
}

/// A p-value to three decimal places, or `<0.001`.
pub fn p_value(p: f64) -> String {
    if p < 0.001 { "<0.001".to_string() } else { format!("{p:.3}") }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub title: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// For each percentage column, the columns [`add_intervals`] added for
    /// it: (the percentage, its `n`, `ci_low`, `ci_high`).
    pub intervals: Vec<[usize; 4]>,
}

impl Table {
    pub fn new(name: &'static str, title: &'static str, columns: &[&str], rows: Vec<Vec<Value>>) -> Table {
        Table { name, title, columns: columns.iter().map(|c| c.to_string()).collect(), rows, intervals: Vec::new() }
    }

    /// The position of column `name`.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }
}

/// Adds `n`, `ci_low` and `ci_high` for each percentage column, after the
/// table's own columns (so a script that reads columns by position still
/// finds them where they were). A percentage column is one named `pct...`,
/// or one that holds a percentage in some row (the summary's `value`). With
/// several, the added columns are named after each: `pct_inadequate` gives
/// `n_inadequate`, `ci_low_inadequate`, `ci_high_inadequate`.
pub fn add_intervals(t: &mut Table) {
    let shares: Vec<usize> = (0..t.columns.len())
        .filter(|&c| t.columns[c].starts_with("pct") || t.rows.iter().any(|r| matches!(r[c], Value::Pct(_))))
        .collect();
    for &c in &shares {
        let at = t.columns.len();
        let names = match (shares.len(), t.columns[c].strip_prefix("pct_")) {
            (1, _) => ["n".to_string(), "ci_low".into(), "ci_high".into()],
            (_, Some(s)) => [format!("n_{s}"), format!("ci_low_{s}"), format!("ci_high_{s}")],
            (_, None) => {
                let s = &t.columns[c];
                [format!("n_{s}"), format!("ci_low_{s}"), format!("ci_high_{s}")]
            }
        };
        t.columns.extend(names);
        t.intervals.push([c, at, at + 1, at + 2]);
        for r in &mut t.rows {
            let added = match r[c] {
                Value::Pct(s) => [Value::CountOf { n: s.den, audits: s.audits }, Value::Low(s), Value::High(s)],
                _ => [Value::text(""), Value::text(""), Value::text("")],
            };
            r.extend(added);
        }
    }
}

/// Hides counts from 1 to `threshold - 1`, and every figure derived from
/// fewer audits (as published statistics do): percentages, their
/// denominators and intervals, and what a comparison of them says.
pub fn suppress(tables: &mut [Table], threshold: u64) {
    for v in tables.iter_mut().flat_map(|t| t.rows.iter_mut()).flat_map(|r| r.iter_mut()) {
        if v.hidden_below(threshold) {
            *v = Value::Hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_percentage_gets_its_n_and_interval_and_small_ones_are_hidden() {
        let mut t = Table::new(
            "x",
            "X",
            &["month", "pct_good", "pct_bad"],
            vec![
                vec![Value::text("a"), Value::Pct(Share::of(3, 4)), Value::Pct(Share::from(6, 40, 4))],
                vec![Value::text("b"), Value::Pct(Share::of(81, 263)), Value::Pct(Share::of(0, 0))],
            ],
        );
        add_intervals(&mut t);
        assert_eq!(
            t.columns,
            [
                "month",
                "pct_good",
                "pct_bad",
                "n_good",
                "ci_low_good",
                "ci_high_good",
                "n_bad",
                "ci_low_bad",
                "ci_high_bad"
            ]
        );
        assert_eq!(t.intervals, [[1, 3, 4, 5], [2, 6, 7, 8]]);
        // Newcombe's 81 of 263: 25.53% to 36.62%.
        assert_eq!(Share::of(81, 263).interval(), Some((255, 366)));
        assert_eq!(Share::of(0, 0).interval(), None);
        let mut tables = [t];
        suppress(&mut tables, 5);
        let [t] = tables;
        // 3 of 4 audits: hidden, n and interval too; 6 of 40 answers from 4
        // audits: hidden though 40 is not small.
        assert!(t.rows[0][1..].iter().all(|v| *v == Value::Hidden), "{:?}", t.rows[0]);
        assert_eq!(t.rows[1][1], Value::Pct(Share::of(81, 263)));
        assert_eq!(t.rows[1][3], Value::CountOf { n: 263, audits: 263 });
        assert_eq!(t.rows[1][6], Value::CountOf { n: 0, audits: 0 });
    }

    #[test]
    fn one_percentage_column_gets_plain_names() {
        let mut t = Table::new("s", "S", &["measure", "value"], vec![vec![Value::text("m"), Value::text("10%")]]);
        t.rows.push(vec![Value::text("p"), Value::Pct(Share::of(1, 2))]);
        add_intervals(&mut t);
        assert_eq!(t.columns, ["measure", "value", "n", "ci_low", "ci_high"]);
        assert_eq!(t.rows[0][2], Value::text(""));
    }
}
