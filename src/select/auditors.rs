//! Step 4: auditors for the month's files, by the exact allocation of
//! [`super::allocate`]: never the worker or anyone above them in line
//! management ([`Staff::not_independent_of`], Quality Practice Audit §9.1), in
//! another team as the policy says, within each auditor's capacity.

use super::allocate::{self, TeamRule, Unallocated};
use super::policy::{Files, OtherTeam};
use super::{Detail, Excluded, Match, Params, Pick, Reason};
use crate::model::staff::Staff;
use std::collections::BTreeMap;

/// Allocates auditors to the picks not already allocated in the ledger. Returns
/// the number of files that needed an auditor and got none.
pub(super) fn allocate(staff: &Staff, picks: &mut [Pick], excluded: &mut Vec<Excluded>, p: &Params<'_>) -> usize {
    let policy = p.policy;
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
    let (problem, todo) = problem(staff, picks, p, &auditors, &auditor_of);
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
                excluded.push(Excluded::case(pick.case, Some(pick.worker), reason, Detail::Fixed(detail)));
            }
        }
    }
    unallocated
}

/// The allocation problem of the picks not already allocated in the ledger
/// (their indices in `picks`): the auditors with their loads and capacities,
/// and each file's team, area and forbidden auditors.
fn problem(
    staff: &Staff,
    picks: &[Pick],
    p: &Params<'_>,
    auditors: &[u32],
    auditor_of: &[Option<u32>],
) -> (allocate::Problem, Vec<usize>) {
    let alloc = &p.policy.policy.allocation;
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
    (problem, todo)
}
