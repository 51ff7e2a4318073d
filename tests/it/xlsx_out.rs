//! `.xlsx` output (docs/reference/input-files.md): every test reads the workbook back with calamine
//! and compares it with the CSV the same run writes.

use crate::common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::output;
use std::path::Path;

fn book(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let range = book(path).worksheet_range(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// A cell as the CSV output writes it.
fn as_csv(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::DateTime(dt) => caseaudit::calendar::dates::from_excel_serial(dt.as_f64()).expect("a date").to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes);
    r.records().map(|rec| rec.unwrap().iter().map(String::from).collect()).collect()
}

const SELECT: [&str; 10] = {
    let e = common::EXAMPLE_SELECT;
    [e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], "--explain"]
};

#[test]
fn a_selection_workbook_holds_the_summary_the_selection_and_the_exclusions() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("selection.xlsx");
    let excluded = d.path().join("excluded.csv");
    let o = output(&[&["--today", "2026-12-02", "-o", xlsx.to_str().unwrap()], &SELECT[..]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let names = book(&xlsx).sheet_names().to_vec();
    assert_eq!(names, ["Selection", "Excluded", "Summary"]);

    // The same run as CSV: every cell of the selection and the exclusions agrees.
    let csv = d.path().join("selection.csv");
    let args = [
        &["--today", "2026-12-02", "-o", csv.to_str().unwrap()],
        &SELECT[..],
        &["--excluded", excluded.to_str().unwrap()],
    ]
    .concat();
    assert_eq!(output(&args).status.code(), Some(0));
    for (name, file) in [("Selection", &csv), ("Excluded", &excluded)] {
        let want = csv_rows(&std::fs::read(file).unwrap());
        let got: Vec<Vec<String>> = sheet(&xlsx, name).iter().map(|r| r.iter().map(as_csv).collect()).collect();
        assert_eq!(got, want, "{name}");
    }

    // Dates are date cells, flags booleans; text is text.
    let rows = sheet(&xlsx, "Selection");
    let col = |h: &str| rows[0].iter().position(|c| c == &Data::String(h.into())).unwrap();
    assert!(rows.len() > 2);
    for r in &rows[1..] {
        assert!(matches!(r[col("restricted")], Data::Bool(_)), "{r:?}");
        assert!(matches!(r[col("case_id")], Data::String(_)), "{r:?}");
    }
    let timetable = &rows[1][11..rows[0].len() - 2];
    assert!(!timetable.is_empty() && timetable.iter().all(|c| matches!(c, Data::DateTime(_))), "{timetable:?}");

    let names = &rows[0][rows[0].len() - 2..];
    assert_eq!(names, [Data::String("worker_name".into()), Data::String("auditor_name".into())]);
    assert!(rows[1..].iter().all(|r| matches!(&r[rows[0].len() - 2], Data::String(n) if n.starts_with("Worker "))));

    let summary = sheet(&xlsx, "Summary");
    assert_eq!(summary[0], [Data::String("item".into()), Data::String("value".into())]);
    assert!(summary.contains(&vec![Data::String("month".into()), Data::String("2026-11".into())]));
}

#[test]
fn the_same_run_writes_the_same_bytes() {
    let d = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let p = d.path().join(name);
        let o = output(&[&["--today", "2026-12-02", "-o", p.to_str().unwrap()], &SELECT[..]].concat());
        assert_eq!(o.status.code(), Some(0));
        std::fs::read(p).unwrap()
    };
    let (a, b) = (run("a.xlsx"), run("b.xlsx"));
    assert!(a.starts_with(b"PK"), "a zip");
    assert_eq!(a, b);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let d = tempfile::tempdir().unwrap();
    let input = d.path().join("people.csv");
    std::fs::write(&input, "id,note\n1,=1+1\n2,@SUM(A1)\n").unwrap();
    let rules = d.path().join("rules.yaml");
    std::fs::write(&rules, "fields:\n  - {name: id, type: integer}\n  - {name: note}\n").unwrap();
    let xlsx = d.path().join("annotated.xlsx");
    let o = output(&[
        "-o",
        xlsx.to_str().unwrap(),
        "check",
        "--rules",
        rules.to_str().unwrap(),
        "--annotate",
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb = book(&xlsx);
    let name = wb.sheet_names()[0].clone();
    assert_eq!(name, "annotated");
    let formulas = wb.worksheet_formula(&name).unwrap();
    assert!(formulas.cells().all(|(_, _, f)| f.is_empty()), "no formula is written");
    let rows = sheet(&xlsx, &name);
    assert_eq!(rows[1][1], Data::String("=1+1".into()));
    assert_eq!(rows[2][1], Data::String("@SUM(A1)".into()));
}

#[test]
fn due_rows_stream_into_one_sheet_with_dates_and_numbers() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("overdue.xlsx");
    let args = ["--today", "2026-12-02", "due", "--events", "examples/events.csv", "--as-of", "2026-11-22"];
    let o = output(&[&["-o", xlsx.to_str().unwrap()], &args[..]].concat());
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = d.path().join("overdue.csv");
    output(&[&["-o", csv.to_str().unwrap()], &args[..]].concat());
    let want = csv_rows(&std::fs::read(&csv).unwrap());
    let rows = sheet(&xlsx, "overdue");
    let got: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(as_csv).collect()).collect();
    assert_eq!(got, want);
    let due = rows[0].iter().position(|c| c == &Data::String("due".into())).unwrap();
    assert!(rows[1..].iter().all(|r| matches!(r[due], Data::DateTime(_))));
    let left = rows[0].iter().position(|c| c == &Data::String("days_left".into())).unwrap();
    assert!(rows[1..].iter().any(|r| matches!(r[left], Data::Float(_))));
}

