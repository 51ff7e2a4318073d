//! Real exports as they come (docs/reference/input-files.md): a Mosaic-shaped staff list and
//! caseload saved from Excel, with a title above the header, blank rows,
//! a BOM and CRLF, the case system's own headers and job titles, as CSV and
//! as a workbook written by a real writer. They read as their clean copies
//! do, and the run says what it passed over; nothing narrows in silence.

use crate::common;

use common::{Dir, run};
use rust_xlsxwriter::Workbook;
use std::path::Path;

const STAFF: &str = "tests/data/exports/mosaic-staff.csv";
const CASES: &str = "tests/data/exports/mosaic-cases.csv";

fn root(p: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p).to_string_lossy().into_owned()
}

/// The sheet `csv` as a workbook at `out`: every cell as text, blank cells
/// left empty, so the workbook has the CSV's title row and blank rows.
fn to_xlsx(csv: &str, out: &Path) {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Export").unwrap();
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    for (i, rec) in r.records().enumerate() {
        for (c, v) in rec.unwrap().iter().enumerate() {
            let v = v.trim_start_matches('\u{feff}');
            if !v.is_empty() {
                ws.write_string(i as u32, c as u16, v).unwrap();
            }
        }
    }
    book.save(out).unwrap();
}

fn notes(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("note:") || l.starts_with("warning:")).collect()
}

#[test]
fn a_mosaic_export_reads_as_its_clean_copy_and_says_what_it_passed_over() {
    let d = Dir::new();
    // The clean copy: the header on the first line, no blank rows, our names.
    let clean = |from: &str, name: &str, header: &str| {
        let text = std::fs::read_to_string(root(from)).unwrap();
        let rows: Vec<&str> =
            text.trim_start_matches('\u{feff}').lines().skip(3).filter(|l| !l.chars().all(|c| c == ',')).collect();
        let lines: Vec<&str> = std::iter::once(header).chain(rows).collect();
        d.write(name, &lines)
    };
    let staff = clean(STAFF, "staff.csv", "staff_id,name,role,team,area,manager_id,active,email");
    let cases = clean(CASES, "cases.csv", "case_id,worker_id,service,status,opened,closed,restricted");
    let args = ["select", "--month", "2026-11", "--staff"];
    let want = run(&[&args[..], &[&staff, "--cases", &cases]].concat());
    let got = run(&[&args[..], &[&root(STAFF), "--cases", &root(CASES)]].concat());
    assert_eq!(want.code, 0, "{}", want.stderr);
    assert_eq!(got.stdout, want.stdout, "the same selection");
    assert_eq!(
        notes(&got.stderr)[..4],
        [
            format!("note: {}: the header is on line 3; the 2 lines above it were skipped as a title", root(STAFF)),
            format!(
                "note: {}: columns read under other names: 'Worker ID' as staff_id, 'Job Title' as role, \
                 'Locality' as area, 'Line Manager ID' as manager_id, 'Worker Name' as name, 'E-mail address' as email",
                root(STAFF)
            ),
            format!("note: {}: 3 blank rows skipped (lines 7, 16, 17)", root(STAFF)),
            format!("note: {}: the header is on line 3; the 2 lines above it were skipped as a title", root(CASES)),
        ]
    );

    // The same export as a workbook: the same picks, and rows for lines.
    let book = d.path("mosaic-staff.xlsx");
    to_xlsx(&root(STAFF), &book);
    let book = book.to_string_lossy().into_owned();
    let got = run(&[&args[..], &[&book, "--cases", &root(CASES)]].concat());
    assert_eq!(got.code, 0, "{}", got.stderr);
    assert_eq!(got.stdout, want.stdout);
    let said = notes(&got.stderr);
    // A sheet's used range ends at its last row with anything in it: only
    // the blank row inside it is passed over.
    assert!(said.contains(&format!("note: {book}#Export: 1 blank row skipped (row 7)").as_str()), "{said:?}");
    assert!(
        said.contains(
            &format!("note: {book}#Export: the header is on row 3; the 2 rows above it were skipped as a title")
                .as_str()
        ),
        "{said:?}"
    );
}

