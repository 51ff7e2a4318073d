//! `caseaudit validate FILE...`: every problem in every completed audit, with
//! where it is and what to do (docs/check.md, docs/reference/conventions.md).
//!
//! The arguments, then [`ops::validate`] (which finds the files and checks
//! each), then the output: the findings as rows, or on a terminal as
//! diagnostics, and the run in a line.

use crate::Outcome;
use crate::checklist::audit::Context;
use crate::global::Global;
use crate::io::output::{self, Format, Report};
use crate::ops;

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

pub fn run(args: &ValidateArgs, g: &Global) -> anyhow::Result<Outcome> {
    let files = ops::validate::expand(&args.files, &|w| g.warn(w))?;
    let forced = args.template.as_deref().map(ops::config::template).transpose()?;
    let staff = match &args.staff {
        Some(p) => Some(ops::validate::staff(p, &g.column_map()?)?),
        None => None,
    };
    let calendar = g.calendar()?;
    let cx =
        Context { today: g.today(), calendar: &calendar, count_event_day: g.count_event_day, staff: staff.as_ref() };
    let done = ops::validate::run(&files, forced.as_ref(), &cx);
    write(&done, g)?;
    g.summary(&done.line());
    if let Some(e) = done.unreadable() {
        return Err(e);
    }
    Ok(if done.tally.fails(args.deny_warnings) { Outcome::Found } else { Outcome::Clean })
}

/// The findings: on a terminal (or as `--format table`) as diagnostics, else
/// as one table.
fn write(done: &ops::validate::Validated, g: &Global) -> anyhow::Result<()> {
    let opts = g.output();
    if opts.resolved_format() != Format::Table {
        return output::emit(&Report { sections: vec![done.table()], json_object: false }, &opts);
    }
    let color = opts.path.is_none() && crate::color_stdout();
    let out = done.diagnostics(color);
    match &opts.path {
        Some(p) => output::write_atomic(p, out.as_bytes()),
        None => {
            use std::io::Write;
            let mut lock = output::stdout();
            lock.write_all(out.as_bytes())?;
            lock.flush()?;
            Ok(())
        }
    }
}
