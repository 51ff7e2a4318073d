//! Case events, the input of `due` (docs/reference/input-files.md, docs/due.md): typed records, and the loader
//! of an events file.
//!
//! An events file has `case_id`, `event` and `date`, and may have `dob`,
//! `detail` (qualifiers separated by `;`, `,` or spaces), `team` and `worker`
//! (carried into the output), `latest` (yes when the date is the latest
//! occurrence of the event, from a "latest" or "last" column of the export) and
//! `recorded_due` (the due date the case system recorded for that occurrence).
//! A row with no date but a recorded due date is an occurrence the system has
//! scheduled and not yet held. `--columns` maps any of these to an export's
//! own headers.

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::io::csvin::{Col, CsvFile};
use crate::model::FastMap;
use crate::model::event_kind::EventKind;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::rc::Rc;

/// One event of a case.
#[derive(Debug, Clone)]
pub struct Event {
    pub event: EventKind,
    pub date: NaiveDate,
    pub dob: Option<NaiveDate>,
    pub details: Vec<String>,
    /// A snapshot: the latest occurrence of this event, from a "latest" or
    /// "last" column. Earlier occurrences may exist and not be in the data.
    pub latest: bool,
    /// The due date the case system recorded for this occurrence (an SSD
    /// review's `clar_cla_review_due_date`, say).
    pub recorded_due: Option<NaiveDate>,
    /// Where it came from, for messages.
    pub line: u64,
}

impl Event {
    pub fn new(event: EventKind, date: NaiveDate, line: u64) -> Event {
        Event { event, date, dob: None, details: Vec::new(), latest: false, recorded_due: None, line }
    }
}

/// A due date the case system recorded for an occurrence not yet held (a review
/// scheduled but not held, or held after the as-of date).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pending {
    pub event: EventKind,
    pub recorded_due: NaiveDate,
}

/// One case as the readers give it: its events in any order, and who holds it.
#[derive(Debug, Clone, Default)]
pub struct Case {
    pub id: Rc<str>,
    /// Which episode of the child's this case is, where a return holds several
    /// (the CIN census's `CINdetails`): chains never cross episodes.
    pub episode: Option<u32>,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub dob: Option<NaiveDate>,
    pub events: Vec<Event>,
    pub pending: Vec<Pending>,
    /// Events the case's data cannot show before a date: a CIN census holds
    /// its year's reviews only, and a date it gives that cannot be read shows
    /// nothing. An obligation such an event could have met, started before
    /// that date, is untracked, never late.
    pub unseen: Vec<Unseen>,
    /// Looked-after episodes (the SSDA903 return's, the SSD's
    /// `ssd_cla_episodes`), for the looked-after indicators.
    pub care: Vec<CareEpisode>,
}

/// One looked-after episode: its start, its end (none while open) and the
/// reason it began (`RNE`: `S` started to be looked after; `P`, `T`, `B`, `U`
/// a change of placement; `L` a change of legal status alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareEpisode {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub reason: String,
}

impl CareEpisode {
    /// The episode began a placement (coming into care, or a move).
    pub fn new_placement(&self) -> bool {
        matches!(self.reason.as_str(), "S" | "P" | "T" | "B" | "U")
    }
}

/// Events of one kind the data cannot show before `before` (`NaiveDate::MAX`:
/// not at all), and why, in words for the note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unseen {
    pub event: EventKind,
    pub before: NaiveDate,
    pub why: Rc<str>,
}

/// One row of an events file: an event, or a due date the case system recorded
/// for an occurrence not yet held.
#[derive(Debug, Clone)]
pub enum Item {
    Event(Event),
    Pending(Pending),
}

/// Who holds the case, as one row says.
#[derive(Debug, Clone, Copy, Default)]
pub struct Holder<'a> {
    pub team: Option<&'a str>,
    pub worker: Option<&'a str>,
}

/// The names a row may use: known events, and qualifiers.
pub struct Vocabulary<'a> {
    /// `Err` says what is wrong with an event name (and what is known).
    pub event: &'a dyn Fn(&str) -> Result<(), String>,
    pub details: &'a [&'a str],
}

