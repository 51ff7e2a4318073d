//! `caseaudit due`: the obligations case events start (docs/due.md), with due dates on
//! the working-day calendar and each rule's source. Reads the input, hands each
//! case to the timescales domain ([`Report`]), and writes the rows it lists.
//!
//! - `due EVENT DATE`: one event from the command line.
//! - `due --events FILE|-`: a CSV of events, in any order.
//! - `due --annex-a FILE`: Ofsted Annex A lists; `--columns ssd|ssda903 --events
//!   FILE|DIR...`: SSD or SSDA903 tables.
//! - `due --events census.xml`: a CIN census, each episode a case; with
//!   `--differs` its ICPC targets against the law, with `--indicators` (also
//!   for SSDA903) the timeliness indicators.

use crate::Outcome;
use crate::error::UsageError;
use crate::global::Global;
use crate::io::csvin::display_name;
use crate::io::output::Format;
use crate::ops;
use crate::ops::due::{Input, Request, Told};
use std::collections::{BTreeMap, HashSet};

mod rows;
mod sink;
mod worklist;

use sink::Sink;

pub const DUE_HELP: &str = "\
Examples:
  caseaudit due strategy-discussion 2026-11-20
  caseaudit due became-looked-after 2026-12-18 --dob 2022-03-01
  caseaudit due cla-visit 2026-11-02 --detail permanent --as-of 2026-11-22
  caseaudit due referral 2026-11-20 --timescales statutory
  caseaudit due --events events.csv --as-of 2026-11-22 \\
      --format csv > overdue.csv
  export-events | caseaudit due --events - --format ics > deadlines.ics
  caseaudit due --events events.csv --as-of 2026-11-22 \\
      --status overdue,due-soon
  caseaudit due --events cin-census.xml --indicators
  caseaudit due --events cin-census.xml --differs
  caseaudit --columns ssda903 due --events 903/ --as-of 2026-03-31 \\
      --indicators

Events: contact, referral, assessment-completed, cin-review, cin-visit,
concerns-raised, strategy-discussion, icpcc, pre-birth-icpcc, birth,
core-group, rcpcc, cp-visit, became-looked-after, placement-move,
cla-review, cla-visit, health-assessment, dental-check, sixteenth-birthday,
care-leaver-contact, care-leaver-move, pathway-plan-review, audit-month,
inadequate-audit, recorded-event, case-transferred, record-audit; and the
endings, which stop the chains they end: ceased-looked-after, cp-plan-ended,
case-closed.
Details: cp, permanent, reg24, placed-with-parents, emergency,
mother-not-fit, safeguarding, no-s47 (a strategy discussion that started no
section 47 enquiry), icpcc-unnecessary, no-plan (a conference that made no
plan), no-midway (the IRO or chair finds a midway review not necessary);
which occurrence or stage: first or later (CLA review), after-first-review
or before-first-review, after-first-year or in-first-year. Without them,
or without --dob for an age rule, each obligation is listed at the earliest
date it could be due, with a note naming the others.

A CIN census (--events FILE.xml) is read as of its ReferenceDate unless
--as-of is given; each CINdetails episode is a case (the episode column).

Exit codes: 0 nothing to act on; 1 something listed is overdue (with
--status, still owed; with --differs, anything listed); 2 the input could
not be read.";

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// The event (e.g. strategy-discussion, became-looked-after)
    #[arg(required_unless_present_any = ["events", "annex_a"], value_parser = crate::global::NameOrFile(&crate::timescales::EVENTS), hide_possible_values = true)]
    pub event: Option<String>,
    /// The event's date (YYYY-MM-DD or DD/MM/YYYY)
    #[arg(value_parser = crate::global::parse_date_arg, required_unless_present_any = ["events", "annex_a"])]
    pub date: Option<chrono::NaiveDate>,
    /// CSV of events (case_id, event, date, dob, detail), or - for stdin; a case's
    /// later events mark each obligation met, late or outstanding. With
    /// --columns ssd or ssda903: their tables (files or folders, repeatable)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["event", "date", "dob", "detail"])]
    pub events: Vec<String>,
    /// An Ofsted Annex A workbook (.xlsx), or a list saved as CSV (repeatable):
    /// every child's next statutory dates from Lists 3-9, with team and worker
    #[arg(long, value_name = "FILE", conflicts_with_all = ["event", "date", "dob", "detail", "events"])]
    pub annex_a: Vec<String>,
    /// With --as-of, and --annex-a or SSD tables (--columns ssd): instead of
    /// every obligation, a summary for managers: per team and obligation, how
    /// many are overdue, due soon and open
    #[arg(long)]
    pub by_team: bool,
    /// With --as-of: business support's record audits owed that day
    /// (Business support record audit): after a transfer first, then after a
    /// closure, then the 3-monthly ones; within each, the oldest first
    #[arg(long, conflicts_with = "by_team")]
    pub worklist: bool,
    /// With --worklist: run a rule set (escr-person, escr-relationships,
    /// escr-documents, or a file) over an export of the cases' record fields,
    /// matched by person_id, and add each owed case's number of findings
    /// (repeatable; the counts add up)
    #[arg(long, value_name = "RULES=FILE", requires = "worklist")]
    pub check_with: Vec<String>,
    /// With --events: report a bad row and carry on, rather than stop
    #[arg(long, requires = "events")]
    pub keep_going: bool,
    /// With --as-of (a CIN census is as of its ReferenceDate without it): list
    /// only obligations with these statuses (overdue,
    /// due-soon, open, missed, met, late, untracked, check-age,
    /// check-history), comma-separated; exit 1 when any listed is still owed
    /// (overdue, due-soon, open)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<crate::timescales::status::Status>,
    /// List only obligations where the case system's recorded due date is later
    /// than the statutory one (the reviews the system will let slip); exit 1
    /// when any is listed. On a CIN census: every enquiry whose
    /// InitialCPCtarget is not 15 working days after S47ActualStartDate
    #[arg(long)]
    pub differs: bool,
    /// With a CIN census (--events FILE.xml) or SSDA903 tables (--columns
    /// ssda903): instead of every obligation, the timeliness indicators
    /// councils publish, each with numerator, denominator, % and a 95%
    /// Wilson interval
    #[arg(long, conflicts_with_all = ["by_team", "worklist", "differs", "status"])]
    pub indicators: bool,
    /// With --as-of: also list untracked obligations that fell due more than 12
    /// months before it (left out by default)
    #[arg(long)]
    pub all: bool,
    /// The child's date of birth, for age rules (under 3, under 5, 21, 25);
    /// without it, an age rule's obligation is listed at the earliest date it
    /// could be due, with a note
    #[arg(long, value_name = "DATE", value_parser = crate::global::parse_date_arg)]
    pub dob: Option<chrono::NaiveDate>,
    /// Qualifiers, repeatable or comma-separated (cp, permanent, reg24, ...)
    #[arg(long, value_name = "TEXT", value_delimiter = ',', value_parser = crate::global::NameOrFile(&crate::timescales::DETAILS), hide_possible_values = true)]
    pub detail: Vec<String>,
    /// Add status (overdue, due-soon, open) and days_left as of DATE; exit 1 if overdue
    #[arg(long, value_name = "DATE", value_parser = crate::global::parse_date_arg)]
    pub as_of: Option<chrono::NaiveDate>,
    /// default, statutory, or a timescale YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "default", value_parser = crate::global::NameOrFile(&crate::global::TIMESCALES), hide_possible_values = true)]
    pub timescales: String,
}

