//! `select`'s caseload from `ssd_involvements`.

use crate::error::{InputError, Warning};
use crate::io::csvin::{Col, CsvFile};
use crate::model::Names;
use crate::model::arena::IdArena;
use crate::model::cases::{Cases, Involvement, Involvements, current};
use crate::model::staff::Staff;

/// The caseload from an SSD `ssd_involvements` extract: one row per worker
/// involvement, so one case per child (`invo_person_id`), allocated to the
/// involvement open on `inv.day` (a caseworker's first, then the latest start);
/// everyone involved by then recorded on the file (Quality Practice Audit §4.2). A
/// child with no open involvement is closed on the last end date, left with
/// its last worker, so the policy's "recently closed" window applies.
pub fn caseload(
    mut f: CsvFile,
    staff: &Staff,
    names: &mut Names,
    inv: &Involvements,
) -> Result<(Cases, Vec<Warning>), InputError> {
    use crate::model::cases::{Allocation, Case as CaseFile, Span};
    let c_id = f.require("case_id")?;
    let c_worker = f.require("worker_id")?;
    let c_team = f.column("team")?;
    let c_start = f.column("opened")?;
    let c_end = f.column("closed")?;
    // Not in the SSD; an authority may add it.
    let c_service = f.column("service")?;
    let (ids, lists) = involvements(&mut f, c_id, c_worker, (c_team, c_start, c_end, c_service))?;
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
        let case = CaseFile {
            worker,
            team,
            area: None,
            service,
            closed: !open,
            opened: None,
            closed_on,
            restricted: false,
            family: None,
            recorded: Span::default(),
            line: *line,
        };
        let _ = cases.push(ids.get_str(n as u32), &recorded, case);
    }
    cases.services = services;
    let mut warnings = f.notes().warnings();
    if !unknown.is_empty() {
        warnings.push(Warning::file(
            f.name(),
            format!(
                "{} professionals with open or last involvements are not in the staff file; their files are excluded (worker not in staff)",
                unknown.len()
            ),
        ));
    }
    Ok((cases, warnings))
}

/// Each child's first line, service and involvements: (line, service,
/// involvements), in order of first appearance, numbered in `ids`.
type Lists = (IdArena, Vec<(u64, String, Vec<Involvement>)>);

fn involvements(
    f: &mut CsvFile,
    c_id: Col,
    c_worker: Col,
    (c_team, c_start, c_end, c_service): (Option<Col>, Option<Col>, Option<Col>, Option<Col>),
) -> Result<Lists, InputError> {
    let mut ids = IdArena::default();
    let mut lists: Vec<(u64, String, Vec<Involvement>)> = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?;
        // SQL Server writes an empty cell as NULL.
        let null = |c: Option<Col>| c.is_some_and(|c| row.text(c).eq_ignore_ascii_case("null"));
        let text = |c: Option<Col>| if null(c) { String::new() } else { row.opt_text(c).into_owned() };
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
    Ok((ids, lists))
}
