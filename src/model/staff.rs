//! `staff.csv` (docs/reference/input-files.md): `staff_id` (unique), `name`, `role`, `team`, `area`,
//! `manager_id` (blank at the top), `active` (default true), `audit_capacity`.
//!
//! Names are never read: nothing in `select` needs them, and not holding them
//! means no report or error can leak them.

use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::{FastMap, Names};
use crate::words::normalise;

#[derive(Debug, Clone)]
pub struct StaffMember {
    pub id: String,
    /// The `name` column, for outputs a manager reads (the selection's
    /// `worker_name`, `auditor_name`); empty when the file has none. Never in
    /// a message or log, which name ids only.
    pub name: String,
    /// The `email` column, for the `To:` of a notice; empty when none.
    pub email: String,
    /// Role, normalised (`Social Worker` → `social_worker`).
    pub role: String,
    /// The role as the staff file writes it, for messages.
    pub role_title: String,
    pub team: u32,
    pub area: u32,
    pub manager: Option<u32>,
    /// The `covering_manager_id` column: who covers this person (a team
    /// manager) when they are away, for `route`.
    pub covering: Option<u32>,
    pub active: bool,
    pub audit_capacity: Option<u32>,
    pub line: u64,
}

/// The nearest person above a worker in line management who is wanted. Where
/// such people sit beside the chain rather than in it (a service manager
/// reporting to a head of service, as group managers do), it is the one wanted
/// person who reports to the nearest manager above the worker that has one;
/// two there is ambiguous, and the answer is `None`.
pub struct Nearest<'a, F> {
    staff: &'a Staff,
    wanted: F,
    /// Wanted people by the manager they report to: (the first, whether there
    /// is more than one).
    beside: FastMap<u32, (u32, bool)>,
}

impl<F: Fn(&StaffMember) -> bool> Nearest<'_, F> {
    pub fn above(&self, worker: u32) -> Option<u32> {
        for m in self.staff.chain(worker) {
            if (self.wanted)(self.staff.member(m)) {
                return Some(m);
            }
            match self.beside.get(&m) {
                Some(&(one, false)) => return Some(one),
                Some(&(_, true)) => return None,
                None => {}
            }
        }
        None
    }
}

/// Why an auditor may not audit a worker's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotIndependent {
    IsTheWorker,
    /// The auditor is above the worker: the chain from the worker to them.
    LineManages(Vec<u32>),
}

#[derive(Debug, Default, Clone)]
pub struct Staff {
    pub members: Vec<StaffMember>,
    index: FastMap<String, u32>,
    /// Whether the file says who manages whom (it has a `manager_id` column).
    /// Without it, nobody can tell whether an auditor line-manages a file.
    pub line_management: bool,
    /// Whether the file has an `email` column (notices need one).
    pub emails: bool,
}

impl Staff {
    pub fn get(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    pub fn member(&self, i: u32) -> &StaffMember {
        &self.members[i as usize]
    }

    /// The line-management chain above `i`: their manager, that manager's manager,
    /// and so on to the top. Cycles were refused at load time.
    pub fn chain(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(self.member(i).manager, move |&m| self.member(m).manager)
    }

    /// Everyone who may not audit `worker`'s file: the worker, and everyone above
    /// them in line management, the whole chain (Quality Practice Audit §9.1: a
    /// peer auditor "does not have line management responsibility for the case
    /// file"; Good practice audit guidance, Overview: "not within their line
    /// management responsibility").
    pub fn not_independent_of(&self, worker: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(worker).chain(self.chain(worker))
    }

    /// Whether `auditor` may audit `worker`'s file under that rule; if not, why
    /// (the chain from the worker up to the auditor, for messages).
    pub fn may_audit(&self, auditor: u32, worker: u32) -> Result<(), NotIndependent> {
        if auditor == worker {
            return Err(NotIndependent::IsTheWorker);
        }
        if self.chain(worker).any(|m| m == auditor) {
            let chain =
                std::iter::once(worker).chain(self.chain(worker).take_while(|&m| m != auditor)).chain([auditor]);
            return Err(NotIndependent::LineManages(chain.collect()));
        }
        Ok(())
    }

    /// Finds, for any worker, the nearest person above them who is `wanted`
    /// (an active service manager, say): see [`Nearest`].
    pub fn nearest<F: Fn(&StaffMember) -> bool>(&self, wanted: F) -> Nearest<'_, F> {
        let mut beside: FastMap<u32, (u32, bool)> = FastMap::default();
        for (i, m) in self.members.iter().enumerate() {
            if let (true, Some(up)) = (wanted(m), m.manager) {
                beside.entry(up).and_modify(|e| e.1 = true).or_insert((i as u32, false));
            }
        }
        Nearest { staff: self, wanted, beside }
    }

