//! `caseaudit`: case-file quality audits for children's social care in English
//! local authorities. The binary is a thin shell over [`run`].
//!
//! # The layers, and which way the arrows point
//!
//! ```text
//!   edge      cli            the command line and dispatch
//!             cmd            one thin file per command: arguments, a call into
//!                            ops, rendering
//!             global         the options every command takes; the clock; stderr
//!   ops       the jobs: each command's work from its files to its values
//!   readers   annexa, ssd,   national returns into model records (cin: the
//!             cin            CIN census XML, streamed)
//!   domain    select, timescales, checklist, check, route, report,
//!             timeliness (the indicators councils publish)
//!                              pure: no files, no clock, no printing, and one
//!                              domain module does not use another
//!   model     staff, cases, history, events, availability, rota: typed
//!             records and their loaders
//!   io        CSV decoding and header matching, configuration text, the ledger,
//!             the rows model, the writers (table, CSV, JSON, xlsx; atomic -o)
//!   calendar  working days, bank holidays, months, dates
//!   base      error, words, hash, yaml (YAML text to values; reads no files),
//!             stats (the Wilson interval of a share)
//! ```
//!
//! Each layer uses only the layers below it, and the domain skips `io`: its
//! records come from `model` and its configuration as text from `ops`, which
//! calls its `parse(name, text)`. `cmd` never uses `cli`. The SSDA903 reader is
//! a column preset (`io::columns`), so it needs no module of its own.
//! `tests/it/architecture.rs` reads every `crate::` path in `src/` and fails on any
//! other arrow or any import circle, so the design is checked by CI, not
//! remembered; docs/architecture.md says why each arrow points the way it does.
//!
//! Exit codes: 0 success; 1 the command ran and found something; 2 it could not run.

pub mod annexa;
pub mod calendar;
pub mod check;
pub mod checklist;
pub mod cin;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod global;
pub mod hash;
pub mod io;
pub mod model;
pub mod ops;
pub mod report;
pub mod route;
pub mod select;
pub mod ssd;
pub mod stats;
pub mod timeliness;
pub mod timescales;
pub mod words;
pub mod yaml;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

/// What a command that ran concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 1: the command ran and found something to act on.
    Found,
}

/// Parses `args`, runs the command, prints any error as one line, and returns the
/// exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::FromArgMatches;
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let parsed = cli::command().try_get_matches_from(&args).and_then(|m| cli::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    let log = cli.global.log.as_ref().map(|_| {
        let words: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
        cmd::log::start(&words)
    });
    let (code, error) = match cli::dispatch(&cli) {
        Ok(Outcome::Clean) => (0, None),
        Ok(Outcome::Found) => (1, None),
        Err(e) if is_broken_pipe(&e) => (0, None),
        Err(e) => {
            let label = if color_stderr() { "\x1b[1;31merror:\x1b[0m" } else { "error:" };
            eprintln!("{label} {e:#}");
            (2, Some(format!("{e:#}")))
        }
    };
    if let Some(start) = &log {
        cmd::log::finish(start, &cli.global, code, error.as_deref());
    }
    ExitCode::from(code)
}

/// A reader that stopped reading (`caseaudit select ... | head`) is not an error
/// (ripgrep does the same).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
pub fn color_stderr() -> bool {
    color_allowed() && std::io::stderr().is_terminal()
}

/// The same for standard output (`validate`'s diagnostics).
pub fn color_stdout() -> bool {
    color_allowed() && std::io::stdout().is_terminal()
}

fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
