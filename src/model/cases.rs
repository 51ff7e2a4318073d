//! `cases.csv` (docs/reference/input-files.md): `case_id` (unique), `worker_id`, `team` (default: the
//! worker's), `service`, `area` (default: the worker's), `status`, `opened`,
//! `closed`, `restricted`, `family_id`, `recorded_by` (`;`-separated staff ids).

use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::{Cells, Col, CsvFile, Row};
use crate::model::Names;
use crate::model::arena::IdArena;
use crate::model::staff::Staff;
use crate::words::trim;
use chrono::NaiveDate;
use std::borrow::Cow;

/// Who a case is allocated to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allocation {
    Worker(u32),
    /// A `worker_id` that is not in `staff.csv` (often a leaver).
    Unknown(Box<str>),
    Unallocated,
}

/// A run of recorders in [`Cases::recorded_by`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

#[derive(Debug, Clone)]
pub struct Case {
    pub worker: Allocation,
    /// Team and area as given on the case; `None` means "the worker's".
    pub team: Option<u32>,
    pub area: Option<u32>,
    /// Index into [`Cases::services`].
    pub service: u32,
    pub closed: bool,
    pub opened: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub restricted: bool,
    /// The family id, in [`Cases::family`]: siblings share it.
    pub family: Option<Span>,
    /// Staff who recorded on the file, in [`Cases::recorded_by`]; unknown ids are
    /// dropped with a warning.
    pub recorded: Span,
    pub line: u64,
}

/// The caseload. A national caseload has a million cases, so ids are interned
/// in an [`IdArena`]: the case number is the id's number.
#[derive(Debug, Default, Clone)]
pub struct Cases {
    pub list: Vec<Case>,
    /// Service names, as first spelt.
    pub services: Names,
    ids: IdArena,
    recorders: Vec<u32>,
    /// Family ids, unindexed: only the few selected cases are ever compared.
    families: String,
}

impl Cases {
    pub fn id(&self, case: u32) -> &str {
        self.ids.get_str(case)
    }

    pub fn recorded_by(&self, case: u32) -> &[u32] {
        &self.recorders[self.list[case as usize].recorded.range()]
    }

    pub fn service(&self, case: u32) -> &str {
        self.services.show(self.list[case as usize].service)
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    /// The case's family id, if it has one.
    pub fn family(&self, case: u32) -> Option<&str> {
        self.list[case as usize].family.map(|s| &self.families[s.range()])
    }

    /// Stores a family id for [`Case::family`].
    pub fn family_span(&mut self, family: &str) -> Option<Span> {
        if family.is_empty() {
            return None;
        }
        let span = Span { start: self.families.len() as u32, len: family.len() as u32 };
        self.families.push_str(family);
        Some(span)
    }

    /// Adds a case with its id and recorders; if the id is taken, returns the
    /// existing case's number as the error.
    pub fn push(&mut self, id: &str, recorded_by: &[u32], mut case: Case) -> Result<u32, u32> {
        let (n, new) = self.ids.insert(id);
        if !new {
            return Err(n);
        }
        case.recorded = Span { start: self.recorders.len() as u32, len: recorded_by.len() as u32 };
        self.recorders.extend_from_slice(recorded_by);
        self.list.push(case);
        Ok(n)
    }

    /// Adds the cases of a later part of the same file, in order; `names` turns
    /// the part's team and area numbers into this caseload's. If a case id is
    /// taken, stops and returns the id, the line of the repeat and of the first.
    fn append(&mut self, other: Cases, names: &[u32]) -> Result<(), (String, u64, u64)> {
        let services: Vec<u32> =
            (0..other.services.len() as u32).map(|i| self.services.intern(other.services.show(i))).collect();
        let Cases { list, ids, recorders, families, .. } = other;
        self.list.reserve(list.len());
        for (i, mut case) in list.into_iter().enumerate() {
            let recorded = &recorders[case.recorded.range()];
            case.team = case.team.map(|t| names[t as usize]);
            case.area = case.area.map(|a| names[a as usize]);
            case.service = services[case.service as usize];
            case.family = case.family.and_then(|f| self.family_span(&families[f.range()]));
            let (id, line) = (ids.get_str(i as u32), case.line);
            if let Err(first) = self.push(id, recorded, case) {
                return Err((id.to_string(), line, self.list[first as usize].line));
            }
        }
        Ok(())
    }

    /// Makes room for about `n` cases.
    pub fn reserve(&mut self, n: usize) {
        self.list.reserve(n);
        self.ids.reserve(n, 8);
    }
}

/// What choosing a child's worker from SSD involvements needs: the day the
/// involvement must be open on, and which staff hold caseloads (preferred).
pub struct Involvements<'a> {
    pub day: NaiveDate,
    pub caseworker: &'a dyn Fn(u32) -> bool,
}

