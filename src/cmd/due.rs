//! `caseaudit due`: the obligations case events start (SPEC §5), with due dates on
//! the working-day calendar and each rule's source. Reads the input, hands each
//! case to the timescales domain ([`Report`]), and writes the rows it lists.
//!
//! - `due EVENT DATE`: one event from the command line.
//! - `due --events FILE|-`: a CSV of events in any order.
//! - `due --annex-a FILE`: Ofsted Annex A lists; `--columns ssd|ssda903 --events`:
//!   SSD or SSDA903 tables.

use crate::Outcome;
use crate::cli::{DueArgs, Global};
use crate::error::{InputError, UsageError};
use crate::io::csvin::display_name;
use crate::io::ics;
use crate::io::output::{Cell, Format, RowStream};
use crate::model::events::{Case, EventsFile, Vocabulary, in_case_order};
use crate::timescales::cases::{Gathered, InOrder, case_order};
use crate::timescales::report::{ByTeam, Listed, Options, Report};
use crate::timescales::status::AsOf;
use crate::timescales::track::{Context, Outcome as Met, Tracked};
use crate::timescales::{self, DETAILS, Facts, Set};
use std::rc::Rc;

const COLUMNS: [&str; 7] = ["case_id", "event", "event_date", "obligation", "due", "rule", "source"];

/// Where the events come from.
enum Input {
    One,
    Events(String),
    AnnexA,
    Tables,
}

pub fn run(args: &DueArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = timescales::load(&args.timescales)?;
    let cal = g.calendar()?;
    let map = g.column_map()?;
    let input = match (args.events.as_slice(), args.annex_a.is_empty()) {
        (_, false) => Input::AnnexA,
        ([], true) => Input::One,
        (_, true) if crate::ssd::is_preset(map.preset()) => Input::Tables,
        ([path], true) => Input::Events(path.clone()),
        _ => {
            return Err(UsageError(
                "give one --events file (several only with --columns ssd or ssda903, for their tables)".into(),
            )
            .into());
        }
    };
    let as_of = args.as_of.map(|d| AsOf::new(d, &cal)).transpose()?;
    let opts = Options { as_of, statuses: args.status.clone(), differs: args.differs, all: args.all };
    let check = |e: &str| check_event(&set, e);
    let words = Vocabulary { event: &check, details: &DETAILS };

    // Read what decides the columns before writing anything.
    let (mut events, annex_a, mut tables) = match &input {
        Input::Events(path) => {
            let f = crate::io::csvin::CsvFile::open(path, "events", &map)?;
            crate::ssd::refuse_without_preset(&f, &map, "case_id")?;
            (Some(EventsFile::new(f)?), None, None)
        }
        Input::AnnexA => {
            let wb = crate::annexa::read(&args.annex_a)?;
            for w in &wb.warnings {
                g.note(&format!("warning: {}: {w}", args.annex_a.join(", ")));
            }
            (None, Some(wb), None)
        }
        Input::Tables => {
            // The roles that hold caseloads, to prefer a social worker's
            // involvement over, say, an IRO's: the quality-practice policy's.
            let roles = crate::select::policy::load("quality-practice")?;
            let caseworker = |role: &str| roles.is_caseworker_role(role);
            let x = crate::ssd::read(&args.events, args.as_of.unwrap_or_else(|| g.today()), &caseworker)?;
            for w in &x.warnings {
                g.note(&format!("warning: {w}"));
            }
            if x.recordable.is_empty() {
                return Err(InputError::file(
                    args.events.join(", "),
                    "holds no SSD or SSDA903 table with dates caseaudit reads (ssd_cla_episodes, ssd_cp_plans, episodes, ...)",
                )
                .into());
            }
            (None, None, Some(x))
        }
        Input::One => (None, None, None),
    };
    let tracked = !matches!(input, Input::One);
    let holders = annex_a.is_some() || tables.is_some() || events.as_ref().is_some_and(EventsFile::has_holder);
    let recorded =
        tables.as_ref().is_some_and(|x| x.recorded_due) || events.as_ref().is_some_and(EventsFile::has_recorded_due);
    if args.by_team && !(annex_a.is_some() || tables.is_some() || events.as_ref().is_some_and(EventsFile::has_team)) {
        return Err(UsageError(
            "--by-team needs teams: give --annex-a, SSD tables (--columns ssd), or an events file with a team column"
                .into(),
        )
        .into());
    }
    if args.differs && !recorded {
        return Err(UsageError(
            "--differs needs the case system's own due dates: SSD review tables with their due-date columns, or a recorded_due column in the events file".into(),
        )
        .into());
    }
    let mut columns: Vec<&str> = COLUMNS.to_vec();
    if tracked {
        columns.extend(["outcome", "met_on"]);
    }
    if as_of.is_some() {
        columns.extend(["status", "days_left"]);
    }
    if holders {
        columns.extend(["team", "worker"]);
    }
    if recorded {
        columns.push("recorded_due");
    }
    if tracked {
        columns.push("note");
    }
    let shape = Shape { tracked, as_of: as_of.is_some(), holders, recorded };
    if args.by_team {
        columns = ByTeam::COLUMNS.to_vec();
    }
    let opts_out = g.output();
    let stream =
        RowStream::new(&opts_out, opts_out.resolved_format(), columns.iter().map(|c| c.to_string()).collect())?;
    let mut sink = Sink::new(stream, shape, args.by_team);

    let records_annex;
    let records_tables;
    let records: Option<&dyn Fn(&str) -> bool> = if let Some(wb) = &annex_a {
        let set = crate::annexa::recordable(wb);
        records_annex = move |e: &str| set.contains(e);
        Some(&records_annex)
    } else if let Some(x) = &tables {
        let set = x.recordable.clone();
        records_tables = move |e: &str| set.contains(e);
        Some(&records_tables)
    } else {
        None
    };
    let cx = Context { set: &set, cal: &cal, count_event_day: g.count_event_day, as_of: args.as_of, records };
    let mut report = Report::new(cx, opts);
    let mut skipped = 0usize;
    match &input {
        Input::One => one(args, &set, &mut report, &mut sink, g)?,
        Input::Events(path) => {
            let f = events.take().expect("opened above");
            skipped = stream_events(path, f, &map, &words, args.keep_going, g, &mut report, &mut sink)?;
        }
        Input::AnnexA => {
            let wb = annex_a.as_ref().expect("read above");
            let path = args.annex_a.join(", ");
            for mut case in crate::annexa::children(wb) {
                track_case(&path, &mut case, &mut report, &mut sink)?;
            }
            g.note(&format!("due: {path}: {}", wb.summary()));
        }
        Input::Tables => {
            let x = tables.take().expect("read above");
            let path = args.events.join(", ");
            for mut case in x.children {
                track_case(&path, &mut case, &mut report, &mut sink)?;
            }
            let found: Vec<&str> = x.tables.keys().copied().collect();
            g.note(&format!("due: {path}: {} read", found.join(", ")));
        }
    }
    sink.finish()?;
    let s = &report.summary;
    if s.after_as_of > 0 {
        let as_of = args.as_of.expect("only counted with --as-of");
        let n = s.after_as_of;
        let (what, had) = if n == 1 { ("event", "it had") } else { ("events", "they had") };
        g.note(&format!("warning: {n} {what} dated after {as_of} left out (as of {as_of} {had} not happened)"));
    }
    if tracked {
        g.note(&format!("due: {}", s.line(args.as_of, report.opts.period_from())));
    } else if s.listed + s.filtered == 0 {
        let event = args.event.as_deref().unwrap_or_default();
        g.note(&format!("{event} starts no obligation in the '{}' timescales", set.name));
    }
    if skipped > 0 {
        g.note(&format!("warning: {skipped} bad rows were skipped (--keep-going)"));
    }
    Ok(if report.found() { Outcome::Found } else { Outcome::Clean })
}

