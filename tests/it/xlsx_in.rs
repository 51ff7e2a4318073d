//! Workbooks as input (docs/reference/input-files.md): the staff, cases and history of `examples/`
//! written as `.xlsx` (with date cells, Excel serials and text dates) select
//! the same files, byte for byte, as the CSV files; a bad workbook is one line
//! naming the sheet and the cell.

use crate::common;

use calamine::{Reader, open_workbook_auto};
use chrono::{Datelike, NaiveDate};
use common::output;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

/// How a date column's cells are written.
#[derive(Clone, Copy)]
enum Dates {
    /// Date cells shown dd/mm/yyyy.
    Cells,
    /// The Excel serial number, as a plain number.
    Serials,
    /// Text, as typed (`11/03/2025` or `2026-09-15`).
    Text,
}

/// Writes `csv` as sheet `sheet` of a new workbook at `out`, the columns
/// named in `dates` written as dates the given way; numbers as numbers.
fn to_xlsx(csv: &str, out: &Path, sheet: &str, dates: &[(&str, Dates)]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let shown = Format::new().set_num_format("dd/mm/yyyy");
    let mut r = csv::Reader::from_path(csv).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (i, rec) in r.records().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in rec.unwrap().iter().enumerate() {
            let how = dates.iter().find(|(n, _)| *n == header[c]).map(|(_, d)| *d);
            let date = caseaudit::calendar::dates::parse_date(v).ok();
            match (how, date) {
                (Some(Dates::Cells), Some(d)) => {
                    let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                    ws.write_datetime_with_format(row, c as u16, &x, &shown).unwrap();
                }
                (Some(Dates::Serials), Some(d)) => {
                    let serial = (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
                    ws.write_number(row, c as u16, serial as f64).unwrap();
                }
                _ if v.is_empty() => {}
                _ => {
                    ws.write_string(row, c as u16, v).unwrap();
                }
            }
        }
    }
    book.save(out).unwrap();
}

