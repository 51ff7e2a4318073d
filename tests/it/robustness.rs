//! No input makes a parser panic or hang (docs/reference/conventions.md). `cargo fuzz` needs a nightly
//! toolchain this project's machines cannot fetch, so these property tests throw
//! arbitrary bytes, and valid files with random damage, at every parser: dates,
//! offsets, months, the CSV layer, the staff/cases/history loaders, SSD tables, policy and
//! timescale YAML, and completed audits. Each must return a value or an error.
//! `fuzz/` holds a cargo-fuzz target for the audit path, for longer runs.

use caseaudit::calendar::dates::{Month, parse_date};
use caseaudit::calendar::offset::Offset;
use caseaudit::io::columns::ColumnMap;
use caseaudit::io::csvin::CsvFile;
use caseaudit::model::{Names, cases, history, staff};
use caseaudit::select::policy;
use caseaudit::timescales::{self, Rule};
use proptest::prelude::*;

/// A valid file with a few random edits: bytes changed, inserted or removed.
fn damaged(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    prop::collection::vec((0..len.max(1), any::<u8>(), 0u8..3), 1..8).prop_map(move |edits| {
        let mut b = valid.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at.min(b.len().saturating_sub(1));
            match kind {
                0 if !b.is_empty() => b[at] = byte,
                1 => b.insert(at, byte),
                _ if !b.is_empty() => {
                    b.remove(at);
                }
                _ => {}
            }
        }
        b
    })
}

const STAFF: &str = "staff_id,name,role,team,area,manager_id,active,audit_capacity\nSM,S,Service Manager,L,N,,true,2\nTM,T,Team Manager,T1,N,SM,yes,\nW1,W,Social Worker,T1,N,TM,true,\n";
const CASES: &str = "case_id,worker_id,team,service,area,status,opened,closed,restricted,family_id,recorded_by\nC1,W1,,Early Help,,open,01/02/2026,,no,F1,W1\nC2,W1,T1,Early Help,N,closed,2025-01-01,14/10/2026,yes,,\n";
const HISTORY: &str =
    "case_id,date,kind,worker_id,auditor_id,month\nC1,2026-01-05,audited,W1,SM,2026-01\nC2,,selected,W1,,2025-12\n";

/// A history long enough to be split past its first kilobyte, with CRLF and
/// lone-CR lines and quoted cells in its second half.
static HISTORY_LONG: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let mut s = String::from("case_id,date,kind,worker_id,auditor_id,month\n");
    for i in 0..60 {
        let eol = ["\n", "\r\n", "\r"][if i < 30 { 0 } else { i % 3 }];
        let worker = if i > 40 && i % 5 == 0 { format!("\"W{i}, x\"") } else { format!("W{i}") };
        s.push_str(&format!("C{i},2026-01-0{},{},{worker},SM,2026-01{eol}", 1 + i % 9, ["audited", "selected"][i % 2]));
    }
    s
});

/// A cases file long enough to be split past its first kilobyte.
static CASES_LONG: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| String::from_utf8(cases_file(60, |_, _| {})).expect("ASCII"));

const INVOLVEMENTS: &str = "invo_involvements_id,invo_professional_id,invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,invo_person_id\nI1,W1,T1,2026-01-01 00:00:00.000,,C1\nI2,TM,T1,01/02/2026,2026-03-01,C1\n";
const CLA_EPISODES: &str = "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_episode_ceased,clae_cla_episode_ceased_reason,clae_cla_id\nE1,C1,2026-10-02,S,2026-11-09,X1,L1\nE2,C1,2026-11-09,P,,,L1\n";
const EVENTS: &str = "case_id,event,date,dob,detail,latest,team,worker,recorded_due\nC2,cla-review,2026-01-28,,,yes,T1,W1,2026-01-30\nC1,became-looked-after,18/12/2025,01/03/2022,,,T1,W1,\nC1,cla-review,,,,,,,2026-02-01\nC2,became-looked-after,2025-12-01,,permanent,,T2,W2,\nC2,ceased-looked-after,2026-01-28,,,,,,\n";
const CLA_REVIEWS: &str = "clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_review_cancelled\nR1,L1,2026-10-28,N\nR2,L9,2026-11-01,Y\n";

