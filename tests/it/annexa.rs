//! Annex A workbooks (docs/reference/input-files.md): the published messy sample is read without
//! error, and every dirty value in it is either used correctly or reported with
//! its sheet, row and column.

use crate::common;

use caseaudit::annexa;
use caseaudit::io::cell::Entered;
use chrono::NaiveDate;

fn sample() -> annexa::Workbook {
    annexa::read_workbook(&format!("{}/tests/data/annex-a-sample.xlsx", env!("CARGO_MANIFEST_DIR")))
        .expect("the sample reads")
}

fn date(y: i32, m: u32, d: u32) -> Entered {
    Entered::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

#[test]
fn the_sample_workbook_reads() {
    let wb = sample();
    let found: Vec<u8> = wb.lists.keys().copied().collect();
    assert_eq!(found, [3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(wb.lists[&3].rows.len(), 6);
    assert_eq!(wb.lists[&8].rows.len(), 5);
}

#[test]
fn clean_values_are_used() {
    let wb = sample();
    let l3 = &wb.lists[&3].rows[0];
    assert_eq!(l3.row, 2);
    // A number cell holding an id becomes its digits.
    assert_eq!(l3.get("child_id"), &Entered::Text("6537810".into()));
    // A date cell.
    assert_eq!(l3.get("referral_date"), &date(2020, 9, 16));
    assert_eq!(l3.get("date_of_birth"), &date(2004, 7, 18));
    // A non-breaking space inside a name is an ordinary space.
    assert_eq!(l3.get("worker"), &Entered::Text("Dustin Hazlett".into()));
    assert_eq!(l3.get("team"), &Entered::Text("Multi Agency Safeguarding Hub".into()));
    // "(Y/N))" with its doubled bracket, and "Age" for "Age of Child (Years)", match.
    let l8 = &wb.lists[&8].rows[0];
    assert_eq!(l8.get("cla_start"), &date(2009, 8, 6));
    assert_eq!(l8.get("latest_review"), &date(2021, 1, 12));
}

#[test]
fn dirty_values_are_reported_with_sheet_row_and_column() {
    let wb = sample();
    let shown: Vec<String> = wb.warnings.iter().map(|w| w.to_string()).collect();
    // #N/A in List 6's Allocated Team (column M) and Worker (N), from row 2.
    assert!(
        shown.iter().any(|w| w.starts_with("List 6!M2: 'Allocated Team': the cell holds the error #N/A")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|w| w.starts_with("List 6!N2: 'Allocated Worker'")), "{shown:#?}");
    // List 9 has no pathway-plan or contact dates in this sample: said once each.
    assert!(
        shown.iter().any(|w| w
            == "List 9: List 9 has no 'date of latest pathway plan review' column; what depends on it is not checked"),
        "{shown:#?}"
    );
    // Every warning names a sheet; cell warnings name a row and a column.
    for w in &wb.warnings {
        assert!(w.sheet.starts_with("List "), "{w}");
        assert_eq!(w.row == 0, w.column.is_empty(), "{w}");
    }
}

fn caseaudit(args: &[&str]) -> std::process::Output {
    common::output(args)
}

fn rows(o: &std::process::Output) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(&o.stdout[..]).records().map(Result::unwrap).collect()
}

#[test]
fn due_from_the_sample_workbook() {
    let o =
        caseaudit(&["due", "--annex-a", "tests/data/annex-a-sample.xlsx", "--as-of", "2021-03-31", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1), "overdue items exit 1: {}", String::from_utf8_lossy(&o.stderr));
    let rows = rows(&o);
    // List 5: a strategy discussion on 16 September 2020 and an ICPC on 1 October.
    let icpc = rows.iter().find(|r| &r[0] == "11578763" && &r[3] == "icpcc").expect("row");
    assert_eq!(
        (&icpc[4], &icpc[9], &icpc[8], &icpc[11], &icpc[12]),
        ("2020-10-07", "met", "2020-10-01", "Locality 2 Duty Team", "Janee Garwood")
    );
    // Strategy discussions on the same day and no ICPC since, but the list says
    // a conference was deemed unnecessary: none is owed (docs/timescales.md).
    for child in ["10273003", "4073694"] {
        assert!(!rows.iter().any(|r| &r[0] == child && &r[3] == "icpcc"), "{child}");
    }
    // List 7: the first review conference (3 months) was met on 16 February 2021.
    let rcpc = rows.iter().find(|r| &r[0] == "10721552" && &r[3] == "first-rcpcc").expect("row");
    assert_eq!((&rcpc[7], &rcpc[8]), ("met", "2021-02-16"));
    // Annex A has no core groups: that obligation is untracked, never overdue.
    let core = rows.iter().find(|r| &r[0] == "10721552" && &r[3] == "first-core-group").expect("row");
    assert_eq!(&core[9], "untracked");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("List 6!M2: 'Allocated Team': the cell holds the error #N/A"), "{err}");
}

/// A workbook built here with known dates, some as date cells, some as text
/// or Excel serial numbers, under headers typed the messy way.
#[test]
fn due_from_a_built_workbook_crosses_christmas() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annex-a.xlsx");
    let mut wb = Workbook::new();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let s = wb.add_worksheet().set_name("list5").unwrap();
    let headers = [
        "Child Unique ID",
        "Date of\u{a0}Birth",
        "Strategy discussion initiating Section 47 Enquiry Start Date ",
        "Date of Initial Child Protection Conference",
        "Allocated Team",
        "Allocated Worker",
    ];
    for (c, h) in headers.iter().enumerate() {
        s.write_string(0, c as u16, *h).unwrap();
    }
    // C1: strategy discussion Tuesday 15 December 2026, as a date cell: the ICPC
    // is due 15 working days later, over Christmas, Boxing Day (substitute
    // Monday 28th) and New Year's Day: Friday 8 January 2027.
    s.write_number(1, 0, 1001).unwrap();
    s.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2026, 12, 15).unwrap(), &date_format).unwrap();
    s.write_string(1, 4, "Team A").unwrap();
    s.write_string(1, 5, "W\u{a0}One").unwrap();
    // C2: the same date as text, UK order, and an ICPC held on time (serial number).
    s.write_number(2, 0, 1002).unwrap();
    s.write_string(2, 2, "15/12/2026").unwrap();
    s.write_number(2, 3, 46395).unwrap(); // 8 January 2027
    s.write_string(2, 4, "#N/A").unwrap();
    // C3: a US-order date: reported, not guessed.
    s.write_number(3, 0, 1003).unwrap();
    s.write_string(3, 2, "12/15/2026").unwrap();
    wb.save(&path).unwrap();

    let p = path.to_str().unwrap();
    let o = caseaudit(&["due", "--annex-a", p, "--as-of", "2027-01-11", "--format", "csv"]);
    let rows = rows(&o);
    let icpc = |id: &str| rows.iter().find(|r| &r[0] == id && &r[3] == "icpcc").cloned();
    let c1 = icpc("1001").expect("C1");
    assert_eq!((&c1[4], &c1[7], &c1[9], &c1[11], &c1[12]), ("2027-01-08", "outstanding", "overdue", "Team A", "W One"));
    let c2 = icpc("1002").expect("C2");
    assert_eq!((&c2[4], &c2[7], &c2[8], &c2[11]), ("2027-01-08", "met", "2027-01-08", ""));
    assert!(icpc("1003").is_none());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("list5!E3: 'Allocated Team': the cell holds #N/A; read as missing"), "{err}");
    assert!(
        err.contains(
            "list5!C4: 'Strategy discussion initiating Section 47 Enquiry Start Date': '12/15/2026' has month 15"
        ),
        "{err}"
    );
}

