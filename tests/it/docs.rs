//! Every shell example in README.md and docs/ runs here, so the pages cannot
//! drift from the tool (docs/architecture.md).
//!
//! How a page writes an example:
//!
//! - ```` ```console ````: `$ caseaudit ...` lines, each followed by exactly what it
//!   prints (standard output and standard error as they interleave on a screen),
//!   with `? 1` (or `? 2`) right after the command when it does not exit 0. Run by
//!   trycmd: `[..]` in an expected line matches any text, and `...` on a line of
//!   its own any lines. Each output ends with a blank line (trycmd drops the last
//!   newline before the next `$` or the fence). trycmd turns `\` into `/` in what
//!   the command printed before comparing, so an output with a backslash goes in
//!   a bash block. After an intended change, `TRYCMD=overwrite cargo test --test
//!   it docs` rewrites the outputs in the pages.
//! - ```` ```bash ````: a pipeline or a few commands, for what trycmd cannot run
//!   (`|`, `<`, `>`). Run by `bash -eo pipefail` with `caseaudit` on the PATH, in
//!   a folder of its own; when a ```` ```text ```` block follows it directly,
//!   that is its exact output (the same `[..]` and `...`).
//! - ```` ```sh ```` and ```` ```cron ````: not run, and kept to the few that
//!   cannot be (`NOT_RUN` says which and why). A cron line's `caseaudit` command
//!   must have the options of one that the same page runs.
//!
//! A page's console examples run in a folder of their own, in the page's order
//! (one may read what an earlier one wrote), and each bash block in another; the
//! folder holds copies of `examples/`, `tests/data/` and `policies/` as a clone
//! of the repository does, so an example reads and writes files as a user's does
//! from the top of a clone. Each page runs twice, with `CASEAUDIT_TODAY` on two
//! days years apart: an example whose output depends on the day says `--today`
//! (or the date it needs), so it prints the same on the reader's machine.
//!
//! In a bash block, a pipeline's reader may stop early (`| head`): caseaudit then
//! exits with its own code, but other tools exit 141 under `pipefail`, and
//! caseaudit's standard error must be kept out of a pipe's output (`--quiet`) or
//! the two interleave at random.
//!
//! Fences may not be indented (trycmd does not see an indented block, so it would
//! never run) and must name their kind (trycmd runs a bare ```` ``` ```` block).

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BIN: &str = env!("CARGO_BIN_EXE_caseaudit");

/// The days every page is run on.
const TODAYS: [&str; 2] = ["2026-11-22", "2031-06-17"];

/// What a page's folder holds, copied from the repository.
const COPIED: [&str; 3] = ["examples", "tests/data", "policies"];

/// The pages, each run by a test of its own.
macro_rules! pages {
    ($($test:ident => $page:literal,)*) => {
        const PAGES: &[&str] = &[$($page),*];
        $(
            #[test]
            fn $test() {
                run_page($page);
            }
        )*
    };
}

pages! {
    readme => "README.md",
    select => "docs/select.md",
    due => "docs/due.md",
    cin_census => "docs/cin-census.md",
    indicators => "docs/indicators.md",
    forms => "docs/forms.md",
    check => "docs/check.md",
    route => "docs/route.md",
    report => "docs/report.md",
    performance => "docs/performance.md",
    development => "docs/development.md",
    architecture => "docs/architecture.md",
    sources => "docs/sources.md",
    timescales => "docs/timescales.md",
    input_files => "docs/reference/input-files.md",
    conventions => "docs/reference/conventions.md",
    policies => "docs/reference/policies.md",
    rule_sets => "docs/reference/rule-sets.md",
    timescale_sets => "docs/reference/timescale-sets.md",
}

/// The blocks that are not run: the page, how many, and why.
const NOT_RUN: &[(&str, &str, usize, &str)] = &[
    (
        "README.md",
        "sh",
        2,
        "the set-up: cargo builds, installs and tests the tool (tests/cmd/quick-start.toml and .ci/run run the quick start's select)",
    ),
    ("docs/select.md", "cron", 1, "a crontab line: /srv/qa and the real month; the page runs its command"),
    ("docs/due.md", "cron", 1, "a crontab line: /srv/qa, the real day and mail; the page runs its command"),
    (
        "docs/performance.md",
        "sh",
        1,
        "the benchmarks: minutes each on national-scale data, beside pandas and frictionless",
    ),
    (
        "docs/development.md",
        "sh",
        1,
        "cargo, CI, benchmarks and fuzzing: the commands that run these tests, or take minutes",
    ),
];

/// The kinds of fenced block a page may hold: run, not run, and shown.
const KINDS: [&str; 9] = ["console", "bash", "sh", "cron", "text", "yaml", "csv", "json", "html"];

struct Block {
    kind: String,
    line: usize,
    body: String,
}

