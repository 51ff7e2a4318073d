//! `caseaudit report`: the monthly collation and the quarterly QA report
//! (docs/report.md), as tables in every format, one workbook, or one self-contained
//! web page.
//!
//! The arguments, then [`ops::report`] (which reads the staff list and the
//! ledger, checks the audits and makes the tables), then the output: the
//! tables (one, in a format that holds one), or the page; and the run in a
//! line.

use crate::Outcome;
use crate::global::Global;
use crate::io::output::{self, Format, Report};
use crate::ops::{self, report::Period};

pub const REPORT_HELP: &str = "\
Examples:
  caseaudit report audits/2026-11/ --ledger ledger.csv --staff staff.csv \\
      --month 2026-11
  caseaudit report audits/ --ledger ledger.csv --staff staff.csv \\
      --quarter 2026-Q3 -o qa-report.html
  caseaudit report audits/ --from 2026-07 --to 2026-09 --table standards \\
      --format csv
  caseaudit report audits/ feedback/ --quarter 2026-Q3 --table themes
  caseaudit report audits/ --month 2026-11 --explain-themes

Each percentage has its n and 95% interval (n, ci_low, ci_high); a change is
called better or worse only when a two-proportion test at 5% says so.
Themes come from what auditors wrote (--themes; `caseaudit show themes
default`); family-feedback records are collated on their own.

Counts from 1 to 4 (--threshold) are shown as 'c', and every figure from
fewer than 5 audits too, as published statistics do. No child is named;
workers only with --by-worker; the web page names no file. An audit with an
error (as `validate` finds) is not counted; it is listed in the not-counted
table with its first error.

Exit codes: 0 reported; 1 with --strict, an audit was not counted or the
period has no audit; 2 an input could not be read.";

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Completed audits: files or directories (searched for *.yaml, *.yml)
    #[arg(required = true, value_name = "AUDITS")]
    pub audits: Vec<String>,
    /// The selection ledger or audit history: what was selected and prepared
    #[arg(long, value_name = "FILE")]
    pub ledger: Vec<String>,
    /// Staff list: the teams expected to have an audited file, and each worker's team
    #[arg(long, value_name = "FILE")]
    pub staff: Option<String>,
    /// The policy: caseworker roles, the timetable (returned_by) and inadequate_target
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = crate::global::NameOrFile(&crate::global::POLICIES), hide_possible_values = true)]
    pub policy: String,
    /// One month, YYYY-MM [default: the month before today]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["quarter", "from"])]
    pub month: Option<String>,
    /// A quarter, YYYY-Qn (Q1 is January to March)
    #[arg(long, value_name = "YYYY-Qn", conflicts_with = "from")]
    pub quarter: Option<String>,
    /// First month of a range
    #[arg(long, value_name = "YYYY-MM", requires = "to")]
    pub from: Option<String>,
    /// Last month of a range
    #[arg(long, value_name = "YYYY-MM", requires = "from")]
    pub to: Option<String>,
    /// The table to write in CSV, JSON or JSON Lines
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Hide counts below this, and percentages of fewer audits (0: hide nothing)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub threshold: u64,
    /// Add a table by worker (workers are otherwise not named)
    #[arg(long)]
    pub by_worker: bool,
    /// A minijinja template for the web page (copy `caseaudit show report default` and restyle it)
    #[arg(long, value_name = "FILE")]
    pub template: Option<String>,
    /// The themes looked for in what auditors and families wrote
    #[arg(long, value_name = "NAME|FILE", default_value = "default", value_parser = crate::global::NameOrFile(&["default"]), hide_possible_values = true)]
    pub themes: String,
    /// Write every theme match instead (the file, the field, the phrase, a negation, what it counts for)
    #[arg(long, conflicts_with = "table")]
    pub explain_themes: bool,
}

pub fn run(args: &ReportArgs, g: &Global) -> anyhow::Result<Outcome> {
    let today = g.today();
    let period = match (&args.month, &args.quarter, &args.from, &args.to) {
        (Some(m), ..) => Period::Month(m),
        (None, Some(q), ..) => Period::Quarter(q),
        (None, None, Some(f), Some(t)) => Period::Range(f, t),
        _ => Period::LastMonth,
    };
    let months = ops::report::months(&period, today)?;
    let policy = ops::config::policy(&args.policy)?;
    let calendar = g.calendar()?;
    let map = g.column_map()?;
    let themes = ops::report::themes(&args.themes)?;
    let request = ops::report::Request {
        audits: &args.audits,
        ledger: &args.ledger,
        staff: args.staff.as_deref(),
        policy: &policy,
        months: &months,
        threshold: args.threshold,
        by_worker: args.by_worker,
        themes: &themes,
        explain_themes: args.explain_themes,
        today,
        count_event_day: g.count_event_day,
        map: &map,
        calendar: &calendar,
    };
    let done = ops::report::run(&request, &|w| g.warn(w))?;
    write(args, g, &done, today)?;
    g.summary(&done.line());
    if let Some(w) = done.no_audit() {
        g.warn(&w);
    }
    if g.strict
        && let Some(why) = done.strict_failure()
    {
        g.reason(&why);
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

/// The report: a web page; one table (`--table`, else the summary) in a
/// format that holds one; or every table (or the one named) in the others.
fn write(args: &ReportArgs, g: &Global, done: &ops::report::Reported, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let opts = g.output();
    let mut sections = done.sections();
    if args.explain_themes {
        sections.retain(|s| s.name == "theme-matches");
    }
    match opts.resolved_format() {
        Format::Html if args.explain_themes => {
            return Err(crate::error::UsageError("--explain-themes writes a table, not a web page".into()).into());
        }
        Format::Html => {
            let page = ops::report::page(done, args.template.as_deref(), today)?;
            match &opts.path {
                Some(p) => output::write_atomic(p, page.as_bytes())?,
                None => {
                    use std::io::Write;
                    output::stdout().write_all(page.as_bytes())?
                }
            }
        }
        Format::Csv | Format::Json | Format::Jsonl => {
            let name = if args.explain_themes { "theme-matches" } else { "summary" };
            let one = ops::report::one_table(sections, args.table.as_deref().unwrap_or(name))?;
            output::emit(&Report { sections: vec![one], json_object: false }, &opts)?;
        }
        _ => {
            if let Some(name) = &args.table {
                sections.retain(|s| s.name == name);
            }
            output::emit(&Report { sections, json_object: true }, &opts)?;
        }
    }
    Ok(())
}