/// Loads `cases.csv`. Team, area and family names share `names` with staff.
/// (An SSD `ssd_involvements` extract is read by `ssd::caseload`, Ofsted Annex
/// A by `annexa::caseload`: the readers of those formats make these records.)
pub fn load(
    path: &str,
    map: &ColumnMap,
    staff: &Staff,
    names: &mut Names,
) -> Result<(Cases, Vec<Warning>), InputError> {
    read(CsvFile::open(path, "cases", map)?, path, map, staff, names)
}

/// Reads an opened `cases.csv` from `path`. A file of
/// [`SPLIT_FROM`](crate::io::csvin::SPLIT_FROM) bytes or
/// more is read in two halves at once (see [`crate::io::csvin::split_point`]),
/// and the halves are joined in file order: the cases, their numbers, the
/// names and the first error are what reading in one go gives.
pub fn read(
    f: CsvFile,
    path: &str,
    map: &ColumnMap,
    staff: &Staff,
    names: &mut Names,
) -> Result<(Cases, Vec<Warning>), InputError> {
    read_split(f, path, map, staff, names, crate::io::csvin::SPLIT_FROM)
}

/// [`read`], splitting files of `min_size` bytes or more.
pub fn read_split(
    f: CsvFile,
    path: &str,
    map: &ColumnMap,
    staff: &Staff,
    names: &mut Names,
    min_size: u64,
) -> Result<(Cases, Vec<Warning>), InputError> {
    // A title above the header: read in one go (the halves are cut by bytes).
    let split = if f.header_moved() { None } else { crate::io::csvin::split_point(path, min_size) };
    let Some(split) = split else {
        return from_csv(f, staff, names);
    };
    drop(f);
    // The first half's tables are made for the whole file: the second half's
    // cases are appended to them.
    let whole = std::fs::metadata(path).ok().map(|m| m.len());
    let part = |second: bool, names: &mut Names| {
        CsvFile::open_part(path, "cases", map, split, second).and_then(|f| {
            let room = if second { f.size() } else { whole };
            read_rows(f, staff, names, room)
        })
    };
    // The second half numbers its own team and area names, in the order it
    // meets them; joined after the first half's, the order is the file's.
    let (first, second) = crate::io::csvin::in_halves(
        || part(false, names),
        || {
            let mut own = Names::default();
            part(true, &mut own).map(|p| (p, own))
        },
    );
    let mut first = first?;
    if let Some(e) = first.error.take() {
        return Err(e);
    }
    let (mut second, own) = second?;
    let renamed: Vec<u32> = (0..own.len() as u32).map(|i| names.intern(own.show(i))).collect();
    if let Err((id, line, first_line)) = first.cases.append(second.cases, &renamed) {
        let message = format!("case_id '{id}' {}", twice(first_line));
        return Err(InputError::at(first.file.as_str(), line, Some(first.id_column + 1), message));
    }
    if let Some(e) = second.error.take() {
        return Err(e);
    }
    first.unknown_recorders += second.unknown_recorders;
    first.notes.merge(second.notes);
    Ok(first.finish())
}

