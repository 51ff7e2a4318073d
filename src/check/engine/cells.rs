//! The cell checks of one row: missing values, the type cast, each constraint,
//! and the unique and primary keys (see [`super::seen::Keys`]).

use super::plan::shown;
use super::seen::push_part;
use super::{Column, Engine, Finding, Table};
use crate::check::Severity;
use crate::check::cast::CellValue;

/// The text a value is compared by for `unique` (`01` and `1` as integers are
/// the same value).
pub(super) fn unique_text<'v>(value: Option<&CellValue>, raw: &'v str) -> std::borrow::Cow<'v, str> {
    match value {
        None | Some(CellValue::Text(_)) => std::borrow::Cow::Borrowed(raw),
        Some(v) => std::borrow::Cow::Owned(v.key()),
    }
}

/// What breaks a column's constraints in a cell that is present and of its
/// type: not one of the listed values, not matching the pattern, out of
/// range, too short or too long (Table Schema `constraints`).
#[inline]
fn constraint_errors(col: &Column, value: Option<&CellValue>, raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let compare = |limit: &CellValue| match (value, limit) {
        (Some(v), l) => v.compare(l),
        (None, CellValue::Text(t)) => Some(raw.cmp(t.as_str())),
        (None, _) => None,
    };
    if let Some((list, text)) = &col.one_of
        && !list.iter().any(|v| compare(v).is_some_and(|o| o.is_eq()))
    {
        out.push(format!("{}: {} is not one of {text}", col.label, shown(raw)));
    }
    if let Some((re, text)) = &col.pattern
        && !re.is_match(raw)
    {
        out.push(format!("{}: {} does not match the pattern {text}", col.label, shown(raw)));
    }
    if let Some((min, text)) = &col.minimum
        && compare(min).is_some_and(|o| o.is_lt())
    {
        out.push(format!("{}: {} is below the minimum {text}", col.label, shown(raw)));
    }
    if let Some((max, text)) = &col.maximum
        && compare(max).is_some_and(|o| o.is_gt())
    {
        out.push(format!("{}: {} is above the maximum {text}", col.label, shown(raw)));
    }
    if col.is_text && (col.min_length.is_some() || col.max_length.is_some()) {
        let len = raw.chars().count();
        if col.min_length.is_some_and(|m| len < m) {
            out.push(format!(
                "{} has {len} characters; at least {} are needed",
                col.label,
                col.min_length.unwrap_or(0)
            ));
        }
        if col.max_length.is_some_and(|m| len > m) {
            out.push(format!(
                "{} has {len} characters; at most {} are allowed",
                col.label,
                col.max_length.unwrap_or(0)
            ));
        }
    }
    out
}

