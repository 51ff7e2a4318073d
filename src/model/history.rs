//! `audits.csv` (docs/reference/input-files.md): the audit history, and the format of the ledger that
//! `select --ledger` appends: `case_id`, `date`, `kind`, `worker_id`,
//! `auditor_id`, `month`. Read as a stream: a national history has millions of rows
//! and only a summary per case is kept.

use crate::calendar::dates;
use crate::calendar::dates::Month;
use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::{Cells, Col, CsvFile, ReadNotes};
use crate::words::trim;
use chrono::NaiveDate;

/// The four stages of Quality Practice Audit §12–13 and Good practice audit
/// guidance: Stage 2; and a selection that was replaced (its case left the
/// caseload, and the worker was given another), which counts for nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Selected,
    Prepared,
    Audited,
    Moderated,
    Replaced,
}

impl Stage {
    pub fn parse(s: &str) -> Option<Stage> {
        let s = s.trim();
        [Stage::Selected, Stage::Prepared, Stage::Audited, Stage::Moderated, Stage::Replaced]
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Selected => "selected",
            Stage::Prepared => "prepared",
            Stage::Audited => "audited",
            Stage::Moderated => "moderated",
            Stage::Replaced => "replaced",
        }
    }

    /// Audited or moderated: the file has been through an audit.
    pub fn is_audit(self) -> bool {
        matches!(self, Stage::Audited | Stage::Moderated)
    }
}

/// One history row, borrowed for the length of a callback.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub case_id: &'a str,
    pub date: Option<NaiveDate>,
    pub month: Month,
    pub kind: Stage,
    pub worker_id: &'a str,
    pub auditor_id: &'a str,
}