fn temp(bytes: &[u8]) -> (tempfile::TempDir, String) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("f.csv");
    std::fs::write(&p, bytes).unwrap();
    let s = p.to_string_lossy().into_owned();
    (d, s)
}

type Row = (String, Option<chrono::NaiveDate>, String, &'static str, String, String);

/// A history as read: its entries and warnings, or the error.
type Read = Result<(Vec<Row>, Vec<caseaudit::error::Warning>), String>;

/// A history file read in one go, and in two halves at once: the same entries
/// in the same order, the same warnings, or the same error.
fn read_both_ways(bytes: &[u8]) -> (Read, Read) {
    let (_d, p) = temp(bytes);
    let map = ColumnMap::default();
    let row = |e: history::Entry<'_>| -> Row {
        (e.case_id.into(), e.date, e.month.to_string(), e.kind.as_str(), e.worker_id.into(), e.auditor_id.into())
    };
    let mut one = Vec::new();
    let whole = history::for_each(&p, &map, |e| one.push(row(e))).map(|w| (one, w)).map_err(|e| e.to_string());
    let split = history::for_each_split(&p, &map, 0, Vec::new, |v, e| v.push(row(e)))
        .map(|(parts, w)| (parts.concat(), w))
        .map_err(|e| e.to_string());
    (whole, split)
}

/// A history of `n` rows with the given line end, BOM, and damage.
fn history_file(
    n: usize,
    eol: &str,
    bom: bool,
    bad_at: Option<usize>,
    quote_at: Option<usize>,
    w1252_at: Option<usize>,
) -> Vec<u8> {
    let mut b: Vec<u8> = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    b.extend_from_slice(format!("case_id,date,kind,worker_id,auditor_id,month{eol}").as_bytes());
    for i in 0..n {
        let kind = if Some(i) == bad_at { "audted" } else { ["selected", "prepared", "audited"][i % 3] };
        let worker = if Some(i) == quote_at { "\"W, one\"".to_string() } else { format!("W{}", i % 7) };
        b.extend_from_slice(format!("C{:04},2026-0{}-1{},{kind},{worker},", i % 50, 1 + i % 9, i % 10).as_bytes());
        if Some(i) == w1252_at {
            b.extend_from_slice(b"O\xd5Brien");
        }
        b.extend_from_slice(format!(",2026-0{}{eol}", 1 + i % 9).as_bytes());
    }
    b
}

#[test]
fn a_history_read_in_two_halves_is_read_the_same() {
    use caseaudit::io::csvin::split_point;
    for eol in ["\n", "\r\n"] {
        // Clean: split, and the same entries.
        let f = history_file(400, eol, true, None, None, None);
        let (_d, p) = temp(&f);
        assert!(split_point(&p, 0).is_some(), "a clean file splits");
        let (whole, split) = read_both_ways(&f);
        assert_eq!(whole, split);
        assert_eq!(whole.unwrap().0.len(), 400);
        // An error in the second half: the same message and line.
        let f = history_file(400, eol, false, Some(350), None, None);
        let (whole, split) = read_both_ways(&f);
        assert!(whole.as_ref().unwrap_err().contains(":352:3:"), "{whole:?}");
        assert_eq!(whole, split);
        // Errors in both halves: the first is reported.
        let mut f = history_file(400, eol, false, Some(350), None, None);
        let at = f.windows(8).position(|w| w == b"prepared").unwrap();
        f[at..at + 8].copy_from_slice(b"prepered");
        let (whole, split) = read_both_ways(&f);
        assert_eq!(whole, split);
        // Blank lines and a BOM before the header: the second half still
        // finds the header, and its line numbers stay right.
        let mut f = vec![0xEF, 0xBB, 0xBF];
        f.extend_from_slice(eol.as_bytes());
        f.extend_from_slice(eol.as_bytes());
        f.extend_from_slice(&history_file(400, eol, false, Some(350), None, None));
        let (_d, p) = temp(&f);
        assert!(split_point(&p, 0).is_some());
        let (whole, split) = read_both_ways(&f);
        assert!(whole.as_ref().unwrap_err().contains(":354:3:"), "{whole:?}");
        assert_eq!(whole, split);
        // A quote in the first half: not split. A quote in the second: split.
        let f = history_file(400, eol, false, None, Some(10), None);
        let (_d, p) = temp(&f);
        assert!(split_point(&p, 0).is_none());
        let f = history_file(400, eol, false, None, Some(390), Some(300));
        let (_d, p) = temp(&f);
        assert!(split_point(&p, 0).is_some());
        let (whole, split) = read_both_ways(&f);
        assert_eq!(whole, split);
        assert_eq!(whole.unwrap().1.len(), 1, "the Windows-1252 warning, once");
    }
}

