//! `caseaudit show KIND NAME`: prints a built-in policy, rule set, template,
//! timescale set or column preset exactly as the tool reads it, to copy and
//! change (the way to make a local one: docs/reference/policies.md).

use crate::Outcome;
use crate::error::UsageError;
use crate::global::Global;
use std::io::Write;

pub const SHOW_HELP: &str = "\
Built-ins: policy quality-practice, good-practice; rules escr-person,
escr-relationships, escr-documents, recording-timeliness; template
quality-practice, good-practice, escr, family-feedback; timescales default,
statutory; columns ssd, ssda903; notice default (the text of select
--notices); routing default (the chain of route); report default (the web
page of report --format html); themes default (the themes report looks for
in what auditors and families wrote).

Examples:
  caseaudit show policy good-practice > our-policy.yaml     # then edit, and:
  caseaudit select ... --policy our-policy.yaml
  caseaudit show timescales default -o local-timescales.yaml

Exit codes: 0 printed; 2 no such built-in.";

/// The kinds of built-in definition `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowKind {
    Policy,
    Rules,
    Template,
    Timescales,
    Columns,
    Notice,
    Routing,
    /// The web page of `report --format html`.
    Report,
    /// The themes `report` looks for in what auditors wrote.
    Themes,
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
            ShowKind::Notice => "notice template",
            ShowKind::Routing => "routing policy",
            ShowKind::Report => "report page template",
            ShowKind::Themes => "theme file",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// What kind of built-in
    #[arg(value_enum)]
    pub kind: ShowKind,
    /// Its name (quality-practice, escr-person, default, ssd, ...)
    pub name: String,
}

/// The built-ins of each kind: (name, text).
fn built_in(kind: ShowKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        ShowKind::Policy => &crate::select::policy::BUILT_IN,
        ShowKind::Rules => &crate::check::BUILT_IN,
        ShowKind::Template => &crate::checklist::BUILT_IN,
        ShowKind::Timescales => &crate::timescales::BUILT_IN,
        ShowKind::Columns => &crate::io::columns::PRESETS,
        ShowKind::Notice => &crate::io::notice::BUILT_IN,
        ShowKind::Routing => &crate::route::policy::BUILT_IN,
        ShowKind::Report => &crate::ops::report::BUILT_IN,
        ShowKind::Themes => &crate::report::themes::BUILT_IN,
    }
}

pub fn run(args: &ShowArgs, g: &Global) -> anyhow::Result<Outcome> {
    let (kind, name) = (args.kind, args.name.as_str());
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
        None => crate::io::output::stdout().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
