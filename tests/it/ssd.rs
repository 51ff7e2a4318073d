//! Standard Safeguarding Dataset extracts with `--columns ssd` (docs/reference/input-files.md): the
//! synthetic tables in `examples/ssd/` and tables built here with known dates.
//! The whole outputs are pinned in `tests/cmd/due-ssd.toml` and
//! `tests/cmd/select-ssd.toml`; these tests say why each row is what it is.

use crate::common;

use std::path::Path;

fn caseaudit(args: &[&str]) -> std::process::Output {
    common::output(args)
}

fn rows(o: &std::process::Output) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(&o.stdout[..]).records().map(Result::unwrap).collect()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `due` over a folder of SSD tables, as of 22 November 2026.
fn due(dir: &str) -> std::process::Output {
    caseaudit(&["--columns", "ssd", "--format", "csv", "due", "--events", dir, "--as-of", "2026-11-22"])
}

/// The row for (child, obligation): its outcome, met_on, status, team, worker.
fn find<'r>(rows: &'r [csv::StringRecord], child: &str, obligation: &str) -> Vec<&'r csv::StringRecord> {
    rows.iter().filter(|r| &r[0] == child && &r[3] == obligation).collect()
}

#[test]
fn due_from_the_example_extract() {
    let o = due("examples/ssd");
    assert_eq!(o.status.code(), Some(1), "overdue items exit 1: {}", stderr(&o));
    let found = rows(&o);
    // A CLA review table without person ids reaches the child through
    // clar_cla_id → ssd_cla_episodes: the first review (20 working days from
    // 2 October) was met on 28 October.
    let review = find(&found, "P1001", "first-cla-review");
    assert_eq!((&review[0][4], &review[0][7], &review[0][8]), ("2026-10-30", "met", "2026-10-28"));
    // Episode start reason S starts care; P (change of placement) is a move;
    // the X1 ending of the first episode is not the end of care.
    assert_eq!(find(&found, "P1001", "visit-after-move").len(), 1);
    // (Were X1 an ending, the next review, due after it, would be dropped.)
    let next = find(&found, "P1001", "next-cla-review");
    assert_eq!((&next[0][4], &next[0][9]), ("2027-01-28", "open"));
    // Health check types: "Initial Health Assessment" and "Dental Check".
    assert_eq!(&find(&found, "P1001", "initial-health-assessment")[0][7], "late");
    assert_eq!(&find(&found, "P1001", "dental-check")[0][8], "2026-10-25");
    // The allocated social worker, not the IRO whose involvement began later.
    assert!(find(&found, "P1001", "next-cla-visit").iter().all(|r| &r[12] == "Worker Example One"));
    // The ICPC and the plan start on the same day are one conference.
    assert_eq!(find(&found, "P1002", "first-core-group").len(), 1);
    // Section 47 → ICPC within 15 working days: met.
    assert_eq!(&find(&found, "P1002", "icpcc")[0][7], "met");
    // No ssd_cp_reviews table: the first review conference cannot be judged.
    assert_eq!(&find(&found, "P1002", "first-rcpcc")[0][9], "untracked");
    // The last visit was 22 September: the next (10 days) is overdue.
    let visit = find(&found, "P1002", "next-cp-visit");
    assert_eq!((&visit[1][4], &visit[1][9]), ("2026-10-02", "overdue"));
    // A care leaver with no involvement: team and worker from ssd_care_leavers.
    let pathway = find(&found, "P1003", "next-pathway-plan-review");
    assert_eq!((&pathway[0][9], &pathway[0][11], &pathway[0][12]), ("overdue", "Leaving Care Team", "Adviser Example"));
    // A referral: worker from the involvement that began that day; no
    // assessments table, so the assessment is untracked, never overdue.
    let cfa = find(&found, "P1004", "child-and-family-assessment");
    assert_eq!((&cfa[0][9], &cfa[0][12]), ("untracked", "Worker Example Three"));
    // A referral marked NFA starts nothing; its closure owes the record audit
    // (untracked: an SSD extract holds no record audits).
    let p1005: Vec<_> = found.iter().filter(|r| &r[0] == "P1005").collect();
    assert_eq!(p1005.len(), 1, "{p1005:?}");
    assert_eq!((&p1005[0][3], &p1005[0][9]), ("closure-record-audit", "untracked"));
    // The impossible date is reported with file, line and column, and skipped.
    let err = stderr(&o);
    assert!(err.contains("ssd_cla_visits.csv:4:4: 'clav_cla_visit_date': '31/02/2026' does not exist"), "{err}");
}