/// A cases file of `n` rows: teams spelt two ways, families, recorders (one
/// not in the staff file), and the damage asked for.
fn cases_file(n: usize, edit: impl Fn(usize, &mut String)) -> Vec<u8> {
    let mut s =
        String::from("case_id,worker_id,team,service,area,status,opened,closed,restricted,family_id,recorded_by\n");
    for i in 0..n {
        let team = ["T1", " t1 ", "North Team", "", "Team {i}"][i % 5].replace("{i}", &(i % 37).to_string());
        let family = if i % 4 == 0 { format!("F{}", i / 8) } else { String::new() };
        let mut row = format!(
            "C{i:04},{},{team},{},,{},2026-01-0{},,no,{family},W1;TM;X{}",
            ["W1", "TM", "", "LEAVER"][i % 4],
            ["Early Help", "CIN", "early help"][i % 3],
            ["open", "closed", ""][i % 3],
            1 + i % 9,
            i % 2
        );
        edit(i, &mut row);
        s.push_str(&row);
        s.push('\n');
    }
    s.into_bytes()
}

/// A caseload as read: each case in words, and the warnings; or the error.
type Caseload = Result<(Vec<String>, Vec<caseaudit::error::Warning>), String>;

/// A cases file read in one go, and in two halves at once.
fn cases_both_ways(bytes: &[u8]) -> (Caseload, Caseload) {
    let (_d, p) = temp(bytes);
    let map = ColumnMap::default();
    let read = |min_size: u64| -> Caseload {
        let mut names = Names::default();
        let staff_csv = CsvFile::from_reader("s.csv".into(), Box::new(STAFF.as_bytes()), "staff", &map).unwrap();
        let (staff, _) = staff::from_csv(staff_csv, &mut names).unwrap();
        let f = CsvFile::open(&p, "cases", &map).map_err(|e| e.to_string())?;
        let (cases, w) = cases::read_split(f, &p, &map, &staff, &mut names, min_size).map_err(|e| e.to_string())?;
        let shown = (0..cases.list.len() as u32)
            .map(|i| {
                let c = &cases.list[i as usize];
                let name = |n: Option<u32>| n.map(|n| names.show(n).to_string());
                format!(
                    "{} {:?} {:?} {:?} {} {:?} {:?} {:?} line {}",
                    cases.id(i),
                    c.worker,
                    name(c.team),
                    name(c.area),
                    cases.service(i),
                    (c.closed, c.opened, c.closed_on, c.restricted),
                    cases.family(i),
                    cases.recorded_by(i),
                    c.line
                )
            })
            .collect();
        Ok((shown, w))
    };
    (read(u64::MAX), read(0))
}

#[test]
fn a_plain_cases_file_is_read_as_the_usual_way_reads_it() {
    // The same rows, once plain and once with a quoted cell in the last row,
    // which sends every read of the file (and of its second half) the usual way:
    // the same cases, names, lines and warnings, in one go and in halves.
    let plain = cases_file(400, |_, _| {});
    let quoted = cases_file(400, |i, row| {
        if i == 399 {
            *row = row.replacen("C0399", "\"C0399\"", 1);
        }
    });
    // (The two files have their own names, which the warnings give.)
    let unnamed =
        |read: Caseload| read.map(|(cases, w)| (cases, w.iter().map(|w| w.message.clone()).collect::<Vec<_>>()));
    let (plain_whole, plain_split) = cases_both_ways(&plain);
    let (usual_whole, usual_split) = cases_both_ways(&quoted);
    assert_eq!(unnamed(plain_whole.clone()), unnamed(usual_whole));
    assert_eq!(unnamed(plain_split), unnamed(usual_split));
    assert!(plain_whole.unwrap().0[399].ends_with("line 401"));
}