fn check_event(set: &Set, event: &str) -> Result<(), String> {
    if set.knows_event(event) {
        Ok(())
    } else {
        Err(format!("unknown event '{event}'; known events: {}", timescales::EVENTS.join(", ")))
    }
}

/// `due EVENT DATE`: what the event starts, every obligation owed.
fn one(args: &DueArgs, set: &Set, report: &mut Report, sink: &mut Sink, g: &Global) -> anyhow::Result<()> {
    let (Some(event), Some(date)) = (&args.event, args.date) else {
        return Err(UsageError("give EVENT and DATE, or --events FILE".into()).into());
    };
    let event = event.trim().to_ascii_lowercase();
    check_event(set, &event).map_err(UsageError)?;
    let check = |e: &str| check_event(set, e);
    let words = Vocabulary { event: &check, details: &DETAILS };
    let details = words.details(&args.detail.join(",")).map_err(UsageError)?;
    let facts = Facts { details, dob: args.dob };
    let case = Case::default();
    let name: Rc<str> = Rc::from(event.as_str());
    for due in set.obligations(&event, date, &facts, report.cx.cal, g.count_event_day)? {
        let t = Tracked {
            event: Rc::clone(&name),
            event_date: date,
            due,
            outcome: Met::Outstanding,
            recorded_due: None,
            note: None,
        };
        if let Some(l) = report.list(t) {
            sink.write(&case, &l)?;
        }
    }
    Ok(())
}

/// Tracks one case and writes what is listed.
fn track_case(path: &str, case: &mut Case, report: &mut Report, sink: &mut Sink) -> anyhow::Result<()> {
    let listed = report.case(case).map_err(|(line, e)| InputError::at(path, line, None, e.to_string()))?;
    for l in &listed {
        sink.write(case, l)?;
    }
    Ok(())
}

