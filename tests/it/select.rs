//! One integration test per rule of docs/select.md, each running the binary on files.

use crate::common;
use common::*;

fn cases(d: &Dir, rows: &[&str]) -> String {
    let mut lines = vec![CASES_HEADER];
    lines.extend_from_slice(rows);
    d.write("cases.csv", &lines)
}

fn staff(d: &Dir, extra: &[&str]) -> String {
    let mut lines = standard_staff();
    lines.extend_from_slice(extra);
    d.write("staff.csv", &lines)
}

fn history(d: &Dir, rows: &[&str]) -> String {
    let mut lines = vec![HISTORY_HEADER];
    lines.extend_from_slice(rows);
    d.write("audits.csv", &lines)
}

fn policy(d: &Dir, name: &str, body: &str) -> String {
    let p = d.path(name);
    std::fs::write(&p, body).unwrap();
    p.to_string_lossy().into_owned()
}

/// A policy file: the built-in good-practice with some lines changed.
fn custom_policy(d: &Dir, edits: &[(&str, &str)]) -> String {
    let mut text = include_str!("../../policies/good-practice.yaml").to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "policy has no {from:?}");
        text = text.replacen(from, to, 1);
    }
    policy(d, "policy.yaml", &text)
}

// Quality Practice Audit §4.1: one file per caseworker per month; others get none.
#[test]
fn one_file_per_caseworker() {
    let d = Dir::new();
    let s = staff(
        &d,
        &["W5,Worker 5,Social Worker,T1,North,TM1,false,", "W6,Worker 6,Student Social Worker,T1,North,TM1,true,"],
    );
    let c = cases(
        &d,
        &[
            "C1,W1,,Early Help,,open,,,,,",
            "C2,W1,,Early Help,,open,,,,,",
            "C3,W1,,Early Help,,open,,,,,",
            "C4,W2,,Early Help,,open,,,,,",
            "C5,W3,,Early Help,,open,,,,,",
            "C6,W5,,Early Help,,open,,,,,",
            "C7,W6,,Early Help,,open,,,,,",
        ],
    );
    let r = select(&s, &c, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let picks = r.picks();
    assert_eq!(picks.keys().cloned().collect::<Vec<_>>(), ["W1", "W2", "W3"]);
    assert!(["C1", "C2", "C3"].contains(&picks["W1"].as_str()));
    assert_eq!(picks["W2"], "C4");
    assert_eq!(r.selection().len(), 3, "one row per worker");
    assert_eq!(r.reason("", "W4").as_deref(), Some("no-eligible-case"));
    assert_eq!(r.reason("C6", "W5").as_deref(), Some("worker-not-caseworker"));
    assert_eq!(r.reason("C7", "W6").as_deref(), Some("worker-not-caseworker"));
}

// Quality Practice Audit §4.2: a file the worker has recorded on.
#[test]
fn only_files_the_worker_recorded_on() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(
        &d,
        &["C1,W1,,Early Help,,open,,,,,W2", "C2,W3,,Early Help,,open,,,,,TM2", "C3,W4,,Early Help,,open,,,,,W4;TM3"],
    );
    let r = select(&s, &c, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let picks = r.picks();
    assert_eq!(picks.get("W2").map(String::as_str), Some("C1"), "W2 recorded on C1");
    assert!(!picks.contains_key("W1"), "W1 never recorded on C1");
    assert_eq!(r.reason("C2", "W3").as_deref(), Some("not-recorded-by-worker"));
    assert_eq!(picks["W4"], "C3");
}

// Quality Practice Audit §4.4, §12.1: not again for 12 months, from history and ledger alike.
#[test]
fn twelve_month_window_counts_history_and_ledger() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(
        &d,
        &[
            "C1,W1,,Early Help,,open,,,,,",
            "C2,W1,,Early Help,,open,,,,,",
            "C3,W2,,Early Help,,open,,,,,",
            "C4,W3,,Early Help,,open,,,,,",
            "C5,W4,,Early Help,,open,,,,,",
        ],
    );
    let h = history(
        &d,
        &[
            "C1,2025-11-03,selected,W1,,2025-11", // 12 months back: still excluded
            "C2,2025-10-28,prepared,W1,,2025-10", // 13 months back: eligible
            "C3,15/06/2026,audited,W2,SM1,",      // month from the date
        ],
    );
    let ledger = d.write("ledger.csv", &[HISTORY_HEADER, "C4,2026-10-02,selected,W3,SM2,2026-10"]);
    let r = select(&s, &c, &["--history", &h, "--ledger", &ledger]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let picks = r.picks();
    assert_eq!(picks["W1"], "C2");
    assert_eq!(r.reason("C1", "W1").as_deref(), Some("selected-recently"));
    assert_eq!(r.reason("C3", "W2").as_deref(), Some("audited-recently"));
    assert_eq!(r.reason("C4", "W3").as_deref(), Some("selected-recently"), "the ledger counts");
    assert_eq!(picks["W4"], "C5");
}

// Good practice audit guidance: the good-practice window is a quarter.
#[test]
fn good_practice_quarter_window() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c =
        cases(&d, &["C1,W1,,Early Help,,open,,,,,", "C2,W2,,Early Help,,open,,,,,", "C3,W3,,Early Help,,open,,,,,"]);
    let h = history(
        &d,
        &[
            "C1,2026-07-30,audited,W1,GM2,2026-07",
            "C2,2026-08-01,audited,W2,GM2,2026-08",
            "C3,2026-10-20,moderated,W3,GM2,",
        ],
    );
    let r = select(&s, &c, &["--history", &h, "--policy", "good-practice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.picks().get("W1").map(String::as_str), Some("C1"), "July is outside Aug–Nov");
    assert_eq!(r.reason("C2", "W2").as_deref(), Some("audited-recently"));
    assert_eq!(r.reason("C3", "W3").as_deref(), Some("audited-recently"));
}

// Good practice audit guidance: only the policy's services; open or recently closed; restricted flagged.
#[test]
fn scope_closure_and_restriction() {
    let d = Dir::new();
    let s =
        staff(&d, &["W7,Worker 7,Social Worker,T2,North,TM2,true,", "W8,Worker 8,Social Worker,T2,North,TM2,true,"]);
    let c = cases(
        &d,
        &[
            "C1,W1,,Youth Justice,,open,,,,,",
            "C2,W2,,Early Help,,closed,,14/10/2026,,,",
            "C3,W3,,Early Help,,closed,,02/01/2026,,,",
            "C4,W4,,Early Help,,closed,,,,,",
            "C5,W7,,Early Help,,open,,,yes,,",
            "C6,W8,,early help,,OPEN,,,,,",
        ],
    );
    let r = select(&s, &c, &["--policy", "good-practice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.reason("C1", "W1").as_deref(), Some("out-of-scope"));
    assert_eq!(r.picks().get("W2").map(String::as_str), Some("C2"), "closed last month is in scope");
    assert_eq!(r.reason("C3", "W3").as_deref(), Some("closed-too-long"));
    assert_eq!(r.reason("C4", "W4").as_deref(), Some("closed-date-missing"));
    let c5 = r.selection().into_iter().find(|row| row["case_id"] == "C5").expect("restricted case selected");
    assert_eq!(c5["restricted"], "true", "flagged so the auditor requests access");
    assert_eq!(r.picks().get("W8").map(String::as_str), Some("C6"), "service names match ignoring case");

    let p = custom_policy(&d, &[("restricted: flag", "restricted: exclude")]);
    let r = select(&s, &c, &["--policy", &p]);
    assert_eq!(r.reason("C5", "W7").as_deref(), Some("restricted"));
}

// QA induction: siblings share records, so one case per family per month.
#[test]
fn one_case_per_family() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(
        &d,
        &["C1,W1,,Early Help,,open,,,,F1,", "C2,W2,,Early Help,,open,,,,F1,", "C3,W3,,Early Help,,open,,,,F2,"],
    );
    let r = select(&s, &c, &[]);
    let picks = r.picks();
    let family_picks = ["W1", "W2"].iter().filter(|w| picks.contains_key(**w)).count();
    assert_eq!(family_picks, 1, "{picks:?}");
    let loser = if picks.contains_key("W1") { ("C2", "W2") } else { ("C1", "W1") };
    assert_eq!(r.reason(loser.0, loser.1).as_deref(), Some("sibling-selected"));
    assert_eq!(picks["W3"], "C3");
}

// Quality Practice Audit §4.3, docs/reference/conventions.md: random but seeded; the default seed is the month.
#[test]
fn random_choice_is_seeded() {
    let ex = examples();
    let staff = ex.join("staff.csv");
    let cases = ex.join("cases.csv");
    let (s, c) = (staff.to_str().unwrap(), cases.to_str().unwrap());
    let a = select(s, c, &[]);
    let b = select(s, c, &["--seed", "2026-11"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout, "the default seed is the month");
    assert_eq!(a.stdout, select(s, c, &[]).stdout, "re-runs reproduce");
    let differs = (0..10).any(|k| select(s, c, &["--seed", &format!("other-{k}")]).picks() != a.picks());
    assert!(differs, "the seed matters");
}

// docs/select.md: longest-unaudited takes never-audited first, then the oldest audit.
#[test]
fn longest_unaudited() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(
        &d,
        &[
            "C1,W1,,Early Help,,open,,,,,",
            "C2,W1,,Early Help,,open,,,,,",
            "C3,W1,,Early Help,,open,,,,,",
            "C4,W2,,Early Help,,open,,,,,",
            "C5,W2,,Early Help,,open,,,,,",
        ],
    );
    let h = history(
        &d,
        &[
            "C1,2024-01-10,audited,W1,,",
            "C2,2023-05-10,audited,W1,,",
            "C4,2024-02-01,audited,W2,,",
            "C5,2023-12-01,moderated,W2,,",
        ],
    );
    let p = custom_policy(&d, &[("choice: random", "choice: longest-unaudited")]);
    let r = select(&s, &c, &["--history", &h, "--policy", &p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.picks()["W1"], "C3", "never audited first");
    assert_eq!(r.picks()["W2"], "C5", "then the oldest audit");
    let row = r.selection().into_iter().find(|x| x["worker_id"] == "W2").unwrap();
    assert_eq!(row["last_audited"], "2023-12-01");
}

// Good practice audit guidance: never within the worker's line management, whole chain upward.
#[test]
fn auditor_outside_the_whole_chain() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,", "C4,W4,,Early Help,,open,,,,,"]);
    // Heads of service as auditors: H1 is two levels above W1's team manager.
    let p = custom_policy(&d, &[("  - group_manager", "  - head_of_service")]);
    let r = select(&s, &c, &["--policy", &p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sel = r.selection();
    let w1 = sel.iter().find(|x| x["worker_id"] == "W1").unwrap();
    let w4 = sel.iter().find(|x| x["worker_id"] == "W4").unwrap();
    assert_eq!((w1["auditor_id"].as_str(), w1["match"].as_str()), ("H2", "out-of-area"));
    assert_eq!((w4["auditor_id"].as_str(), w4["match"].as_str()), ("H1", "out-of-area"));
}

// Good practice audit guidance: same area preferred; another team required.
#[test]
fn same_area_preferred_and_another_team_required() {
    let d = Dir::new();
    let s = staff(
        &d,
        &[
            "GM3,Group Manager N2,Group Manager,North Management,North,H1,true,",
            "GM4,Group Manager T1,Group Manager,T1,North,H1,true,",
        ],
    );
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,", "C3,W3,,Early Help,,open,,,,,"]);
    let r = select(&s, &c, &["--policy", "good-practice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for row in r.selection() {
        // GM1 manages both workers; GM4 is in W1's team; GM3 is in the area.
        assert_ne!(row["auditor_id"], "GM1");
        if row["worker_id"] == "W1" {
            assert_eq!(row["auditor_id"], "GM3");
        }
        assert_eq!(row["match"], "same-area");
    }
}

// docs/select.md: loads stay within audit_capacity; the allocation is optimal.
#[test]
fn capacity_is_respected() {
    let d = Dir::new();
    let s = staff(&d, &["GM3,Group Manager N2,Group Manager,North Management,North,H1,true,1"]);
    let c =
        cases(&d, &["C1,W1,,Early Help,,open,,,,,", "C2,W2,,Early Help,,open,,,,,", "C3,W3,,Early Help,,open,,,,,"]);
    let r = select(&s, &c, &["--policy", "good-practice"]);
    let sel = r.selection();
    let gm3 = sel.iter().filter(|x| x["auditor_id"] == "GM3").count();
    let gm2 = sel.iter().filter(|x| x["auditor_id"] == "GM2").count();
    assert_eq!((gm3, gm2), (1, 2), "GM3 takes one; GM2 (South) the rest: {sel:?}");
    assert_eq!(sel.iter().filter(|x| x["match"] == "out-of-area").count(), 2);
}

#[test]
fn no_independent_auditor_is_explained() {
    let d = Dir::new();
    let s = d.write(
        "staff.csv",
        &[
            STAFF_HEADER,
            "GM1,G,Group Manager,M,North,,true,",
            "TM1,T,Team Manager,T1,North,GM1,true,",
            "W1,W,Social Worker,T1,North,TM1,true,",
        ],
    );
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,"]);
    let r = select(&s, &c, &["--policy", "good-practice"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.selection()[0]["match"], "none");
    assert_eq!(r.reason("C1", "W1").as_deref(), Some("no-independent-auditor"));
    let strict = select(&s, &c, &["--policy", "good-practice", "--strict"]);
    assert_eq!(strict.code, 1, "--strict: a file without an auditor");
}

// Quality Practice Audit §10.2: at least one file from each team is audited.
#[test]
fn quality_practice_audits_one_file_per_team() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(
        &d,
        &[
            "C1,W1,,Early Help,,open,,,,,",
            "C2,W2,,Early Help,,open,,,,,",
            "C3,W3,,Early Help,,open,,,,,",
            "C4,W4,,Early Help,,open,,,,,",
        ],
    );
    let r = select(&s, &c, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sel = r.selection();
    for team in ["T1", "T2", "T3"] {
        let audited = sel.iter().filter(|x| x["team"] == team && !x["auditor_id"].is_empty()).count();
        assert_eq!(audited, 1, "team {team}: {sel:?}");
    }
    assert_eq!(sel.iter().filter(|x| x["match"] == "not-sampled").count(), 1, "T1's second file is prepared only");
    for row in &sel {
        // Service managers, or team managers of other teams: never the worker's own.
        assert!(!(row["worker_id"] == "W1" && row["auditor_id"] == "TM1"));
    }
}

// docs/select.md: the ledger is appended once; re-runs add nothing and print the same.
#[test]
fn ledger_is_idempotent() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c =
        cases(&d, &["C1,W1,,Early Help,,open,,,,,", "C2,W1,,Early Help,,open,,,,,", "C3,W2,,Early Help,,open,,,,,"]);
    let ledger = d.path("ledger.csv");
    let l = ledger.to_str().unwrap();
    let first = select(&s, &c, &["--ledger", l]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let after_first = std::fs::read_to_string(&ledger).unwrap();
    let rows = parse_csv(&after_first);
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["kind"] == "selected" && r["month"] == "2026-11" && r["date"] == "2026-11-22"));
    assert!(!d.path("ledger.csv.lock").exists(), "the lock file is removed after the run");

    let second = select(&s, &c, &["--ledger", l]);
    assert_eq!(second.stdout, first.stdout, "prints the same selection");
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), after_first, "adds nothing");

    // Cases change, another seed: the recorded picks stand; a new worker is added.
    let c2 = cases(
        &d,
        &[
            "C9,W1,,Early Help,,open,,,,,",
            "C1,W1,,Early Help,,open,,,,,",
            "C2,W1,,Early Help,,open,,,,,",
            "C3,W2,,Early Help,,open,,,,,",
            "C4,W3,,Early Help,,open,,,,,",
        ],
    );
    let third = select(&s, &c2, &["--ledger", l, "--seed", "different"]);
    assert_eq!(third.picks()["W1"], first.picks()["W1"]);
    let rows = parse_csv(&std::fs::read_to_string(&ledger).unwrap());
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["case_id"], "C4");
}

#[test]
fn ledger_keeps_its_own_column_order() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,"]);
    let ledger = d.write(
        "ledger.csv",
        &["month,case_id,kind,date,worker_id,auditor_id,note", "2026-10,C0,selected,2026-10-01,W9,,kept"],
    );
    let r = select(&s, &c, &["--ledger", &ledger]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&ledger).unwrap();
    assert!(
        text.starts_with(
            "month,case_id,kind,date,worker_id,auditor_id,note\n2026-10,C0,selected,2026-10-01,W9,,kept\n"
        )
    );
    assert!(
        text.ends_with("2026-11,C1,selected,2026-11-22,W1,SM1,\n")
            || text.contains("2026-11,C1,selected,2026-11-22,W1,"),
        "{text}"
    );
}

#[test]
fn concurrent_runs_share_the_ledger_safely() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let rows: Vec<String> = (0..24).map(|i| format!("C{i:02},W{},,Early Help,,open,,,,,", i % 4 + 1)).collect();
    let c = cases(&d, &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let ledger = d.path("ledger.csv");
    let months = ["2026-01", "2026-03", "2026-05", "2026-07", "2026-09", "2026-11"];
    let children: Vec<_> = months
        .iter()
        .map(|m| {
            bin()
                .args(["--today", "2026-11-22", "-q", "select", "--staff", &s, "--cases", &c, "--month", m, "--ledger"])
                .arg(&ledger)
                .args(["-o"])
                .arg(d.path(&format!("out-{m}.csv")))
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // Six runs, one lock: every month's four rows arrive whole, none lost.
    let rows = parse_csv(&std::fs::read_to_string(&ledger).unwrap());
    assert_eq!(rows.len(), 24, "{rows:?}");
    for m in months {
        assert_eq!(rows.iter().filter(|r| r["month"] == m).count(), 4, "month {m}: {rows:?}");
    }
}

// docs/select.md: roles match ignoring case, spaces, hyphens and underscores.
#[test]
fn roles_match_loosely() {
    let d = Dir::new();
    let s = d.write(
        "staff.csv",
        &[
            STAFF_HEADER,
            "A,A,SOCIAL WORKER,T1,,,true,",
            "B,B,social-worker,T1,,,true,",
            "C,C, Personal  Advisor ,T1,,,true,",
            "D,D,Family_Support_Worker,T1,,,true,",
            "E,E,advanced practitioner,T1,,,true,",
        ],
    );
    let c = cases(
        &d,
        &["C1,A,,x,,open,,,,,", "C2,B,,x,,open,,,,,", "C3,C,,x,,open,,,,,", "C4,D,,x,,open,,,,,", "C5,E,,x,,open,,,,,"],
    );
    let r = select(&s, &c, &[]);
    assert_eq!(r.picks().len(), 5, "{}", r.stdout);
}

#[test]
fn strict_exits_1_when_a_worker_is_unfilled() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,"]);
    assert_eq!(select(&s, &c, &[]).code, 0);
    let r = select(&s, &c, &["--strict"]);
    assert_eq!(r.code, 1);
    assert!(!r.stdout.is_empty(), "the selection is still printed");
}

// Quality Practice Audit Appendix 5 / Good practice audit guidance (Stage 1–2): the month's timetable is in each row.
#[test]
fn timetable_dates() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let c = cases(&d, &["C1,W1,,Early Help,,open,,,,,"]);
    let dates = |r: &Run, cols: &[&str]| -> Vec<String> {
        let row = &r.selection()[0];
        cols.iter().map(|c| row[*c].clone()).collect()
    };
    const QP: [&str; 3] = ["list_to_service_manager", "tools_to_pmu", "pmu_collation"];
    // October 2026: the 5th (Thu), 20th (Fri) and 1 December (Tue) are working days.
    let oct = run(&["select", "--staff", &s, "--cases", &c, "--month", "2026-10"]);
    assert_eq!(dates(&oct, &QP), ["2026-11-05", "2026-11-20", "2026-12-01"]);
    // November 2026: Saturday 5 December, Sunday 20 December and New Year's Day
    // roll back to the last working day before them.
    let nov = select(&s, &c, &[]);
    assert_eq!(dates(&nov, &QP), ["2026-12-04", "2026-12-18", "2026-12-31"]);
    // The good-practice Stage 1 and 2 dates: Saturday 21 November is Friday the 20th.
    let g = select(&s, &c, &["--policy", "good-practice"]);
    assert_eq!(dates(&g, &["stage1_by", "stage2_by"]), ["2026-11-20", "2026-11-20"]);
    // A local closure on Friday the 20th moves them back another day.
    let closures = d.write("closures.csv", &["date,name", "2026-11-20,Office move"]);
    let g = select(&s, &c, &["--policy", "good-practice", "--closures", &closures]);
    assert_eq!(dates(&g, &["stage1_by", "stage2_by"]), ["2026-11-19", "2026-11-19"]);
    // A policy may roll forward instead, as a whole or date by date.
    let forward = custom_policy(&d, &[("restricted: flag", "restricted: flag\nroll: forward")]);
    let g = select(&s, &c, &["--policy", &forward]);
    assert_eq!(dates(&g, &["stage1_by", "stage2_by"]), ["2026-11-23", "2026-11-23"]);
    let one = custom_policy(&d, &[("    day: 21\n", "    day: 21\n    roll: forward\n")]);
    let g = select(&s, &c, &["--policy", &one]);
    assert_eq!(dates(&g, &["stage1_by", "stage2_by"]), ["2026-11-23", "2026-11-20"]);
}

/// Runs started at once on one ledger, each for its own month, take turns:
/// every month's picks are in the ledger exactly once, and the lock file is
/// gone afterwards (its holder removes it; a run that waited on the removed
/// file locks the new one instead).
#[test]
fn concurrent_runs_take_turns_on_the_ledger() {
    let d = Dir::new();
    let s = staff(&d, &[]);
    let rows: Vec<String> = (0..40).map(|i| format!("C{i},W{},,Early Help,,open,,,,,", 1 + i % 4)).collect();
    let mut lines = vec![CASES_HEADER];
    lines.extend(rows.iter().map(String::as_str));
    let c = d.write("cases.csv", &lines);
    let ledger = d.path("ledger.csv");
    let months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
    let children: Vec<std::process::Child> = months
        .iter()
        .map(|m| {
            bin()
                .args(["--today", "2026-11-22", "-q", "select", "--staff", &s, "--cases", &c, "--month", m, "--ledger"])
                .arg(&ledger)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let written = parse_csv(&std::fs::read_to_string(&ledger).unwrap());
    for m in months {
        assert_eq!(written.iter().filter(|r| r["month"] == m).count(), 4, "{m}: {written:?}");
    }
    assert!(!d.path("ledger.csv.lock").exists());
}

/// A month selected under one policy, then run under another with the same
/// ledger: the picks stand, but none passes as allocated when this policy
/// would not allow it. The summary counts what the rows show, --strict exits
/// 1, --explain says why; --redo voids the month and selects it afresh.
#[test]
fn switching_policy_on_a_month_with_a_ledger() {
    let d = Dir::new();
    let ex = examples();
    let (s, c) = (ex.join("staff.csv"), ex.join("cases.csv"));
    let (s, c) = (s.to_str().unwrap(), c.to_str().unwrap());
    let ledger = d.path("ledger.csv");
    let l = ledger.to_str().unwrap();
    let first = select(s, c, &["--ledger", l]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let quality = first.selection();

    let switched = select(s, c, &["--ledger", l, "--policy", "good-practice", "--strict"]);
    assert_eq!(switched.code, 1, "{}", switched.stderr);
    let rows = switched.selection();
    let none = rows.iter().filter(|r| r["match"] == "none").count();
    assert_eq!(none, rows.len(), "no quality-practice auditor is a group manager");
    assert!(switched.stderr.contains(&format!("{none} without one (good-practice policy)")), "{}", switched.stderr);
    // Each unallocated pin has its reason: a team or service manager is not a
    // good-practice auditor; a file prepared but not sampled has no auditor.
    for r in &rows {
        let reason = switched.reason(&r["case_id"], &r["worker_id"]).unwrap_or_default();
        let was = quality.iter().find(|q| q["case_id"] == r["case_id"]).unwrap();
        let want = if was["auditor_id"].is_empty() { "pinned-without-auditor" } else { "pinned-auditor-not-allowed" };
        assert_eq!(reason, want, "{r:?}");
    }
    assert!(
        switched.stdout.contains("is a team_manager, not one of this policy's auditor roles"),
        "{}",
        switched.stdout
    );

    // --redo: the month is voided and selected afresh, in one write.
    let before = std::fs::read_to_string(&ledger).unwrap();
    let redone = select(s, c, &["--ledger", l, "--policy", "good-practice", "--strict", "--redo"]);
    assert_eq!(redone.code, 0, "{}", redone.stderr);
    assert!(
        redone.stderr.contains(&format!("--redo voids {} selections for 2026-11", quality.len())),
        "{}",
        redone.stderr
    );
    let after = parse_csv(&std::fs::read_to_string(&ledger).unwrap());
    assert_eq!(after.len(), parse_csv(&before).len(), "the month's rows replaced, not added");
    assert!(after.iter().all(|r| r["auditor_id"].starts_with('G')), "group managers now: {after:?}");
    // And the redone month stands: a re-run adds nothing and prints the same.
    let again = select(s, c, &["--ledger", l, "--policy", "good-practice", "--strict"]);
    assert_eq!((again.code, &again.stdout), (0, &redone.stdout));
    // --redo needs a ledger.
    assert_eq!(select(s, c, &["--redo"]).code, 2);
}