/// Reads an opened `cases.csv` in one go.
pub fn from_csv(f: CsvFile, staff: &Staff, names: &mut Names) -> Result<(Cases, Vec<Warning>), InputError> {
    let room = f.size();
    let mut part = read_rows(f, staff, names, room)?;
    match part.error.take() {
        Some(e) => Err(e),
        None => Ok(part.finish()),
    }
}

/// The cases of a file, or of part of one, up to its first error.
struct Part {
    cases: Cases,
    /// The first error, after the cases before it.
    error: Option<InputError>,
    file: String,
    id_column: usize,
    unknown_recorders: usize,
    notes: crate::io::csvin::ReadNotes,
}

impl Part {
    fn finish(self) -> (Cases, Vec<Warning>) {
        let mut warnings = self.notes.warnings();
        let unknown = self.unknown_recorders;
        if unknown > 0 {
            warnings.push(Warning::file(
                &self.file,
                format!(
                    "{} not in the staff file and {} ignored",
                    crate::words::count(unknown, "recorded_by id is", "recorded_by ids are"),
                    if unknown == 1 { "was" } else { "were" }
                ),
            ));
        }
        (self.cases, warnings)
    }
}

fn twice(first_line: u64) -> String {
    format!("appears twice (first on line {first_line}); each case needs one row")
}

/// The columns of a cases file.
#[derive(Clone, Copy)]
struct Columns {
    id: Col,
    worker: Col,
    team: Option<Col>,
    service: Option<Col>,
    area: Option<Col>,
    status: Option<Col>,
    opened: Option<Col>,
    closed: Option<Col>,
    restricted: Option<Col>,
    family: Option<Col>,
    recorded: Option<Col>,
}

/// A case row's cells, read the usual way ([`Row`]) or by the plain path
/// ([`Cells`]), which refuses (with `()`) what it does not take as given: the
/// usual way then reads the file again and says what is wrong.
trait CaseRow<'a> {
    type Error;
    fn text(&self, col: Col) -> Cow<'a, str>;
    fn date(&self, col: Option<Col>) -> Result<Option<NaiveDate>, Self::Error>;
    fn flag(&self, col: Option<Col>, default: bool) -> Result<bool, Self::Error>;
    fn error(&self, col: Col, message: String) -> Self::Error;
    fn line(&self) -> u64;

    fn opt_text(&self, col: Option<Col>) -> Cow<'a, str> {
        col.map(|c| self.text(c)).unwrap_or(Cow::Borrowed(""))
    }

    fn required(&self, col: Col) -> Result<Cow<'a, str>, Self::Error> {
        let t = self.text(col);
        if t.is_empty() {
            return Err(self.error(col, format!("'{}' is blank; every row needs one", col.name)));
        }
        Ok(t)
    }
}

impl<'a> CaseRow<'a> for Row<'a> {
    type Error = InputError;
    fn text(&self, col: Col) -> Cow<'a, str> {
        Row::text(self, col)
    }
    fn date(&self, col: Option<Col>) -> Result<Option<NaiveDate>, InputError> {
        Row::date(self, col)
    }
    fn flag(&self, col: Option<Col>, default: bool) -> Result<bool, InputError> {
        Row::flag(self, col, default)
    }
    fn error(&self, col: Col, message: String) -> InputError {
        Row::error(self, col, message)
    }
    fn line(&self) -> u64 {
        Row::line(self)
    }
}

