//! A report as the tables `report` shows: each of the report's tables, then
//! the audits not counted; the run in a line; and why `--strict` fails.

use super::Reported;
use crate::error::{UsageError, Warning};
use crate::io::output::{Cell, Section};
use crate::report::{Table, Value};
use crate::words::count;

impl Reported {
    /// Every table, the audits not counted last.
    pub fn sections(&self) -> Vec<Section> {
        let mut sections: Vec<Section> = self.tables.iter().map(section).collect();
        sections.push(self.not_counted_table());
        sections
    }

    /// The audits not counted, each with its first error.
    fn not_counted_table(&self) -> Section {
        let rows = self
            .not_counted
            .iter()
            .map(|n| {
                let first = n.first.as_ref();
                vec![
                    Cell::text(n.file.clone()),
                    first.map_or(Cell::Empty, |f| Cell::Int(i64::from(f.line))),
                    Cell::text(first.map(|f| f.rule.code()).unwrap_or_default()),
                    Cell::text(first.map(|f| f.message.clone()).unwrap_or_default()),
                ]
            })
            .collect();
        Section {
            name: "not-counted",
            title: "Audits not counted",
            columns: ["file", "line", "rule", "first_error"].map(String::from).to_vec(),
            rows,
        }
    }

    /// The run in a line.
    pub fn line(&self) -> String {
        let first = self.months.first().map(|m| m.to_string()).unwrap_or_default();
        let feedback = match self.feedback {
            0 => String::new(),
            n => format!(" and {}", count(n, "family feedback record", "family feedback records")),
        };
        format!(
            "report: {}{feedback} counted for {first}{}; {} not counted",
            count(self.counted, "audit", "audits"),
            self.months.last().filter(|_| self.months.len() > 1).map(|l| format!(" to {l}")).unwrap_or_default(),
            self.not_counted.len()
        )
    }

    /// A period with no audit, which fails under `--strict`.
    pub fn no_audit(&self) -> Option<Warning> {
        (self.counted == 0).then(|| Warning::new("no audit in the period; check the folder and --month").strict())
    }

    /// Why `--strict` fails, if it does: audits that were not counted.
    pub fn strict_failure(&self) -> Option<String> {
        if self.not_counted.is_empty() {
            return None;
        }
        let files: Vec<&str> = self.not_counted.iter().map(|n| n.file.as_str()).collect();
        Some(format!(
            "report --strict: {} not counted (see --table not-counted for why): {}",
            count(files.len(), "audit was", "audits were"),
            crate::words::listed(&files, 20)
        ))
    }
}

/// The one table `name` of `sections`, for a format that holds one table;
/// else an error naming the tables there are.
pub fn one_table(mut sections: Vec<Section>, name: &str) -> Result<Section, UsageError> {
    let Some(pos) = sections.iter().position(|s| s.name == name) else {
        let names: Vec<&str> = sections.iter().map(|s| s.name).collect();
        let hint = crate::words::did_you_mean(name, names.iter().copied());
        return Err(UsageError(format!("no table named '{name}'{hint}; there are: {}", names.join(", "))));
    };
    Ok(sections.swap_remove(pos))
}

/// A table as an output section: a percentage, an interval's bound and a
/// difference are numbers with one decimal place (blank with no
/// denominator), a p-value text to three places, a hidden cell `c`.
fn section(t: &Table) -> Section {
    let rows = t.rows.iter().map(|r| r.iter().map(cell).collect()).collect();
    Section { name: t.name, title: t.title, columns: t.columns.clone(), rows }
}

fn cell(v: &Value) -> Cell {
    let tenths = |t: Option<i64>| t.map_or(Cell::Empty, Cell::Tenths);
    match v {
        Value::Text(s) => Cell::text(s.clone()),
        Value::Month(m) => Cell::text(m.to_string()),
        Value::Count(n) | Value::Number(n) | Value::CountOf { n, .. } => Cell::Int(*n as i64),
        Value::Verdict { yes, .. } => Cell::Static(if *yes { "yes" } else { "no" }),
        Value::Pct(s) => tenths(s.tenths()),
        Value::Low(s) => tenths(s.interval().map(|i| i.0)),
        Value::High(s) => tenths(s.interval().map(|i| i.1)),
        Value::Points { tenths: t, .. } => Cell::Tenths(*t),
        Value::Probability { p, .. } => Cell::text(crate::report::p_value(*p)),
        Value::Word { word, .. } => Cell::Static(word),
        Value::Hidden => Cell::Static("c"),
    }
}
