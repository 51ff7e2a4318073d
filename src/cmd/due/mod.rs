//! `caseaudit due`: the obligations case events start (SPEC §5), with due dates on
//! the working-day calendar and each rule's source. Reads the input, hands each
//! case to the timescales domain ([`Report`]), and writes the rows it lists.
//!
//! - `due EVENT DATE`: one event from the command line.
//! - `due --events FILE|-`: a CSV of events, in any order.
//! - `due --annex-a FILE`: Ofsted Annex A lists; `--columns ssd|ssda903 --events
//!   FILE|DIR...`: SSD or SSDA903 tables.

use crate::Outcome;
use crate::error::{InputError, UsageError, Warning};
use crate::global::Global;
use crate::io::csvin::display_name;
use crate::io::ics;
use crate::io::output::{Cell, Format, RowStream};
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Vocabulary, case_order, in_case_order};
use crate::timescales::report::{ByTeam, Listed, Options, Report};
use crate::timescales::status::AsOf;
use crate::timescales::track::{Context, Outcome as Met, Tracked};
use crate::timescales::worklist::{Tally, Worklist};
use crate::timescales::{DETAILS, Facts};
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use worklist::FindingsOf;

mod source;
mod worklist;

use source::{Reading, Source, group_events};

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
section 47 enquiry), icpcc-unnecessary, no-midway (the IRO or chair finds a
midway review not necessary); which occurrence or stage: first or later
(CLA review), after-first-review or before-first-review, after-first-year
or in-first-year. Without them, or without --dob for an age rule, each
obligation is listed at the earliest date it could be due, with a note
naming the others.

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
    #[arg(long, requires = "as_of")]
    pub by_team: bool,
    /// With --as-of: business support's record audits owed that day
    /// (Business support record audit): after a transfer first, then after a
    /// closure, then the 3-monthly ones; within each, the oldest first
    #[arg(long, requires = "as_of", conflicts_with = "by_team")]
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
    /// With --as-of: list only obligations with these statuses (overdue,
    /// due-soon, open, missed, met, late, untracked, check-age,
    /// check-history), comma-separated; exit 1 when any listed is still owed
    /// (overdue, due-soon, open)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS", requires = "as_of")]
    pub status: Vec<crate::timescales::status::Status>,
    /// List only obligations where the case system's recorded due date is later
    /// than the statutory one (the reviews the system will let slip); exit 1
    /// when any is listed
    #[arg(long)]
    pub differs: bool,
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
    let cal = g.calendar()?;
    let map = g.column_map()?;
    let check = |e: &str| set.check_event(e);
    let words = Vocabulary { event: &check, details: &DETAILS };
    let source = Source::open(args, g, &map)?;
    let mut shape = Shape {
        tracked: !matches!(source, Source::One),
        as_of: args.as_of.is_some(),
        holders: source.holders(),
        recorded: source.recorded_due(),
        note: true,
    };
    if args.by_team && !source.teams() {
        return Err(UsageError(
            "--by-team needs teams: give --annex-a, SSD tables (--columns ssd), or an events file with a team column"
                .into(),
        )
        .into());
    }
    if args.differs && !shape.recorded {
        return Err(UsageError(
            "--differs needs the case system's own due dates: SSD review tables with their due-date columns, or a recorded_due column in the events file".into(),
        )
        .into());
    }
    // Each --check-with is RULES=FILE, and its rule set is read now, so a typo
    // stops the run before the events are read.
    let mut check_with = Vec::new();
    for c in &args.check_with {
        let Some((rules, file)) = c.split_once('=') else {
            return Err(UsageError(format!("--check-with {c}: give RULES=FILE, like escr-person=people.csv")).into());
        };
        check_with.push((crate::ops::config::rule_set(rules)?, file));
    }
    if args.worklist && g.output().resolved_format() == Format::Ics {
        return Err(UsageError("--worklist is a table: give --format csv, json, jsonl, table or xlsx".into()).into());
    }
    let recordable = source.recordable();
    // An events file with no record-audit rows says nothing about record
    // audits: what only a record audit meets is untracked, never overdue.
    // (Known before any case is tracked: from the first pass when the file is
    // in case order, else while the rows are gathered.)
    let record_audits = std::cell::Cell::new(false);
    let records = |e: &EventKind| {
        recordable.as_ref().is_none_or(|r| r.contains(e)) && (*e != EventKind::RecordAudit || record_audits.get())
    };
    let as_of = args.as_of.map(|d| AsOf::new(d, &cal)).transpose()?;
    let cx = Context {
        set: &set,
        cal: &cal,
        count_event_day: g.count_event_day,
        as_of: args.as_of,
        records: Some(&records),
    };
    let opts = Options { as_of, statuses: args.status.clone(), differs: args.differs, all: args.all };
    let mut report = Report::new(cx, opts);
    // One event's rows are worked out before any is written: the note column
    // is there when a row has a note (a date that is only the earliest it could
    // be), so an event whose dates are all certain prints the seven columns.
    let one = match source {
        Source::One => Some(one_event(args, &words, &mut report, g)?),
        _ => None,
    };
    if let Some(listed) = &one {
        shape.note = listed.iter().any(|l| l.tracked.note.is_some());
    }
    let columns = if args.by_team {
        ByTeam::COLUMNS.to_vec()
    } else if args.worklist {
        let findings = if check_with.is_empty() { &[][..] } else { &["findings", "not_in"][..] };
        Worklist::COLUMNS.iter().chain(findings).copied().collect()
    } else {
        shape.columns()
    };
    let out = g.output();
    let stream = RowStream::new(&out, out.resolved_format(), columns.iter().map(|c| c.to_string()).collect())?;
    let mut sink = Sink::new(stream, shape, args.by_team, args.worklist);

    let name = source.name(args);
    let mut skipped = 0;
    let events_file = matches!(source, Source::Events { .. });
    match source {
        Source::One => {
            for l in one.iter().flatten() {
                sink.write(&Case::default(), l)?;
            }
        }
        Source::Events { path, file } => {
            let pass = in_case_order(&path, &map, case_order)?;
            record_audits.set(pass.record_audits);
            let read = Reading {
                in_case_order: pass.in_case_order,
                keep_going: args.keep_going,
                record_audits: &record_audits,
            };
            skipped = group_events(&name, *file, &read, &words, g, &mut |case| {
                track_case(&name, case, &mut report, &mut sink)
            })?;
        }
        Source::AnnexA(wb) => {
            for mut case in crate::annexa::children(&wb) {
                track_case(&name, &mut case, &mut report, &mut sink)?;
            }
            g.summary(&format!("due: {name}: {}", wb.summary()));
        }
        Source::Tables(x) => {
            for mut case in x.children {
                track_case(&name, &mut case, &mut report, &mut sink)?;
            }
            let found: Vec<&str> = x.tables.keys().copied().collect();
            g.summary(&format!("due: {name}: {} read", found.join(", ")));
        }
    }
    // The owed cases' findings, from each export in turn, streamed.
    let today = args.as_of.unwrap_or_else(|| g.today());
    let check = |wanted: &HashSet<&str>| -> anyhow::Result<Vec<(String, BTreeMap<String, usize>)>> {
        check_with
            .iter()
            .map(|(set, file)| {
                Ok((display_name(file), super::check::findings_per_person(set, file, wanted, today, g)?))
            })
            .collect()
    };
    let worklist = sink.finish((!check_with.is_empty()).then_some(&check))?;
    let s = &report.summary;
    if let (Some(as_of), n @ 1..) = (args.as_of, s.after_as_of) {
        let (what, had) = if n == 1 { ("event", "it had") } else { ("events", "they had") };
        g.warn(&Warning::new(format!("{n} {what} dated after {as_of} left out (as of {as_of} {had} not happened)")));
    }
    // An events file with no rows has said so as it was read.
    if shape.tracked && s.read == 0 && !events_file {
        g.warn(&Warning::file(&name, "no events were read, so nothing can be due").strict());
    }
    if let (Some(w), Some(as_of)) = (&worklist, args.as_of) {
        g.summary(&format!("due: worklist as of {as_of}: {}", w.line()));
    } else if shape.tracked {
        g.summary(&format!("due: {}", s.line(args.as_of, report.opts.period_from())));
    }
    if skipped > 0 {
        let rows = crate::words::count(skipped, "bad row was", "bad rows were");
        g.warn(&Warning::new(format!("{rows} skipped (--keep-going)")));
    }
    // A worklist fails a cron job when an audit on it is overdue.
    let found = worklist.map_or(report.found(), |w| w.overdue > 0);
    Ok(if found { Outcome::Found } else { Outcome::Clean })
}

