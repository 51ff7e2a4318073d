//! `check` on a large file's two halves at once (docs/performance.md): whatever the
//! file, the findings, their order, the warnings and the error are one
//! reader's. Small files are split here (`Check::split_from(0)`), and each
//! case says whether the halves were joined or the first reader read on.

use caseaudit::calendar::{Calendar, Region};
use caseaudit::check::engine::Context;
use caseaudit::ops::check::{Check, open};

/// A run: each finding as its cells, and the warnings; or the error.
type Run = Result<(Vec<String>, Vec<String>), String>;

/// The findings of `set` over `bytes`, read by one reader and in two
/// halves, and whether the halves were joined.
fn both_ways(bytes: &[u8], set: &str) -> (Run, Run, bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let set = caseaudit::ops::config::rule_set(set).unwrap();
    let calendar = Calendar::new(Region::EnglandAndWales, Default::default());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let cx = Context { today, calendar: &calendar, count_event_day: false };
    let run = |split_from: u64| {
        let file = open(&set, path, Default::default()).map_err(|e| e.to_string())?;
        let mut check = Check::new(&set, file, &cx, "rules").map_err(|e| e.to_string())?;
        check.split_from(split_from);
        let mut rows = Vec::new();
        let counts = check.findings(|cells| {
            rows.push(format!("{cells:?}"));
            Ok(())
        });
        let joined = check.joined();
        let counts = counts.map_err(|e| e.to_string())?;
        let mut said: Vec<String> = check.notes().iter().map(|w| w.to_string()).collect();
        said.push(check.line(&counts));
        Ok((rows, said, joined))
    };
    let one = run(u64::MAX).map(|(rows, said, _)| (rows, said));
    let (halves, joined) = match run(0) {
        Ok((rows, said, joined)) => (Ok((rows, said)), joined),
        Err(e) => (Err(e), true),
    };
    (one, halves, joined)
}

/// 2,000 people sorted by id, with a problem every so often; `each` may
/// change a row (by number, from 1) before it is written.
fn people(eol: &str, bom: bool, each: impl Fn(usize, String) -> String) -> Vec<u8> {
    let mut b: Vec<u8> = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    let header = "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language";
    b.extend_from_slice(format!("{header}{eol}").as_bytes());
    for i in 1..=2000 {
        let dob = if i % 37 == 0 { "30/02/2015" } else { "02/02/2009" };
        let ethnicity = if i % 41 == 0 { "Not known" } else { "Mixed" };
        let row = format!(
            "P{i:07},Child {i},{dob},\"{i} Example Road, Flat {i}\",07700 {i:06},Child,{ethnicity},N{},Christian,Polish",
            i % 10
        );
        b.extend_from_slice(each(i, row).as_bytes());
        b.extend_from_slice(eol.as_bytes());
    }
    b
}

#[test]
fn two_halves_find_what_one_reader_finds() {
    for (eol, bom) in [("\n", false), ("\r\n", true)] {
        // Clean but for the problems: joined, the same findings.
        let (one, halves, joined) = both_ways(&people(eol, bom, |_, r| r), "escr-person");
        assert!(joined, "a sorted file is checked in halves");
        assert_eq!(one, halves);
        assert!(one.as_ref().unwrap().0.len() > 100);
        // A key repeated within the second half, blank rows in both halves
        // and Windows-1252 in the second: joined, the same findings, lines,
        // record numbers and warnings.
        let mut bytes = people(eol, bom, |i, r| match i {
            300 | 1700 => format!(",,,,,,,,,{eol}{r}"),
            1800 => r.replacen("P0001800", "P0001500", 1),
            _ => r,
        });
        let at = bytes.windows(10).rposition(|w| w == b"Child 1900").unwrap();
        bytes[at + 2] = 0x93;
        let (one, halves, joined) = both_ways(&bytes, "escr-person");
        assert!(joined);
        assert_eq!(one, halves);
        let (rows, said) = one.unwrap();
        assert!(rows.iter().any(|r| r.contains("primary-key") && r.contains("Int(1802)")), "{rows:?}");
        assert!(said.iter().any(|s| s.contains("2 blank rows")) && said.iter().any(|s| s.contains("Windows-1252")));
        // A key of the first half repeated in the second: the halves cannot
        // tell, so the first reader reads on, and finds it.
        let (one, halves, joined) = both_ways(
            &people(eol, bom, |i, r| if i == 1600 { r.replacen("P0001600", "P0000007", 1) } else { r }),
            "escr-person",
        );
        assert!(!joined);
        assert_eq!(one, halves);
        assert!(one.unwrap().0.iter().any(|r| r.contains("primary-key") && r.contains("P0000007")));
        // Keys in no order (ids written backwards): read on by one reader.
        let (one, halves, joined) = both_ways(
            &people(eol, bom, |i, r| r.replacen(&format!("P{i:07}"), &format!("P{:07}", 3000 - i), 1)),
            "escr-person",
        );
        assert!(!joined);
        assert_eq!(one, halves);
        // A ragged row in the second half: the findings before it, then its error.
        let (one, halves, joined) =
            both_ways(&people(eol, bom, |i, r| if i == 1500 { "P9,short".into() } else { r }), "escr-person");
        assert!(joined);
        assert_eq!(one, halves);
        assert!(one.unwrap_err().contains(":1501: this row has 2 fields"));
        // And one in each half: the first half's.
        let (one, halves, _) = both_ways(
            &people(eol, bom, |i, r| if i == 500 || i == 1500 { "P9,short".into() } else { r }),
            "escr-person",
        );
        assert_eq!(one, halves);
        assert!(one.unwrap_err().contains(":501: this row has 2 fields"));
    }
}

#[test]
fn a_quoted_line_end_at_the_split_is_read_by_one_reader() {
    // A cell of many lines across the middle of the file: the line end the
    // split falls after is inside it, so no record starts there.
    let lines = "line\n".repeat(2000);
    let bytes = people("\n", false, |i, r| {
        if i == 1000 { r.replacen("\"1000 Example Road", &format!("\"1000 Example Road\n{lines}"), 1) } else { r }
    });
    let (one, halves, joined) = both_ways(&bytes, "escr-person");
    assert!(!joined);
    assert_eq!(one, halves);
}