    /// Builds a directory from members whose managers are given by index.
    /// Used by tests and generators; files go through [`load`].
    pub fn from_members(members: Vec<StaffMember>) -> Staff {
        let index = members.iter().enumerate().map(|(i, m)| (m.id.clone(), i as u32)).collect();
        Staff { members, index, line_management: true, emails: true }
    }
}

/// Loads and validates `staff.csv`: unique ids, known managers, no cycles.
pub fn load(path: &str, map: &ColumnMap, names: &mut Names) -> Result<(Staff, Vec<Warning>), InputError> {
    from_csv(CsvFile::open(path, "staff", map)?, names)
}

/// Reads an opened `staff.csv`.
pub fn from_csv(mut f: CsvFile, names: &mut Names) -> Result<(Staff, Vec<Warning>), InputError> {
    let c_id = f.require("staff_id")?;
    let c_role = f.require("role")?;
    let c_team = f.require("team")?;
    let c_area = f.column("area")?;
    let c_manager = f.column("manager_id")?;
    let c_active = f.column("active")?;
    let c_capacity = f.column("audit_capacity")?;
    let c_name = f.column("name")?;
    let c_email = f.column("email")?;
    let c_covering = f.column("covering_manager_id")?;

    let mut members = Vec::new();
    let mut index: FastMap<String, u32> = FastMap::default();
    // (member, line, manager id as written) resolved once every id is known;
    // the same for covering managers.
    let mut manager_refs: Vec<(u32, u64, String)> = Vec::new();
    let mut covering_refs: Vec<(u32, u64, String)> = Vec::new();
    let mut bad_email = Vec::new();
    // A staff file has a handful of role titles: each is normalised once.
    let mut roles: FastMap<String, String> = FastMap::default();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?.into_owned();
        let line = row.line();
        let i = members.len() as u32;
        if let Some(&first) = index.get(&id) {
            let first_line: u64 = members.get(first as usize).map(|m: &StaffMember| m.line).unwrap_or(0);
            return Err(row.error(
                c_id,
                format!("staff_id '{id}' appears twice (first on line {first_line}); each person needs one row"),
            ));
        }
        let role_title = row.required(c_role)?.into_owned();
        let role = match roles.get(&role_title) {
            Some(role) => role.clone(),
            None => roles.entry(role_title.clone()).or_insert_with(|| normalise(&role_title)).clone(),
        };
        let team = names.intern(&row.required(c_team)?);
        let area = names.intern(&row.opt_text(c_area));
        let manager_id = row.opt_text(c_manager).into_owned();
        let active = row.flag(c_active, true)?;
        let audit_capacity = row.count(c_capacity)?;
        let name = row.opt_text(c_name).into_owned();
        let email = row.opt_text(c_email).into_owned();
        if let Some(c) = c_email
            && !email.is_empty()
            && crate::io::notice::address(&email).is_none()
        {
            // The address itself is a personal detail: the message names the cell.
            bad_email.push(Warning::at(
                f.name(),
                line,
                Some(c.index + 1),
                format!(
                    "'email' of {id} is not one e-mail address (it has no @, or holds a space, comma, semicolon or \
                     line break); notices to {id} will have no To: line"
                ),
            ));
        }
        if !manager_id.is_empty() {
            manager_refs.push((i, line, manager_id));
        }
        let covering_id = row.opt_text(c_covering);
        if !covering_id.is_empty() {
            covering_refs.push((i, line, covering_id.into_owned()));
        }
        index.insert(id.clone(), i);
        members.push(StaffMember {
            id,
            name,
            email,
            role,
            role_title,
            team,
            area,
            manager: None,
            covering: None,
            active,
            audit_capacity,
            line,
        });
    }
    let mut warnings = f.notes().warnings();
    warnings.extend(bad_email);
    let c_manager_index = c_manager.map(|c| c.index + 1);
    let refs = [
        (manager_refs, c_manager_index, "manager_id"),
        (covering_refs, c_covering.map(|c| c.index + 1), "covering_manager_id"),
    ];
    resolve_managers(&mut members, &index, refs, f.name())?;
    let staff = Staff { members, index, line_management: c_manager.is_some(), emails: c_email.is_some() };
    check_cycles(&staff, f.name(), c_manager_index)?;
    Ok((staff, warnings))
}

