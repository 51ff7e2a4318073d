//! `caseaudit completions SHELL` and `caseaudit man`. The generated scripts are
//! also committed under `completions/`; a test fails when they are stale.

use crate::Outcome;
use crate::cli::Cli;
use clap::CommandFactory;
use std::io::Write;

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "caseaudit", &mut out);
    out
}

pub fn run(shell: clap_complete::Shell) -> anyhow::Result<Outcome> {
    std::io::stdout().lock().write_all(&script(shell))?;
    Ok(Outcome::Clean)
}

pub fn man_page() -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

pub fn man() -> anyhow::Result<Outcome> {
    std::io::stdout().lock().write_all(&man_page()?)?;
    Ok(Outcome::Clean)
}
