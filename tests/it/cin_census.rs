//! The CIN census through the library: the shared test returns as they are,
//! and a generated census of 30,000 children whose planted timescales the
//! indicators must count exactly.

#[path = "../../examples/generate_cin.rs"]
#[allow(dead_code)]
mod generate_cin;

use caseaudit::calendar::{Calendar, Region};
use caseaudit::cin::Census;
use caseaudit::model::census::CensusYear;
use caseaudit::timeliness::cin::Tally;
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn open(path: &std::path::Path) -> Census {
    let f = std::fs::File::open(path).unwrap();
    Census::new(&path.display().to_string(), Box::new(f)).unwrap()
}

#[test]
fn thirty_thousand_children_count_as_planted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("census.xml");
    let planted = generate_cin::write(30_000, 2026, &path).unwrap();
    let mut census = open(&path);
    let reference = census.header.reference_date.unwrap().date;
    assert_eq!(reference, d(generate_cin::REFERENCE_DATE));
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let year = CensusYear::ending(reference);
    assert_eq!(year.start, d(generate_cin::YEAR_START));
    let mut tally = Tally::new(year, reference, &cal, false);
    let mut children = 0;
    while let Some(child) = census.next_child().unwrap() {
        tally.add(&child);
        children += 1;
    }
    assert_eq!(children, 30_000);
    // The generated file is well formed and consistent: no findings.
    let findings = census.take_findings();
    assert!(findings.is_empty(), "{:?}", &findings[..findings.len().min(5)]);
    let got: Vec<(u64, u64, u64)> =
        tally.figures().iter().map(|f| (f.numerator, f.denominator, f.not_counted)).collect();
    assert_eq!(got, planted.rows());
    // Every indicator has something in it, on both sides of its limit.
    for (i, (n, den, _)) in planted.rows().iter().enumerate() {
        assert!(*n > 100 && den - n > 100, "indicator {i}: {n} of {den}");
    }
    // Some of what the data cannot judge is planted too.
    assert!(planted.assessments.2 > 0 && planted.icpcs.2 > 0 && planted.reviews.2 > 0 && planted.repeats.2 > 0);
}

#[test]
fn the_same_seed_writes_the_same_census() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a.xml"), dir.path().join("b.xml"), dir.path().join("c.xml"));
    assert_eq!(generate_cin::write(200, 7, &a).unwrap(), generate_cin::write(200, 7, &b).unwrap());
    generate_cin::write(200, 8, &c).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_ne!(std::fs::read(&a).unwrap(), std::fs::read(&c).unwrap());
}

/// The shared returns as they are: what each holds, and every finding.
#[test]
fn the_shared_test_returns() {
    let read = |name: &str| {
        let mut c = open(std::path::Path::new(&format!("tests/data/cin-census/{name}")));
        let mut children = Vec::new();
        while let Some(child) = c.next_child().unwrap() {
            children.push(child);
        }
        let findings: Vec<String> = c.take_findings().iter().map(ToString::to_string).collect();
        (c, children, findings)
    };
    let (c, children, findings) = read("fake_CIN_data.xml");
    assert_eq!((c.header.reference_date.unwrap().date, children.len()), (d("2022-07-21"), 332));
    // Its dates run to 2031, past its reference date: each is said.
    assert_eq!(findings.len(), 23);
    assert!(findings.iter().all(|f| f.ends_with("is after the census's <ReferenceDate> 2022-07-21")), "{findings:?}");
    let (_, children, findings) = read("CIN_Census_2024.xml");
    assert_eq!(children.len(), 2);
    assert!(findings.iter().any(|f| {
        f.contains("<AssessmentActualStartDate> 2028-04-28 is after the census's <ReferenceDate> 2024-03-31")
    }));
    assert!(
        findings
            .iter()
            .any(|f| f.contains("<AssessmentActualStartDate> 2023-12-25 is before <CINreferralDate> 2024-10-24"))
    );
    assert!(findings.iter().any(|f| f.contains("stray text 'PersonBirthDate'")));
    let (_, children, findings) = read("CIN_Census_2021.xml");
    assert_eq!(children[0].episodes[0].referral, None);
    assert!(findings.iter().any(|f| f.contains("<CINreferralDate> '1970-10-06': 1970-10-06 is outside the years")));
    let (_, children, _) = read("CIN_Census_2026.xml");
    assert_eq!(children.len(), 2);
    let (_, children, _) = read("CIN2rows.xml");
    assert_eq!(children[0].episodes[0].cp_plans.len(), 2);
}

/// What the census year cannot show is untracked, never late: an assessment
/// owed on a referral before the year may have been completed before it (and
/// so is not in the return); one owed on a referral in the year is owed.
#[test]
fn what_the_year_cannot_show_is_untracked() {
    use caseaudit::timescales::track::{Context, Outcome, track};
    let xml = "<Message><Header><CollectionDetails><Collection>CIN</Collection>\
        <ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header><Children>\
        <Child><ChildIdentifiers><LAchildID>A</LAchildID></ChildIdentifiers>\
        <CINdetails><CINreferralDate>2023-02-01</CINreferralDate></CINdetails>\
        <CINdetails><CINreferralDate>2023-06-01</CINreferralDate></CINdetails></Child></Children></Message>";
    let mut census = Census::new("c.xml", Box::new(std::io::Cursor::new(xml.as_bytes().to_vec()))).unwrap();
    let child = census.next_child().unwrap().unwrap();
    let set = caseaudit::ops::config::timescales("statutory").unwrap();
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let cx = Context { set: &set, cal: &cal, count_event_day: false, as_of: Some(d("2024-03-31")), records: None };
    let outcome = |case: &mut caseaudit::model::events::Case| {
        let t = track(&cx, case).unwrap();
        let a = t.rows.into_iter().find(|r| r.due.entry.obligation == "child-and-family-assessment").unwrap();
        (a.outcome, a.note.map(|n| n.to_string()))
    };
    let mut cases = caseaudit::cin::cases(&child, Some(CensusYear::ending(d("2024-03-31"))));
    assert_eq!(
        outcome(&mut cases[0]),
        (
            Outcome::Untracked,
            Some("the census holds assessment-completed dates from 2023-04-01 only (its year)".into())
        )
    );
    assert_eq!(outcome(&mut cases[1]), (Outcome::Outstanding, None));
}