/// A workbook missing lists, with a header renamed by hand: what can be read is
/// used, and what cannot is said once (exit 2 is only for nothing usable).
#[test]
fn missing_lists_and_renamed_headers_are_said_not_fatal() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partial.xlsx");
    let mut wb = Workbook::new();
    let s = wb.add_worksheet().set_name("List 7").unwrap();
    for (c, h) in
        ["Child Unique ID", "CP Plan Start", "Date of the Last Statutory Visit", "Allocated Team"].iter().enumerate()
    {
        s.write_string(0, c as u16, *h).unwrap();
    }
    s.write_string(1, 0, "C7").unwrap();
    s.write_string(1, 2, "02/11/2026").unwrap();
    s.write_string(1, 3, "Team B").unwrap();
    wb.save(&path).unwrap();
    let o = caseaudit(&["due", "--annex-a", path.to_str().unwrap(), "--as-of", "2026-11-22", "--format", "csv"]);
    let err = String::from_utf8_lossy(&o.stderr);
    // The visit on 2 November makes the next due 10 days later (12 November):
    // overdue, exit 1, not 2.
    assert_eq!(o.status.code(), Some(1), "{err}");
    let found = rows(&o);
    let visit = found.iter().find(|r| &r[0] == "C7" && &r[3] == "next-cp-visit").expect("row");
    assert_eq!((&visit[4], &visit[9], &visit[11]), ("2026-11-12", "overdue", "Team B"));
    // The renamed header is named once; the missing lists are listed.
    assert!(err.contains("List 7 has no 'child protection plan start date' column"), "{err}");
    assert!(err.contains("Lists 7 read; not found: 3, 4, 5, 6, 8, 9"), "{err}");
}

