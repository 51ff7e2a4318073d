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
    /// Output format [default: table on a terminal, csv when piped]
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Write output to FILE, atomically (never half-written)
    #[arg(short = 'o', long = "output", global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat DATE as today, for reproducible runs [env: CASEAUDIT_TODAY]
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_arg, env = "CASEAUDIT_TODAY", hide_env = true)]
    pub today: Option<NaiveDate>,
    /// Print no warnings or summary on stderr (errors still print)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// YAML file mapping our column names to your export's headers, or a
    /// built-in preset: ssd (Standard Safeguarding Dataset extracts), ssda903
    /// (the DfE looked-after return's header, episodes and reviews)
    #[arg(long, global = true, value_name = "FILE|ssd|ssda903", value_parser = NameOrFile(&PRESETS), hide_possible_values = true)]
    pub columns: Option<String>,
    /// Do not neutralise CSV cells that start with = + - @ (formula injection)
    #[arg(long, global = true)]
    pub raw: bool,
    /// Start CSV output with a UTF-8 byte-order mark, so that Excel opens
    /// accented names (Nörth, Zoë) correctly
    #[arg(long, global = true)]
    pub bom: bool,
    /// Bank holidays of this region
    #[arg(long, global = true, value_enum, ignore_case = true, default_value = "england-and-wales")]
    pub region: crate::calendar::Region,
    /// CSV of local closure days (columns: date, name) that are not working days
    #[arg(long, global = true, value_name = "FILE")]
    pub closures: Option<String>,
    /// Count working days as the DfE CIN census validator does: the event day,
    /// or on a weekend or bank holiday the working day before it, is day 1
    #[arg(long, global = true)]
    pub count_event_day: bool,
}

/// A built-in's name or a file's path: any text is accepted, and the built-in
/// names are offered by shell completion (a file is read, or refused with the
/// nearest name, when the command runs).
#[derive(Debug, Clone, Copy)]
pub struct NameOrFile(&'static [&'static str]);

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

const POLICIES: [&str; 2] = names(&crate::select::policy::BUILT_IN);
const RULE_SETS: [&str; 4] = names(&crate::check::BUILT_IN);
const TEMPLATES: [&str; 3] = names(&crate::checklist::BUILT_IN);
const TIMESCALES: [&str; 2] = names(&crate::timescales::BUILT_IN);
const PRESETS: [&str; 2] = names(&crate::io::columns::PRESETS);

pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Select one file per caseworker for the month and allocate auditors
    #[command(after_help = SELECT_HELP)]
    Select(SelectArgs),
    /// List the obligations a case event starts, with their due dates and sources
    #[command(after_help = DUE_HELP)]
    Due(DueArgs),
    /// Write a blank audit form, or one prefilled form per selected file
    #[command(after_help = FORM_HELP)]
    Form(FormArgs),
    /// Check completed audit checklists (YAML) against their templates
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Check a CSV export against a rule set (a Table Schema with extensions)
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Work out a date: DATE plus or minus an offset, on the bank-holiday calendar
    #[command(after_help = DATE_HELP)]
    Date {
        /// The starting date (YYYY-MM-DD or DD/MM/YYYY)
        #[arg(value_parser = parse_date_arg, allow_hyphen_values = true)]
        date: NaiveDate,
        /// 'N working days', 'N days', 'N weeks' or 'N months'; a leading '-' means before
        #[arg(allow_hyphen_values = true)]
        offset: String,
    },
    /// List bank holidays (and --closures) for a year or a range of years
    #[command(
        after_help = "Examples:\n  caseaudit holidays --year 2026\n  caseaudit holidays --region scotland --from 2026 --to 2028 --format json\n\nExit codes: 0 listed; 2 a year outside 1978-2200, or an unreadable --closures file."
    )]
    Holidays {
        /// One year [default: this year]
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        /// First year of a range
        #[arg(long, requires = "to")]
        from: Option<i32>,
        /// Last year of a range
        #[arg(long, requires = "from")]
        to: Option<i32>,
    },
    /// Print a JSON Schema for one of the formats caseaudit reads
    #[command(
        after_help = "Examples:\n  caseaudit schema policy > policy.schema.json\n  caseaudit schema audit --template good-practice > audit.schema.json\n\nExit codes: 0 printed; 2 no such schema, or the template could not be read."
    )]
    Schema {
        /// Which schema
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::cmd::schema::NAMES))]
        name: String,
        /// For `audit`: the template whose completed audits the schema describes
        #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice")]
        template: String,
    },
    /// Print a built-in policy, rule set, template, timescale set or column
    /// preset, to copy and change
    #[command(after_help = SHOW_HELP)]
    Show {
        /// What kind of built-in
        #[arg(value_enum)]
        kind: ShowKind,
        /// Its name (quality-practice, escr-person, default, ssd, ...)
        name: String,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  caseaudit completions bash > /etc/bash_completion.d/caseaudit\n\nExit codes: 0 printed; 2 an unknown shell."
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): the main page, or one subcommand's
    #[command(
        after_help = "Examples:\n  caseaudit man | man -l -\n  caseaudit man select | man -l -\n\nExit codes: 0 printed; 2 no such subcommand."
    )]
    Man {
        /// A subcommand, for its own page (caseaudit-select(1), ...)
        command: Option<String>,
    },
}

