//! `due` as a job (docs/due.md): open the events (one on the command line, an
//! events file, a CIN census, Ofsted Annex A, SSD or SSDA903 tables), track
//! each case's obligations against the timescale set
//! ([`crate::timescales::report`]), and hand each listed obligation to the caller as it is worked out, a case at a
//! time, so a million events stream in constant memory. What the run has to
//! say comes back through `tell`, in the order it happens.

mod census;
mod gathered;
mod halves;
mod source;

use crate::calendar::Calendar;
use crate::error::{InputError, UsageError, Warning};
use crate::io::columns::ColumnMap;
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Vocabulary, case_order, in_case_order};
use crate::timescales::report::{Listed, Options, Report};
use crate::timescales::status::{AsOf, Status};
use crate::timescales::track::Context;
use crate::timescales::{DETAILS, Facts, Set};
use chrono::NaiveDate;
pub use halves::SPLIT_FROM;
use source::{Reading, Source, group_events};

/// Where the events come from.
pub enum Input<'a> {
    /// One event on the command line, with its qualifiers and date of birth.
    One {
        event: &'a str,
        date: NaiveDate,
        details: &'a [String],
        dob: Option<NaiveDate>,
    },
    /// An events file, or with `--columns ssd`/`ssda903` their tables.
    Events(&'a [String]),
    AnnexA(&'a [String]),
}

/// What `due` is asked.
pub struct Request<'a> {
    pub input: Input<'a>,
    pub set: &'a Set,
    pub calendar: &'a Calendar,
    pub map: &'a ColumnMap,
    pub count_event_day: bool,
    /// Today: the day an SSD involvement must be open on, without `as_of`.
    pub today: NaiveDate,
    pub as_of: Option<NaiveDate>,
    pub statuses: Vec<Status>,
    pub differs: bool,
    pub all: bool,
    pub by_team: bool,
    /// `--worklist`: business support's record audits owed as of the date.
    pub worklist: bool,
    pub keep_going: bool,
    /// `--indicators`: the timeliness indicators instead of the obligations.
    pub indicators: bool,
    /// An events file in any order of this size or more is read in two
    /// halves at once ([`SPLIT_FROM`]; tests split small files).
    pub split_from: u64,
}

/// What a run has to say, as it happens: a warning or note, a line (a row
/// skipped under `--keep-going`), or a summary.
pub enum Told {
    Warning(Warning),
    Line(String),
    Summary(String),
}

/// Which columns the rows carry.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// A case's later events say what became of each obligation.
    pub tracked: bool,
    /// A CIN census: the case's episode.
    pub episode: bool,
    pub as_of: bool,
    /// The rows say who holds the case.
    pub holders: bool,
    /// The input carries the case system's own due dates.
    pub recorded: bool,
    /// Some row has a note (for one event; always, for files).
    pub note: bool,
}

