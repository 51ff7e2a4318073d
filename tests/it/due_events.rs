//! `due --events`: later events mark obligations met, late or outstanding;
//! chains continue from actual dates; endings stop the chains they end; a bad
//! row stops the run unless --keep-going; output streams in every format.

use crate::common;
use common::*;
use std::collections::BTreeMap;

const HEADER: &str = "case_id,event,date,dob,detail";

/// (case, event_date, obligation)
type Key = (String, String, String);
/// (due, outcome, met_on, status)
type Value = (String, String, String, String);

fn run_events(d: &Dir, rows: &[&str], extra: &[&str]) -> (Run, BTreeMap<Key, Value>) {
    let mut lines = vec![HEADER];
    lines.extend_from_slice(rows);
    let f = d.write("events.csv", &lines);
    let mut args = vec!["due", "--events", &f];
    args.extend_from_slice(extra);
    let r = run(&args);
    let map = parse_csv(&r.stdout)
        .into_iter()
        .map(|row| {
            let status = row.get("status").cloned().unwrap_or_default();
            (
                (row["case_id"].clone(), row["event_date"].clone(), row["obligation"].clone()),
                (row["due"].clone(), row["outcome"].clone(), row["met_on"].clone(), status),
            )
        })
        .collect();
    (r, map)
}

fn key(case: &str, date: &str, obligation: &str) -> (String, String, String) {
    (case.into(), date.into(), obligation.into())
}

#[test]
fn met_late_outstanding_and_chains() {
    let d = Dir::new();
    let (r, m) = run_events(
        &d,
        &[
            "C1,became-looked-after,18/12/2026,01/03/2022,",
            "C1,cla-visit,23/12/2026,,",
            "C1,cla-review,21/01/2027,,",
            "C1,cla-visit,02/03/2027,,",
        ],
        &["--as-of", "2027-03-10"],
    );
    assert_eq!(r.code, 1, "the initial health assessment and dental check are overdue: {}", r.stderr);
    assert_eq!(m[&key("C1", "2026-12-18", "dental-check")].3, "overdue");
    // Met on time; late; the chain restarts from the actual visit.
    assert_eq!(m[&key("C1", "2026-12-18", "first-visit")].1, "met");
    assert_eq!(
        m[&key("C1", "2026-12-18", "first-cla-review")],
        ("2027-01-20".into(), "late".into(), "2027-01-21".into(), "late".into())
    );
    assert_eq!(m[&key("C1", "2026-12-23", "next-cla-visit")].1, "late");
    assert_eq!(
        m[&key("C1", "2027-03-02", "next-cla-visit")],
        ("2027-04-13".into(), "outstanding".into(), "".into(), "open".into())
    );
    // The first review after coming into care: the second is due within 3 months.
    assert_eq!(m[&key("C1", "2027-01-21", "next-cla-review")].0, "2027-04-21");
    // Nothing meets a care plan in an events file.
    assert_eq!(m[&key("C1", "2026-12-18", "care-plan")].1, "untracked");
}

#[test]
fn second_review_is_six_monthly_and_events_may_be_out_of_order() {
    let d = Dir::new();
    let (_, m) = run_events(
        &d,
        &["C1,cla-review,2027-04-15,,", "C1,became-looked-after,2026-12-18,,", "C1,cla-review,2027-01-15,,"],
        &[],
    );
    assert_eq!(m[&key("C1", "2027-01-15", "next-cla-review")].0, "2027-04-15");
    assert_eq!(m[&key("C1", "2027-01-15", "next-cla-review")].1, "met");
    assert_eq!(m[&key("C1", "2027-04-15", "next-cla-review")].0, "2027-10-15");
}

#[test]
fn endings_stop_their_chains() {
    let d = Dir::new();
    let (r, m) = run_events(
        &d,
        &[
            "C1,became-looked-after,2026-06-01,,",
            "C1,ceased-looked-after,2026-06-20,,",
            "C2,icpcc,2026-12-22,,",
            "C2,core-group,2027-01-08,,",
            "C2,cp-plan-ended,2027-02-01,,",
        ],
        &["--as-of", "2028-06-01"],
    );
    // Due before leaving care and never met: missed, reported, and not overdue,
    // so a daily cron job does not exit 1 for ever over what nobody can now do.
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first_visit = &m[&key("C1", "2026-06-01", "first-visit")];
    assert_eq!((first_visit.1.as_str(), first_visit.3.as_str()), ("missed", "missed"));
    assert!(!r.stdout.contains(",overdue,"), "{}", r.stdout);
    assert!(r.stdout.contains("care ended on 2026-06-20 before this was done"), "{}", r.stdout);
    // Without --as-of the outcome says the same.
    let (_, m) = run_events(&d, &["C1,became-looked-after,2026-06-01,,", "C1,ceased-looked-after,2026-06-20,,"], &[]);
    assert_eq!(m[&key("C1", "2026-06-01", "first-visit")].1, "missed");
    // Due after leaving care: no longer owed.
    assert!(!m.contains_key(&key("C1", "2026-06-01", "first-cla-review")));
    // Nor is an untracked obligation due after the ending (a care plan due on
    // the 15th for a child who left care on the 10th).
    let (_, m) = run_events(&d, &["C1,became-looked-after,2026-06-01,,", "C1,ceased-looked-after,2026-06-10,,"], &[]);
    assert!(!m.contains_key(&key("C1", "2026-06-01", "care-plan")), "{m:?}");
    let (_, m) =
        run_events(&d, &["C2,icpcc,2026-12-22,,", "C2,core-group,2027-01-08,,", "C2,cp-plan-ended,2027-02-01,,"], &[]);
    assert!(!m.contains_key(&key("C2", "2027-01-08", "next-core-group")));
    // Ten days from 22 December is 1 January: an 8 January core group is late.
    assert_eq!(m[&key("C2", "2026-12-22", "first-core-group")].1, "late");
}

