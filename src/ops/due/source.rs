//! Where `due`'s events come from: one event on the command line, an events
//! file, a CIN census, Ofsted Annex A, or SSD and SSDA903 tables; and an
//! events file read into cases.

use super::{Input, Request, Told, halves};
use crate::annexa::Workbook;
use crate::cin::Census;
use crate::error::{InputError, UsageError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::display_name;
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, EventsFile, Holder, Item, Vocabulary};
use crate::ssd::Extract;
use crate::timescales::cases::{Grouped, Grouping, Rest as Left};
use crate::timescales::one_case;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};

/// Where the events come from, opened (so its columns are known before any
/// row is written).
pub(super) enum Source {
    One,
    Events {
        path: String,
        file: Box<EventsFile>,
    },
    /// A CIN census (an `--events` file whose content is XML).
    Census(Box<crate::cin::Census>),
    AnnexA(Workbook),
    Tables(Extract),
}

impl Source {
    pub(super) fn open(r: &Request, tell: &mut dyn FnMut(Told)) -> anyhow::Result<Source> {
        let map: &ColumnMap = r.map;
        let paths = match &r.input {
            Input::One { .. } => return Ok(Source::One),
            Input::AnnexA(files) => {
                let wb = crate::annexa::read(files)?;
                let names = files.join(", ");
                wb.warnings.iter().for_each(|w| tell(Told::Warning(w.clone().in_file(&names))));
                return Ok(Source::AnnexA(wb));
            }
            Input::Events(paths) => *paths,
        };
        match paths {
            paths if crate::ssd::is_preset(map.preset()) => {
                // The roles that hold caseloads, to prefer a social worker's
                // involvement over, say, an IRO's: the quality-practice policy's.
                let roles = crate::ops::config::policy("quality-practice")?;
                let caseworker = |role: &str| roles.is_caseworker_role(role);
                let x = crate::ssd::read(paths, r.as_of.unwrap_or(r.today), &caseworker)?;
                x.warnings.iter().for_each(|w| tell(Told::Warning(w.clone())));
                if x.recordable.is_empty() {
                    return Err(InputError::file(
                        paths.join(", "),
                        "holds no SSD or SSDA903 table with dates caseaudit reads (ssd_cla_episodes, ssd_cp_plans, episodes, ...)",
                    )
                    .into());
                }
                Ok(Source::Tables(x))
            }
            [path] => {
                let f = match open_census(path)? {
                    Opened::Census(c) => return Ok(Source::Census(c)),
                    Opened::NotXml(Some(stdin)) => {
                        let f = crate::io::csvin::CsvFile::from_reader(display_name(path), stdin, "events", map)?;
                        crate::ssd::refuse_without_preset(&f, map, "case_id")?;
                        f
                    }
                    Opened::NotXml(None) => crate::ops::open_input(path, "events", map, "case_id")?,
                };
                Ok(Source::Events { path: path.clone(), file: Box::new(EventsFile::new(f)?) })
            }
            _ => Err(UsageError(
                "give one --events file (several only with --columns ssd or ssda903, for their tables)".into(),
            )
            .into()),
        }
    }

    /// The input as messages name it.
    pub(super) fn name(&self, r: &Request) -> String {
        match (self, &r.input) {
            (Source::Events { path, .. }, _) => display_name(path),
            (Source::Census(c), _) => c.name().to_string(),
            (_, Input::AnnexA(files) | Input::Events(files)) => files.join(", "),
            (_, Input::One { .. }) => String::new(),
        }
    }

    /// Whether the rows say who holds each case (team and worker columns).
    pub(super) fn holders(&self) -> bool {
        match self {
            Source::One | Source::Census(_) => false,
            Source::Events { file, .. } => file.has_holder(),
            Source::AnnexA(_) | Source::Tables(_) => true,
        }
    }

    pub(super) fn teams(&self) -> bool {
        match self {
            Source::Events { file, .. } => file.has_team(),
            other => other.holders(),
        }
    }