#[test]
fn a_cases_file_read_in_two_halves_is_read_the_same() {
    // Clean: the same cases, numbers, names, families and warnings.
    let (_d, p) = temp(&cases_file(400, |_, _| {}));
    assert!(caseaudit::io::csvin::split_point(&p, 0).is_some(), "a clean file splits");
    let (whole, split) = cases_both_ways(&cases_file(400, |_, _| {}));
    assert_eq!(whole, split);
    let (cases, warnings) = whole.unwrap();
    assert_eq!(cases.len(), 400);
    assert_eq!(warnings.len(), 1, "the unknown recorders, counted over both halves: {warnings:?}");
    assert!(warnings[0].to_string().contains("400 recorded_by ids are"), "{warnings:?}");
    // A case id repeated across the halves: the repeat's line, and the first's.
    let f = cases_file(400, |i, row| {
        if i == 350 {
            *row = row.replacen("C0350", "C0010", 1);
        }
    });
    let (whole, split) = cases_both_ways(&f);
    assert!(
        whole.as_ref().unwrap_err().contains(":352:1: case_id 'C0010' appears twice (first on line 12)"),
        "{whole:?}"
    );
    assert_eq!(whole, split);
    // An id repeated within the second half after one repeated across: the
    // earlier repeat is reported, as reading in one go would.
    let f = cases_file(400, |i, row| match i {
        300 => *row = row.replacen("C0300", "C0020", 1),
        380 => *row = row.replacen("C0380", "C0370", 1),
        _ => {}
    });
    let (whole, split) = cases_both_ways(&f);
    assert!(whole.as_ref().unwrap_err().contains(":302:1:"), "{whole:?}");
    assert_eq!(whole, split);
    // A bad cell in the second half after a repeat across: the repeat first.
    let f = cases_file(400, |i, row| match i {
        300 => *row = row.replacen("C0300", "C0020", 1),
        310 => *row = row.replacen(",no,", ",maybe,", 1),
        _ => {}
    });
    let (whole, split) = cases_both_ways(&f);
    assert!(whole.as_ref().unwrap_err().contains(":302:1:"), "{whole:?}");
    assert_eq!(whole, split);
    // Bad cells in both halves: the first half's.
    let f = cases_file(400, |i, row| {
        if i == 20 || i == 310 {
            *row = row.replacen(",no,", ",maybe,", 1);
        }
    });
    let (whole, split) = cases_both_ways(&f);
    assert!(whole.as_ref().unwrap_err().contains(":22:9:"), "{whole:?}");
    assert_eq!(whole, split);
    // Windows-1252 in the second half only: warned once, the same text.
    let mut f = cases_file(400, |i, row| {
        if i == 392 {
            *row = row.replacen("North Team", "Team N\u{1}", 1);
        }
    });
    let at = f.windows(2).position(|w| w == b"N\x01").unwrap();
    f[at + 1] = 0xd5;
    let (whole, split) = cases_both_ways(&f);
    assert_eq!(whole, split);
    assert!(whole.unwrap().1.iter().any(|w| w.to_string().contains("Windows-1252")));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn split_history_reads_equal_whole_reads(h in damaged(HISTORY_LONG.as_str())) {
        let (whole, split) = read_both_ways(&h);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn split_cases_reads_equal_whole_reads(c in damaged(CASES_LONG.as_str())) {
        let (whole, split) = cases_both_ways(&c);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn text_parsers_never_panic(s in ".{0,40}") {
        let _ = parse_date(&s);
        let _ = Month::parse(&s);
        let _ = Offset::parse(&s);
        let _ = Rule::parse(&s);
        let _ = policy::parse_months(&s);
    }

    #[test]
    fn date_like_text_never_panics(d in 0u32..40, m in 0u32..40, y in 0u32..10000, sep in "[-/. ]", time in "( [0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3})?)?") {
        let _ = parse_date(&format!("{d}{sep}{m}{sep}{y}{time}"));
        let _ = parse_date(&format!("{y}{sep}{m}{sep}{d}{time}"));
    }

    #[test]
    fn csv_layer_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(mut f) = CsvFile::from_reader("f.csv".into(), Box::new(std::io::Cursor::new(bytes)), "check", &ColumnMap::default()) {
            let cols: Vec<_> = ["case_id", "worker_id", "opened", "restricted", "audit_capacity", "month"]
                .iter()
                .filter_map(|c| f.column(c).ok().flatten())
                .collect();
            while let Ok(true) = f.next_record() {
                let row = f.row();
                for &c in &cols {
                    let _ = row.text(c);
                    let _ = row.date(Some(c));
                    let _ = row.flag(Some(c), false);
                    let _ = row.count(Some(c));
                    let _ = row.month(Some(c));
                }
            }
        }
    }

    #[test]
    fn ssd_tables_never_panic(i in damaged(INVOLVEMENTS), e in damaged(CLA_EPISODES), r in damaged(CLA_REVIEWS)) {
        let d = tempfile::tempdir().unwrap();
        for (name, bytes) in [("ssd_involvements.csv", &i), ("ssd_cla_episodes.csv", &e), ("ssd_cla_reviews.csv", &r)] {
            std::fs::write(d.path().join(name), bytes).unwrap();
        }
        let dir = d.path().to_string_lossy().into_owned();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let _ = caseaudit::ssd::read(&[dir], day, &|_| true);
        // And the involvements as select's caseload.
        let map = ColumnMap::load("ssd").unwrap();
        let (_di, ip) = temp(&i);
        let mut names = Names::default();
        let inv = cases::Involvements { day: chrono::NaiveDate::MIN, caseworker: &|_| true };
        if let Ok(f) = CsvFile::open(&ip, "cases", &map) {
            let _ = caseaudit::ssd::caseload(f, &staff::Staff::default(), &mut names, &inv);
        }
    }

    #[test]
    fn events_never_panic(e in damaged(EVENTS), sorted in any::<bool>()) {
        use caseaudit::calendar::{Calendar, Region};
        use caseaudit::model::events::{EventsFile, Vocabulary};
        use caseaudit::timescales::cases::Grouping;
        use caseaudit::timescales::report::{Options, Report};
        use caseaudit::timescales::track::Context;
        let (_d, path) = temp(&e);
        let Ok(mut f) = EventsFile::open(&path, &ColumnMap::default()) else { return Ok(()) };
        let set = caseaudit::ops::config::timescales("default").unwrap();
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        let known = |e: &str| if set.knows_event(e) { Ok(()) } else { Err("unknown".to_string()) };
        let words = Vocabulary { event: &known, details: &timescales::DETAILS };
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 1, 15);
        let cx = Context { set: &set, cal: &cal, count_event_day: false, as_of, records: None };
        let opts = Options { as_of: as_of.map(|d| caseaudit::timescales::status::AsOf::new(d, &cal).unwrap()), ..Options::default() };
        let mut report = Report::new(cx, opts);
        let mut grouping = Grouping::new(sorted);
        let mut cases = Vec::new();
        while let Ok(Some(row)) = f.next_row(&words) {
            let Ok(row) = row else { continue };
            match grouping.add(&row.case_id, row.holder(), row.item.clone()) {
                Ok(Some(c)) => cases.push(c),
                Ok(None) => {}
                Err(_) => break,
            }
        }
        cases.extend(grouping.finish());
        for mut c in cases {
            let _ = report.case(&mut c);
        }
    }

    #[test]
    fn loaders_never_panic_on_damaged_files(s in damaged(STAFF), c in damaged(CASES), h in damaged(HISTORY)) {
        let map = ColumnMap::default();
        let mut names = Names::default();
        let (_ds, sp) = temp(&s);
        let (_dc, cp) = temp(&c);
        let (_dh, hp) = temp(&h);
        let staff = staff::load(&sp, &map, &mut names).map(|x| x.0).unwrap_or_default();
        let _ = cases::load(&cp, &map, &staff, &mut names);
        let _ = history::for_each(&hp, &map, |_| {});
    }

    #[test]
    fn policy_yaml_never_panics(text in damaged(policy::BUILT_IN[1].1)) {
        let _ = policy::parse("p.yaml", &String::from_utf8_lossy(&text));
    }

    #[test]
    fn timescale_yaml_never_panics(text in damaged(timescales::BUILT_IN[1].1)) {
        let (_d, p) = temp(&text);
        let _ = caseaudit::ops::config::timescales(&p);
    }

    /// The `validate` path (also a cargo-fuzz target, `fuzz/`): damaged audits of
    /// every template, checked against every template.
    #[test]
    fn audit_checks_never_panic(
        qp in damaged(include_str!("../../examples/audits/quality-practice-valid.yaml")),
        gp in damaged(include_str!("../../examples/audits/good-practice-valid.yaml")),
        escr in damaged(include_str!("../../examples/audits/escr-valid.yaml")),
    ) {
        for bytes in [qp, gp, escr] {
            audit_path(&bytes);
        }
    }

    /// The `check` path (also a cargo-fuzz target): damaged exports through every
    /// built-in rule set, and damaged rule sets over a valid export.
    #[test]
    fn check_never_panics(
        csv in damaged(include_str!("../../examples/check/escr-documents-invalid.csv")),
        set in damaged(include_str!("../../rules/escr-documents.yaml")),
    ) {
        for (name, _) in caseaudit::check::BUILT_IN {
            check_path(&caseaudit::ops::config::rule_set(name).unwrap(), &csv);
        }
        if let Ok(set) = caseaudit::check::parse("r.yaml", &String::from_utf8_lossy(&set)) {
            check_path(&set, include_bytes!("../../examples/check/escr-documents-invalid.csv"));
        }
    }

    #[test]
    fn check_never_panics_on_arbitrary_schemas(text in "[a-z_{}\\[\\]:, \n%.0-9\"]{0,200}") {
        let _ = caseaudit::check::parse("r.yaml", &format!("fields:\n  - {{name: a, {text}}}\n"));
        let _ = caseaudit::check::parse("r.yaml", &text);
    }

    #[test]
    fn audit_checks_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        audit_path(&bytes);
    }
}