/// The kinds of built-in definition `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowKind {
    Policy,
    Rules,
    Template,
    Timescales,
    Columns,
}

impl ShowKind {
    /// The kind in words, for messages.
    pub fn word(self) -> &'static str {
        match self {
            ShowKind::Policy => "policy",
            ShowKind::Rules => "rule set",
            ShowKind::Template => "template",
            ShowKind::Timescales => "timescale set",
            ShowKind::Columns => "column preset",
        }
    }
}

const SHOW_HELP: &str = "\
Built-ins: policy quality-practice, good-practice; rules escr-person,
escr-relationships, escr-documents, recording-timeliness; template
quality-practice, good-practice, escr; timescales default, statutory; columns
ssd, ssda903.

Examples:
  caseaudit show policy good-practice > our-policy.yaml     # then edit, and:
  caseaudit select ... --policy our-policy.yaml
  caseaudit show timescales default -o local-timescales.yaml

Exit codes: 0 printed; 2 no such built-in.";

const DUE_HELP: &str = "\
Examples:
  caseaudit due strategy-discussion 2026-11-20
  caseaudit due became-looked-after 2026-12-18 --dob 2022-03-01
  caseaudit due cla-visit 2026-11-02 --detail permanent --as-of 2026-11-22
  caseaudit due referral 2026-11-20 --timescales statutory
  caseaudit due --events events.csv --as-of 2026-11-22 --format csv > overdue.csv
  export-events | caseaudit due --events - --format ics > deadlines.ics
  caseaudit due --events events.csv --as-of 2026-11-22 --status overdue,due-soon

Events: contact, referral, assessment-completed, cin-review, cin-visit,
concerns-raised, strategy-discussion, icpcc, pre-birth-icpcc, birth, core-group,
rcpcc, cp-visit, became-looked-after, placement-move, cla-review, cla-visit,
health-assessment, dental-check, sixteenth-birthday, care-leaver-contact,
care-leaver-move, pathway-plan-review, audit-month, inadequate-audit, recorded-event;
and the endings, which stop the chains they end: ceased-looked-after,
cp-plan-ended, case-closed.
Details: cp, permanent, reg24, placed-with-parents, emergency, mother-not-fit,
safeguarding, first, after-first-review, after-first-year.

Exit codes: 0 nothing to act on; 1 something listed is overdue (with --status,
still owed; with --differs, anything listed); 2 the input could not be read.";

