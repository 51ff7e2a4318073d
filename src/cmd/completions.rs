//! `caseaudit completions SHELL` and `caseaudit man`. The generated scripts are
//! also committed under `completions/`; a test fails when they are stale.

use crate::Outcome;
use crate::error::UsageError;
use std::io::Write;

pub const MAN_HELP: &str = "Examples:\n  caseaudit man | man -l -\n  caseaudit man select | man -l -\n\nExit codes: 0 printed; 2 no such subcommand.";

pub const COMPLETIONS_HELP: &str = "Example:\n  caseaudit completions bash > /etc/bash_completion.d/caseaudit\n\nExit codes: 0 printed; 2 an unknown shell.";

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (caseaudit-select(1), ...)
    pub command: Option<String>,
}

/// The completion script for `shell`, of the command line `cmd` (which
/// `cli` hands over: the command layer does not reach up into it).
pub fn script(shell: clap_complete::Shell, mut cmd: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "caseaudit", &mut out);
    out
}

pub fn run(args: &CompletionsArgs, cmd: clap::Command) -> anyhow::Result<Outcome> {
    crate::io::output::stdout().write_all(&script(args.shell, cmd))?;
    Ok(Outcome::Clean)
}

/// The main man page, or with `command` that subcommand's own
/// (`caseaudit-select(1)`, which the main page lists).
pub fn man_page(main: clap::Command, command: Option<&str>) -> anyhow::Result<Vec<u8>> {
    let cmd = match command {
        None => main,
        Some(name) => {
            let names: Vec<String> = main.get_subcommands().map(|s| s.get_name().to_string()).collect();
            let Some(sub) = main.find_subcommand(name) else {
                let hint = crate::words::did_you_mean(name, names.iter().map(String::as_str));
                return Err(UsageError(format!("no subcommand '{name}'{hint}; there are: {}", names.join(", "))).into());
            };
            sub.clone().name(format!("caseaudit-{name}")).version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    Ok(out)
}

pub fn man(args: &ManArgs, cmd: clap::Command) -> anyhow::Result<Outcome> {
    crate::io::output::stdout().write_all(&man_page(cmd, args.command.as_deref())?)?;
    Ok(Outcome::Clean)
}
