//! Step 2: which caseworkers may take each case. A case out of scope, closed too
//! long ago, restricted (if the policy says so), or audited or selected within
//! the window is excluded with its reason; so is a case whose allocated worker
//! cannot take it and whom no other caseworker recorded on.

use super::policy::{Resolved, Restricted};
use super::{Detail, Excluded, History, Params, Reason, Round};
use crate::calendar::dates::Month;
use crate::model::cases::{Allocation, Case, Cases};
use chrono::NaiveDate;

/// The cases each caseworker may take, by worker index: `own`, those allocated
/// to them, then `recorded`, those they recorded on (Quality Practice Audit §4.2).
pub(super) struct Candidates {
    pub(super) own: ByWorker,
    pub(super) recorded: ByWorker,
}

/// Cases by worker, each worker's in case order: one list of all of them, cut
/// by worker (a national caseload would otherwise grow tens of thousands of
/// small lists a case at a time).
pub(super) struct ByWorker {
    /// Where each worker's cases start in `cases`, and at the end its length.
    starts: Vec<u32>,
    cases: Vec<u32>,
}

impl ByWorker {
    /// Puts (worker, case) pairs, given in case order, in worker order.
    fn new(n_staff: usize, pairs: &[(u32, u32)]) -> ByWorker {
        let mut starts = vec![0u32; n_staff + 1];
        for &(w, _) in pairs {
            starts[w as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut cases = vec![0u32; pairs.len()];
        for &(w, c) in pairs {
            cases[next[w as usize] as usize] = c;
            next[w as usize] += 1;
        }
        ByWorker { starts, cases }
    }

    /// The worker's cases, in case order.
    pub(super) fn of(&self, w: u32) -> &[u32] {
        &self.cases[self.starts[w as usize] as usize..self.starts[w as usize + 1] as usize]
    }
}

/// The candidates among the cases not already taken; the rest go to
/// `round.excluded` with their reasons.
pub(super) fn candidates(round: &mut Round, history: &History, p: &Params<'_>, is_caseworker: &[bool]) -> Candidates {
    let (staff, cases, policy) = (round.staff, round.cases, p.policy);
    let n_staff = staff.members.len();
    let in_scope: Vec<bool> =
        (0..cases.services.len() as u32).map(|s| policy.in_scope(cases.services.show(s))).collect();
    let closed_since = p.month.plus(-(policy.recently_closed_months as i32)).first_day();
    // (worker, case) pairs, in case order.
    let mut own: Vec<(u32, u32)> = Vec::new();
    let mut recorded: Vec<(u32, u32)> = Vec::new();
    for (ci, case) in cases.list.iter().enumerate() {
        let ci = ci as u32;
        if round.case_taken[ci as usize] {
            continue;
        }
        // Told to the allocated worker: a staff member, else as written on the case.
        let allocated = match case.worker {
            Allocation::Worker(w) => Some(w),
            _ => None,
        };
        let mut exclude = |reason: Reason, detail: Detail| {
            round.excluded.push(Excluded::case(ci, allocated, reason, detail));
        };
        let ruled_out = out_of_scope(case, cases, &in_scope)
            .or_else(|| closed_too_long(case, closed_since))
            .or_else(|| restricted(case, policy))
            .or_else(|| not_again_yet(history, ci, p.month, policy.window_months));
        if let Some((reason, detail)) = ruled_out {
            exclude(reason, detail);
            continue;
        }
        // Quality Practice Audit §4.2: a file the worker has recorded on.
        let mut allocated_ok = None;
        let allocated_problem = match &case.worker {
            Allocation::Unallocated => Some((Reason::Unallocated, Detail::Fixed("no allocated worker"))),
            Allocation::Unknown(_) => Some((Reason::WorkerNotInStaff, Detail::WorkerNotInStaff)),
            Allocation::Worker(w) if !is_caseworker[*w as usize] => {
                let why = if staff.member(*w).active {
                    Detail::RoleNotCaseworker
                } else {
                    Detail::Fixed("worker is not active")
                };
                Some((Reason::WorkerNotCaseworker, why))
            }
            Allocation::Worker(w) if !cases.recorded_by(ci).is_empty() && !cases.recorded_by(ci).contains(w) => Some((
                Reason::NotRecordedByWorker,
                Detail::Fixed("the allocated worker is not among those who recorded on the file"),
            )),
            Allocation::Worker(w) => {
                allocated_ok = Some(*w);
                None
            }
        };
        if let Some(w) = allocated_ok {
            own.push((w, ci));
        }
        let mut any_recorder = false;
        for &r in cases.recorded_by(ci) {
            if Some(r) != allocated_ok && is_caseworker[r as usize] {
                recorded.push((r, ci));
                any_recorder = true;
            }
        }
        if let (Some((reason, detail)), false) = (allocated_problem, any_recorder) {
            exclude(reason, detail);
        }
    }
    Candidates { own: ByWorker::new(n_staff, &own), recorded: ByWorker::new(n_staff, &recorded) }
}

/// Good practice audit guidance (Overview): only the policy's service areas.
fn out_of_scope(case: &Case, cases: &Cases, in_scope: &[bool]) -> Option<(Reason, Detail)> {
    if in_scope[case.service as usize] {
        return None;
    }
    let detail = if cases.services.show(case.service).is_empty() {
        Detail::Fixed("no service given, and the policy lists the services it audits")
    } else {
        Detail::ServiceNotInPolicy
    };
    Some((Reason::OutOfScope, detail))
}

/// Good practice audit guidance (Overview): open, or closed since `closed_since`
/// (the policy's `recently_closed`).
fn closed_too_long(case: &Case, closed_since: NaiveDate) -> Option<(Reason, Detail)> {
    if !case.closed {
        return None;
    }
    match case.closed_on {
        None => Some((Reason::ClosedDateMissing, Detail::Fixed("closed, with no closing date"))),
        Some(d) if d < closed_since => {
            Some((Reason::ClosedTooLong, Detail::ClosedBefore { closed: d, since: closed_since }))
        }
        Some(_) => None,
    }
}

fn restricted(case: &Case, policy: &Resolved) -> Option<(Reason, Detail)> {
    (case.restricted && policy.policy.restricted == Restricted::Exclude)
        .then_some((Reason::Restricted, Detail::Fixed("restricted record; the policy excludes these")))
}

/// Not again for 12 months (Quality Practice Audit §12.1; Good practice audit
/// guidance, 3 months): a case audited, or selected, within the policy's
/// `window` before `month` is not selected again.
fn not_again_yet(history: &History, case: u32, month: Month, window_months: u32) -> Option<(Reason, Detail)> {
    let window_start = month.plus(-(window_months as i32));
    let again = |m: Month| m.plus(window_months as i32 + 1);
    if let Some(m) = history.last_audit_month(case).filter(|&m| m >= window_start) {
        return Some((Reason::AuditedRecently, Detail::Audited { month: m, again: again(m) }));
    }
    if let Some(m) = history.last_selected(case).filter(|&m| m >= window_start) {
        return Some((Reason::SelectedRecently, Detail::Selected { month: m, again: again(m) }));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::ByWorker;

    #[test]
    fn by_worker_keeps_each_workers_cases_in_the_order_given() {
        let pairs = [(2, 10), (0, 11), (2, 12), (2, 13), (0, 14)];
        let by = ByWorker::new(4, &pairs);
        assert_eq!(by.of(0), &[11, 14]);
        assert!(by.of(1).is_empty());
        assert_eq!(by.of(2), &[10, 12, 13]);
        assert!(by.of(3).is_empty());
    }
}
