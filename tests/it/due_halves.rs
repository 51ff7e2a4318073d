//! `due` on an events file in any order read in two halves at once
//! (docs/performance.md): whatever the file, the rows, their order, what is
//! said and the error are one reader's. Small files are split here
//! (`Request::split_from` 0), and each case says whether the halves were
//! joined or the first reader read on past the split.

use caseaudit::calendar::{Calendar, Region};
use caseaudit::io::columns::ColumnMap;
use caseaudit::io::output::Cell;
use caseaudit::model::events::Case;
use caseaudit::ops::due::{Input, Out, Request, Shape, Told, run};
use caseaudit::timescales::report::Listed;

/// The rows out, as text.
#[derive(Default)]
struct Rows(Vec<String>);

impl Out for Rows {
    fn start(&mut self, shape: Shape) -> anyhow::Result<()> {
        self.0.push(format!("{:?}", shape.columns()));
        Ok(())
    }
    fn row(&mut self, case: &Case, listed: &Listed) -> anyhow::Result<()> {
        self.0.push(format!("{} {:?} {:?} {listed:?}", case.id, case.team, case.worker));
        Ok(())
    }
    fn table(&mut self, _: &[&str]) -> anyhow::Result<()> {
        Ok(())
    }
    fn table_row(&mut self, _: &[Cell]) -> anyhow::Result<()> {
        Ok(())
    }
}

/// A run: the rows and all that was said (the summary last), or the error
/// after what was said before it.
type Run = (Result<Vec<String>, String>, Vec<String>);

/// `bytes` as an events file, read by one reader and in two halves; and
/// whether the halves were joined.
fn both_ways(bytes: &[u8], keep_going: bool) -> (Run, Run, bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.csv");
    std::fs::write(&path, bytes).unwrap();
    let paths = [path.to_str().unwrap().to_string()];
    let set = caseaudit::ops::config::timescales("default").unwrap();
    let calendar = Calendar::new(Region::EnglandAndWales, Default::default());
    let map = ColumnMap::default();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let run_with = |split_from: u64| -> (Run, bool) {
        let request = Request {
            input: Input::Events(&paths),
            set: &set,
            calendar: &calendar,
            map: &map,
            count_event_day: false,
            today: day(22),
            as_of: Some(day(22)),
            statuses: Vec::new(),
            differs: false,
            all: false,
            by_team: false,
            worklist: false,
            keep_going,
            indicators: false,
            split_from,
        };
        let (mut out, mut said) = (Rows::default(), Vec::new());
        let done = run(&request, &mut out, &mut |t| {
            said.push(match t {
                Told::Warning(w) => w.to_string(),
                Told::Line(l) | Told::Summary(l) => l,
            })
        });
        match done {
            Ok(done) => {
                said.extend(done.warnings.iter().map(|w| w.to_string()));
                said.push(format!("{} (skipped {})", done.line, done.skipped));
                ((Ok(out.0), said), done.joined)
            }
            Err(e) => ((Err(format!("{e:#}")), said), false),
        }
    };
    let (one, joined_one) = run_with(u64::MAX);
    assert!(!joined_one, "one reader");
    let (halves, joined) = run_with(0);
    (one, halves, joined)
}

const EVENTS: [&str; 8] = [
    "referral",
    "assessment-completed",
    "cin-visit",
    "became-looked-after",
    "cla-visit",
    "cla-review",
    "health-assessment",
    "dental-check",
];

