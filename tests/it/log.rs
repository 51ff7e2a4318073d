//! `--log FILE` (docs/reference/conventions.md): one line per run, appended, as text or JSON,
//! naming the inputs by SHA-256, with the summary, the warnings and the exit
//! code; never a person's name.

use crate::common::{self, Dir};
use sha2::{Digest, Sha256};

#[test]
fn each_run_appends_one_line_naming_its_inputs_and_how_it_ended() {
    let d = Dir::new();
    let log = d.path("caseaudit.log");
    let root = env!("CARGO_MANIFEST_DIR");
    let staff = format!("{root}/examples/staff.csv");
    let cases = format!("{root}/tests/data/exports/cases-header-only.csv");
    let out = d.path("selection.csv");
    let args = |format: &str| -> Vec<String> {
        [
            "--log",
            log.to_str().unwrap(),
            "--log-format",
            format,
            "--strict",
            "-q",
            "select",
            "--staff",
            &staff,
            "--cases",
            &cases,
            "--month",
            "2026-11",
            "-o",
            out.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let first = common::run(&args("json").iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(first.code, 1, "{}", first.stderr);
    let second = common::run(&args("text").iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(second.code, 1);
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");

    let json: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(json["exit"], 1);
    let sha = |p: &str| format!("{:x}", Sha256::digest(std::fs::read(p).unwrap()));
    let inputs = json["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2, "the output file is not an input: {inputs:?}");
    assert_eq!(inputs[0]["path"], staff.as_str());
    assert_eq!(inputs[0]["sha256"], sha(&staff).as_str());
    assert_eq!(inputs[1]["sha256"], sha(&cases).as_str());
    assert!(json["warnings"].as_u64().unwrap() >= 1);
    let said: Vec<&str> = json["said"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(said.iter().any(|s| s.contains("has a header but no rows")), "{said:?}");
    assert!(said.iter().any(|s| s.starts_with("2026-11: 0 of 14 caseworkers")), "the quiet summary too: {said:?}");

    assert!(lines[1].contains(" | exit 1 | "), "{}", lines[1]);
    assert!(lines[1].contains(&format!("sha256:{}", sha(&staff))));
    // Staff names are in the staff file, never in the log.
    assert!(!text.contains("Worker W01") && !text.contains("Team Manager AN"), "{text}");
}