impl<'a> CaseRow<'a> for Cells<'a> {
    type Error = ();
    fn text(&self, col: Col) -> Cow<'a, str> {
        Cow::Borrowed(trim(Cells::text(self, col.index)))
    }
    /// As [`Row::date`].
    fn date(&self, col: Option<Col>) -> Result<Option<NaiveDate>, ()> {
        let Some(col) = col else { return Ok(None) };
        if let Some(day) = self.exact_date(col.index) {
            return Ok(Some(day));
        }
        let t = trim(Cells::text(self, col.index));
        if t.is_empty() || t.eq_ignore_ascii_case("null") {
            return Ok(None);
        }
        crate::calendar::dates::parse_date(t).map(Some).map_err(|_| ())
    }
    /// As [`Row::flag`].
    fn flag(&self, col: Option<Col>, default: bool) -> Result<bool, ()> {
        let Some(col) = col else { return Ok(default) };
        match trim(Cells::text(self, col.index)) {
            "" => Ok(default),
            t => crate::io::csvin::flag_word(t).ok_or(()),
        }
    }
    fn error(&self, _: Col, _: String) {}
    fn line(&self) -> u64 {
        self.number
    }
}

/// What reading the rows keeps besides the cases.
#[derive(Default)]
struct Reading {
    cases: Cases,
    unknown_recorders: usize,
    recorded_by: Vec<u32>,
    /// The last worker id read and who it is: cases come in runs by worker.
    last_worker: Option<(String, Allocation)>,
    /// The last service read and its number.
    last_service: Option<(String, u32)>,
}

impl Reading {
    fn new(room: Option<u64>) -> Reading {
        let mut r = Reading::default();
        // A case row is rarely under 40 bytes: size the tables once.
        if let Some(size) = room {
            r.cases.reserve((size / 40).min(50_000_000) as usize);
        }
        r
    }

    /// Reads one row into a case.
    fn row<'a, R: CaseRow<'a>>(
        &mut self,
        row: &R,
        c: &Columns,
        staff: &Staff,
        names: &mut Names,
    ) -> Result<(), R::Error> {
        let cases = &mut self.cases;
        let id = row.required(c.id)?;
        let w = row.text(c.worker);
        let worker = match &self.last_worker {
            Some((last, who)) if *last == *w => who.clone(),
            _ => {
                let who = if w.is_empty() {
                    Allocation::Unallocated
                } else {
                    match staff.get(&w) {
                        Some(s) => Allocation::Worker(s),
                        None => Allocation::Unknown(w.as_ref().into()),
                    }
                };
                self.last_worker = Some((w.to_string(), who.clone()));
                who
            }
        };
        let team = Some(row.opt_text(c.team)).filter(|t| !t.is_empty()).map(|t| names.intern(&t));
        let area = Some(row.opt_text(c.area)).filter(|t| !t.is_empty()).map(|t| names.intern(&t));
        let s = row.opt_text(c.service);
        let service = match &self.last_service {
            Some((last, n)) if *last == *s => *n,
            _ => {
                let n = cases.services.intern(&s);
                self.last_service = Some((s.to_string(), n));
                n
            }
        };
        let opened = row.date(c.opened)?;
        let closed_on = row.date(c.closed)?;
        let closed = match c.status {
            Some(col) => {
                let status = row.text(col);
                if status.eq_ignore_ascii_case("open") {
                    false
                } else if status.eq_ignore_ascii_case("closed") {
                    true
                } else if status.is_empty() {
                    closed_on.is_some()
                } else {
                    return Err(row.error(col, format!("'status': '{status}' is neither open nor closed")));
                }
            }
            None => closed_on.is_some(),
        };
        let restricted = row.flag(c.restricted, false)?;
        let family = cases.family_span(&row.opt_text(c.family));
        let recorded_by = &mut self.recorded_by;
        recorded_by.clear();
        for part in row.opt_text(c.recorded).split(';') {
            let p = part.trim();
            if p.is_empty() {
                continue;
            }
            match staff.get(p) {
                Some(s) if !recorded_by.contains(&s) => recorded_by.push(s),
                Some(_) => {}
                None => self.unknown_recorders += 1,
            }
        }
        let line = row.line();
        let case = Case {
            worker,
            team,
            area,
            service,
            closed,
            opened,
            closed_on,
            restricted,
            family,
            recorded: Span::default(),
            line,
        };
        if let Err(first) = cases.push(&id, recorded_by, case) {
            let first_line = cases.list[first as usize].line;
            return Err(row.error(c.id, format!("case_id '{id}' {}", twice(first_line))));
        }
        Ok(())
    }
}

