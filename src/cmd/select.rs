//! `caseaudit select`: the monthly selection (docs/select.md).
//!
//! The arguments, then [`ops::select::run`] (which reads the inputs, selects,
//! drafts the notices and writes the ledger), then the output: the selection
//! (and, with `--explain`, the exclusions), each auditor's rows, the notices,
//! and what the run has to say.

use crate::Outcome;
use crate::calendar::dates::Month;
use crate::error::{InputError, UsageError};
use crate::global::Global;
use crate::io::notice;
use crate::io::output::{self, Report, Section};
use crate::ops;

pub const SELECT_HELP: &str = "\
Examples:
  caseaudit select --staff staff.csv --cases cases.csv \\
      --history audits.csv --month 2026-11
  caseaudit select --staff staff.csv --cases cases.csv --month 2026-11 \\
      --policy good-practice --ledger ledger.csv --explain
  caseaudit select ... --format json -o selection.json

Reason codes (--explain): unallocated, worker-not-in-staff,
worker-not-caseworker, out-of-scope, closed-too-long, closed-date-missing,
restricted, audited-recently, selected-recently, not-recorded-by-worker,
sibling-selected, taken-by-another-worker, no-eligible-case,
no-independent-auditor, auditors-at-capacity, no-auditor,
pinned-auditor-not-allowed, pinned-without-auditor.

Exit codes: 0 selected; 1 with --strict, a caseworker without a file, a
file without an auditor, no caseworkers at all, an input with no rows, or
workers holding cases outside the caseworker roles; 2 an input could not be
read (or a staff file without manager_id).";

#[derive(Debug, clap::Args)]
pub struct SelectArgs {
    /// Staff list: staff_id, role, team, area, manager_id, active, audit_capacity
    #[arg(long, value_name = "FILE")]
    pub staff: String,
    /// Caseload: case_id, worker_id, team, service, area, status, closed, restricted, family_id, recorded_by
    #[arg(long, value_name = "FILE", required_unless_present = "annex_a")]
    pub cases: Option<String>,
    /// Take the caseload from Ofsted Annex A (a workbook or CSV lists, repeatable):
    /// child, allocated team and worker, the worker matched to --staff by name
    #[arg(long, value_name = "FILE", conflicts_with = "cases")]
    pub annex_a: Vec<String>,
    /// Audit history: case_id, date, kind, worker_id, auditor_id, month (repeatable)
    #[arg(long, value_name = "FILE")]
    pub history: Vec<String>,
    /// The audit month, YYYY-MM [default: this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// quality-practice, good-practice, or a policy YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = crate::global::NameOrFile(&crate::global::POLICIES), hide_possible_values = true)]
    pub policy: String,
    /// Seed for the random choice [default: the month, so re-runs match]
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
    /// Ledger of selections: read, then this month's picks appended (locked, atomic)
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<std::path::PathBuf>,
    /// Also list every excluded case and unfilled worker, with a reason code
    /// (a second table: in CSV, which holds one table a file, give --excluded)
    #[arg(long)]
    pub explain: bool,
    /// Write the excluded cases and unfilled workers to FILE (CSV, or JSON by
    /// its extension), atomically; implies --explain
    #[arg(long, value_name = "FILE")]
    pub excluded: Option<std::path::PathBuf>,
    /// Also write each auditor's rows of the selection to DIR/STAFF_ID.EXT, in
    /// the format of -o (CSV without it)
    #[arg(long, value_name = "DIR")]
    pub by_auditor: Option<std::path::PathBuf>,
    /// Write draft e-mail messages (.eml) into DIR: one per auditor listing
    /// their files, one per service manager listing the files prepared in
    /// their service; nothing is sent
    #[arg(long, value_name = "DIR")]
    pub notices: Option<std::path::PathBuf>,
    /// The notices' text: a template file replacing the built-in (its fields
    /// are in docs/select.md; `caseaudit show notice default` prints it)
    #[arg(long, value_name = "FILE", requires = "notices")]
    pub notice_template: Option<String>,
    /// Void this month's selections in the ledger and select afresh (after a
    /// change of policy, say), under the ledger's lock, in one atomic write
    #[arg(long, requires = "ledger")]
    pub redo: bool,
}

