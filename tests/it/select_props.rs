//! Property tests of the whole selection on random small authorities:
//! never two files for one worker; never a case inside the exclusion window;
//! never an auditor in the worker's chain or team; capacities and per-team quotas
//! respected; and adding or removing a worker leaves everyone else's pick alone.

use caseaudit::calendar::dates::Month;
use caseaudit::model::Names;
use caseaudit::model::cases::{Allocation, Case, Cases};
use caseaudit::model::history::{Entry, Stage};
use caseaudit::model::staff::{Staff, StaffMember};
use caseaudit::select::{self, History, Params, policy};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const ROLES: [&str; 5] = ["social_worker", "senior_practitioner", "team_manager", "group_manager", "service_manager"];

/// role, team, area, manager, active, capacity
type Member = (usize, u32, u32, Option<usize>, bool, Option<u32>);
/// worker, service, closed (year, month), family, recorded_by
type CaseRow = (Option<usize>, u32, Option<(i32, u32)>, Option<u32>, Vec<usize>);

#[derive(Debug, Clone)]
struct World {
    staff: Vec<Member>,
    cases: Vec<CaseRow>,
    /// case, months before November 2026, kind
    history: Vec<(usize, i32, Stage)>,
}

fn world(siblings: bool) -> impl Strategy<Value = World> {
    (2usize..14).prop_flat_map(move |n| {
        let member = |i: usize| {
            (
                0usize..ROLES.len(),
                0u32..4,
                0u32..2,
                prop::option::of(0..i.max(1)),
                prop::bool::weighted(0.9),
                prop::option::weighted(0.3, 0u32..3),
            )
                .prop_map(move |(r, t, a, m, act, cap)| (r, t, a, if i == 0 { None } else { m }, act, cap))
        };
        let staff: Vec<_> = (0..n).map(member).collect();
        let case = (
            prop::option::weighted(0.95, 0..n),
            0u32..3,
            prop::option::weighted(0.15, (2025i32..2027, 1u32..13)),
            if siblings { prop::option::weighted(0.4, 0u32..4).boxed() } else { Just(None).boxed() },
            if siblings { prop::collection::vec(0..n, 0..2).boxed() } else { Just(vec![]).boxed() },
        );
        (staff, prop::collection::vec(case, 0..30)).prop_flat_map(|(staff, cases)| {
            let nc = cases.len().max(1);
            let kinds = prop::sample::select(vec![Stage::Selected, Stage::Prepared, Stage::Audited, Stage::Moderated]);
            (Just(staff), Just(cases), prop::collection::vec((0..nc, 0i32..16, kinds), 0..20))
                .prop_map(|(staff, cases, history)| World { staff, cases, history })
        })
    })
}

struct Built {
    staff: Staff,
    cases: Cases,
    names: Names,
    history: History,
}

fn build(w: &World, month: Month, skip_staff: Option<usize>) -> Built {
    let mut names = Names::default();
    for t in 0..4 {
        names.intern(&format!("T{t}"));
    }
    for a in 0..2 {
        names.intern(&format!("A{a}"));
    }
    let mut members = Vec::new();
    for (i, s) in w.staff.iter().enumerate() {
        members.push(StaffMember {
            id: format!("S{i:02}"),
            name: String::new(),
            email: String::new(),
            role: ROLES[s.0].into(),
            role_title: ROLES[s.0].into(),
            team: s.1,
            area: 4 + s.2,
            manager: s.3.map(|m| m as u32),
            covering: None,
            active: s.4 && Some(i) != skip_staff,
            audit_capacity: s.5,
            line: i as u64 + 2,
        });
    }
    let staff = Staff::from_members(members);
    let mut services = Names::default();
    for s in 0..3 {
        services.intern(&format!("Service {s}"));
    }
    let mut cases = Cases::default();
    cases.services = services;
    for (i, c) in w.cases.iter().enumerate() {
        let recorded: Vec<u32> = c.4.iter().map(|&r| r as u32).collect();
        let case = Case {
            worker: c.0.map_or(Allocation::Unallocated, |x| Allocation::Worker(x as u32)),
            team: None,
            area: None,
            service: c.1,
            closed: c.2.is_some(),
            opened: None,
            closed_on: c.2.map(|(y, m)| NaiveDate::from_ymd_opt(y, m, 10).unwrap()),
            restricted: false,
            family: cases.family_span(&c.3.map(|f| format!("F{f}")).unwrap_or_default()),
            recorded: Default::default(),
            line: i as u64 + 2,
        };
        cases.push(&format!("C{i:02}"), &recorded, case).unwrap();
    }
    let mut history = History::new(w.cases.len(), month);
    for &(c, back, kind) in &w.history {
        if c < w.cases.len() {
            let m = month.plus(-back);
            history.record(
                c as u32,
                &Entry { case_id: "", date: Some(m.first_day()), month: m, kind, worker_id: "", auditor_id: "" },
            );
        }
    }
    Built { staff, cases, names, history }
}

