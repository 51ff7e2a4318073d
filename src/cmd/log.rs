//! `--log FILE` (docs/reference/conventions.md): one line about each run, appended, so that a cron
//! job's history can be read without assembling stderr by hand: when it ran,
//! what it ran, which inputs (each file's SHA-256, so a later question "which
//! export was that?" has an answer), what it said, and how it ended.
//!
//! The line holds the command's arguments (paths and options), the summary
//! and the warnings, which name ids and positions only, never a person. It is
//! written with one `write` under an exclusive lock on the log file, so two
//! runs never interleave; a log that cannot be written is a warning, never a
//! reason for the run to fail. This is the edge: it reads the clock, as a log
//! must, and nothing it writes changes any other output.

use crate::global::{Global, LogFormat};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

/// An input read by the run, and its SHA-256: of the file, or for a folder
/// of the sorted (path, SHA-256) lines of the files under it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Input {
    pub path: String,
    pub sha256: String,
}

/// What the log needs from before the run: the time it started, the
/// arguments, and the inputs as they were (before a ledger is appended to).
pub struct Start {
    time: String,
    args: Vec<String>,
    inputs: Vec<Input>,
}

/// Notes the start of a run whose arguments are `args` (the program name
/// first). The inputs are the arguments that name a file or folder, but for
/// the files the run writes (`-o`, `--log`, `--excluded`, `--notices`,
/// `--by-auditor`, `--dir`).
pub fn start(args: &[String]) -> Start {
    const WRITTEN: [&str; 7] = ["-o", "--output", "--log", "--excluded", "--notices", "--by-auditor", "--dir"];
    let mut inputs = Vec::new();
    let mut skip_next = false;
    for a in args.iter().skip(1) {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if WRITTEN.contains(&a.as_str()) {
            skip_next = true;
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        // A workbook's sheet (`staff.xlsx#Staff`) is its file.
        let file = crate::error::workbook_path(a).map_or(a.as_str(), |(f, _)| f);
        if let Some(sha256) = digest(Path::new(file)) {
            inputs.push(Input { path: a.clone(), sha256 });
        }
    }
    Start {
        time: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        args: args.to_vec(),
        inputs,
    }
}

/// The SHA-256 of a file, or of a folder's files; `None` for anything else.
fn digest(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return file_digest(path);
    }
    if !meta.is_dir() {
        return None;
    }
    let mut files = Vec::new();
    walk(path, &mut files);
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        let line = format!("{}  {}\n", file_digest(&f).unwrap_or_default(), f.display());
        h.update(line.as_bytes());
    }
    Some(hex(&h.finalize()))
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn file_digest(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(hex(&h.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The line for a run that ended with `code` (and `error`, for exit 2).
#[derive(serde::Serialize)]
struct Line<'a> {
    time: &'a str,
    version: &'a str,
    args: &'a [String],
    inputs: &'a [Input],
    exit: u8,
    said: Vec<String>,
    warnings: usize,
    error: Option<&'a str>,
}

/// Appends the run's line to `g.log`; a log that cannot be written is said
/// on stderr and changes nothing else.
pub fn finish(start: &Start, g: &Global, code: u8, error: Option<&str>) {
    let Some(path) = &g.log else { return };
    let said: Vec<String> = g.said.lines.borrow().clone();
    let warnings = said.iter().filter(|l| l.starts_with("warning:")).count();
    let line = Line {
        time: &start.time,
        version: env!("CARGO_PKG_VERSION"),
        args: &start.args[1..],
        inputs: &start.inputs,
        exit: code,
        said,
        warnings,
        error,
    };
    let text = match g.log_format {
        LogFormat::Json => serde_json::to_string(&line).unwrap_or_default(),
        LogFormat::Text => text(&line),
    };
    if let Err(e) = append(path, &text) {
        eprintln!("warning: --log {}: not written: {}", path.display(), crate::error::io_reason(&e));
    }
}

/// The line as text: fields separated by ` | `, each line the run said joined
/// by ` / `, so one run is one line.
fn text(l: &Line) -> String {
    let inputs: Vec<String> = l.inputs.iter().map(|i| format!("{} sha256:{}", i.path, i.sha256)).collect();
    let mut out = format!(
        "{} | caseaudit {} | {} | exit {} | inputs: {} | {} warning{}",
        l.time,
        l.version,
        l.args.join(" "),
        l.exit,
        if inputs.is_empty() { "none".to_string() } else { inputs.join(", ") },
        l.warnings,
        if l.warnings == 1 { "" } else { "s" }
    );
    for s in &l.said {
        out.push_str(" | ");
        out.push_str(s);
    }
    if let Some(e) = l.error {
        out.push_str(" | error: ");
        out.push_str(e);
    }
    out.replace(['\n', '\r'], " ")
}

/// Appends `line` and a line end in one write, holding an exclusive lock on
/// the file meanwhile.
fn append(path: &Path, line: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    f.lock()?;
    let mut bytes = line.as_bytes().to_vec();
    bytes.push(b'\n');
    let written = f.write_all(&bytes);
    let _ = f.unlock();
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_the_files_named_but_not_the_ones_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, b"abc").unwrap();
        let out = dir.path().join("out.csv");
        std::fs::write(&out, b"old").unwrap();
        let args: Vec<String> =
            ["caseaudit", "check", "--rules", "escr-person", a.to_str().unwrap(), "-o", out.to_str().unwrap()]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let s = start(&args);
        assert_eq!(s.inputs.len(), 1);
        // SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(s.inputs[0].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
