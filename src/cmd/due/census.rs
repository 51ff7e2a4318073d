//! `due` on a CIN census: opening one (known by its content), and the two
//! tables it gives besides obligations: `--differs` (each enquiry's
//! `InitialCPCtarget` against 15 working days after its start) and
//! `--indicators` (the timeliness indicators, from a census or SSDA903).

use super::DueArgs;
use super::source::Source;
use crate::Outcome;
use crate::cin::Census;
use crate::cli::Global;
use crate::error::{InputError, UsageError};
use crate::io::output::{Cell, RowStream};
use crate::model::census::CensusYear;
use crate::timeliness::Figure;
use crate::timeliness::cin::Tally;
use crate::timeliness::target::Differs;
use chrono::NaiveDate;
use std::io::{BufRead, BufReader, Read};

/// `path` opened as a CIN census when its first bytes are XML; `Ok(None)`
/// when they are not (a CSV events file). Standard input is peeked at, and
/// handed back for the CSV reader when it is not XML.
pub(super) enum Opened {
    Census(Box<Census>),
    NotXml(Option<Box<dyn Read>>),
}

pub(super) fn open(path: &str) -> Result<Opened, InputError> {
    let name = crate::io::csvin::display_name(path);
    let mut input: BufReader<Box<dyn Read>> = if path == "-" {
        crate::io::csvin::stdin_not_a_terminal()?;
        BufReader::new(Box::new(std::io::stdin()))
    } else {
        match std::fs::File::open(path) {
            Ok(f) if !f.metadata().is_ok_and(|m| m.is_dir()) => BufReader::new(Box::new(f)),
            // The CSV reader says what is wrong with it.
            _ => return Ok(Opened::NotXml(None)),
        }
    };
    let start = input.fill_buf().map_err(|e| InputError::file(&name, crate::io::csvin::io_reason(&e)))?;
    if !crate::cin::looks_like_xml(start) {
        return Ok(Opened::NotXml((path == "-").then(|| Box::new(input) as Box<dyn Read>)));
    }
    Ok(Opened::Census(Box::new(Census::new(&name, Box::new(input))?)))
}

pub(super) const DIFFERS_COLUMNS: [&str; 7] =
    ["case_id", "episode", "s47_start", "initial_cpc_target", "fifteen_working_days", "working_days_apart", "line"];

pub(super) fn differs_row(d: &Differs) -> Vec<Cell> {
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

pub(super) fn write_figures(stream: &mut RowStream, figures: &[Figure]) -> anyhow::Result<()> {
    for f in figures {
        let interval = f.interval_tenths();
        stream.row(&[
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
        ])?;
    }
    Ok(())
}

/// `--indicators` (from a census or SSDA903 tables) and `--differs` on a
/// census: a table of their own instead of the obligations.
pub(super) fn tables(
    source: Source,
    args: &DueArgs,
    as_of: Option<NaiveDate>,
    g: &Global,
    mut stream: RowStream,
) -> anyhow::Result<Outcome> {
    let cal = g.calendar()?;
    let mut found = false;
    match source {
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
            let until = as_of.unwrap_or(year.end);
            let mut tally = Tally::new(year, until, &cal, g.count_event_day);
            let mut listed = 0;
            while let Some(child) = census.next_child()? {
                g.warn_all(&census.take_findings());
                if args.indicators {
                    tally.add(&child);
                    continue;
                }
                for d in crate::timeliness::target::differs(&child, &cal, g.count_event_day) {
                    stream.row(&differs_row(&d))?;
                    listed += 1;
                }
            }
            g.warn_all(&census.take_findings());
            stray(&census, g);
            if args.indicators {
                write_figures(&mut stream, &tally.figures())?;
                g.summary(&format!(
                    "due: {name}: the indicators of census year {} from {} (as of {until})",
                    year.label(),
                    crate::words::count(census.children as usize, "child", "children")
                ));
            } else {
                let how = if g.count_event_day {
                    "counting the start day as day 1, as the DfE validator does"
                } else {
                    "not counting the start day"
                };
                g.summary(&format!(
                    "due: {name}: {} whose InitialCPCtarget is not 15 working days after S47ActualStartDate ({how})",
                    crate::words::count(listed, "enquiry", "enquiries")
                ));
                found = listed > 0;
            }
        }
        Source::Tables(x) => {
            let until = as_of.unwrap_or_else(|| g.today());
            let mut tally = crate::timeliness::cla::Tally::new(until, &cal, g.count_event_day);
            for case in &x.children {
                tally.add(case);
            }
            write_figures(&mut stream, &tally.figures())?;
            let period = tally.period;
            g.summary(&format!(
                "due: the looked-after indicators of {} to {} from {}",
                period.start,
                period.end,
                crate::words::count(x.children.len(), "child", "children")
            ));
        }
        _ => {
            return Err(UsageError(
                "--indicators needs a CIN census (--events census.xml) or SSDA903 files (--columns ssda903 --events ...)".into(),
            )
            .into());
        }
    }
    stream.finish(None)?;
    Ok(if found { Outcome::Found } else { Outcome::Clean })
}

/// Stray text beyond the few said one by one, counted.
pub(super) fn stray(census: &Census, g: &Global) {
    let n = census.stray_unsaid();
    if n > 0 {
        let more = crate::words::count(n as usize, "more piece", "more pieces");
        g.warn(
            &crate::error::Warning::file(census.name(), format!("{more} of stray text between elements passed over"))
                .note(),
        );
    }
}
