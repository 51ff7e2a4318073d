//! A pick stands once made (docs/reference/conventions.md): when a selected case leaves the
//! caseload, the worker's new file replaces it, recorded in the ledger with
//! `replaces`, and the old pick is marked `replaced`, which counts for
//! nothing. When the case comes back, the replacement stands.

use crate::common::{self, Dir};

/// Runs `select` for `month` on `cases` with the ledger; returns the run.
fn select(d: &Dir, cases: &str, month: &str, extra: &[&str]) -> common::Run {
    let root = env!("CARGO_MANIFEST_DIR");
    let ledger = d.path("ledger.csv");
    let staff = format!("{root}/examples/staff.csv");
    let args = ["select", "--staff", &staff, "--cases", cases, "--month", month, "--ledger", ledger.to_str().unwrap()];
    common::run(&[&args[..], extra].concat())
}

#[test]
fn a_replacement_stands_when_the_replaced_case_comes_back() {
    let d = Dir::new();
    let all = std::fs::read_to_string(format!("{}/examples/cases.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let cases = d.write("cases.csv", &all.lines().collect::<Vec<_>>());
    let first = select(&d, &cases, "2026-11", &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let old = first.picks()["W01"].clone();

    // The case leaves the caseload: W01 is given another, which replaces it.
    let without: Vec<&str> = all.lines().filter(|l| !l.starts_with(&format!("{old},"))).collect();
    d.write("cases.csv", &without);
    let second = select(&d, &cases, "2026-11", &[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let new = second.picks()["W01"].clone();
    assert_ne!(new, old);
    assert!(
        second.stderr.contains(&format!(
            "W01's file {old} (selected for 2026-11) is no longer in the cases file; {new} replaces it"
        )),
        "the warning names the worker, the old case and the new one: {}",
        second.stderr
    );
    let ledger = std::fs::read_to_string(d.path("ledger.csv")).unwrap();
    let rows = common::parse_csv(&ledger);
    let row = |case: &str| rows.iter().find(|r| r["case_id"] == case).unwrap().clone();
    assert_eq!(row(&old)["kind"], "replaced");
    assert_eq!(row(&new)["kind"], "selected");
    assert_eq!(row(&new)["replaces"], old);
    // Every other pick is as it was.
    for (worker, case) in first.picks() {
        if worker != "W01" {
            assert_eq!(second.picks()[&worker], case, "{worker}");
        }
    }

    // The case comes back: the replacement stands, and the ledger is unchanged.
    d.write("cases.csv", &all.lines().collect::<Vec<_>>());
    let third = select(&d, &cases, "2026-11", &[]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(third.picks()["W01"], new);
    assert!(!third.stderr.contains("second selection"), "{}", third.stderr);
    assert_eq!(std::fs::read_to_string(d.path("ledger.csv")).unwrap(), ledger);

    // The next month: the replaced case counts for nothing, so it is not
    // excluded as selected recently; the replacement is.
    let next = select(&d, &cases, "2026-12", &["--explain", "--format", "json"]);
    let excluded: serde_json::Value = serde_json::from_str(&next.stdout).unwrap();
    let reason = |case: &str| {
        excluded["excluded"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["case_id"] == case)
            .map(|e| e["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(reason(&new).as_deref(), Some("selected-recently"));
    assert_ne!(reason(&old).as_deref(), Some("selected-recently"));
}
