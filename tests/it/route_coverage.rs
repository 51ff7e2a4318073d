//! `route --coverage` over a year reports the gaps planted in its data and
//! nothing else: on the synthetic authority in `examples/` (with a year's rota
//! made here around the example week) and on a generated 30,000-worker one.

#[path = "../../examples/generate_routing.rs"]
mod generate_routing;

use std::path::Path;

fn coverage(dir: &Path, staff: &str, cases: &str, away: &str, rota: &str, from: &str, to: &str) -> (i32, String) {
    let out = dir.join("gaps.csv");
    let args = [
        "caseaudit",
        "--quiet",
        "route",
        "--coverage",
        "--from",
        from,
        "--to",
        to,
        "--staff",
        staff,
        "--cases",
        cases,
        "--availability",
        away,
        "--rota",
        rota,
        "-o",
        &out.to_string_lossy(),
    ];
    let code = caseaudit::run(args);
    let code = if code == std::process::ExitCode::SUCCESS {
        0
    } else if code == std::process::ExitCode::from(1) {
        1
    } else {
        2
    };
    (code, std::fs::read_to_string(out).unwrap_or_default())
}

/// The gap rows without their detail column.
fn gaps(csv: &str) -> Vec<String> {
    csv.lines().skip(1).map(|l| l.split(',').take(5).collect::<Vec<_>>().join(",")).collect()
}

#[test]
fn a_year_of_the_example_authority_has_only_the_planted_gaps() {
    let dir = tempfile::tempdir().unwrap();
    // The example week's rota, and for every other weekday of the year a duty
    // worker who is never away.
    let week = std::fs::read_to_string(format!("{}/examples/rota.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut rota = week.clone();
    let teams = [
        ("Assessment North", "W04"),
        ("Children in Care North", "W07"),
        ("Assessment South", "W09"),
        ("Early Help South", "W15"),
    ];
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for d in start.iter_days().take(365) {
        if week.contains(&d.to_string()) {
            continue;
        }
        for (team, duty) in teams {
            rota.push_str(&format!("{d},{team},{duty},\n"));
        }
    }
    let rota_path = dir.path().join("rota.csv");
    std::fs::write(&rota_path, rota).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let (code, csv) = coverage(
        dir.path(),
        &format!("{root}/examples/staff.csv"),
        &format!("{root}/examples/cases.csv"),
        &format!("{root}/examples/availability.csv"),
        &rota_path.to_string_lossy(),
        "2026-12-01",
        "2027-11-30",
    );
    assert_eq!(code, 1, "a gap exits 1");
    assert_eq!(
        gaps(&csv),
        [
            "Assessment North,2026-12-07,09:00,11:00,no-duty-worker",
            "Assessment North,2026-12-08,09:00,17:00,no-duty-worker",
            "Assessment North,2026-12-10,09:00,17:00,no-manager-cover",
            "Children in Care North,2026-12-09,09:00,17:00,no-manager-cover",
            "Children in Care North,2026-12-10,09:00,17:00,no-manager-cover",
            "Early Help South,2026-12-11,09:00,17:00,no-duty-worker",
        ]
    );
}

#[test]
fn a_year_of_thirty_thousand_workers_has_only_the_planted_gaps() {
    let dir = tempfile::tempdir().unwrap();
    generate_routing::write(30_000, dir.path()).unwrap();
    let p = |f: &str| dir.path().join(f).to_string_lossy().into_owned();
    let (code, csv) = coverage(
        dir.path(),
        &p("staff.csv"),
        &p("cases.csv"),
        &p("availability.csv"),
        &p("rota.csv"),
        "2027-01-01",
        "2027-12-31",
    );
    assert_eq!(code, 1);
    assert_eq!(gaps(&csv), generate_routing::PLANTED);
}