pub fn run(args: &SelectArgs, g: &Global) -> anyhow::Result<Outcome> {
    check_options(args, g)?;
    let (map, calendar, today) = (g.column_map()?, g.calendar()?, g.today());
    // A bad notice template stops the run before the ledger changes.
    let template = args.notices.as_ref().map(|_| notice_template(args)).transpose()?;
    let policy = crate::ops::config::policy(&args.policy)?;
    let month = match &args.month {
        Some(m) => Month::parse(m).map_err(|e| UsageError(format!("--month: {e}")))?,
        None => Month::of(today),
    };
    let seed = args.seed.clone().unwrap_or_else(|| month.to_string());
    let request = ops::select::Request {
        staff: &args.staff,
        cases: args.cases.as_deref(),
        annex_a: &args.annex_a,
        history: &args.history,
        month,
        seed: &seed,
        policy: &policy,
        ledger: args.ledger.as_deref(),
        redo: args.redo,
        notices: template.as_ref(),
        by_auditor: args.by_auditor.is_some(),
        today,
        map: &map,
        calendar: &calendar,
    };
    let done = ops::select::run(&request)?;
    if let Some(dir) = &args.by_auditor {
        by_auditor(dir, &g.output(), &done)?;
    }
    let mut sections = vec![done.table()];
    // One table a CSV file: the exclusions go to their own file when named.
    if let Some(path) = &args.excluded {
        let opts = output::OutputOptions { format: None, path: Some(path.clone()), ..g.output() };
        output::emit(&Report { sections: vec![done.excluded()], json_object: false }, &opts)?;
    } else if args.explain {
        sections.push(done.excluded());
    }
    // A workbook holds several tables: a summary of the month comes last, so
    // the first sheet is the selection (what `form --from` reads).
    if g.output().resolved_format() == output::Format::Xlsx {
        sections.push(done.summary());
    }
    output::emit(&Report { sections, json_object: true }, &g.output())?;
    if let Some(dir) = &args.notices {
        make_dir(dir)?;
        for (name, bytes) in &done.notices {
            output::write_atomic(&dir.join(name), bytes)?;
        }
    }
    g.warn_all(&done.warnings);
    g.summary(&done.line());
    let failures = if g.strict { done.strict_failures() } else { Vec::new() };
    failures.iter().for_each(|why| g.reason(why));
    // The process is about to give all its memory back at once: freeing a
    // million cases a piece at a time first would only cost time.
    std::mem::forget(done);
    Ok(if failures.is_empty() { Outcome::Clean } else { Outcome::Found })
}

/// Refuses, before anything is read or written, options that cannot work
/// together: `--explain` into one CSV table, two inputs from standard input.
fn check_options(args: &SelectArgs, g: &Global) -> anyhow::Result<()> {
    if args.explain && args.excluded.is_none() && g.output().resolved_format() == output::Format::Csv {
        return Err(UsageError(
            "--explain adds a second table, and a CSV file holds one: name a file for the exclusions with \
             --excluded FILE, or use --format json or table"
                .into(),
        )
        .into());
    }
    if let Some(path) = &args.excluded {
        output::OutputOptions { format: None, path: Some(path.clone()), ..g.output() }.check()?;
    }
    let stdin: Vec<&str> = [("--staff", Some(args.staff.as_str())), ("--cases", args.cases.as_deref())]
        .into_iter()
        .chain(args.history.iter().map(|h| ("--history", Some(h.as_str()))))
        .filter(|(_, p)| *p == Some("-"))
        .map(|(name, _)| name)
        .collect();
    if stdin.len() > 1 {
        return Err(UsageError(format!(
            "{} each read standard input ('-'), which holds only one file; give a file for all but one",
            stdin.join(" and ")
        ))
        .into());
    }
    Ok(())
}

/// The notices' template: the built-in, or `--notice-template`'s file.
fn notice_template(args: &SelectArgs) -> anyhow::Result<notice::Template> {
    Ok(match &args.notice_template {
        None => notice::Template::new("<built-in notice>", notice::TEMPLATE.to_string()).map_err(UsageError)?,
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| InputError::file(path, crate::error::io_reason(&e)))?;
            notice::Template::new(path, text).map_err(|e| InputError::file(path, e))?
        }
    })
}

/// Writes each auditor's rows of the selection
/// to `dir/ID.ext`, in the format `-o` would use, each file atomically.
fn by_auditor(dir: &std::path::Path, opts: &output::OutputOptions, done: &ops::select::Selected) -> anyhow::Result<()> {
    // As -o would write; with neither -o nor --format, CSV (not a terminal's table).
    let format =
        if opts.format.is_none() && opts.path.is_none() { output::Format::Csv } else { opts.resolved_format() };
    let ext = output::EXTENSIONS.iter().find(|(_, f)| *f == format).map_or("txt", |(e, _)| *e);
    let mine = done.by_auditor();
    let stems = output::file_stems(mine.keys().copied(), "--by-auditor")?;
    make_dir(dir)?;
    for (id, rows) in mine {
        let path = dir.join(format!("{}.{ext}", stems[id]));
        let opts = output::OutputOptions { format: Some(format), path: Some(path), ..opts.clone() };
        let section = Section { name: "selection", title: "Selection", columns: done.columns(), rows };
        output::emit(&Report { sections: vec![section], json_object: false }, &opts)?;
    }
    Ok(())
}

/// Creates the folder `--notices` or `--by-auditor` names, if missing.
fn make_dir(dir: &std::path::Path) -> Result<(), InputError> {
    std::fs::create_dir_all(dir).map_err(|e| InputError::file(dir.display().to_string(), crate::error::io_reason(&e)))
}