/// Reads the rows of `f`, into tables with room for a file of `room` bytes; an
/// error in the header is returned, one in a row is kept in [`Part::error`]
/// with the cases before it. The plain path ([`CsvFile::plain_rows`]) is
/// tried first; if it stops, the rows are read again the usual way. The names
/// it interned before it stopped are those the usual way interns first, in
/// the same order (it reads the same rows in the same order, and a row it
/// stops at before reading it is one the usual way stops at, or reads
/// the same), so `names` comes out the same.
fn read_rows(mut f: CsvFile, staff: &Staff, names: &mut Names, room: Option<u64>) -> Result<Part, InputError> {
    let c = Columns {
        id: f.require("case_id")?,
        worker: f.require("worker_id")?,
        team: f.column("team")?,
        service: f.column("service")?,
        area: f.column("area")?,
        status: f.column("status")?,
        opened: f.column("opened")?,
        closed: f.column("closed")?,
        restricted: f.column("restricted")?,
        family: f.column("family_id")?,
        recorded: f.column("recorded_by")?,
    };
    let mut reading = Reading::new(room);
    let mut row_error = None;
    if !f.plain_rows(|cells| reading.row(cells, &c, staff, names).is_ok()) {
        reading = Reading::new(room);
        // A bad row stops the read; the cases before it are kept, with the error.
        let mut rows = || -> Result<(), InputError> {
            while f.next_record()? {
                reading.row(&f.row(), &c, staff, names)?;
            }
            Ok(())
        };
        row_error = rows().err();
    }
    Ok(Part {
        cases: reading.cases,
        error: row_error,
        file: f.name().to_string(),
        id_column: c.id.index,
        unknown_recorders: reading.unknown_recorders,
        notes: f.notes(),
    })
}

/// An involvement: who worked with a child, in which team, from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement {
    pub worker: String,
    pub team: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Involvement {
    /// Open on `day`: started by then (or no start given) and not yet ended.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| e > day)
    }
}

/// The involvement that speaks for the child on `day`: among the open ones,
/// those `preferred` (e.g. held by a caseworker) first, then the latest start,
/// then the last listed. `None` when none is open.
pub fn current(list: &[Involvement], day: NaiveDate, preferred: impl Fn(&Involvement) -> bool) -> Option<usize> {
    list.iter()
        .enumerate()
        .filter(|(_, i)| i.open_on(day))
        .max_by_key(|(n, i)| (preferred(i), i.start, *n))
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn inv(worker: &str, start: Option<&str>, end: Option<&str>) -> Involvement {
        Involvement { worker: worker.into(), team: String::new(), start: start.map(d), end: end.map(d) }
    }

    #[test]
    fn the_latest_open_involvement_speaks_for_the_child() {
        let list = [
            inv("a", Some("2025-01-01"), None),
            inv("b", Some("2026-03-01"), None),
            inv("c", Some("2026-06-01"), Some("2026-11-01")),
            inv("d", Some("2027-01-01"), None),
        ];
        let day = d("2026-11-22");
        assert_eq!(current(&list, day, |_| true), Some(1));
        // A preferred involvement (a caseworker's) wins over a later one.
        assert_eq!(current(&list, day, |i| i.worker == "a"), Some(0));
        // Ended the day before: not open; ends today: not open either.
        assert!(!inv("x", None, Some("2026-11-22")).open_on(day));
        assert!(inv("x", None, Some("2026-11-23")).open_on(day));
        // Starts in the future: not yet.
        assert_eq!(current(&list[3..], day, |_| true), None);
    }
}
