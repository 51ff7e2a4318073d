//! Row rules: a condition on the row's cells (`when`), then a comparison
//! between them (`check`), each finding naming the rule.

use super::plan::{Check, Cond, in_list, shown};
use super::{Engine, Finding};
use crate::check::Severity;
use crate::check::cast::CellValue;
use chrono::NaiveDate;

impl<'a> Engine<'a> {
    pub(super) fn holds(&self, c: &Cond) -> bool {
        if self.missing[c.field] {
            return false;
        }
        c.one_of.as_ref().is_none_or(|list| in_list(list, &self.raw[c.field]))
    }

    pub(super) fn date(&self, i: usize) -> Option<NaiveDate> {
        self.values[i].as_ref().and_then(CellValue::as_date)
    }

    pub(super) fn row_rules(&self, line: u64, record: u64, out: &mut Vec<Finding>) {
        for check in &self.checks {
            let push = |out: &mut Vec<Finding>, col: usize, rule: &'static str, severity: Severity, message: String| {
                let c = &self.columns[col];
                out.push(Finding {
                    line,
                    record,
                    column: c.index.map(|i| i + 1),
                    field: c.name.clone(),
                    rule,
                    severity,
                    message,
                });
            };
            match check {
                Check::RequiredIf { field, when, severity } => {
                    if self.columns[*field].index.is_some() && self.missing[*field] && self.holds(when) {
                        let w = &self.columns[when.field].label;
                        push(
                            out,
                            *field,
                            "required-if",
                            *severity,
                            format!(
                                "{} is blank, and is required when {w} is {}",
                                self.columns[*field].label,
                                shown(&self.raw[when.field])
                            ),
                        );
                    }
                }
                Check::NotBefore { field, other, severity } => {
                    if let (Some(a), Some(b)) = (self.date(*field), self.date(*other))
                        && a < b
                    {
                        push(
                            out,
                            *field,
                            "not-before",
                            *severity,
                            format!("{} is before {}", self.columns[*field].dated(a), self.columns[*other].dated(b)),
                        );
                    }
                }
                Check::Within { field, of, limit, text, when, unless, severity } => {
                    if when.as_ref().is_some_and(|c| !self.holds(c)) || unless.as_ref().is_some_and(|c| self.holds(c)) {
                        continue;
                    }
                    let (Some(done), Some(start)) = (self.date(*field), self.date(*of)) else { continue };
                    let Ok(deadline) = limit.apply(self.cx.calendar, start, self.cx.count_event_day) else { continue };
                    if done > deadline {
                        let (f, o) = (self.columns[*field].dated(done), self.columns[*of].dated(start));
                        push(
                            out,
                            *field,
                            "within",
                            *severity,
                            format!("{f} is more than {text} after {o}: due by {deadline}"),
                        );
                    }
                }
                Check::NotFuture { fields, severity } => {
                    for &f in fields {
                        if let Some(d) = self.date(f)
                            && d > self.cx.today
                        {
                            push(
                                out,
                                f,
                                "not-future",
                                *severity,
                                format!("{} is after today ({})", self.columns[f].dated(d), self.cx.today),
                            );
                        }
                    }
                }
            }
        }
    }
}