fn select(staff: &str, cases: &str, history: &str) -> (i32, Vec<u8>, String) {
    let o = output(&[
        "--today",
        "2026-12-02",
        "--format",
        "csv",
        "select",
        "--staff",
        staff,
        "--cases",
        cases,
        "--history",
        history,
        "--month",
        "2026-11",
    ]);
    (o.status.code().unwrap_or(-1), o.stdout, String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn a_workbook_selects_what_its_csv_selects() {
    let d = tempfile::tempdir().unwrap();
    let staff = d.path().join("staff.xlsx");
    let cases = d.path().join("cases.xlsx");
    let history = d.path().join("history.xlsx");
    to_xlsx("examples/staff.csv", &staff, "Staff", &[]);
    to_xlsx("examples/cases.csv", &cases, "Cases", &[("opened", Dates::Serials), ("closed", Dates::Text)]);
    to_xlsx("examples/audits.csv", &history, "Audits", &[("date", Dates::Cells)]);
    let want = select("examples/staff.csv", "examples/cases.csv", "examples/audits.csv");
    assert_eq!(want.0, 0, "{}", want.2);
    let (s, c, h) = (staff.to_str().unwrap(), cases.to_str().unwrap(), history.to_str().unwrap());
    let got = select(s, c, h);
    assert_eq!(got.0, 0, "{}", got.2);
    assert_eq!(String::from_utf8_lossy(&got.1), String::from_utf8_lossy(&want.1));
    // Naming the sheet gives the same; the first sheet is the default.
    let named = select(&format!("{s}#Staff"), &format!("{c}#Cases"), &format!("{h}#Audits"));
    assert_eq!(named.1, want.1);
    // The workbooks were what the test meant: dates typed three ways.
    let mut book = open_workbook_auto(&history).unwrap();
    let range = book.worksheet_range("Audits").unwrap();
    assert!(range.rows().nth(1).is_some_and(|r| matches!(r[1], calamine::Data::DateTime(_))));
    let mut book = open_workbook_auto(&cases).unwrap();
    let range = book.worksheet_range("Cases").unwrap();
    assert!(range.rows().nth(1).is_some_and(|r| matches!(r[6], calamine::Data::Float(_))));
}

#[test]
fn bad_workbooks_are_one_line_naming_the_place() {
    let d = tempfile::tempdir().unwrap();
    let run = |staff: &str| {
        let o = output(&["select", "--staff", staff, "--cases", "examples/cases.csv", "--month", "2026-11"]);
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let one_line = |(code, err): (Option<i32>, String), want: &str| {
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "want {want:?} in {err}");
    };

    // Not a zip at all.
    let fake = d.path().join("fake.xlsx");
    std::fs::write(&fake, "staff_id,role\nW1,Social Worker\n").unwrap();
    one_line(run(fake.to_str().unwrap()), "fake.xlsx: this file is CSV (or other) text named .xlsx");

    // An OLE container without an encrypted package is a legacy workbook,
    // not a password-protected one (tests/it/exports.rs reads a real one).
    let legacy = d.path().join("legacy.xlsx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(&legacy, ole).unwrap();
    one_line(run(legacy.to_str().unwrap()), "legacy.xlsx: this file is an Excel 97-2003 workbook (.xls) named .xlsx");
    one_line(run("tests/data/exports/staff-password.xlsx"), "staff-password.xlsx: is password-protected (encrypted)");

    // A workbook through a pipe cannot be renamed: it is saved as a file.
    let bin = env!("CARGO_BIN_EXE_caseaudit");
    let piped = std::process::Command::new("bash")
        .args(["-c", &format!("'{bin}' due --events <(cat tests/data/annex-a-sample.xlsx) --as-of 2026-11-22")])
        .output()
        .unwrap();
    one_line(
        (piped.status.code(), String::from_utf8_lossy(&piped.stderr).into_owned()),
        "what is piped in is an Excel workbook (.xlsx); save it as a file ending .xlsx and give its path",
    );

    // A sheet that is not there, with the nearest name.
    let staff = d.path().join("staff.xlsx");
    to_xlsx("examples/staff.csv", &staff, "Staff", &[]);
    one_line(run(&format!("{}#Staf", staff.display())), "has no sheet 'Staf' (did you mean 'Staff'?)");

    // A date cell holding text: the sheet and the cell.
    let history = d.path().join("history.xlsx");
    let bad = d.path().join("audits.csv");
    let text = std::fs::read_to_string("examples/audits.csv").unwrap().replacen("2026-09-15", "soon", 1);
    std::fs::write(&bad, text).unwrap();
    to_xlsx(bad.to_str().unwrap(), &history, "Audits", &[]);
    let (code, _, err) = select("examples/staff.csv", "examples/cases.csv", history.to_str().unwrap());
    one_line((Some(code), err), "history.xlsx#Audits!B2: ");
}

#[test]
fn the_ssda903_return_reads_the_same_from_one_workbook() {
    // The published synthetic return, its three files as three sheets of one
    // workbook, dates as date cells: `due` lists the same obligations.
    let d = tempfile::tempdir().unwrap();
    let book = d.path().join("ssda903.xlsx");
    let mut wb = Workbook::new();
    let shown = Format::new().set_num_format("dd/mm/yyyy");
    for name in ["header", "episodes", "reviews"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        let mut r =
            csv::ReaderBuilder::new().has_headers(false).from_path(format!("tests/data/ssda903/{name}.csv")).unwrap();
        for (i, rec) in r.records().enumerate() {
            for (c, v) in rec.unwrap().iter().enumerate() {
                let date = (i > 0).then(|| NaiveDate::parse_from_str(v, "%d/%m/%Y").ok()).flatten();
                match date {
                    Some(d) => {
                        let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                        ws.write_datetime_with_format(i as u32, c as u16, &x, &shown).unwrap();
                    }
                    None if v.is_empty() => {}
                    None => {
                        ws.write_string(i as u32, c as u16, v).unwrap();
                    }
                }
            }
        }
    }
    wb.save(&book).unwrap();
    let run = |events: Vec<String>| {
        let mut args = vec!["--columns", "ssda903", "--format", "csv", "due", "--as-of", "2018-03-31"];
        for e in &events {
            args.extend(["--events", e.as_str()]);
        }
        let o = output(&args);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout
    };
    let want = run(vec!["tests/data/ssda903".into()]);
    let sheets = ["header", "episodes", "reviews"].map(|s| format!("{}#{s}", book.display()));
    let got = run(sheets.to_vec());
    assert!(want.len() > 100_000);
    assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want));
}