#[test]
fn unusable_workbooks_exit_2_with_a_clear_line() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Notes").unwrap().write_string(0, 0, "nothing here").unwrap();
    wb.save(&notes).unwrap();
    let corrupt = dir.path().join("corrupt.xlsx");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not really a zip file").unwrap();
    // A password-protected workbook: an OLE container holding an encrypted package.
    let locked =
        std::path::PathBuf::from(format!("{}/tests/data/exports/staff-password.xlsx", env!("CARGO_MANIFEST_DIR")));
    for (path, expect) in [
        (notes, "has none of Lists 3-9"),
        (corrupt, "is damaged, or not a workbook Excel can open"),
        (locked, "is password-protected"),
        (dir.path().join("missing.xlsx"), "missing.xlsx"),
    ] {
        let p = path.to_str().unwrap();
        for o in [
            caseaudit(&["due", "--annex-a", p]),
            caseaudit(&["select", "--staff", "examples/staff.csv", "--annex-a", p]),
        ] {
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert!(err.starts_with("error: ") && err.contains(expect), "{err}");
            assert!(!err.contains("panicked"));
        }
    }
}

/// A placeholder date (1900-01-01) in a list is reported and read as missing;
/// the rest of the list is used.
#[test]
fn placeholder_dates_are_missing_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("List 7.csv");
    std::fs::write(
        &list,
        "Child Unique ID,Date of Birth,Child Protection Plan Start Date,Date of the Last Statutory Visit\n\
         C1,01/01/2015,01/01/1900,02/11/2026\nC2,01/01/1970,01/09/2026,\n",
    )
    .unwrap();
    let o = caseaudit(&["due", "--annex-a", list.to_str().unwrap(), "--as-of", "2026-11-22", "--format", "csv"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("List 7!C2: 'Child Protection Plan Start Date': 1900-01-01 is outside the years"), "{err}");
    // A date of birth before 1978 is only a date of birth.
    assert!(!err.contains("!B3"), "{err}");
    let found = rows(&o);
    assert!(found.iter().any(|r| &r[0] == "C1" && &r[3] == "next-cp-visit"), "the visit is still used");
    assert!(found.iter().any(|r| &r[0] == "C2" && &r[3] == "first-rcpcc"));
}

