//! `select`: the monthly file selection and auditor allocation (SPEC §3; Quality Practice Audit
//! §4, §9, §10, §12; Good practice audit guidance: "Overview"). Pure: no I/O, no clock, no printing.
//!
//! The steps, each traceable to its source (docs/sources.md):
//! 1. caseworkers are active staff in the policy's caseworker roles (Quality Practice Audit §4.1);
//! 2. each case is checked for scope, closure, restriction and recent selection or
//!    audit (Good practice audit guidance: Overview; Quality Practice Audit §4.4, §12.1) — a failure is an exclusion with a reason;
//! 3. each caseworker, in a seeded priority order, takes their best eligible case
//!    (random or longest-unaudited, Quality Practice Audit §4.3), first among the cases allocated to
//!    them and then among cases they recorded on (Quality Practice Audit §4.2); a case taken, or a
//!    sibling's case, is skipped (one case per family, QA induction);
//! 4. the files are allocated to auditors by [`allocate`], exactly optimally.

pub mod allocate;
pub mod choice;
pub mod policy;

use crate::calendar::Calendar;
use crate::calendar::dates::Month;
use crate::model::Names;
use crate::model::cases::{Allocation, Cases};
use crate::model::history::Entry;
use crate::model::staff::Staff;
use allocate::{TeamRule, Unallocated};
use choice::{Purpose, WorkerRng};
use chrono::NaiveDate;
use policy::{Choice, Files, OtherTeam, Resolved};
use std::collections::BTreeMap;

/// Reasons a case was not selected or a worker got no file (`--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Unallocated,
    WorkerNotInStaff,
    WorkerNotCaseworker,
    OutOfScope,
    ClosedTooLong,
    ClosedDateMissing,
    Restricted,
    AuditedRecently,
    SelectedRecently,
    NotRecordedByWorker,
    SiblingSelected,
    TakenByAnotherWorker,
    NoEligibleCase,
    NoIndependentAuditor,
    AuditorsAtCapacity,
    /// No active staff member holds one of the policy's auditor roles at all.
    NoAuditor,
    /// A selection already in the ledger this month names an auditor this
    /// policy does not allow (its role, their line management, their team).
    PinnedAuditorNotAllowed,
    /// A selection already in the ledger this month has no auditor, and this
    /// policy gives every file one (the month was selected under another).
    PinnedWithoutAuditor,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Unallocated => "unallocated",
            Reason::WorkerNotInStaff => "worker-not-in-staff",
            Reason::WorkerNotCaseworker => "worker-not-caseworker",
            Reason::OutOfScope => "out-of-scope",
            Reason::ClosedTooLong => "closed-too-long",
            Reason::ClosedDateMissing => "closed-date-missing",
            Reason::Restricted => "restricted",
            Reason::AuditedRecently => "audited-recently",
            Reason::SelectedRecently => "selected-recently",
            Reason::NotRecordedByWorker => "not-recorded-by-worker",
            Reason::SiblingSelected => "sibling-selected",
            Reason::TakenByAnotherWorker => "taken-by-another-worker",
            Reason::NoEligibleCase => "no-eligible-case",
            Reason::NoIndependentAuditor => "no-independent-auditor",
            Reason::AuditorsAtCapacity => "auditors-at-capacity",
            Reason::NoAuditor => "no-auditor",
            Reason::PinnedAuditorNotAllowed => "pinned-auditor-not-allowed",
            Reason::PinnedWithoutAuditor => "pinned-without-auditor",
        }
    }
}

/// What the history and ledger say about each case, up to the selection month.
#[derive(Debug, Clone)]
pub struct History {
    month: Month,
    last_selected: Vec<Option<Month>>,
    last_audit_month: Vec<Option<Month>>,
    last_audited: Vec<Option<NaiveDate>>,
}

impl History {
    pub fn new(cases: usize, month: Month) -> History {
        History {
            month,
            last_selected: vec![None; cases],
            last_audit_month: vec![None; cases],
            last_audited: vec![None; cases],
        }
    }

    /// Takes one history or ledger entry for case index `case`. Entries after the
    /// selection month are ignored, so an earlier month can be re-run unchanged.
    pub fn record(&mut self, case: u32, e: &Entry<'_>) {
        if e.month > self.month {
            return;
        }
        let c = case as usize;
        if e.kind.is_audit() {
            self.last_audit_month[c] = self.last_audit_month[c].max(Some(e.month));
            let d = e.date.unwrap_or_else(|| e.month.first_day());
            self.last_audited[c] = self.last_audited[c].max(Some(d));
        } else {
            self.last_selected[c] = self.last_selected[c].max(Some(e.month));
        }
    }

