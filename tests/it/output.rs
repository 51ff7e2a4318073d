//! Output conventions (docs/reference/conventions.md): formats, `-o` written atomically, formula
//! neutralisation, `--columns` mappings.

use crate::common;
use common::*;

fn small(d: &Dir, team: &str) -> (String, String) {
    let s = d.write(
        "staff.csv",
        &[
            STAFF_HEADER,
            "SM1,S,Service Manager,Leaders,North,,true,",
            &format!("W1,W,Social Worker,\"{team}\",North,SM1,true,"),
        ],
    );
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W1,,Early Help,,open,,,,,"]);
    (s, c)
}

#[test]
fn csv_cells_are_neutralised_against_formulas() {
    let d = Dir::new();
    let (s, c) = small(&d, "=HYPERLINK(\"\"http://x\"\")");
    let r = select(&s, &c, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{}", r.stdout);
    let raw = select(&s, &c, &["--raw"]);
    assert!(raw.stdout.contains(",\"=HYPERLINK("), "{}", raw.stdout);
    // JSON is not a spreadsheet: values stay as they are.
    let json = bin()
        .args(["-q", "--format", "json", "select", "--staff", &s, "--cases", &c, "--month", "2026-11"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["selection"][0]["team"], "=HYPERLINK(\"http://x\")");
}

#[test]
fn output_file_is_written_whole_and_format_follows_extension() {
    let d = Dir::new();
    let (s, c) = small(&d, "T1");
    let out = d.path("selection.json");
    let r = bin()
        .args(["--today", "2026-11-22", "-q", "select", "--staff", &s, "--cases", &c, "--month", "2026-11", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success());
    assert!(r.stdout.is_empty(), "nothing on stdout with -o");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["selection"][0]["case_id"], "C1");
    let leftovers: Vec<_> = std::fs::read_dir(d.tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary files left: {leftovers:?}");
}

#[test]
fn failed_run_leaves_the_output_file_alone() {
    let d = Dir::new();
    let out = d.write("selection.csv", &["previous,content"]);
    let r =
        bin().args(["-q", "select", "--staff", "missing.csv", "--cases", "missing.csv", "-o", &out]).output().unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous,content\n");
}

#[test]
fn table_and_jsonl_formats() {
    let d = Dir::new();
    let (s, c) = small(&d, "T1");
    let text = |format: &str, explain: bool| {
        let mut cmd = bin();
        cmd.args([
            "--today",
            "2026-11-22",
            "-q",
            "--format",
            format,
            "select",
            "--staff",
            &s,
            "--cases",
            &c,
            "--month",
            "2026-11",
        ]);
        if explain {
            cmd.arg("--explain");
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    let t = Run { code: 0, stdout: text("table", true), stderr: String::new() };
    assert!(t.stdout.starts_with("Selection\n| month"), "{}", t.stdout);
    assert!(t.stdout.contains("\n\nExcluded cases and unfilled workers\n| case_id |"), "{}", t.stdout);
    assert!(t.stdout.contains("| C1      | W1        | no-independent-auditor |"), "{}", t.stdout);
    let j = text("jsonl", false);
    let line: serde_json::Value = serde_json::from_str(j.lines().next().unwrap()).unwrap();
    assert_eq!(line["worker_id"], "W1");
    assert!(line.get("section").is_none(), "one section: no section key");
}

#[test]
fn column_mapping_reads_local_headers() {
    let d = Dir::new();
    let s = d.write(
        "staff.csv",
        &[
            "Worker ID,Job Title,Team Name,Locality,Line Manager",
            "SM1,Service Manager,Leaders,North,",
            "W1,Social Worker,T1,North,SM1",
        ],
    );
    let c = d.write("cases.csv", &["Child Unique ID,Allocated Worker,Service Area", "C1,W1,Early Help"]);
    let map = d.write(
        "columns.yaml",
        &[
            "# our name: their header",
            "role: Job Title",
            "team: Team Name",
            "area: Locality",
            "staff:",
            "  staff_id: Worker ID",
            "  manager_id: Line Manager",
            "cases:",
            "  case_id: Child Unique ID",
            "  worker_id: Allocated Worker",
            "  service: Service Area",
        ],
    );
    let r = select(&s, &c, &["--columns", &map]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.picks()["W1"], "C1");
    assert_eq!(r.selection()[0]["auditor_id"], "", "SM1 manages W1, so cannot audit");

    let text = std::fs::read_to_string(&map).unwrap().replace("case_id: Child Unique ID", "case_id: Child ID");
    let bad = d.write_bytes("columns.yaml", text.as_bytes());
    let r = select(&s, &c, &["--columns", &bad]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cases.csv:1: the --columns mapping says 'case_id' is headed 'Child ID'"),
        "{}",
        r.stderr
    );
}

#[test]
fn stdin_as_input() {
    use std::io::Write;
    let d = Dir::new();
    let (s, _) = small(&d, "T1");
    let mut child = bin()
        .args([
            "--today",
            "2026-11-22",
            "-q",
            "--format",
            "csv",
            "select",
            "--staff",
            &s,
            "--cases",
            "-",
            "--month",
            "2026-11",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{CASES_HEADER}\nC7,W1,,x,,open,,,,,\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains(",C7,W1,"));
}

#[test]
fn ics_is_refused_before_the_ledger_is_touched() {
    let d = Dir::new();
    let (s, c) = small(&d, "T1");
    let ledger = d.path("ledger.csv");
    let out = bin()
        .args(["--format", "ics", "select", "--staff", &s, "--cases", &c, "--month", "2026-11", "--ledger"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only for `due`"));
    assert!(!ledger.exists(), "the ledger was not written");
}

/// --bom starts CSV (streamed or whole, to stdout or -o) with a UTF-8 BOM, and
/// nothing else: JSON must not have one.
#[test]
fn a_bom_for_excel_on_csv_only() {
    let d = Dir::new();
    let events = d.write("events.csv", &["case_id,event,date", "C1,referral,2026-11-02"]);
    let r = run(&["--bom", "due", "--events", &events]);
    assert!(r.stdout.starts_with("\u{feff}case_id,"), "{:?}", &r.stdout[..10]);
    let out = d.path("holidays.csv");
    run(&["--bom", "holidays", "--year", "2026", "-o", out.to_str().unwrap()]);
    assert!(std::fs::read(&out).unwrap().starts_with(b"\xEF\xBB\xBFdate,name\n"));
    let r = run(&["--bom", "--format", "json", "holidays", "--year", "2026"]);
    assert!(r.stdout.starts_with('['), "{:?}", &r.stdout[..5]);
    let r = run(&["holidays", "--year", "2026"]);
    assert!(r.stdout.starts_with("date,name"));
}

/// `date -o FILE`: a file whose kind holds a table (a workbook, JSON, CSV)
/// gets the table; a text file the date alone, as a script reads it.
#[test]
fn date_writes_what_its_output_file_is() {
    let d = Dir::new();
    for (name, starts) in
        [("d.json", "[\n  {\n    \"from\": \"2026-11-20\""), ("d.csv", "from,offset,date\n"), ("d.txt", "2026-12-11\n")]
    {
        let path = d.path(name);
        let o = output(&["date", "2026-11-20", "15 working days", "-o", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(starts), "{name}: {text}");
    }
    let path = d.path("d.xlsx");
    output(&["date", "2026-11-20", "15 working days", "-o", path.to_str().unwrap()]);
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK\x03\x04"), "a workbook");
}

/// `-o` naming a device or a named pipe writes into it and leaves it as it
/// was: a rename into place (how a regular file is written) would replace
/// `/dev/null` itself with a plain file, for every program on the machine.
#[test]
fn output_to_a_device_or_named_pipe_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let root = env!("CARGO_MANIFEST_DIR");
    let select = |out: &str| {
        let mut c = crate::common::bin();
        c.current_dir(root).args(crate::common::EXAMPLE_SELECT).args(["--today", "2026-11-22", "-q", "-o", out]);
        c
    };
    // A named pipe first (a build that renames over it fails here, before
    // /dev/null is touched): it gets the selection, and is still a pipe after.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("picks");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut cat = std::process::Command::new("cat").arg(&fifo).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let ok = select(fifo.to_str().unwrap()).status().unwrap().success();
    let still_a_pipe = std::fs::metadata(&fifo).unwrap().file_type().is_fifo();
    if !(ok && still_a_pipe) {
        let _ = cat.kill();
    }
    let got = cat.wait_with_output().unwrap();
    assert!(ok && still_a_pipe, "the named pipe was replaced");
    assert!(String::from_utf8_lossy(&got.stdout).starts_with("month,case_id,"));
    // A whole file (select) and a stream (due) into /dev/null.
    assert!(select("/dev/null").status().unwrap().success());
    let due = crate::common::bin()
        .current_dir(root)
        .args(["due", "--events", "examples/events.csv", "--as-of", "2026-11-22", "-q", "-o", "/dev/null"])
        .status()
        .unwrap();
    assert!(due.code().is_some_and(|c| c < 2), "{due:?}");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null was replaced");
}
