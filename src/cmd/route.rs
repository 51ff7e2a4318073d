//! `caseaudit route`: who takes a concern about an open case, for one call
//! (`CASE_ID`), a file of them (`--concerns`), or where cover will fail over a
//! range of days (`--coverage`). docs/route.md.
//!
//! The arguments, then [`ops::route`] (which reads the
//! inputs and routes each call, or finds the gaps in cover), then the output:
//! the route's steps (or the gaps), and what the run has to say.

use crate::Outcome;
use crate::global::Global;
use crate::io::output::{self, Report, Section};
use crate::ops;
use crate::ops::route::{Asked, Inputs, Told};
use crate::route::{Router, Via};
use chrono::NaiveDate;

pub const ROUTE_HELP: &str = "\
Examples:
  caseaudit route C014 --staff staff.csv --cases cases.csv \\
      --availability away.csv --rota rota.csv
  caseaudit route C014 ... --at \"2026-12-07 09:30\" --urgent --explain
  caseaudit route C014 ... --via contact-service
  caseaudit route --concerns concerns.csv --staff staff.csv \\
      --cases cases.csv ...
  caseaudit route --coverage --from 2026-12-07 --to 2026-12-11 \\
      --staff staff.csv --cases cases.csv --availability away.csv \\
      --rota rota.csv

--availability is a CSV (staff_id, from, to, absence: meeting|leave|sick,
and optionally back) or an .ics calendar export; give it more than once to
read both. --rota is a CSV of date, team, duty_worker_id and optionally
covering_manager_id. A call outside working hours (the policy's,
09:00-17:00 by default) or on a non-working day is routed for the start of
the next working period.

Steps (role): allocated-worker, duty-worker, team-manager,
covering-manager, any-team-manager, service-manager, any-service-manager,
work-tray. Gaps (--coverage): no-duty-worker, no-manager-cover,
service-manager-only.

Exit codes: 0 someone on the chain takes the concern (--coverage: no gap);
1 nobody on the chain is available, or the case is closed with no open
sibling (--coverage: a gap; with --strict, nothing to check); 2 an input
could not be read.";

#[derive(Debug, clap::Args)]
pub struct RouteArgs {
    /// The case the concern is about
    #[arg(value_name = "CASE_ID", required_unless_present_any = ["concerns", "coverage"], conflicts_with_all = ["concerns", "coverage"])]
    pub case_id: Option<String>,
    /// Staff list: staff_id, role, team, area, manager_id, and optionally
    /// covering_manager_id (who covers a team manager), email, name
    #[arg(long, value_name = "FILE")]
    pub staff: String,
    /// Caseload: case_id, worker_id, team, status, opened, closed, family_id
    #[arg(long, value_name = "FILE")]
    pub cases: String,
    /// Who is away: a CSV (staff_id, from, to, absence, back) or an .ics
    /// calendar export (repeatable)
    #[arg(long, value_name = "FILE")]
    pub availability: Vec<String>,
    /// The duty rota: date, team, duty_worker_id, covering_manager_id
    #[arg(long, value_name = "FILE")]
    pub rota: Option<String>,
    /// When the call came: "YYYY-MM-DD HH:MM", or HH:MM today [default: now;
    /// with --today, the start of that working day]
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// The concern cannot wait for the worker: go down the chain
    #[arg(long)]
    pub urgent: bool,
    /// How the concern came in
    #[arg(long, value_enum, default_value = "admin")]
    pub via: Via,
    /// A CSV of concerns to route: case_id, received_at, and optionally urgent
    /// (true/false) and via (admin/contact-service)
    #[arg(long, value_name = "FILE", conflicts_with = "coverage")]
    pub concerns: Option<String>,
    /// List the times when an urgent call would not reach a team's own people,
    /// for every team with an open case and every working day from --from to --to
    #[arg(long, requires_all = ["from", "to"])]
    pub coverage: bool,
    /// First day of --coverage
    #[arg(long, value_name = "DATE", value_parser = crate::global::parse_date_arg)]
    pub from: Option<NaiveDate>,
    /// Last day of --coverage
    #[arg(long, value_name = "DATE", value_parser = crate::global::parse_date_arg)]
    pub to: Option<NaiveDate>,
    /// The routing policy: default, or a YAML file (see `caseaudit show routing default`)
    #[arg(long, value_name = "NAME|FILE", default_value = "default", value_parser = crate::global::NameOrFile(&crate::global::ROUTINGS), hide_possible_values = true)]
    pub policy: String,
    /// Add a passed_over column: who each step tried before, and why they could not take the call
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: &RouteArgs, g: &Global) -> anyhow::Result<Outcome> {
    let map = g.column_map()?;
    let routing = ops::config::routing(&args.policy)?;
    let files = ops::route::Files {
        staff: &args.staff,
        cases: &args.cases,
        availability: &args.availability,
        rota: args.rota.as_deref(),
    };
    let inputs = Inputs::read(&files, map, routing)?;
    g.warn_all(&inputs.warnings);
    let calendar = g.calendar()?;
    let router = inputs.router(&calendar);
    if args.coverage {
        let (from, to) = (args.from.expect("clap requires --from"), args.to.expect("clap requires --to"));
        return coverage(g, &inputs, &router, from, to);
    }
    let asked = match (&args.case_id, &args.concerns) {
        (Some(id), _) => Asked::One { case_id: id, at: args.at.as_deref() },
        (None, Some(path)) => Asked::File(path),
        (None, None) => unreachable!("clap requires a case, --concerns or --coverage"),
    };
    // Without --today, a call comes now; with it, at the start of that day.
    let now = if g.today.is_some() { None } else { Some(g.now()) };
    let defaults = ops::route::Defaults { today: g.today(), now, urgent: args.urgent, via: args.via };
    let calls = ops::route::calls(&inputs, &asked, &defaults)?;
    g.warn_all(&calls.warnings);
    let routed = ops::route::route(&inputs, &router, calls);
    for told in routed.told() {
        match told {
            Told::Summary(line) => g.summary(&line),
            Told::Note(w) => g.warn(&w),
        }
    }
    emit(routed.table(args.explain), g)?;
    if let Some(line) = routed.line() {
        g.summary(&line);
    }
    Ok(if routed.exhausted() > 0 { Outcome::Found } else { Outcome::Clean })
}

fn coverage(g: &Global, i: &Inputs, router: &Router, from: NaiveDate, to: NaiveDate) -> anyhow::Result<Outcome> {
    let cov = ops::route::coverage(i, router, from, to)?;
    g.warn_all(&cov.warnings);
    emit(cov.table(), g)?;
    g.summary(&cov.line());
    if let Some(w) = cov.nothing_to_check() {
        g.warn(&w);
    }
    Ok(if cov.gaps.is_empty() { Outcome::Clean } else { Outcome::Found })
}

/// One table, in the format asked for.
fn emit(section: Section, g: &Global) -> anyhow::Result<()> {
    output::emit(&Report { sections: vec![section], json_object: false }, &g.output())
}
