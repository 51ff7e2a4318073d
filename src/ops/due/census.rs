//! The two tables `due` gives besides obligations: `--differs` on a CIN census
//! (each enquiry's `InitialCPCtarget` against 15 working days after its
//! start) and `--indicators` (the timeliness indicators, from a census or
//! SSDA903); and what the census reader found, said.

use super::source::Source;
use super::{Done, Out, Request, Told};
use crate::cin::Census;
use crate::error::{UsageError, Warning};
use crate::io::output::Cell;
use crate::model::census::CensusYear;
use crate::timeliness::Figure;
use crate::timeliness::cin::Tally;
use crate::timeliness::target::Differs;
use chrono::NaiveDate;

/// The columns of `--differs` on a census.
pub const DIFFERS_COLUMNS: [&str; 7] =
    ["case_id", "episode", "s47_start", "initial_cpc_target", "fifteen_working_days", "working_days_apart", "line"];

fn differs_row(d: &Differs) -> Vec<Cell> {
    vec![
        Cell::text(d.child.clone()),
        Cell::Int(i64::from(d.episode)),
        Cell::Date(d.s47_start),
        Cell::Date(d.target.date),
        Cell::Date(d.statutory),
        Cell::Int(d.working_days),
        Cell::Int(d.target.line as i64),
    ]
}

fn figure_row(f: &Figure) -> Vec<Cell> {
    let interval = f.interval_tenths();
    vec![
        Cell::text(f.period.clone()),
        Cell::Static(f.indicator.name),
        Cell::Int(f.numerator as i64),
        Cell::Int(f.denominator as i64),
        f.percent_tenths().map_or(Cell::Empty, Cell::Tenths),
        interval.map_or(Cell::Empty, |(l, _)| Cell::Tenths(l)),
        interval.map_or(Cell::Empty, |(_, h)| Cell::Tenths(h)),
        Cell::Int(f.not_counted as i64),
        Cell::text(f.note.clone()),
        Cell::Static(f.indicator.source),
    ]
}

/// `--indicators` (from a census or SSDA903 tables) and `--differs` on a
/// census: a table of their own instead of the obligations.
pub(super) fn tables(
    source: Source,
    r: &Request,
    as_of: Option<NaiveDate>,
    out: &mut dyn Out,
    tell: &mut dyn FnMut(Told),
) -> anyhow::Result<Done> {
    let columns: &[&str] = if r.indicators { &crate::timeliness::COLUMNS } else { &DIFFERS_COLUMNS };
    let (cal, mut found) = (r.calendar, false);
    let line = match source {
        Source::Census(mut census) => {
            let name = census.name().to_string();
            let year = match (census.header.reference_date, as_of) {
                (Some(r), _) => CensusYear::ending(r.date),
                (None, Some(a)) => CensusYear::ending(a),
                (None, None) => {
                    return Err(UsageError(format!(
                        "{name} has no usable <ReferenceDate>, so its census year is not known: give --as-of"
                    ))
                    .into());
                }
            };
            out.table(columns)?;
            let until = as_of.unwrap_or(year.end);
            let mut tally = Tally::new(year, until, cal, r.count_event_day);
            let mut listed = 0;
            while let Some(child) = census.next_child()? {
                findings(&mut census, tell);
                if r.indicators {
                    tally.add(&child);
                    continue;
                }
                for d in crate::timeliness::target::differs(&child, cal, r.count_event_day) {
                    out.table_row(&differs_row(&d))?;
                    listed += 1;
                }
            }
            findings(&mut census, tell);
            stray(&census, tell);
            if r.indicators {
                for f in &tally.figures() {
                    out.table_row(&figure_row(f))?;
                }
                format!(
                    "due: {name}: the indicators of census year {} from {} (as of {until})",
                    year.label(),
                    crate::words::count(census.children as usize, "child", "children")
                )
            } else {
                let how = if r.count_event_day {
                    "counting the start day as day 1, as the DfE validator does"
                } else {
                    "not counting the start day"
                };
                found = listed > 0;
                format!(
                    "due: {name}: {} whose InitialCPCtarget is not 15 working days after S47ActualStartDate ({how})",
                    crate::words::count(listed, "enquiry", "enquiries")
                )
            }
        }
        Source::Tables(x) => {
            out.table(columns)?;
            let until = as_of.unwrap_or(r.today);
            let mut tally = crate::timeliness::cla::Tally::new(until, cal, r.count_event_day);
            for case in &x.children {
                tally.add(case);
            }
            for f in &tally.figures() {
                out.table_row(&figure_row(f))?;
            }
            let period = tally.period;
            format!(
                "due: the looked-after indicators of {} to {} from {}",
                period.start,
                period.end,
                crate::words::count(x.children.len(), "child", "children")
            )
        }
        _ => {
            return Err(UsageError(
                "--indicators needs a CIN census (--events census.xml) or SSDA903 files (--columns ssda903 --events ...)".into(),
            )
            .into());
        }
    };
    Ok(Done { line, tracked: true, found, warnings: Vec::new(), skipped: 0, as_of, joined: false })
}

/// What the reader found since it was last asked, said.
pub(super) fn findings(census: &mut Census, tell: &mut dyn FnMut(Told)) {
    census.take_findings().into_iter().for_each(|w| tell(Told::Warning(w)));
}

/// Stray text beyond the few said one by one, counted.
pub(super) fn stray(census: &Census, tell: &mut dyn FnMut(Told)) {
    let n = census.stray_unsaid();
    if n > 0 {
        let more = crate::words::count(n as usize, "more piece", "more pieces");
        tell(Told::Warning(
            Warning::file(census.name(), format!("{more} of stray text between elements passed over")).note(),
        ));
    }
}
