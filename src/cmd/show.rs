//! `caseaudit show KIND NAME`: prints a built-in policy, rule set, template,
//! timescale set or column preset exactly as the tool reads it, to copy and
//! change (the README's way to make a local one).

use crate::Outcome;
use crate::cli::{Global, ShowKind};
use crate::error::UsageError;
use std::io::Write;

/// The built-ins of each kind: (name, text).
fn built_in(kind: ShowKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        ShowKind::Policy => &crate::select::policy::BUILT_IN,
        ShowKind::Rules => &crate::check::BUILT_IN,
        ShowKind::Template => &crate::checklist::BUILT_IN,
        ShowKind::Timescales => &crate::timescales::BUILT_IN,
        ShowKind::Columns => &crate::io::columns::PRESETS,
    }
}

pub fn run(kind: ShowKind, name: &str, g: &Global) -> anyhow::Result<Outcome> {
    let all = built_in(kind);
    let Some((_, text)) = all.iter().find(|(n, _)| *n == name) else {
        let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
        let hint = crate::words::did_you_mean(name, names.iter().copied());
        return Err(UsageError(format!(
            "no built-in {} named '{name}'{hint}; there are: {}",
            kind.word(),
            names.join(", ")
        ))
        .into());
    };
    match &g.output {
        Some(p) => crate::io::output::write_atomic(p, text.as_bytes())?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