/// Writes `tables` (file name, contents) to a fresh folder.
fn extract(tables: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in tables {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn path(dir: &tempfile::TempDir) -> String {
    dir.path().to_string_lossy().into_owned()
}

#[test]
fn a_section_47_crossing_christmas() {
    // Strategy discussion Monday 14 December 2026: 15 working days skip 25 and
    // 28 December (Boxing Day's substitute) and 1 January → Thursday 7 January.
    // ISO datetimes, UK dates and a BOM, as SQL Server and Excel write them.
    let dir = extract(&[
        ("ssd_s47_enquiry.csv", "\u{feff}s47e_s47_enquiry_id,s47e_person_id,s47e_s47_start_date\nS9,P9,14/12/2026\n"),
        ("ssd_initial_cp_conference.csv", "icpc_icpc_id,icpc_person_id,icpc_icpc_date\n"),
    ]);
    let o =
        caseaudit(&["--columns", "ssd", "--format", "csv", "due", "--events", &path(&dir), "--as-of", "2027-01-08"]);
    let found = rows(&o);
    let icpc = find(&found, "P9", "icpcc");
    assert_eq!((&icpc[0][4], &icpc[0][9]), ("2027-01-07", "overdue"), "{}", stderr(&o));
    // As of the 7th it is still due today, not overdue.
    let o =
        caseaudit(&["--columns", "ssd", "--format", "csv", "due", "--events", &path(&dir), "--as-of", "2027-01-07"]);
    assert_eq!(&find(&rows(&o), "P9", "icpcc")[0][9], "due-soon");
}

/// docs/timescales.md: a section 47 start is a strategy discussion that started
/// an enquiry, so it owes a conference, unless the enquiry ended in no further
/// action (`s47e_s47_nfa`); without that column, each owes one.
#[test]
fn a_section_47_with_no_further_action_owes_no_conference() {
    let dir = extract(&[
        (
            "ssd_s47_enquiry.csv",
            "s47e_s47_enquiry_id,s47e_person_id,s47e_s47_start_date,s47e_s47_nfa\nS1,P1,2026-11-02,Y\nS2,P2,2026-11-02,N\nS3,P3,2026-11-02,\n",
        ),
        ("ssd_initial_cp_conference.csv", "icpc_icpc_id,icpc_person_id,icpc_icpc_date\n"),
    ]);
    let o =
        caseaudit(&["--columns", "ssd", "--format", "csv", "due", "--events", &path(&dir), "--as-of", "2026-12-14"]);
    let found = rows(&o);
    assert!(find(&found, "P1", "icpcc").is_empty(), "{}", stderr(&o));
    assert_eq!(&find(&found, "P2", "icpcc")[0][9], "overdue");
    assert_eq!(&find(&found, "P3", "icpcc")[0][9], "overdue");
}

#[test]
fn tables_read_make_obligations_judgeable() {
    // With ssd_cp_reviews given, the first review conference is judged.
    let dir = extract(&[
        (
            "ssd_cp_plans.csv",
            "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date\nCP1,P2,2026-06-01,\n",
        ),
        ("ssd_cp_reviews.csv", "cppr_cp_review_id,cppr_person_id,cppr_cp_review_date\n"),
    ]);
    let o = due(&path(&dir));
    let found = rows(&o);
    let rcpc = find(&found, "P2", "first-rcpcc");
    assert_eq!((&rcpc[0][4], &rcpc[0][9]), ("2026-09-01", "overdue"), "{}", stderr(&o));
    // Without it, untracked.
    let dir = extract(&[(
        "ssd_cp_plans.csv",
        "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date\nCP1,P2,2026-06-01,\n",
    )]);
    let o = due(&path(&dir));
    assert_eq!(&find(&rows(&o), "P2", "first-rcpcc")[0][9], "untracked");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn older_ssd_column_names_and_unnamed_files_are_read() {
    // `clae_cla_episode_start` (SSD before 2024) and a file named by the export
    // tool, found by its `clae_` columns; an episode ended (E4A) ends care.
    let dir = extract(&[(
        "export-0007.csv",
        "clae_cla_episode_id,clae_person_id,clae_cla_episode_start,clae_cla_episode_start_reason,\
         clae_cla_episode_ceased,clae_cla_episode_cease_reason\n\
         E1,P3,2026-11-02 00:00:00.000,S - Started to be looked after,2026-11-20 00:00:00.000,E4A\n",
    )]);
    let o = due(&path(&dir));
    let found = rows(&o);
    // Care started on 2 November: the first visit was due on the 9th (no
    // visits table, so untracked).
    assert_eq!(&find(&found, "P3", "first-visit")[0][4], "2026-11-09", "{}", stderr(&o));
    // Care ended on the 20th: the review due 30 November is no longer owed.
    assert!(find(&found, "P3", "first-cla-review").is_empty());
}

#[test]
fn unusable_extracts_exit_2_with_one_line() {
    let dir = extract(&[("notes.csv", "a,b\n1,2\n")]);
    let o = due(&path(&dir));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("holds no SSD or SSDA903 table with dates"), "{}", stderr(&o));

    let o = due(&format!("{}/notes.csv", path(&dir)));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("notes.csv: is neither an SSD table caseaudit reads"), "{}", stderr(&o));

    let empty = tempfile::tempdir().unwrap();
    let o = due(&path(&empty));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds no .csv files"), "{}", stderr(&o));

    // An SSD table without the preset: the error says what to add.
    let o = caseaudit(&["due", "--events", "examples/ssd/ssd_cla_episodes.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("looks like the SSD table ssd_cla_episodes"), "{}", stderr(&o));
    let o = caseaudit(&[
        "select",
        "--staff",
        "examples/ssd/ssd_professionals.csv",
        "--cases",
        "examples/ssd/ssd_involvements.csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ssd_professionals.csv: looks like the SSD table ssd_professionals"), "{}", stderr(&o));
}

/// `select --columns ssd` for November 2026 with these files, and `extra`.
/// `select` with `--explain`: the exclusions, written to their own file
/// (`--excluded`), follow the selection after a blank line, as two sections.
fn select_explained(staff: &str, cases: &str, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let excluded = dir.path().join("excluded.csv");
    let mut args = vec!["--excluded", excluded.to_str().unwrap()];
    args.extend_from_slice(extra);
    let mut o = select_with(staff, cases, &args);
    if let Ok(text) = std::fs::read(&excluded) {
        o.stdout.push(b'\n');
        o.stdout.extend(text);
    }
    o
}

fn select_with(staff: &str, cases: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--today",
        "2026-11-22",
        "--columns",
        "ssd",
        "--format",
        "csv",
        "select",
        "--staff",
        staff,
        "--cases",
        cases,
        "--month",
        "2026-11",
    ];
    args.extend_from_slice(extra);
    caseaudit(&args)
}

/// The quality-practice policy, saying that line management is not recorded
/// (the SSD holds none).
const NO_LINE_MANAGEMENT: &str = "tests/data/select/policy-no-line-management.yaml";

/// The example involvements with this staff file and seed, explained.
fn select(staff: &str, seed: &str) -> std::process::Output {
    let extra = ["--seed", seed, "--policy", NO_LINE_MANAGEMENT];
    select_explained(staff, "examples/ssd/ssd_involvements.csv", &extra)
}

#[test]
fn select_takes_workers_and_history_from_involvements() {
    let o = select("examples/ssd/ssd_professionals.csv", "2026-11");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    // The social worker, not the IRO who joined later, holds P1001.
    assert!(out.contains("\n2026-11,P1001,PR01,Looked After Team,"), "{out}");
    // An involvement starting in January is not an allocation yet.
    assert!(out.contains("\nP1006,,unallocated,"), "{out}");
    // The worker who left P1001 in October recorded on it (Quality Practice Audit §4.2).
    assert!(out.contains("\nP1001,PR00,taken-by-another-worker,"), "{out}");
    // SSD has no line management: the policy says so, and stderr says what it means.
    assert!(
        stderr(&o).contains(
            "ssd_professionals.csv: no manager_id column, and policy ssd-no-line-management says line management \
             is not recorded: auditors are kept off only their own files"
        ),
        "{}",
        stderr(&o)
    );
}

/// The allocation's point is that no auditor line-manages the file: a staff
/// file that cannot say who manages whom stops the run (exit 2) and says how
/// to add it, unless the policy says line management is not recorded.
#[test]
fn a_staff_file_without_line_management_stops_select() {
    let o = select_with("examples/ssd/ssd_professionals.csv", "examples/ssd/ssd_involvements.csv", &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("ssd_professionals.csv:1: no manager_id column"), "{err}");
    assert!(err.contains("add a manager_id column to ssd_professionals"), "{err}");
    assert!(err.contains("a policy may say 'line_management: not-recorded'"), "{err}");
    assert!(o.stdout.is_empty());
    // A plain staff file: the message says how to map the column.
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.csv");
    std::fs::write(
        &staff,
        "staff_id,role,team
W1,Social Worker,T1
TM1,Team Manager,T2
",
    )
    .unwrap();
    let o = caseaudit(&[
        "select",
        "--staff",
        &staff.to_string_lossy(),
        "--cases",
        "examples/cases.csv",
        "--month",
        "2026-11",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("or map your export's header to it with --columns"), "{}", stderr(&o));
    // validate --staff is there to check line management: the same.
    let o =
        caseaudit(&["validate", "--staff", &staff.to_string_lossy(), "examples/audits/quality-practice-valid.yaml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("staff.csv:1: no manager_id column"), "{}", stderr(&o));
}

#[test]
fn a_manager_id_added_to_the_extract_is_used() {
    // Columns the preset does not name are found by our own names: with a
    // manager_id added to the extract, no manager audits a file in their line.
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ssd");
    let mut staff = String::new();
    for (i, line) in std::fs::read_to_string(src.join("ssd_professionals.csv")).unwrap().lines().enumerate() {
        let manager = match line.split(',').next().unwrap() {
            _ if i == 0 => "manager_id",
            "PR00" | "PR01" => "PR06",
            "PR02" | "PR03" => "PR07",
            "PR06" | "PR07" | "PR05" => "PR08",
            _ => "",
        };
        staff.push_str(&format!("{line},{manager}\n"));
    }
    std::fs::write(dir.path().join("staff.csv"), staff).unwrap();
    let staff = dir.path().join("staff.csv");
    let managers = |w: &str| -> Vec<&str> {
        match w {
            "PR00" | "PR01" => vec!["PR06", "PR08"],
            "PR02" | "PR03" => vec!["PR07", "PR08"],
            _ => vec![],
        }
    };
    for seed in ["a", "b", "c", "d", "e", "f"] {
        let o = select(&staff.to_string_lossy(), seed);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(!stderr(&o).contains("no manager_id column"), "{}", stderr(&o));
        let picks = String::from_utf8_lossy(&o.stdout).split("\n\n").next().unwrap().to_string();
        for r in csv::Reader::from_reader(picks.as_bytes()).records().map(Result::unwrap) {
            let (worker, auditor) = (&r[2], &r[6]);
            assert!(!managers(worker).contains(&auditor), "seed {seed}: {auditor} manages {worker}");
        }
    }
}

#[test]
fn managers_get_a_summary_by_team() {
    let o = caseaudit(&[
        "--columns",
        "ssd",
        "--format",
        "csv",
        "due",
        "--events",
        "examples/ssd",
        "--as-of",
        "2026-11-22",
        "--by-team",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(summary.starts_with("team,obligation,overdue,due_soon,open,children,to_check\n"), "{summary}");
    assert!(summary.contains("\nChild Protection Team,next-cp-visit,1,0,0,1,0\n"), "{summary}");
    assert!(summary.contains("\nLeaving Care Team,next-pathway-plan-review,1,0,0,1,0\n"), "{summary}");
    // Untracked obligations (no ssd_cp_reviews) are never counted.
    assert!(!summary.contains("first-rcpcc"), "{summary}");
    // Without teams there is nothing to summarise by.
    let o = caseaudit(&["due", "--events", "examples/events.csv", "--as-of", "2026-11-22", "--by-team"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--by-team needs teams"), "{}", stderr(&o));
}

#[test]
fn a_service_column_added_to_involvements_is_used() {
    // The SSD has no service area: good-practice (which lists services) finds
    // none in scope and says why; with a service column added, it selects.
    let staff = "examples/ssd/ssd_professionals.csv";
    let good = ["--policy", "tests/data/select/good-practice-no-line-management.yaml"];
    let o = select_explained(staff, "examples/ssd/ssd_involvements.csv", &good);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("P1004,PR03,out-of-scope,\"no service given, and the policy lists the services it audits\""),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut inv = String::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ssd/ssd_involvements.csv");
    for (i, line) in std::fs::read_to_string(src).unwrap().lines().enumerate() {
        inv.push_str(&format!("{line},{}\n", if i == 0 { "service" } else { "Looked After Children" }));
    }
    let cases = dir.path().join("inv.csv");
    std::fs::write(&cases, inv).unwrap();
    let o = select_explained(staff, &cases.to_string_lossy(), &good);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\n2026-11,P1001,PR01,Looked After Team,Looked After Children,"), "{out}");
}

#[test]
fn a_local_staff_file_works_with_ssd_involvements() {
    // The preset's staff headers are absent from an HR staff list: our own
    // names are found instead, so its line management keeps each manager off
    // their own workers' files.
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.csv");
    std::fs::write(
        &staff,
        "staff_id,role,team,manager_id\nPR08,Service Manager,Safeguarding Unit,\n\
         PR06,Team Manager,Looked After Team,PR08\nPR07,Team Manager,Child Protection Team,PR08\n\
         PR00,Social Worker,Looked After Team,PR06\nPR01,Social Worker,Looked After Team,PR06\n\
         PR02,Senior Practitioner,Child Protection Team,PR07\nPR03,Social Worker,Assessment Team,PR07\n",
    )
    .unwrap();
    let o = select_with(&staff.to_string_lossy(), "examples/ssd/ssd_involvements.csv", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let picks = rows(&o);
    assert_eq!(picks.len(), 3, "{}", String::from_utf8_lossy(&o.stdout));
    for r in &picks {
        let (worker, auditor) = (&r[2], &r[6]);
        let line = match worker {
            "PR00" | "PR01" => ["PR06", "PR08"],
            _ => ["PR07", "PR08"],
        };
        assert!(!line.contains(&auditor), "{auditor} manages {worker}");
    }
}

#[test]
fn sql_server_nulls_in_involvements_are_blanks() {
    // Saved from SQL Server, an open involvement's end date reads NULL.
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ssd/ssd_involvements.csv");
    let text = std::fs::read_to_string(src).unwrap().replace(",,,P", ",NULL,NULL,P");
    assert!(text.contains("NULL"));
    let cases = dir.path().join("inv.csv");
    std::fs::write(&cases, text).unwrap();
    let extra = ["--policy", NO_LINE_MANAGEMENT];
    let o = select_explained("examples/ssd/ssd_professionals.csv", &cases.to_string_lossy(), &extra);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let want = select("examples/ssd/ssd_professionals.csv", "2026-11");
    assert_eq!(String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&want.stdout));
}

#[test]
fn placeholder_dates_are_missing_not_fatal() {
    // SQL exports write 1900-01-01 for an unknown date: read as missing, with
    // a warning naming the cell, and the rest of the extract is used.
    let dir = extract(&[(
        "ssd_cin_episodes.csv",
        "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_nfa,cine_close_date\n\
         R1,P1,1900-01-01 00:00:00.000,N,NULL\nR2,P2,2026-11-02,N,NULL\n",
    )]);
    let o = due(&path(&dir));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("ssd_cin_episodes.csv:2:3: 'cine_referral_date': 1900-01-01 is outside the years"), "{err}");
    assert!(err.contains("due: 3 obligations for 1 case: 3 untracked"), "{err}");
    assert!(find(&rows(&o), "P2", "child-and-family-assessment").len() == 1);
}

/// The case system's own due dates (`clar_cla_review_due_date`,
/// `cppr_cp_review_due`) beside ours; `--differs` lists where the system's is
/// later: the reviews it will let slip. The example extract, with some of its
/// dates changed.
#[test]
fn the_case_systems_own_due_dates() {
    let due_then = |dir: &tempfile::TempDir, extra: &[&str]| {
        let mut args = vec!["--columns", "ssd", "--format", "csv", "due", "--events"];
        let p = path(dir);
        args.extend([p.as_str(), "--as-of", "2026-11-22"]);
        args.extend_from_slice(extra);
        caseaudit(&args)
    };
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir("examples/ssd").unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    // As exported, the system's due date agrees with ours: nothing differs.
    let o = due_then(&dir, &["--differs"]);
    assert_eq!((o.status.code(), rows(&o).len()), (Some(0), 0), "{}", stderr(&o));
    // The first review recorded as due a week late; the second scheduled for
    // 26 February (ours: within 3 months of the first, 28 January); a review
    // conference scheduled for 15 December (ours: 3 months from the ICPC).
    std::fs::write(
        dir.path().join("ssd_cla_reviews.csv"),
        "clar_cla_review_id,clar_cla_id,clar_cla_review_due_date,clar_cla_review_date,clar_cla_review_cancelled\n\
         R1,CLA1,2026-11-06 00:00:00.000,2026-10-28 00:00:00.000,N\n\
         R2,CLA1,2027-02-26 00:00:00.000,,N\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ssd_cp_reviews.csv"),
        "cppr_cp_review_id,cppr_person_id,cppr_cp_plan_id,cppr_cp_review_due,cppr_cp_review_date\n\
         CR1,P1002,CP1,2026-12-15 00:00:00.000,NULL\n",
    )
    .unwrap();
    let all = due_then(&dir, &[]);
    let listed = rows(&all);
    let first = find(&listed, "P1001", "first-cla-review");
    assert_eq!((&first[0][4], &first[0][7], &first[0][13]), ("2026-10-30", "met", "2026-11-06"));
    let o = due_then(&dir, &["--differs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let differs: Vec<(String, String, String, String)> =
        rows(&o).iter().map(|r| (r[0].into(), r[3].into(), r[4].into(), r[13].into())).collect();
    assert_eq!(
        differs,
        [
            ("P1001".into(), "first-cla-review".into(), "2026-10-30".into(), "2026-11-06".into()),
            ("P1001".into(), "next-cla-review".into(), "2027-01-28".into(), "2027-02-26".into()),
            ("P1002".into(), "first-rcpcc".into(), "2026-12-01".into(), "2026-12-15".into()),
        ]
    );
}
