//! Group rules, over the rows that share `groups.by`: run when a group ends, so
//! memory holds one group at a time.

use super::compile::Cond;
use super::rows::{evaluate, shown};
use super::{Engine, Finding};
use crate::calendar::offset::Offset;
use crate::check::Severity;
use crate::check::cast::CellValue;

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

impl<'a> Engine<'a> {
    pub(super) fn group_row(&mut self, line: u64, record: u64, out: &mut Vec<Finding>) {
        let Some(g) = &mut self.groups else { return };
        let key = self.raw[g.by].trim().to_string();
        if g.current.as_deref() != Some(key.as_str()) {
            let done = std::mem::take(&mut g.rows);
            if let Some(prev) = g.current.take() {
                evaluate(self.cx.calendar, g, &self.columns, &prev, done, out);
                g.finished.insert(prev);
            }
            if g.finished.contains(&key) {
                let by = &self.columns[g.by];
                out.push(Finding {
                    line,
                    record,
                    column: by.index.map(|i| i + 1),
                    field: by.name.clone(),
                    rule: "unsorted",
                    severity: Severity::Error,
                    message: format!(
                        "the rows are not sorted by {}: {} appears again here after other rows; the rules for each {} were checked up to this row only",
                        by.label,
                        shown(&key),
                        by.header
                    ),
                });
                self.groups = None;
                return;
            }
            g.current = Some(key);
        }
        let raw = g.held.iter().map(|&c| self.raw[c].clone()).collect();
        let values = g.held.iter().map(|&c| self.values[c].clone()).collect();
        g.rows.push(GroupRow { line, record, raw, values });
    }

    /// Ends the input: the last group's rules.
    pub fn finish(&mut self, out: &mut Vec<Finding>) {
        if let Some(g) = &mut self.groups
            && let Some(key) = g.current.take()
        {
            let rows = std::mem::take(&mut g.rows);
            evaluate(self.cx.calendar, g, &self.columns, &key, rows, out);
        }
    }
}
