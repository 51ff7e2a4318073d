//! The command line (SPEC §8). Names here are an interface that scripts rely on:
//! add to them, rename none.

use crate::calendar::dates::parse_date;
use crate::io::output::Format;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the command ran and found something (with --strict: a worker left without a
     file, a file left without an auditor, or no caseworkers at all)
  2  the command could not run (usage, unreadable or malformed input)";

#[derive(Debug, Parser)]
#[command(
    name = "caseaudit",
    version,
    about = "Case-file quality audits for children's social care",
    long_about = "Case-file quality audits for children's social care: the monthly file \
selection and auditor allocation, audit checklists, CSV checks and statutory due dates.\n\n\
Input is CSV (a path, or - for standard input): UTF-8 with or without a BOM, or \
Windows-1252; dates as YYYY-MM-DD or DD/MM/YYYY. Output is a table on a terminal and \
CSV when piped.",
    after_help = EXIT_CODES,
    propagate_version = true,
    // A repeated option: the last one wins, as in ripgrep, so wrapper scripts
    // can put defaults first.
    args_override_self = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Output format [default: table on a terminal, csv when piped]; html is
    /// for `report`, ics for `due`
    #[arg(long, global = true, hide_short_help = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write output to FILE, atomically (never half-written)
    #[arg(short = 'o', long = "output", global = true, hide_short_help = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]
    #[arg(long, global = true, hide_short_help = true, value_name = "DATE", value_parser = parse_date_arg, env = "CASEAUDIT_TODAY", hide_env = true)]
    pub today: Option<NaiveDate>,
    /// Print no warnings or summary on stderr (errors still print)
    #[arg(short, long, global = true, hide_short_help = true)]
    pub quiet: bool,
    /// YAML file mapping our column names to your export's headers, or a
    /// built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903
    /// (the DfE looked-after return's header, episodes and reviews)
    #[arg(long, global = true, hide_short_help = true, value_name = "FILE|ssd|ssda903", value_parser = NameOrFile(&PRESETS), hide_possible_values = true)]
    pub columns: Option<String>,
    /// Do not neutralise CSV cells that start with = + - @ (formula injection)
    #[arg(long, global = true, hide_short_help = true)]
    pub raw: bool,
    /// Start CSV output with a UTF-8 byte-order mark, so that Excel opens
    /// accented names (Nörth, Zoë) correctly
    #[arg(long, global = true, hide_short_help = true)]
    pub bom: bool,
    /// On a terminal, print every column of a table, however wide (without
    /// it a table fits the screen, leaving out the columns that matter least)
    #[arg(long, global = true, hide_short_help = true)]
    pub wide: bool,
    /// Bank holidays of this region
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_enum,
        ignore_case = true,
        default_value = "england-and-wales"
    )]
    pub region: crate::calendar::Region,
    /// CSV of local closure days (columns: date, name) that are not working days
    #[arg(long, global = true, hide_short_help = true, value_name = "FILE")]
    pub closures: Option<String>,
    /// Count working days as the DfE CIN census validator does: the event day,
    /// or on a weekend or bank holiday the working day before it, is day 1
    #[arg(long, global = true, hide_short_help = true)]
    pub count_event_day: bool,
    /// The row (line) each CSV or sheet input has its header on, when it is
    /// not found by itself (a report's title rows above it are passed over);
    /// per file, `header_row:` in the --columns file
    #[arg(long, global = true, hide_short_help = true, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_row: Option<u64>,
    /// Exit 1 when something should not pass in silence: an input with no
    /// rows, workers who hold cases left out of the count, and each
    /// command's own conditions (see its help)
    #[arg(long, global = true, hide_short_help = true)]
    pub strict: bool,
    /// Append a line about this run to FILE: the time, the command, each
    /// input file's SHA-256, the summary, warnings and the exit code (never a
    /// person's details); locked, so runs from cron never interleave
    #[arg(long, global = true, hide_short_help = true, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// The --log line as text or as a JSON object
    #[arg(long, global = true, hide_short_help = true, value_enum, default_value = "text", value_name = "FORMAT")]
    pub log_format: LogFormat,
    /// What the run has said so far (not an option).
    #[arg(skip)]
    pub said: Said,
}

/// How `--log` writes its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// What a run has told the user, kept so that the end of the run can act on
/// it: the warnings that fail it under `--strict`.
#[derive(Debug, Default)]
pub struct Said {
    pub strict: std::cell::RefCell<Vec<String>>,
    /// The summary lines `--quiet` held back: printed after all if the run
    /// fails (exit 1), since they say why.
    pub held: std::cell::RefCell<Vec<String>>,
    /// Every line the run said on stderr (or would have, without `--quiet`),
    /// for `--log`.
    pub lines: std::cell::RefCell<Vec<String>>,
}

