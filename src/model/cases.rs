//! `cases.csv` (SPEC §2): `case_id` (unique), `worker_id`, `team` (default: the
//! worker's), `service`, `area` (default: the worker's), `status`, `opened`,
//! `closed`, `restricted`, `family_id`, `recorded_by` (`;`-separated staff ids).

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::staff::Staff;
use crate::model::{FastMap, Names};
use chrono::NaiveDate;

/// Who a case is allocated to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allocation {
    Worker(u32),
    /// A `worker_id` that is not in `staff.csv` (often a leaver).
    Unknown(Box<str>),
    Unallocated,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub id: Box<str>,
    pub worker: Allocation,
    /// Team and area as given on the case; `None` means "the worker's".
    pub team: Option<u32>,
    pub area: Option<u32>,
    pub service: Box<str>,
    pub closed: bool,
    pub closed_on: Option<NaiveDate>,
    pub restricted: bool,
    pub family: Option<u32>,
    /// Staff who recorded on the file; unknown ids are dropped with a warning.
    pub recorded_by: Vec<u32>,
    pub line: u64,
}

#[derive(Debug, Default, Clone)]
pub struct Cases {
    pub list: Vec<Case>,
    index: FastMap<Box<str>, u32>,
}

impl Cases {
    pub fn get(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    pub fn from_list(list: Vec<Case>) -> Cases {
        let index = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i as u32))
            .collect();
        Cases { list, index }
    }
}

/// Loads `cases.csv`. Team, area and family names share `names` with staff.
pub fn load(
    path: &str,
    map: &ColumnMap,
    staff: &Staff,
    names: &mut Names,
) -> Result<(Cases, Vec<String>), InputError> {
    let mut f = CsvFile::open(path, "cases", map)?;
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

    let mut list: Vec<Case> = Vec::new();
    let mut index: FastMap<Box<str>, u32> = FastMap::default();
    let mut families: FastMap<String, u32> = FastMap::default();
    let mut unknown_recorders = 0usize;
    while f.next_record()? {
        let row = f.row();
        let id: Box<str> = row.required(c_id)?.as_ref().into();
        if let Some(&first) = index.get(&id) {
            return Err(row.error(
                c_id,
                format!(
                    "case_id '{id}' appears twice (first on line {}); each case needs one row",
                    list[first as usize].line
                ),
            ));
        }
        let w = row.text(c_worker);
        let worker = if w.is_empty() {
            Allocation::Unallocated
        } else {
            match staff.get(&w) {
                Some(s) => Allocation::Worker(s),
                None => Allocation::Unknown(w.as_ref().into()),
            }
        };
        let team = Some(row.opt_text(c_team))
            .filter(|t| !t.is_empty())
            .map(|t| names.intern(&t));
        let area = Some(row.opt_text(c_area))
            .filter(|t| !t.is_empty())
            .map(|t| names.intern(&t));
        let service: Box<str> = row.opt_text(c_service).as_ref().into();
        let _opened = row.date(c_opened)?;
        let closed_on = row.date(c_closed)?;
        let closed = match c_status {
            Some(c) => match row.text(c).to_ascii_lowercase().as_str() {
                "open" => false,
                "closed" => true,
                "" => closed_on.is_some(),
                other => {
                    return Err(
                        row.error(c, format!("'status': '{other}' is neither open nor closed"))
                    );
                }
            },
            None => closed_on.is_some(),
        };
        let restricted = row.flag(c_restricted, false)?;
        let family = {
            let fam = row.opt_text(c_family);
            if fam.is_empty() {
                None
            } else {
                let n = families.len() as u32;
                Some(*families.entry(fam.into_owned()).or_insert(n))
            }
        };
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
        index.insert(id.clone(), list.len() as u32);
        list.push(Case {
            id,
            worker,
            team,
            area,
            service,
            closed,
            closed_on,
            restricted,
            family,
            recorded_by,
            line,
        });
    }
    let mut warnings = Vec::new();
    if f.saw_windows_1252() {
        warnings.push(format!("{}: not UTF-8; read as Windows-1252", f.name()));
    }
    if unknown_recorders > 0 {
        warnings.push(format!(
            "{}: {unknown_recorders} recorded_by ids are not in the staff file and were ignored",
            f.name()
        ));
    }
    Ok((Cases { list, index }, warnings))
}
