//! `caseaudit schema NAME`: prints a JSON Schema from `schemas/`; `audit` is
//! generated from a template (`schemas/audit-*.schema.json` are the built-ins').

use crate::Outcome;
use crate::global::Global;
use std::io::Write;

pub const SCHEMA_HELP: &str = "Examples:\n  caseaudit schema policy > policy.schema.json\n  caseaudit schema audit --template good-practice > audit.schema.json\n\nExit codes: 0 printed; 2 no such schema, or the template could not be\nread.";

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Which schema
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(crate::cmd::schema::NAMES))]
    pub name: String,
    /// For `audit`: the template whose completed audits the schema describes
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice")]
    pub template: String,
}

pub const NAMES: [&str; 8] = ["policy", "columns", "timescales", "template", "audit", "rules", "routing", "themes"];

pub fn text(name: &str) -> Option<&'static str> {
    match name {
        "policy" => Some(include_str!("../../schemas/policy.schema.json")),
        "columns" => Some(include_str!("../../schemas/columns.schema.json")),
        "timescales" => Some(include_str!("../../schemas/timescales.schema.json")),
        "template" => Some(include_str!("../../schemas/template.schema.json")),
        "rules" => Some(include_str!("../../schemas/rules.schema.json")),
        "routing" => Some(include_str!("../../schemas/routing.schema.json")),
        "themes" => Some(include_str!("../../schemas/themes.schema.json")),
        _ => None,
    }
}

pub fn run(args: &SchemaArgs, g: &Global) -> anyhow::Result<Outcome> {
    let (name, template) = (args.name.as_str(), args.template.as_str());
    let generated;
    let t = if name == "audit" {
        generated = crate::checklist::schema::audit_schema(&crate::ops::config::template(template)?);
        generated.as_str()
    } else {
        text(name).ok_or_else(|| {
            crate::error::UsageError(format!("no schema named '{name}'; try one of: {}", NAMES.join(", ")))
        })?
    };
    match &g.output {
        Some(p) => crate::io::output::write_atomic(p, t.as_bytes())?,
        None => crate::io::output::stdout().write_all(t.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
