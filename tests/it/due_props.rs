//! Any order in, the same output out (docs/due.md): shuffling the rows
//! of an events file changes nothing that `due` prints, byte for byte, in any
//! mode; and a file already in case order (streamed a case at a time) gives
//! the same bytes as the same rows gathered from any other order.

use crate::common;

use common::bin;
use proptest::prelude::*;

/// Event names weighted towards the looked-after and child-protection chains,
/// with the endings that stop them, so same-day endings and restarts occur.
const EVENTS: [&str; 16] = [
    "referral",
    "cin-visit",
    "assessment-completed",
    "cin-review",
    "strategy-discussion",
    "icpcc",
    "core-group",
    "cp-visit",
    "cp-plan-ended",
    "became-looked-after",
    "placement-move",
    "cla-review",
    "cla-visit",
    "health-assessment",
    "ceased-looked-after",
    "case-closed",
];
const CASES: [&str; 6] = ["9", "10", "010", "C1", "c1", "Child 7"];
const DETAILS: [&str; 4] = ["", "permanent", "cp", "reg24"];

/// One row: case, event, day (within about 10 months, so days collide),
/// detail, latest, team, recorded due (days after the event).
type Row = (usize, usize, u32, usize, bool, usize, Option<u32>);

fn row() -> impl Strategy<Value = Row> {
    (
        0..CASES.len(),
        0..EVENTS.len(),
        0u32..300,
        0..DETAILS.len(),
        prop::bool::weighted(0.15),
        0usize..3,
        prop::option::weighted(0.1, 0u32..200),
    )
}

fn line(r: &Row) -> String {
    let (case, event, day, detail, latest, team, recorded) = *r;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let date = start + chrono::Days::new(u64::from(day));
    let recorded = recorded.map(|n| (date + chrono::Days::new(u64::from(n))).to_string()).unwrap_or_default();
    let quoted = if CASES[case].contains(' ') { format!("\"{}\"", CASES[case]) } else { CASES[case].to_string() };
    format!(
        "{quoted},{},{},,{},{},Team {team},{recorded}",
        EVENTS[event],
        date.format("%d/%m/%Y"),
        DETAILS[detail],
        if latest { "yes" } else { "" }
    )
}

fn due(dir: &std::path::Path, name: &str, rows: &[Row], extra: &[&str]) -> (Option<i32>, Vec<u8>, Vec<u8>) {
    let mut text = String::from("case_id,event,date,dob,detail,latest,team,recorded_due\n");
    for r in rows {
        text.push_str(&line(r));
        text.push('\n');
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out =
        bin().args(["--format", "csv", "due", "--events"]).arg(&path).args(extra).output().expect("run caseaudit");
    // Messages name the file; the two files differ only in name.
    let stderr = String::from_utf8_lossy(&out.stderr).replace(name, "events.csv").into_bytes();
    (out.status.code(), out.stdout, stderr)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_rows_give_the_same_bytes(
        (rows, shuffled) in prop::collection::vec(row(), 1..40)
            .prop_flat_map(|rows| (Just(rows.clone()), Just(rows).prop_shuffle())),
        as_of in prop::option::of(0u32..420),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let as_of = as_of.map(|n| {
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(n))).to_string()
        });
        let mut modes: Vec<Vec<&str>> = vec![vec![]];
        if let Some(d) = &as_of {
            modes.push(vec!["--as-of", d]);
            modes.push(vec!["--as-of", d, "--all", "--format", "jsonl"]);
            modes.push(vec!["--as-of", d, "--by-team"]);
            modes.push(vec!["--as-of", d, "--status", "overdue,missed", "--format", "json"]);
        }
        // The same rows in case order: streamed, not gathered.
        let mut in_order = rows.clone();
        in_order.sort_by(|a, b| caseaudit::model::events::case_order(CASES[a.0], CASES[b.0]));
        for extra in &modes {
            let a = due(dir.path(), "a.csv", &rows, extra);
            let b = due(dir.path(), "b.csv", &shuffled, extra);
            let c = due(dir.path(), "c.csv", &in_order, extra);
            prop_assert_eq!(&a.0, &b.0, "exit code, {:?}", extra);
            prop_assert_eq!(String::from_utf8_lossy(&a.1), String::from_utf8_lossy(&b.1), "stdout, {:?}", extra);
            prop_assert_eq!(String::from_utf8_lossy(&a.2), String::from_utf8_lossy(&b.2), "stderr, {:?}", extra);
            prop_assert_eq!(&a.0, &c.0);
            prop_assert_eq!(String::from_utf8_lossy(&a.1), String::from_utf8_lossy(&c.1), "in order, {:?}", extra);
            prop_assert!(a.0 == Some(0) || a.0 == Some(1), "{:?}: {}", extra, String::from_utf8_lossy(&a.2));
        }
    }
}