impl Vocabulary<'_> {
    /// Qualifiers separated by commas, semicolons or spaces; `Err` names the
    /// first unknown one.
    pub fn details(&self, text: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for d in text.split([',', ';', ' ']).map(|d| d.trim().to_ascii_lowercase()).filter(|d| !d.is_empty()) {
            if !self.details.contains(&d.as_str()) {
                let hint = crate::words::did_you_mean(&d, self.details.iter().copied());
                return Err(format!("unknown --detail '{d}'{hint}; known: {}", self.details.join(", ")));
            }
            out.push(d);
        }
        Ok(out)
    }
}

/// An events file being read.
pub struct EventsFile {
    f: CsvFile,
    case: Col,
    event: Col,
    date: Col,
    dob: Option<Col>,
    detail: Option<Col>,
    team: Option<Col>,
    worker: Option<Col>,
    latest: Option<Col>,
    recorded_due: Option<Col>,
    /// The events met so far, by their spelling in the file: a spelling met
    /// before is known (checking it again would say so again), and a local
    /// event's name is shared, not copied.
    kinds: FastMap<Box<str>, EventKind>,
}

/// One row as read: the case, who holds it, and the event.
pub struct Row<'a> {
    /// The physical line the row starts on.
    pub line: u64,
    pub case_id: Cow<'a, str>,
    pub team: Option<Cow<'a, str>>,
    pub worker: Option<Cow<'a, str>>,
    pub item: Item,
}

impl Row<'_> {
    pub fn line(&self) -> u64 {
        self.line
    }

    pub fn holder(&self) -> Holder<'_> {
        Holder { team: self.team.as_deref(), worker: self.worker.as_deref() }
    }
}

impl EventsFile {
    pub fn open(path: &str, map: &ColumnMap) -> Result<EventsFile, InputError> {
        EventsFile::new(CsvFile::open(path, "events", map)?)
    }

    /// An events file already opened as CSV.
    pub fn new(f: CsvFile) -> Result<EventsFile, InputError> {
        Ok(EventsFile {
            case: f.require("case_id")?,
            event: f.require("event")?,
            date: f.require("date")?,
            dob: f.column("dob")?,
            detail: f.column("detail")?,
            team: f.column("team")?,
            worker: f.column("worker")?,
            latest: f.column("latest")?,
            recorded_due: f.column("recorded_due")?,
            kinds: FastMap::default(),
            f,
        })
    }

    /// Whether rows say who holds the case (a `team` or `worker` column).
    pub fn has_holder(&self) -> bool {
        self.team.is_some() || self.worker.is_some()
    }

    pub fn has_team(&self) -> bool {
        self.team.is_some()
    }

    /// Whether rows carry the case system's own due dates.
    pub fn has_recorded_due(&self) -> bool {
        self.recorded_due.is_some()
    }

    /// What reading has passed over so far (blank rows, a title above the
    /// header), for the run to say.
    pub fn notes(&self) -> crate::io::csvin::ReadNotes {
        self.f.notes()
    }

    /// The CSV file being read: to read it in two parts at once.
    pub fn csv(&mut self) -> &mut CsvFile {
        &mut self.f
    }

    /// The events' spellings met so far, for a reader whose vocabulary took
    /// every event as known to have them checked by one that can say.
    pub fn spellings(&self) -> Vec<String> {
        self.kinds.keys().map(|k| k.to_string()).collect()
    }

    /// The case id column (1-based), for messages.
    pub fn case_column(&self) -> usize {
        self.case.index + 1
    }

