//! `select`: the monthly file selection and auditor allocation (docs/select.md; Quality Practice Audit
//! §4, §9, §10, §12; Good practice audit guidance: "Overview"). Pure: no I/O, no clock, no printing.
//!
//! The steps of [`select`], each in its own file and traceable to its source
//! (docs/sources.md):
//! 1. `pins`: this month's selections already in the ledger stand, if the policy
//!    allows their auditor;
//! 2. `eligible`: caseworkers are active staff in the policy's caseworker roles
//!    (Quality Practice Audit §4.1); each case is checked for scope, closure,
//!    restriction and recent selection or audit (Good practice audit guidance:
//!    Overview; Quality Practice Audit §4.4, §12.1), and a failure is an
//!    exclusion with a reason;
//! 3. `pick`: each caseworker, in a seeded priority order, takes their best
//!    eligible case (random or longest-unaudited, Quality Practice Audit §4.3),
//!    first among the cases allocated to them and then among cases they recorded
//!    on (§4.2); a case taken, or a sibling's case, is skipped (one case per
//!    family, QA induction);
//! 4. `auditors`: the files are allocated to auditors by [`allocate`], exactly
//!    optimally.

pub mod allocate;
mod auditors;
pub mod choice;
mod eligible;
pub mod excluded;
pub mod notices;
mod pick;
mod pins;
pub mod policy;
pub mod replaced;

use crate::calendar::Calendar;
use crate::calendar::dates::Month;
use crate::error::Warning;
use crate::model::Names;
use crate::model::cases::Cases;
use crate::model::history::{Entry, Stage};
use crate::model::staff::Staff;
use chrono::{Datelike, NaiveDate};
pub use excluded::{Detail, Excluded, Reason};
use policy::Resolved;

/// What the history and ledger say about each case, up to the selection month.
#[derive(Debug, Clone)]
pub struct History {
    month: Month,
    /// For each case, side by side (one cache line a case, and zeroed by the
    /// system rather than written): the last month selected, the last month
    /// audited, each as [`month_key`], and the last day audited, as
    /// [`day_key`]; 0 for none.
    last: Vec<[u32; 3]>,
}

/// A month as a number that orders as months do (never 0: years are from
/// 1800 to 2200, as every reader of months and dates requires).
fn month_key(m: Month) -> u32 {
    u32::try_from(m.year * 12 + m.month as i32).unwrap_or(0)
}

fn key_month(k: u32) -> Option<Month> {
    (k > 0).then(|| Month { year: (k - 1) as i32 / 12, month: (k - 1) % 12 + 1 })
}

/// A day as a number that orders as days do (never 0, as [`month_key`]).
fn day_key(d: NaiveDate) -> u32 {
    u32::try_from(d.num_days_from_ce()).unwrap_or(0)
}

fn key_day(k: u32) -> Option<NaiveDate> {
    if k == 0 { None } else { NaiveDate::from_num_days_from_ce_opt(k as i32) }
}

impl History {
    pub fn new(cases: usize, month: Month) -> History {
        History { month, last: vec![[0; 3]; cases] }
    }

    /// Takes one history or ledger entry for case index `case`. Entries after the
    /// selection month are ignored, so an earlier month can be re-run unchanged.
    pub fn record(&mut self, case: u32, e: &Entry<'_>) {
        // A replaced selection was never used: it counts for nothing.
        if e.month > self.month || e.kind == Stage::Replaced {
            return;
        }
        let last = &mut self.last[case as usize];
        if e.kind.is_audit() {
            last[1] = last[1].max(month_key(e.month));
            let d = e.date.unwrap_or_else(|| e.month.first_day());
            last[2] = last[2].max(day_key(d));
        } else {
            last[0] = last[0].max(month_key(e.month));
        }
    }

    /// Takes in another summary of the same cases and month (part of a file
    /// read separately): each case keeps the later of the two dates.
    pub fn merge(&mut self, other: History) {
        for (m, t) in self.last.iter_mut().zip(other.last) {
            for (m, t) in m.iter_mut().zip(t) {
                *m = (*m).max(t);
            }
        }
    }

    pub fn last_selected(&self, case: u32) -> Option<Month> {
        key_month(self.last[case as usize][0])
    }

    pub fn last_audit_month(&self, case: u32) -> Option<Month> {
        key_month(self.last[case as usize][1])
    }

    pub fn last_audited(&self, case: u32) -> Option<NaiveDate> {
        key_day(self.last[case as usize][2])
    }
}