/// `due --events`: a file already in case order is taken a case at a time, in
/// constant memory; any other order is gathered first. Returns the number of
/// rows skipped (`--keep-going`).
#[allow(clippy::too_many_arguments)]
fn stream_events(
    path: &str,
    mut f: EventsFile,
    map: &crate::io::columns::ColumnMap,
    words: &Vocabulary,
    keep_going: bool,
    g: &Global,
    report: &mut Report,
    sink: &mut Sink,
) -> anyhow::Result<usize> {
    let name = display_name(path);
    let sorted = in_case_order(path, map, case_order)?;
    let mut in_order = InOrder::default();
    let mut gathered = Gathered::default();
    let mut skipped = 0;
    while let Some(row) = f.next_row(words)? {
        let row = match row {
            Ok(r) => r,
            Err(e) if keep_going => {
                g.note(&format!("error: {e} (row skipped)"));
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if !sorted {
            gathered.add(&row.case_id, row.holder(), row.item.clone());
            continue;
        }
        let line = match &row.item {
            crate::model::events::Item::Event(e) => e.line,
            crate::model::events::Item::Pending(_) => 0,
        };
        let done = in_order.add(&row.case_id, row.holder(), row.item.clone()).map_err(|o| {
            InputError::at(
                &name,
                line,
                Some(f.case_column()),
                format!("case '{}' after '{}': the file changed while it was read", o.case, o.after),
            )
        })?;
        if let Some(mut case) = done {
            track_case(&name, &mut case, report, sink)?;
        }
    }
    if let Some(mut case) = in_order.finish() {
        track_case(&name, &mut case, report, sink)?;
    }
    for mut case in gathered.into_cases() {
        track_case(&name, &mut case, report, sink)?;
    }
    Ok(skipped)
}

/// Which columns the rows carry.
#[derive(Debug, Clone, Copy)]
struct Shape {
    tracked: bool,
    as_of: bool,
    holders: bool,
    recorded: bool,
}

/// Where the listed rows go: the output stream, the by-team count, or an
/// iCalendar file.
struct Sink {
    stream: Option<RowStream>,
    shape: Shape,
    format: Format,
    by_team: Option<ByTeam>,
    ics: Vec<(Rc<str>, Tracked)>,
    /// Reused for every row.
    row: Vec<Cell>,
}

impl Sink {
    fn new(stream: RowStream, shape: Shape, by_team: bool) -> Sink {
        let format = stream.format();
        Sink {
            stream: Some(stream),
            shape,
            format,
            by_team: by_team.then(ByTeam::default),
            ics: Vec::new(),
            row: Vec::new(),
        }
    }

    fn write(&mut self, case: &Case, l: &Listed) -> anyhow::Result<()> {
        if let Some(b) = self.by_team.as_mut() {
            b.add(case, l);
            return Ok(());
        }
        let t = &l.tracked;
        if self.format == Format::Ics {
            if matches!(t.outcome, Met::Outstanding | Met::Untracked) {
                self.ics.push((Rc::clone(&case.id), t.clone()));
            }
            return Ok(());
        }
        let mut row = std::mem::take(&mut self.row);
        row.clear();
        let text = &t.due.entry.text;
        row.extend([
            if case.id.is_empty() { Cell::Empty } else { Cell::Shared(Rc::clone(&case.id)) },
            Cell::Shared(Rc::clone(&t.event)),
            Cell::Date(t.event_date),
            Cell::Shared(Rc::clone(&text.obligation)),
            Cell::Date(t.due.due),
            Cell::Shared(Rc::clone(&text.rule)),
            Cell::Shared(Rc::clone(&text.source)),
        ]);
        if self.shape.tracked {
            row.push(Cell::Static(t.outcome.as_str()));
            row.push(Cell::opt_date(t.outcome.met_on()));
        }
        if self.shape.as_of {
            row.push(l.status.map_or(Cell::Empty, |s| Cell::Static(s.as_str())));
            row.push(l.days_left.map_or(Cell::Empty, Cell::Int));
        }
        if self.shape.holders {
            let text = |v: &Option<String>| v.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()));
            row.push(text(&case.team));
            row.push(text(&case.worker));
        }
        if self.shape.recorded {
            row.push(Cell::opt_date(t.recorded_due));
        }
        if self.shape.tracked {
            row.push(t.note.as_ref().map_or(Cell::Empty, |n| Cell::Shared(Rc::clone(n))));
        }
        let result = match self.stream.as_mut() {
            Some(s) => s.row(&row),
            None => Ok(()),
        };
        self.row = row;
        Ok(result?)
    }

    fn finish(mut self) -> anyhow::Result<()> {
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
        let entries: Vec<ics::Entry<'_>> = self
            .ics
            .iter()
            .map(|(case, t)| ics::Entry {
                case_id: case,
                event: &t.event,
                event_date: t.event_date,
                obligation: &t.due.entry.obligation,
                due: t.due.due,
                rule: &t.due.entry.rule,
                source: &t.due.entry.source,
            })
            .collect();
        let text = (self.format == Format::Ics).then(|| ics::render(&entries));
        match self.stream.take() {
            Some(s) => s.finish(text),
            None => Ok(()),
        }
    }
}
