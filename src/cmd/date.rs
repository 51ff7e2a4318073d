//! `caseaudit date DATE OFFSET`: a date calculator on the bank-holiday calendar
//! (SPEC §5, §8). Prints one ISO date; with `--format`, a one-row table
//! (`from,offset,date`) in that format.

use crate::Outcome;
use crate::calendar::offset::Offset;
use crate::cli::Global;
use crate::error::UsageError;
use crate::io::output::{self, Cell, Report, Section};
use chrono::NaiveDate;
use std::io::Write;

pub fn run(date: NaiveDate, offset: &str, g: &Global) -> anyhow::Result<Outcome> {
    let parsed = Offset::parse(offset).map_err(UsageError)?;
    let cal = g.calendar()?;
    let result = parsed.apply(&cal, date, g.count_event_day)?;
    if g.format.is_some() {
        let columns = ["from", "offset", "date"].map(String::from).to_vec();
        let row = vec![Cell::Date(date), Cell::text(offset.trim()), Cell::Date(result)];
        let report = Report {
            sections: vec![Section { name: "date", title: "", columns, rows: vec![row] }],
            json_object: false,
        };
        output::emit(&report, &g.output())?;
        return Ok(Outcome::Clean);
    }
    let line = format!("{}\n", result.format("%Y-%m-%d"));
    match &g.output {
        Some(p) => output::write_atomic(p, line.as_bytes())?,
        None => std::io::stdout().lock().write_all(line.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
