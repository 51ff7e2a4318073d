//! `cases.csv` (SPEC §2): `case_id` (unique), `worker_id`, `team` (default: the
//! worker's), `service`, `area` (default: the worker's), `status`, `opened`,
//! `closed`, `restricted`, `family_id`, `recorded_by` (`;`-separated staff ids).

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::Names;
use crate::model::arena::IdArena;
use crate::model::staff::Staff;
use chrono::NaiveDate;

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
/// With `--columns ssd`, an `ssd_involvements` extract is read instead, one
/// case per child ([`load_involvements`]).
pub fn load(
    path: &str,
    map: &ColumnMap,
    staff: &Staff,
    names: &mut Names,
    inv: &Involvements,
) -> Result<(Cases, Vec<String>), InputError> {
    let mut f = CsvFile::open(path, "cases", map)?;
    crate::ssd::refuse_without_preset(&f, map, "case_id")?;
    if map.preset() == Some("ssd")
        && crate::ssd::table_by_headers(f.headers()).is_some_and(|t| t.name == "ssd_involvements")
    {
        return load_involvements(f, staff, names, inv);
    }
    let c_id = f.require("case_id")?;
    let c_worker = f.require("worker_id")?;
    let c_team = f.column("team")?;
    let c_service = f.column("service")?;
    let c_area = f.column("area")?;
    let c_status = f.column("status")?;
    let c_opened = f.column("opened")?;
    let c_closed = f.column("closed")?;
    let c_restricted = f.column("restricted")?;
    let c_family = f.column("family_id")?;
    let c_recorded = f.column("recorded_by")?;

    let mut cases = Cases::default();
    // A case row is rarely under 40 bytes: size the tables once.
    if let Ok(meta) = std::fs::metadata(path) {
        cases.reserve((meta.len() / 40).min(50_000_000) as usize);
    }
    let mut unknown_recorders = 0usize;
    let mut services = Names::default();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?;
        let w = row.text(c_worker);
        let worker = if w.is_empty() {
            Allocation::Unallocated
        } else {
            match staff.get(&w) {
                Some(s) => Allocation::Worker(s),
                None => Allocation::Unknown(w.as_ref().into()),
            }
        };
        let team = Some(row.opt_text(c_team)).filter(|t| !t.is_empty()).map(|t| names.intern(&t));
        let area = Some(row.opt_text(c_area)).filter(|t| !t.is_empty()).map(|t| names.intern(&t));
        let service = services.intern(&row.opt_text(c_service));
        let _opened = row.date(c_opened)?;
        let closed_on = row.date(c_closed)?;
        let closed = match c_status {
            Some(c) => {
                let status = row.text(c);
                if status.eq_ignore_ascii_case("open") {
                    false
                } else if status.eq_ignore_ascii_case("closed") {
                    true
                } else if status.is_empty() {
                    closed_on.is_some()
                } else {
                    return Err(row.error(c, format!("'status': '{status}' is neither open nor closed")));
                }
            }
            None => closed_on.is_some(),
        };
        let restricted = row.flag(c_restricted, false)?;
        let family = cases.family_span(&row.opt_text(c_family));
        let mut recorded_by = Vec::new();
        for part in row.opt_text(c_recorded).split(';') {
            let p = part.trim();
            if p.is_empty() {
                continue;
            }
            match staff.get(p) {
                Some(s) if !recorded_by.contains(&s) => recorded_by.push(s),
                Some(_) => {}
                None => unknown_recorders += 1,
            }
        }
        let line = row.line();
        let case = Case {
            worker,
            team,
            area,
            service,
            closed,
            closed_on,
            restricted,
            family,
            recorded: Span::default(),
            line,
        };
        if let Err(first) = cases.push(&id, &recorded_by, case) {
            return Err(row.error(
                c_id,
                format!(
                    "case_id '{id}' appears twice (first on line {}); each case needs one row",
                    cases.list[first as usize].line
                ),
            ));
        }
    }
    let mut warnings = Vec::new();
    if f.saw_windows_1252() {
        warnings.push(format!("{}: not UTF-8; read as Windows-1252", f.name()));
    }
    if unknown_recorders > 0 {
        warnings.push(format!(
            "{}: {} not in the staff file and {} ignored",
            f.name(),
            crate::words::count(unknown_recorders, "recorded_by id is", "recorded_by ids are"),
            if unknown_recorders == 1 { "was" } else { "were" }
        ));
    }
    cases.services = services;
    Ok((cases, warnings))
}

