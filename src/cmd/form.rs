//! `caseaudit form`: a blank audit ready to fill in, or with `--from
//! selection.csv --dir DIR` one prefilled form per selected file, so the month
//! runs select → form → validate.

use crate::Outcome;
use crate::checklist::{Role, form};
use crate::global::Global;
use crate::io::csvin::CsvFile;
use std::io::Write;

pub const FORM_HELP: &str = "\
Examples:
  caseaudit form --template quality-practice -o C001-audit.yaml
  caseaudit select --staff staff.csv --cases cases.csv --month 2026-11 \\
      -o selection.csv
  caseaudit form --from selection.csv --template quality-practice \\
      --dir audits/2026-11

Exit codes: 0 written; 2 the template or the selection could not be read.";

#[derive(Debug, clap::Args)]
pub struct FormArgs {
    /// quality-practice, good-practice, escr, or a template YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = crate::global::NameOrFile(&crate::global::TEMPLATES), hide_possible_values = true)]
    pub template: String,
    /// A selection from `caseaudit select` (CSV): one prefilled form per row
    #[arg(long, value_name = "FILE", requires = "dir")]
    pub from: Option<String>,
    /// Where the prefilled forms go (created if missing; existing forms are kept)
    #[arg(long, value_name = "DIR", requires = "from")]
    pub dir: Option<std::path::PathBuf>,
}

pub fn run(args: &FormArgs, g: &Global) -> anyhow::Result<Outcome> {
    let t = crate::ops::config::template(&args.template)?;
    let (Some(from), Some(dir)) = (&args.from, &args.dir) else {
        let text = form::blank(&t);
        match &g.output {
            Some(p) => crate::io::output::write_atomic(p, text.as_bytes())?,
            None => crate::io::output::stdout().write_all(text.as_bytes())?,
        }
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {}", dir.display(), crate::error::io_reason(&e)))?;
    let selection = read_selection(from, &g.column_map()?, g)?;
    let (mut written, mut kept) = (0, 0);
    for values in selection {
        let case_id = values.iter().find(|(r, _)| *r == Role::Case).map(|(_, v)| v.clone()).unwrap_or_default();
        let month = values.iter().find(|(r, _)| *r == Role::Month).map(|(_, v)| v.as_str()).unwrap_or("");
        let name = file_name(month, &case_id);
        let path = dir.join(&name);
        // A form being filled in is never overwritten by a re-run.
        if path.exists() {
            kept += 1;
            continue;
        }
        let text = form::prefilled(&t, &|role| values.iter().find(|(r, _)| *r == role).map(|(_, v)| v.clone()));
        crate::io::output::write_atomic(&path, text.as_bytes())?;
        written += 1;
    }
    let kept = if kept > 0 { format!("; kept {kept} existing (not overwritten)") } else { String::new() };
    g.summary(&format!("form: wrote {written} {} forms in {}{kept}", t.name, dir.display()));
    Ok(Outcome::Clean)
}

/// The rows of a selection, as `select` writes it: CSV (one table), or JSON
/// (`--format json`: `{"selection": [...]}` or a plain array). Each row is the
/// values a form is prefilled with.
fn read_selection(
    from: &str,
    map: &crate::io::columns::ColumnMap,
    g: &Global,
) -> anyhow::Result<Vec<Vec<(Role, String)>>> {
    let json = [".json", ".jsonl"].iter().any(|e| from.to_ascii_lowercase().ends_with(e));
    if json {
        return read_json(from);
    }
    let mut f = CsvFile::open(from, "selection", map)?;
    let case = f.require("case_id")?;
    let cols = [
        (Role::Worker, f.column("worker_id")?),
        (Role::Team, f.column("team")?),
        (Role::Auditor, f.column("auditor_id")?),
        (Role::Month, f.column("month")?),
    ];
    let mut out = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let case_id = row.required(case)?.into_owned();
        let values: Vec<(Role, String)> = cols
            .iter()
            .filter_map(|(role, c)| c.map(|c| (*role, row.text(c).into_owned())))
            .chain([(Role::Case, case_id)])
            .collect();
        out.push(values);
    }
    g.warn_all(&f.notes().warnings());
    Ok(out)
}

/// `select --format json` (or jsonl) output read back.
fn read_json(from: &str) -> anyhow::Result<Vec<Vec<(Role, String)>>> {
    let name = crate::io::csvin::display_name(from);
    let text = if from == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(from).map_err(|e| {
            crate::error::InputError::file(&name, format!("cannot open: {}", crate::error::io_reason(&e)))
        })?
    };
    let not_selection =
        |why: &str| crate::error::InputError::file(&name, format!("is not a selection from `caseaudit select`: {why}"));
    // JSON lines: one object a line (selection rows have no 'section', or 'selection').
    let items: Vec<serde_json::Value> = if from.to_ascii_lowercase().ends_with(".jsonl") {
        let mut v = Vec::new();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let item: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| crate::error::InputError::at(&name, i as u64 + 1, None, format!("not JSON: {e}")))?;
            v.push(item);
        }
        v
    } else {
        match serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
            crate::error::InputError::at(&name, e.line() as u64, Some(e.column()), format!("not JSON: {e}"))
        })? {
            serde_json::Value::Array(a) => a,
            serde_json::Value::Object(mut o) => match o.remove("selection") {
                Some(serde_json::Value::Array(a)) => a,
                _ => return Err(not_selection("no 'selection' list").into()),
            },
            _ => return Err(not_selection("neither a list nor an object").into()),
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.get("section").and_then(|s| s.as_str()).is_some_and(|s| s != "selection") {
            continue;
        }
        let text = |key: &str| item.get(key).and_then(|v| v.as_str()).map(str::to_string);
        let Some(case_id) = text("case_id").filter(|c| !c.is_empty()) else {
            return Err(not_selection(&format!("row {} has no case_id", i + 1)).into());
        };
        let mut values: Vec<(Role, String)> =
            [(Role::Worker, "worker_id"), (Role::Team, "team"), (Role::Auditor, "auditor_id"), (Role::Month, "month")]
                .iter()
                .filter_map(|(role, key)| text(key).map(|v| (*role, v)))
                .collect();
        values.push((Role::Case, case_id));
        out.push(values);
    }
    Ok(out)
}

/// `2026-11-C0012.yaml`: the month and case id, with anything a file system
/// might object to replaced by `_`.
pub fn file_name(month: &str, case_id: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' }).collect()
    };
    let case = clean(case_id).trim_start_matches('.').to_string();
    if month.is_empty() { format!("{case}.yaml") } else { format!("{}-{case}.yaml", clean(month)) }
}