    /// Takes in another summary of the same cases and month (part of a file
    /// read separately): each case keeps the later of the two dates.
    pub fn merge(&mut self, other: History) {
        fn later<T: Ord + Copy>(mine: &mut [Option<T>], theirs: Vec<Option<T>>) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m = (*m).max(t);
            }
        }
        later(&mut self.last_selected, other.last_selected);
        later(&mut self.last_audit_month, other.last_audit_month);
        later(&mut self.last_audited, other.last_audited);
    }

    pub fn last_audited(&self, case: u32) -> Option<NaiveDate> {
        self.last_audited[case as usize]
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

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Excluded {
    pub worker_id: String,
    pub case_id: String,
    pub reason: Reason,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub picks: Vec<Pick>,
    pub excluded: Vec<Excluded>,
    /// Workers who got no file.
    pub unfilled: usize,
    /// Selected files that need an auditor and have none.
    pub unallocated: usize,
    pub warnings: Vec<String>,
}

pub struct Params<'a> {
    pub month: Month,
    pub seed: &'a str,
    pub policy: &'a Resolved,
}

/// The case's team and area: as given on the case, else the worker's.
fn case_team_area(staff: &Staff, cases: &Cases, case: u32, worker: u32) -> (u32, u32) {
    let c = &cases.list[case as usize];
    let w = staff.member(worker);
    (c.team.unwrap_or(w.team), c.area.unwrap_or(w.area))
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
    let n_staff = staff.members.len();
    let is_caseworker: Vec<bool> =
        staff.members.iter().map(|m| m.active && policy.is_caseworker_role(&m.role)).collect();
    let window_start = p.month.plus(-(policy.window_months as i32));
    let closed_since = p.month.plus(-(policy.recently_closed_months as i32)).first_day();
    let mut excluded: Vec<Excluded> = Vec::new();
    let mut warnings: Vec<String> = unmatched_roles(staff, policy);
    if !is_caseworker.contains(&true) && staff.members.iter().any(|m| m.active) {
        warnings.push(format!(
            "no active staff member holds one of the policy's caseworker roles ({}): nobody gets a file",
            policy.caseworker_roles.join(", ")
        ));
    }

    // Ledger picks for this month stand.
    let mut case_taken = vec![false; cases.list.len()];
    // Families of the cases selected so far (QA induction: siblings share records).
    let mut family_taken: std::collections::HashSet<&str, foldhash::fast::FixedState> = Default::default();
    let mut filled = vec![false; n_staff];
    let mut picks: Vec<Pick> = Vec::new();
    let mut pinned_unallocated = 0usize;
    for pin in pins {
        let Some(w) = staff.get(&pin.worker_id) else {
            warnings.push(format!(
                "ledger: worker '{}' of case '{}' is not in the staff file; entry kept in the ledger but not shown",
                pin.worker_id,
                cases.id(pin.case)
            ));
            continue;
        };
        if filled[w as usize] || case_taken[pin.case as usize] {
            warnings.push(format!(
                "ledger: a second selection for worker '{}' this month (case '{}') was ignored",
                pin.worker_id,
                cases.id(pin.case)
            ));
            continue;
        }
        filled[w as usize] = true;
        case_taken[pin.case as usize] = true;
        if let Some(f) = cases.family(pin.case) {
            family_taken.insert(f);
        }
        let (team, area) = case_team_area(staff, cases, pin.case, w);
        let mut auditor = staff.get(&pin.auditor_id);
        // A pin stands only if this policy would allow it: a month selected
        // under another policy (or before a change of staff) is not passed off
        // as allocated. `--redo` selects the month afresh.
        let mut broken = |reason: Reason, detail: String| {
            pinned_unallocated += 1;
            excluded.push(Excluded {
                worker_id: staff.member(w).id.clone(),
                case_id: cases.id(pin.case).to_string(),
                reason,
                detail: format!("{detail}; select the month afresh with --redo"),
            });
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
        picks.push(Pick { case: pin.case, worker: w, team, area, auditor, matched, from_ledger: true });
    }

    let in_scope: Vec<bool> =
        (0..cases.services.len() as u32).map(|s| policy.in_scope(cases.services.show(s))).collect();
    // Which caseworkers may take each case.
    let mut own: Vec<Vec<u32>> = vec![Vec::new(); n_staff];
    let mut recorded: Vec<Vec<u32>> = vec![Vec::new(); n_staff];
    for (ci, case) in cases.list.iter().enumerate() {
        let ci = ci as u32;
        if case_taken[ci as usize] {
            continue;
        }
        let allocated_id: String = match &case.worker {
            Allocation::Worker(w) => staff.member(*w).id.clone(),
            Allocation::Unknown(id) => id.to_string(),
            Allocation::Unallocated => String::new(),
        };
        let mut exclude = |reason: Reason, detail: String| {
            excluded.push(Excluded {
                worker_id: allocated_id.clone(),
                case_id: cases.id(ci).to_string(),
                reason,
                detail,
            });
        };
        // Good practice audit guidance (Overview): only the policy's service areas.
        if !in_scope[case.service as usize] {
            let service = cases.services.show(case.service);
            let detail = if service.is_empty() {
                "no service given, and the policy lists the services it audits".to_string()
            } else {
                format!("service '{service}' is not in the policy")
            };
            exclude(Reason::OutOfScope, detail);
            continue;
        }
        // Good practice audit guidance (Overview): open, or recently closed.
        if case.closed {
            match case.closed_on {
                None => {
                    exclude(Reason::ClosedDateMissing, "closed, with no closing date".into());
                    continue;
                }
                Some(d) if d < closed_since => {
                    exclude(Reason::ClosedTooLong, format!("closed {d}, before {closed_since}"));
                    continue;
                }
                Some(_) => {}
            }
        }
        if case.restricted && policy.policy.restricted == policy::Restricted::Exclude {
            exclude(Reason::Restricted, "restricted record; the policy excludes these".into());
            continue;
        }
        // Quality Practice Audit §12.1 / Good practice audit guidance: not again within the window.
        if let Some(m) = history.last_audit_month[ci as usize].filter(|&m| m >= window_start) {
            exclude(
                Reason::AuditedRecently,
                format!("audited {m}; eligible again from {}", m.plus(policy.window_months as i32 + 1)),
            );
            continue;
        }
        if let Some(m) = history.last_selected[ci as usize].filter(|&m| m >= window_start) {
            exclude(
                Reason::SelectedRecently,
                format!("selected {m}; eligible again from {}", m.plus(policy.window_months as i32 + 1)),
            );
            continue;
        }
        // Quality Practice Audit §4.2: a file the worker has recorded on.
        let mut allocated_ok = None;
        let allocated_problem = match &case.worker {
            Allocation::Unallocated => Some((Reason::Unallocated, "no allocated worker".to_string())),
            Allocation::Unknown(id) => {
                Some((Reason::WorkerNotInStaff, format!("worker '{id}' is not in the staff file")))
            }
            Allocation::Worker(w) if !is_caseworker[*w as usize] => {
                let m = staff.member(*w);
                let why = if m.active {
                    format!("role '{}' is not a caseworker role in the policy", m.role)
                } else {
                    "worker is not active".into()
                };
                Some((Reason::WorkerNotCaseworker, why))
            }
            Allocation::Worker(w) if !cases.recorded_by(ci).is_empty() && !cases.recorded_by(ci).contains(w) => Some((
                Reason::NotRecordedByWorker,
                "the allocated worker is not among those who recorded on the file".into(),
            )),
            Allocation::Worker(w) => {
                allocated_ok = Some(*w);
                None
            }
        };
        if let Some(w) = allocated_ok {
            own[w as usize].push(ci);
        }
        let mut any_recorder = false;
        for &r in cases.recorded_by(ci) {
            if Some(r) != allocated_ok && is_caseworker[r as usize] {
                recorded[r as usize].push(ci);
                any_recorder = true;
            }
        }
        if let (Some((reason, detail)), false) = (allocated_problem, any_recorder) {
            exclude(reason, detail);
        }
    }

    // Caseworkers in seeded priority order; ties (never in practice) by id.
    let mut workers: Vec<(u64, u32)> = (0..n_staff as u32)
        .filter(|&w| is_caseworker[w as usize])
        .map(|w| (choice::worker_priority(p.seed, p.month, &staff.member(w).id), w))
        .collect();
    workers.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| staff.member(a.1).id.cmp(&staff.member(b.1).id)));

    let one_per_family = policy.policy.one_case_per_family;
    let mut tried: Vec<Vec<u32>> = vec![Vec::new(); n_staff];
    for (pass, purpose) in [(&own, Purpose::OwnCases), (&recorded, Purpose::RecordedCases)] {
        for &(_, w) in &workers {
            if filled[w as usize] || pass[w as usize].is_empty() {
                continue;
            }
            let available = |c: u32| {
                let sibling_taken = one_per_family && cases.family(c).is_some_and(|f| family_taken.contains(f));
                !case_taken[c as usize] && !sibling_taken
            };
            // Case-id order first, so the row order of the file cannot matter.
            let mut list = pass[w as usize].clone();
            list.sort_unstable_by(|a, b| cases.id(*a).cmp(cases.id(*b)));
            let mut rng = WorkerRng::new(p.seed, p.month, &staff.member(w).id, purpose);
            let chosen = match policy.policy.choice {
                Choice::Random => {
                    choice::first_in_random_order(&mut rng, &mut list, |&c| available(c)).map(|i| list[i])
                }
                // Never audited first, then the oldest last audit; ties in seeded order.
                Choice::LongestUnaudited => {
                    choice::shuffle(&mut rng, &mut list);
                    list.sort_by_key(|&c| {
                        let last = history.last_audited(c);
                        (last.is_some(), last)
                    });
                    list.iter().copied().find(|&c| available(c))
                }
            };
            if let Some(c) = chosen {
                filled[w as usize] = true;
                case_taken[c as usize] = true;
                if let Some(f) = cases.family(c) {
                    family_taken.insert(f);
                }
                let (team, area) = case_team_area(staff, cases, c, w);
                picks.push(Pick {
                    case: c,
                    worker: w,
                    team,
                    area,
                    auditor: None,
                    matched: Match::None,
                    from_ledger: false,
                });
            } else {
                tried[w as usize].extend(list);
            }
        }
    }
    let mut unfilled = 0;
    for &(_, w) in &workers {
        if filled[w as usize] {
            continue;
        }
        unfilled += 1;
        let wid = &staff.member(w).id;
        let tried = std::mem::take(&mut tried[w as usize]);
        for c in &tried {
            let reason = if case_taken[*c as usize] { Reason::TakenByAnotherWorker } else { Reason::SiblingSelected };
            let detail = if reason == Reason::SiblingSelected {
                "a sibling's case was selected this month"
            } else {
                "selected for another worker this month"
            };
            excluded.push(Excluded {
                worker_id: wid.clone(),
                case_id: cases.id(*c).to_string(),
                reason,
                detail: detail.into(),
            });
        }
        let detail = if tried.is_empty() {
            "no case the worker recorded on is eligible".to_string()
        } else {
            format!("{} eligible cases were all taken", tried.len())
        };
        excluded.push(Excluded {
            worker_id: wid.clone(),
            case_id: String::new(),
            reason: Reason::NoEligibleCase,
            detail,
        });
    }

    let unallocated = pinned_unallocated + allocate_auditors(staff, cases, &mut picks, &mut excluded, p);

    picks.sort_by(|a, b| {
        let ka = (names.show(a.team), &staff.member(a.worker).id);
        let kb = (names.show(b.team), &staff.member(b.worker).id);
        ka.cmp(&kb)
    });
    excluded.sort();
    Selection { picks, excluded, unfilled, unallocated, warnings }
}