/// The obligations of the one event on the command line.
fn one_event(args: &DueArgs, words: &Vocabulary, report: &mut Report, g: &Global) -> anyhow::Result<Vec<Listed>> {
    let (Some(event), Some(date)) = (&args.event, args.date) else {
        return Err(UsageError("give EVENT and DATE, or --events FILE".into()).into());
    };
    let event = event.trim().to_ascii_lowercase();
    let set = report.cx.set;
    set.check_event(&event).map_err(UsageError)?;
    let details = words.details(&args.detail.join(",")).map_err(UsageError)?;
    if let Some((a, b)) = crate::timescales::contradiction(&details) {
        return Err(UsageError(format!("--detail {a} and {b} contradict each other; give one")).into());
    }
    let listed = report.event(&event, date, &Facts { details, dob: args.dob })?;
    if listed.is_empty() {
        g.warn(&Warning::new(format!("{event} starts no obligation in the '{}' timescales", set.name)).note());
    }
    Ok(listed)
}

/// Tracks one case and writes what is listed.
fn track_case(name: &str, case: &mut Case, report: &mut Report, sink: &mut Sink) -> anyhow::Result<()> {
    let listed = report.case(case).map_err(|(line, e)| InputError::at(name, line, None, e.to_string()))?;
    for l in &listed {
        sink.write(case, l)?;
    }
    Ok(())
}