fn run(b: &Built, policy: &policy::Resolved, month: Month) -> select::Selection {
    select::select(&b.staff, &b.cases, &b.names, &b.history, &[], &Params { month, seed: "prop", policy })
}

fn policies() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["quality-practice", "good-practice"])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn selection_invariants(w in world(true), name in policies()) {
        let month = Month::parse("2026-11").unwrap();
        let mut pol = caseaudit::ops::config::policy(name).unwrap();
        pol.services.clear(); // our synthetic services are not the seed's names
        let b = build(&w, month, None);
        let sel = run(&b, &pol, month);
        let window_start = month.plus(-(pol.window_months as i32));
        let mut workers = BTreeSet::new();
        let mut picked_cases = BTreeSet::new();
        let mut families = BTreeSet::new();
        let mut loads: BTreeMap<u32, u32> = BTreeMap::new();
        let mut per_team: BTreeMap<u32, u32> = BTreeMap::new();
        for p in &sel.picks {
            prop_assert!(workers.insert(p.worker), "two files for worker {}", p.worker);
            prop_assert!(picked_cases.insert(p.case), "case {} picked twice", p.case);
            let case = &b.cases.list[p.case as usize];
            if let Some(f) = b.cases.family(p.case) {
                prop_assert!(families.insert(f.to_string()), "two cases of family {}", f);
            }
            let worker = b.staff.member(p.worker);
            prop_assert!(worker.active && pol.is_caseworker_role(&worker.role));
            // Recorded on by the worker (Quality Practice Audit §4.2).
            let recorded = b.cases.recorded_by(p.case);
            let allocated = case.worker == Allocation::Worker(p.worker);
            prop_assert!(recorded.contains(&p.worker) || (allocated && recorded.is_empty()));
            // Outside the exclusion window.
            for &(c, back, _) in &w.history {
                if c == p.case as usize {
                    prop_assert!(month.plus(-back) < window_start, "case {} inside the window", c);
                }
            }
            if let Some(a) = p.auditor {
                prop_assert!(a != p.worker);
                prop_assert!(!b.staff.chain(p.worker).any(|m| m == a), "auditor {} manages worker {}", a, p.worker);
                let aud = b.staff.member(a);
                prop_assert!(aud.team != p.team && aud.team != worker.team, "auditor in the worker's team");
                prop_assert!(aud.active && pol.is_auditor_role(&aud.role));
                *loads.entry(a).or_default() += 1;
                *per_team.entry(p.team).or_default() += 1;
            }
        }
        for (a, n) in loads {
            if let Some(cap) = b.staff.member(a).audit_capacity {
                prop_assert!(n <= cap, "auditor {} over capacity", a);
            }
        }
        if pol.policy.allocation.files == policy::Files::PerTeam {
            for (t, n) in per_team {
                prop_assert!(n <= pol.policy.allocation.per_team, "team {} over quota", t);
            }
        }
        // Every caseworker is either filled or explained.
        let caseworkers = b.staff.members.iter().filter(|m| m.active && pol.is_caseworker_role(&m.role)).count();
        prop_assert_eq!(sel.picks.len() + sel.unfilled, caseworkers);
    }

    /// Without siblings or shared files (where workers compete), removing a worker
    /// changes nobody else's pick.
    #[test]
    fn workers_are_independent(w in world(false), name in policies(), who in 0usize..14) {
        let month = Month::parse("2026-11").unwrap();
        let mut pol = caseaudit::ops::config::policy(name).unwrap();
        pol.services.clear();
        let who = who % w.staff.len();
        let full = run(&build(&w, month, None), &pol, month);
        let less = run(&build(&w, month, Some(who)), &pol, month);
        let picks = |s: &select::Selection| -> BTreeMap<u32, u32> { s.picks.iter().map(|p| (p.worker, p.case)).collect() };
        let mut a = picks(&full);
        a.remove(&(who as u32));
        prop_assert_eq!(a, picks(&less));
    }
}