/// The ledger read against this month's selection.
#[derive(Debug, Default)]
pub struct Ledger {
    redo: bool,
    /// This month's selections, which stand (step 1).
    pub pins: Vec<Pin>,
    /// This month's selections of cases no longer in the cases file: (case
    /// id, worker id). Each worker is given another file, which replaces it.
    pub missing: Vec<(String, String)>,
    /// This month's selections voided by `--redo`.
    pub voided: usize,
}

impl Ledger {
    pub fn new(redo: bool) -> Ledger {
        Ledger { redo, ..Ledger::default() }
    }

    /// Takes one ledger entry, for case index `case` if the case is still in
    /// the cases file: a selection for this month stands (or with `--redo` is
    /// voided, so it is neither a pin nor history); anything else is history.
    pub fn entry(&mut self, case: Option<u32>, e: &Entry<'_>, history: &mut History) {
        let this_month = e.month == history.month;
        let selected = e.kind == Stage::Selected && this_month;
        match case {
            _ if self.redo && selected => self.voided += 1,
            Some(ci) if selected => self.pins.push(Pin {
                case: ci,
                worker_id: e.worker_id.to_string(),
                auditor_id: e.auditor_id.to_string(),
            }),
            Some(ci) => history.record(ci, e),
            None if selected => self.missing.push((e.case_id.to_string(), e.worker_id.to_string())),
            None => {}
        }
    }
}

/// A selection already in the ledger for this month: kept as it is.
#[derive(Debug, Clone)]
pub struct Pin {
    pub case: u32,
    pub worker_id: String,
    pub auditor_id: String,
}

/// How well the auditor matches (the `match` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    SameArea,
    OutOfArea,
    /// Same team, allowed only when the policy prefers rather than requires another.
    SameTeam,
    /// Not chosen for audit this month (`per-team` policies): prepared only.
    NotSampled,
    None,
}

