//! `caseaudit form --template NAME`: a blank audit, ready to fill in (the month
//! runs select → form → validate).

use crate::Outcome;
use crate::checklist;
use crate::cli::Global;
use std::io::Write;

pub fn run(template: &str, g: &Global) -> anyhow::Result<Outcome> {
    let t = checklist::load(template)?;
    let text = checklist::form::blank(&t);
    match &g.output {
        Some(p) => crate::io::output::write_atomic(p, text.as_bytes())?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