/// A child who leaves care and comes back: the old period's missed review is
/// not met by the new period's first review.
#[test]
fn a_new_period_does_not_meet_the_old_ones_obligations() {
    let d = Dir::new();
    let (_, m) = run_events(
        &d,
        &[
            "C1,became-looked-after,2026-01-05,,",
            "C1,ceased-looked-after,2026-02-27,,",
            "C1,became-looked-after,2026-05-04,,",
            "C1,cla-review,2026-05-20,,",
        ],
        &[],
    );
    assert_eq!(m[&key("C1", "2026-01-05", "first-cla-review")].1, "missed");
    assert_eq!(m[&key("C1", "2026-05-04", "first-cla-review")].1, "met");
}

#[test]
fn events_on_the_day_of_an_ending_count_before_it() {
    // A review held the day care ends (listed after the ending here) meets the
    // review that was due, and owes no next one: the child has left care.
    let d = Dir::new();
    let (_, m) = run_events(
        &d,
        &[
            "C1,became-looked-after,2026-01-05,,",
            "C1,cla-review,2026-01-30,,",
            "C1,ceased-looked-after,2026-03-02,,",
            "C1,cla-review,2026-03-02,,",
        ],
        &["--as-of", "2026-11-22"],
    );
    assert_eq!(m[&key("C1", "2026-01-30", "next-cla-review")].1, "met");
    assert_eq!(m[&key("C1", "2026-01-30", "next-cla-review")].2, "2026-03-02");
    assert!(!m.contains_key(&key("C1", "2026-03-02", "next-cla-review")), "{m:#?}");
}