/// Streams the entries of a history file (or ledger) to `each`. Returns warnings.
pub fn for_each(path: &str, map: &ColumnMap, each: impl FnMut(Entry<'_>)) -> Result<Vec<Warning>, InputError> {
    Ok(read(CsvFile::open(path, "history", map)?, each)?.warnings())
}

/// Like [`for_each`], but a file of at least `min_size` bytes is read in two
/// halves at once (see [`crate::io::csvin::split_point`]), each half's entries
/// going to its own state made by `init`. Returns the states in file order, for
/// the caller to merge, and the warnings. An error in the first half is the
/// one reported, as it would be reading in one go.
pub fn for_each_split<S: Send>(
    path: &str,
    map: &ColumnMap,
    min_size: u64,
    init: impl Fn() -> S + Sync,
    each: impl Fn(&mut S, Entry<'_>) + Sync,
) -> Result<(Vec<S>, Vec<Warning>), InputError> {
    let f = CsvFile::open(path, "history", map)?;
    // A title above the header: read in one go (the halves are cut by bytes).
    let split = if f.header_moved() { None } else { crate::io::csvin::split_point(path, min_size) };
    let Some(split) = split else {
        let (state, notes) = read_state(f, &init, &each)?;
        return Ok((vec![state], notes.warnings()));
    };
    drop(f);
    let part = |second: bool| -> Result<(S, ReadNotes), InputError> {
        let f = CsvFile::open_part(path, "history", map, split, second)?;
        read_state(f, &init, &each)
    };
    let (first, second) = crate::io::csvin::in_halves(|| part(false), || part(true));
    let (s1, mut notes) = first?;
    let (s2, n2) = second?;
    notes.merge(n2);
    Ok((vec![s1, s2], notes.warnings()))
}

/// Reads `f` into a state made by `init`: by the plain path
/// ([`CsvFile::plain_rows`]) when the file allows it, else, from a fresh
/// state, the usual way. The entries, and so the state, are the same.
fn read_state<S>(
    mut f: CsvFile,
    init: &impl Fn() -> S,
    each: &impl Fn(&mut S, Entry<'_>),
) -> Result<(S, ReadNotes), InputError> {
    let cols = Columns::find(&f)?;
    let mut state = init();
    let plain = f.plain_rows(|cells| match cols.plain(cells) {
        Some(e) => {
            each(&mut state, e);
            true
        }
        None => false,
    });
    if plain {
        return Ok((state, f.notes()));
    }
    let mut state = init();
    let notes = read_rows(f, &cols, |e| each(&mut state, e))?;
    Ok((state, notes))
}

/// The history's columns in a file.
#[derive(Clone, Copy)]
struct Columns {
    case: Col,
    kind: Col,
    date: Option<Col>,
    month: Option<Col>,
    worker: Option<Col>,
    auditor: Option<Col>,
}

impl Columns {
    fn find(f: &CsvFile) -> Result<Columns, InputError> {
        let cols = Columns {
            case: f.require("case_id")?,
            kind: f.require("kind")?,
            date: f.column("date")?,
            month: f.column("month")?,
            worker: f.column("worker_id")?,
            auditor: f.column("auditor_id")?,
        };
        if cols.date.is_none() && cols.month.is_none() {
            return Err(f.require("date").unwrap_err());
        }
        Ok(cols)
    }

    /// The entry of a plain row, as [`read_rows`] reads it; `None` for a row
    /// it would refuse (it then says why) or read some other way.
    fn plain<'a>(&self, cells: &Cells<'a>) -> Option<Entry<'a>> {
        let text = |col: Option<Col>| col.map_or("", |c| trim(cells.text(c.index)));
        let case_id = text(Some(self.case));
        if case_id.is_empty() {
            return None;
        }
        let kind = match cells.get(self.kind.index) {
            b"selected" => Stage::Selected,
            b"prepared" => Stage::Prepared,
            b"audited" => Stage::Audited,
            b"moderated" => Stage::Moderated,
            b"replaced" => Stage::Replaced,
            _ => Stage::parse(cells.text(self.kind.index))?,
        };
        let exact = self.date.and_then(|c| cells.exact_date(c.index));
        let date = match text(self.date) {
            _ if exact.is_some() => exact,
            t if t.is_empty() || t.eq_ignore_ascii_case("null") => None,
            t => Some(dates::parse_date(t).ok()?),
        };
        let month = match (self.month, self.date, exact) {
            // The month the exact date begins with: the date's.
            (Some(m), Some(d), Some(day)) if cells.get(m.index) == &cells.get(d.index)[..7] => Month::of(day),
            _ => match text(self.month) {
                "" => date.map(Month::of)?,
                t => Month::parse(t).ok()?,
            },
        };
        Some(Entry { case_id, date, month, kind, worker_id: text(self.worker), auditor_id: text(self.auditor) })
    }
}

fn read(f: CsvFile, each: impl FnMut(Entry<'_>)) -> Result<ReadNotes, InputError> {
    let cols = Columns::find(&f)?;
    read_rows(f, &cols, each)
}

fn read_rows(mut f: CsvFile, cols: &Columns, mut each: impl FnMut(Entry<'_>)) -> Result<ReadNotes, InputError> {
    let Columns { case: c_case, kind: c_kind, date: c_date, month: c_month, worker: c_worker, auditor: c_auditor } =
        *cols;
    while f.next_record()? {
        let row = f.row();
        let case_id = row.required(c_case)?;
        let kind_text = row.text(c_kind);
        let kind = Stage::parse(&kind_text).ok_or_else(|| {
            row.error(
                c_kind,
                format!("'kind': '{kind_text}' is not one of selected, prepared, audited, moderated, replaced"),
            )
        })?;
        let date = row.date(c_date)?;
        let month = match (row.month(c_month)?, date) {
            (Some(m), _) => m,
            (None, Some(d)) => Month::of(d),
            (None, None) => {
                let col = c_date.or(c_month).expect("one of them exists");
                return Err(row.error(col, "neither 'date' nor 'month' is given; every history row needs one"));
            }
        };
        let worker = row.opt_text(c_worker);
        let auditor = row.opt_text(c_auditor);
        each(Entry { case_id: &case_id, date, month, kind, worker_id: &worker, auditor_id: &auditor });
    }
    Ok(f.notes())
}