#[derive(Debug, Args)]
pub struct DueArgs {
    /// The event (e.g. strategy-discussion, became-looked-after)
    #[arg(required_unless_present_any = ["events", "annex_a"], value_parser = NameOrFile(&crate::timescales::EVENTS), hide_possible_values = true)]
    pub event: Option<String>,
    /// The event's date (YYYY-MM-DD or DD/MM/YYYY)
    #[arg(value_parser = parse_date_arg, required_unless_present_any = ["events", "annex_a"])]
    pub date: Option<NaiveDate>,
    /// CSV of events (case_id, event, date, dob, detail), or - for stdin; a case's
    /// later events mark each obligation met, late or outstanding. With
    /// --columns ssd or ssda903: their tables (files or folders, repeatable)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["event", "date", "dob", "detail"])]
    pub events: Vec<String>,
    /// An Ofsted Annex A workbook (.xlsx), or a list saved as CSV (repeatable):
    /// every child's next statutory dates from Lists 3-9, with team and worker
    #[arg(long, value_name = "FILE", conflicts_with_all = ["event", "date", "dob", "detail", "events"])]
    pub annex_a: Vec<String>,
    /// With --as-of, and --annex-a or SSD tables (--columns ssd): instead of
    /// every obligation, a summary for managers: per team and obligation, how
    /// many are overdue, due soon and open
    #[arg(long, requires = "as_of")]
    pub by_team: bool,
    /// With --events: report a bad row and carry on, rather than stop
    #[arg(long, requires = "events")]
    pub keep_going: bool,
    /// With --as-of: list only obligations with these statuses (overdue,
    /// due-soon, open, missed, met, late, untracked), comma-separated; exit 1
    /// when any listed is still owed (overdue, due-soon, open)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "STATUS", requires = "as_of")]
    pub status: Vec<crate::timescales::status::Status>,
    /// List only obligations where the case system's recorded due date is later
    /// than the statutory one (the reviews the system will let slip); exit 1
    /// when any is listed
    #[arg(long)]
    pub differs: bool,
    /// With --as-of: also list untracked obligations that fell due more than 12
    /// months before it (left out by default)
    #[arg(long)]
    pub all: bool,
    /// The child's date of birth, for age rules (under 3, under 5, 21, 25)
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub dob: Option<NaiveDate>,
    /// Qualifiers, repeatable or comma-separated (cp, permanent, reg24, ...)
    #[arg(long, value_name = "TEXT", value_delimiter = ',', value_parser = NameOrFile(&crate::timescales::DETAILS), hide_possible_values = true)]
    pub detail: Vec<String>,
    /// Add status (overdue, due-soon, open) and days_left as of DATE; exit 1 if overdue
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub as_of: Option<NaiveDate>,
    /// default, statutory, or a timescale YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "default", value_parser = NameOrFile(&TIMESCALES), hide_possible_values = true)]
    pub timescales: String,
}

const DATE_HELP: &str = "\
Examples:
  caseaudit date 2026-11-20 \"15 working days\"      # 2026-12-11
  caseaudit date 24/12/2026 \"1 working day\"        # 2026-12-29 (Christmas, Boxing Day substitute)
  caseaudit date 2026-01-31 \"1 month\"              # 2026-02-28 (clamped to the month's end)
  caseaudit date 2026-12-11 \"-15 working days\"     # 2026-11-20
  caseaudit --count-event-day date 2026-11-20 \"15 working days\"   # 2026-12-10

'N working days' is the N-th working day strictly after the date (the date itself
never counts); --count-event-day counts it as day 1 when it is a working day, and
on a weekend or bank holiday counts the working day before it as day 1, as the
DfE CIN census validator does.

Exit codes: 0 the date is printed; 2 a bad date or offset.";

const SELECT_HELP: &str = "\
Examples:
  caseaudit select --staff staff.csv --cases cases.csv --history audits.csv --month 2026-11
  caseaudit select --staff staff.csv --cases cases.csv --month 2026-11 \\
      --policy good-practice --ledger ledger.csv --explain
  caseaudit select ... --format json -o selection.json

Reason codes (--explain): unallocated, worker-not-in-staff, worker-not-caseworker,
out-of-scope, closed-too-long, closed-date-missing, restricted, audited-recently,
selected-recently, not-recorded-by-worker, sibling-selected, taken-by-another-worker,
no-eligible-case, no-independent-auditor, auditors-at-capacity, no-auditor,
pinned-auditor-not-allowed, pinned-without-auditor.

Exit codes: 0 selected; 1 with --strict, a caseworker without a file, a file
without an auditor, or no caseworkers at all; 2 an input could not be read (or a
staff file without manager_id).";

