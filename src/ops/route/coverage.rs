//! `route --coverage` as a job: the teams with a case open in the range, the
//! gaps in their cover on each working day ([`crate::route::coverage`]), and
//! the table and summary the command shows.

use super::Inputs;
use crate::error::{UsageError, Warning};
use crate::io::output::{Cell, Section};
use crate::route::Router;
use crate::route::coverage::{self, Gap, GapKind, Out};
use crate::words::count;
use chrono::NaiveDate;

/// The gaps in cover over a range of days.
pub struct Coverage<'a> {
    inputs: &'a Inputs,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Teams with a case open at some point in the range, by name.
    pub teams: Vec<u32>,
    pub working_days: usize,
    pub gaps: Vec<Gap>,
    /// What the check leaves out (no rota: duty workers).
    pub warnings: Vec<Warning>,
}

/// Where cover fails from `from` to `to`, both working days in the calendar's range.
pub fn coverage<'a>(i: &'a Inputs, router: &Router, from: NaiveDate, to: NaiveDate) -> anyhow::Result<Coverage<'a>> {
    if from > to {
        return Err(UsageError(format!("--from {from} is after --to {to}")).into());
    }
    for d in [from, to] {
        router.hours.calendar.check(d).map_err(|e| UsageError(e.to_string()))?;
    }
    let mut warnings = Vec::new();
    if !i.rota.given {
        warnings.push(Warning::new("no --rota: duty workers are not checked"));
    }
    let mut teams: Vec<u32> = (0..i.cases.list.len() as u32)
        .filter(|&c| router.open_between(c, from, to))
        .filter_map(|c| router.team_of(c))
        .collect();
    teams.sort_unstable_by(|&a, &b| i.names.show(a).cmp(i.names.show(b)).then(a.cmp(&b)));
    teams.dedup();
    let working_days = coverage::working_days(router.hours.calendar, from, to).len();
    let gaps = coverage::coverage(router, &teams, from, to);
    Ok(Coverage { inputs: i, from, to, teams, working_days, gaps, warnings })
}

impl Coverage<'_> {
    /// One row a gap.
    pub fn table(&self) -> Section {
        let i = self.inputs;
        let rows: Vec<Vec<Cell>> = self
            .gaps
            .iter()
            .map(|gap| {
                let out: Vec<String> = gap.out.iter().map(|o| out_words(i, *o)).collect();
                vec![
                    Cell::text(i.names.show(gap.team)),
                    Cell::Date(gap.day),
                    Cell::text(gap.from.format("%H:%M").to_string()),
                    Cell::text(gap.to.format("%H:%M").to_string()),
                    Cell::Static(gap.kind.word()),
                    Cell::text(out.join("; ")),
                ]
            })
            .collect();
        let columns = ["team", "date", "from", "to", "gap", "detail"].map(String::from).to_vec();
        Section { name: "coverage", title: "Coverage gaps", columns, rows }
    }

    /// What was checked and what was found, in a line.
    pub fn line(&self) -> String {
        let worst = self.gaps.iter().filter(|gap| gap.kind == GapKind::ServiceManagerOnly).count();
        format!(
            "checked {} on {} from {} to {}: {}, {worst} reaching nobody below service manager",
            count(self.teams.len(), "team", "teams"),
            count(self.working_days, "working day", "working days"),
            self.from,
            self.to,
            count(self.gaps.len(), "gap", "gaps"),
        )
    }

    /// A range with nothing in it to check, which fails under `--strict`.
    pub fn nothing_to_check(&self) -> Option<Warning> {
        (self.teams.is_empty() || self.working_days == 0).then(|| {
            Warning::new("nothing to check: no team has an open case in the range, or the range has no working day")
                .strict()
        })
    }
}

fn out_words(i: &Inputs, o: Out) -> String {
    match o {
        Out::Away(s, Some(kind)) => format!("{} away ({})", i.staff.member(s).id, kind.word()),
        Out::Away(s, None) => format!("{} away", i.staff.member(s).id),
        Out::Inactive(s) => format!("{} not active", i.staff.member(s).id),
        Out::NotOnRota => "no duty worker on the rota".into(),
        Out::NoCover => "no covering manager named".into(),
        Out::NoTeamManager => "no team manager".into(),
    }
}
