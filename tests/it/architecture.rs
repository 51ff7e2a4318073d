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

/// The edge, top down: `cli` parses the command line and dispatches to `cmd`;
/// `cmd` (one thin file per command) and `global` (the options every command
/// takes) may use every layer below; none uses one above it.
const EDGE: &[&str] = &["cli", "cmd", "global"];

/// What each top-level module may use besides itself (`None`: anything).
fn allowed(module: &str) -> Option<BTreeSet<&'static str>> {
    let mut ok: BTreeSet<&str> = BASE.iter().copied().collect();
    let below_edge = || BASE.iter().chain(DOMAIN).chain(READERS).chain(&["calendar", "model", "io"]).copied();
    match module {
        "cli" => return None,
        "cmd" => ok.extend(below_edge().chain(["global", "ops"])),
        "global" => ok.extend(below_edge()),
        // The jobs: each command's work as a library, below the edge.
        "ops" => ok.extend(below_edge()),
        m if BASE.contains(&m) => {}
        "calendar" => {}
        "model" => ok.extend(["calendar", "io"]),
        m if DOMAIN.contains(&m) => ok.extend(["calendar", "model"]),
        "io" => ok.extend(["calendar"]),
        m if READERS.contains(&m) => ok.extend(["calendar", "model", "io"]),
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
    assert!(!allowed("cmd").unwrap().contains("cli"), "cmd may not reach up into cli");
    assert!(!allowed("global").unwrap().contains("cmd"));
    assert!(EDGE.iter().all(|m| m == &"cli" || allowed(m).is_some()));
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
    // docs/architecture.md: past 600 lines a file has always held several ideas here; split
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
    // docs/architecture.md: each can be found in one step from its source (docs/sources.md).
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
    // docs/reference/conventions.md: a closed pipe must not end the run early, so every write to
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

/// A module path (`["io", "csvin", "header"]`) for a file of `src/`.
fn module_path(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix("src").unwrap();
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" && stem != "main" {
        parts.push(stem.to_string());
    }
    parts
}

/// Every module path a file's code names: `crate::a::b` (grouped imports
/// too) and `super::x` resolved from where the file sits. Test code (after
/// `#[cfg(test)]`) and comments are left out.
fn paths_named(path: &Path) -> Vec<Vec<String>> {
    let me = module_path(path);
    let text = std::fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap();
    let mut out = Vec::new();
    let words = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| p.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>())
            .take_while(|p| !p.is_empty())
            .collect()
    };
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let prefix: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            let after = &rest[prefix.len()..];
            if let Some(group) = after.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    out.push(words(&format!("{prefix}{}", item.trim())));
                }
            } else {
                out.push(words(&prefix));
            }
        }
        let mut rest = line;
        while let Some(i) = rest.find("super::") {
            let before = &rest[..i];
            if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                rest = &rest[i + 7..];
                continue;
            }
            let mut ups = 0;
            let mut tail = &rest[i..];
            while let Some(t) = tail.strip_prefix("super::") {
                ups += 1;
                tail = t;
            }
            // `super` is the parent of the file's module (the module a
            // `mod.rs` file is, or the one another file is).
            let mut base = me.clone();
            base.truncate(base.len().saturating_sub(ups));
            let mut full = base;
            full.extend(words(tail));
            out.push(full);
            rest = tail;
        }
    }
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The strongly connected groups of two or more nodes (Tarjan): each a circle.
fn circles(graph: &std::collections::BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g std::collections::BTreeMap<String, BTreeSet<String>>,
        index: std::collections::BTreeMap<&'g str, usize>,
        low: std::collections::BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let lw = s.low[w.as_str()];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w.as_str()) {
                let iw = s.index[w.as_str()];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.out.push(group);
            }
        }
    }
    let mut s = State { graph, index: Default::default(), low: Default::default(), stack: Vec::new(), out: Vec::new() };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// docs/architecture.md: no module imports go round in a circle, neither among the
/// top-level modules nor among the files of any one module (`io`:
/// columns → config → csvin → columns was one; `check::engine` another).
#[test]
fn no_imports_go_round_in_a_circle() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let named: Vec<(Vec<String>, Vec<Vec<String>>)> =
        files.iter().map(|f| (module_path(f), paths_named(f))).filter(|(m, _)| !m.is_empty()).collect();
    let mut prefixes: BTreeSet<Vec<String>> = BTreeSet::new();
    for (m, _) in &named {
        for i in 0..m.len() {
            prefixes.insert(m[..i].to_vec());
        }
    }
    let mut found = Vec::new();
    for p in &prefixes {
        let mut graph: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
        for (from, uses) in &named {
            if !from.starts_with(p) || from.len() <= p.len() {
                continue;
            }
            for to in uses {
                if to.starts_with(p) && to.len() > p.len() && to[p.len()] != from[p.len()] {
                    graph.entry(from[p.len()].clone()).or_default().insert(to[p.len()].clone());
                }
            }
        }
        for c in circles(&graph) {
            let at = if p.is_empty() { "crate".to_string() } else { p.join("::") };
            found.push(format!("{at}: {}", c.join(" ↔ ")));
        }
    }
    assert!(found.is_empty(), "imports that go round in a circle:\n{}", found.join("\n"));
}

#[test]
fn the_circle_check_finds_a_circle() {
    let graph: std::collections::BTreeMap<String, BTreeSet<String>> =
        [("columns", vec!["config"]), ("config", vec!["csvin"]), ("csvin", vec!["columns"]), ("output", vec!["table"])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    assert_eq!(circles(&graph), [vec!["columns".to_string(), "config".to_string(), "csvin".to_string()]]);
    // A child file's `super::x` is its parent module's `x`.
    assert!(paths_named(Path::new("src/io/csvin/header.rs")).iter().any(|p| p[..2] == ["io", "csvin"]));
}

/// The lines of the function `name` that starts on line `at` (0-based) of
/// `lines`: up to its closing brace, braces in strings and comments aside.
fn function_length(lines: &[&str], at: usize) -> usize {
    let mut depth = 0i32;
    let mut opened = false;
    for (k, line) in lines[at..].iter().enumerate() {
        let mut in_str = false;
        let mut prev = ' ';
        for c in line.split("//").next().unwrap_or("").chars() {
            match c {
                '"' if prev != '\\' => in_str = !in_str,
                '{' if !in_str => {
                    depth += 1;
                    opened = true;
                }
                '}' if !in_str => depth -= 1,
                _ => {}
            }
            prev = c;
        }
        if opened && depth == 0 {
            return k + 1;
        }
    }
    lines.len() - at
}

/// docs/architecture.md: a command reads as arguments, a call into the library, and
/// rendering. A command file holds at most 250 lines, and its `run` (or
/// `exec`) at most 60; the work lives in the library.
#[test]
fn commands_are_thin() {
    let mut files = Vec::new();
    rust_files(Path::new("src/cmd"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let lines: Vec<&str> = code.lines().collect();
        if lines.len() > 250 {
            wrong.push(format!("{}: {} lines (at most 250)", f.display(), lines.len()));
        }
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            if t.starts_with("pub fn run(") || t.starts_with("fn run(") || t.starts_with("pub fn exec(") {
                let n = function_length(&lines, i);
                if n > 60 {
                    wrong.push(format!("{}:{}: run is {n} lines (at most 60)", f.display(), i + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "commands that are not thin:\n{}", wrong.join("\n"));
}
