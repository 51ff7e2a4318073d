//! Step 1: this month's selections already in the ledger stand, so a re-run
//! gives the same files; but only where this policy would allow them; a month
//! selected under another policy (or before a change of staff) is not passed off
//! as allocated, and `--redo` selects it afresh.

use super::policy::{Files, OtherTeam, Resolved};
use super::{Detail, Excluded, Match, Pick, Pin, Reason, Round};
use crate::error::Warning;
use crate::model::staff::Staff;

impl Round<'_> {
    /// Keeps `pin`, a selection in the ledger for this month, with its auditor
    /// if `policy` allows them.
    pub(super) fn keep(&mut self, pin: &Pin, policy: &Resolved) {
        let (staff, cases) = (self.staff, self.cases);
        let Some(w) = staff.get(&pin.worker_id) else {
            self.warnings.push(Warning::new(format!(
                "ledger: worker '{}' of case '{}' is not in the staff file; entry kept in the ledger but not shown",
                pin.worker_id,
                cases.id(pin.case)
            )));
            return;
        };
        if self.filled[w as usize] || self.case_taken[pin.case as usize] {
            self.warnings.push(Warning::new(format!(
                "ledger: a second selection for worker '{}' this month (case '{}') was ignored",
                pin.worker_id,
                cases.id(pin.case)
            )));
            return;
        }
        self.take(pin.case, w);
        let (team, area) = self.team_area(pin.case, w);
        let mut auditor = staff.get(&pin.auditor_id);
        let mut broken = |reason: Reason, detail: String| {
            self.pinned_unallocated += 1;
            let detail = Detail::Note(format!("{detail}; select the month afresh with --redo").into());
            self.excluded.push(Excluded::case(pin.case, Some(w), reason, detail));
        };
        if auditor.is_none() && !pin.auditor_id.is_empty() {
            let detail = format!("the ledger's auditor {} is not in the staff file", pin.auditor_id);
            broken(Reason::PinnedAuditorNotAllowed, detail);
        } else if let Some(a) = auditor
            && let Some(why) = pin_breaks(staff, policy, w, team, a)
        {
            broken(Reason::PinnedAuditorNotAllowed, format!("the ledger's auditor {} {why}", staff.member(a).id));
            auditor = None;
        } else if auditor.is_none() && policy.policy.allocation.files == Files::All {
            broken(
                Reason::PinnedWithoutAuditor,
                "selected this month without an auditor, and this policy gives every file one".into(),
            );
        }
        let matched = match auditor {
            Some(a) if staff.member(a).area != area => Match::OutOfArea,
            Some(a) if staff.member(a).team == team => Match::SameTeam,
            Some(_) => Match::SameArea,
            None if policy.policy.allocation.files == Files::PerTeam && pin.auditor_id.is_empty() => Match::NotSampled,
            None => Match::None,
        };
        self.picks.push(Pick { case: pin.case, worker: w, team, area, auditor, matched, from_ledger: true });
    }
}

/// Why the current policy would not give worker `w`'s file (in `team`) to
/// auditor `a`, if it would not: the same rules the allocation keeps.
fn pin_breaks(staff: &Staff, policy: &Resolved, w: u32, team: u32, a: u32) -> Option<String> {
    let m = staff.member(a);
    if !m.active {
        return Some("is not active".into());
    }
    if !policy.is_auditor_role(&m.role) {
        return Some(format!("is a {}, not one of this policy's auditor roles", m.role));
    }
    if staff.may_audit(a, w).is_err() {
        return Some("is the worker or in their line management".into());
    }
    let other_team = policy.policy.allocation.other_team == OtherTeam::Required;
    if other_team && (m.team == team || m.team == staff.member(w).team) {
        return Some("is in the worker's team, and this policy requires another".into());
    }
    None
}