    /// Whether the input carries the case system's own due dates.
    pub(super) fn recorded_due(&self) -> bool {
        match self {
            Source::Events { file, .. } => file.has_recorded_due(),
            Source::Tables(x) => x.recorded_due,
            _ => false,
        }
    }

    /// The date a snapshot speaks for: a census's `ReferenceDate`.
    pub(super) fn reference_date(&self) -> Option<chrono::NaiveDate> {
        match self {
            Source::Census(c) => c.header.reference_date.map(|d| d.date),
            _ => None,
        }
    }

    /// The events a return can record at all, where it cannot record them all.
    pub(super) fn recordable(&self) -> Option<BTreeSet<EventKind>> {
        match self {
            Source::AnnexA(wb) => Some(crate::annexa::recordable(wb)),
            Source::Census(_) => Some(crate::cin::RECORDABLE.into_iter().collect()),
            Source::Tables(x) => Some(x.recordable.clone()),
            _ => None,
        }
    }
}

/// `path` opened as a CIN census when its first bytes are XML; `Ok(None)`
/// when they are not (a CSV events file). Standard input is peeked at, and
/// handed back for the CSV reader when it is not XML.
enum Opened {
    Census(Box<Census>),
    NotXml(Option<Box<dyn Read>>),
}

fn open_census(path: &str) -> Result<Opened, InputError> {
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
    let start = input.fill_buf().map_err(|e| InputError::file(&name, crate::error::io_reason(&e)))?;
    if !crate::cin::looks_like_xml(start) {
        // What was read of a pipe cannot be read again: it is kept.
        let once = !crate::io::csvin::readable_twice(path);
        return Ok(Opened::NotXml(once.then(|| Box::new(input) as Box<dyn Read>)));
    }
    Ok(Opened::Census(Box::new(Census::new(&name, Box::new(input))?)))
}

/// How an events file is read into cases.
pub(super) struct Reading<'a> {
    /// The file (`-`: standard input), to read a case's rows again.
    pub(super) path: &'a str,
    pub(super) map: &'a ColumnMap,
    pub(super) in_case_order: bool,
    pub(super) keep_going: bool,
    /// Set when a record-audit row is read.
    pub(super) record_audits: &'a std::cell::Cell<bool>,
    /// Files in any order from this size are read in two halves at once.
    pub(super) split_from: u64,
}

/// What reading an events file leaves: the rows skipped (`--keep-going`),
/// the cases gathered when the rows were in any order (tracked by the caller),
/// and what there is to say about the file, once they are.
pub(super) struct Rest {
    pub(super) skipped: usize,
    pub(super) gathered: Option<Grouped>,
    pub(super) notes: Vec<Warning>,
    /// The file was read in two halves at once, and they were joined.
    pub(super) joined: bool,
}