pub fn run(args: &DueArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = crate::ops::config::timescales(&args.timescales)?;
    let (calendar, map) = (g.calendar()?, g.column_map()?);
    // Each --check-with is RULES=FILE, and its rule set is read now, so a typo
    // stops the run before the events are read.
    let check_with = args.check_with.iter().map(|c| check_with(c)).collect::<anyhow::Result<Vec<_>>>()?;
    if args.worklist && g.output().resolved_format() == Format::Ics {
        return Err(UsageError("--worklist is a table: give --format csv, json, jsonl, table or xlsx".into()).into());
    }
    let input = match (&args.event, args.date) {
        _ if !args.annex_a.is_empty() => Input::AnnexA(&args.annex_a),
        _ if !args.events.is_empty() => Input::Events(&args.events),
        (Some(event), Some(date)) => Input::One { event, date, details: &args.detail, dob: args.dob },
        _ => return Err(UsageError("give EVENT and DATE, or --events FILE".into()).into()),
    };
    let request = Request {
        input,
        set: &set,
        calendar: &calendar,
        map: &map,
        count_event_day: g.count_event_day,
        today: g.today(),
        as_of: args.as_of,
        statuses: args.status.clone(),
        differs: args.differs,
        all: args.all,
        by_team: args.by_team,
        worklist: args.worklist,
        keep_going: args.keep_going,
        indicators: args.indicators,
        split_from: ops::due::SPLIT_FROM,
    };
    let mut sink = Sink::new(g.output(), args.by_team, args.worklist, !check_with.is_empty());
    let done = ops::due::run(&request, &mut sink, &mut |t| tell(g, t))?;
    // The owed cases' findings, from each export in turn, streamed.
    let today = done.as_of.unwrap_or_else(|| g.today());
    let check = |wanted: &HashSet<&str>| -> anyhow::Result<Vec<(String, BTreeMap<String, usize>)>> {
        check_with
            .iter()
            .map(|(set, file)| {
                Ok((display_name(file), super::check::findings_per_person(set, file, wanted, today, g)?))
            })
            .collect()
    };
    let worklist = sink.finish((!check_with.is_empty()).then_some(&check))?;
    g.warn_all(&done.warnings);
    if let (Some(w), Some(as_of)) = (&worklist, done.as_of) {
        g.summary(&format!("due: worklist as of {as_of}: {}", w.line()));
    } else if done.tracked {
        g.summary(&done.line);
    }
    if done.skipped > 0 {
        let rows = crate::words::count(done.skipped, "bad row was", "bad rows were");
        g.warn(&crate::error::Warning::new(format!("{rows} skipped (--keep-going)")));
    }
    // A worklist fails a cron job when an audit on it is overdue.
    let found = worklist.map_or(done.found, |w| w.overdue > 0);
    Ok(if found { Outcome::Found } else { Outcome::Clean })
}

/// One `--check-with RULES=FILE`: the rule set, read now, and the file.
fn check_with(c: &str) -> anyhow::Result<(crate::check::RuleSet, &str)> {
    let Some((rules, file)) = c.split_once('=') else {
        return Err(UsageError(format!("--check-with {c}: give RULES=FILE, like escr-person=people.csv")).into());
    };
    Ok((crate::ops::config::rule_set(rules)?, file))
}

/// Says what the job told, the way every command does.
fn tell(g: &Global, t: Told) {
    match t {
        Told::Warning(w) => g.warn(&w),
        Told::Line(line) => g.note(&line),
        Told::Summary(line) => g.summary(&line),
    }
}