    /// The next row: `None` at the end; `Some(Err)` for a row that cannot be
    /// read (a bad date, an unknown event), which `--keep-going` may skip; an
    /// outer `Err` when the file itself cannot be read on.
    pub fn next_row(&mut self, words: &Vocabulary) -> Result<Option<Result<Row<'_>, InputError>>, InputError> {
        if !self.f.next_record()? {
            return Ok(None);
        }
        let row = self.f.row();
        let kinds = &mut self.kinds;
        let parsed = (|| -> Result<(Cow<'_, str>, Item), InputError> {
            let case_id = row.required(self.case)?;
            let spelt = row.required(self.event)?;
            let event = match kinds.get(&*spelt) {
                Some(k) => k.clone(),
                None => {
                    let name = spelt.to_ascii_lowercase();
                    (words.event)(&name).map_err(|m| row.error(self.event, m))?;
                    let k = kinds.values().find(|k| k.name() == name).cloned();
                    let k = k.unwrap_or_else(|| EventKind::from_name(&name));
                    kinds.insert(spelt.as_ref().into(), k.clone());
                    k
                }
            };
            let recorded_due = row.date(self.recorded_due)?;
            let Some(date) = row.date(Some(self.date))? else {
                return match recorded_due {
                    Some(d) => Ok((case_id, Item::Pending(Pending { event, recorded_due: d }))),
                    None => Err(row.error(
                        self.date,
                        "'date' is blank; every event needs one (a row for an occurrence not yet held needs a recorded_due)",
                    )),
                };
            };
            let details = match self.detail {
                Some(c) => words.details(&row.text(c)).map_err(|m| row.error(c, m))?,
                None => Vec::new(),
            };
            let e = Event {
                event,
                date,
                dob: row.date(self.dob)?,
                details,
                latest: row.flag(self.latest, false)?,
                recorded_due,
                line: row.line(),
            };
            Ok((case_id, Item::Event(e)))
        })();
        let (case_id, item) = match parsed {
            Ok(p) => p,
            Err(e) => return Ok(Some(Err(e))),
        };
        let text = |c: Option<Col>| c.map(|c| row.text(c)).filter(|t| !t.is_empty());
        Ok(Some(Ok(Row { line: row.line(), case_id, team: text(self.team), worker: text(self.worker), item })))
    }
}

/// What a quick first read of an events file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstPass {
    /// The cases are listed in order, each case's rows together.
    pub in_case_order: bool,
    /// A `record-audit` row was seen (known only when in case order: the read
    /// stops at the first case out of order).
    pub record_audits: bool,
}

/// Whether the file at `path` lists its cases in `order`, each case's rows
/// together: read once, quickly, before the real read, so a file already in
/// order is streamed a case at a time. Standard input cannot be read twice,
/// so it is never taken as in order.
pub fn in_case_order(
    path: &str,
    map: &ColumnMap,
    order: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> Result<FirstPass, InputError> {
    let mut pass = FirstPass { in_case_order: false, record_audits: false };
    // Standard input and a pipe cannot be read twice; a workbook is decoded
    // whole into memory, so a first pass would only decode it twice: all are
    // gathered.
    if !crate::io::csvin::readable_twice(path) || crate::error::workbook_path(path).is_some() {
        return Ok(pass);
    }
    let mut f = CsvFile::open(path, "events", map)?;
    let case = f.require("case_id")?;
    let event = f.column("event")?;
    let mut last: Option<String> = None;
    while f.next_record()? {
        let row = f.row();
        let id = row.text(case);
        match &mut last {
            Some(l) if *l == *id => {}
            Some(l) if order(&id, l) != std::cmp::Ordering::Greater => return Ok(pass),
            Some(l) => {
                l.clear();
                l.push_str(&id);
            }
            None => last = Some(id.into_owned()),
        }
        if !pass.record_audits && row.opt_text(event).eq_ignore_ascii_case(EventKind::RecordAudit.name()) {
            pass.record_audits = true;
        }
    }
    pass.in_case_order = true;
    Ok(pass)
}

/// The order cases are listed in: ids made of digits alone by their number
/// (`9` before `10`, as case systems number children), then the rest by their
/// text. A total order, so any input order sorts the same way.
pub fn case_order(a: &str, b: &str) -> std::cmp::Ordering {
    order_key(a).cmp(&order_key(b))
}

/// What [`case_order`] compares: whether the id has anything but digits; for
/// digits-only ids, their value (length and digits without leading zeros);
/// then the id's text, so ids that differ only in leading zeros differ.
pub type OrderKey<'a> = (bool, usize, &'a str, &'a str);

pub fn order_key(s: &str) -> OrderKey<'_> {
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) {
        let digits = s.trim_start_matches('0');
        (false, digits.len(), digits, s)
    } else {
        (true, 0, s, s)
    }
}
