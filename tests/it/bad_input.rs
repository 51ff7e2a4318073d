//! Bad input is normal input: every case gives exit 2 and one line naming the
//! file, line and column — never a panic, never a backtrace.

use crate::common;
use common::*;

fn ok_cases(d: &Dir) -> String {
    d.write("cases.csv", &[CASES_HEADER, "C1,W1,,Early Help,,open,,,,,"])
}

fn ok_staff(d: &Dir) -> String {
    d.write("staff.csv", &standard_staff())
}

/// Asserts exit 2 and a single `error: <file>:<position>: …` line containing `needle`.
fn fails(r: &Run, position: &str, needle: &str) {
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?}", r.stderr);
    assert!(lines[0].starts_with("error: "), "{}", lines[0]);
    assert!(lines[0].contains(position), "position {position:?} in {:?}", lines[0]);
    assert!(lines[0].contains(needle), "{needle:?} in {:?}", lines[0]);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "nothing on stdout: {}", r.stdout);
}

#[test]
fn missing_column() {
    let d = Dir::new();
    let s = d.write("staff.csv", &["staff_id,name,team", "W1,A,T1"]);
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:1:", "no 'role' column");
}

#[test]
fn duplicate_staff_id() {
    let d = Dir::new();
    let s = d.write(
        "staff.csv",
        &[
            STAFF_HEADER,
            "W1,A,Social Worker,T1,,,true,",
            "W2,B,Social Worker,T1,,,true,",
            "W1,C,Social Worker,T1,,,true,",
        ],
    );
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:4:1:", "staff_id 'W1' appears twice (first on line 2)");
}

#[test]
fn duplicate_case_id() {
    let d = Dir::new();
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W1,,x,,open,,,,,", "C1,W2,,x,,open,,,,,"]);
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:3:1:", "case_id 'C1' appears twice");
}

#[test]
fn manager_cycle() {
    let d = Dir::new();
    let s = d.write(
        "staff.csv",
        &[
            STAFF_HEADER,
            "A,A,Team Manager,T1,,C,true,",
            "B,B,Team Manager,T1,,A,true,",
            "C,C,Team Manager,T1,,B,true,",
            "W1,W,Social Worker,T1,,A,true,",
        ],
    );
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:2:6:", "line management loops: A → C → B → A");
}

#[test]
fn self_managed() {
    let d = Dir::new();
    let s = d.write("staff.csv", &[STAFF_HEADER, "A,A,Team Manager,T1,,A,true,"]);
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:2:6:", "loops: A → A");
}

#[test]
fn unknown_manager() {
    let d = Dir::new();
    let s = d.write("staff.csv", &[STAFF_HEADER, "W1,W,Social Worker,T1,,TM9,true,"]);
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:2:6:", "manager_id 'TM9' is not a staff_id");
}

#[test]
fn impossible_date() {
    let d = Dir::new();
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W1,,x,,closed,,31/02/2026,,,"]);
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:2:8:", "'31/02/2026' does not exist (February has 28 days)");
}

#[test]
fn us_order_date_is_not_guessed() {
    let d = Dir::new();
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W1,,x,,open,11/22/2025,,,,"]);
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:2:7:", "month 22");
}

#[test]
fn bad_flag_and_bad_count() {
    let d = Dir::new();
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W1,,x,,open,,,maybe,,"]);
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:2:9:", "'maybe' is not yes or no");
    let s = d.write("staff.csv", &[STAFF_HEADER, "W1,W,Social Worker,T1,,,true,two"]);
    fails(&select(&s, &ok_cases(&d), &[]), "staff.csv:2:8:", "'two' is not a whole number");
}

#[test]
fn bad_history_kind_and_month() {
    let d = Dir::new();
    let h = d.write("audits.csv", &[HISTORY_HEADER, "C1,2026-01-01,reviewed,W1,,"]);
    fails(&select(&ok_staff(&d), &ok_cases(&d), &["--history", &h]), "audits.csv:2:3:", "'reviewed' is not one of");
    let h = d.write("audits.csv", &[HISTORY_HEADER, "C1,,audited,W1,,2026-13"]);
    fails(&select(&ok_staff(&d), &ok_cases(&d), &["--history", &h]), "audits.csv:2:6:", "'2026-13' is not a month");
}