impl Match {
    pub fn code(self) -> &'static str {
        match self {
            Match::SameArea => "same-area",
            Match::OutOfArea => "out-of-area",
            Match::SameTeam => "same-team",
            Match::NotSampled => "not-sampled",
            Match::None => "none",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Pick {
    pub case: u32,
    pub worker: u32,
    pub team: u32,
    pub area: u32,
    pub auditor: Option<u32>,
    pub matched: Match,
    pub from_ledger: bool,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub picks: Vec<Pick>,
    pub excluded: Vec<Excluded>,
    /// Workers who got no file.
    pub unfilled: usize,
    /// Selected files that need an auditor and have none.
    pub unallocated: usize,
    /// Active workers who hold open cases in a role that is neither a
    /// caseworker role nor one the policy does not select.
    pub outside: usize,
    pub warnings: Vec<Warning>,
}

impl Selection {
    /// What `--strict` fails on: a caseworker without a file, a file without an
    /// auditor, or no caseworkers at all.
    pub fn incomplete(&self) -> bool {
        self.unfilled > 0 || self.unallocated > 0 || self.caseworkers() == 0
    }

    /// What `--strict` fails on, in words naming the ids (at most 20 of each,
    /// then "and N more"), so that a cron job's mail says who and why.
    pub fn why_incomplete(&self, staff: &Staff, cases: &Cases) -> Vec<String> {
        const SHOWN: usize = 20;
        let mut out = Vec::new();
        if self.caseworkers() == 0 {
            out.push("no active staff member holds one of the policy's caseworker roles".to_string());
        }
        let mut workers: Vec<&str> = self
            .excluded
            .iter()
            .filter(|e| e.case.is_none() && e.reason == Reason::NoEligibleCase)
            .filter_map(|e| e.worker.map(|w| staff.member(w).id.as_str()))
            .collect();
        workers.sort_unstable();
        if !workers.is_empty() {
            out.push(format!(
                "{} no file (no eligible case; --explain gives each reason): {}",
                crate::words::count(workers.len(), "caseworker has", "caseworkers have"),
                crate::words::listed(&workers, SHOWN)
            ));
        }
        let no_auditor = [
            Reason::NoAuditor,
            Reason::NoIndependentAuditor,
            Reason::AuditorsAtCapacity,
            Reason::PinnedAuditorNotAllowed,
            Reason::PinnedWithoutAuditor,
        ];
        let mut files: Vec<String> = self
            .excluded
            .iter()
            .filter(|e| e.case.is_some() && no_auditor.contains(&e.reason))
            .map(|e| format!("{} ({})", e.case_id(cases), e.reason.code()))
            .collect();
        files.sort_unstable();
        files.dedup();
        if !files.is_empty() {
            let names: Vec<&str> = files.iter().map(String::as_str).collect();
            out.push(format!(
                "{} no auditor: {}",
                crate::words::count(files.len(), "file has", "files have"),
                crate::words::listed(&names, SHOWN)
            ));
        }
        out
    }

    /// The month's caseworkers: those with a file and those without.
    pub fn caseworkers(&self) -> usize {
        self.picks.len() + self.unfilled
    }

    /// Files allocated to an auditor.
    pub fn allocated(&self) -> usize {
        self.picks.iter().filter(|p| p.auditor.is_some()).count()
    }
}

pub struct Params<'a> {
    pub month: Month,
    pub seed: &'a str,
    pub policy: &'a Resolved,
}

pub fn select(
    staff: &Staff,
    cases: &Cases,
    names: &Names,
    history: &History,
    pins: &[Pin],
    p: &Params<'_>,
) -> Selection {
    let policy = p.policy;
    let is_caseworker: Vec<bool> =
        staff.members.iter().map(|m| m.active && policy.is_caseworker_role(&m.role)).collect();
    let mut round = Round::new(staff, cases);
    round.warnings = unmatched_roles(staff, policy);
    let (outside, warning) = holders_outside(staff, cases, policy);
    round.warnings.extend(warning);
    if !is_caseworker.contains(&true) && staff.members.iter().any(|m| m.active) {
        round.warnings.push(
            Warning::new(format!(
                "no active staff member holds one of the policy's caseworker roles ({}): nobody gets a file",
                policy.caseworker_roles.join(", ")
            ))
            .strict(),
        );
    }
    // 1. This month's selections already in the ledger stand, if this policy allows them.
    for pin in pins {
        round.keep(pin, policy);
    }
    // 2. Which caseworkers may take each case; the others are excluded with a reason.
    let candidates = eligible::candidates(&mut round, history, p, &is_caseworker);
    // 3. Each caseworker in seeded order takes one, and those left without are told why.
    let workers = pick::in_priority_order(staff, p, &is_caseworker);
    let tried = round.choose(&workers, &candidates, history, p);
    let unfilled = round.unfilled(&workers, tried);
    // 4. Auditors for the files the ledger did not already allocate.
    let unallocated = round.pinned_unallocated + auditors::allocate(staff, &mut round.picks, &mut round.excluded, p);

    let Round { mut picks, excluded, warnings, .. } = round;
    // By team name, then worker id: the teams are put in order once, and ids
    // compared only within a team.
    let mut teams: Vec<u32> = picks.iter().map(|p| p.team).collect();
    teams.sort_unstable();
    teams.dedup();
    teams.sort_by(|a, b| names.show(*a).cmp(names.show(*b)));
    let mut team_rank = vec![0u32; names.len()];
    for (i, t) in teams.iter().enumerate() {
        // A name spelt as the one before it shares its place.
        let same = i > 0 && names.show(teams[i - 1]) == names.show(*t);
        team_rank[*t as usize] = if same { team_rank[teams[i - 1] as usize] } else { i as u32 };
    }
    picks.sort_by(|a, b| {
        let rank = |p: &Pick| team_rank[p.team as usize];
        rank(a).cmp(&rank(b)).then_with(|| staff.member(a.worker).id.cmp(&staff.member(b.worker).id))
    });

    Selection { picks, excluded, unfilled, unallocated, outside, warnings }
}

/// What the month's selection has decided so far.
struct Round<'c> {
    staff: &'c Staff,
    cases: &'c Cases,
    /// Cases selected, by index.
    case_taken: Vec<bool>,
    /// Families of the cases selected so far (QA induction: siblings share records).
    family_taken: std::collections::HashSet<&'c str, foldhash::fast::FixedState>,
    /// Workers who have their file, by index.
    filled: Vec<bool>,
    picks: Vec<Pick>,
    excluded: Vec<Excluded>,
    warnings: Vec<Warning>,
    /// Ledger selections whose auditor this policy does not allow.
    pinned_unallocated: usize,
}

impl<'c> Round<'c> {
    fn new(staff: &'c Staff, cases: &'c Cases) -> Round<'c> {
        Round {
            staff,
            cases,
            case_taken: vec![false; cases.list.len()],
            family_taken: Default::default(),
            filled: vec![false; staff.members.len()],
            picks: Vec::new(),
            excluded: Vec::new(),
            warnings: Vec::new(),
            pinned_unallocated: 0,
        }
    }

    /// Case `c` is worker `w`'s file this month.
    fn take(&mut self, c: u32, w: u32) {
        self.filled[w as usize] = true;
        self.case_taken[c as usize] = true;
        if let Some(f) = self.cases.family(c) {
            self.family_taken.insert(f);
        }
    }

    /// The case's team and area: as given on the case, else the worker's.
    fn team_area(&self, case: u32, worker: u32) -> (u32, u32) {
        let c = &self.cases.list[case as usize];
        let w = self.staff.member(worker);
        (c.team.unwrap_or(w.team), c.area.unwrap_or(w.area))
    }
}

