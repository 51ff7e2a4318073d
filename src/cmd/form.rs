//! `caseaudit form`: a blank audit ready to fill in, or with `--from
//! selection.csv --dir DIR` one prefilled form per selected file, so the month
//! runs select → form → validate.

use crate::Outcome;
use crate::checklist::{self, Role, form};
use crate::cli::{FormArgs, Global};
use crate::io::csvin::CsvFile;
use std::io::Write;

pub fn run(args: &FormArgs, g: &Global) -> anyhow::Result<Outcome> {
    let t = checklist::load(&args.template)?;
    let (Some(from), Some(dir)) = (&args.from, &args.dir) else {
        let text = form::blank(&t);
        match &g.output {
            Some(p) => crate::io::output::write_atomic(p, text.as_bytes())?,
            None => std::io::stdout().lock().write_all(text.as_bytes())?,
        }
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!("{}: cannot create the folder: {}", dir.display(), crate::io::csvin::io_reason(&e))
    })?;
    let map = g.column_map()?;
    let mut f = CsvFile::open(from, "selection", &map)?;
    let case = f.require("case_id")?;
    let cols = [
        (Role::Worker, f.column("worker_id")?),
        (Role::Team, f.column("team")?),
        (Role::Auditor, f.column("auditor_id")?),
        (Role::Month, f.column("month")?),
    ];
    let (mut written, mut kept) = (0, 0);
    while f.next_record()? {
        let row = f.row();
        let case_id = row.required(case)?.into_owned();
        let values: Vec<(Role, String)> = cols
            .iter()
            .filter_map(|(role, c)| c.map(|c| (*role, row.text(c).into_owned())))
            .chain([(Role::Case, case_id.clone())])
            .collect();
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
    g.note(&format!("form: wrote {written} {} forms in {}{kept}", t.name, dir.display()));
    Ok(Outcome::Clean)
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