/// Which columns the rows carry.
#[derive(Debug, Clone, Copy)]
struct Shape {
    tracked: bool,
    as_of: bool,
    holders: bool,
    recorded: bool,
    note: bool,
}

impl Shape {
    /// SPEC §8: the seven columns, then what became of each obligation, its
    /// status as of the date, who holds the case, the case system's due date,
    /// and a note (for one event, only when a row has one: why a date is only
    /// the earliest it could be).
    fn columns(self) -> Vec<&'static str> {
        let mut c = vec!["case_id", "event", "event_date", "obligation", "due", "rule", "source"];
        if self.tracked {
            c.extend(["outcome", "met_on"]);
        }
        if self.as_of {
            c.extend(["status", "days_left"]);
        }
        if self.holders {
            c.extend(["team", "worker"]);
        }
        if self.recorded {
            c.push("recorded_due");
        }
        if self.note {
            c.push("note");
        }
        c
    }
}

/// The event column: a SPEC §8 name as it is, a local one shared.
fn event_cell(event: &EventKind) -> Cell {
    match event {
        EventKind::Local(name) => Cell::text(&***name),
        known => Cell::Static(known.known_name().unwrap_or_default()),
    }
}

/// Where the listed rows go: the output stream, the by-team count, or an
/// iCalendar file.
struct Sink {
    stream: Option<RowStream>,
    shape: Shape,
    format: Format,
    by_team: Option<ByTeam>,
    worklist: Option<Worklist>,
    ics: Vec<(Rc<str>, Tracked)>,
    /// Reused for every row.
    row: Vec<Cell>,
}