/// Policy roles that match no active staff member but are close to a role the
/// staff file has and the list does not name: a typo in a policy (`Socail
/// Worker`) would otherwise leave workers without files, or files without
/// auditors, in silence. A role nobody holds and nothing resembles is a role
/// this authority does not have, and is passed over in silence.
fn unmatched_roles(staff: &Staff, policy: &Resolved) -> Vec<Warning> {
    let present: std::collections::BTreeSet<&str> =
        staff.members.iter().filter(|m| m.active).map(|m| m.role.as_str()).collect();
    if present.is_empty() {
        return vec![Warning::new("the staff file has no active staff: nobody gets a file").strict()];
    }
    let mut out = Vec::new();
    for (list, roles) in [("caseworker_roles", &policy.caseworker_roles), ("auditor_roles", &policy.auditor_roles)] {
        for role in roles.iter().filter(|r| !present.contains(r)) {
            // The nearest role the policy does not already name: what was meant.
            let named = |p: &str| {
                [&policy.caseworker_roles, &policy.not_selected_roles, &policy.auditor_roles]
                    .iter()
                    .any(|l| l.contains(p))
            };
            let others = present.iter().copied().filter(|p| !named(p));
            if let Some(p) = crate::words::nearest(role, others) {
                out.push(Warning::new(format!(
                    "policy {} {list}: no active staff member has the role '{role}'; the nearest role in the staff \
                     file is '{p}'",
                    policy.policy.name
                )));
            }
        }
    }
    out
}

/// Active staff who hold open cases but whose role is neither a caseworker
/// role nor one the policy says is not selected: they would drop out of the
/// count in silence. Returns how many, and the warning naming their roles as
/// the staff file writes them.
fn holders_outside(staff: &Staff, cases: &Cases, policy: &Resolved) -> (usize, Option<Warning>) {
    let mut holds = vec![false; staff.members.len()];
    for c in cases.list.iter().filter(|c| !c.closed) {
        if let crate::model::cases::Allocation::Worker(w) = c.worker {
            holds[w as usize] = true;
        }
    }
    let mut roles: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut n = 0;
    for (m, _) in staff.members.iter().zip(&holds).filter(|(_, h)| **h) {
        if m.active && !policy.is_caseworker_role(&m.role) && !policy.not_selected_roles.contains(&m.role) {
            *roles.entry(m.role_title.as_str()).or_default() += 1;
            n += 1;
        }
    }
    if n == 0 {
        return (0, None);
    }
    let mut listed: Vec<(&str, usize)> = roles.into_iter().collect();
    listed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let listed: Vec<String> = listed.iter().map(|(r, k)| format!("'{r}' ({k})")).collect();
    let warning = Warning::new(format!(
        "{} {} cases but their role is not a caseworker role in policy {}: {}; add the roles to the policy's \
         caseworker_roles (caseaudit show policy {}), or to not_selected_roles if their files are not audited",
        crate::words::count(n, "worker", "workers"),
        if n == 1 { "holds" } else { "hold" },
        policy.policy.name,
        listed.join(", "),
        policy.policy.name,
    ))
    .strict();
    (n, Some(warning))
}

/// The month's audit-timetable dates (Quality Practice Audit Appendix 5; Good practice audit guidance: Stage 1/2).
/// A date on a non-working day moves onto a working day, as the policy says.
pub fn timetable(policy: &Resolved, month: Month, cal: &Calendar) -> Vec<(String, NaiveDate)> {
    policy
        .policy
        .timetable
        .iter()
        .map(|t| {
            let day = month.plus(t.months_after as i32).day_clamped(t.day);
            (t.column.clone(), cal.roll(day, t.roll.unwrap_or(policy.policy.roll)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_day_keys_order_as_months_and_days_and_come_back() {
        let months = [Month { year: 1800, month: 1 }, Month { year: 2025, month: 12 }, Month { year: 2026, month: 1 }];
        for w in months.windows(2) {
            assert!(month_key(w[0]) < month_key(w[1]));
        }
        for m in months.into_iter().chain([Month { year: 2200, month: 12 }]) {
            assert_eq!(key_month(month_key(m)), Some(m));
            assert_eq!(key_day(day_key(m.first_day())), Some(m.first_day()));
            assert!(day_key(m.first_day()) < day_key(m.last_day()));
        }
        assert_eq!((key_month(0), key_day(0)), (None, None));
    }
}
