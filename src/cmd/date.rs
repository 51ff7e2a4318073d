//! `caseaudit date DATE OFFSET`: a date calculator on the bank-holiday calendar
//! (docs/due.md, docs/reference/conventions.md). Prints one ISO date; with `--format`, a one-row table
//! (`from,offset,date`) in that format.

use crate::Outcome;
use crate::calendar::offset::Offset;
use crate::error::UsageError;
use crate::global::Global;
use crate::io::output::{self, Cell, Report, Section};
use chrono::NaiveDate;
use std::io::Write;

pub const DATE_HELP: &str = "\
Examples:
  caseaudit date 2026-11-20 \"15 working days\"     # 2026-12-11
  caseaudit date 24/12/2026 \"1 working day\"       # 2026-12-29 (Christmas,
                                                  # Boxing Day substitute)
  caseaudit date 2026-01-31 \"1 month\"             # 2026-02-28 (the month's
                                                  # last day)
  caseaudit date 2026-12-11 \"-15 working days\"    # 2026-11-20
  caseaudit --count-event-day date 2026-11-20 \"15 working days\"
                                                  # 2026-12-10

'N working days' is the N-th working day strictly after the date (the date
itself never counts); --count-event-day counts it as day 1 when it is a
working day, and on a weekend or bank holiday counts the working day before
it as day 1, as the DfE CIN census validator does.

Exit codes: 0 the date is printed; 2 a bad date or offset.";

#[derive(Debug, clap::Args)]
pub struct DateArgs {
    /// The starting date (YYYY-MM-DD or DD/MM/YYYY)
    #[arg(value_parser = crate::global::parse_date_arg, allow_hyphen_values = true)]
    pub date: NaiveDate,
    /// 'N working days', 'N days', 'N weeks' or 'N months'; a leading '-' means before
    #[arg(allow_hyphen_values = true)]
    pub offset: String,
}

pub fn run(args: &DateArgs, g: &Global) -> anyhow::Result<Outcome> {
    let (date, offset) = (args.date, args.offset.as_str());
    let parsed = Offset::parse(offset).map_err(UsageError)?;
    let cal = g.calendar()?;
    let result = parsed.apply(&cal, date, g.count_event_day)?;
    // A table with --format, or when -o names a file whose kind holds one (a
    // workbook, JSON, CSV); else the date alone, as a script reads it.
    let file_holds_a_table = g.output.as_ref().and_then(|p| p.extension()).is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        output::EXTENSIONS.iter().any(|(x, f)| *x == e && *f != output::Format::Table)
    });
    if g.format.is_some() || file_holds_a_table {
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
        None => crate::io::output::stdout().write_all(line.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