impl Sink {
    fn new(stream: RowStream, shape: Shape, by_team: bool, worklist: bool) -> Sink {
        let format = stream.format();
        let (by_team, worklist) = (by_team.then(ByTeam::default), worklist.then(Worklist::default));
        Sink { stream: Some(stream), shape, format, by_team, worklist, ics: Vec::new(), row: Vec::new() }
    }

    fn write(&mut self, case: &Case, l: &Listed) -> anyhow::Result<()> {
        let t = &l.tracked;
        if let Some(b) = self.by_team.as_mut() {
            b.add(case, l);
            return Ok(());
        }
        if let Some(w) = self.worklist.as_mut() {
            w.add(case, l);
            return Ok(());
        }
        if self.format == Format::Ics {
            if matches!(t.outcome, Met::Outstanding | Met::Untracked) {
                self.ics.push((Rc::clone(&case.id), t.clone()));
            }
            return Ok(());
        }
        let mut row = std::mem::take(&mut self.row);
        row.clear();
        let text = &t.due.entry.text;
        let shared = |s: &Rc<str>| Cell::Shared(Rc::clone(s));
        row.extend([
            if case.id.is_empty() { Cell::Empty } else { shared(&case.id) },
            event_cell(&t.event),
            Cell::Date(t.event_date),
            shared(&text.obligation),
            Cell::Date(t.due.due),
            shared(&text.rule),
            shared(&text.source),
        ]);
        if self.shape.tracked {
            row.extend([Cell::Static(t.outcome.as_str()), Cell::opt_date(t.outcome.met_on())]);
        }
        if self.shape.as_of {
            row.push(l.status.map_or(Cell::Empty, |s| Cell::Static(s.as_str())));
            row.push(l.days_left.map_or(Cell::Empty, Cell::Int));
        }
        if self.shape.holders {
            let text = |v: &Option<String>| v.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()));
            row.extend([text(&case.team), text(&case.worker)]);
        }
        if self.shape.recorded {
            row.push(Cell::opt_date(t.recorded_due));
        }
        if self.shape.note {
            row.push(t.note.as_ref().map_or(Cell::Empty, shared));
        }
        let written = self.stream.as_mut().map_or(Ok(()), |s| s.row(&row));
        self.row = row;
        Ok(written?)
    }

    /// Writes what was held back; with `--worklist`, returns what it held.
    /// `check` counts the owed cases' findings (`--check-with`).
    fn finish(mut self, check: Option<&FindingsOf<'_>>) -> anyhow::Result<Option<Tally>> {
        if let (Some(counts), Some(s)) = (self.by_team.take(), self.stream.as_mut()) {
            for (team, obligation, n, children) in counts.rows() {
                s.row(&[
                    if team.is_empty() { Cell::Static("(no team)") } else { Cell::Text(team.to_string()) },
                    Cell::Shared(Rc::clone(obligation)),
                    Cell::Int(n[0] as i64),
                    Cell::Int(n[1] as i64),
                    Cell::Int(n[2] as i64),
                    Cell::Int(children as i64),
                ])?;
            }
        }
        let tally = match (self.worklist.take(), self.stream.as_mut()) {
            (Some(list), Some(s)) => Some(worklist::write(list, s, check)?),
            _ => None,
        };
        let entries: Vec<ics::Entry<'_>> = self
            .ics
            .iter()
            .map(|(case, t)| ics::Entry {
                case_id: case,
                event: t.event.name(),
                event_date: t.event_date,
                obligation: &t.due.entry.obligation,
                due: t.due.due,
                rule: &t.due.entry.rule,
                source: &t.due.entry.source,
            })
            .collect();
        let text = (self.format == Format::Ics).then(|| ics::render(&entries));
        self.stream.take().map_or(Ok(()), |s| s.finish(text))?;
        Ok(tally)
    }
}