/// The command line: [`Cli`]'s, with each subcommand's short help (`-h`)
/// ending in a pointer to the global options it leaves out, so that a
/// subcommand's help shows its own options, and the global ones once, in
/// `--help` (issue 27).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let pointer = "Global options (--format, -o, --today, --quiet, --strict, --columns, \
                   --header-row, --wide, ...): see --help.";
    let mut cmd = Cli::command().after_long_help(EXIT_CODES).after_help(format!("{EXIT_CODES}\n\n{pointer}"));
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |c| {
            let after = c.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            let short = if after.is_empty() { pointer.to_string() } else { format!("{after}\n\n{pointer}") };
            c.after_long_help(after).after_help(short)
        });
    }
    cmd
}

/// A built-in's name or a file's path: any text is accepted, and the built-in
/// names are offered by shell completion (a file is read, or refused with the
/// nearest name, when the command runs).
#[derive(Debug, Clone, Copy)]
pub struct NameOrFile(pub(crate) &'static [&'static str]);

impl clap::builder::TypedValueParser for NameOrFile {
    type Value = String;
    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }
    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|n| clap::builder::PossibleValue::new(*n))))
    }
}

/// The names of a table of built-ins (name, text).
const fn names<const N: usize>(table: &[(&'static str, &'static str); N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = table[i].0;
        i += 1;
    }
    out
}

pub(crate) const POLICIES: [&str; 2] = names(&crate::select::policy::BUILT_IN);
pub(crate) const RULE_SETS: [&str; 4] = names(&crate::check::BUILT_IN);
pub(crate) const TEMPLATES: [&str; 3] = names(&crate::checklist::BUILT_IN);
pub(crate) const TIMESCALES: [&str; 2] = names(&crate::timescales::BUILT_IN);
pub(crate) const PRESETS: [&str; 2] = names(&crate::io::columns::PRESETS);
pub(crate) const ROUTINGS: [&str; 1] = names(&crate::route::policy::BUILT_IN);

pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Select one file per caseworker for the month and allocate auditors
    #[command(after_help = crate::cmd::select::SELECT_HELP)]
    Select(crate::cmd::select::SelectArgs),
    /// List the obligations a case event starts, with their due dates and sources
    #[command(after_help = crate::cmd::due::DUE_HELP)]
    Due(crate::cmd::due::DueArgs),
    /// Write a blank audit form, or one prefilled form per selected file
    #[command(after_help = crate::cmd::form::FORM_HELP)]
    Form(crate::cmd::form::FormArgs),
    /// Check completed audit checklists (YAML) against their templates
    #[command(after_help = crate::cmd::validate::VALIDATE_HELP)]
    Validate(crate::cmd::validate::ValidateArgs),
    /// Check a CSV export against a rule set (a Table Schema with extensions)
    #[command(after_help = crate::cmd::check::CHECK_HELP)]
    Check(crate::cmd::check::CheckArgs),
    /// Work out a date: DATE plus or minus an offset, on the bank-holiday calendar
    #[command(after_help = crate::cmd::date::DATE_HELP)]
    Date(crate::cmd::date::DateArgs),
    /// List bank holidays (and --closures) for a year or a range of years
    #[command(after_help = crate::cmd::holidays::HOLIDAYS_HELP)]
    Holidays(crate::cmd::holidays::HolidaysArgs),
    /// The monthly collation and the quarterly QA report, from completed audits
    #[command(after_help = crate::cmd::report::REPORT_HELP)]
    Report(crate::cmd::report::ReportArgs),
    /// Who takes a concern about an open case, or where urgent cover will fail
    #[command(after_help = crate::cmd::route::ROUTE_HELP)]
    Route(crate::cmd::route::RouteArgs),
    /// Print a JSON Schema for one of the formats caseaudit reads
    #[command(after_help = crate::cmd::schema::SCHEMA_HELP)]
    Schema(crate::cmd::schema::SchemaArgs),
    /// Print a built-in policy, rule set, template, timescale set or column
    /// preset, to copy and change
    #[command(after_help = crate::cmd::show::SHOW_HELP)]
    Show(crate::cmd::show::ShowArgs),
    /// Print a shell completion script
    #[command(after_help = crate::cmd::completions::COMPLETIONS_HELP)]
    Completions(crate::cmd::completions::CompletionsArgs),
    /// Print the man page (roff): the main page, or one subcommand's
    #[command(after_help = crate::cmd::completions::MAN_HELP)]
    Man(crate::cmd::completions::ManArgs),
}
