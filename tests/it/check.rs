//! `caseaudit check` (docs/check.md): a Table Schema suite where the invalid cells are
//! exactly those the specification (and Frictionless 5.21) names; every built-in
//! rule set's examples pinned finding by finding; streaming, annotation and
//! hostile input.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn caseaudit(args: &[&str]) -> Output {
    caseaudit_in(args, None)
}

fn caseaudit_in(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseaudit"))
        .current_dir(root())
        .env_remove("CASEAUDIT_TODAY")
        .env("NO_COLOR", "1")
        .args(["--today", "2026-11-22"])
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run caseaudit");
    if let Some(bytes) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// (line, column, record, rule, field) of each CSV finding.
fn findings(o: &Output) -> Vec<(String, String, String, String, String)> {
    csv::Reader::from_reader(&o.stdout[..])
        .records()
        .map(|r| {
            let r = r.expect("CSV row");
            (r[1].to_string(), r[2].to_string(), r[3].to_string(), r[4].to_string(), r[7].to_string())
        })
        .collect()
}

#[test]
fn table_schema_suite_finds_exactly_the_invalid_cells() {
    for name in ["types", "constraints", "missing", "primarykey"] {
        let dir = "tests/data/tableschema";
        let o = caseaudit(&[
            "check",
            "--rules",
            &format!("{dir}/{name}.json"),
            "--format",
            "csv",
            &format!("{dir}/{name}.csv"),
        ]);
        assert_eq!(code(&o), 1, "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let mut got: Vec<String> = findings(&o)
            .into_iter()
            .filter(|f| ["type-error", "constraint-error", "unique-error", "primary-key"].contains(&f.3.as_str()))
            .map(|f| format!("{},{}", f.2, f.4.split(',').next().unwrap()))
            .collect();
        got.sort();
        got.dedup();
        let text = std::fs::read_to_string(root().join(format!("{dir}/{name}.invalid"))).unwrap();
        let mut want: Vec<String> =
            text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(String::from).collect();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn valid_examples_have_no_findings() {
    for set in ["escr-person", "escr-relationships", "escr-documents", "recording-timeliness"] {
        let o = caseaudit(&["check", "--rules", set, "--format", "csv", &format!("examples/check/{set}-valid.csv")]);
        assert_eq!(code(&o), 0, "{set}: {}", String::from_utf8_lossy(&o.stdout));
        assert_eq!(findings(&o), vec![], "{set}");
    }
}

type Pinned = [(&'static str, &'static str, &'static str, &'static str, &'static str)];

fn pinned(set: &str, want: &Pinned) {
    let o = caseaudit(&["check", "--rules", set, "--format", "csv", &format!("examples/check/{set}-invalid.csv")]);
    assert_eq!(code(&o), 1, "{set}");
    let want: Vec<_> = want
        .iter()
        .map(|(a, b, c, d, e)| (a.to_string(), b.to_string(), c.to_string(), d.to_string(), e.to_string()))
        .collect();
    assert_eq!(findings(&o), want, "{set}");
}

#[test]
fn escr_person_findings_are_pinned() {
    // Record 3 spans lines 4-5 (a quoted address with a line break, CRLF file).
    pinned(
        "escr-person",
        &[
            ("3", "4", "2", "constraint-error", "address"),
            ("3", "5", "2", "constraint-error", "telephone"),
            ("3", "7", "2", "constraint-error", "ethnicity"),
            ("3", "8", "2", "constraint-error", "cin_category"),
            ("3", "3", "2", "not-future", "date_of_birth"),
            ("4", "3", "3", "type-error", "date_of_birth"),
            ("4", "9", "3", "constraint-error", "religion"),
            ("6", "7", "4", "constraint-error", "ethnicity"),
            ("6", "10", "4", "constraint-error", "first_language"),
            ("6", "1", "4", "primary-key", "person_id"),
        ],
    );
}

#[test]
fn escr_relationships_findings_are_pinned() {
    pinned(
        "escr-relationships",
        &[
            ("2", "2", "1", "at-least", "relationship"),
            ("2", "2", "1", "at-least", "relationship"),
            // In record order, though a group's findings are known only when
            // the group ends.
            ("6", "2", "5", "at-least", "relationship"),
            ("7", "3", "6", "constraint-error", "related_id"),
            ("11", "1", "10", "unsorted", "person_id"),
        ],
    );
}

#[test]
fn escr_documents_findings_are_pinned() {
    pinned(
        "escr-documents",
        &[
            ("2", "2", "1", "before", "document_type"),
            ("4", "3", "3", "no-gap", "document_date"),
            ("6", "2", "5", "before", "document_type"),
            ("7", "4", "6", "required-if", "team"),
            ("8", "5", "7", "not-before", "end_date"),
            ("9", "3", "8", "constraint-error", "document_date"),
            ("10", "3", "9", "not-future", "document_date"),
        ],
    );
}

#[test]
fn recording_timeliness_findings_are_pinned() {
    pinned(
        "recording-timeliness",
        &[
            ("2", "4", "1", "within", "recorded_date"),
            ("3", "4", "2", "within", "recorded_date"),
            // 23 December 2025 + 5 working days crosses Christmas, Boxing Day and
            // New Year's Day: due Friday 2 January 2026, recorded the 5th.
            ("4", "4", "3", "within", "recorded_date"),
            ("5", "4", "4", "not-before", "recorded_date"),
            ("6", "4", "5", "constraint-error", "recorded_date"),
            ("6", "5", "5", "constraint-error", "child_protection"),
            ("7", "3", "6", "type-error", "event_date"),
            ("8", "4", "7", "not-future", "recorded_date"),
            ("8", "4", "7", "within", "recorded_date"),
        ],
    );
    let o = caseaudit(&[
        "check",
        "--rules",
        "recording-timeliness",
        "--format",
        "json",
        "examples/check/recording-timeliness-invalid.csv",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v[2]["message"].as_str().unwrap().contains("due by 2026-01-02"), "{}", v[2]);
    let keys: Vec<&str> = v[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["file", "line", "column", "record", "rule", "severity", "message", "field"]);
}

#[test]
fn pipelines_read_stdin_and_annotate() {
    let input = std::fs::read(root().join("examples/check/recording-timeliness-invalid.csv")).unwrap();
    let o = caseaudit_in(&["check", "--rules", "recording-timeliness"], Some(&input));
    assert_eq!(code(&o), 1);
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .starts_with("file,line,column,record,rule,severity,message,field\n<stdin>,2,4,1,within,")
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains(
        "check: <stdin> against recording-timeliness: 7 records, 9 errors, 0 warnings (7 records with findings)"
    ));

    let o = caseaudit_in(&["check", "--rules", "recording-timeliness", "--annotate"], Some(&input));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "case_id,event,event_date,recorded_date,child_protection,issues");
    assert!(
        lines[1].starts_with("C001,home visit,2026-11-09,2026-11-17,no,within: 'recorded_date' (2026-11-17)"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 8);
    // Group findings land on their rows too, though they are known only when the group ends.
    let o =
        caseaudit(&["check", "--rules", "escr-documents", "--annotate", "examples/check/escr-documents-invalid.csv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].ends_with("before: P001: 'child and family assessment' with no contact or referral before it"),
        "{}",
        lines[1]
    );
    assert!(lines[3].contains("no-gap: P001: 11 days"), "{}", lines[3]);
    assert_eq!(lines.len(), 10);
}

#[test]
fn column_mappings_read_local_headers() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.yaml");
    std::fs::write(&map, "check:\n  event_date: Date of Event\n  recorded_date: Date Recorded\n  case_id: Person ID\n  child_protection: CP\n").unwrap();
    let csv = "Person ID,Date of Event,Date Recorded,CP\nC1,2026-11-09,2026-11-17,no\n";
    let o = caseaudit_in(
        &["check", "--rules", "recording-timeliness", "--columns", map.to_str().unwrap()],
        Some(csv.as_bytes()),
    );
    assert_eq!(code(&o), 1, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains(",2,3,1,within,"));
    // The findings name the columns as the export heads them, with the rule
    // set's names beside them.
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(
            "'Date Recorded' (recorded_date: 2026-11-17) is more than 5 working days after 'Date of Event' (event_date: 2026-11-09)"
        ),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // Without the mapping, the export has the wrong shape: exit 2 and one
    // line naming the columns needed and the headers found, not findings.
    let o = caseaudit_in(&["check", "--rules", "recording-timeliness"], Some(csv.as_bytes()));
    assert_eq!(code(&o), 2);
    assert_eq!(o.stdout, b"");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: <stdin>:1: no 'case_id', 'event_date' or 'recorded_date' column (the header row has 4 columns: \
         'Person ID', 'Date of Event', 'Date Recorded', 'CP'); add them, or map your headers to them with \
         --columns, e.g. check: {event_date: Date of Event, recorded_date: Date Recorded}\n"
    );
}

/// Malformed input: exit 2 and one clear line, never a panic.
#[test]
fn malformed_input_exits_2_with_a_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    };
    let header = "case_id,event_date,recorded_date,child_protection\n";
    let mut big = header.as_bytes().to_vec();
    big.extend_from_slice(b"C1,2026-11-01,2026-11-02,\"");
    big.extend(std::iter::repeat_n(b'x', 10 << 20));
    big.extend_from_slice(b"\"\n");
    let csvs = [
        (
            write("ragged.csv", format!("{header}C1,2026-11-01,2026-11-02,no\nC2,2026-11-01\n").as_bytes()),
            ":3: this row has 2 fields",
        ),
        (
            write("quote.csv", format!("{header}C1,\"2026-11-01,2026-11-02,no\nC2,a,b,c\n").as_bytes()),
            ":2: this row has 2 fields",
        ),
        (
            write("bytes.csv", &[header.as_bytes(), b"C1,2026-11-01,2026-11-02,\x81\x9d\n"].concat()),
            ":2:4: this cell is neither UTF-8 nor Windows-1252",
        ),
        (write("big.csv", &big), ":2:4: a cell of 10.0 MB"),
        (write("empty.csv", b""), ": is empty"),
        (write("utf16.csv", b"\xff\xfec\0a\0"), "is UTF-16"),
    ];
    for (path, expect) in &csvs {
        let o = caseaudit(&["check", "--rules", "recording-timeliness", path]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{path}: {err}");
        assert!(err.lines().any(|l| l.starts_with("error: ") && l.contains(expect)), "{path}: {err}");
        assert!(!err.contains("panicked"));
    }
    let ok = write("ok.csv", format!("{header}C1,2026-11-01,2026-11-02,no\n").as_bytes());
    let schemas = [
        (
            write("geo.json", br#"{"fields":[{"name":"a","type":"geopoint"}]}"#),
            "type 'geopoint' is not one caseaudit checks",
        ),
        (write("bogus.json", br#"{"fields":[{"name":"a","type":"strnig"}]}"#), "type 'strnig'"),
        (
            write("re.json", br#"{"fields":[{"name":"a","constraints":{"pattern":"(unclosed"}}]}"#),
            "is not a valid regular expression",
        ),
        (write("typo.yaml", b"fields:\n  - {name: a, constraints: {requird: true}}\n"), "typo.yaml:2:"),
        (
            write("enum.yaml", b"fields:\n  - {name: a, type: integer, constraints: {enum: [1, two]}}\n"),
            "'two' is not a whole number",
        ),
        (
            write("rule.yaml", b"fields:\n  - {name: a}\nrules:\n  - not_before: {field: a, other: b}\n"),
            "names 'b', which is not one of the fields",
        ),
        (
            write(
                "limit.yaml",
                b"fields:\n  - {name: a}\n  - {name: b}\nrules:\n  - within: {field: a, of: b, limit: 5 fortnights}\n",
            ),
            "'fortnights' is not a unit",
        ),
    ];
    for (path, expect) in &schemas {
        let o = caseaudit(&["check", "--rules", path, &ok]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{path}: {err}");
        assert!(err.starts_with("error: ") && err.contains(expect), "{path}: {err}");
    }
}

#[test]
fn windows_1252_cells_are_read_with_a_warning() {
    let o = caseaudit_in(
        &["check", "--rules", "recording-timeliness"],
        Some(b"case_id,event_date,recorded_date,child_protection\nC\xa31,2026-11-09,2026-11-10,no\n"),
    );
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("read as Windows-1252"));
}

/// Annotating leaves every input cell byte for byte as it was: a valid file's
/// annotated copy checks clean again. The formula guard is for the cells the
/// tool writes (the `issues` column), not for the data it copies.
#[test]
fn annotate_keeps_the_data_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read_to_string(root().join("examples/check/escr-person-valid.csv")).unwrap();
    let edited = valid.replacen("020 7946 0001", "+44 7700 900456", 1);
    assert_ne!(edited, valid);
    let input = dir.path().join("people.csv");
    std::fs::write(&input, &edited).unwrap();
    let annotated = dir.path().join("annotated.csv");
    let o = caseaudit(&[
        "check",
        "--rules",
        "escr-person",
        "--annotate",
        input.to_str().unwrap(),
        "-o",
        annotated.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let copy = std::fs::read_to_string(&annotated).unwrap();
    let first_cells = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().take(10).map(String::from).collect())
            .collect()
    };
    assert_eq!(first_cells(&copy), first_cells(&edited));
    assert!(copy.contains(",+44 7700 900456,"), "{copy}");
    let again = caseaudit(&["check", "--rules", "escr-person", annotated.to_str().unwrap()]);
    assert_eq!(code(&again), 0, "{}", String::from_utf8_lossy(&again.stdout));
}

/// Every finding's (line, column, record, rule, message, field).
fn messages(o: &Output) -> Vec<[String; 6]> {
    csv::Reader::from_reader(&o.stdout[..])
        .records()
        .map(|r| {
            let r = r.expect("CSV row");
            [1, 2, 3, 4, 6, 7].map(|i| r[i].to_string())
        })
        .collect()
}

/// The recordings export of `examples/check/` (BOM, CRLF, headed as a case
/// system heads it) as a workbook written by a real writer: the dates that
/// exist as date cells shown dd/mm/yyyy, the two that do not as the text Excel
/// keeps them as, ids as text, a blank cell left empty.
fn recordings_workbook(out: &Path) {
    use chrono::Datelike;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Recordings").unwrap();
    let shown = Format::new().set_num_format("dd/mm/yyyy");
    let text = std::fs::read_to_string(root().join("examples/check/recordings-export.csv")).unwrap();
    for (r, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        for (c, v) in line.trim_end_matches('\r').split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match caseaudit::calendar::dates::parse_date(v) {
                _ if v.is_empty() => {}
                Ok(d) if r > 0 => {
                    let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                    ws.write_datetime_with_format(r, c, &x, &shown).unwrap();
                }
                _ => {
                    ws.write_string(r, c, v).unwrap();
                }
            }
        }
    }
    book.save(out).unwrap();
}

/// docs/reference/input-files.md: a case system's export, as CSV (BOM, CRLF) and as a
/// workbook. Without the rule set's columns it is an input error (exit 2, one
/// line naming the file, the columns needed and the headers found), not
/// findings; mapped with `--columns`, the findings name each column as the
/// export heads it, a bad date says why, and the child-protection column the
/// rule set can do without may be absent (a note says so).
#[test]
fn a_case_system_export_in_csv_and_in_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "examples/check/recordings-export.csv";
    let bytes = std::fs::read(root().join(csv)).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf") && bytes.ends_with(b"\r\n"), "a BOM and CRLF, as Excel writes");
    let book = dir.path().join("export.xlsx");
    recordings_workbook(&book);
    let sheet = format!("{}#Recordings", book.display());
    let map = "examples/check/recordings-columns.yaml";
    let within = "'Date Recorded' (recorded_date: 2026-11-12) is more than 5 working days after 'Event Date' \
                  (2026-11-02): due by 2026-11-09";
    let want = [
        ["3", "4", "2", "within", within, "recorded_date"],
        [
            "4",
            "3",
            "3",
            "type-error",
            "'Event Date': '31/11/2026' does not exist (November has 30 days); write dates as YYYY-MM-DD or DD/MM/YYYY",
            "event_date",
        ],
        [
            "5",
            "4",
            "4",
            "type-error",
            "'Date Recorded' (recorded_date): '11/22/2026' has month 22, and there are 12 (dates are read day first: \
             DD/MM/YYYY); write dates as YYYY-MM-DD or DD/MM/YYYY",
            "recorded_date",
        ],
        ["6", "4", "5", "constraint-error", "'Date Recorded' (recorded_date) is required but blank", "recorded_date"],
    ]
    .map(|f| f.map(String::from))
    .to_vec();
    for input in [csv, sheet.as_str()] {
        let o = caseaudit(&["--format", "csv", "check", "--rules", "recording-timeliness", input]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!((code(&o), o.stdout.as_slice()), (2, &b""[..]), "{input}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("error: ")
                && err.contains(input)
                && err.contains(
                    "no 'case_id' or 'recorded_date' column (the header row has 5 columns: 'Person ID', 'Event', \
                     'Event Date', 'Date Recorded', 'Worker ID'); add them, or map your headers to them with \
                     --columns, e.g. check: {recorded_date: Date Recorded}"
                ),
            "{input}: {err}"
        );
        let o = caseaudit(&["--format", "csv", "--columns", map, "check", "--rules", "recording-timeliness", input]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 1, "{input}: {err}");
        assert_eq!(messages(&o), want, "{input}");
        assert!(
            err.contains(&format!(
                "note: {input}: no 'child_protection' column; recording-timeliness does not need it, so it is read as \
                 blank on every row"
            )),
            "{input}: {err}"
        );
    }
}