const FORM_HELP: &str = "\
Templates: quality-practice (Quality Practice Audit), good-practice (Good practice audit guidance: Stages 1-2),
escr (Business support record audit), or a template YAML file (see `caseaudit schema template`).

Examples:
  caseaudit form --template quality-practice -o C001-audit.yaml
  caseaudit select --staff staff.csv --cases cases.csv --month 2026-11 -o selection.csv
  caseaudit form --from selection.csv --template quality-practice --dir audits/2026-11

Exit codes: 0 written; 2 the template or the selection could not be read.";

const VALIDATE_HELP: &str = "\
Every problem in every file is reported as FILE:LINE:COL: severity[code]: message,
with the line and a hint (with --format csv/json: file, line, column, record,
rule, severity, message, hint). Directories are searched for *.yaml and *.yml.

Examples:
  caseaudit validate audits/2026-11/
  caseaudit validate --staff staff.csv --format csv audits/*.yaml > findings.csv
  cat audit.yaml | caseaudit validate -

Exit codes: 0 no errors; 1 errors found (or warnings, with --deny-warnings);
2 a file could not be read or names no known template.";

const CHECK_HELP: &str = "\
Rule sets: escr-person, escr-relationships, escr-documents (Business support record audit),
recording-timeliness (QA induction), or a YAML/JSON file: a Frictionless Table Schema
(fields, types, constraints, missingValues, primaryKey) with optional `rules` and
`groups` (see `caseaudit schema rules`).

Findings: file, line, column, record, rule, severity, message, field. `line` is
the physical line where the record starts; `record` the data row number.

Examples:
  caseaudit check --rules escr-person people.csv
  mosaic-export | caseaudit check --rules recording-timeliness > problems.csv
  caseaudit check --rules my-schema.json --annotate export.csv -o annotated.csv

Exit codes: 0 no errors; 1 errors found (or warnings, with --deny-warnings);
2 the file or the rule set could not be read (ragged rows, broken quoting,
unknown type, bad pattern).";

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A built-in rule set or a rule-set file (YAML or JSON)
    #[arg(long, value_name = "NAME|FILE", value_parser = NameOrFile(&RULE_SETS), hide_possible_values = true)]
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

#[derive(Debug, Args)]
pub struct FormArgs {
    /// quality-practice, good-practice, escr, or a template YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = NameOrFile(&TEMPLATES), hide_possible_values = true)]
    pub template: String,
    /// A selection from `caseaudit select` (CSV): one prefilled form per row
    #[arg(long, value_name = "FILE", requires = "dir")]
    pub from: Option<String>,
    /// Where the prefilled forms go (created if missing; existing forms are kept)
    #[arg(long, value_name = "DIR", requires = "from")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Completed audits: files, directories, or - for standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Check every file against this template (a name or a YAML file); by default
    /// each file's own `template:` is used
    #[arg(long, value_name = "NAME|FILE", value_parser = NameOrFile(&TEMPLATES), hide_possible_values = true)]
    pub template: Option<String>,
    /// Staff list, to check that no auditor is the worker or line-manages them
    #[arg(long, value_name = "FILE")]
    pub staff: Option<String>,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
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
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = NameOrFile(&POLICIES), hide_possible_values = true)]
    pub policy: String,
    /// Seed for the random choice [default: the month, so re-runs match]
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
    /// Ledger of selections: read, then this month's picks appended (locked, atomic)
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<PathBuf>,
    /// Also list every excluded case and unfilled worker, with a reason code
    /// (a second table: in CSV, which holds one table a file, give --excluded)
    #[arg(long)]
    pub explain: bool,
    /// Write the excluded cases and unfilled workers to FILE (CSV, or JSON by
    /// its extension), atomically; implies --explain
    #[arg(long, value_name = "FILE")]
    pub excluded: Option<PathBuf>,
    /// Exit 1 when a worker gets no file or a file gets no auditor
    #[arg(long)]
    pub strict: bool,
    /// Void this month's selections in the ledger and select afresh (after a
    /// change of policy, say), under the ledger's lock, in one atomic write
    #[arg(long, requires = "ledger")]
    pub redo: bool,
}
