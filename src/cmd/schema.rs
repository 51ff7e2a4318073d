//! `caseaudit schema NAME`: prints a JSON Schema from `schemas/`.

use crate::Outcome;
use crate::cli::Global;
use std::io::Write;

pub const NAMES: [&str; 4] = ["policy", "columns", "timescales", "template"];

pub fn text(name: &str) -> Option<&'static str> {
    match name {
        "policy" => Some(include_str!("../../schemas/policy.schema.json")),
        "columns" => Some(include_str!("../../schemas/columns.schema.json")),
        "timescales" => Some(include_str!("../../schemas/timescales.schema.json")),
        "template" => Some(include_str!("../../schemas/template.schema.json")),
        _ => None,
    }
}

pub fn run(name: &str, g: &Global) -> anyhow::Result<Outcome> {
    let t = text(name).ok_or_else(|| {
        crate::error::UsageError(format!("no schema named '{name}'; try one of: {}", NAMES.join(", ")))
    })?;
    match &g.output {
        Some(p) => crate::io::output::write_atomic(p, t.as_bytes())?,
        None => std::io::stdout().lock().write_all(t.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
