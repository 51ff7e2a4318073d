//! The DfE SSDA903 looked-after return with `--columns ssda903`, on the
//! published synthetic return in `tests/data/ssda903/` (2,675 children, 5,050
//! episodes, 12,582 reviews), read as it is: its review and placement
//! obligations agree with an independent reading of the same files.

use crate::common;

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

fn due(extra: &[&str]) -> (std::process::Output, Rows) {
    let mut args = vec!["--columns", "ssda903", "--format", "csv", "due", "--events", DIR];
    args.extend_from_slice(extra);
    let o = caseaudit(&args);
    let rows = csv::Reader::from_reader(&o.stdout[..])
        .records()
        .map(Result::unwrap)
        .map(|r| ((r[0].into(), r[2].into(), r[3].into()), (r[4].into(), r[7].into(), r[8].into())))
        .collect();
    (o, rows)
}

const AS_OF: &str = "2018-03-31";

#[test]
fn the_published_return_is_read_as_it_is() {
    let (o, rows) = due(&["--as-of", AS_OF]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "overdue reviews exit 1: {err}");
    // Clean dates throughout: no warnings but the reviews after the as-of
    // date (the synthetic return runs to 2030), and what was read and found.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines[0], "due: tests/data/ssda903: ssda903_episodes, ssda903_header, ssda903_reviews read");
    assert_eq!(
        lines[1],
        "warning: 5040 events dated after 2018-03-31 left out (as of 2018-03-31 they had not happened)"
    );
    // docs/timescales.md: a first review in the return that it cannot place is due at 3
    // months, not 6, and is check-history, not met, late or missed, between
    // the two; those that fell due before the 12 months listed are counted
    // rather than listed, as untracked ones are. Each later review owes a
    // midway meeting, and each entry into care a placement agreement meeting.
    assert!(lines[2].starts_with("due: 19230 obligations for 2629 cases: 1090 overdue,"), "{err}");
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(rows.len(), 19_230);
    // As of means as of: nothing in the output happened after it.
    for ((child, event_date, obligation), (_, _, met_on)) in &rows {
        assert!(event_date.as_str() <= AS_OF && met_on.as_str() <= AS_OF, "{child} {obligation}");
    }
}

/// The obligations the rules give from the return read directly, up to
/// `as_of` (or all of it): (child, event date, obligation) → (due, outcome,
/// met_on), for the children whose care never ended, started at most once,
/// with no review before that start.
fn independent(as_of: Option<NaiveDate>) -> (Rows, usize) {
    let cal = caseaudit::calendar::Calendar::new(caseaudit::calendar::Region::EnglandAndWales, Default::default());
    let mut want = Rows::new();
    let mut children = 0;
    let upto = |d: &NaiveDate| as_of.is_none_or(|a| *d <= a);
    for (child, h) in histories() {
        let start = h.starts.first().copied();
        if h.endings > 0 || h.starts.len() > 1 || start.is_some_and(|s| h.reviews.iter().any(|r| *r < s)) {
            continue;
        }
        children += 1;
        let start = start.filter(upto);
        let reviews_in_order: Vec<NaiveDate> = h.reviews.iter().copied().filter(upto).collect();
        // Without the entry into care in the return, the first review in it
        // is a later one only if it falls 3 months after the first review was
        // due at the latest, counted from the earliest placement in the return
        // (docs/timescales.md); otherwise the return cannot tell, and the earlier date
        // (3 months) is used: a next review by the later (6 months) is neither
        // met on time nor late, but check-history.
        let first_in_doubt = start.is_none()
            && reviews_in_order.first().is_none_or(|r0| {
                let placed = h.moves.iter().copied().filter(|m| m <= r0).min();
                placed.is_none_or(|m| {
                    let first_due = cal.working_days_after(m, 20).unwrap();
                    *r0 <= first_due.checked_add_months(Months::new(3)).unwrap()
                })
            });
        for (i, r) in reviews_in_order.iter().enumerate() {
            // QA induction: the first review after coming into care, then
            // within 3 months, then every 6 (a calendar month clamps to the
            // month's end).
            let first = i == 0 && (start.is_some() || first_in_doubt);
            let months = if first { 3 } else { 6 };
            let due = r.checked_add_months(Months::new(months)).unwrap();
            let later_due = r.checked_add_months(Months::new(6)).unwrap();
            let (outcome, met_on) = match reviews_in_order.get(i + 1) {
                Some(next) if *next <= due => ("met", next.to_string()),
                Some(next) if i == 0 && first_in_doubt && *next <= later_due => ("check-history", next.to_string()),
                Some(next) => ("late", next.to_string()),
                None => ("outstanding", String::new()),
            };
            want.insert(
                (child.clone(), r.to_string(), "next-cla-review".into()),
                (due.to_string(), outcome.into(), met_on),
            );
        }
        if let Some(s) = start {
            // The first review is met by the first review on or after the start.
            let first = reviews_in_order.iter().find(|r| **r >= s);
            let key = (child.clone(), s.to_string(), "first-cla-review".to_string());
            want.insert(key, (String::new(), String::new(), first.map(|d| d.to_string()).unwrap_or_default()));
        }
        // Every change of placement owes a visit within a week.
        for m in h.moves.iter().filter(|m| upto(m)) {
            let key = (child.clone(), m.to_string(), "visit-after-move".to_string());
            want.insert(key, ((*m + chrono::Days::new(7)).to_string(), String::new(), String::new()));
        }
    }
    (want, children)
}