/// Lists saved as CSV files: found by file name or by headers, merged.
#[test]
fn due_from_csv_lists() {
    let dir = tempfile::tempdir().unwrap();
    // List 7 by its file name; a CP visit due every 10 days from the last.
    let l7 = dir.path().join("List 7.csv");
    std::fs::write(
        &l7,
        "Child Unique ID,Date of Birth,Child Protection Plan Start Date,Date of the Last Statutory Visit,Date of latest review conference,Allocated Team,Allocated Worker\n\
         2001,01/02/2020,03/11/2026,18/12/2026,,Team B,W Two\n\
         2002,#N/A,2026-11-03,not known,,Team B,W Two\n",
    )
    .unwrap();
    // List 8 found by its headers (the file is called export.csv).
    let l8 = dir.path().join("export.csv");
    std::fs::write(
        &l8,
        "child unique id,date of birth,Date Started to be Looked After,Date of Latest Statutory Review,Date of Last Social Work Visit,Date of last health assessment,Date of last dental check,Date Ceased to be Looked After,allocated team,allocated worker\n\
         3001,2012-05-05,2026-10-01,,2026-10-20,2026-10-15,,,Team C,W Three\n",
    )
    .unwrap();
    let o = caseaudit(&[
        "due",
        "--annex-a",
        l7.to_str().unwrap(),
        "--annex-a",
        l8.to_str().unwrap(),
        "--as-of",
        "2026-12-31",
        "--format",
        "csv",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    let rows = rows(&o);
    let find = |id: &str, ob: &str| {
        rows.iter().find(|r| &r[0] == id && &r[3] == ob).cloned().unwrap_or_else(|| panic!("{id} {ob}: {err}"))
    };
    // 18 December + 10 days = 28 December: overdue as of the 31st.
    let visit = find("2001", "next-cp-visit");
    assert_eq!((&visit[4], &visit[9], &visit[11]), ("2026-12-28", "overdue", "Team B"));
    // Looked after from 1 October 2026: the first review is due within 20 working days.
    let review = find("3001", "first-cla-review");
    assert_eq!((&review[4], &review[9], &review[12]), ("2026-10-29", "overdue", "W Three"));
    assert!(err.contains("List 7!B3: 'Date of Birth': the cell holds #N/A; read as missing"), "{err}");
    assert!(err.contains("List 7!D3: 'Date of the Last Statutory Visit': 'not known' is not a date"), "{err}");
}

#[test]
fn managers_get_a_summary_by_team() {
    let o = caseaudit(&[
        "due",
        "--annex-a",
        "tests/data/annex-a-sample.xlsx",
        "--as-of",
        "2021-03-31",
        "--by-team",
        "--format",
        "csv",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "team,obligation,overdue,due_soon,open,children,to_check");
    // The List 6 children's team is #N/A in the sample: counted, not lost.
    assert!(lines.contains(&"(no team),next-cin-visit,4,1,0,5,0"), "{out}");
    assert!(lines.contains(&"Children in Care Team 1,next-cla-visit,2,1,0,3,0"), "{out}");
    assert_eq!(o.status.code(), Some(1));
}

/// The caseload from the lists, workers matched to the staff file by name.
#[test]
fn select_takes_the_caseload_from_annex_a() {
    let dir = tempfile::tempdir().unwrap();
    let staff = dir.path().join("staff.csv");
    // Names as they appear in the sample (synthetic), typed with ordinary spaces
    // and other capitals; two teams in two areas, managers above them.
    std::fs::write(
        &staff,
        "staff_id,name,role,team,area,manager_id\n\
         SM1,Service Manager One,Service Manager,Leadership,East,\n\
         TM1,Team Manager One,Team Manager,Children in Care Team 1,East,SM1\n\
         TM2,Team Manager Two,Team Manager,Locality 4 Unit 1,East,SM1\n\
         S1,Lexie Defore,Social Worker,Children in Care Team 1,East,TM1\n\
         S2,EZRA LEIGH,Social Worker,Locality 4 Unit 1,East,TM2\n\
         S3,Petra Wills,Social Worker,Locality 4 Unit 1,East,TM2\n\
         S4,Petra Wills,Social Worker,Locality 4 Unit 1,East,TM2\n",
    )
    .unwrap();
    let o = caseaudit(&[
        "--today",
        "2021-03-31",
        "select",
        "--staff",
        staff.to_str().unwrap(),
        "--annex-a",
        "tests/data/annex-a-sample.xlsx",
        "--month",
        "2021-03",
        "--format",
        "csv",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let rows = rows(&o);
    let workers: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    // S1 and S2 each get one of their children's files; S3/S4 share a name, so
    // neither can be matched.
    assert!(workers.contains(&"S1") && workers.contains(&"S2"), "{workers:?}\n{err}");
    assert!(!workers.contains(&"S3") && !workers.contains(&"S4"));
    // Every selected case is a child from the lists.
    assert!(rows.iter().all(|r| r[1].chars().all(|c| c.is_ascii_digit())), "{rows:?}");
    assert!(err.contains("allocated worker 'Petra Wills' matches two people in the staff file"), "{err}");
    assert!(err.contains("allocated worker 'Hallie Erwin' is not a name in the staff file"), "{err}");
}

/// Annex A is a snapshot: List 8 gives a child's latest review, visit, health
/// assessment and dental check, not every one. Child 1761444 has been looked
/// after since 2009; its latest review (12 January 2021) is not its first.
#[test]
fn a_snapshot_is_not_a_history() {
    let run = |extra: &[&str]| {
        let mut args = vec!["due", "--annex-a", "tests/data/annex-a-sample.xlsx", "--as-of", "2021-03-31"];
        args.extend_from_slice(extra);
        args.extend(["--format", "csv"]);
        caseaudit(&args)
    };
    let o = run(&[]);
    let listed = rows(&o);
    let child: Vec<&csv::StringRecord> = listed.iter().filter(|r| &r[0] == "1761444").collect();
    // The latest review is at least the second: the next is 6 months on.
    let review = child.iter().find(|r| &r[3] == "next-cla-review").expect("next review");
    assert_eq!((&review[2], &review[4], &review[9], &review[10]), ("2021-01-12", "2021-07-12", "open", "103"));
    // Nothing from 2009 is listed by default: the data cannot judge it, and it
    // fell due before the period the return covers.
    assert!(child.iter().all(|r| !r[2].starts_with("2009")), "{child:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("untracked obligations from before 2020-03-31 that the data cannot judge (--all lists them)"));
    // --all lists them: untracked, with a note saying why; never late.
    let all = rows(&run(&["--all"]));
    let old: Vec<&csv::StringRecord> = all.iter().filter(|r| &r[0] == "1761444" && r[2].starts_with("2009")).collect();
    // Seven, and the placement agreement meeting owed before the first
    // placement (docs/timescales.md).
    assert_eq!(old.len(), 8, "{old:?}");
    for r in &old {
        assert_eq!(&r[9], "untracked", "{r:?}");
    }
    for (obligation, latest) in [
        ("first-visit", "cla-visit is known (2021-01-06)"),
        ("first-cla-review", "cla-review is known (2021-01-12)"),
        ("initial-health-assessment", "health-assessment is known (2020-05-27)"),
        ("dental-check", "dental-check is known (2020-01-17)"),
    ] {
        let r = old.iter().find(|r| &r[3] == obligation).unwrap();
        assert!(r[13].contains(latest), "{obligation}: {:?}", &r[13]);
    }
    // Nowhere in the sample does a latest date make an obligation late.
    for r in &all {
        assert!(!(&r[9] == "late" && &r[2] < "2020-01-01"), "{r:?}");
    }
}

/// A latest review the dates cannot place: taken as the first (the earlier due
/// date), and the note says what the other reading gives. One the dates can
/// place as at least the second: 6 months, no note.
#[test]
fn which_review_a_latest_review_was() {
    let dir = tempfile::tempdir().unwrap();
    let l8 = dir.path().join("List 8.csv");
    std::fs::write(
        &l8,
        "Child Unique ID,Date of Birth,Date Started to be Looked After,Date of Latest Statutory Review,Allocated Team,Allocated Worker\n\
         4001,2015-01-01,04/01/2021,15/02/2021,Team D,W Four\n\
         4002,2015-01-01,06/01/2020,01/09/2020,Team D,W Four\n",
    )
    .unwrap();
    let o = caseaudit(&["due", "--annex-a", l8.to_str().unwrap(), "--as-of", "2021-03-31", "--format", "csv"]);
    let rows = rows(&o);
    let find = |id: &str, ob: &str| rows.iter().find(|r| &r[0] == id && &r[3] == ob).cloned().unwrap();
    // 4001: first review due 1 February 2021; the latest, 15 February, may be
    // the first (held late) or a second: within 3 months of the first's due
    // date, the dates cannot tell.
    let next = find("4001", "next-cla-review");
    assert_eq!((&next[4], &next[5]), ("2021-05-15", "3 months"));
    assert!(next[13].contains("the earlier possible due date is used (2021-08-15 if it was a later one)"), "{next:?}");
    let first = find("4001", "first-cla-review");
    assert_eq!(&first[9], "untracked");
    // 4002: first review due 3 February 2020; 1 September is more than 3
    // months after that, so at least the second.
    let next = find("4002", "next-cla-review");
    assert_eq!((&next[4], &next[5], &next[13]), ("2021-03-01", "6 months", ""));
}
