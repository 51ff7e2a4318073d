//! `due --events`: later events mark obligations met, late or outstanding;
//! chains continue from actual dates; endings stop the chains they end; a bad
//! row stops the run unless --keep-going; output streams in every format.

mod common;
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
