//! The command line (docs/reference/conventions.md). Names here are an interface that scripts rely on:
//! add to them, rename none.

use crate::Outcome;
use crate::cmd;
use crate::global::Global;
use clap::{Parser, Subcommand};

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

/// The command line: [`Cli`]'s, with each subcommand's short help (`-h`)
/// ending in a pointer to the global options it leaves out, so that a
/// subcommand's help shows its own options, and the global ones once, in
/// `--help` (docs/reference/conventions.md).
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Select one file per caseworker for the month and allocate auditors
    #[command(after_help = cmd::select::SELECT_HELP)]
    Select(cmd::select::SelectArgs),
    /// List the obligations a case event starts, with their due dates and sources
    #[command(after_help = cmd::due::DUE_HELP)]
    Due(cmd::due::DueArgs),
    /// Write a blank audit form, or one prefilled form per selected file
    #[command(after_help = cmd::form::FORM_HELP)]
    Form(cmd::form::FormArgs),
    /// Check completed audit checklists (YAML) against their templates
    #[command(after_help = cmd::validate::VALIDATE_HELP)]
    Validate(cmd::validate::ValidateArgs),
    /// Check a CSV export against a rule set (a Table Schema with extensions)
    #[command(after_help = cmd::check::CHECK_HELP)]
    Check(cmd::check::CheckArgs),
    /// Work out a date: DATE plus or minus an offset, on the bank-holiday calendar
    #[command(after_help = cmd::date::DATE_HELP)]
    Date(cmd::date::DateArgs),
    /// List bank holidays (and --closures) for a year or a range of years
    #[command(after_help = cmd::holidays::HOLIDAYS_HELP)]
    Holidays(cmd::holidays::HolidaysArgs),
    /// The monthly collation and the quarterly QA report, from completed audits
    #[command(after_help = cmd::report::REPORT_HELP)]
    Report(cmd::report::ReportArgs),
    /// Who takes a concern about an open case, or where urgent cover will fail
    #[command(after_help = cmd::route::ROUTE_HELP)]
    Route(cmd::route::RouteArgs),
    /// Print a JSON Schema for one of the formats caseaudit reads
    #[command(after_help = cmd::schema::SCHEMA_HELP)]
    Schema(cmd::schema::SchemaArgs),
    /// Print a built-in policy, rule set, template, timescale set or column
    /// preset, to copy and change
    #[command(after_help = cmd::show::SHOW_HELP)]
    Show(cmd::show::ShowArgs),
    /// Print a shell completion script
    #[command(after_help = cmd::completions::COMPLETIONS_HELP)]
    Completions(cmd::completions::CompletionsArgs),
    /// Print the man page (roff): the main page, or one subcommand's
    #[command(after_help = cmd::completions::MAN_HELP)]
    Man(cmd::completions::ManArgs),
}

/// Runs the command `cli` names.
pub fn dispatch(cli: &Cli) -> anyhow::Result<Outcome> {
    let g = &cli.global;
    use std::io::IsTerminal;
    crate::io::progress::enable(!g.quiet && std::io::stderr().is_terminal());
    // Refuse a format the command cannot write before it changes anything (the
    // ledger, say).
    // Tables go to the file -o names, in the format its extension says; the
    // other commands write their own kind of file (a form's YAML, a schema).
    let tabular = matches!(
        cli.command,
        Command::Select(_)
            | Command::Due(_)
            | Command::Validate(_)
            | Command::Check(_)
            | Command::Date(_)
            | Command::Holidays(_)
            | Command::Route(_)
            | Command::Report(_)
    );
    if tabular {
        g.output().check()?;
    }
    let is_due = matches!(cli.command, Command::Due(_));
    if g.output().resolved_format() == crate::io::output::Format::Ics && !is_due {
        return Err(crate::error::UsageError("--format ics (or an .ics output file) is only for `due`".into()).into());
    }
    if g.output().resolved_format() == crate::io::output::Format::Html && !matches!(cli.command, Command::Report(_)) {
        return Err(
            crate::error::UsageError("--format html (or an .html output file) is only for `report`".into()).into()
        );
    }
    let outcome = match &cli.command {
        Command::Select(args) => cmd::select::run(args, g),
        Command::Due(args) => cmd::due::run(args, g),
        Command::Form(args) => cmd::form::run(args, g),
        Command::Validate(args) => cmd::validate::run(args, g),
        Command::Check(args) => cmd::check::run(args, g),
        Command::Date(args) => cmd::date::run(args, g),
        Command::Holidays(args) => cmd::holidays::run(args, g),
        Command::Route(args) => cmd::route::run(args, g),
        Command::Report(args) => cmd::report::run(args, g),
        Command::Schema(args) => cmd::schema::run(args, g),
        Command::Show(args) => cmd::show::run(args, g),
        Command::Completions(args) => cmd::completions::run(args, command()),
        Command::Man(args) => cmd::completions::man(args, command()),
    }?;
    Ok(g.outcome(outcome))
}