/// The fenced blocks of a page, in order; fails on an indented or unnamed fence.
fn blocks(page: &str, text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(b) = open.as_mut() {
            if trimmed.starts_with("```") {
                assert!(!line.starts_with(' '), "{page}:{}: an indented fence", i + 1);
                out.push(open.take().unwrap());
            } else {
                b.body.push_str(line);
                b.body.push('\n');
            }
        } else if let Some(info) = trimmed.strip_prefix("```") {
            assert!(!line.starts_with(' '), "{page}:{}: an indented fence (trycmd would not see it)", i + 1);
            let kind = info.split(',').next().unwrap().trim().to_string();
            assert!(KINDS.contains(&kind.as_str()), "{page}:{}: a fence of kind '{kind}' (one of {KINDS:?})", i + 1);
            open = Some(Block { kind, line: i + 1, body: String::new() });
        }
    }
    assert!(open.is_none(), "{page}: a fence is not closed");
    out
}

/// A folder like the top of a clone.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        for d in COPIED {
            copy_dir(&Path::new(ROOT).join(d), &dir.path().join(d));
        }
        // For bash blocks, which run in the folder: the binary itself, so that
        // an example may set COLUMNS. (trycmd runs tests/it/docs-caseaudit.sh.)
        let path = dir.path().join(".path");
        std::fs::create_dir(&path).unwrap();
        std::os::unix::fs::symlink(BIN, path.join("caseaudit")).unwrap();
        Sandbox { dir }
    }

    /// The folder of the `caseaudit` that bash blocks find on the PATH.
    fn path(&self) -> PathBuf {
        self.dir.path().join(".path")
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// `expected` as trycmd reads it: `[..]` in a line matches any text, and a line
/// `...` any lines.
fn matches(expected: &str, actual: &str) -> bool {
    fn line(e: &str, a: &str) -> bool {
        let parts: Vec<&str> = e.split("[..]").collect();
        if parts.len() == 1 {
            return e == a;
        }
        let Some(mut rest) = a.strip_prefix(parts[0]) else { return false };
        for (k, p) in parts.iter().enumerate().skip(1) {
            if k == parts.len() - 1 {
                return rest.ends_with(p);
            }
            let Some(at) = rest.find(p) else { return false };
            rest = &rest[at + p.len()..];
        }
        true
    }
    fn lines(e: &[&str], a: &[&str]) -> bool {
        match e.split_first() {
            None => a.is_empty(),
            Some((&"...", rest)) => (0..=a.len()).any(|k| lines(rest, &a[k..])),
            Some((first, rest)) => a.split_first().is_some_and(|(x, more)| line(first, x) && lines(rest, more)),
        }
    }
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    lines(&e, &a)
}

/// Runs a page's examples, on each day of `TODAYS`.
fn run_page(page: &str) {
    let text = std::fs::read_to_string(Path::new(ROOT).join(page)).unwrap();
    let blocks = blocks(page, &text);
    for (kind, why) in [("sh", "not run"), ("cron", "not run")] {
        let count = blocks.iter().filter(|b| b.kind == kind).count();
        let allowed: usize = NOT_RUN.iter().filter(|(p, k, _, _)| *p == page && *k == kind).map(|n| n.2).sum();
        assert_eq!(count, allowed, "{page}: {count} ```{kind} blocks ({why}); NOT_RUN allows {allowed}");
    }
    check_cron_lines(page, &blocks);
    for today in TODAYS {
        let sandbox = Sandbox::new();
        trycmd::TestCases::new()
            .register_bin("caseaudit", Path::new(ROOT).join("tests/it/docs-caseaudit.sh"))
            .env("CASEAUDIT_DOCS_FOLDER", sandbox.dir.path().to_string_lossy())
            .env("CASEAUDIT_DOCS_BIN", BIN)
            .env("CASEAUDIT_TODAY", today)
            .case(Path::new(ROOT).join(page))
            .run();
        for (k, b) in blocks.iter().enumerate() {
            if b.kind != "bash" {
                continue;
            }
            let expected = blocks.get(k + 1).filter(|n| n.kind == "text" && follows(&text, b, n));
            let sandbox = Sandbox::new();
            let path = format!("{}:{}", sandbox.path().display(), std::env::var("PATH").unwrap_or_default());
            let out = Command::new("bash")
                .args(["-eo", "pipefail", "-c", &format!("exec 2>&1\n{}", b.body)])
                .current_dir(sandbox.dir.path())
                .env("PATH", path)
                .env("CASEAUDIT_TODAY", today)
                .env_remove("COLUMNS")
                .output()
                .unwrap();
            let actual = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{page}:{} (today {today}) exited {:?}:\n{actual}",
                b.line,
                out.status.code()
            );
            if let Some(e) = expected {
                assert!(
                    matches(&e.body, &actual),
                    "{page}:{} (today {today}): the output differs from the block at line {}\n--- expected\n{}--- actual\n{actual}",
                    b.line,
                    e.line,
                    e.body
                );
            }
        }
    }
}

