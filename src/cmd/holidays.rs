//! `caseaudit holidays [--year Y | --from Y --to Y]`: bank holidays of the region
//! (and any `--closures`), columns `date,name`.

use crate::Outcome;
use crate::calendar::{FIRST_YEAR, LAST_YEAR};
use crate::error::UsageError;
use crate::global::Global;
use crate::io::output::{self, Cell, Report, Section};
use chrono::Datelike;

pub const HOLIDAYS_HELP: &str = "Examples:\n  caseaudit holidays --year 2026\n  caseaudit holidays --region scotland --from 2026 --to 2028 --format json\n\nExit codes: 0 listed; 2 a year outside 1978-2200, or an unreadable\n--closures file.";

#[derive(Debug, clap::Args)]
pub struct HolidaysArgs {
    /// One year [default: this year]
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub year: Option<i32>,
    /// First year of a range
    #[arg(long, requires = "to")]
    pub from: Option<i32>,
    /// Last year of a range
    #[arg(long, requires = "from")]
    pub to: Option<i32>,
}

pub fn run(args: &HolidaysArgs, g: &Global) -> anyhow::Result<Outcome> {
    let (year, from, to) = (args.year, args.from, args.to);
    let (first, last) = match (year, from, to) {
        (Some(y), _, _) => (y, y),
        (None, Some(f), Some(t)) => (f, t),
        _ => {
            let y = g.today().year();
            (y, y)
        }
    };
    for y in [first, last] {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&y) {
            return Err(UsageError(format!(
                "{y} is outside the years {FIRST_YEAR}–{LAST_YEAR} that the calendar covers"
            ))
            .into());
        }
    }
    if first > last {
        return Err(UsageError(format!("--from {first} is after --to {last}")).into());
    }
    let cal = g.calendar()?;
    let rows = cal.holidays(first..=last).into_iter().map(|h| vec![Cell::Date(h.date), Cell::text(h.name)]).collect();
    let report = Report {
        sections: vec![Section {
            name: "holidays",
            title: "Holidays",
            columns: vec!["date".into(), "name".into()],
            rows,
        }],
        json_object: false,
    };
    output::emit(&report, &g.output())?;
    Ok(Outcome::Clean)
}
