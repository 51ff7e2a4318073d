//! The design, checked: which layer may use which (the module map in `src/lib.rs`).
//! Reads every `crate::` path in `src/` (in `use` lines and written out in code)
//! and fails on an arrow the design forbids, naming the file and line.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Shared helpers every layer may use; they use only each other.
const BASE: &[&str] = &["error", "words", "hash", "yaml", "stats"];
/// The pure domain: no files, no terminal, no return formats, no commands.
const DOMAIN: &[&str] = &["select", "timescales", "checklist", "check", "route", "report", "timeliness"];
/// The readers of national return formats.
const READERS: &[&str] = &["annexa", "ssd", "cin"];

/// What each top-level module may use besides itself. The edge (`cmd`, `cli`)
/// may use everything, and nothing below it may use the edge.
fn allowed(module: &str) -> Option<BTreeSet<&'static str>> {
    let mut ok: BTreeSet<&str> = BASE.iter().copied().collect();
    match module {
        m if BASE.contains(&m) => {}
        "calendar" => {}
        "model" => ok.extend(["calendar", "io"]),
        m if DOMAIN.contains(&m) => ok.extend(["calendar", "model"]),
        "io" => ok.extend(["calendar"]),
        m if READERS.contains(&m) => ok.extend(["calendar", "model", "io"]),
        "cli" | "cmd" => return None,
        other => panic!("module '{other}' is not in the layer map: add it to tests/it/architecture.rs and src/lib.rs"),
    }
    Some(ok)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/io/csvin.rs` → `io`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix("src").unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a line names through `crate::`, including grouped
/// imports (`use crate::{io, model::staff}`).
fn named(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let code = line.split("//").next().unwrap_or("");
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let m: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !m.is_empty() {
                    out.push(m);
                }
            }
        } else {
            let m: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(m);
        }
    }
    out
}

#[test]
fn arrows_point_one_way() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let top: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(ok) = allowed(&module) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for m in named(line) {
                // `crate::Outcome` and other items of lib.rs are not layers.
                if m != module && top.contains(&m) && !ok.contains(m.as_str()) {
                    wrong.push(format!("{}:{}: {module} uses {m}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "arrows the design forbids (see src/lib.rs):\n{}", wrong.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    assert_eq!(named("use crate::{io, model::staff};"), ["io", "model"]);
    assert_eq!(named("    let x = crate::io::config::text(n)?; // crate::cmd"), ["io"]);
    assert!(named("// crate::io").is_empty());
    assert!(allowed("calendar").unwrap().iter().all(|m| BASE.contains(m)));
    assert!(!allowed("select").unwrap().contains("io"));
    assert!(!allowed("model").unwrap().contains("annexa"));
    assert!(!allowed("io").unwrap().contains("model"));
}

#[test]
fn super_paths_do_not_climb_out_of_a_module() {
    // `super::super::x` from a nested file could reach a sibling layer unseen by
    // the check above; the design has no need of it outside tests.
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        assert!(!code.contains("super::super::"), "{}: reaches two levels up with super::super", file.display());
    }
}

#[test]
fn a_file_holds_one_idea() {
    // Issue 13: past 600 lines a file has always held several ideas here; split
    // it along them (and along the sections of the procedure its rules cite).
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 600).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 600 lines:\n{}", long.join("\n"));
}

#[test]
fn a_rule_is_found_from_its_source() {
    // Issue 13: each can be found in one step from its source (docs/sources.md).
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    let eligible = read("src/select/eligible.rs");
    let at = eligible.find("fn not_again_yet").expect("the 12-month rule is a named function");
    assert!(eligible[..at].rfind("Quality Practice Audit §12.1").is_some_and(|c| at - c < 300));
    let staff = read("src/model/staff.rs");
    let at = staff.find("pub fn may_audit").expect("Staff::may_audit");
    assert!(staff[..at].contains("Quality Practice Audit §9.1"));
    for user in ["src/select/pins.rs", "src/checklist/audit/independence.rs"] {
        assert!(read(user).contains("may_audit("), "{user} applies the rule written once");
    }
    let default = read("src/timescales/default.yaml");
    assert!(
        default.lines().any(|l| l.contains("event: strategy-discussion, obligation: icpcc, rule: 15 working days")
            && l.contains("QA induction: Initial child protection case conference"))
    );
}

#[test]
fn standard_output_is_written_in_one_place() {
    // Issue 27: a closed pipe must not end the run early, so every write to
    // standard output goes through io::output::stdout, which drops output
    // once the reader has gone and lets the run reach its own exit code.
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut wrong = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("io/output/pipe.rs")) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let writes =
                line.contains("stdout()") && !line.contains("is_terminal") && !line.contains("output::stdout()");
            let prints = line.contains("println!(") && !line.contains("eprintln!(") || line.contains(" print!(");
            if (writes && line.contains("io::stdout()")) || prints {
                wrong.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(wrong.is_empty(), "writes to standard output outside io::output::stdout:\n{}", wrong.join("\n"));
}
