//! Tables on a real terminal (docs/reference/conventions.md), through a pseudo-terminal made by
//! `script` (util-linux) at 80 and 120 columns: every line fits, and no id,
//! date or reason code is split across lines; what is left out is said.

use std::process::Command;

/// The bytes a command writes to a terminal `cols` wide (stderr left out).
fn on_terminal(cols: u16, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_caseaudit");
    let line = format!("stty cols {cols} rows 50; {bin} --today 2026-11-22 {args} 2>/dev/null");
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "dumb")
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .output()
        .expect("script (util-linux) makes the pseudo-terminal");
    String::from_utf8_lossy(&out.stdout).replace('\r', "")
}

/// The same command's CSV cells (column, value), each of which must appear
/// whole on the terminal unless its column was left out.
fn cells(args: &str) -> Vec<(String, String)> {
    let out = crate::common::bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--today", "2026-11-22", "--format", "csv"])
        .args(args.split(' '))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    crate::common::parse_csv(&text).into_iter().flat_map(|r| r.into_iter()).collect()
}

#[test]
fn tables_fit_80_and_120_columns_without_splitting_a_value() {
    let jobs = [
        "select --staff examples/staff.csv --cases examples/cases.csv --history examples/audits.csv --month 2026-11",
        "due --events examples/events.csv --as-of 2026-12-20",
        "holidays --year 2027",
    ];
    for cols in [80u16, 120] {
        for job in jobs {
            let shown = on_terminal(cols, job);
            assert!(shown.contains("|---"), "{job} at {cols}: a table\n{shown}");
            for line in shown.lines() {
                assert!(line.chars().count() <= usize::from(cols), "{job} at {cols}: too wide: {line}");
            }
            // Ids, dates and codes (any cell without a space) are never split:
            // each is found whole between a table's bars, unless its column
            // was left out (and the note says so).
            let table_cells: Vec<&str> = shown.lines().flat_map(|l| l.split('|')).map(str::trim).collect();
            let note = shown.split("left out to fit").nth(1).unwrap_or("").replace('\n', " ");
            let left_out = |column: &str| note.split([' ', ',', ';', ':']).any(|w| w == column);
            for (column, value) in cells(job).iter().filter(|(_, v)| !v.is_empty() && !v.contains(' ')) {
                if left_out(column) {
                    continue;
                }
                assert!(table_cells.contains(&value.as_str()), "{job} at {cols}: {column} '{value}' split\n{shown}");
            }
        }
    }
    // The selection's ids are always shown, and the note says how to see all.
    let shown = on_terminal(80, jobs[0]);
    for id in ["C049", "W01", "TM02", "not-sampled", "2025-06-20"] {
        assert!(shown.lines().any(|l| l.split('|').any(|c| c.trim() == id)), "{id} whole at 80\n{shown}");
    }
    assert!(shown.contains("--wide shows every column"), "{shown}");
    // --wide shows every column, whatever the width.
    let wide = on_terminal(80, &format!("--wide {}", jobs[0]));
    assert!(wide.lines().next().is_some_and(|l| l.contains("auditor_name") && l.len() > 80), "{wide}");
}