#[test]
fn the_worklist_with_its_findings_is_a_sheet_like_its_csv() {
    let d = tempfile::tempdir().unwrap();
    let e = "examples/business-support";
    let (events, people) = (format!("{e}/events.csv"), format!("escr-person={e}/people.csv"));
    let args = ["due", "--events", &events, "--as-of", "2026-11-23", "--worklist", "--check-with", &people];
    let (xlsx, csv) = (d.path().join("worklist.xlsx"), d.path().join("worklist.csv"));
    output(&[&["-o", xlsx.to_str().unwrap()], &args[..]].concat());
    output(&[&["-o", csv.to_str().unwrap()], &args[..]].concat());
    let want = csv_rows(&std::fs::read(&csv).unwrap());
    assert_eq!(want.len(), 8, "{want:?}");
    let rows = sheet(&xlsx, "worklist");
    let got: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(as_csv).collect()).collect();
    assert_eq!(got, want);
}

#[test]
fn a_workbook_needs_a_file() {
    let o = output(&["--format", "xlsx", "holidays", "--year", "2026"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("-o FILE.xlsx"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn each_auditor_gets_their_rows_in_the_format_of_the_output() {
    let d = tempfile::tempdir().unwrap();
    let xlsx = d.path().join("selection.xlsx");
    let dir = d.path().join("by-auditor");
    let o = output(
        &[
            &["--today", "2026-12-02", "-o", xlsx.to_str().unwrap()],
            &common::EXAMPLE_SELECT[..],
            &["--by-auditor", dir.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let selection = sheet(&xlsx, "Selection");
    let auditor = selection[0].iter().position(|c| c == &Data::String("auditor_id".into())).unwrap();
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let mut want: Vec<String> = selection[1..]
        .iter()
        .filter_map(|r| match &r[auditor] {
            Data::String(a) => Some(format!("{a}.xlsx")),
            _ => None,
        })
        .collect();
    want.sort();
    want.dedup();
    assert_eq!(files, want);
    for f in &files {
        let id = f.trim_end_matches(".xlsx");
        let rows = sheet(&dir.join(f), "Selection");
        assert_eq!(rows[0], selection[0]);
        assert!(rows.len() > 1 && rows[1..].iter().all(|r| r[auditor] == Data::String(id.into())), "{f}");
    }

    // `form --from` reads the workbook's first sheet: the selection.
    let forms = d.path().join("forms");
    let o = output(&["form", "--from", xlsx.to_str().unwrap(), "--dir", forms.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_dir(&forms).unwrap().count(), selection.len() - 1);
}
