//! The options every command takes (`--format`, `-o`, `--today`, `--strict`,
//! `--quiet`, `--columns`, ...), and what a run has said: the one place the
//! clock is read, the calendar made and stderr written. `cli` parses them and
//! `cmd` uses them; neither imports the other for them (the layer map in
//! `src/lib.rs`).

use crate::Outcome;
use crate::calendar::dates::parse_date;
use crate::io::columns::ColumnMap;
use crate::io::output::Format;
use chrono::{NaiveDate, Timelike};
use clap::Args;
use std::path::PathBuf;

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

/// A built-in's name or a file's path: any text is accepted, and the built-in
/// names are offered by shell completion (a file is read, or refused with the
/// nearest name, when the command runs).
#[derive(Debug, Clone, Copy)]
pub struct NameOrFile(pub &'static [&'static str]);

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

pub const POLICIES: [&str; 2] = names(&crate::select::policy::BUILT_IN);
pub const RULE_SETS: [&str; 4] = names(&crate::check::BUILT_IN);
pub const TEMPLATES: [&str; 4] = names(&crate::checklist::BUILT_IN);
pub const TIMESCALES: [&str; 2] = names(&crate::timescales::BUILT_IN);
pub const PRESETS: [&str; 2] = names(&crate::io::columns::PRESETS);
pub const ROUTINGS: [&str; 1] = names(&crate::route::policy::BUILT_IN);

pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).map_err(|e| e.to_string())
}

impl Global {
    /// Today: `--today` / `CASEAUDIT_TODAY`, else the local date. The only place
    /// that reads the clock.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Now, to the minute, for `route --at`: the local clock, unless
    /// `--today` fixes the day (then the caller picks the time).
    pub fn now(&self) -> chrono::NaiveDateTime {
        let now = chrono::Local::now().naive_local();
        now.date().and_hms_opt(now.hour(), now.minute(), 0).unwrap_or(now)
    }

    /// The column map: `--columns`, with `--header-row`.
    pub fn column_map(&self) -> anyhow::Result<ColumnMap> {
        let map = match &self.columns {
            Some(p) => ColumnMap::load(p)?,
            None => ColumnMap::default(),
        };
        Ok(map.with_header_row(self.header_row))
    }

    pub fn output(&self) -> crate::io::output::OutputOptions {
        crate::io::output::OutputOptions {
            format: self.format,
            path: self.output.clone(),
            raw: self.raw,
            bom: self.bom,
            today: self.today(),
            wide: self.wide,
        }
    }

    /// The working-day calendar: `--region` plus `--closures`.
    pub fn calendar(&self) -> anyhow::Result<crate::calendar::Calendar> {
        let closures = match &self.closures {
            Some(path) => {
                let (days, warnings) = crate::model::closures::load(path, &self.column_map()?)?;
                self.warn_all(&warnings);
                days
            }
            None => Default::default(),
        };
        Ok(crate::calendar::Calendar::new(self.region, closures))
    }

    /// A line on stderr, unless `--quiet`; kept for `--log`.
    pub fn note(&self, line: &str) {
        self.said.lines.borrow_mut().push(line.to_string());
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// Tells the user of `w` on stderr (`note: ...` or `warning: ...`), unless
    /// `--quiet`; one that fails the run under `--strict` is remembered, and
    /// then printed whatever `--quiet` says, since it is why the run fails.
    pub fn warn(&self, w: &crate::error::Warning) {
        let line = format!("{}: {w}", w.level.label());
        if w.strict {
            self.said.strict.borrow_mut().push(line.clone());
            if self.strict {
                return self.reason(&line);
            }
        }
        self.note(&line);
    }

    /// [`warn`](Self::warn) for each.
    pub fn warn_all<'a>(&self, ws: impl IntoIterator<Item = &'a crate::error::Warning>) {
        for w in ws {
            self.warn(w);
        }
    }

    /// A command's summary of what it did: on stderr, unless `--quiet`; a
    /// quiet run that fails (exit 1) prints it after all, as the reason.
    pub fn summary(&self, line: &str) {
        if self.quiet {
            self.said.lines.borrow_mut().push(line.to_string());
            self.said.held.borrow_mut().push(line.to_string());
        } else {
            self.note(line);
        }
    }

    /// Why the run fails: printed whatever `--quiet` says.
    pub fn reason(&self, line: &str) {
        self.said.lines.borrow_mut().push(line.to_string());
        eprintln!("{line}");
    }

    /// The command's outcome, made `Found` under `--strict` when a warning
    /// said something that must not pass in silence. A quiet run that fails
    /// prints the summaries it held back: `--quiet` silences the success
    /// summary, never the reason for a non-zero exit.
    pub fn outcome(&self, outcome: Outcome) -> Outcome {
        let outcome = if self.strict && !self.said.strict.borrow().is_empty() { Outcome::Found } else { outcome };
        if outcome == Outcome::Found {
            for line in self.said.held.borrow_mut().drain(..) {
                eprintln!("{line}");
            }
        }
        outcome
    }
}