impl<'a> Engine<'a> {
    /// Checks the current record of `file`, appending findings to `out`.
    pub fn row<T: Table>(&mut self, row: &T, out: &mut Vec<Finding>) {
        let (line, record) = (row.line(), row.record());
        if record == 1 {
            self.reserve(row.expected_records());
        }
        let finding = |col: &Column, rule: &'static str, severity: Severity, message: String| Finding {
            line,
            record,
            column: col.index.map(|i| i + 1),
            field: col.name.clone(),
            rule,
            severity,
            message,
        };
        for (i, col) in self.columns.iter_mut().enumerate() {
            self.values[i] = None;
            self.missing[i] = true;
            let Some(index) = col.index else { continue };
            let raw = row.raw(index);
            if col.keep_raw {
                self.raw[i].clear();
                self.raw[i].push_str(&raw);
            }
            if col.missing.contains(&raw) {
                if col.required {
                    let message = if raw.trim().is_empty() {
                        format!("{} is required but blank", col.label)
                    } else {
                        format!("{} is required, and {} counts as missing", col.label, shown(&raw))
                    };
                    out.push(finding(col, "constraint-error", Severity::Error, message));
                }
                continue;
            }
            self.missing[i] = false;
            // Text is compared as it stands, never copied into a value.
            let value =
                if col.is_text { col.kind.accepts(&raw).then_some(None) } else { col.kind.cast(&raw).map(Some) };

            let Some(value) = value else {
                // Why, where more can be said (a date that does not exist, or in US order).
                let why =
                    col.kind.why_not(&raw).unwrap_or_else(|| format!("{} is not {}", shown(&raw), col.kind.describe()));
                out.push(finding(col, "type-error", Severity::Error, format!("{}: {why}", col.label)));
                continue;
            };
            if col.constrained {
                for message in constraint_errors(col, value.as_ref(), &raw) {
                    out.push(finding(col, "constraint-error", Severity::Error, message));
                }
            }
            if let Some(seen) = &mut col.unique
                && !{
                    self.key.clear();
                    push_part(&mut self.key, &unique_text(value.as_ref(), &raw));
                    seen.insert(&self.key)
                }
            {
                out.push(finding(
                    col,
                    "unique-error",
                    Severity::Error,
                    format!("{}: {} appears on an earlier row; each must be unique", col.label, shown(&raw)),
                ));
            }
            self.values[i] = value;
        }
        self.primary_key_row(line, record, out);
        self.row_rules(line, record, out);
        self.group_row(line, record, out);
    }

    /// Sizes the sets `unique` and `primaryKey` fill from the file's size and its
    /// first row, rather than growing them (and copying them) twenty times.
    pub(super) fn reserve(&mut self, rows: Option<usize>) {
        let Some(rows) = rows else { return };
        for c in &mut self.columns {
            if let Some(seen) = &mut c.unique {
                seen.reserve(rows);
            }
        }
        if let Some((_, seen)) = &mut self.primary_key {
            seen.reserve(rows);
        }
    }

    /// Whether no key of `later`, an engine that checked the rows after this
    /// one's at the same time, can be one this engine has seen: each key
    /// here, primary or unique, is less than each key there. Then the two
    /// found every repeated key between them.
    pub fn keys_before(&self, later: &Engine) -> bool {
        let key = match (&self.primary_key, &later.primary_key) {
            (Some((_, a)), Some((_, b))) => a.all_before(b),
            _ => true,
        };
        key && self.columns.iter().zip(&later.columns).all(|(a, b)| match (&a.unique, &b.unique) {
            (Some(a), Some(b)) => a.all_before(b),
            _ => true,
        })
    }

    /// Whether a key set has had to fingerprint its keys (they came out of
    /// order), so that [`keys_before`](Self::keys_before) cannot hold.
    pub fn keys_hashed(&self) -> bool {
        self.primary_key
            .iter()
            .map(|(_, k)| k)
            .chain(self.columns.iter().filter_map(|c| c.unique.as_ref()))
            .any(|k| k.hashed())
    }

    pub(super) fn primary_key_row(&mut self, line: u64, record: u64, out: &mut Vec<Finding>) {
        let Some((cols, seen)) = &mut self.primary_key else { return };
        if cols.iter().any(|&c| self.missing[c] || self.columns[c].index.is_none()) {
            return; // reported as required
        }
        self.key.clear();
        for &c in cols.iter() {
            push_part(&mut self.key, &unique_text(self.values[c].as_ref(), &self.raw[c]));
        }
        if !seen.insert(&self.key) {
            let names: Vec<&str> = cols.iter().map(|&c| self.columns[c].name.as_str()).collect();
            let labels: Vec<&str> = cols.iter().map(|&c| self.columns[c].label.as_str()).collect();
            let shown_key: Vec<String> = cols.iter().map(|&c| self.raw[c].clone()).collect();
            out.push(Finding {
                line,
                record,
                column: self.columns[cols[0]].index.map(|i| i + 1),
                field: names.join(","),
                rule: "primary-key",
                severity: Severity::Error,
                message: format!("the key {} = {} appears on an earlier row", labels.join(", "), shown_key.join(", ")),
            });
        }
    }
}
