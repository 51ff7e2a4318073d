//! `due --worklist`: writing the day's record audits, with the findings of the
//! cases' record fields when `--check-with` gives exports.

use crate::io::output::{Cell, RowStream};
use crate::timescales::worklist::{Tally, Worklist};
use std::collections::{BTreeMap, HashSet};

/// For each `--check-with` export (by name), the findings per case id for the
/// ids given; an id with no rows in it is absent.
pub(super) type FindingsOf<'a> = dyn Fn(&HashSet<&str>) -> anyhow::Result<Vec<(String, BTreeMap<String, usize>)>> + 'a;

/// Writes the worklist in working order; returns what it held.
pub(super) fn write(list: Worklist, s: &mut RowStream, check: Option<&FindingsOf<'_>>) -> anyhow::Result<Tally> {
    let text = |v: Option<String>| v.map_or(Cell::Empty, Cell::Text);
    let rows = list.into_rows();
    let tally = Tally::of(&rows);
    let exports = check.map(|c| c(&rows.iter().map(|e| &*e.case_id).collect())).transpose()?;
    for e in rows {
        // The findings in the exports that have the case's rows, and the
        // exports that have none (blank findings if none has any).
        let checked = exports.as_ref().map(|exports| {
            let found: Vec<usize> = exports.iter().filter_map(|(_, n)| n.get(&*e.case_id).copied()).collect();
            let not_in: Vec<&str> =
                exports.iter().filter(|(_, n)| !n.contains_key(&*e.case_id)).map(|(file, _)| file.as_str()).collect();
            let total = if found.is_empty() { Cell::Empty } else { Cell::Int(found.iter().sum::<usize>() as i64) };
            [total, Cell::Text(not_in.join("; "))]
        });
        let row: Vec<Cell> = [
            Cell::Static(e.group.as_str()),
            Cell::Shared(e.case_id),
            text(e.team),
            text(e.worker),
            Cell::Text(e.event.name().to_string()),
            Cell::Date(e.event_date),
            Cell::Shared(e.obligation),
            Cell::Date(e.due),
            Cell::Static(e.status.as_str()),
            e.days_left.map_or(Cell::Empty, Cell::Int),
            e.note.map_or(Cell::Empty, Cell::Shared),
        ]
        .into_iter()
        .chain(checked.into_iter().flatten())
        .collect();
        s.row(&row)?;
    }
    Ok(tally)
}
