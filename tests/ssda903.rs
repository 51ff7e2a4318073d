//! The DfE SSDA903 looked-after return with `--columns ssda903`, on the
//! published synthetic return in `tests/data/ssda903/` (2,675 children, 5,050
//! episodes, 12,582 reviews), read as it is: its review and placement
//! obligations agree with an independent reading of the same files.

mod common;

use chrono::{Months, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

const DIR: &str = "tests/data/ssda903";

fn caseaudit(args: &[&str]) -> std::process::Output {
    common::output(args)
}

fn read(name: &str) -> Vec<csv::StringRecord> {
    let path = format!("{}/{DIR}/{name}", env!("CARGO_MANIFEST_DIR"));
    csv::Reader::from_path(path).unwrap().records().map(Result::unwrap).collect()
}

fn uk(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").ok()
}

/// One child's looked-after history, straight from the return.
#[derive(Default)]
struct History {
    starts: Vec<NaiveDate>,
    moves: BTreeSet<NaiveDate>,
    endings: usize,
    reviews: BTreeSet<NaiveDate>,
}

fn histories() -> BTreeMap<String, History> {
    let mut out: BTreeMap<String, History> = BTreeMap::new();
    for r in read("episodes.csv") {
        let h = out.entry(r[0].to_string()).or_default();
        let start = uk(&r[1]).expect("DECOM is a date");
        match &r[2] {
            "S" => h.starts.push(start),
            "P" | "T" | "B" | "U" => {
                h.moves.insert(start);
            }
            _ => {}
        }
        if !r[7].is_empty() && &r[8] != "X1" {
            h.endings += 1;
        }
    }
    for r in read("reviews.csv") {
        out.entry(r[0].to_string()).or_default().reviews.insert(uk(&r[2]).expect("REVIEW is a date"));
    }
    out
}

/// `due` rows by (child, event date, obligation) → (due, outcome, met_on).
type Rows = BTreeMap<(String, String, String), (String, String, String)>;

fn due() -> (std::process::Output, Rows) {
    let o = caseaudit(&["--columns", "ssda903", "--format", "csv", "due", "--events", DIR, "--as-of", "2018-03-31"]);
    let rows = csv::Reader::from_reader(&o.stdout[..])
        .records()
        .map(Result::unwrap)
        .map(|r| ((r[0].into(), r[2].into(), r[3].into()), (r[4].into(), r[7].into(), r[8].into())))
        .collect();
    (o, rows)
}

#[test]
fn the_published_return_is_read_as_it_is() {
    let (o, rows) = due();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "overdue reviews exit 1: {err}");
    // Clean dates throughout: no warnings, only what was read and found.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "due: tests/data/ssda903: ssda903_episodes, ssda903_header, ssda903_reviews read");
    assert!(lines[1].starts_with("due: 46740 obligations for 2675 cases: 712 overdue,"), "{err}");
    assert_eq!(lines.len(), 2, "{err}");
    assert!(rows.len() > 40_000, "{}", rows.len());
}

#[test]
fn reviews_and_moves_agree_with_an_independent_reading() {
    let (_, rows) = due();
    let (mut children, mut reviews, mut moves) = (0, 0, 0);
    for (child, h) in histories() {
        // Children whose care never ended, started at most once in the return,
        // with no review before that start: their obligations follow from the
        // rules alone, with no ending to cut them short.
        let start = h.starts.first().copied();
        if h.endings > 0 || h.starts.len() > 1 || start.is_some_and(|s| h.reviews.iter().any(|r| *r < s)) {
            continue;
        }
        children += 1;
        let reviews_in_order: Vec<NaiveDate> = h.reviews.iter().copied().collect();
        for (i, r) in reviews_in_order.iter().enumerate() {
            // QA induction: the first review after coming into care, then within 3
            // months, then every 6 (a calendar month clamps to the month's end).
            let months = if i == 0 && start.is_some() { 3 } else { 6 };
            let due = r.checked_add_months(Months::new(months)).unwrap();
            let (outcome, met_on) = match reviews_in_order.get(i + 1) {
                Some(next) if *next <= due => ("met", next.to_string()),
                Some(next) => ("late", next.to_string()),
                None => ("outstanding", String::new()),
            };
            let key = (child.clone(), r.to_string(), "next-cla-review".to_string());
            assert_eq!(rows.get(&key), Some(&(due.to_string(), outcome.to_string(), met_on)), "{key:?}");
            reviews += 1;
        }
        if let Some(s) = start {
            // The first review is met by the first review on or after the start.
            let key = (child.clone(), s.to_string(), "first-cla-review".to_string());
            let (_, outcome, met_on) = rows.get(&key).unwrap_or_else(|| panic!("{key:?}"));
            let first = h.reviews.iter().find(|r| **r >= s);
            assert_eq!(met_on, &first.map(|d| d.to_string()).unwrap_or_default(), "{key:?}");
            assert_eq!(outcome == "outstanding", first.is_none(), "{key:?}");
        }
        // Every change of placement owes a visit within a week.
        for m in &h.moves {
            let key = (child.clone(), m.to_string(), "visit-after-move".to_string());
            assert_eq!(rows.get(&key).map(|v| v.0.clone()), Some((*m + chrono::Days::new(7)).to_string()), "{key:?}");
            moves += 1;
        }
    }
    // The comparison covered most of the return.
    assert!(
        children > 1_500 && reviews > 8_000 && moves > 1_500,
        "{children} children, {reviews} reviews, {moves} moves"
    );
}

#[test]
fn a_return_without_the_preset_says_what_to_add() {
    let o = caseaudit(&["due", "--events", "tests/data/ssda903/episodes.csv"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "episodes.csv: looks like the SSDA903 table ssda903_episodes (its columns are CHILD, DECOM, RNE); \
             add --columns ssda903"
        ),
        "{err}"
    );
}
