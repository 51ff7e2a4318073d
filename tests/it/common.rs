//! Test fixtures: a synthetic authority written to a temporary folder, and a
//! runner for the binary that parses its CSV output. Synthetic ids only.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const STAFF_HEADER: &str = "staff_id,name,role,team,area,manager_id,active,audit_capacity";
pub const CASES_HEADER: &str =
    "case_id,worker_id,team,service,area,status,opened,closed,restricted,family_id,recorded_by";
pub const HISTORY_HEADER: &str = "case_id,date,kind,worker_id,auditor_id,month";

/// `select` for November 2026 on the synthetic authority in `examples/`.
pub const EXAMPLE_SELECT: [&str; 9] = [
    "select",
    "--staff",
    "examples/staff.csv",
    "--cases",
    "examples/cases.csv",
    "--history",
    "examples/audits.csv",
    "--month",
    "2026-11",
];

pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { tmp: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Writes `name` with the given lines (a header first) and returns its path.
    pub fn write(&self, name: &str, lines: &[&str]) -> String {
        let p = self.path(name);
        std::fs::write(&p, lines.join("\n") + "\n").expect("write fixture");
        p.to_string_lossy().into_owned()
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p.to_string_lossy().into_owned()
    }
}

/// A small authority: two areas, a director, heads, group managers, service and
/// team managers, and caseworkers. Returns the staff lines.
///
/// North: H1 → GM1 → TM1 → W1, W2 (team T1); GM1 → TM2 → W3 (team T2); SM1 (North Leadership).
/// South: H2 → GM2 → TM3 → W4 (team T3); SM2.
pub fn standard_staff() -> Vec<&'static str> {
    vec![
        STAFF_HEADER,
        "D1,Director,Director,Directorate,,,true,",
        "H1,Head N,Head of Service,North Leadership,North,D1,true,",
        "H2,Head S,Head of Service,South Leadership,South,D1,true,",
        "SM1,Service Manager N,Service Manager,North Leadership,North,H1,true,",
        "SM2,Service Manager S,Service Manager,South Leadership,South,H2,true,",
        "GM1,Group Manager N,Group Manager,North Management,North,H1,true,",
        "GM2,Group Manager S,Group Manager,South Management,South,H2,true,",
        "TM1,Team Manager 1,Team Manager,T1,North,GM1,true,",
        "TM2,Team Manager 2,Team Manager,T2,North,GM1,true,",
        "TM3,Team Manager 3,Team Manager,T3,South,GM2,true,",
        "W1,Worker 1,Social Worker,T1,North,TM1,true,",
        "W2,Worker 2,Senior Practitioner,T1,North,TM1,true,",
        "W3,Worker 3,social_worker,T2,North,TM2,true,",
        "W4,Worker 4,Family-Support Worker,T3,South,TM3,true,",
    ]
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The CSV sections of stdout (separated by blank lines), as rows of maps.
    pub fn sections(&self) -> Vec<Vec<BTreeMap<String, String>>> {
        self.stdout.split("\n\n").filter(|s| !s.trim().is_empty()).map(parse_csv).collect()
    }

    pub fn selection(&self) -> Vec<BTreeMap<String, String>> {
        self.sections().into_iter().next().unwrap_or_default()
    }

    pub fn excluded(&self) -> Vec<BTreeMap<String, String>> {
        self.sections().into_iter().nth(1).unwrap_or_default()
    }

    /// worker_id → case_id of the selection.
    pub fn picks(&self) -> BTreeMap<String, String> {
        self.selection().into_iter().map(|r| (r["worker_id"].clone(), r["case_id"].clone())).collect()
    }

    /// case_id (or "" + worker) → reason.
    pub fn reason(&self, case_id: &str, worker_id: &str) -> Option<String> {
        self.excluded()
            .into_iter()
            .find(|r| r["case_id"] == case_id && r["worker_id"] == worker_id)
            .map(|r| r["reason"].clone())
    }
}

pub fn parse_csv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().expect("csv header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("csv row");
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_caseaudit"));
    // COLUMNS would fit tables to a width: tests pin the unfitted bytes.
    c.env_remove("CASEAUDIT_TODAY").env_remove("COLUMNS").env("NO_COLOR", "1");
    c
}

/// Runs the binary with exactly `args`, from the repository's root (so
/// `examples/` and `tests/data/` paths work).
pub fn output(args: &[&str]) -> std::process::Output {
    bin().current_dir(env!("CARGO_MANIFEST_DIR")).args(args).output().expect("run caseaudit")
}

/// Runs the binary with `args`, today fixed at 2026-11-22, CSV output.
pub fn run(args: &[&str]) -> Run {
    let out = bin().args(["--today", "2026-11-22", "--format", "csv"]).args(args).output().expect("run caseaudit");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

/// `select` for November 2026 with the given files and extra arguments, its
/// exclusions (`--excluded`) after its selection on stdout, as two sections.
pub fn select(staff: &str, cases: &str, extra: &[&str]) -> Run {
    let excluded = tempfile::NamedTempFile::new().expect("temp file");
    let path = excluded.path().with_extension("csv");
    let mut args = vec!["select", "--staff", staff, "--cases", cases, "--month", "2026-11"];
    args.extend(["--excluded", path.to_str().expect("utf-8 temp path")]);
    args.extend_from_slice(extra);
    let mut r = run(&args);
    if let Ok(text) = std::fs::read_to_string(&path) {
        r.stdout = format!("{}\n{text}", r.stdout);
        let _ = std::fs::remove_file(&path);
    }
    r
}

pub fn examples() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
}
