//! `caseaudit validate FILE...`: every problem in every completed audit, with
//! where it is and what to do (SPEC §4, §8).

use crate::Outcome;
use crate::checklist::audit::{self, Context, Finding, Group, Rule};
use crate::checklist::{self, Template};
use crate::error::Tally;
use crate::global::Global;
use crate::io::diagnostics::{self, Diagnostic};
use crate::io::output::{self, Cell, Format, Report, Section};
use crate::yaml;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

pub const VALIDATE_HELP: &str = "\
Examples:
  caseaudit validate audits/2026-11/
  caseaudit validate --staff staff.csv --format csv audits/*.yaml \\
      > findings.csv
  cat audit.yaml | caseaudit validate -

Exit codes: 0 no errors; 1 errors found (or warnings, with --deny-warnings);
2 a file could not be read or names no known template.";

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Completed audits: files, directories, or - for standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Check every file against this template (a name or a YAML file); by default
    /// each file's own `template:` is used
    #[arg(long, value_name = "NAME|FILE", value_parser = crate::global::NameOrFile(&crate::global::TEMPLATES), hide_possible_values = true)]
    pub template: Option<String>,
    /// Staff list, to check that no auditor is the worker or line-manages them
    #[arg(long, value_name = "FILE")]
    pub staff: Option<String>,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

pub const COLUMNS: [&str; 8] = ["file", "line", "column", "record", "rule", "severity", "message", "hint"];

/// One file's outcome.
pub(crate) struct Checked {
    pub name: String,
    pub text: Option<String>,
    pub findings: Vec<Finding>,
    /// The audit as a record, when asked for and it has no error.
    pub record: Option<crate::model::audit::Completed>,
}

pub fn run(args: &ValidateArgs, g: &Global) -> anyhow::Result<Outcome> {
    let files = expand(&args.files, g)?;
    let forced = args.template.as_deref().map(crate::ops::config::template).transpose()?;
    let staff = match &args.staff {
        Some(p) => {
            let map = g.column_map()?;
            let f = crate::ops::open_input(p, "staff", &map, "staff_id")?;
            let staff = crate::model::staff::from_csv(f, &mut crate::model::Names::default())?.0;
            // --staff is there to check line management: without it, say so.
            if !staff.line_management {
                let why = crate::model::staff::no_line_management(crate::ssd::is_preset(map.preset()));
                let name = crate::io::csvin::display_name(p);
                return Err(crate::error::InputError::at(name, 1, None, why).into());
            }
            Some(staff)
        }
        None => None,
    };
    let calendar = g.calendar()?;
    let cx =
        Context { today: g.today(), calendar: &calendar, count_event_day: g.count_event_day, staff: staff.as_ref() };
    let mut templates: BTreeMap<String, Template> = BTreeMap::new();
    let bar = crate::io::progress::Progress::count("checking audits", files.len() as u64);
    let mut checked = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        checked.push(check_file(file, forced.as_ref(), &mut templates, &cx, false));
        bar.set(i as u64 + 1);
    }
    drop(bar);

    let (mut tally, mut unreadable, mut with_errors) = (Tally::default(), 0, 0);
    for c in &checked {
        let before = tally.errors;
        c.findings.iter().for_each(|f| tally.add(f.rule.severity()));
        with_errors += usize::from(tally.errors > before);
        unreadable += usize::from(c.findings.iter().any(|f| f.rule.group() == Group::Unreadable));
    }
    write(&checked, g)?;
    let plural = crate::words::count;
    g.summary(&format!(
        "validate: {} checked: {}, {} ({} with errors)",
        plural(checked.len(), "file", "files"),
        plural(tally.errors, "error", "errors"),
        plural(tally.warnings, "warning", "warnings"),
        with_errors
    ));
    if unreadable > 0 {
        return Err(anyhow::anyhow!(
            "{} could not be checked (unreadable, not YAML, or no known template): see above",
            plural(unreadable, "file", "files")
        ));
    }
    Ok(if tally.fails(args.deny_warnings) { Outcome::Found } else { Outcome::Clean })
}

/// Files as given; directories searched (recursively, sorted) for `.yaml` and
/// `.yml`; `-` is standard input. Other files in a folder (an audit saved as
/// a Word document, say) are not read, and a warning says how many and names
/// the first few, so none drops out of a count in silence.
pub(crate) fn expand(args: &[String], g: &Global) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        if a != "-" && p.is_dir() {
            let (mut found, mut other) = (Vec::new(), Vec::new());
            walk(p, &mut found, &mut other)?;
            found.sort();
            other.sort();
            if found.is_empty() {
                return Err(crate::error::UsageError(format!("{a}: no .yaml or .yml files in this folder")).into());
            }
            if !other.is_empty() {
                let names: Vec<&str> = other.iter().map(String::as_str).collect();
                g.warn(&crate::error::Warning::file(
                    a,
                    format!(
                        "{} not .yaml or .yml, so not read: {}",
                        crate::words::count(other.len(), "file is", "files are"),
                        crate::words::listed(&names, 5)
                    ),
                ));
            }
            out.extend(found);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<String>, other: &mut Vec<String>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot list the folder: {}", dir.display(), crate::error::io_reason(&e)))?;
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, out, other)?;
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")) {
            out.push(path.to_string_lossy().into_owned());
        } else {
            other.push(path.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

fn fatal(rule: Rule, line: u32, column: u32, message: String, hint: &str) -> Vec<Finding> {
    vec![Finding { line, column, width: 1, record: String::new(), rule, message, hint: hint.to_string() }]
}

fn read(file: &str) -> Result<Vec<u8>, String> {
    let limit = yaml::tree::MAX_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let cannot = |e: std::io::Error| format!("cannot be read: {}", crate::error::io_reason(&e));
    let mut size = None;
    if file == "-" {
        crate::io::csvin::stdin_not_a_terminal().map_err(|e| format!("cannot be read: {}", e.message))?;
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).map_err(cannot)?;
    } else {
        let f = std::fs::File::open(file).map_err(cannot)?;
        size = f.metadata().ok().map(|m| m.len());
        // Never read a huge file only to refuse it.
        if size.is_none_or(|s| s < limit) {
            // Sized to the file, so a small audit is one read, not a series
            // of growing ones.
            bytes.reserve_exact(size.unwrap_or(0) as usize + 1);
            f.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
        }
    }
    match size.or(Some(bytes.len() as u64)).filter(|&s| s >= limit) {
        Some(s) => Err(yaml::tree::too_large(s, file != "-")),
        None => Ok(bytes),
    }
}

pub(crate) fn check_file(
    file: &str,
    forced: Option<&Template>,
    templates: &mut BTreeMap<String, Template>,
    cx: &Context,
    keep: bool,
) -> Checked {
    let name = if file == "-" { "<stdin>".to_string() } else { file.to_string() };
    let bytes = match read(file) {
        Ok(b) => b,
        Err(why) => {
            let findings = fatal(Rule::Unreadable, 0, 0, format!("the file {why}"), "check the path");
            return Checked { name, text: None, findings, record: None };
        }
    };
    let text = match yaml::tree::decode(&bytes) {
        Ok(t) => t,
        Err(why) => {
            let hint = "save the audit as a .yaml text file (start from `caseaudit form`)";
            let findings = fatal(Rule::Unreadable, 0, 0, format!("the file {why}"), hint);
            return Checked { name, text: None, findings, record: None };
        }
    };
    let root = match yaml::tree::parse(&text) {
        Ok(r) => r,
        Err(e) => {
            let hint = "YAML is indented with spaces; a value with ': ' or '#' in it needs quotes";
            let findings = fatal(Rule::Syntax, e.line, e.column, format!("not valid YAML: {}", e.message), hint);
            return Checked { name, text: Some(text), findings, record: None };
        }
    };
    let named = audit::template_name(&root);
    let at = root.get("template").map_or((1, 1), |n| (n.line, n.column));
    let built_ins: Vec<&str> = checklist::BUILT_IN.iter().map(|(n, _)| *n).collect();
    let template = match (forced, named) {
        (Some(t), Some(n)) if n != t.name => {
            let msg = format!("this is a '{n}' audit, but --template gives '{}'", t.name);
            let findings = fatal(Rule::UnknownTemplate, at.0, at.1, msg, "check the file, or leave out --template");
            return Checked { name, text: Some(text), findings, record: None };
        }
        (Some(t), _) => t,
        (None, None) => {
            let msg = "the file does not say which template it follows".to_string();
            let hint = format!("add 'template: NAME' ({}) or give --template", built_ins.join(", "));
            let findings = fatal(Rule::UnknownTemplate, at.0, at.1, msg, &hint);
            return Checked { name, text: Some(text), findings, record: None };
        }
        (None, Some(n)) => {
            if !templates.contains_key(n) && built_ins.contains(&n) {
                match crate::ops::config::template(n) {
                    Ok(t) => {
                        templates.insert(n.to_string(), t);
                    }
                    Err(e) => {
                        let findings = fatal(Rule::UnknownTemplate, at.0, at.1, e.to_string(), "");
                        return Checked { name, text: Some(text), findings, record: None };
                    }
                }
            }
            match templates.get(n) {
                Some(t) => t,
                None => {
                    let msg = format!("'{n}' is not a built-in template ({})", built_ins.join(", "));
                    let hint = "for a local template, give its file: --template FILE";
                    let findings = fatal(Rule::UnknownTemplate, at.0, at.1, msg, hint);
                    return Checked { name, text: Some(text), findings, record: None };
                }
            }
        }
    };
    let findings = audit::check(&root, template, cx);
    let valid = !findings.iter().any(|f| f.rule.severity() == crate::error::Severity::Error);
    let record = (keep && valid).then(|| checklist::record::completed(&name, &root, template));
    Checked { name, text: Some(text), findings, record }
}

fn write(checked: &[Checked], g: &Global) -> anyhow::Result<()> {
    let opts = g.output();
    let format = opts.resolved_format();
    if format != Format::Table {
        let mut rows = Vec::new();
        for c in checked {
            let file: std::rc::Rc<str> = c.name.as_str().into();
            for f in &c.findings {
                rows.push(vec![
                    Cell::Shared(file.clone()),
                    // A whole-file problem (unreadable) has no position.
                    if f.line == 0 { Cell::Empty } else { Cell::Int(i64::from(f.line)) },
                    if f.line == 0 { Cell::Empty } else { Cell::Int(i64::from(f.column)) },
                    Cell::text(f.record.as_str()),
                    Cell::Static(f.rule.code()),
                    Cell::Static(f.rule.severity().as_str()),
                    Cell::text(f.message.as_str()),
                    Cell::text(f.hint.as_str()),
                ]);
            }
        }
        let columns = COLUMNS.iter().map(|c| c.to_string()).collect();
        let report =
            Report { sections: vec![Section { name: "findings", title: "", columns, rows }], json_object: false };
        return output::emit(&report, &opts);
    }
    let color = opts.path.is_none() && crate::color_stdout();
    let mut out = String::new();
    for c in checked {
        let lines: Vec<&str> = c.text.as_deref().map(yaml::tree::lines).unwrap_or_default();
        for f in &c.findings {
            let d = Diagnostic {
                file: &c.name,
                line: f.line,
                column: f.column,
                width: f.width,
                severity: f.rule.severity().as_str(),
                code: f.rule.code(),
                message: &f.message,
                hint: &f.hint,
                source_line: (f.line as usize).checked_sub(1).and_then(|i| lines.get(i).copied()),
            };
            diagnostics::render(&d, color, &mut out);
        }
    }
    match &opts.path {
        Some(p) => output::write_atomic(p, out.as_bytes()),
        None => {
            use std::io::Write;
            let mut lock = crate::io::output::stdout();
            lock.write_all(out.as_bytes())?;
            lock.flush()?;
            Ok(())
        }
    }
}