/// 3,000 rows of 200 cases in a shuffled order (each case's rows in both
/// halves), with teams, workers, dates of birth, qualifiers, snapshot flags
/// and recorded due dates; `each` may change a row (by number, from 1).
fn events(eol: &str, bom: bool, each: impl Fn(usize, String) -> String) -> Vec<u8> {
    let mut b: Vec<u8> = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    b.extend_from_slice(format!("case_id,event,date,dob,detail,team,worker,latest,recorded_due{eol}").as_bytes());
    let mut order: Vec<usize> = (0..3000).collect();
    let mut seed = 12345u64;
    for i in (1..order.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        order.swap(i, (seed >> 33) as usize % (i + 1));
    }
    for (n, &i) in order.iter().enumerate() {
        let case = if i % 3 == 0 { format!("{}", i % 200) } else { format!("C{:04}", i % 200) };
        let (event, date) = (EVENTS[i % 8], format!("{:02}/{:02}/20{}", 1 + i % 28, 1 + i % 12, 20 + i % 7));
        let dob = if i % 11 == 0 { "01/03/2015" } else { "" };
        let detail = if i % 8 == 4 && i % 5 == 0 { "permanent" } else { "" };
        let team = if i % 13 == 0 { format!("Team {}", i % 4) } else { String::new() };
        let worker = if i % 17 == 0 { format!("W{}", i % 9) } else { String::new() };
        let latest = if i % 97 == 0 { "yes" } else { "" };
        let (date, recorded) = match i % 89 {
            0 => (String::new(), "2026-12-01"),
            1 => (date, "2026-10-01"),
            _ => (date, ""),
        };
        let row = format!("{case},{event},{date},{dob},{detail},{team},{worker},{latest},{recorded}");
        b.extend_from_slice(each(n + 1, row).as_bytes());
        b.extend_from_slice(eol.as_bytes());
    }
    b
}

#[test]
fn clean_files_are_joined_and_give_one_readers_rows() {
    for (eol, bom) in [("\n", false), ("\r\n", true)] {
        let (one, halves, joined) = both_ways(&events(eol, bom, |_, r| r), false);
        assert!(one.0.as_ref().is_ok_and(|rows| rows.len() > 3000), "{one:?}");
        assert_eq!(one, halves, "{eol:?}");
        assert!(joined, "{eol:?}");
    }
}

#[test]
fn record_audits_in_the_second_half_count() {
    // Record audits met only after the split make record-audit obligations
    // tracked rather than untracked.
    let bytes =
        events(
            "\n",
            false,
            |n, r| if n > 2900 && n % 7 == 0 { format!("{n},record-audit,02/02/2026,,,,,,") } else { r },
        );
    let (one, halves, joined) = both_ways(&bytes, false);
    assert_eq!(one, halves);
    assert!(joined);
}

#[test]
fn bad_rows_in_either_half_say_what_one_reader_says() {
    for keep_going in [false, true] {
        for at in [10, 2990] {
            let bytes = events("\n", false, |n, r| if n == at { "C0001,cin-visit,31/02/2026,,,,,,".into() } else { r });
            let (one, halves, joined) = both_ways(&bytes, keep_going);
            assert_eq!(one, halves, "row {at}, keep going {keep_going}");
            // The second half's bad row is said by the first reader, read on.
            assert_eq!(joined, keep_going && at < 1500, "row {at}, keep going {keep_going}");
            let said = if keep_going { one.1.join("\n") } else { one.0.clone().unwrap_err() };
            assert!(said.contains(&(at + 1).to_string()), "{said}");
        }
    }
}

/// A change to a row, by number.
type Change = dyn Fn(usize, String) -> String;

#[test]
fn unknown_events_blank_rows_and_quotes_say_what_one_reader_says() {
    let cases: [(&str, Box<Change>); 4] = [
        ("unknown event late", Box::new(|n, r| if n == 2500 { "C0003,cin-vist,01/01/2026,,,,,,".into() } else { r })),
        ("blank rows late", Box::new(|n, r| if n % 700 == 0 { format!(",,,,,,,,\n{r}") } else { r })),
        (
            "quoted newline early",
            Box::new(|n, r| if n == 5 { "C0004,cin-visit,01/01/2026,,,\"Team\nNorth\",,,".into() } else { r }),
        ),
        (
            "quotes everywhere",
            Box::new(|_, r| {
                let (id, rest) = r.split_once(',').unwrap();
                format!("\"{id}\",{rest}")
            }),
        ),
    ];
    for (what, each) in cases {
        for keep_going in [false, true] {
            let (one, halves, _) = both_ways(&events("\n", false, &each), keep_going);
            assert_eq!(one, halves, "{what}, keep going {keep_going}");
        }
    }
}

#[test]
fn a_tiny_file_and_a_header_alone_read_the_same() {
    for bytes in [
        &b"case_id,event,date\nC1,cin-visit,01/01/2026\n"[..],
        b"case_id,event,date\n",
        b"case_id,event,date\nC2,referral,01/01/2026\nC1,referral,01/01/2026",
    ] {
        let (one, halves, _) = both_ways(bytes, false);
        assert_eq!(one, halves);
    }
}
