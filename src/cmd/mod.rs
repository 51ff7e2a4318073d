//! One thin file per subcommand: read inputs, call the domain, hand rows to the
//! writer. Logic that grows here belongs further down.

pub mod check;
pub mod completions;
pub mod config;
pub mod date;
pub mod due;
pub mod form;
pub mod holidays;
pub mod log;
pub mod report;
pub mod route;
pub mod schema;
pub mod select;
pub mod show;
pub mod validate;

use crate::Outcome;
use crate::cli::{Cli, Command, Global};
use crate::io::columns::ColumnMap;
use chrono::{NaiveDate, Timelike};

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
        Command::Select(args) => select::run(args, g),
        Command::Due(args) => due::run(args, g),
        Command::Form(args) => form::run(args, g),
        Command::Validate(args) => validate::run(args, g),
        Command::Check(args) => check::run(args, g),
        Command::Date(args) => date::run(args, g),
        Command::Holidays(args) => holidays::run(args, g),
        Command::Route(args) => route::run(args, g),
        Command::Report(args) => report::run(args, g),
        Command::Schema(args) => schema::run(args, g),
        Command::Show(args) => show::run(args, g),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
    }?;
    Ok(g.outcome(outcome))
}

/// Opens a CSV input of `kind` (the section of a `--columns` file). An SSD or
/// SSDA903 table given without `--columns ssd` stops here, saying what to add,
/// rather than with a missing `id` column.
pub fn open_input(
    path: &str,
    kind: &'static str,
    map: &ColumnMap,
    id: &str,
) -> Result<crate::io::csvin::CsvFile, crate::error::InputError> {
    let f = crate::io::csvin::CsvFile::open(path, kind, map)?;
    crate::ssd::refuse_without_preset(&f, map, id)?;
    Ok(f)
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