/// Reads an events file into cases: when it is in case order, a case at a
/// time (constant memory), each handed to `each`; else all gathered first
/// (a large regular file in two halves at once: see [`super::halves`]), and
/// handed back.
pub(super) fn group_events(
    name: &str,
    mut file: EventsFile,
    read: &Reading<'_>,
    words: &Vocabulary,
    tell: &mut dyn FnMut(Told),
    each: &mut dyn FnMut(&mut Case) -> anyhow::Result<()>,
) -> anyhow::Result<Rest> {
    // Only a regular file can be read again: rows from standard input or a
    // pipe (as `<(...)` gives), gathered, keep their lines.
    let twice = crate::io::csvin::readable_twice(read.path);
    let mut grouping = Grouping::new(read.in_case_order);
    if !twice {
        grouping = grouping.keeping_lines();
    }
    let mut reading = Rows { name, read, words, skipped: 0 };
    let split = match grouping {
        Grouping::Gathered(_) if twice => file.csv().split_for_parts(read.split_from),
        _ => None,
    };
    let mut joined = false;
    if let Some(split) = split {
        let open = file.csv().second_part();
        file.csv().stop_at(split.at);
        let size = file.csv().size().unwrap_or(split.at);
        if let Grouping::Gathered(g) = &mut grouping {
            g.reserve(halves::rows_in(size));
        }
        let give_up = AtomicBool::new(false);
        let rows = halves::rows_in(size - split.at);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| halves::second_half(open(split).ok()?, rows, words.details, &give_up));
            let first = reading.all(&mut file, &mut grouping, tell, each);
            // The second half's work is of no use after an error here.
            give_up.store(first.is_err(), Ordering::Relaxed);
            (first, second.join())
        });
        first?;
        match second.unwrap_or_else(|panic| std::panic::resume_unwind(panic)) {
            Some(half) if file.csv().stopped_at_split() && half.known(words) => {
                if let Grouping::Gathered(g) = &mut grouping {
                    g.append(half.gathered);
                }
                file.csv().absorb(half.notes);
                if half.record_audits {
                    read.record_audits.set(true);
                }
                joined = true;
            }
            // Read on here, past the split.
            _ => {}
        }
    }
    if !joined {
        reading.all(&mut file, &mut grouping, tell, each)?;
    }
    let gathered = match grouping.finish() {
        Left::Last(last) => {
            last.map(|mut case| each(&mut case)).transpose()?;
            None
        }
        Left::Gathered(cases) => Some(cases),
    };
    Ok(Rest { skipped: reading.skipped, gathered, notes: file.notes().warnings(), joined })
}

/// Reading an events file's rows into their cases.
struct Rows<'a> {
    name: &'a str,
    read: &'a Reading<'a>,
    words: &'a Vocabulary<'a>,
    /// Rows skipped (`--keep-going`).
    skipped: usize,
}

impl Rows<'_> {
    /// Every row `file` gives from here, each added to `grouping`: cases
    /// complete (in case order) go to `each`.
    fn all(
        &mut self,
        file: &mut EventsFile,
        grouping: &mut Grouping,
        tell: &mut dyn FnMut(Told),
        each: &mut dyn FnMut(&mut Case) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let case_column = file.case_column();
        while let Some(row) = file.next_row(self.words)? {
            let row = match row {
                Ok(r) => r,
                Err(e) if self.read.keep_going => {
                    tell(Told::Line(format!("error: {e} (row skipped)")));
                    self.skipped += 1;
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            if matches!(&row.item, Item::Event(e) if e.event == EventKind::RecordAudit) {
                self.read.record_audits.set(true);
            }
            let holder = Holder { team: row.team.as_deref(), worker: row.worker.as_deref() };
            let done = grouping.add(&row.case_id, holder, row.item).map_err(|o| {
                InputError::at(
                    self.name,
                    row.line,
                    Some(case_column),
                    format!("case '{}' after '{}': the file changed while it was read", o.case, o.after),
                )
            })?;
            if let Some(mut case) = done {
                each(&mut case)?;
            }
        }
        Ok(())
    }
}

/// Case `id` read again from the events file, each event with its line; the
/// rows that could not be read were said (or stopped the run) the first time.
pub(super) fn read_case_again(read: &Reading<'_>, words: &Vocabulary, id: &str) -> anyhow::Result<Case> {
    let mut file = EventsFile::new(crate::ops::open_input(read.path, "events", read.map, "case_id")?)?;
    let (mut holders, mut items) = (Vec::new(), Vec::new());
    while let Some(row) = file.next_row(words)? {
        if let Ok(row) = row
            && row.case_id == id
        {
            holders.push((row.team.map(|t| t.into_owned()), row.worker.map(|w| w.into_owned())));
            items.push(row.item);
        }
    }
    let holders = holders.iter().map(|(t, w)| Holder { team: t.as_deref(), worker: w.as_deref() });
    Ok(one_case(id, holders.zip(items)))
}
