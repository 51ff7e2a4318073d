//! `caseaudit date DATE OFFSET`: a date calculator on the bank-holiday calendar
//! (SPEC §5, §8). Prints one ISO date.

use crate::Outcome;
use crate::calendar::offset::Offset;
use crate::cli::Global;
use crate::error::UsageError;
use chrono::NaiveDate;
use std::io::Write;

pub fn run(date: NaiveDate, offset: &str, g: &Global) -> anyhow::Result<Outcome> {
    let offset = Offset::parse(offset).map_err(UsageError)?;
    let cal = g.calendar()?;
    let result = offset.apply(&cal, date, g.count_event_day)?;
    let line = format!("{}\n", result.format("%Y-%m-%d"));
    match &g.output {
        Some(p) => crate::io::output::write_atomic(p, line.as_bytes())?,
        None => std::io::stdout().lock().write_all(line.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