#[test]
fn workers_outside_the_caseworker_roles_are_counted_and_named() {
    let r = run(&["select", "--month", "2026-11", "--staff", &root(STAFF), "--cases", &root(CASES)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Senior, newly qualified and the statute's Personal Adviser are caseworkers.
    let picked: Vec<String> = r.selection().iter().map(|p| p["worker_id"].clone()).collect();
    assert_eq!(picked, ["W01", "W02", "W03", "W04"]);
    assert!(r.stderr.contains(
        "warning: 3 workers hold cases but their role is not a caseworker role in policy quality-practice: \
         'Early Help Practitioner' (2), 'Social Care Practitioner' (1)"
    ));
    assert!(r.stderr.contains("2026-11: 4 of 7 workers who hold cases (3 not in a caseworker role) have a file"));
    // --strict makes it fail a cron job.
    let r = run(&["--strict", "select", "--month", "2026-11", "--staff", &root(STAFF), "--cases", &root(CASES)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn an_input_with_only_its_header_warns_and_fails_under_strict() {
    let cases = "tests/data/exports/cases-header-only.csv";
    let args = ["--today", "2026-11-22", "--format", "csv", "select", "--month", "2026-11"];
    let files = ["--staff", "examples/staff.csv", "--cases", cases];
    let o = common::output(&[&args[..], &files[..]].concat());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("warning: {cases}: has a header but no rows: nothing was read from it")),
        "{stderr}"
    );
    let o = common::output(&[&["--strict"][..], &args[..], &files[..]].concat());
    assert_eq!(o.status.code(), Some(1));
    // --quiet does not hide why.
    let o = common::output(&[&["--strict", "--quiet"][..], &args[..], &files[..]].concat());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn per_auditor_files_never_overwrite_each_other() {
    let d = Dir::new();
    let staff = root("tests/data/exports/staff-colliding-ids.csv");
    let cases = root("tests/data/exports/cases-two.csv");
    let ledger = d.path("ledger.csv");
    for option in ["--by-auditor", "--notices"] {
        let out = d.path(option.trim_start_matches('-'));
        let r = run(&[
            "select",
            "--month",
            "2026-11",
            "--staff",
            &staff,
            "--cases",
            &cases,
            "--ledger",
            ledger.to_str().unwrap(),
            option,
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.contains("staff ids 'TM"), "{}", r.stderr);
        assert!(r.stderr.contains("would both be written as TM_04"), "{}", r.stderr);
        assert!(!out.exists(), "nothing written under {option}");
        assert!(!ledger.exists(), "the ledger is not changed");
    }
    // Ids that differ only in case would share a file on Windows and macOS.
    let lower = d.write(
        "staff.csv",
        &std::fs::read_to_string(&staff).unwrap().replace("TM/04", "tm_04").lines().collect::<Vec<_>>(),
    );
    let r = run(&["select", "--month", "2026-11", "--staff", &lower, "--cases", &cases, "--by-auditor", "x"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("'tm_04' and 'TM_04'") || r.stderr.contains("'TM_04' and 'tm_04'"), "{}", r.stderr);
}

#[test]
fn a_notice_without_an_address_is_named_and_a_bad_address_points_at_its_cell() {
    let d = Dir::new();
    let staff = d.write(
        "staff.csv",
        &[
            "staff_id,name,role,team,area,manager_id,active,E-mail Address",
            "SM1,Service Manager One,Service Manager,Leaders,North,,true,sm1@example.invalid",
            "TMA,Team Manager A,Team Manager,Team A,North,SM1,true,\"tma@example.invalid\nBcc: x@example.invalid\"",
            "TMB,Team Manager B,Team Manager,Team B,North,SM1,true,",
            "W1,Worker One,Social Worker,Team A,North,TMA,true,w1@example.invalid",
            "W2,Worker Two,Social Worker,Team B,North,TMB,true,w2@example.invalid",
        ],
    );
    let cases = root("tests/data/exports/cases-two.csv");
    let notices = d.path("notices");
    let r = run(&[
        "select",
        "--month",
        "2026-11",
        "--staff",
        &staff,
        "--cases",
        &cases,
        "--notices",
        notices.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The cell, by its line and column; not the address itself.
    assert!(
        r.stderr.contains(&format!("warning: {staff}:3:8: 'email' of TMA is not one e-mail address")),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("x@example.invalid"));
    assert!(
        r.stderr.contains("warning: notices: 2 recipients' notices have no To: line")
            && r.stderr.contains(": TMA, TMB;"),
        "{}",
        r.stderr
    );
    let to = |name: &str| {
        let text = std::fs::read_to_string(notices.join(name)).unwrap();
        text.lines().find_map(|l| l.strip_prefix("To: ").map(String::from))
    };
    assert_eq!(to("auditor-TMA.eml"), None);
    assert_eq!(to("auditor-TMB.eml"), None);
    assert_eq!(to("service-manager-SM1.eml").as_deref(), Some("sm1@example.invalid"));

    // A header no spelling knows, mapped with --columns (docs/reference/input-files.md: `staff:
    // {email: ...}` was refused as not a column of staff files).
    let text = std::fs::read_to_string(&staff).unwrap().replace("E-mail Address", "Work Contact");
    let staff = d.write("staff2.csv", &text.lines().collect::<Vec<_>>());
    let map = d.write("columns.yaml", &["staff:", "  email: Work Contact"]);
    let notices = d.path("notices2");
    let args = ["--columns", &map, "select", "--month", "2026-11", "--staff", &staff, "--cases", &cases];
    let r = run(&[&args[..], &["--notices", notices.to_str().unwrap()]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(notices.join("service-manager-SM1.eml")).unwrap();
    assert!(text.contains("To: sm1@example.invalid\r\n"), "{text}");
}

#[test]
fn legacy_xls_and_ods_read_as_xlsx_does() {
    let cases = root("tests/data/exports/cases-w1-w2.csv");
    let mut outputs = Vec::new();
    for f in ["staff-legacy.xls", "staff.ods"] {
        let staff = root(&format!("tests/data/exports/{f}"));
        let r = run(&["select", "--month", "2026-11", "--staff", &staff, "--cases", &cases]);
        assert_eq!(r.code, 0, "{f}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("note: {staff}#Staff: the header is on row 3")),
            "{f}: a title above the header: {}",
            r.stderr
        );
        assert!(r.stderr.contains(&format!("note: {staff}#Staff: 1 blank row skipped (row 6)")), "{}", r.stderr);
        outputs.push(r.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert!(outputs[0].contains("C2,W2,Team A"), "the Senior Social Worker gets a file");
}

#[test]
fn a_file_is_what_its_bytes_say_and_only_an_encrypted_one_is_called_protected() {
    let cases = root("tests/data/exports/cases-w1-w2.csv");
    for (file, says) in [
        (
            "staff-password.xlsx",
            "is password-protected (encrypted); open it in Excel and save a copy without a password",
        ),
        ("staff-xlsx-named.xls", "this file is an Excel workbook (.xlsx) named .xls; rename it to .xlsx"),
        ("staff-csv-named.xls", "this file is CSV (or other) text named .xls; rename it to .csv"),
        (
            "staff-web-page.xls",
            "this file is a web page (HTML, as some case systems save an \"Excel\" export) named .xls",
        ),
        ("staff-xls-named.csv", "this file is an Excel 97-2003 workbook (.xls) named .csv; rename it to .xls"),
    ] {
        let staff = root(&format!("tests/data/exports/{file}"));
        let r = run(&["select", "--month", "2026-11", "--staff", &staff, "--cases", &cases]);
        assert_eq!(r.code, 2, "{file}");
        assert!(r.stderr.starts_with(&format!("error: {staff}: {says}")), "{file}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
        assert!(!r.stderr.contains("password") || file == "staff-password.xlsx", "{file}: {}", r.stderr);
    }
}

/// The input files reference (docs/reference/input-files.md) is the one place
/// that says what the readers accept: it lists every column of every kind of
/// file, and its `--columns` example is a file the tool reads.
#[test]
fn the_input_files_reference_lists_every_mappable_column_and_its_example_reads() {
    let section = std::fs::read_to_string(root("docs/reference/input-files.md")).unwrap();
    for (kind, columns) in caseaudit::io::columns::COLUMNS {
        let row = section
            .lines()
            .find(|l| l.starts_with("| ") && l.contains(&format!("(`{kind}`)")))
            .unwrap_or_else(|| panic!("a row for {kind}"));
        for c in columns {
            let needed = caseaudit::io::columns::required(kind).contains(c);
            let shown = if needed { format!("**`{c}`**") } else { format!("`{c}`") };
            assert!(row.contains(&shown), "{kind}: {shown} in {row}");
        }
    }
    let yaml = section.split("```yaml\n").nth(1).and_then(|s| s.split("```").next()).unwrap();
    for kind in ["staff:", "cases:", "history:", "check:"] {
        assert!(yaml.contains(&format!("\n{kind}\n")), "the example maps {kind}");
    }
    let map = caseaudit::io::columns::ColumnMap::load_text("input-files.md example", yaml).unwrap();
    assert_eq!(map.header_row("cases"), Some(3));
    assert_eq!(map.header_for("staff", "email"), Some(("E-mail address", true)));
}

#[test]
fn a_folder_of_audits_says_which_files_it_did_not_read() {
    let d = Dir::new();
    let audits = d.path("audits");
    std::fs::create_dir(&audits).unwrap();
    std::fs::copy(root("examples/audits/quality-practice-valid.yaml"), audits.join("a.yaml")).unwrap();
    std::fs::write(audits.join("b.docx"), b"PK\x03\x04").unwrap();
    std::fs::write(audits.join(".hidden"), b"").unwrap();
    let dir = audits.to_string_lossy().into_owned();
    let r = run(&["validate", &dir]);
    assert!(
        r.stderr.contains(&format!("warning: {dir}: 1 file is not .yaml or .yml, so not read: {dir}/b.docx")),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(".hidden"));
}