#[test]
fn a_summary_line_counts_cases_and_statuses() {
    let d = Dir::new();
    let rows =
        ["C1,became-looked-after,2026-06-01,,", "C1,ceased-looked-after,2026-06-20,,", "C2,referral,2026-11-16,,"];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-11-22"]);
    // The same counts as the rows, in a fixed order, statuses with none left out.
    let parts: Vec<String> = ["overdue", "due-soon", "open", "missed", "met", "late", "untracked"]
        .iter()
        .map(|s| (s, m.values().filter(|v| v.3 == *s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| format!("{n} {s}"))
        .collect();
    let want = format!("due: {} obligations for 2 cases: {} (as of 2026-11-22)", m.len(), parts.join(", "));
    assert_eq!(r.stderr.trim(), want, "{m:#?}");
    assert!(parts.len() >= 3, "{parts:?}");
    // --quiet keeps stderr for errors only.
    let (r, _) = run_events(&d, &rows, &["--as-of", "2026-11-22", "--quiet"]);
    assert_eq!(r.stderr, "");
}

/// Admins do not sort exports: rows in any order give the same output, cases
/// in case order (numbers by their value), each case's obligations by date.
#[test]
fn any_order_in_the_same_output() {
    let d = Dir::new();
    let rows = [
        "10,referral,2026-11-02,,",
        "9,referral,2026-11-03,,",
        "C1,cin-visit,2026-11-05,,",
        "10,cin-visit,2026-11-06,,",
        "C1,referral,2026-11-02,,",
        "9,cin-visit,2026-11-20,,",
    ];
    let (a, _) = run_events(&d, &rows, &["--as-of", "2026-11-22"]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let mut reversed = rows;
    reversed.reverse();
    let (b, _) = run_events(&d, &reversed, &["--as-of", "2026-11-22"]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stderr, b.stderr);
    let mut sorted = rows;
    sorted.sort_by_key(|r| (r.split(',').next().unwrap().parse::<u32>().ok(), r.to_string()));
    let (c, _) = run_events(&d, &sorted, &["--as-of", "2026-11-22"]);
    assert_eq!(a.stdout, c.stdout, "streamed (in order) and gathered agree");
    let cases: Vec<&str> = a.stdout.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let mut firsts = cases.clone();
    firsts.dedup();
    assert_eq!(firsts, ["9", "10", "C1"]);
    // C1's visit three days after its referral met the initial visit.
    assert!(a.stdout.contains("C1,referral,2026-11-02,initial-visit,2026-11-11,"), "{}", a.stdout);
    assert!(
        a.stdout.contains("initial-visit,2026-11-11,7 working days,QA induction: Child in Need visits,met,2026-11-05")
    );
}

#[test]
fn bad_rows_stop_the_run_unless_keep_going() {
    let d = Dir::new();
    let rows = [
        "C1,referral,2026-11-02,,",
        "C1,referal,2026-11-03,,",
        "C1,cin-visit,31/11/2026,,",
        "C2,referral,2026-11-02,,urgent",
        "C3,referral,2026-11-02,,",
    ];
    let (r, _) = run_events(&d, &rows, &[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("events.csv:3:2: unknown event 'referal'"), "{}", r.stderr);
    let (r, m) = run_events(&d, &rows, &["--keep-going"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("events.csv:3:2:")
            && r.stderr.contains("events.csv:4:3:")
            && r.stderr.contains("events.csv:5:5:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("3 bad rows were skipped"), "{}", r.stderr);
    assert!(m.contains_key(&key("C3", "2026-11-02", "initial-visit")), "processing continued");
}

#[test]
fn events_from_stdin_and_formats() {
    use std::io::Write;
    let input = format!("{HEADER}\nC1,strategy-discussion,2026-12-04,,\nC1,icpcc,2026-12-22,,\n");
    let go = |format: &str| {
        let mut child = bin()
            .args(["--format", format, "due", "--events", "-", "--as-of", "2027-01-05"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let (code, jsonl) = go("jsonl");
    assert_eq!(code, Some(1), "first-core-group is overdue");
    let first: serde_json::Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
    assert_eq!(first["obligation"], "icpcc");
    assert_eq!(first["outcome"], "met");
    let (_, json) = go("json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), jsonl.lines().count());
    let (_, ics1) = go("ics");
    let (_, ics2) = go("ics");
    assert_eq!(ics1, ics2, "byte-identical");
    assert!(ics1.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics1.contains("SUMMARY:first-core-group – case C1\r\n"));
    assert!(ics1.contains("DTSTART;VALUE=DATE:20270101\r\n"));
    assert!(!ics1.contains("SUMMARY:icpcc"), "met obligations are not in the calendar");
    let (_, table) = go("table");
    assert!(table.contains("| first-core-group |"), "{table}");
}

#[test]
fn ssda903_shaped_example() {
    let r = run(&["due", "--events", &examples().join("events.csv").to_string_lossy(), "--as-of", "2027-01-25"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.lines().count() > 20);
}

/// As of means as of: a visit on 1 December does not exist on 5 November.
#[test]
fn as_of_ignores_what_happened_after_it() {
    let d = Dir::new();
    let rows = ["C1,referral,2026-11-02,,", "C1,cin-visit,2026-12-01,,"];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-11-05"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let visit = &m[&key("C1", "2026-11-02", "initial-visit")];
    assert_eq!(
        (visit.0.as_str(), visit.1.as_str(), visit.2.as_str(), visit.3.as_str()),
        ("2026-11-11", "outstanding", "", "due-soon")
    );
    assert!(
        r.stdout.contains(
            "initial-visit,2026-11-11,7 working days,QA induction: Child in Need visits,outstanding,,due-soon,6,"
        ),
        "{}",
        r.stdout
    );
    assert!(!m.keys().any(|k| k.1 == "2026-12-01"), "the visit starts nothing yet: {m:?}");
    assert!(
        r.stderr.contains("warning: 1 event dated after 2026-11-05 left out (as of 2026-11-05 it had not happened)"),
        "{}",
        r.stderr
    );
    // Later, the visit happened, and late.
    let (_, m) = run_events(&d, &rows, &["--as-of", "2026-12-02"]);
    assert_eq!(m[&key("C1", "2026-11-02", "initial-visit")].1, "late");
}

/// A row marked `latest` is a snapshot: it meets an obligation only on or
/// before its due date; after it, the obligation is untracked, never late.
#[test]
fn a_latest_column_marks_snapshots() {
    let d = Dir::new();
    let lines = [
        "case_id,event,date,latest",
        "C1,became-looked-after,2025-01-06,",
        "C1,cla-visit,2026-10-01,yes",
        "C2,became-looked-after,2026-09-01,",
        "C2,cla-visit,2026-09-03,y",
    ];
    let f = d.write("events.csv", &lines);
    // The 2025 obligation is from before the report's 12 months: --all lists it.
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--all"]);
    let rows = parse_csv(&r.stdout);
    let get = |case: &str, ob: &str| rows.iter().find(|r| r["case_id"] == case && r["obligation"] == ob).unwrap();
    let first = get("C1", "first-visit");
    assert_eq!(first["status"], "untracked");
    assert!(first["note"].contains("only the latest cla-visit is known (2026-10-01)"), "{first:?}");
    // The latest visit on time met the first visit; the next chains from it.
    assert_eq!(get("C2", "first-visit")["status"], "met");
    assert_eq!(get("C2", "next-cla-visit")["due"], "2026-10-15");
    // An export's own header for it, mapped with --columns.
    let export = d.write(
        "export.csv",
        &["Child ID,Event,Date,Latest?", "C1,became-looked-after,2025-01-06,", "C1,cla-visit,2026-10-01,Y"],
    );
    let map = d.write("columns.yaml", &["events:", "  case_id: Child ID", "  latest: Latest?"]);
    let r = run(&["--columns", &map, "due", "--events", &export, "--as-of", "2026-11-22", "--all"]);
    assert!(r.stdout.contains("first-visit,2025-01-13,1 week,QA induction: CLA visits,untracked,"), "{}", r.stderr);
    // Without the column, the same rows say the 2025 visit was late.
    let plain =
        d.write("plain.csv", &["case_id,event,date", "C1,became-looked-after,2025-01-06", "C1,cla-visit,2026-10-01"]);
    let r = run(&["due", "--events", &plain, "--as-of", "2026-11-22", "--all"]);
    assert!(
        r.stdout.contains("first-visit,2025-01-13,1 week,QA induction: CLA visits,late,2026-10-01"),
        "{}",
        r.stdout
    );
}

/// `--status` lists only the statuses asked for, and then exits 1 when any is
/// listed; a plain events file's team and worker columns are carried, and
/// `--by-team` counts by them.
#[test]
fn filters_for_the_jobs_people_run() {
    let d = Dir::new();
    let lines = [
        "case_id,event,date,team,worker",
        "C1,referral,2026-11-02,Assessment North,W1",
        "C2,referral,2026-11-16,Assessment North,W2",
        "C3,referral,2026-10-01,Assessment South,W3",
        "C3,cin-visit,2026-10-05,Assessment South,W3",
        "C3,assessment-completed,2026-11-02,Assessment South,W3",
    ];
    let f = d.write("events.csv", &lines);
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--status", "overdue,due-soon"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["status"] == "overdue" || r["status"] == "due-soon"), "{rows:?}");
    assert_eq!(rows.iter().find(|r| r["case_id"] == "C1").unwrap()["team"], "Assessment North");
    assert_eq!(rows.iter().find(|r| r["case_id"] == "C1").unwrap()["worker"], "W1");
    assert!(r.stderr.contains("left out by the filter"), "{}", r.stderr);
    // Nothing of that status: exit 0, and the summary says none were listed.
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--status", "missed"]);
    assert_eq!((r.code, r.stdout.lines().count()), (0, 1), "{}", r.stdout);
    // An unknown status is a usage error naming the choices.
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--status", "late,overdu"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("overdu") && r.stderr.contains("due-soon"), "{}", r.stderr);
    // --status needs --as-of (statuses are as of a date).
    assert_eq!(run(&["due", "--events", &f, "--status", "overdue"]).code, 2);
    // By team, from the events file's own team column.
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--by-team"]);
    let teams = parse_csv(&r.stdout);
    let north = teams.iter().find(|r| r["team"] == "Assessment North" && r["obligation"] == "initial-visit").unwrap();
    assert_eq!((north["overdue"].as_str(), north["due_soon"].as_str(), north["children"].as_str()), ("1", "1", "2"));
    // Without a team column, --by-team says what it needs.
    let plain = d.write("plain.csv", &["case_id,event,date", "C1,referral,2026-11-02"]);
    let r = run(&["due", "--events", &plain, "--as-of", "2026-11-22", "--by-team"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--by-team needs teams"), "{}", r.stderr);
}

/// The case system's own due dates: a `recorded_due` column is shown beside
/// ours, and `--differs` lists where the system's date is later than the
/// statutory one: the reviews the system will let slip.
#[test]
fn recorded_due_dates_beside_ours() {
    let d = Dir::new();
    let lines = [
        "case_id,event,date,recorded_due",
        "C1,became-looked-after,2026-09-01,",
        "C1,cla-review,2026-09-28,2026-09-29",
        // Scheduled, not held: the system has it due on 15 January, but the
        // second review is due within 3 months of the first, by 28 December.
        "C1,cla-review,,2027-01-15",
        "C2,became-looked-after,2026-10-01,",
        "C2,cla-review,,2026-10-29",
    ];
    let f = d.write("events.csv", &lines);
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22"]);
    let rows = parse_csv(&r.stdout);
    let get = |case: &str, ob: &str| rows.iter().find(|r| r["case_id"] == case && r["obligation"] == ob).unwrap();
    assert_eq!(get("C1", "first-cla-review")["recorded_due"], "2026-09-29");
    let next = get("C1", "next-cla-review");
    assert_eq!((next["due"].as_str(), next["recorded_due"].as_str()), ("2026-12-28", "2027-01-15"));
    assert_eq!(get("C2", "first-cla-review")["recorded_due"], "2026-10-29");
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-22", "--differs"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((rows[0]["case_id"].as_str(), rows[0]["obligation"].as_str()), ("C1", "next-cla-review"));
    // Without recorded dates in the input, --differs says what it needs.
    let plain = d.write("plain.csv", &["case_id,event,date", "C1,referral,2026-11-02"]);
    let r = run(&["due", "--events", &plain, "--differs"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--differs needs the case system's own due dates"), "{}", r.stderr);
}

/// Exit 1 means something to act on. Missed obligations are reported but never
/// set it, even when asked for; owed ones asked for with --status do.
#[test]
fn exit_codes_follow_what_can_be_acted_on() {
    let d = Dir::new();
    let rows =
        ["C1,became-looked-after,2026-06-01,,", "C1,ceased-looked-after,2026-06-20,,", "C2,referral,2026-11-16,,"];
    let code = |extra: &[&str]| run_events(&d, &rows, extra).0.code;
    assert_eq!(code(&["--as-of", "2026-11-22"]), 0, "missed and open: nothing overdue");
    assert_eq!(code(&["--as-of", "2026-11-22", "--status", "missed"]), 0, "missed is never exit 1");
    assert_eq!(code(&["--as-of", "2026-11-22", "--status", "due-soon"]), 1, "due soon, asked for");
    assert_eq!(code(&["--as-of", "2026-11-22", "--status", "overdue"]), 0, "nothing overdue");
    assert_eq!(code(&["--as-of", "2027-01-22"]), 1, "the referral's visit is overdue by then");
}

/// Business support record audit: a record audit is owed by the next working
/// day after a transfer and after a closure, and every 3 months while the case
/// is open (from the referral, then from each record audit).
#[test]
fn record_audits_at_transfer_closure_and_every_three_months() {
    let d = Dir::new();
    let rows = [
        "A,referral,2026-01-05,,",
        "A,record-audit,2026-03-20,,",
        // Friday: due Monday.
        "A,case-transferred,2026-06-12,,",
        "A,record-audit,2026-06-15,,",
        // Thursday 24 December 2026: Christmas Day, the weekend and the
        // substitute Boxing Day (Monday 28th) pass; due Tuesday 29th.
        "A,case-closed,2026-12-24,,",
        "A,record-audit,2026-12-29,,",
        // Transferred and closed on one day, audited that day (rows in any order).
        "B,record-audit,2026-12-04,,",
        "B,case-closed,2026-12-04,,",
        "B,case-transferred,2026-12-04,,",
        // Friday 28 August 2026, before the summer bank holiday: due Tuesday.
        "E,case-transferred,2026-08-28,,",
        // Closed before the first 3-monthly audit was due: that one is not owed;
        // the transfer's audit still is.
        "C,referral,2026-05-01,,",
        "C,case-transferred,2026-07-03,,",
        "C,case-closed,2026-07-06,,",
    ];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2027-01-15", "--all"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v = |due: &str, outcome: &str, met: &str, status: &str| -> Value {
        (due.into(), outcome.into(), met.into(), status.into())
    };
    assert_eq!(m[&key("A", "2026-01-05", "first-record-audit")], v("2026-04-05", "met", "2026-03-20", "met"));
    assert_eq!(m[&key("A", "2026-03-20", "next-record-audit")], v("2026-06-20", "met", "2026-06-15", "met"));
    assert_eq!(m[&key("A", "2026-06-12", "transfer-record-audit")], v("2026-06-15", "met", "2026-06-15", "met"));
    // The chain ends with the closure: the audit due in September was missed.
    assert_eq!(m[&key("A", "2026-06-15", "next-record-audit")], v("2026-09-15", "missed", "", "missed"));
    assert_eq!(m[&key("A", "2026-12-24", "closure-record-audit")], v("2026-12-29", "met", "2026-12-29", "met"));
    assert_eq!(m[&key("E", "2026-08-28", "transfer-record-audit")].0, "2026-09-01");
    // The closure's audit starts no 3-monthly one: the case is closed.
    assert!(!m.contains_key(&key("A", "2026-12-29", "next-record-audit")));
    // One transfer audit and one closure audit, both met by the day's audit.
    let b: Vec<_> = m.iter().filter(|(k, _)| k.0 == "B").collect();
    assert_eq!(b.len(), 2, "{b:?}");
    assert_eq!(m[&key("B", "2026-12-04", "transfer-record-audit")], v("2026-12-07", "met", "2026-12-04", "met"));
    assert_eq!(m[&key("B", "2026-12-04", "closure-record-audit")], v("2026-12-07", "met", "2026-12-04", "met"));
    assert!(!m.contains_key(&key("C", "2026-05-01", "first-record-audit")));
    assert_eq!(m[&key("C", "2026-07-03", "transfer-record-audit")], v("2026-07-06", "outstanding", "", "overdue"));
    assert_eq!(m[&key("C", "2026-07-06", "closure-record-audit")], v("2026-07-07", "outstanding", "", "overdue"));
    // A re-referral opens the case again: the 3-monthly audits resume.
    let rows = [
        "D,referral,2026-01-05,,",
        "D,case-closed,2026-02-02,,",
        "D,record-audit,2026-02-03,,",
        "D,referral,2026-03-02,,",
        "D,record-audit,2026-03-20,,",
    ];
    let (_, m) = run_events(&d, &rows, &["--as-of", "2026-04-01"]);
    assert!(!m.contains_key(&key("D", "2026-01-05", "first-record-audit")));
    assert!(!m.contains_key(&key("D", "2026-02-03", "next-record-audit")));
    assert_eq!(m[&key("D", "2026-03-02", "first-record-audit")].1, "met");
    assert_eq!(m[&key("D", "2026-03-20", "next-record-audit")].0, "2026-06-20");
    // Shuffled, the same rows.
    let mut shuffled = rows.to_vec();
    shuffled.reverse();
    assert_eq!(run_events(&d, &shuffled, &["--as-of", "2026-04-01"]).1, m);
}

/// A file with no record-audit rows cannot tell whether record audits were
/// done: what only a record audit meets is untracked, with a note, never
/// overdue; in case order (streamed) and in any order (gathered) alike.
#[test]
fn without_record_audits_in_the_file_record_audits_are_untracked() {
    let d = Dir::new();
    let rows = ["A,referral,2026-01-05,,", "A,case-transferred,2026-06-12,,", "B,case-closed,2026-07-06,,"];
    let untracked = |m: &BTreeMap<Key, Value>| {
        let shown = |k: Key| m.get(&k).map(|v| (v.1.clone(), v.3.clone()));
        let u = Some(("untracked".to_string(), "untracked".to_string()));
        shown(key("A", "2026-01-05", "first-record-audit")) == u
            && shown(key("A", "2026-06-12", "transfer-record-audit")) == u
            && shown(key("B", "2026-07-06", "closure-record-audit")) == u
    };
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-11-22"]);
    assert!(untracked(&m), "{}", r.stdout);
    assert!(r.stdout.contains("the data holds no record-audit dates"));
    let mut shuffled = rows.to_vec();
    shuffled.reverse();
    let (r, m) = run_events(&d, &shuffled, &["--as-of", "2026-11-22"]);
    assert!(untracked(&m), "{}", r.stdout);
    // One record audit anywhere in the file, even in a later case streamed
    // after this one, and record audits are tracked.
    let rows = ["A,referral,2026-01-05,,", "B,record-audit,2026-02-02,,"];
    let (_, m) = run_events(&d, &rows, &["--as-of", "2026-11-22"]);
    assert_eq!(m[&key("A", "2026-01-05", "first-record-audit")].3, "overdue");
}

/// `--worklist`: business support's record audits owed on the day, transfer
/// summaries first, then closures, then the 3-monthly audits; the oldest first
/// within each; a case transferred and closed on one day once in each group.
#[test]
fn the_worklist_orders_record_audits_as_business_support_works_them() {
    let d = Dir::new();
    let f = d.write(
        "alerts.csv",
        &[
            "case_id,event,date,team",
            "A,referral,2026-08-03,North",
            "A,record-audit,2026-08-20,North",
            "B,case-closed,2026-11-20,South",
            "C,case-transferred,2026-11-20,North",
            "C,case-closed,2026-11-20,North",
            "C,case-transferred,2026-11-20,North",
            "D,case-transferred,2026-11-19,East",
            "E,referral,2026-10-01,West",
            "F,case-closed,2026-11-18,South",
            "F,record-audit,2026-11-18,South",
        ],
    );
    let r = run(&["due", "--events", &f, "--as-of", "2026-11-23", "--worklist"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r["group"].as_str(), r["case_id"].as_str(), r["team"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // Transfers: Thursday's alert (overdue since Friday) before Friday's
            // (exported twice, listed once).
            ("transfer", "D", "East", "overdue"),
            ("transfer", "C", "North", "due-soon"),
            // Closures: C is in both groups, once in each; F's was audited.
            ("closure", "B", "South", "due-soon"),
            ("closure", "C", "North", "due-soon"),
            // 3-monthly: A's next audit is overdue; E's first is not yet owed.
            ("3-monthly", "A", "North", "overdue"),
        ]
    );
    assert_eq!(rows[0]["event"], "case-transferred");
    assert_eq!(rows[0]["due"], "2026-11-20");
    // Any row order, the same list; and JSON has the same rows.
    let text = std::fs::read_to_string(&f).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    let s = d.write("shuffled.csv", &lines);
    assert_eq!(run(&["due", "--events", &s, "--as-of", "2026-11-23", "--worklist"]).stdout, r.stdout);
    let j = run(&["--format", "json", "due", "--events", &f, "--as-of", "2026-11-23", "--worklist"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("JSON");
    assert_eq!(v.as_array().map(|a| a.len()), Some(5), "{}", j.stdout);
    // The exit code is the worklist's: an overdue visit is not on it.
    let y = d.write("y.csv", &["case_id,event,date", "Y,referral,2026-01-05", "Y,record-audit,2026-11-01"]);
    let w = run(&["due", "--events", &y, "--as-of", "2026-11-23", "--worklist"]);
    assert_eq!((w.code, parse_csv(&w.stdout).len()), (0, 0), "{}", w.stderr);
    assert!(w.stderr.contains("0 record audits owed"), "{}", w.stderr);
    assert_eq!(run(&["due", "--events", &y, "--as-of", "2026-11-23"]).code, 1);
    // A calendar is not a worklist.
    let i = run(&["--format", "ics", "due", "--events", &f, "--as-of", "2026-11-23", "--worklist"]);
    assert_eq!(i.code, 2, "{}", i.stderr);
}

/// `--worklist --check-with RULES=FILE`: the escr rule sets run over exports
/// of the record fields, and each owed case gets its number of findings, and
/// the exports that hold nothing for it (Business support record audit:
/// missing information is chased up before the audit).
#[test]
fn the_worklist_counts_each_owed_cases_findings() {
    let d = Dir::new();
    let events = d.write(
        "events.csv",
        &["case_id,event,date", "P1,case-closed,2026-11-20", "P2,case-closed,2026-11-20", "P3,case-closed,2026-11-20"],
    );
    let people = d.write(
        "people.csv",
        &[
            "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language",
            // Two blanks; one more for the same child in a repeated row.
            "P1,Child A,03/04/2015,,07700 900001,Child,,N1,None,English",
            "P2,Child B,03/04/2016,2 Road,07700 900002,Child,Mixed,N2,None,English",
            // Not owed an audit: its findings are not counted.
            "P9,,,,,,,,,",
            "P1,Child A,03/04/2015,1 Road,07700 900001,Child,White British,N1,None,",
        ],
    );
    let rels = d.write("rels.csv", &["person_id,relationship,related_id", "P2,primary worker,W1", "P2,team,T1"]);
    let args = |extra: &[&str]| -> Run {
        let mut a = vec!["due", "--events", &events, "--as-of", "2026-11-23", "--worklist"];
        a.extend_from_slice(extra);
        run(&a)
    };
    let r = args(&[
        "--check-with",
        &format!("escr-person={people}"),
        "--check-with",
        &format!("escr-relationships={rels}"),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    let got: Vec<(&str, &str, &str)> =
        rows.iter().map(|r| (r["case_id"].as_str(), r["findings"].as_str(), r["not_in"].as_str())).collect();
    // P1: 2 blanks, a repeated key and a blank language in the person export,
    // no relationships; P2: no school, GP or parents; P3: in neither export.
    assert_eq!(got[0], ("P1", "4", rels.as_str()));
    assert_eq!(got[1], ("P2", "3", ""));
    assert_eq!(got[2], ("P3", "", format!("{people}; {rels}").as_str()));
    // RULES=FILE is checked, and the rule set read, before any event is.
    let bad = args(&["--check-with", "escr-person"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("give RULES=FILE"), "{}", bad.stderr);
    let typo = args(&["--check-with", &format!("escr-persn={people}")]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("escr-person"), "{}", typo.stderr);
    // An export the cases cannot be matched in: the file is named.
    let no_id = d.write("no-id.csv", &["case_ref,relationship,related_id", "P1,team,T1"]);
    let e = args(&["--check-with", &format!("escr-relationships={no_id}")]);
    assert_eq!(e.code, 2);
    assert!(e.stderr.contains("no-id.csv") && e.stderr.contains("person_id"), "{}", e.stderr);
}

/// docs/timescales.md: "either a first review or a core group meeting" within
/// 10 days of the birth after a pre-birth conference: either meets it.
#[test]
fn either_a_review_or_a_core_group_meets_it() {
    let d = Dir::new();
    let rows = [
        "A,pre-birth-icpcc,2026-01-05,,",
        "A,birth,2026-03-02,,",
        "A,rcpcc,2026-03-09,,",
        "B,pre-birth-icpcc,2026-01-05,,",
        "B,birth,2026-03-02,,mother-not-fit",
        "B,core-group,2026-03-20,,",
        "C,pre-birth-icpcc,2026-01-05,,",
        "C,birth,2026-03-02,,",
    ];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-04-01"]);
    assert_eq!(m[&key("A", "2026-03-02", "review-or-core-group")], v("2026-03-12", "met", "2026-03-09", "met"));
    assert_eq!(m[&key("B", "2026-03-02", "review-or-core-group")], v("2026-03-22", "met", "2026-03-20", "met"));
    assert_eq!(m[&key("C", "2026-03-02", "review-or-core-group")], v("2026-03-12", "outstanding", "", "overdue"));
    assert_eq!(r.code, 1, "C's is overdue");
}

fn v(due: &str, outcome: &str, met: &str, status: &str) -> Value {
    (due.into(), outcome.into(), met.into(), status.into())
}

/// docs/timescales.md: a review the data cannot place (no entry into care in
/// it) is taken at the earlier possible due date, with a note, as a latest
/// review is; met or left between the two dates it is check-history, never
/// late or missed. The dates place it when the child was in care long enough
/// before it; `later` or `first` in the detail column says so outright.
#[test]
fn a_review_the_data_cannot_place() {
    let d = Dir::new();
    let rows = [
        // Alone: 3 months (2 June) or 6 (2 September).
        "A,cla-review,2026-03-02,,",
        // The next review on 20 July: on time if the first, late if not.
        "B,cla-review,2026-03-02,,",
        "B,cla-review,2026-07-20,,",
        // Care ended on 1 August, between the two: not missed.
        "C,cla-review,2026-03-02,,",
        "C,ceased-looked-after,2026-08-01,,",
        // Said outright.
        "D,cla-review,2026-03-02,,later",
        // A placement a year before: the first review was long due by then,
        // so this is a later one (6 months); a placement a month before
        // cannot tell.
        "E,placement-move,2025-03-03,,",
        "E,cla-review,2026-03-02,,",
        "F,placement-move,2026-02-02,,",
        "F,cla-review,2026-03-02,,",
    ];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-08-15"]);
    let overdue: Vec<&Key> = m.iter().filter(|(_, v)| v.3 == "overdue").map(|(k, _)| k).collect();
    assert!(overdue.iter().all(|k| k.2 == "visit-after-move"), "no review is overdue under every reading: {overdue:?}");
    let next = |case: &str| m[&key(case, "2026-03-02", "next-cla-review")].clone();
    assert_eq!(next("A"), v("2026-06-02", "outstanding", "", "check-history"));
    assert_eq!(next("B"), v("2026-06-02", "check-history", "2026-07-20", "check-history"));
    assert_eq!(next("C"), v("2026-06-02", "check-history", "", "check-history"));
    assert_eq!(next("D"), v("2026-09-02", "outstanding", "", "open"));
    assert_eq!(next("E"), v("2026-09-02", "outstanding", "", "open"));
    assert_eq!(next("F"), v("2026-06-02", "outstanding", "", "check-history"));
    let notes = parse_csv(&r.stdout);
    let note = |case: &str| {
        notes.iter().find(|n| n["case_id"] == case && n["obligation"] == "next-cla-review").unwrap()["note"].clone()
    };
    assert!(note("A").contains("(2026-09-02 if it was a later one)"), "{}", note("A"));
    assert!(note("C").ends_with("care ended on 2026-08-01 before this was done"), "{}", note("C"));
    assert_eq!(note("E"), "");
    // A later review: its midway meeting; one the data cannot place: the
    // midway is listed, owed only if it was a later one.
    assert!(m.contains_key(&key("D", "2026-03-02", "midway-review")));
    assert!(note_of(&notes, "A", "midway-review").contains("not owed if it was the first"));
    assert!(r.stderr.contains("with too little history to place are listed at the earliest date"), "{}", r.stderr);
    // After the later date it is overdue under either reading.
    let (r, m) = run_events(&d, &rows[..1], &["--as-of", "2026-09-03"]);
    assert_eq!((r.code, m[&key("A", "2026-03-02", "next-cla-review")].3.as_str()), (1, "overdue"));
}

fn note_of(rows: &[BTreeMap<String, String>], case: &str, obligation: &str) -> String {
    rows.iter().find(|n| n["case_id"] == case && n["obligation"] == obligation).unwrap()["note"].clone()
}

/// docs/timescales.md: without a date of birth, an age rule's obligation is
/// listed, never dropped: at the earliest date, check-age between the earliest
/// and the latest; met between them, check-age, not late; the summary counts
/// the rows. A date of birth on any of the case's rows is used for them all.
#[test]
fn no_date_of_birth_is_said_not_dropped() {
    let d = Dir::new();
    let rows = [
        "A,health-assessment,2026-01-12,,",
        "A,health-assessment,2026-10-05,,",
        "B,cp-visit,2026-11-02,,",
        "C,health-assessment,2026-01-12,,",
        "C,cin-visit,2026-02-12,2024-01-01,",
    ];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-11-20"]);
    assert_eq!(
        m[&key("A", "2026-01-12", "review-health-assessment")],
        v("2026-07-12", "check-age", "2026-10-05", "check-age")
    );
    assert_eq!(m[&key("A", "2026-10-05", "review-health-assessment")], v("2027-04-05", "outstanding", "", "open"));
    // Seen awake (under 3 only): listed, untracked, with its note.
    assert_eq!(m[&key("B", "2026-11-02", "seen-awake")].3, "untracked");
    let notes = parse_csv(&r.stdout);
    assert_eq!(
        note_of(&notes, "B", "seen-awake"),
        "the date of birth is missing: not owed if aged 3 or over; no event in the data marks this done"
    );
    // C's date of birth is on another row: 2 years old, 6 months, overdue.
    assert_eq!(m[&key("C", "2026-01-12", "review-health-assessment")], v("2026-07-12", "outstanding", "", "overdue"));
    assert_eq!(note_of(&notes, "C", "review-health-assessment"), "");
    assert!(r.stderr.contains("1 check-age"), "{}", r.stderr);
    assert!(
        r.stderr.contains("; 3 with no date of birth are listed at the earliest date they could be due"),
        "{}",
        r.stderr
    );
    // Without --as-of the outcome says the same.
    let (_, m) = run_events(&d, &rows, &[]);
    assert_eq!(m[&key("A", "2026-01-12", "review-health-assessment")].1, "check-age");
}

/// docs/timescales.md: an events file says a strategy discussion started no
/// section 47 enquiry with `no-s47` in its detail column.
#[test]
fn a_strategy_discussion_that_started_no_enquiry_owes_no_conference() {
    let d = Dir::new();
    let rows = ["A,strategy-discussion,2026-11-02,,no-s47", "B,strategy-discussion,2026-11-02,,cp icpcc-unnecessary"];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2026-12-14"]);
    assert_eq!((r.code, m.len()), (0, 0), "{}", r.stdout);
    let (r, m) = run_events(&d, &["C,strategy-discussion,2026-11-02,,"], &["--as-of", "2026-12-14"]);
    assert_eq!((r.code, m[&key("C", "2026-11-02", "icpcc")].3.as_str()), (1, "overdue"));
}

/// docs/timescales.md: the last contact before the 25th birthday owes no next
/// visit, and a visit chain never runs past it.
#[test]
fn a_care_leavers_visits_end_at_25() {
    let d = Dir::new();
    let rows = [
        "A,care-leaver-contact,2026-08-03,2002-01-15,",
        "A,care-leaver-contact,2026-10-30,,",
        "A,care-leaver-contact,2027-03-01,,",
    ];
    let (r, m) = run_events(&d, &rows, &["--as-of", "2027-06-01"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(m[&key("A", "2026-08-03", "next-pa-visit")], v("2026-11-03", "met", "2026-10-30", "met"));
    assert!(!m.contains_key(&key("A", "2026-10-30", "next-pa-visit")), "{m:?}");
    assert!(!m.contains_key(&key("A", "2027-03-01", "next-pa-visit")), "{m:?}");
}

/// A shuffled file of many cases is gathered and its cases tracked on every
/// core (docs/performance.md); whether it comes from a file, standard input or a pipe, the
/// output is the sorted file's, byte for byte, and a case that cannot be
/// tracked is named by its line in the file as given, with the rows of the
/// cases before it written, as one thread would.
#[test]
fn many_cases_in_any_order_from_a_file_stdin_or_a_pipe() {
    let d = Dir::new();
    let kinds = ["referral", "cin-visit", "strategy-discussion", "icpcc", "became-looked-after", "cla-visit"];
    let mut rows: Vec<String> = (0..6000u32)
        .map(|i| {
            let (case, kind) = (i % 1500, kinds[(i as usize / 1500 + i as usize) % kinds.len()]);
            let date = format!("2026-{:02}-{:02}", 1 + i % 10, 1 + (i * 7) % 28);
            format!("C{case:05},{kind},{date},,")
        })
        .collect();
    let mut sorted = rows.clone();
    sorted.sort();
    // A fixed shuffle: every seventh row first, then the rest backwards.
    let mut shuffled: Vec<String> = rows.iter().step_by(7).cloned().collect();
    shuffled.extend(rows.iter().enumerate().filter(|(i, _)| i % 7 != 0).rev().map(|(_, r)| r.clone()));
    let write = |name: &str, rows: &[String]| {
        let mut lines = vec![HEADER];
        lines.extend(rows.iter().map(String::as_str));
        d.write(name, &lines)
    };
    let (sorted_file, shuffled_file) = (write("sorted.csv", &sorted), write("shuffled.csv", &shuffled));
    let as_of = ["--as-of", "2026-11-22", "--format", "csv"];
    let from = |how: &str, file: &str| {
        let command = match how {
            "file" => format!("caseaudit due --events '{file}' {}", as_of.join(" ")),
            "stdin" => format!("caseaudit due --events - {} < '{file}'", as_of.join(" ")),
            _ => format!("caseaudit due --events <(cat '{file}') {}", as_of.join(" ")),
        };
        let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_caseaudit")).parent().unwrap().to_owned();
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
        let out = std::process::Command::new("bash").args(["-c", &command]).env("PATH", path).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, want, _) = from("file", &sorted_file);
    assert_eq!(code, Some(1), "some are overdue");
    assert!(want.lines().count() > 3000, "{}", want.lines().count());
    for how in ["file", "stdin", "pipe"] {
        let (code, got, _) = from(how, &shuffled_file);
        assert_eq!((code, got == want), (Some(1), true), "{how}");
    }
    // A referral before the bank-holiday calendar's first year, in a case
    // in the middle, on the shuffled file's line 4002.
    rows = shuffled.clone();
    rows.insert(4000, "C00700,referral,1950-01-01,,".into());
    let bad = write("bad.csv", &rows);
    let (code, before_it, _) = from(
        "file",
        &write("bad-sorted.csv", &{
            let mut s = rows.clone();
            s.sort();
            s
        }),
    );
    assert_eq!(code, Some(2));
    assert!(before_it.lines().last().unwrap().starts_with("C00699,"), "the cases before it are written");
    for (how, name) in [("file", bad.as_str()), ("stdin", "<stdin>"), ("pipe", "/dev/fd/")] {
        let (code, got, err) = from(how, &bad);
        assert_eq!(code, Some(2), "{how}");
        assert!(got == before_it, "{how}: the same rows before the case that stopped it");
        assert!(err.contains(name) && err.contains(":4002: 1950-01-01 is outside the years"), "{how}: {err}");
    }
}