#[test]
fn truncated_file() {
    let d = Dir::new();
    // The last row was cut short mid-write by another program.
    let c = d.write_bytes("cases.csv", format!("{CASES_HEADER}\nC1,W1,,x,,open,,,,,\nC2,W2,,x").as_bytes());
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:3:", "this row has 4 fields but the header has 11");
}

#[test]
fn crlf_line_numbers_are_physical_lines() {
    let d = Dir::new();
    let c = d.write_bytes(
        "cases.csv",
        format!("{CASES_HEADER}\r\nC1,W1,,\"two\r\nline service\",,open,,,,,\r\nC2,W1,,x,,open,,32/01/2026,,,\r\n")
            .as_bytes(),
    );
    fails(&select(&ok_staff(&d), &c, &[]), "cases.csv:4:8:", "32/01/2026");
}

#[test]
fn not_a_csv_file() {
    let d = Dir::new();
    let png = d.write_bytes("staff.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    fails(&select(&png, &ok_cases(&d), &[]), "staff.csv:1:", "does not look like a CSV file");
    let xlsx = d.write_bytes("staff.csv", b"PK\x03\x04\x14\0\x06\0");
    fails(&select(&xlsx, &ok_cases(&d), &[]), "staff.csv:", "this file is an Excel workbook (.xlsx) named .csv");
    let utf16 = d.write_bytes("staff.csv", b"\xFF\xFEs\0t\0a\0f\0f\0");
    fails(&select(&utf16, &ok_cases(&d), &[]), "staff.csv:1:", "UTF-16");
    let empty = d.write_bytes("cases.csv", b"");
    fails(&select(&ok_staff(&d), &empty, &[]), "cases.csv:", "is empty");
}

#[test]
fn missing_file_and_folder() {
    let d = Dir::new();
    fails(
        &select("no-such-staff.csv", &ok_cases(&d), &[]),
        "no-such-staff.csv:",
        "cannot open: No such file or directory",
    );
    let folder = d.tmp.path().to_string_lossy().into_owned();
    fails(&select(&folder, &ok_cases(&d), &[]), &folder, "is a folder");
}

#[test]
fn bad_arguments() {
    let d = Dir::new();
    let r = run(&["select", "--staff", &ok_staff(&d), "--cases", &ok_cases(&d), "--month", "11/2026x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--month: '11/2026x' is not a month"), "{}", r.stderr);
    let r = select(&ok_staff(&d), &ok_cases(&d), &["--policy", "best-practice"]);
    fails(&r, "best-practice:", "neither a built-in policy (quality-practice, good-practice) nor a readable file");
    let out = bin().args(["--today", "2026-02-30", "select", "--staff", "s.csv", "--cases", "c.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn malformed_policy_file() {
    let d = Dir::new();
    let p = d.write(
        "policy.yaml",
        &[
            "name: local",
            "caseworker_roles: [social_worker]",
            "auditor_roles: [group_manager]",
            "window: 12 months",
            "recently_closed: 1 month",
            "restricted: flag",
            "choice: random",
            "allocation:",
            "  files: every",
        ],
    );
    fails(&select(&ok_staff(&d), &ok_cases(&d), &["--policy", &p]), "policy.yaml:9:", "every");
    let p = d.write("policy.yaml", &["name: [unclosed"]);
    fails(&select(&ok_staff(&d), &ok_cases(&d), &["--policy", &p]), "policy.yaml:", "expected a selection policy");
}

#[test]
fn malformed_ledger_is_refused_and_left_alone() {
    let d = Dir::new();
    let bytes = format!("{HISTORY_HEADER}\nC0,2026-10-01,selected,W9,,2026-10\nC1,2026-10-0").into_bytes();
    let l = d.write_bytes("ledger.csv", &bytes);
    fails(&select(&ok_staff(&d), &ok_cases(&d), &["--ledger", &l]), "ledger.csv:3:", "fields but the header has 6");
    assert_eq!(std::fs::read(&l).unwrap(), bytes, "the ledger is untouched");
}

/// Windows-1252 is not an error: Excel's UK "CSV" export is read correctly.
#[test]
fn windows_1252_is_read() {
    let d = Dir::new();
    let mut staff = standard_staff().join("\n").into_bytes();
    staff.extend_from_slice(b"\nW9,Worker \x93Nine\x94,Social Worker,Caf\xe9 \xa3 team,North,TM1,true,\n");
    let s = d.write_bytes("staff.csv", &staff);
    let c = d.write("cases.csv", &[CASES_HEADER, "C1,W9,,Early Help,,open,,,,,"]);
    let r = select(&s, &c, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.selection()[0]["team"], "Café £ team");
    assert!(r.stderr.contains("staff.csv: not UTF-8; read as Windows-1252"), "{}", r.stderr);
}

/// Runs the binary with `args` from the repository's root, reads one byte of its
/// output and closes the pipe, like `| head -c1`; returns the exit code and stderr.
fn closed_early(args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--today", "2026-11-22", "-q"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    let _ = out.read_exact(&mut one);
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    (status.code(), err)
}

/// A reader that stops reading (`caseaudit ... | head`) is not an error, in any
/// command or format: every writer ends quietly with exit 0 (1 when the command
/// found something), as ripgrep does. Outputs here are larger than a pipe's
/// buffer, so the writer does meet the closed pipe.
#[test]
fn a_closed_pipe_is_not_an_error() {
    let d = Dir::new();
    // Big inputs: 20,000 people with missing details, and 50,000 events.
    let header = "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language";
    let mut people = vec![header.to_string()];
    people.extend((0..20_000).map(|i| format!("P{i},,01/02/2015,,,,,N9,,")));
    let people: Vec<&str> = people.iter().map(String::as_str).collect();
    let people = d.write("people.csv", &people);
    let mut events = vec!["case_id,event,date".to_string()];
    events.extend((0..50_000).map(|i| format!("C{},referral,2026-0{}-1{}", i / 3, 1 + i % 9, i % 10)));
    let events: Vec<&str> = events.iter().map(String::as_str).collect();
    let events = d.write("events.csv", &events);
    let ex = examples();
    let (staff, cases) = (ex.join("staff.csv"), ex.join("cases.csv"));
    let (staff, cases) = (staff.to_str().unwrap(), cases.to_str().unwrap());
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["csv", "json", "jsonl", "table"] {
        runs.push(vec!["--format", format, "holidays", "--from", "1978", "--to", "2200"]);
        runs.push(vec!["--format", format, "check", "--rules", "escr-person", &people]);
        runs.push(vec!["--format", format, "due", "--events", &events, "--as-of", "2026-11-22"]);
    }
    runs.push(vec!["--format", "csv", "check", "--rules", "escr-person", "--annotate", &people]);
    runs.push(vec!["--format", "csv", "--columns", "ssda903", "due", "--events", "tests/data/ssda903"]);
    runs.push(vec!["--format", "ics", "due", "--events", &events]);
    runs.push(vec!["--format", "csv", "select", "--month", "2026-11", "--staff", staff, "--cases", cases]);
    runs.push(vec![
        "--format",
        "json",
        "select",
        "--month",
        "2026-11",
        "--staff",
        staff,
        "--cases",
        cases,
        "--explain",
    ]);
    runs.push(vec![
        "--format",
        "csv",
        "validate",
        "examples/audits/invalid/action-due.yaml",
        "examples/audits/invalid/bad-date.yaml",
    ]);
    runs.push(vec!["form", "--template", "good-practice"]);
    runs.push(vec!["schema", "audit"]);
    runs.push(vec!["completions", "bash"]);
    runs.push(vec!["man"]);
    runs.push(vec!["date", "2026-11-20", "15 working days"]);
    let (away, rota) = (ex.join("availability.csv"), ex.join("rota.csv"));
    let (away, rota) = (away.to_str().unwrap(), rota.to_str().unwrap());
    let coverage =
        ["route", "--coverage", "--from", "2026-01-01", "--to", "2027-12-31", "--staff", staff, "--cases", cases];
    let mut coverage = coverage.to_vec();
    coverage.extend(["--availability", away, "--rota", rota]);
    runs.push(coverage);
    for args in &runs {
        let (code, err) = closed_early(args);
        assert!(matches!(code, Some(0 | 1)), "{args:?}: {code:?} {err}");
        assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn streaming_commands_print_nothing_before_bad_input_stops_them() {
    // `due --events` and `check` stream their rows; stopped before the first
    // row, they leave stdout empty rather than a lone header.
    let d = Dir::new();
    let events = d.write("events.csv", &["case_id,date", "C1,2026-11-02"]);
    fails(&run(&["due", "--events", &events]), "events.csv:1", "event");
    let events = d.write("events.csv", &["case_id,event,date", "C1,referral,31/02/2026"]);
    fails(&run(&["due", "--events", &events]), "events.csv:2:3", "does not exist");
    let header = "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language";
    let ragged = d.write("people.csv", &[header, "P1,A,extra"]);
    fails(&run(&["check", "--rules", "escr-person", &ragged]), "people.csv:2", "");
    for format in ["json", "jsonl"] {
        let r = run(&["--format", format, "due", "--events", &events]);
        assert_eq!((r.code, r.stdout.as_str()), (2, ""), "{format}");
    }
}

/// Runs `caseaudit ARGS` with a terminal for standard input (through
/// util-linux `script`), as a user at a prompt would.
fn at_a_terminal(args: &str) -> (Option<i32>, String) {
    let cmd = format!("{} {args}", env!("CARGO_BIN_EXE_caseaudit"));
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux script (Debian's bsdutils) runs a command at a terminal");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// With no input file and nothing piped in, a command that reads standard input
/// says so and stops, rather than waiting in silence for a CSV to be typed.
#[test]
fn standard_input_at_a_terminal_is_a_usage_error() {
    for args in ["check --rules escr-person", "due --events -", "validate -"] {
        let (code, out) = at_a_terminal(args);
        assert_eq!(code, Some(2), "{args}: {out}");
        assert!(out.contains("nothing is piped in, and standard input is the terminal"), "{args}: {out}");
    }
}

/// Every subcommand that reads a file, given an empty file, a file with only
/// its header, a folder, or a missing file: exit 0, 1 or 2 as documented;
/// on exit 2 one line on stderr and no `-o` file left behind.
#[test]
fn every_input_empty_header_only_a_folder_or_missing() {
    let d = Dir::new();
    let ex = examples();
    let (staff, cases) = (ex.join("staff.csv"), ex.join("cases.csv"));
    let (staff, cases) = (staff.to_str().unwrap().to_string(), cases.to_str().unwrap().to_string());
    let escr = ex.join("check/escr-person-valid.csv").to_str().unwrap().to_string();
    // (name, header-only text, the arguments: INPUT where the file goes, and
    // STAFF, CASES, ESCR, FORMS for the example files and a forms folder)
    let cases_list: [(&str, &str, &str); 13] = [
        ("staff", STAFF_HEADER, "select --staff INPUT --cases CASES"),
        ("cases", CASES_HEADER, "select --staff STAFF --cases INPUT"),
        ("history", HISTORY_HEADER, "select --staff STAFF --cases CASES --history INPUT"),
        ("events", "case_id,event,date", "due --events INPUT --as-of 2026-11-22"),
        ("annex-a", "Child Unique ID,Date of referral", "due --annex-a INPUT"),
        ("check", "person_id,name", "check --rules escr-person INPUT"),
        ("rules", "fields: []", "check --rules INPUT ESCR"),
        ("audit", "# nothing yet", "validate INPUT"),
        ("selection", "month,case_id,worker_id", "form --from INPUT --dir FORMS"),
        ("closures", "date,name", "holidays --year 2026 --closures INPUT"),
        ("columns", "{}", "--columns INPUT select --staff STAFF --cases CASES"),
        ("policy", "name: x", "select --staff STAFF --cases CASES --policy INPUT"),
        ("timescales", "name: x\nobligations: []", "due referral 2026-11-20 --timescales INPUT"),
    ];
    let folder = d.path("a-folder");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, header, args) in &cases_list {
        let empty = d.write_bytes(&format!("{name}-empty.csv"), b"");
        let header_only = d.write(&format!("{name}-header.csv"), &[header]);
        let missing = d.path(&format!("{name}-missing.csv")).to_string_lossy().into_owned();
        for (kind, input) in [
            ("empty", empty),
            ("header only", header_only),
            ("a folder", folder.to_string_lossy().into_owned()),
            ("missing", missing),
        ] {
            let out = d.path(&format!("{name}-out.csv"));
            let _ = std::fs::remove_file(&out);
            let forms = d.path(&format!("{name}-forms"));
            let argv: Vec<String> = args
                .split(' ')
                .map(|a| match a {
                    "INPUT" => input.clone(),
                    "FORMS" => forms.to_string_lossy().into_owned(),
                    "STAFF" => staff.clone(),
                    "CASES" => cases.clone(),
                    "ESCR" => escr.clone(),
                    _ => a.to_string(),
                })
                .collect();
            let mut all: Vec<&str> = vec!["-q", "-o", out.to_str().unwrap()];
            all.extend(argv.iter().map(String::as_str));
            let r = run(&all);
            let what = format!("{name}, {kind}: {argv:?}");
            assert!(matches!(r.code, 0..=2), "{what}: exit {} {}", r.code, r.stderr);
            assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
            if r.code == 2 {
                assert_eq!(r.stderr.lines().count(), 1, "{what}: {}", r.stderr);
                assert!(r.stderr.starts_with("error: "), "{what}: {}", r.stderr);
                if *name == "audit" && out.exists() {
                    // validate reports every file, the unreadable ones too, and
                    // then exits 2: its -o file is whole, naming the problem.
                    let written = std::fs::read_to_string(&out).unwrap_or_default();
                    let named = [",unreadable,", ",syntax,", ",unknown-template,"].iter().any(|r| written.contains(r));
                    assert!(named, "{what}: {written}");
                } else {
                    assert!(!out.exists(), "{what}: a partial -o file was left");
                }
            }
            if matches!(kind, "a folder" | "missing") {
                assert_eq!(r.code, 2, "{what}: {}", r.stderr);
            }
        }
    }
}

#[test]
fn bad_route_inputs_name_their_file_line_and_column() {
    let d = Dir::new();
    let staff = d.write(
        "staff.csv",
        &[
            "staff_id,role,team,manager_id,covering_manager_id",
            "TM1,Team Manager,T1,,",
            "W1,Social Worker,T1,TM1,",
            "W2,Social Worker,T1,TM1,TMX",
        ],
    );
    let good_staff = d
        .write("good-staff.csv", &["staff_id,role,team,manager_id", "TM1,Team Manager,T1,", "W1,Social Worker,T1,TM1"]);
    let cases = d.write("cases.csv", &["case_id,worker_id", "C1,W1"]);
    let route = |staff: &str, extra: &[&str]| {
        let mut args = vec!["route", "C1", "--staff", staff, "--cases", &cases, "--at", "2026-12-07 10:00"];
        args.extend_from_slice(extra);
        run(&args)
    };
    // A covering manager who is not in the staff file.
    fails(&route(&staff, &[]), "staff.csv:4:5", "covering_manager_id 'TMX' is not a staff_id");
    // Availability: an unknown absence word, a bad time, an unknown person, no 'to' column.
    let away = |name: &str, lines: &[&str]| d.write(name, lines);
    let bad_word = away("a1.csv", &["staff_id,from,to,absence", "W1,2026-12-07,2026-12-08,lunch"]);
    fails(&route(&good_staff, &["--availability", &bad_word]), "a1.csv:2:4", "'lunch' is not meeting, leave or sick");
    let bad_time = away("a2.csv", &["staff_id,from,to,absence", "W1,2026-12-07 25:00,2026-12-08,leave"]);
    fails(&route(&good_staff, &["--availability", &bad_time]), "a2.csv:2:2", "bad time");
    let unknown = away("a3.csv", &["staff_id,from,to,absence", "W9,2026-12-07,2026-12-08,leave"]);
    fails(&route(&good_staff, &["--availability", &unknown]), "a3.csv:2:1", "'W9' is not in the staff file");
    let no_to = away("a4.csv", &["staff_id,from,absence", "W1,2026-12-07,leave"]);
    fails(&route(&good_staff, &["--availability", &no_to]), "a4.csv", "to");
    // Rota: the same team twice on one day.
    let twice = d.write("rota.csv", &["date,team,duty_worker_id", "2026-12-07,T1,W1", "2026-12-07,t1 ,W1"]);
    fails(
        &route(&good_staff, &["--rota", &twice]),
        "rota.csv:3:2",
        "on the rota twice for 2026-12-07 (first on line 2)",
    );
    // Concerns: a bad via.
    let concerns = d.write("concerns.csv", &["case_id,received_at,via", "C1,2026-12-07 10:00,post"]);
    let r = run(&["route", "--concerns", &concerns, "--staff", &good_staff, "--cases", &cases]);
    fails(&r, "concerns.csv:2:3", "'post' is neither admin nor contact-service");
    // A routing policy whose day ends before it starts.
    let policy = d.write("routing.yaml", &[&caseaudit::route::policy::BUILT_IN[0].1.replace("\"17:00\"", "\"08:00\"")]);
    fails(&route(&good_staff, &["--policy", &policy]), "routing.yaml:", "ends before it starts");
    // An .ics that is not a calendar.
    let ics = d.write("away.ics", &["case_id,worker_id"]);
    fails(&route(&good_staff, &["--availability", &ics]), "away.ics", "is not a readable iCalendar file");
}
