//! The allocation is optimal, not greedy (docs/select.md): on small random instances
//! its score equals the best score found by trying every assignment, and it never
//! breaks a hard rule.

use caseaudit::select::allocate::{Auditor, File, Problem, Score, TeamRule, Unallocated, solve};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn brute_force(p: &Problem) -> Score {
    fn go(
        p: &Problem,
        f: usize,
        cur: &mut Vec<Option<u32>>,
        loads: &mut Vec<u32>,
        per_team: &mut BTreeMap<u32, u32>,
        best: &mut Option<Score>,
    ) {
        if f == p.files.len() {
            let s = p.score(cur);
            if best.is_none_or(|b| s < b) {
                *best = Some(s);
            }
            return;
        }
        cur.push(None);
        go(p, f + 1, cur, loads, per_team, best);
        cur.pop();
        let team = p.files[f].quota_team;
        let allowed = p.quota.as_ref().map_or(u32::MAX, |q| *q.get(&team).unwrap_or(&0));
        if *per_team.get(&team).unwrap_or(&0) >= allowed {
            return;
        }
        for a in 0..p.auditors.len() {
            if !p.eligible(f, a) || loads[a] >= p.auditors[a].capacity {
                continue;
            }
            loads[a] += 1;
            *per_team.entry(team).or_default() += 1;
            cur.push(Some(a as u32));
            go(p, f + 1, cur, loads, per_team, best);
            cur.pop();
            *per_team.get_mut(&team).unwrap() -= 1;
            loads[a] -= 1;
        }
    }
    let mut loads: Vec<u32> = p.auditors.iter().map(|a| a.load).collect();
    let mut best = None;
    go(p, 0, &mut Vec::new(), &mut loads, &mut BTreeMap::new(), &mut best);
    best.expect("the empty assignment always exists")
}

fn problem() -> impl Strategy<Value = Problem> {
    let auditor = (0u32..2, 0u32..3, 0u32..4, 0u32..2).prop_map(|(area, team, capacity, load)| Auditor {
        area,
        team,
        capacity,
        load: load.min(capacity),
    });
    (prop::collection::vec(auditor, 1..5), 0usize..7, any::<bool>(), any::<bool>(), any::<u64>()).prop_flat_map(
        |(auditors, nf, soft, quota, bits)| {
            let na = auditors.len() as u32;
            let file = (0u32..3, 0u32..2, 0u32..3, prop::collection::vec(0..na, 0..3)).prop_map(
                |(qt, area, team, forbidden)| File { quota_team: qt, area, teams: vec![qt, team], forbidden },
            );
            prop::collection::vec(file, nf).prop_map(move |files| Problem {
                auditors: auditors.clone(),
                files,
                quota: quota.then(|| (0..3).map(|t| (t, ((bits >> (2 * t)) & 3) as u32)).collect()),
                team_rule: if soft { TeamRule::Soft } else { TeamRule::Hard },
            })
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn allocation_is_optimal_and_valid(p in problem()) {
        let sol = solve(&p);
        prop_assert_eq!(sol.assigned.len(), p.files.len());
        let assigned: Vec<Option<u32>> = sol.assigned.iter().map(|r| r.ok()).collect();
        // Hard rules: eligibility (never the worker's chain; another team when
        // required), capacity, quota.
        let mut loads: Vec<u32> = p.auditors.iter().map(|a| a.load).collect();
        let mut per_team: BTreeMap<u32, u32> = BTreeMap::new();
        for (f, a) in assigned.iter().enumerate() {
            if let Some(a) = a {
                prop_assert!(!p.files[f].forbidden.contains(a), "file {} given to a forbidden auditor", f);
                if p.team_rule == TeamRule::Hard {
                    prop_assert!(!p.files[f].teams.contains(&p.auditors[*a as usize].team));
                }
                loads[*a as usize] += 1;
                *per_team.entry(p.files[f].quota_team).or_default() += 1;
            }
        }
        for (a, l) in loads.iter().enumerate() {
            prop_assert!(*l <= p.auditors[a].capacity.max(p.auditors[a].load), "auditor {} over capacity", a);
        }
        if let Some(q) = &p.quota {
            for (t, n) in per_team {
                prop_assert!(n <= *q.get(&t).unwrap_or(&0), "team {} over quota", t);
            }
        }
        // Optimal in the policy's order.
        prop_assert_eq!(p.score(&assigned), brute_force(&p));
        // Reasons: "not sampled" only when a quota applies.
        if p.quota.is_none() {
            prop_assert!(sol.assigned.iter().all(|r| *r != Err(Unallocated::NotSampled)));
        }
    }

    #[test]
    fn allocation_is_deterministic(p in problem()) {
        prop_assert_eq!(solve(&p), solve(&p.clone()));
    }
}

/// The classic case a greedy allocator gets wrong: file 0 could go to either
/// auditor, file 1 only to auditor 0. Both must be allocated.
#[test]
fn not_greedy() {
    let p = Problem {
        auditors: vec![
            Auditor { area: 0, team: 9, capacity: 1, load: 0 },
            Auditor { area: 0, team: 8, capacity: 1, load: 0 },
        ],
        files: vec![
            File { quota_team: 0, area: 0, teams: vec![0], forbidden: vec![] },
            File { quota_team: 1, area: 0, teams: vec![1], forbidden: vec![1] },
        ],
        quota: None,
        team_rule: TeamRule::Hard,
    };
    let sol = solve(&p);
    assert_eq!(sol.assigned, vec![Ok(1), Ok(0)]);
}

/// Same-area is preferred over evenness: two files in area 0, one auditor in each
/// area with room for both — both go to the area-0 auditor.
#[test]
fn area_before_evenness() {
    let p = Problem {
        auditors: vec![
            Auditor { area: 0, team: 9, capacity: 2, load: 0 },
            Auditor { area: 1, team: 8, capacity: 2, load: 0 },
        ],
        files: vec![File { quota_team: 0, area: 0, teams: vec![0], forbidden: vec![] }; 2],
        quota: None,
        team_rule: TeamRule::Hard,
    };
    assert_eq!(solve(&p).assigned, vec![Ok(0), Ok(0)]);
}
