//! A closed pipe (docs/reference/conventions.md): `caseaudit ... | head -1` stops the output, and
//! the exit code is still the whole run's. Each command and format is run
//! twice, once read to the end and once by a reader that takes the first
//! bytes and closes the pipe; both must end with the same code. The large
//! cases write far more than a pipe holds (at least 1 MB), so the writer
//! meets the closed pipe mid-run, as it does in cron.

use crate::common::{self, Dir};
use std::io::Read;
use std::process::Stdio;

/// The exit code of a full run, and how many bytes it wrote.
fn whole(dir: &Dir, args: &[String]) -> (i32, usize) {
    let o = common::bin().current_dir(dir.tmp.path()).args(args).output().expect("run caseaudit");
    (o.status.code().unwrap_or(-1), o.stdout.len())
}

/// The exit code when the reader takes the first bytes and goes away.
fn head(dir: &Dir, args: &[String]) -> (i32, String) {
    let mut child = common::bin()
        .current_dir(dir.tmp.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run caseaudit");
    let mut first = [0u8; 64];
    let mut out = child.stdout.take().expect("piped");
    let _ = out.read(&mut first);
    drop(out);
    let mut err = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut err).unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), err)
}

/// Runs `args` both ways; the codes must agree, be `code`, and the full output
/// must be at least `least` bytes.
fn same_code(dir: &Dir, args: &[&str], code: i32, least: usize) {
    let args: Vec<String> = ["--today", "2026-11-22"].iter().chain(args).map(|s| s.to_string()).collect();
    let (want, bytes) = whole(dir, &args);
    assert_eq!(want, code, "{args:?}: the whole run");
    assert!(bytes >= least, "{args:?}: {bytes} bytes, wanted at least {least}");
    let (got, err) = head(dir, &args);
    assert_eq!(got, want, "{args:?}: after the reader left ({err})");
    assert!(!err.contains("Broken pipe") && !err.contains("panicked"), "{args:?}: {err}");
}

const MB: usize = 1 << 20;

/// 20,000 recordings, every one recorded late: a finding each.
fn late_recordings(d: &Dir) -> String {
    let mut lines = vec!["case_id,event_date,recorded_date".to_string()];
    lines.extend((0..20_000).map(|i| format!("P{i:06},02/11/2026,20/11/2026")));
    d.write("recordings.csv", &lines.iter().map(String::as_str).collect::<Vec<_>>())
}

/// 20,000 referrals in 2026, long before the as-of date: overdue visits.
fn referrals(d: &Dir) -> String {
    let mut lines = vec!["case_id,event,date".to_string()];
    lines.extend((0..20_000).map(|i| format!("C{i:06},referral,{:02}/{:02}/2026", 1 + i % 28, 1 + (i / 28) % 9)));
    d.write("events.csv", &lines.iter().map(String::as_str).collect::<Vec<_>>())
}

/// An authority of 12,000 caseworkers, one in ten with no case: `--strict`
/// fails on them.
fn authority(d: &Dir) -> (String, String) {
    let mut staff = vec![
        common::STAFF_HEADER.to_string(),
        "SM1,Service Manager,Service Manager,Leaders,North,,true,".to_string(),
        "TM1,Team Manager 1,Team Manager,T1,North,SM1,true,".to_string(),
        "TM2,Team Manager 2,Team Manager,T2,North,SM1,true,".to_string(),
    ];
    let mut cases = vec![common::CASES_HEADER.to_string()];
    for i in 0..12_000 {
        let team = if i % 2 == 0 { ("T1", "TM1") } else { ("T2", "TM2") };
        staff.push(format!("W{i:05},Worker {i},Social Worker,{},North,{},true,", team.0, team.1));
        if i % 10 != 0 {
            cases.push(format!("C{i:05},W{i:05},,Assessment,,open,01/01/2026,,false,,"));
        }
    }
    let s = d.write("staff.csv", &staff.iter().map(String::as_str).collect::<Vec<_>>());
    let c = d.write("cases.csv", &cases.iter().map(String::as_str).collect::<Vec<_>>());
    (s, c)
}

#[test]
fn check_keeps_its_exit_code_when_the_reader_leaves() {
    let d = Dir::new();
    let file = late_recordings(&d);
    for format in ["csv", "jsonl", "json", "table"] {
        same_code(&d, &["--format", format, "check", "--rules", "recording-timeliness", &file], 1, MB);
    }
    same_code(&d, &["--format", "csv", "check", "--rules", "recording-timeliness", "--annotate", &file], 1, MB);
}

#[test]
fn due_keeps_its_exit_code_when_the_reader_leaves() {
    let d = Dir::new();
    let file = referrals(&d);
    for format in ["csv", "jsonl", "json", "table", "ics"] {
        same_code(&d, &["--format", format, "due", "--events", &file, "--as-of", "2026-11-22"], 1, MB);
    }
}

#[test]
fn select_keeps_its_exit_code_when_the_reader_leaves() {
    let d = Dir::new();
    let (staff, cases) = authority(&d);
    let base = ["select", "--staff", &staff, "--cases", &cases, "--month", "2026-11", "--strict"];
    for format in ["csv", "jsonl", "json", "table"] {
        same_code(&d, &[&["--format", format][..], &base[..]].concat(), 1, MB);
    }
}

#[test]
fn the_other_commands_keep_their_exit_codes_when_the_reader_leaves() {
    let d = Dir::new();
    // Smaller outputs: each still ends with its own code, whether the reader
    // stays or goes.
    same_code(&d, &["--format", "csv", "holidays", "--from", "1978", "--to", "2200"], 0, 50_000);
    same_code(&d, &["--format", "json", "holidays", "--from", "1978", "--to", "2200"], 0, 50_000);
    same_code(&d, &["date", "2026-11-20", "15 working days"], 0, 10);
    same_code(&d, &["show", "timescales", "default"], 0, 1000);
    same_code(&d, &["schema", "policy"], 0, 1000);
    same_code(&d, &["completions", "bash"], 0, 1000);
    same_code(&d, &["man"], 0, 1000);
    same_code(&d, &["form", "--template", "quality-practice"], 0, 1000);
    let root = env!("CARGO_MANIFEST_DIR");
    let invalid = format!("{root}/examples/audits/invalid");
    // Three of the invalid examples cannot be read at all: exit 2.
    same_code(&d, &["--format", "csv", "validate", &invalid], 2, 1000);
    let audits = format!("{root}/examples/audits");
    for format in ["csv", "json", "table", "html"] {
        let report = ["--strict", "--format", format, "report", &audits, "--from", "2026-09", "--to", "2026-11"];
        same_code(&d, &[&report[..], &["--table", "standards"]].concat(), 1, 1000);
    }
    let staff = format!("{root}/examples/staff.csv");
    let cases = format!("{root}/examples/cases.csv");
    let coverage = ["route", "--coverage", "--from", "2026-01-01", "--to", "2026-12-31"];
    same_code(&d, &[&["--format", "csv"][..], &coverage[..], &["--staff", &staff, "--cases", &cases]].concat(), 0, 10);
}
