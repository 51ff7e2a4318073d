//! `caseaudit due`: the obligations case events start (SPEC §5), with due dates on
//! the working-day calendar and each rule's source.
//!
//! - `due EVENT DATE`: one event from the command line.
//! - `due --events FILE|-`: a CSV of events, streamed one case at a time (so
//!   memory stays flat however long the file); each case's later events mark its
//!   obligations met, late or outstanding. A case's rows must be together.

use crate::Outcome;
use crate::calendar::Calendar;
use crate::calendar::offset::Offset;
use crate::cli::{DueArgs, Global};
use crate::error::{InputError, UsageError};
use crate::io::csvin::{CsvFile, display_name};
use crate::io::ics;
use crate::io::output::{Cell, Format, RowStream};
use crate::model::arena::IdArena;
use crate::timescales::track::{self, Event, Outcome as Met, Tracked};
use crate::timescales::{self, DETAILS, Facts, Set};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::rc::Rc;

/// An open obligation due within this many working days is "due soon".
pub const DUE_SOON: &str = "5 working days";

const COLUMNS: [&str; 7] = ["case_id", "event", "event_date", "obligation", "due", "rule", "source"];

/// `--by-team`: counts of open obligations per team and obligation.
const BY_TEAM: [&str; 6] = ["team", "obligation", "overdue", "due_soon", "open", "children"];

pub fn run(args: &DueArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = timescales::load(&args.timescales)?;
    let cal = g.calendar()?;
    let opts = g.output();
    let format = opts.resolved_format();
    let mut columns: Vec<String> = COLUMNS.iter().map(|s| s.to_string()).collect();
    let map = g.column_map()?;
    let ssd_tables = crate::ssd::is_preset(map.preset()) && !args.events.is_empty();
    if !args.events.is_empty() || !args.annex_a.is_empty() {
        columns.extend(["outcome".to_string(), "met_on".to_string()]);
    }
    if args.as_of.is_some() {
        columns.extend(["status".to_string(), "days_left".to_string()]);
    }
    if !args.annex_a.is_empty() || ssd_tables {
        columns.extend(["team".to_string(), "worker".to_string()]);
    }
    if args.by_team && args.annex_a.is_empty() && !ssd_tables {
        return Err(UsageError(
            "--by-team needs teams: give --annex-a, or SSD tables with --columns ssd --events".into(),
        )
        .into());
    }
    if args.by_team {
        columns = BY_TEAM.iter().map(|s| s.to_string()).collect();
    }
    let mut out = Report::new(RowStream::new(&opts, format, columns)?, args.as_of, &cal)?;
    out.by_team = args.by_team.then(BTreeMap::new);
    let mut skipped = 0usize;
    if !args.annex_a.is_empty() {
        annex_a(&args.annex_a, g, &set, &cal, &mut out)?;
    }
    match args.events.as_slice() {
        _ if ssd_tables => ssd(&args.events, args, g, &set, &cal, &mut out)?,
        [] if !args.annex_a.is_empty() => {}
        [] => {
            let (Some(event), Some(date)) = (&args.event, args.date) else {
                return Err(UsageError("give EVENT and DATE, or --events FILE".into()).into());
            };
            let event = event.trim().to_ascii_lowercase();
            check_event(&set, &event).map_err(UsageError)?;
            let details = parse_details(&args.detail.join(",")).map_err(|d| UsageError(unknown_detail(&d)))?;
            let facts = Facts { details, dob: args.dob };
            for d in set.obligations(&event, date, &facts, &cal, g.count_event_day)? {
                let t =
                    Tracked { event: Rc::from(event.as_str()), event_date: date, due: d, outcome: Met::Outstanding };
                out.write(&Rc::from(""), &t, false, &[])?;
            }
            if out.rows == 0 {
                g.note(&format!("{event} starts no obligation in the '{}' timescales", set.name));
            }
        }
        [path] => skipped = stream_events(path, &map, args, g, &set, &cal, &mut out)?,
        _ => {
            return Err(UsageError(
                "give one --events file (several only with --columns ssd or ssda903, for their tables)".into(),
            )
            .into());
        }
    }
    let overdue = out.overdue;
    let summary = (!args.events.is_empty() || !args.annex_a.is_empty()).then(|| out.summary());
    out.finish()?;
    if let Some(line) = summary {
        g.note(&format!("due: {line}"));
    }
    if skipped > 0 {
        g.note(&format!("warning: {skipped} bad rows were skipped (--keep-going)"));
    }
    Ok(if overdue > 0 { Outcome::Found } else { Outcome::Clean })
}