/// A member's manager and covering manager, by staff number, once every id
/// is known; an id not in the file is an error at its cell.
type Refs = [(Vec<(u32, u64, String)>, Option<usize>, &'static str); 2];

fn resolve_managers(
    members: &mut [StaffMember],
    index: &FastMap<String, u32>,
    refs: Refs,
    file: &str,
) -> Result<(), InputError> {
    for (refs, col, column) in refs {
        for (i, line, id) in refs {
            let Some(&m) = index.get(&id) else {
                let what = if column == "manager_id" { "manager" } else { "covering manager" };
                return Err(InputError::at(
                    file,
                    line,
                    col,
                    format!("{column} '{id}' is not a staff_id in this file; add the {what}'s row or blank the cell"),
                ));
            };
            let member = &mut members[i as usize];
            if column == "manager_id" {
                member.manager = Some(m);
            } else {
                member.covering = Some(m);
            }
        }
    }
    Ok(())
}

/// What to say when a staff file has no `manager_id` column: the auditor's
/// independence from the worker's line management cannot be checked. The SSD
/// holds no line management at all, so for it the message says how to add it.
pub fn no_line_management(ssd: bool) -> String {
    let add = if ssd {
        "the SSD holds no line management: add a manager_id column to ssd_professionals (each person's manager's \
         prof_professional_id), or give --staff a local staff list (staff_id, role, team, manager_id) with the \
         SSD's professional ids"
    } else {
        "add a manager_id column (each person's manager's staff_id), or map your export's header to it with \
         --columns (a file with 'staff: {manager_id: Line Manager ID}')"
    };
    format!("no manager_id column, so nobody can tell whether an auditor line-manages the worker; {add}")
}

/// Refuses a `manager_id` chain that loops back on itself, which would make
/// "outside the line-management chain" meaningless.
fn check_cycles(staff: &Staff, file: &str, col: Option<usize>) -> Result<(), InputError> {
    // 0 = unvisited, 1 = on the current path, 2 = known to reach the top.
    let mut state = vec![0u8; staff.members.len()];
    for start in 0..staff.members.len() {
        let mut path = Vec::new();
        let mut cur = Some(start as u32);
        while let Some(c) = cur {
            match state[c as usize] {
                2 => break,
                1 => {
                    let from = path.iter().position(|&p| p == c).unwrap_or(0);
                    let ids: Vec<&str> =
                        path[from..].iter().chain([&c]).map(|&p| staff.member(p).id.as_str()).collect();
                    let first = staff.member(c);
                    return Err(InputError::at(
                        file,
                        first.line,
                        col,
                        format!("line management loops: {}; correct one manager_id", ids.join(" → ")),
                    ));
                }
                _ => {
                    state[c as usize] = 1;
                    path.push(c);
                    cur = staff.member(c).manager;
                }
            }
        }
        for p in path {
            state[p as usize] = 2;
        }
    }
    Ok(())
}

/// Staff names, for matching an export that names workers instead of giving
/// their ids (Ofsted Annex A): normalised name → staff number, or `None` when
/// two staff share the name. Read only for this; never printed from here.
pub fn name_index(path: &str, map: &ColumnMap, staff: &Staff) -> Result<FastMap<String, Option<u32>>, InputError> {
    let mut f = CsvFile::open(path, "staff", map)?;
    let c_id = f.require("staff_id")?;
    let c_name = f.require("name")?;
    let mut index: FastMap<String, Option<u32>> = FastMap::default();
    while f.next_record()? {
        let row = f.row();
        let Some(i) = staff.get(&row.text(c_id)) else { continue };
        let name = person_name(&row.text(c_name));
        if name.is_empty() {
            continue;
        }
        index.entry(name).and_modify(|e| *e = None).or_insert(Some(i));
    }
    Ok(index)
}

/// A name as compared: lower case, single plain spaces (non-breaking ones
/// too), straight apostrophes (Excel turns O'Brien into O’Brien).
pub fn person_name(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{2018}', '\u{2019}', '\u{02bc}', '`'], "'")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_match_however_they_are_typed() {
        assert_eq!(super::person_name("  Aoife\u{a0} O’Brien "), "aoife o'brien");
        assert_eq!(super::person_name("AOIFE O'BRIEN"), "aoife o'brien");
    }
}