impl Shape {
    /// docs/reference/conventions.md: the seven columns, then what became of each obligation, its
    /// status as of the date, who holds the case, the case system's due date,
    /// and a note (for one event, only when a row has one: why a date is only
    /// the earliest it could be).
    pub fn columns(self) -> Vec<&'static str> {
        let mut c = vec!["case_id", "event", "event_date", "obligation", "due", "rule", "source"];
        if self.episode {
            c.push("episode");
        }
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

/// Where the listed obligations go: told the shape before the first, then
/// each in turn. Or, for `--indicators` and `--differs` on a census, a table
/// of their own: its columns, then its rows.
pub trait Out {
    fn start(&mut self, shape: Shape) -> anyhow::Result<()>;
    fn row(&mut self, case: &Case, listed: &Listed) -> anyhow::Result<()>;
    fn table(&mut self, columns: &[&str]) -> anyhow::Result<()>;
    fn table_row(&mut self, cells: &[crate::io::output::Cell]) -> anyhow::Result<()>;
    /// Whether rows can be made apart, on other threads, and written in order
    /// ([`Out::rendered`]): a maker of one [`Render`] per thread (docs/performance.md).
    fn apart(&self) -> Option<Box<dyn Fn() -> Box<dyn Render> + Send + Sync>> {
        None
    }
    /// `rows` rows made apart, in order.
    fn rendered(&mut self, bytes: &[u8], rows: usize) -> anyhow::Result<()> {
        let _ = (bytes, rows);
        Ok(())
    }
}

pub use gathered::Render;

/// How the run ended.
pub struct Done {
    /// The run in a line: how many obligations for how many cases, by status.
    pub line: String,
    /// Whether events were tracked (not one event on the command line).
    pub tracked: bool,
    /// Something listed is owed (overdue; with `--status`, still owed; with
    /// `--differs`, anything listed).
    pub found: bool,
    /// What there is to say once every case is tracked.
    pub warnings: Vec<Warning>,
    /// Rows skipped (`--keep-going`).
    pub skipped: usize,
    /// The date the run was as of: `--as-of`, or a census's `ReferenceDate`.
    pub as_of: Option<NaiveDate>,
    /// The events file was read in two halves at once, and they were joined.
    pub joined: bool,
}

/// Runs `due`: each listed obligation goes to `out`, and what there is to say
/// to `tell`.
pub fn run(r: &Request, out: &mut dyn Out, tell: &mut dyn FnMut(Told)) -> anyhow::Result<Done> {
    let source = Source::open(r, tell)?;
    let as_of_date = as_of(&source, r, tell);
    let census = matches!(source, Source::Census(_));
    if r.indicators || (r.differs && census) {
        return census::tables(source, r, as_of_date, out, tell);
    }
    refuse(&source, r, as_of_date)?;
    let recordable = source.recordable();
    // An events file with no record-audit rows says nothing about record
    // audits: what only a record audit meets is untracked, never overdue.
    // (Known before any case is tracked: from the first pass when the file is
    // in case order, else while the rows are gathered.)
    let record_audits = std::cell::Cell::new(false);
    let records = |e: &EventKind| {
        recordable.as_ref().is_none_or(|r| r.contains(e)) && (*e != EventKind::RecordAudit || record_audits.get())
    };
    let as_of = as_of_date.map(|d| AsOf::new(d, r.calendar)).transpose()?;
    let cx = Context {
        set: r.set,
        cal: r.calendar,
        count_event_day: r.count_event_day,
        as_of: as_of_date,
        records: Some(&records),
    };
    let opts = Options { as_of, statuses: r.statuses.clone(), differs: r.differs, all: r.all };
    let mut report = Report::new(cx, opts);
    let mut shape = Shape {
        tracked: !matches!(source, Source::One),
        episode: census,
        as_of: as_of_date.is_some(),
        holders: source.holders(),
        recorded: source.recorded_due(),
        note: true,
    };
    let name = source.name(r);
    let check = |e: &str| r.set.check_event(e);
    let words = Vocabulary { event: &check, details: &DETAILS };
    let (events_file, mut skipped, mut joined) = (matches!(source, Source::Events { .. }), 0, false);
    match source {
        Source::One => {
            let listed = one_event(r, &mut report, tell)?;
            // The note column is there when a row has a note, so an event whose
            // dates are all certain prints the seven columns.
            shape.note = listed.iter().any(|l| l.tracked.note.is_some());
            out.start(shape)?;
            for l in &listed {
                out.row(&Case::default(), l)?;
            }
        }
        Source::Events { path, file } => {
            out.start(shape)?;
            let pass = in_case_order(&path, r.map, case_order)?;
            record_audits.set(pass.record_audits);
            let read = Reading {
                path: &path,
                map: r.map,
                in_case_order: pass.in_case_order,
                keep_going: r.keep_going,
                record_audits: &record_audits,
                split_from: r.split_from,
            };
            let rest =
                group_events(&name, *file, &read, &words, tell, &mut |case| track(&name, case, &mut report, out))?;
            if let Some(cases) = rest.gathered {
                let setting = gathered::Setting { name: &name, read: &read, words: &words };
                gathered::track_all(&cases, &setting, record_audits.get(), &mut report, out)?;
            }
            rest.notes.into_iter().for_each(|w| tell(Told::Warning(w)));
            (skipped, joined) = (rest.skipped, rest.joined);
        }
        Source::Census(mut c) => {
            out.start(shape)?;
            let year = c.header.reference_date.map(|d| crate::model::census::CensusYear::ending(d.date));
            while let Some(child) = c.next_child()? {
                census::findings(&mut c, tell);
                for mut case in crate::cin::cases(&child, year) {
                    track(&name, &mut case, &mut report, out)?;
                }
            }
            census::findings(&mut c, tell);
            census::stray(&c, tell);
        }
        Source::AnnexA(wb) => {
            out.start(shape)?;
            for mut case in crate::annexa::children(&wb) {
                track(&name, &mut case, &mut report, out)?;
            }
            tell(Told::Summary(format!("due: {name}: {}", wb.summary())));
        }
        Source::Tables(x) => {
            out.start(shape)?;
            for mut case in x.children {
                track(&name, &mut case, &mut report, out)?;
            }
            let found: Vec<&str> = x.tables.keys().copied().collect();
            tell(Told::Summary(format!("due: {name}: {} read", found.join(", "))));
        }
    }
    let warnings = at_the_end(&report, as_of_date, shape.tracked && !events_file, &name);
    let line = format!("due: {}", report.summary.line(as_of_date, report.opts.period_from()));
    Ok(Done { line, tracked: shape.tracked, found: report.found(), warnings, skipped, as_of: as_of_date, joined })
}

/// The date the run is as of: `--as-of`, or a census's `ReferenceDate` (a
/// census is a snapshot), said in a note for a census.
fn as_of(source: &Source, r: &Request, tell: &mut dyn FnMut(Told)) -> Option<NaiveDate> {
    let reference = source.reference_date();
    let as_of = r.as_of.or(reference);
    if let (Source::Census(_), Some(d)) = (source, as_of) {
        let why = match (r.as_of, reference) {
            (Some(_), Some(r)) => format!("--as-of; the census's ReferenceDate is {r}"),
            (Some(_), None) => "--as-of".to_string(),
            _ => "the census's ReferenceDate; --as-of chooses another".to_string(),
        };
        tell(Told::Warning(Warning::file(source.name(r), format!("read as of {d} ({why})")).note()));
    }
    as_of
}

/// What the input cannot give that the request asks for. A status, a
/// manager's summary and a worklist are as of a date: `--as-of`, or a CIN
/// census's `ReferenceDate` when it is not given.
fn refuse(source: &Source, r: &Request, as_of: Option<NaiveDate>) -> Result<(), UsageError> {
    let dated = [(!r.statuses.is_empty(), "--status"), (r.by_team, "--by-team"), (r.worklist, "--worklist")];
    if let (None, Some((_, option))) = (as_of, dated.iter().find(|(asked, _)| *asked)) {
        return Err(UsageError(format!(
            "{option} needs a date to be as of: give --as-of DATE (a CIN census gives its ReferenceDate)"
        )));
    }
    if r.by_team && !source.teams() {
        return Err(UsageError(
            "--by-team needs teams: give --annex-a, SSD tables (--columns ssd), or an events file with a team column"
                .into(),
        ));
    }
    if r.differs && !source.recorded_due() {
        return Err(UsageError(
            "--differs needs the case system's own due dates: SSD review tables with their due-date columns, or a recorded_due column in the events file".into(),
        ));
    }
    Ok(())
}

/// What there is to say once every case is tracked: events after the as-of
/// date left out, and (`say_empty`: a source that has not said so as it was
/// read) that nothing was read.
fn at_the_end(report: &Report, as_of: Option<NaiveDate>, say_empty: bool, name: &str) -> Vec<Warning> {
    let s = &report.summary;
    let mut warnings = Vec::new();
    if let (Some(as_of), n @ 1..) = (as_of, s.after_as_of) {
        let (what, had) = if n == 1 { ("event", "it had") } else { ("events", "they had") };
        warnings
            .push(Warning::new(format!("{n} {what} dated after {as_of} left out (as of {as_of} {had} not happened)")));
    }
    if say_empty && s.read == 0 {
        warnings.push(Warning::file(name, "no events were read, so nothing can be due").strict());
    }
    warnings
}

/// The obligations of the one event on the command line.
fn one_event(r: &Request, report: &mut Report, tell: &mut dyn FnMut(Told)) -> anyhow::Result<Vec<Listed>> {
    let Input::One { event, date, details, dob } = &r.input else { unreachable!("a source of one event") };
    let event = event.trim().to_ascii_lowercase();
    let set = report.cx.set;
    set.check_event(&event).map_err(UsageError)?;
    let check = |e: &str| set.check_event(e);
    let words = Vocabulary { event: &check, details: &DETAILS };
    let details = words.details(&details.join(",")).map_err(UsageError)?;
    if let Some((a, b)) = crate::timescales::contradiction(&details) {
        return Err(UsageError(format!("--detail {a} and {b} contradict each other; give one")).into());
    }
    let listed = report.event(&event, *date, &Facts { details, dob: *dob })?;
    if listed.is_empty() {
        let said = format!("{event} starts no obligation in the '{}' timescales", set.name);
        tell(Told::Warning(Warning::new(said).note()));
    }
    Ok(listed)
}

/// Tracks one case and hands on what is listed.
fn track(name: &str, case: &mut Case, report: &mut Report, out: &mut dyn Out) -> anyhow::Result<()> {
    let listed = report.case(case).map_err(|(line, e)| InputError::at(name, line, None, e.to_string()))?;
    for l in &listed {
        out.row(case, l)?;
    }
    Ok(())
}