/// Allocates auditors to the picks not already allocated in the ledger. Returns
/// the number of files that needed an auditor and got none.
fn allocate_auditors(
    staff: &Staff,
    cases: &Cases,
    picks: &mut [Pick],
    excluded: &mut Vec<Excluded>,
    p: &Params<'_>,
) -> usize {
    let policy = p.policy;
    let alloc = &policy.policy.allocation;
    let auditors: Vec<u32> = (0..staff.members.len() as u32)
        .filter(|&s| {
            let m = staff.member(s);
            m.active && policy.is_auditor_role(&m.role)
        })
        .collect();
    let mut auditor_of = vec![None; staff.members.len()];
    for (i, &s) in auditors.iter().enumerate() {
        auditor_of[s as usize] = Some(i as u32);
    }
    let mut load = vec![0u32; auditors.len()];
    let mut pinned_per_team: BTreeMap<u32, u32> = BTreeMap::new();
    for pick in picks.iter().filter(|p| p.from_ledger) {
        if let Some(a) = pick.auditor.and_then(|a| auditor_of[a as usize]) {
            load[a as usize] += 1;
        }
        if pick.auditor.is_some() {
            *pinned_per_team.entry(pick.team).or_default() += 1;
        }
    }
    let todo: Vec<usize> = (0..picks.len()).filter(|&i| !picks[i].from_ledger).collect();
    let quota = match alloc.files {
        Files::All => None,
        Files::PerTeam => {
            let mut q: BTreeMap<u32, u32> = BTreeMap::new();
            for &i in &todo {
                let t = picks[i].team;
                q.insert(t, alloc.per_team.saturating_sub(*pinned_per_team.get(&t).unwrap_or(&0)));
            }
            Some(q)
        }
    };
    let mut team_files: BTreeMap<u32, u32> = BTreeMap::new();
    for &i in &todo {
        *team_files.entry(picks[i].team).or_default() += 1;
    }
    let needed: u32 = match &quota {
        None => todo.len() as u32,
        Some(q) => q.iter().map(|(t, n)| (*n).min(team_files[t])).sum(),
    };
    // Without audit_capacity (or the policy's default_capacity) there is no fixed
    // cap: the allocation's evenness criterion already spreads files as evenly as
    // the rules allow, and a fixed "even share" would strand files whenever some
    // auditors are ineligible for many of them.
    let uncapped = needed + load.iter().sum::<u32>();
    let problem = allocate::Problem {
        auditors: auditors
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let m = staff.member(s);
                allocate::Auditor {
                    area: m.area,
                    team: m.team,
                    capacity: m.audit_capacity.or(alloc.default_capacity).unwrap_or(uncapped),
                    load: load[i],
                }
            })
            .collect(),
        files: todo
            .iter()
            .map(|&i| {
                let pick = &picks[i];
                let worker = staff.member(pick.worker);
                // Never the worker or anyone above them in line management.
                let forbidden = staff.not_independent_of(pick.worker).filter_map(|s| auditor_of[s as usize]).collect();
                allocate::File {
                    quota_team: pick.team,
                    area: pick.area,
                    teams: vec![pick.team, worker.team],
                    forbidden,
                }
            })
            .collect(),
        quota,
        team_rule: match alloc.other_team {
            OtherTeam::Required => TeamRule::Hard,
            OtherTeam::Preferred => TeamRule::Soft,
        },
    };
    let solution = allocate::solve(&problem);
    let mut unallocated = 0;
    for (k, &i) in todo.iter().enumerate() {
        let pick = &mut picks[i];
        match solution.assigned[k] {
            Ok(a) => {
                let aud = &problem.auditors[a as usize];
                pick.auditor = Some(auditors[a as usize]);
                pick.matched = if problem.files[k].teams.contains(&aud.team) {
                    Match::SameTeam
                } else if aud.area != pick.area {
                    Match::OutOfArea
                } else {
                    Match::SameArea
                };
            }
            Err(Unallocated::NotSampled) => pick.matched = Match::NotSampled,
            Err(why) => {
                pick.matched = Match::None;
                unallocated += 1;
                let (reason, detail) = match why {
                    _ if auditors.is_empty() => {
                        (Reason::NoAuditor, "no active staff member holds one of the policy's auditor roles")
                    }
                    Unallocated::NoIndependentAuditor => (
                        Reason::NoIndependentAuditor,
                        "every auditor is the worker's line manager, in their team, or unavailable",
                    ),
                    _ => (Reason::AuditorsAtCapacity, "independent auditors exist but are at capacity"),
                };
                excluded.push(Excluded {
                    worker_id: staff.member(pick.worker).id.clone(),
                    case_id: cases.id(pick.case).to_string(),
                    reason,
                    detail: detail.into(),
                });
            }
        }
    }
    unallocated
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

/// Policy roles that match no active staff member, each with the nearest role
/// the staff file does have: a typo in a policy (`Socail Worker`) would
/// otherwise leave workers without files, or files without auditors, in silence.
fn unmatched_roles(staff: &Staff, policy: &Resolved) -> Vec<String> {
    let present: std::collections::BTreeSet<&str> =
        staff.members.iter().filter(|m| m.active).map(|m| m.role.as_str()).collect();
    if present.is_empty() {
        return vec!["the staff file has no active staff: nobody gets a file".to_string()];
    }
    let mut out = Vec::new();
    for (list, roles) in [("caseworker_roles", &policy.caseworker_roles), ("auditor_roles", &policy.auditor_roles)] {
        for role in roles.iter().filter(|r| !present.contains(r.as_str())) {
            // The nearest role the list does not already name: what was meant.
            let others = present.iter().copied().filter(|p| !roles.iter().any(|r| r == p));
            let hint = match crate::words::nearest(role, others) {
                Some(p) => format!("; the nearest role in the staff file is '{p}'"),
                None => "; no role in the staff file is close to it".to_string(),
            };
            out.push(format!(
                "policy {} {list}: no active staff member has the role '{role}'{hint}",
                policy.policy.name
            ));
        }
    }
    out
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
