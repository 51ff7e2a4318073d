//! `audits.csv` (SPEC §2): the audit history, and the format of the ledger that
//! `select --ledger` appends: `case_id`, `date`, `kind`, `worker_id`,
//! `auditor_id`, `month`. Read as a stream: a national history has millions of rows
//! and only a summary per case is kept.

use crate::calendar::dates::Month;
use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::{CsvFile, ReadNotes};
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
        let mut state = init();
        let notes = read(f, |e| each(&mut state, e))?;
        return Ok((vec![state], notes.warnings()));
    };
    drop(f);
    let part = |second: bool| -> Result<(S, ReadNotes), InputError> {
        let mut state = init();
        let f = CsvFile::open_part(path, "history", map, split, second)?;
        let notes = read(f, |e| each(&mut state, e))?;
        Ok((state, notes))
    };
    let (first, second) = crate::io::csvin::in_halves(|| part(false), || part(true));
    let (s1, mut notes) = first?;
    let (s2, n2) = second?;
    notes.merge(n2);
    Ok((vec![s1, s2], notes.warnings()))
}

fn read(mut f: CsvFile, mut each: impl FnMut(Entry<'_>)) -> Result<ReadNotes, InputError> {
    let c_case = f.require("case_id")?;
    let c_kind = f.require("kind")?;
    let c_date = f.column("date")?;
    let c_month = f.column("month")?;
    let c_worker = f.column("worker_id")?;
    let c_auditor = f.column("auditor_id")?;
    if c_date.is_none() && c_month.is_none() {
        return Err(f.require("date").unwrap_err());
    }
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