fn check_event(set: &Set, event: &str) -> Result<(), String> {
    if set.knows_event(event) {
        Ok(())
    } else {
        Err(format!("unknown event '{event}'; known events: {}", timescales::EVENTS.join(", ")))
    }
}

fn unknown_detail(d: &str) -> String {
    format!("unknown --detail '{d}'; known: {}", DETAILS.join(", "))
}

/// Qualifiers separated by commas, semicolons or spaces.
fn parse_details(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for d in text.split([',', ';', ' ']).map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty()) {
        if !DETAILS.contains(&d.as_str()) {
            return Err(d);
        }
        out.push(d);
    }
    Ok(out)
}

/// Streams the events file case by case. Returns the number of rows skipped.
fn stream_events(
    path: &str,
    map: &crate::io::columns::ColumnMap,
    args: &DueArgs,
    g: &Global,
    set: &Set,
    cal: &Calendar,
    out: &mut Report,
) -> anyhow::Result<usize> {
    let mut f = CsvFile::open(path, "events", map)?;
    crate::ssd::refuse_without_preset(&f, map, "case_id")?;
    let c_case = f.require("case_id")?;
    let c_event = f.require("event")?;
    let c_date = f.require("date")?;
    let c_dob = f.column("dob")?;
    let c_detail = f.column("detail")?;
    let mut done = IdArena::default();
    let mut case = String::new();
    let mut case_line = 0u64;
    let mut events: Vec<Event> = Vec::new();
    let mut skipped = 0;
    let flush = |case: &str, events: &mut Vec<Event>, out: &mut Report| -> anyhow::Result<()> {
        let case: Rc<str> = Rc::from(case);
        let tracked = track::track(set, events, cal, g.count_event_day)
            .map_err(|(line, e)| InputError::at(display_name(path), line, None, e.to_string()))?;
        for t in &tracked {
            out.write(&case, t, true, &[])?;
        }
        events.clear();
        Ok(())
    };
    while f.next_record()? {
        let row = f.row();
        let parsed = (|| -> Result<(String, Event), InputError> {
            let case_id = row.required(c_case)?.into_owned();
            let event = row.required(c_event)?.to_ascii_lowercase();
            check_event(set, &event).map_err(|m| row.error(c_event, m))?;
            let date =
                row.date(Some(c_date))?.ok_or_else(|| row.error(c_date, "'date' is blank; every event needs one"))?;
            let dob = row.date(c_dob)?;
            let details = match c_detail {
                Some(c) => parse_details(&row.text(c)).map_err(|d| row.error(c, unknown_detail(&d)))?,
                None => Vec::new(),
            };
            Ok((case_id, Event { event: Rc::from(event), date, dob, details, line: row.line() }))
        })();
        let (case_id, event) = match parsed {
            Ok(p) => p,
            Err(e) if args.keep_going => {
                g.note(&format!("error: {e} (row skipped)"));
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if case_id != case {
            if !case.is_empty() {
                flush(&case, &mut events, out)?;
                done.insert(&case);
            }
            if done.get(&case_id).is_some() {
                return Err(InputError::at(
                    f.name(),
                    event.line,
                    Some(c_case.index + 1),
                    format!(
                        "case '{case_id}' appears again after other cases (its rows began on or before line {case_line}); sort the file by case_id so each case's events are together"
                    ),
                )
                .into());
            }
            case = case_id;
            case_line = event.line;
        }
        events.push(event);
    }
    if !case.is_empty() {
        flush(&case, &mut events, out)?;
    }
    Ok(skipped)
}

/// `due --annex-a`: each child's dates from Lists 3-9 as events, tracked like an
/// events file, with the allocated team and worker on every row. Cells the
/// workbook could not give are warnings on stderr (sheet, row, column).
fn annex_a(paths: &[String], g: &Global, set: &Set, cal: &Calendar, out: &mut Report) -> anyhow::Result<()> {
    let path = paths.join(", ");
    let wb = crate::annexa::read(paths)?;
    for w in &wb.warnings {
        g.note(&format!("warning: {path}: {w}"));
    }
    let recordable = crate::annexa::recordable(&wb);
    track_children(&path, crate::annexa::children(&wb), &recordable, g, set, cal, out)?;
    g.note(&format!("due: {path}: {}", wb.summary()));
    Ok(())
}

/// `due --columns ssd|ssda903 --events FILE|DIR...`: each child's dates from
/// the SSD (or SSDA903) tables as events, with the team and worker of their
/// open involvement on the `--as-of` date (else today).
fn ssd(
    paths: &[String],
    args: &DueArgs,
    g: &Global,
    set: &Set,
    cal: &Calendar,
    out: &mut Report,
) -> anyhow::Result<()> {
    let path = paths.join(", ");
    // The roles that hold caseloads, to prefer a social worker's involvement
    // over, say, an IRO's: the quality-practice policy's.
    let roles = crate::select::policy::load("quality-practice")?;
    let caseworker = |role: &str| roles.is_caseworker_role(role);
    let x = crate::ssd::read(paths, args.as_of.unwrap_or_else(|| g.today()), &caseworker)?;
    for w in &x.warnings {
        g.note(&format!("warning: {w}"));
    }
    if x.recordable.is_empty() {
        return Err(InputError::file(
            &path,
            "holds no SSD or SSDA903 table with dates caseaudit reads (ssd_cla_episodes, ssd_cp_plans, episodes, ...)",
        )
        .into());
    }
    track_children(&path, x.children, &x.recordable, g, set, cal, out)?;
    let found: Vec<&str> = x.tables.keys().copied().collect();
    g.note(&format!("due: {path}: {} read", found.join(", ")));
    Ok(())
}

/// Tracks each child's events and writes their obligations with team and
/// worker; what the source cannot record is untracked, never overdue.
fn track_children(
    path: &str,
    children: BTreeMap<String, crate::annexa::Child>,
    recordable: &std::collections::BTreeSet<&'static str>,
    g: &Global,
    set: &Set,
    cal: &Calendar,
    out: &mut Report,
) -> anyhow::Result<()> {
    for (id, mut child) in children {
        let case: Rc<str> = Rc::from(id.as_str());
        let mut tracked = track::track(set, &mut child.events, cal, g.count_event_day)
            .map_err(|(row, e)| InputError::at(path, row, None, e.to_string()))?;
        crate::annexa::untrack_unseen(&mut tracked, recordable);
        let extra = [child.team.map_or(Cell::Empty, Cell::Text), child.worker.map_or(Cell::Empty, Cell::Text)];
        for t in &tracked {
            out.write(&case, t, true, &extra)?;
        }
    }
    Ok(())
}

/// (team, obligation) → overdue, due soon and open counts, and the children.
type TeamCounts = BTreeMap<(String, Rc<str>), ([u64; 3], std::collections::BTreeSet<Rc<str>>)>;

/// The rows being written, with the status arithmetic and ICS collection.
struct Report {
    stream: Option<RowStream>,
    as_of: Option<NaiveDate>,
    soon: Option<NaiveDate>,
    rows: usize,
    overdue: usize,
    ics: Vec<(String, Tracked)>,
    format: Format,
    /// Reused for every row.
    row: Vec<Cell>,
    /// `--by-team`: (team, obligation) → overdue, due soon, open, and the children.
    by_team: Option<TeamCounts>,
    /// For the summary: cases seen (their rows come together), and obligations
    /// by status (with `--as-of`) or outcome.
    cases: usize,
    last_case: Option<Rc<str>>,
    tally: BTreeMap<&'static str, usize>,
}

impl Report {
    fn new(stream: RowStream, as_of: Option<NaiveDate>, cal: &Calendar) -> anyhow::Result<Report> {
        let soon = match as_of {
            Some(d) => Some(Offset::parse(DUE_SOON).map_err(UsageError)?.apply(cal, d, false)?),
            None => None,
        };
        let format = stream.format();
        Ok(Report {
            stream: Some(stream),
            as_of,
            soon,
            rows: 0,
            overdue: 0,
            ics: Vec::new(),
            format,
            row: Vec::new(),
            by_team: None,
            cases: 0,
            last_case: None,
            tally: BTreeMap::new(),
        })
    }

    /// One line for stderr: "27 obligations for 5 cases: 3 overdue, ...".
    fn summary(&self) -> String {
        const ORDER: [&str; 7] = ["overdue", "due-soon", "open", "outstanding", "met", "late", "untracked"];
        let parts: Vec<String> = ORDER.iter().filter_map(|k| self.tally.get(k).map(|n| format!("{n} {k}"))).collect();
        let as_of = self.as_of.map(|d| format!(" (as of {d})")).unwrap_or_default();
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{} for {}: {}{as_of}",
            plural(self.rows, "obligation", "obligations"),
            plural(self.cases, "case", "cases"),
            parts.join(", ")
        )
    }

    fn write(&mut self, case_id: &Rc<str>, t: &Tracked, with_outcome: bool, extra: &[Cell]) -> anyhow::Result<()> {
        self.rows += 1;
        if self.last_case.as_ref().is_none_or(|c| c != case_id) {
            self.cases += 1;
            self.last_case = Some(Rc::clone(case_id));
        }
        let mut row = std::mem::take(&mut self.row);
        row.clear();
        row.extend([
            if case_id.is_empty() { Cell::Empty } else { Cell::Shared(Rc::clone(case_id)) },
            Cell::Shared(Rc::clone(&t.event)),
            Cell::Date(t.event_date),
            Cell::Shared(Rc::clone(&t.due.entry.text.obligation)),
            Cell::Date(t.due.due),
            Cell::Shared(Rc::clone(&t.due.entry.text.rule)),
            Cell::Shared(Rc::clone(&t.due.entry.text.source)),
        ]);
        if with_outcome {
            let (outcome, on) = match t.outcome {
                Met::Met(d) => ("met", Some(d)),
                Met::Late(d) => ("late", Some(d)),
                Met::Outstanding => ("outstanding", None),
                Met::Untracked => ("untracked", None),
            };
            row.push(Cell::Static(outcome));
            row.push(Cell::opt_date(on));
            if self.as_of.is_none() {
                *self.tally.entry(outcome).or_default() += 1;
            }
        }
        let mut status_now: Option<&'static str> = None;
        if let (Some(as_of), Some(soon)) = (self.as_of, self.soon) {
            let (status, left) = match t.outcome {
                Met::Met(_) => ("met", None),
                Met::Late(_) => ("late", None),
                Met::Untracked => ("untracked", None),
                Met::Outstanding if t.due.due < as_of => {
                    self.overdue += 1;
                    ("overdue", Some((t.due.due - as_of).num_days()))
                }
                Met::Outstanding if t.due.due <= soon => ("due-soon", Some((t.due.due - as_of).num_days())),
                Met::Outstanding => ("open", Some((t.due.due - as_of).num_days())),
            };
            status_now = Some(status);
            *self.tally.entry(status).or_default() += 1;
            row.push(Cell::Static(status));
            row.push(left.map_or(Cell::Empty, Cell::Int));
        }
        row.extend_from_slice(extra);
        if let Some(counts) = self.by_team.as_mut() {
            let slot = match status_now {
                Some("overdue") => Some(0),
                Some("due-soon") => Some(1),
                Some("open") => Some(2),
                _ => None,
            };
            if let Some(i) = slot {
                let team = extra.first().map(Cell::plain).unwrap_or_default();
                let entry = counts.entry((team, Rc::clone(&t.due.entry.text.obligation))).or_default();
                entry.0[i] += 1;
                entry.1.insert(Rc::clone(case_id));
            }
            self.row = row;
            return Ok(());
        }
        if self.format == Format::Ics {
            if matches!(t.outcome, Met::Outstanding | Met::Untracked) {
                self.ics.push((case_id.to_string(), t.clone()));
            }
            self.row = row;
            return Ok(());
        }
        if let Some(s) = self.stream.as_mut() {
            s.row(&row)?;
        }
        self.row = row;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<()> {
        if let (Some(counts), Some(s)) = (self.by_team.take(), self.stream.as_mut()) {
            for ((team, obligation), (n, children)) in counts {
                s.row(&[
                    if team.is_empty() { Cell::Static("(no team)") } else { Cell::Text(team) },
                    Cell::Shared(obligation),
                    Cell::Int(n[0] as i64),
                    Cell::Int(n[1] as i64),
                    Cell::Int(n[2] as i64),
                    Cell::Int(children.len() as i64),
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
