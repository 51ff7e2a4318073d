//! `caseaudit due EVENT DATE`: the obligations one event starts (SPEC §5), with
//! due dates on the working-day calendar and each rule's source.

use crate::Outcome;
use crate::calendar::offset::Offset;
use crate::cli::{DueArgs, Global};
use crate::error::UsageError;
use crate::io::output::{self, Cell, Report, Section};
use crate::timescales::{self, DETAILS, Facts};

/// Days within which an open obligation is "due soon".
pub const DUE_SOON: &str = "5 working days";

pub fn run(args: &DueArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = timescales::load(&args.timescales)?;
    let event = args.event.trim().to_ascii_lowercase();
    if !set.knows_event(&event) {
        return Err(UsageError(format!(
            "unknown event '{}'; known events: {}",
            args.event,
            timescales::EVENTS.join(", ")
        ))
        .into());
    }
    let details: Vec<String> =
        args.detail.iter().map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty()).collect();
    if let Some(bad) = details.iter().find(|d| !DETAILS.contains(&d.as_str())) {
        return Err(UsageError(format!("unknown --detail '{bad}'; known: {}", DETAILS.join(", "))).into());
    }
    let cal = g.calendar()?;
    let facts = Facts { details, dob: args.dob };
    let dues = set.obligations(&event, args.date, &facts, &cal, g.count_event_day)?;

    let mut columns: Vec<String> = ["case_id", "event", "event_date", "obligation", "due", "rule", "source"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if args.as_of.is_some() {
        columns.extend(["status".to_string(), "days_left".to_string()]);
    }
    let soon = Offset::parse(DUE_SOON).map_err(UsageError)?;
    let mut overdue = 0;
    let mut rows = Vec::new();
    for d in &dues {
        let mut row = vec![
            Cell::Empty,
            Cell::text(event.clone()),
            Cell::Date(args.date),
            Cell::text(d.obligation.clone()),
            Cell::Date(d.due),
            Cell::text(d.rule.clone()),
            Cell::text(d.source.clone()),
        ];
        if let Some(as_of) = args.as_of {
            let status = if d.due < as_of {
                overdue += 1;
                "overdue"
            } else if d.due <= soon.apply(&cal, as_of, false)? {
                "due-soon"
            } else {
                "open"
            };
            row.push(Cell::text(status));
            row.push(Cell::Int((d.due - as_of).num_days()));
        }
        rows.push(row);
    }
    let report = Report { sections: vec![Section { name: "due", title: "Due", columns, rows }], json_object: false };
    output::emit(&report, &g.output())?;
    if dues.is_empty() {
        g.note(&format!("{event} starts no obligation in the '{}' timescales", set.name));
    }
    Ok(if overdue > 0 { Outcome::Found } else { Outcome::Clean })
}
