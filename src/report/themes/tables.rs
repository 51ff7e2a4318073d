//! The theme tables: how many audits (or family responses) mention each
//! theme, month by month and by team, with the share and its interval; the
//! evidence behind each count, for the QA team; and every match, for
//! `--explain-themes`. An audit mentions a theme when any of its free-text
//! fields holds a mention that counts for it (not negated, or negated and
//! counting for the theme named under `negated`); it is counted once however
//! often it mentions it.

use super::Themes;
use super::matcher::{Mention, excerpt};
use crate::calendar::dates::Month;
use crate::model::audit::Completed;
use crate::report::value::{Share, Table, Value};
use std::collections::BTreeSet;

/// The mentions found in one record's free text: (the field's position in
/// `texts`, the mention).
pub struct Found<'a> {
    pub record: &'a Completed,
    pub mentions: Vec<(usize, Mention)>,
}

impl Found<'_> {
    /// The themes the record counts for.
    pub fn counted(&self) -> BTreeSet<usize> {
        self.mentions.iter().filter_map(|(_, m)| m.counts_for).collect()
    }
}

/// Every mention in every free-text field of `records`, in their order.
pub fn find<'a>(themes: &Themes, records: &[&'a Completed]) -> Vec<Found<'a>> {
    records
        .iter()
        .map(|r| Found {
            record: r,
            mentions: r
                .texts
                .iter()
                .enumerate()
                .flat_map(|(k, t)| themes.matcher.find(&t.text).into_iter().map(move |m| (k, m)))
                .collect(),
        })
        .collect()
}

/// What a theme table counts: audits, or family responses.
pub struct Unit {
    pub name: &'static str,
    pub title: &'static str,
    /// The count's column and the percentage's.
    pub columns: [&'static str; 2],
}

pub const AUDITS: Unit =
    Unit { name: "themes", title: "Themes: strengths and barriers", columns: ["audits_mentioning", "pct_of_audits"] };

pub const RESPONSES: Unit = Unit {
    name: "feedback-themes",
    title: "Themes in what families said",
    columns: ["responses_mentioning", "pct_of_responses"],
};

/// For each group of records (its first cell), each theme: the records
/// mentioning it and their share of the group.
fn rows_by(themes: &Themes, groups: Vec<(Value, Vec<&Found>)>) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    for (label, found) in groups {
        let counted: Vec<BTreeSet<usize>> = found.iter().map(|f| f.counted()).collect();
        for (i, t) in themes.themes.iter().enumerate() {
            let k = counted.iter().filter(|c| c.contains(&i)).count();
            rows.push(vec![
                label.clone(),
                Value::text(t.id.clone()),
                Value::text(t.label.clone()),
                Value::text(t.kind.word()),
                Value::Count(k as u64),
                Value::Pct(Share::of(k, found.len())),
            ]);
        }
    }
    rows
}

/// Month by month, then `all` for the period.
pub fn by_month(themes: &Themes, found: &[Found], months: &[Month], unit: &Unit) -> Table {
    let groups = months
        .iter()
        .map(|&m| (Value::Month(m), found.iter().filter(|f| f.record.month == Some(m)).collect()))
        .chain([(Value::text("all"), found.iter().collect())])
        .collect();
    let [count, pct] = unit.columns;
    Table::new(unit.name, unit.title, &["month", "theme", "label", "kind", count, pct], rows_by(themes, groups))
}

/// Over the period, team by team (the header's team).
pub fn by_team(themes: &Themes, found: &[Found]) -> Table {
    let teams: BTreeSet<&str> = found.iter().map(|f| f.record.team.as_str()).collect();
    let groups =
        teams.into_iter().map(|t| (Value::text(t), found.iter().filter(|f| f.record.team == t).collect())).collect();
    let [count, pct] = AUDITS.columns;
    let columns = ["team", "theme", "label", "kind", count, pct];
    Table::new("themes-by-team", "Themes by team", &columns, rows_by(themes, groups))
}

/// Where each count comes from: for each theme, each field of each record
/// that counts for it, with a short excerpt. For the QA team: it names
/// files and quotes what was written, so it is never on the web page.
pub fn evidence(themes: &Themes, found: &[&Found]) -> Table {
    let mut rows = Vec::new();
    for (i, t) in themes.themes.iter().enumerate() {
        for f in found {
            let mut fields: Vec<usize> = Vec::new();
            for (k, m) in f.mentions.iter().filter(|(_, m)| m.counts_for == Some(i)) {
                if fields.contains(k) {
                    continue;
                }
                fields.push(*k);
                let text = &f.record.texts[*k];
                rows.push(vec![
                    Value::text(t.id.clone()),
                    Value::text(t.kind.word()),
                    Value::text(f.record.template.clone()),
                    Value::text(f.record.file.clone()),
                    Value::text(text.field.clone()),
                    Value::text(excerpt(&text.text, m.start, m.end)),
                ]);
            }
        }
    }
    let columns = ["theme", "kind", "template", "file", "field", "excerpt"];
    Table::new("theme-evidence", "Themes: where each was found (for the QA team)", &columns, rows)
}

/// Every match, negated or not, and what it counts for: `--explain-themes`.
pub fn matches(themes: &Themes, found: &[&Found]) -> Table {
    let mut rows = Vec::new();
    for f in found {
        for (k, m) in &f.mentions {
            let text = &f.record.texts[*k];
            rows.push(vec![
                Value::text(f.record.file.clone()),
                Value::text(text.field.clone()),
                Value::text(themes.themes[m.theme].id.clone()),
                Value::text(m.phrase.clone()),
                Value::text(m.negation.clone().unwrap_or_default()),
                Value::text(m.counts_for.map(|c| themes.themes[c].id.clone()).unwrap_or_default()),
                Value::text(excerpt(&text.text, m.start, m.end)),
            ]);
        }
    }
    let columns = ["file", "field", "theme", "matched", "negated_by", "counts_for", "excerpt"];
    Table::new("theme-matches", "Every theme match, and what it counts for", &columns, rows)
}
