//! `caseaudit check --rules NAME|FILE [FILE|-]`: a rule set over a CSV export,
//! streaming: findings (or, with `--annotate`, the input with an `issues`
//! column) are written in record order as rows are read (those of a group's
//! records once the group has ended).
//!
//! The arguments, then [`ops::check`] (which opens the export, compiles the
//! rule set against it and streams it), each row written as it comes, then
//! what the run has to say.

use crate::Outcome;
use crate::check::RuleSet;
use crate::check::engine::Context;
use crate::global::Global;
use crate::io::output::RowStream;
use crate::ops::{self, check::Check};

pub const CHECK_HELP: &str = "\
Examples:
  caseaudit check --rules escr-person people.csv
  mosaic-export | caseaudit check --rules recording-timeliness > problems.csv
  caseaudit check --rules my-schema.json --annotate export.csv \\
      -o annotated.csv
  caseaudit --columns mosaic.yaml check --rules recording-timeliness \\
      export.xlsx

Exit codes: 0 no errors; 1 errors found (or warnings, with --deny-warnings;
or, with --strict, an export with no rows); 2 the file or the rule set could
not be read (a column the rule set needs is missing, ragged rows, broken
quoting, unknown type, bad pattern).";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A built-in rule set or a rule-set file (YAML or JSON)
    #[arg(long, value_name = "NAME|FILE", value_parser = crate::global::NameOrFile(&crate::global::RULE_SETS), hide_possible_values = true)]
    pub rules: String,
    /// The CSV export; - (the default) reads standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// Write the input back with an added `issues` column instead of the findings
    #[arg(long)]
    pub annotate: bool,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: &CheckArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = ops::config::rule_set(&args.rules)?;
    let (line, counts) = checking(&set, &args.file, &args.rules, g.today(), g, |check| {
        let opts = g.output();
        let mut out = RowStream::new(&opts, opts.resolved_format(), check.columns(args.annotate))?;
        let write = |cells: &[_]| out.row(cells);
        let counts = if args.annotate { check.annotate(write)? } else { check.findings(write)? };
        out.finish(None)?;
        Ok((check.line(&counts), counts))
    })?;
    g.summary(&line);
    Ok(if counts.tally.fails(args.deny_warnings) { Outcome::Found } else { Outcome::Clean })
}

/// The findings of rule set `set` over the export at `path`, counted for
/// each `person_id` in `wanted`, for `due --worklist --check-with`
/// ([`Check::per_person`]). An id with no row in the file is absent from the
/// result.
pub fn findings_per_person(
    set: &RuleSet,
    path: &str,
    wanted: &std::collections::HashSet<&str>,
    today: chrono::NaiveDate,
    g: &Global,
) -> anyhow::Result<std::collections::BTreeMap<String, usize>> {
    checking(set, path, "the rule set", today, g, |check| check.per_person(wanted))
}

/// Opens the export at `path` and compiles `set` against it (`set_name`
/// names a set that does not name itself), says which fields it lacks, runs
/// `stream` over it, then says what reading it found.
fn checking<T>(
    set: &RuleSet,
    path: &str,
    set_name: &str,
    today: chrono::NaiveDate,
    g: &Global,
    stream: impl FnOnce(&mut Check) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let file = ops::check::open(set, path, g.column_map()?)?;
    let calendar = g.calendar()?;
    let cx = Context { today, calendar: &calendar, count_event_day: g.count_event_day };
    let mut check = Check::new(set, file, &cx, set_name)?;
    g.warn_all(&check.absent);
    let done = stream(&mut check)?;
    g.warn_all(&check.notes());
    Ok(done)
}