#[test]
fn reviews_and_moves_agree_with_an_independent_reading() {
    let as_of = NaiveDate::from_ymd_opt(2018, 3, 31).unwrap();
    // The whole return; and as of 31 March 2018, with every row listed (--all),
    // where the reviews held after that date do not exist yet.
    for (when, extra) in [(None, vec![]), (Some(as_of), vec!["--as-of", AS_OF, "--all"])] {
        let (_, rows) = due(&extra);
        let (want, children) = independent(when);
        let (mut reviews, mut moves) = (0, 0);
        for (key, (due, outcome, met_on)) in &want {
            let got = rows.get(key).unwrap_or_else(|| panic!("{key:?} missing ({when:?})"));
            match key.2.as_str() {
                "next-cla-review" => {
                    assert_eq!(got, &(due.clone(), outcome.clone(), met_on.clone()), "{key:?} ({when:?})");
                    reviews += 1;
                }
                "first-cla-review" => {
                    assert_eq!(&got.2, met_on, "{key:?} ({when:?})");
                    assert_eq!(got.1 == "outstanding", met_on.is_empty(), "{key:?} ({when:?})");
                }
                _ => {
                    assert_eq!(&got.0, due, "{key:?} ({when:?})");
                    moves += 1;
                }
            }
        }
        // The comparison covered most of the return.
        assert!(
            children > 1_500 && reviews > 4_000 && moves > 1_000,
            "{children} children, {reviews} reviews, {moves} moves ({when:?})"
        );
    }
}

/// One episode ending (DEC, for any reason but X1) and the next starting (RNE
/// S) on the same day: the ending belongs to the period it ends, so the new
/// period keeps its first review. Child 478261 of the published return left
/// care on 21 September 2017 and came back the same day.
#[test]
fn an_ending_and_a_new_start_on_the_same_day() {
    let (_, rows) = due(&["--as-of", AS_OF]);
    let get = |date: &str, obligation: &str| rows.get(&("478261".into(), date.into(), obligation.into())).cloned();
    // The new period's first review was due 20 working days on; care ended
    // again on 26 October, so it was missed, not dropped.
    assert_eq!(get("2017-09-21", "first-cla-review"), Some(("2017-10-19".into(), "missed".into(), "".into())));
    // The old period's next review, due 2 September and never held: missed when
    // care ended, not overdue for ever.
    assert_eq!(get("2017-03-02", "next-cla-review"), Some(("2017-09-02".into(), "missed".into(), "".into())));
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
