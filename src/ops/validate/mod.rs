//! Validation as a job (docs/check.md, docs/reference/conventions.md): find the completed audits the command
//! names ([`expand`]), read and check each against its template ([`check_file`],
//! which `report` uses too), and count what was found; `tables` gives the
//! findings as rows or as compiler-style diagnostics.

mod file;
mod tables;

pub use file::{Checked, check_file};

use crate::checklist::Template;
use crate::checklist::audit::{Context, Group};
use crate::error::{InputError, Tally, UsageError, Warning};
use crate::io::columns::ColumnMap;
use crate::words::count;
use std::collections::BTreeMap;
use std::path::Path;

/// Files as given; directories searched (recursively, sorted) for `.yaml` and
/// `.yml`; `-` is standard input. Other files in a folder (an audit saved as
/// a Word document, say) are not read, and a warning says how many and names
/// the first few, so none drops out of a count in silence. Each warning goes
/// to `warn` as the folder is read, before any error a later folder stops the
/// run with.
pub fn expand(args: &[String], warn: &dyn Fn(&Warning)) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        if a != "-" && p.is_dir() {
            let (mut found, mut other) = (Vec::new(), Vec::new());
            walk(p, &mut found, &mut other)?;
            found.sort();
            other.sort();
            if found.is_empty() {
                return Err(UsageError(format!("{a}: no .yaml or .yml files in this folder")).into());
            }
            if !other.is_empty() {
                let names: Vec<&str> = other.iter().map(String::as_str).collect();
                warn(&Warning::file(
                    a,
                    format!(
                        "{} not .yaml or .yml, so not read: {}",
                        count(other.len(), "file is", "files are"),
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

/// The staff list `--staff` names, there to check line management: one
/// without a manager_id column stops the run, saying so.
pub fn staff(path: &str, map: &ColumnMap) -> anyhow::Result<crate::model::staff::Staff> {
    use crate::model::staff;
    let f = super::open_input(path, "staff", map, "staff_id")?;
    let staff = staff::from_csv(f, &mut crate::model::Names::default())?.0;
    if !staff.line_management {
        let why = staff::no_line_management(crate::ssd::is_preset(map.preset()));
        let name = crate::io::csvin::display_name(path);
        return Err(InputError::at(name, 1, None, why).into());
    }
    Ok(staff)
}

/// Every file checked, and the findings counted.
pub struct Validated {
    pub checked: Vec<Checked>,
    pub tally: Tally,
    /// Files with an error.
    pub with_errors: usize,
    /// Files that could not be checked at all.
    pub unreadable: usize,
}

/// Checks each file, against `forced` or the template it names.
pub fn run(files: &[String], forced: Option<&Template>, cx: &Context) -> Validated {
    let mut templates: BTreeMap<String, Template> = BTreeMap::new();
    let bar = crate::io::progress::Progress::count("checking audits", files.len() as u64);
    let mut checked = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        checked.push(check_file(file, forced, &mut templates, cx, false));
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
    Validated { checked, tally, with_errors, unreadable }
}

impl Validated {
    /// The run in a line.
    pub fn line(&self) -> String {
        format!(
            "validate: {} checked: {}, {} ({} with errors)",
            count(self.checked.len(), "file", "files"),
            count(self.tally.errors, "error", "errors"),
            count(self.tally.warnings, "warning", "warnings"),
            self.with_errors
        )
    }

    /// A file that could not be checked stops the run (exit 2), once every
    /// finding is written.
    pub fn unreadable(&self) -> Option<anyhow::Error> {
        (self.unreadable > 0).then(|| {
            anyhow::anyhow!(
                "{} could not be checked (unreadable, not YAML, or no known template): see above",
                count(self.unreadable, "file", "files")
            )
        })
    }
}