fn check_path(set: &caseaudit::check::RuleSet, csv: &[u8]) {
    use caseaudit::check::engine;
    let cal = caseaudit::calendar::Calendar::new(caseaudit::calendar::Region::EnglandAndWales, Default::default());
    let cx = engine::Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        calendar: &cal,
        count_event_day: false,
    };
    let Ok(mut file) = CsvFile::from_reader(
        "f.csv".into(),
        Box::new(std::io::Cursor::new(csv.to_vec())),
        "check",
        &ColumnMap::default(),
    ) else {
        return;
    };
    let Ok((mut e, _)) = engine::Engine::new(set, &file, &cx) else { return };
    let mut out = Vec::new();
    while let Ok(true) = file.next_record() {
        e.row(&file, &mut out);
    }
    e.finish(&mut out);
    for f in &out {
        assert!(f.line >= 1 && (f.record == 0 || f.line > 1), "{f:?}");
    }
}

fn audit_path(bytes: &[u8]) {
    use caseaudit::checklist::{self, audit};
    use caseaudit::yaml;
    let Ok(text) = yaml::tree::decode(bytes) else { return };
    let Ok(tree) = yaml::tree::parse(&text) else { return };
    let cal = caseaudit::calendar::Calendar::new(caseaudit::calendar::Region::EnglandAndWales, Default::default());
    let cx = audit::Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        calendar: &cal,
        count_event_day: false,
        staff: None,
    };
    for (name, _) in checklist::BUILT_IN {
        let t = caseaudit::ops::config::template(name).unwrap();
        for f in audit::check(&tree, &t, &cx) {
            assert!(f.line as usize <= yaml::tree::lines(&text).len() + 1, "{f:?}");
        }
    }
    let _ = yaml::tree::to_json(&tree);
}

/// A "billion laughs" document is refused by the YAML budget, quickly.
#[test]
fn yaml_alias_bomb_is_refused() {
    let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        doc.push_str(&format!("a{i}: &a{i} [{p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}]\n", p = prev));
    }
    doc.push_str("name: bomb\n");
    let started = std::time::Instant::now();
    assert!(policy::parse("bomb.yaml", &doc).is_err());
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    let deep = format!("name: {}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert!(policy::parse("deep.yaml", &deep).is_err());
}
