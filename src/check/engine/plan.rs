//! The plan a rule set compiles to, for one file: each column's cell checks,
//! the row rules and their conditions, the group rules and the rows a group
//! holds. `compile` makes it; `cells`, `rows` and `groups` run it. The arrows
//! go one way: compile → plan ← run.

use crate::calendar::offset::Offset;
use crate::check::Severity;
use crate::check::cast::CellValue;
use regex::Regex;

/// A `pattern` constraint, matched against the whole cell: a dense DFA (one
/// table step a byte, the fastest way to test short cells) when the pattern's
/// DFA is small, else the `regex` crate (linear time either way).
pub(super) enum Pattern {
    /// The DFA, and its state before a cell's first byte (the same for every
    /// cell: nothing is looked at before it).
    Dfa(Box<regex_automata::dfa::dense::DFA<Vec<u32>>>, regex_automata::util::primitives::StateID),
    Regex(Regex),
}

/// The missing values of a column, with the lengths they come in, so most cells
/// are passed over after one bit test.
pub(super) struct Missing {
    pub(super) values: Vec<String>,
    pub(super) lengths: u64,
}

pub(super) enum Check {
    RequiredIf {
        field: usize,
        when: Cond,
        severity: Severity,
    },
    NotBefore {
        field: usize,
        other: usize,
        severity: Severity,
    },
    Within {
        field: usize,
        of: usize,
        limit: Offset,
        text: String,
        when: Option<Cond>,
        unless: Option<Cond>,
        severity: Severity,
    },
    NotFuture {
        fields: Vec<usize>,
        severity: Severity,
    },
}

impl Check {
    /// The columns a row rule reads (their cells are kept for it).
    pub(super) fn reads(&self) -> Vec<usize> {
        match self {
            Check::RequiredIf { field, when, .. } => vec![*field, when.field],
            Check::NotBefore { field, other, .. } => vec![*field, *other],
            Check::Within { field, of, when, unless, .. } => {
                let mut r = vec![*field, *of];
                r.extend(when.iter().chain(unless).map(|w| w.field));
                r
            }
            Check::NotFuture { fields, .. } => fields.clone(),
        }
    }
}

pub(super) struct Cond {
    pub(super) field: usize,
    pub(super) one_of: Option<Vec<String>>,
}

pub(super) struct GroupRow {
    pub(super) line: u64,
    pub(super) record: u64,
    pub(super) raw: Vec<String>,
    pub(super) values: Vec<Option<CellValue>>,
}

pub(super) enum GCheck {
    Before { field: usize, date: usize, first: Vec<String>, then: Vec<String>, severity: Severity },
    NoGap { start: usize, end: usize, only: Option<Cond>, allow: Offset, allow_text: String, severity: Severity },
    AtLeast { field: usize, one_of: Vec<String>, count: usize, label: String, severity: Severity },
}

pub(super) struct Groups {
    pub(super) by: usize,
    pub(super) order_by: Option<usize>,
    /// Columns held per row (indices into `Engine::columns`), and where each sits in a GroupRow.
    pub(super) held: Vec<usize>,
    pub(super) checks: Vec<GCheck>,
    pub(super) current: Option<String>,
    pub(super) rows: Vec<GroupRow>,
    pub(super) finished: hashbrown::HashSet<String, foldhash::fast::FixedState>,
}

pub(super) fn shown(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX { format!("'{}…'", s.chars().take(MAX).collect::<String>()) } else { format!("'{s}'") }
}

pub(super) fn in_list(list: &[String], text: &str) -> bool {
    let t = text.trim();
    list.iter().any(|x| x.trim().eq_ignore_ascii_case(t))
}

impl Pattern {
    pub(super) fn new(p: &str) -> Result<Pattern, String> {
        use regex_automata::dfa::{Automaton, StartKind, dense};
        use regex_automata::{Anchored, util::start};
        // Compile with `regex` first: it gives the clearest error for a bad pattern.
        let re = Regex::new(&format!("^(?:{p})$")).map_err(|e| e.to_string())?;
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .dfa_size_limit(Some(1 << 20))
                    .determinize_size_limit(Some(1 << 20)),
            )
            .build(&format!("(?:{p})$"));
        let start = |d: &dense::DFA<Vec<u32>>| d.start_state(&start::Config::new().anchored(Anchored::Yes)).ok();
        Ok(match dfa {
            Ok(d) => match start(&d) {
                Some(at) => Pattern::Dfa(Box::new(d), at),
                None => Pattern::Regex(re),
            },
            Err(_) => Pattern::Regex(re),
        })
    }

    pub(super) fn is_match(&self, s: &str) -> bool {
        use regex_automata::dfa::Automaton;
        match self {
            // The DFA walked a byte at a time: a search's set-up (it looks
            // for where a match ends, and for prefixes) cost more than the
            // walk on cells of a few bytes. The pattern ends with `$`, so a
            // match can only end at the cell's end: the state after it says.
            Pattern::Dfa(d, start) => {
                let mut state = *start;
                for &b in s.as_bytes() {
                    state = d.next_state(state, b);
                    if d.is_special_state(state) && (d.is_dead_state(state) || d.is_quit_state(state)) {
                        return false;
                    }
                }
                d.is_match_state(d.next_eoi_state(state))
            }
            Pattern::Regex(r) => r.is_match(s),
        }
    }
}

impl Missing {
    pub(super) fn new(values: Vec<String>) -> Missing {
        let lengths = values.iter().fold(0u64, |m, v| if v.len() < 63 { m | 1 << v.len() } else { m | 1 << 63 });
        Missing { values, lengths }
    }

    pub(super) fn contains(&self, s: &str) -> bool {
        let bit = 1u64 << s.len().min(63);
        // The first bytes compared before the rest (a cell as long as a
        // missing value is seldom it).
        self.lengths & bit != 0 && self.values.iter().any(|m| m.as_bytes().first() == s.as_bytes().first() && m == s)
    }
}

#[cfg(test)]
mod tests {
    use super::{Missing, Pattern};

    #[test]
    fn a_missing_value_is_the_whole_cell_exactly() {
        let m = Missing::new(["", "N/A", "n/a", "Not known"].map(String::from).to_vec());
        for (cell, is) in
            [("", true), ("N/A", true), ("n/a", true), ("n/A", false), ("X/A", false), ("Not knowx", false)]
        {
            assert_eq!(m.contains(cell), is, "{cell:?}");
        }
        assert!(!m.contains("Mot known") && !m.contains("N/A ") && !m.contains("Not known "));
    }

    /// The DFA's walk says what the `regex` crate says of the whole cell.
    #[test]
    fn patterns_match_whole_cells_as_regex_does() {
        let patterns =
            [r"\+?[0-9][0-9 ()-]{8,18}[0-9]", "N[0-9]([ -].*)?", "P[0-9]{7}", "", "a*", r"\w+@\w+\.uk", "(yes|no)?"];
        let cells = [
            "07700 900001",
            "12",
            "N2",
            "N2 - x",
            "N22",
            "P0000001",
            "P000001",
            "",
            "aaa",
            "a@b.uk",
            "é@b.uk",
            "yes",
            "no ",
            "x",
        ];
        for p in patterns {
            let re = regex::Regex::new(&format!("^(?:{p})$")).unwrap();
            let dfa = Pattern::new(p).unwrap();
            assert!(matches!(dfa, Pattern::Dfa(..)), "{p}");
            for c in cells {
                assert_eq!(dfa.is_match(c), re.is_match(c), "{p} on {c:?}");
            }
        }
    }
}