/// Whether block `next` follows `b` with nothing but blank lines between.
fn follows(text: &str, b: &Block, next: &Block) -> bool {
    let end = b.line + b.body.lines().count() + 1;
    text.lines().skip(end).take(next.line - 1 - end).all(|l| l.trim().is_empty())
}

/// A cron line runs a command the page runs: the same subcommand and options.
fn check_cron_lines(page: &str, blocks: &[Block]) {
    let run: Vec<Vec<String>> = blocks
        .iter()
        .filter(|b| b.kind == "console" || b.kind == "bash")
        .flat_map(|b| b.body.lines().filter_map(options).collect::<Vec<_>>())
        .collect();
    for b in blocks.iter().filter(|b| b.kind == "cron") {
        for l in b.body.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let opts = options(l).unwrap_or_else(|| panic!("{page}:{}: a cron line without caseaudit", b.line));
            assert!(
                run.contains(&opts),
                "{page}:{}: no example on the page runs `caseaudit {}`",
                b.line,
                opts.join(" ")
            );
        }
    }
}

/// The subcommand and option names of the `caseaudit` command in a line
/// (`--today` aside: the examples fix the day, cron takes the real one).
fn options(line: &str) -> Option<Vec<String>> {
    let at = line.find("caseaudit ")?;
    let cmd = &line[at + "caseaudit ".len()..];
    let end = ["; ", " || ", " && ", " | ", " > "].iter().filter_map(|s| cmd.find(s)).min().unwrap_or(cmd.len());
    let words: Vec<&str> = cmd[..end].split_whitespace().collect();
    let mut out: Vec<String> =
        words.iter().filter(|w| w.starts_with('-') && **w != "--today").map(|w| w.to_string()).collect();
    const SUBCOMMANDS: [&str; 13] = [
        "select",
        "due",
        "form",
        "validate",
        "check",
        "date",
        "holidays",
        "report",
        "route",
        "schema",
        "show",
        "completions",
        "man",
    ];
    let sub = words.iter().find(|w| SUBCOMMANDS.contains(w))?;
    out.sort();
    out.insert(0, sub.to_string());
    Some(out)
}

#[test]
fn every_page_is_run() {
    let mut found = vec!["README.md".to_string()];
    let mut stack = vec![PathBuf::from(ROOT).join("docs")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                found.push(p.strip_prefix(ROOT).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    let mut listed: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    listed.sort();
    assert_eq!(found, listed, "each page of docs/ has a test below");
}

#[test]
fn matching_reads_trycmd_elisions() {
    assert!(matches("a [..] c\n...\nz\n", "a b c\nx\ny\nz\n"));
    assert!(matches("a\n", "a\n"));
    assert!(!matches("a [..] c\n", "a b d\n"));
    assert!(!matches("a\nb\n", "a\n"));
}

/// A heading's anchor as GitHub makes it: lower case, punctuation dropped,
/// spaces as hyphens, and `-1`, `-2` after a repeated one.
fn anchors(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let Some(title) = line.strip_prefix('#').filter(|_| !fenced) else { continue };
        let title = title.trim_start_matches('#').trim();
        let slug: String = title
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        out.push(if *n == 0 { slug } else { format!("{slug}-{n}") });
        *n += 1;
    }
    out
}

/// Every link between the pages leads to a file that exists, and to a heading
/// of it that exists.
#[test]
fn every_link_between_pages_arrives() {
    let mut broken = Vec::new();
    for page in PAGES {
        let path = Path::new(ROOT).join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut fenced = false;
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            }
            if fenced {
                continue;
            }
            for (at, _) in line.match_indices("](") {
                let rest = &line[at + 2..];
                let Some(end) = rest.find(')') else { continue };
                let target = &rest[..end];
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                let dest = if file.is_empty() { path.clone() } else { path.parent().unwrap().join(file) };
                if !dest.exists() {
                    broken.push(format!("{page}:{}: {target}: no such file", n + 1));
                } else if !anchor.is_empty() && dest.extension().is_some_and(|e| e == "md") {
                    let there = std::fs::read_to_string(&dest).unwrap();
                    if !anchors(&there).iter().any(|a| a == anchor) {
                        broken.push(format!("{page}:{}: {target}: no such heading", n + 1));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn anchors_are_githubs() {
    let a = anchors(
        "# A `b` c\n## `--strict`, `--quiet` and `--log`\n```sh\n# not a heading\n```\n## A `b` c\n### The day's list (`--worklist`)\n",
    );
    assert_eq!(a, ["a-b-c", "--strict---quiet-and---log", "a-b-c-1", "the-days-list---worklist"]);
}
