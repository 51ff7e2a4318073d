//! Group rules, over the rows that share `groups.by`: run when a group ends, so
//! memory holds one group at a time.

use super::plan::{GCheck, GroupRow, Groups, in_list, shown};
use super::{Column, Engine, Finding};
use crate::calendar::Calendar;
use crate::check::Severity;
use crate::check::cast::CellValue;
use chrono::NaiveDate;

/// The group rules over one group's rows, when the group ends; findings in
/// line order.
fn evaluate(
    cal: &Calendar,
    g: &Groups,
    columns: &[Column],
    key: &str,
    mut rows: Vec<GroupRow>,
    out: &mut Vec<Finding>,
) {
    if let Some(o) = g.order_by {
        rows.sort_by_key(|r| (date(r, o).is_none(), date(r, o)));
    }
    let col = |i: usize| &columns[g.held[i]];
    let mut found = Vec::new();
    for check in &g.checks {
        let (rule, severity, broken) = match check {
            GCheck::Before { field, date: d, first, then, severity } => {
                ("before", severity, before(&rows, key, *field, *d, first, then))
            }
            GCheck::NoGap { start, end, only, allow, allow_text, severity } => {
                let only = |r: &GroupRow| {
                    only.as_ref().is_none_or(|c| c.one_of.as_ref().is_none_or(|l| in_list(l, &r.raw[c.field])))
                };
                let gaps = no_gap(&rows, key, &only, (*start, *end), cal, (allow, allow_text));
                ("no-gap", severity, gaps)
            }
            GCheck::AtLeast { field, one_of, count, label, severity } => {
                let n = rows.iter().filter(|r| in_list(one_of, &r.raw[*field])).count();
                let short = (n < *count).then(|| rows.iter().min_by_key(|r| r.line)).flatten().map(|r| {
                    let have = if *count == 1 { "no".to_string() } else { format!("{n} of the {count} needed") };
                    (r, *field, format!("{key}: {have} {label}"))
                });
                ("at-least", severity, short.into_iter().collect())
            }
        };
        found.extend(broken.into_iter().map(|(r, i, message)| Finding {
            line: r.line,
            record: r.record,
            column: col(i).index.map(|x| x + 1),
            field: col(i).name.clone(),
            rule,
            severity: *severity,
            message,
        }));
    }
    found.sort_by_key(|f| (f.line, f.column));
    out.extend(found);
}

/// A held date cell of a group's row.
fn date(r: &GroupRow, i: usize) -> Option<NaiveDate> {
    r.values[i].as_ref().and_then(CellValue::as_date)
}

/// A finding about a row: the row, the held column, the message.
type Broken<'r> = (&'r GroupRow, usize, String);

/// `before`: each row whose `field` is one of `then` comes after the first
/// row that is one of `first` (documents in order per child).
fn before<'r>(
    rows: &'r [GroupRow],
    key: &str,
    field: usize,
    d: usize,
    first: &[String],
    then: &[String],
) -> Vec<Broken<'r>> {
    let earliest =
        rows.iter().filter(|r| in_list(first, &r.raw[field])).filter_map(|r| date(r, d).map(|x| (x, r.line))).min();
    let mut out = Vec::new();
    for r in rows.iter().filter(|r| in_list(then, &r.raw[field])) {
        let what = r.raw[field].trim();
        match (earliest, date(r, d)) {
            (None, _) => out.push((r, field, format!("{key}: '{what}' with no {} before it", first.join(" or ")))),
            (Some((e, line)), Some(x)) if x < e => out.push((
                r,
                field,
                format!("{key}: '{what}' dated {x} is before the first {} ({e}, line {line})", first.join(" or ")),
            )),
            _ => {}
        }
    }
    out
}

/// `no-gap`: the periods (`start` to `end`) follow one another with no gap
/// longer than `allow` (involvements on transfer).
fn no_gap<'r>(
    rows: &'r [GroupRow],
    key: &str,
    only: &dyn Fn(&GroupRow) -> bool,
    (start, end): (usize, usize),
    cal: &Calendar,
    (allow, allow_text): (&crate::calendar::offset::Offset, &str),
) -> Vec<Broken<'r>> {
    let mut periods: Vec<&GroupRow> = rows.iter().filter(|r| only(r)).filter(|r| date(r, start).is_some()).collect();
    periods.sort_by_key(|r| date(r, start));
    let mut out = Vec::new();
    let mut reach: Option<(NaiveDate, u64)> = None;
    for r in periods {
        let s = date(r, start).expect("filtered");
        if let Some((last_end, line)) = reach {
            // The next period may start up to `allow` after the last ends.
            let limit = allow.apply(cal, last_end, false).unwrap_or(last_end);
            if s > limit {
                let days = (s - last_end).num_days() - 1;
                out.push((
                    r,
                    start,
                    format!("{key}: {days} days with no involvement between the one ending {last_end} (line {line}) and this one starting {s} (allowed: {allow_text})"),
                ));
            }
        }
        match date(r, end) {
            Some(e) => {
                if reach.is_none_or(|(x, _)| e > x) {
                    reach = Some((e, r.line));
                }
            }
            // Still open: nothing after it can leave a gap.
            None => reach = Some((NaiveDate::MAX, r.line)),
        }
    }
    out
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