/// The caseload from an SSD `ssd_involvements` extract: one row per worker
/// involvement, so one case per child (`invo_person_id`), allocated to the
/// involvement open on `inv.day` (a caseworker's first, then the latest start);
/// everyone involved by then recorded on the file (Quality Practice Audit §4.2). A
/// child with no open involvement is closed on the last end date, left with
/// its last worker, so the policy's "recently closed" window applies.
fn load_involvements(
    mut f: CsvFile,
    staff: &Staff,
    names: &mut Names,
    inv: &Involvements,
) -> Result<(Cases, Vec<String>), InputError> {
    use crate::ssd::{Involvement, current};
    let c_id = f.require("case_id")?;
    let c_worker = f.require("worker_id")?;
    let c_team = f.column("team")?;
    let c_start = f.column("opened")?;
    let c_end = f.column("closed")?;
    // Not in the SSD; an authority may add it.
    let c_service = f.column("service")?;
    // Each child's first line, service and involvements, in order of first
    // appearance.
    let mut ids = IdArena::default();
    let mut lists: Vec<(u64, String, Vec<Involvement>)> = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?;
        // SQL Server writes an empty cell as NULL.
        let null = |c: Option<crate::io::csvin::Col>| c.is_some_and(|c| row.text(c).eq_ignore_ascii_case("null"));
        let text =
            |c: Option<crate::io::csvin::Col>| if null(c) { String::new() } else { row.opt_text(c).into_owned() };
        let involvement = Involvement {
            worker: text(Some(c_worker)),
            team: text(c_team),
            start: row.date(c_start)?,
            end: row.date(c_end)?,
        };
        let (n, new) = ids.insert(&id);
        if new {
            lists.push((row.line(), String::new(), Vec::new()));
        }
        let entry = &mut lists[n as usize];
        if entry.1.is_empty() {
            entry.1 = text(c_service);
        }
        entry.2.push(involvement);
    }
    let mut cases = Cases::default();
    let mut services = Names::default();
    let mut unknown = std::collections::BTreeSet::new();
    for (n, (line, service, list)) in lists.iter().enumerate() {
        let service = services.intern(service);
        let staff_of = |i: &Involvement| staff.get(&i.worker);
        let chosen = current(list, inv.day, |i| staff_of(i).is_some_and(|s| (inv.caseworker)(s)));
        let open = chosen.is_some() || list.iter().any(|i| i.end.is_none_or(|e| e > inv.day));
        let closed_on = if open { None } else { list.iter().filter_map(|i| i.end).max() };
        // Closed: the worker whose involvement ended last.
        let chosen = chosen.or_else(|| {
            (!open).then(|| list.iter().enumerate().max_by_key(|(k, i)| (i.end, *k)).map(|(k, _)| k)).flatten()
        });
        let worker = match chosen.map(|k| &list[k]) {
            Some(i) if i.worker.is_empty() => Allocation::Unallocated,
            Some(i) => match staff_of(i) {
                Some(s) => Allocation::Worker(s),
                None => {
                    unknown.insert(i.worker.clone());
                    Allocation::Unknown(i.worker.as_str().into())
                }
            },
            None => Allocation::Unallocated,
        };
        let team = chosen.map(|k| &list[k].team).filter(|t| !t.is_empty()).map(|t| names.intern(t));
        // Everyone involved by `day` (the allocated worker too: a file's
        // recorders must include its worker, Quality Practice Audit §4.2).
        let mut recorded: Vec<u32> = Vec::new();
        for i in list.iter().filter(|i| i.start.is_none_or(|s| s <= inv.day)) {
            if let Some(s) = staff_of(i)
                && !recorded.contains(&s)
            {
                recorded.push(s);
            }
        }
        let case = Case {
            worker,
            team,
            area: None,
            service,
            closed: !open,
            closed_on,
            restricted: false,
            family: None,
            recorded: Span::default(),
            line: *line,
        };
        let _ = cases.push(ids.get_str(n as u32), &recorded, case);
    }
    cases.services = services;
    let mut warnings = Vec::new();
    if f.saw_windows_1252() {
        warnings.push(format!("{}: not UTF-8; read as Windows-1252", f.name()));
    }
    if !unknown.is_empty() {
        warnings.push(format!(
            "{}: {} professionals with open or last involvements are not in the staff file; their files are excluded (worker not in staff)",
            f.name(),
            unknown.len()
        ));
    }
    Ok((cases, warnings))
}

/// The caseload from Ofsted Annex A lists (issue 6): one case per child, from the
/// list that speaks for the current work first (8 looked after, 7 child
/// protection, 9 care leavers, 6 children in need, then 5, 4, 3), with the
/// allocated worker matched to `staff.csv` by name. Names that match nobody (or
/// two people) are reported once each, with where they first appear.
pub fn from_annex_a(
    wb: &crate::annexa::Workbook,
    staff_names: &crate::model::FastMap<String, Option<u32>>,
    names: &mut Names,
) -> (Cases, Vec<String>) {
    use crate::annexa::Value;
    let mut cases = Cases::default();
    let mut services = Names::default();
    let mut unmatched: std::collections::BTreeMap<String, (String, u32, usize, bool)> = Default::default();
    for n in [8u8, 7, 9, 6, 5, 4, 3] {
        let Some(list) = wb.lists.get(&n) else { continue };
        let service = crate::annexa::LISTS.iter().find(|l| l.number == n).map_or("", |l| l.title);
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let worker = match row.get("worker") {
                Value::Text(name) => match staff_names.get(&crate::model::staff::person_name(name)) {
                    Some(Some(s)) => Allocation::Worker(*s),
                    found => {
                        let e =
                            unmatched.entry(name.clone()).or_insert((list.sheet.clone(), row.row, 0, found.is_some()));
                        e.2 += 1;
                        Allocation::Unknown(name.as_str().into())
                    }
                },
                _ => Allocation::Unallocated,
            };
            let team = row.get("team").text().map(|t| names.intern(t));
            let closed_on = ["cla_end", "cp_end", "cin_closed"].iter().find_map(|c| row.get(c).date());
            let case = Case {
                worker,
                team,
                area: None,
                service: services.intern(service),
                closed: closed_on.is_some(),
                closed_on,
                restricted: false,
                family: None,
                recorded: Span { start: 0, len: 0 },
                line: u64::from(row.row),
            };
            // A child on several lists is one case: the first list wins.
            let _ = cases.push(id, &[], case);
        }
    }
    cases.services = services;
    let warnings = unmatched
        .into_iter()
        .map(|(name, (sheet, row, count, twice))| {
            let why = if twice { "matches two people in the staff file" } else { "is not a name in the staff file" };
            let children = crate::words::count(count, "child", "children");
            format!("{sheet} row {row}: allocated worker '{name}' {why} ({children}); their files are left unallocated")
        })
        .collect();
    (cases, warnings)
}
