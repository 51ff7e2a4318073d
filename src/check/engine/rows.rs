//! Row rules: a condition on the row's cells (`when`), then a comparison
//! between them (`check`), each finding naming the rule.

use super::cells::in_list;
use super::compile::{Check, Cond};
use super::groups::{GCheck, GroupRow, Groups};
use super::{Column, Engine, Finding};
use crate::calendar::Calendar;
use crate::check::Severity;
use crate::check::cast::CellValue;
use chrono::NaiveDate;

pub(super) fn shown(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX { format!("'{}…'", s.chars().take(MAX).collect::<String>()) } else { format!("'{s}'") }
}

pub(super) fn evaluate(
    cal: &Calendar,
    g: &Groups,
    columns: &[Column],
    key: &str,
    mut rows: Vec<GroupRow>,
    out: &mut Vec<Finding>,
) {
    let (checks, held) = (&g.checks, &g.held);
    let date = |r: &GroupRow, i: usize| r.values[i].as_ref().and_then(CellValue::as_date);
    if let Some(o) = g.order_by {
        rows.sort_by_key(|r| (date(r, o).is_none(), date(r, o)));
    }
    let col = |i: usize| &columns[held[i]];
    let finding = |r: &GroupRow, i: usize, rule: &'static str, severity: Severity, message: String| Finding {
        line: r.line,
        record: r.record,
        column: col(i).index.map(|x| x + 1),
        field: col(i).name.clone(),
        rule,
        severity,
        message,
    };
    let mut found = Vec::new();
    for check in checks {
        match check {
            GCheck::Before { field, date: d, first, then, severity } => {
                let earliest = rows
                    .iter()
                    .filter(|r| in_list(first, &r.raw[*field]))
                    .filter_map(|r| date(r, *d).map(|x| (x, r.line)))
                    .min();
                for r in rows.iter().filter(|r| in_list(then, &r.raw[*field])) {
                    let what = r.raw[*field].trim();
                    match (earliest, date(r, *d)) {
                        (None, _) => found.push(finding(
                            r,
                            *field,
                            "before",
                            *severity,
                            format!("{key}: '{what}' with no {} before it", first.join(" or ")),
                        )),
                        (Some((e, line)), Some(x)) if x < e => found.push(finding(
                            r,
                            *field,
                            "before",
                            *severity,
                            format!(
                                "{key}: '{what}' dated {x} is before the first {} ({e}, line {line})",
                                first.join(" or ")
                            ),
                        )),
                        _ => {}
                    }
                }
            }
            GCheck::NoGap { start, end, only, allow, allow_text, severity } => {
                let mut periods: Vec<&GroupRow> = rows
                    .iter()
                    .filter(|r| {
                        only.as_ref().is_none_or(|c| c.one_of.as_ref().is_none_or(|l| in_list(l, &r.raw[c.field])))
                    })
                    .filter(|r| date(r, *start).is_some())
                    .collect();
                periods.sort_by_key(|r| date(r, *start));
                let mut reach: Option<(NaiveDate, u64)> = None;
                for r in periods {
                    let s = date(r, *start).expect("filtered");
                    if let Some((last_end, line)) = reach {
                        // The next period may start up to `allow` after the last ends.
                        let limit = allow.apply(cal, last_end, false).unwrap_or(last_end);
                        if s > limit {
                            let days = (s - last_end).num_days() - 1;
                            found.push(finding(
                                r,
                                *start,
                                "no-gap",
                                *severity,
                                format!("{key}: {days} days with no involvement between the one ending {last_end} (line {line}) and this one starting {s} (allowed: {allow_text})"),
                            ));
                        }
                    }
                    match date(r, *end) {
                        Some(e) => {
                            if reach.is_none_or(|(x, _)| e > x) {
                                reach = Some((e, r.line));
                            }
                        }
                        // Still open: nothing after it can leave a gap.
                        None => reach = Some((NaiveDate::MAX, r.line)),
                    }
                }
            }
            GCheck::AtLeast { field, one_of, count, label, severity } => {
                let n = rows.iter().filter(|r| in_list(one_of, &r.raw[*field])).count();
                if n < *count
                    && let Some(r) = rows.iter().min_by_key(|r| r.line)
                {
                    let have = if *count == 1 { "no".to_string() } else { format!("{n} of the {count} needed") };
                    found.push(finding(r, *field, "at-least", *severity, format!("{key}: {have} {label}")));
                }
            }
        }
    }
    found.sort_by_key(|f| (f.line, f.column));
    out.extend(found);
}

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
