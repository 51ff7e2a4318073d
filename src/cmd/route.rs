//! `caseaudit route`: who takes a concern about an open case, for one call
//! (`CASE_ID`), a file of them (`--concerns`), or where cover will fail over a
//! range of days (`--coverage`). SPEC §9.

use crate::Outcome;
use crate::calendar::dates::{parse_date_time, parse_time};
use crate::error::{InputError, UsageError, Warning};
use crate::global::Global;
use crate::io::output::{self, Cell, Report, Section};
use crate::model::availability::{self, Availability, Away};
use crate::model::rota::{self, Rota};
use crate::model::{Names, cases, staff};
use crate::route::coverage::{self, GapKind, Out};
use crate::route::policy::Routing;
use crate::route::{Call, Missing, NotRouted, Presence, Role, Route, Router, Via, Who};
use chrono::{NaiveDate, NaiveDateTime};

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

/// Everything read from the inputs.
struct Inputs {
    map: crate::io::columns::ColumnMap,
    staff: staff::Staff,
    cases: cases::Cases,
    names: Names,
    availability: Availability,
    rota: Rota,
    routing: Routing,
}

fn read(args: &RouteArgs, g: &Global) -> anyhow::Result<Inputs> {
    let map = g.column_map()?;
    let routing = crate::ops::config::routing(&args.policy)?;
    let mut names = Names::default();
    let mut warnings: Vec<Warning> = Vec::new();
    let (staff, w) = staff::from_csv(crate::ops::open_input(&args.staff, "staff", &map, "staff_id")?, &mut names)?;
    warnings.extend(w);
    let f = crate::ops::open_input(&args.cases, "cases", &map, "case_id")?;
    let (cases, w) = cases::read(f, &args.cases, &map, &staff, &mut names)?;
    warnings.extend(w);
    let mut away: Vec<Away> = Vec::new();
    for path in &args.availability {
        if path.to_ascii_lowercase().ends_with(".ics") {
            let bytes = std::fs::read(path)
                .map_err(|e| InputError::file(path, format!("cannot be read: {}", crate::error::io_reason(&e))))?;
            let text = match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    warnings.push(Warning::file(path, "not UTF-8; read as Windows-1252"));
                    encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned()
                }
            };
            let (a, w) = availability::ics::parse(path, &text, &staff)?;
            away.extend(a);
            warnings.extend(w);
        } else {
            let f = crate::io::csvin::CsvFile::open(path, "availability", &map)?;
            let (a, w) = availability::from_csv(f, &staff)?;
            away.extend(a);
            warnings.extend(w);
        }
    }
    let rota = match &args.rota {
        Some(path) => {
            let (r, w) = rota::from_csv(crate::io::csvin::CsvFile::open(path, "rota", &map)?, &staff, &mut names)?;
            warnings.extend(w);
            r
        }
        None => Rota::default(),
    };
    g.warn_all(&warnings);
    Ok(Inputs { map, staff, cases, names, availability: Availability::new(away), rota, routing })
}

pub fn run(args: &RouteArgs, g: &Global) -> anyhow::Result<Outcome> {
    let inputs = read(args, g)?;
    let calendar = g.calendar()?;
    let i = &inputs;
    let router = Router::new(&i.staff, &i.cases, &i.availability, &i.rota, &i.routing, &calendar);
    if args.coverage {
        let (from, to) = (args.from.expect("clap requires --from"), args.to.expect("clap requires --to"));
        return run_coverage(g, i, &router, from, to);
    }
    let start = NaiveDateTime::new(g.today(), i.routing.start);
    let default_at = if g.today.is_some() { start } else { g.now() };
    let calls = match (&args.case_id, &args.concerns) {
        (Some(id), _) => {
            let at = match &args.at {
                Some(s) => parse_at(s, g.today()).map_err(|e| UsageError(format!("--at {e}")))?,
                None => default_at,
            };
            let case = find_case(&i.cases, id)?;
            vec![(None, Call { case, at, urgent: args.urgent, via: args.via })]
        }
        (None, Some(path)) => read_concerns(path, g, i, args)?,
        (None, None) => unreachable!("clap requires a case, --concerns or --coverage"),
    };
    let many = args.concerns.is_some();
    let mut columns: Vec<String> = Vec::new();
    if many {
        columns.extend(["case_id", "received_at", "routed_for"].map(String::from));
    }
    columns.extend(
        [
            "step",
            "action",
            "staff_id",
            "role",
            "team",
            "available",
            "back",
            "reason",
            "recipient",
            "email",
            "name",
            "routed_as",
        ]
        .map(String::from),
    );
    if args.explain {
        columns.push("passed_over".into());
    }
    let mut rows = Vec::new();
    let mut exhausted = 0usize;
    for (line, call) in &calls {
        let lead = |rows: &mut Vec<Cell>, routed_for: NaiveDateTime| {
            if many {
                rows.push(Cell::text(i.cases.id(call.case)));
                rows.push(Cell::text(moment(call.at)));
                rows.push(Cell::text(moment(routed_for)));
            }
        };
        match router.route(*call) {
            Ok(route) => {
                if route.reached.is_none() {
                    exhausted += 1;
                }
                if !many || route.reached.is_none() {
                    tell(g, i, &route, *call, *line);
                }
                for (n, step) in route.steps.iter().enumerate() {
                    let mut row = Vec::new();
                    lead(&mut row, route.routed_for);
                    row.extend(step_cells(i, &route, n, step, args.explain));
                    rows.push(row);
                }
            }
            Err(NotRouted::Closed) => {
                exhausted += 1;
                let where_ = line.map(|l| format!("line {l}: ")).unwrap_or_default();
                g.summary(&format!(
                    "{where_}case {} is closed and no sibling's case is open on {}: this procedure is for open cases; \
                     pass the concern to the front door as a new contact",
                    i.cases.id(call.case),
                    call.at.date()
                ));
            }
        }
    }
    let report =
        Report { sections: vec![Section { name: "route", title: "Route", columns, rows }], json_object: false };
    output::emit(&report, &g.output())?;
    if many {
        g.summary(&format!(
            "{} routed; {} reached nobody on the chain",
            crate::words::count(calls.len(), "concern", "concerns"),
            exhausted
        ));
    }
    Ok(if exhausted > 0 { Outcome::Found } else { Outcome::Clean })
}

fn find_case(cases: &cases::Cases, id: &str) -> Result<u32, UsageError> {
    cases.get(id.trim()).ok_or_else(|| UsageError(format!("case '{id}' is not in the cases file; check the case id")))
}

/// `--at`: a date and time, or a time today.
fn parse_at(s: &str, today: NaiveDate) -> Result<NaiveDateTime, String> {
    if let Ok(t) = parse_time(s) {
        return Ok(today.and_time(t));
    }
    match parse_date_time(s).map_err(|e| e.to_string())? {
        (d, Some(t)) => Ok(d.and_time(t)),
        (_, None) => Err(format!("'{s}' has no time of day; give \"YYYY-MM-DD HH:MM\"")),
    }
}

fn read_concerns(path: &str, g: &Global, i: &Inputs, args: &RouteArgs) -> anyhow::Result<Vec<(Option<u64>, Call)>> {
    let mut f = crate::io::csvin::CsvFile::open(path, "concerns", &i.map)?;
    let c_case = f.require("case_id")?;
    let c_at = f.require("received_at")?;
    let c_urgent = f.column("urgent")?;
    let c_via = f.column("via")?;
    let mut out = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_case)?;
        let case = i
            .cases
            .get(&id)
            .ok_or_else(|| row.error(c_case, format!("case '{id}' is not in the cases file; check the case id")))?;
        let raw = row.required(c_at)?;
        let at = parse_at(&raw, g.today()).map_err(|e| row.error(c_at, format!("'received_at': {e}")))?;
        let urgent = row.flag(c_urgent, args.urgent)?;
        let via = match c_via.map(|c| (c, row.text(c))) {
            Some((c, v)) if !v.is_empty() => match crate::words::normalise(&v).as_str() {
                "admin" => Via::Admin,
                "contact_service" | "compass" => Via::ContactService,
                _ => return Err(row.error(c, format!("'via': '{v}' is neither admin nor contact-service")).into()),
            },
            _ => args.via,
        };
        out.push((Some(row.line()), Call { case, at, urgent, via }));
    }
    // A concerns file with no rows says so here (and fails under --strict).
    g.warn_all(&f.notes().warnings());
    Ok(out)
}

fn moment(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn day_and_time(t: NaiveDateTime) -> String {
    t.format("%a %Y-%m-%d %H:%M").to_string()
}

fn presence_words(p: Presence) -> String {
    match p {
        Presence::Available => "available".into(),
        Presence::Inactive => "not active in the staff file".into(),
        Presence::Away { kind, back } => {
            let back = back.map_or("back not known".into(), |b| format!("back {}", day_and_time(b)));
            format!("away: {} ({} absence), {back}", kind.word(), kind.length())
        }
    }
}

fn missing_words(m: Missing, team: &str, day: NaiveDate) -> String {
    match m {
        Missing::Unallocated => "the case has no allocated worker".into(),
        Missing::NoRota => "no --rota given, so the duty worker is not known".into(),
        Missing::NotOnRota => format!("no duty worker on the rota for {team} on {day}"),
        Missing::NoTeamManager => "no team manager above the worker or in the team".into(),
        Missing::NoCover => "no covering manager named (rota or covering_manager_id)".into(),
        Missing::NoServiceManager => "no service manager above the worker or the team manager".into(),
        Missing::NoOneElse => "nobody else in the role is available".into(),
    }
}

fn step_cells(i: &Inputs, route: &Route, n: usize, step: &crate::route::Step, explain: bool) -> Vec<Cell> {
    let team = route.team.map(|t| i.names.show(t).to_string()).unwrap_or_default();
    let what = match (step.action, step.role) {
        (crate::route::Action::Message, _) if step.recipient == crate::route::Recipient::To => {
            "email the caller's message"
        }
        (crate::route::Action::Message, _) => "copy them into the message",
        (_, Role::WorkTray) => "the team's work tray",
        (crate::route::Action::Alert, Role::CoveringManager) => "watches the work tray while the team manager is away",
        (crate::route::Action::Alert, _) => "alert on the case",
        _ => "put the call through",
    };
    let (staff_id, available, back, status, email, name) = match &step.who {
        Who::Staff(s, p) => {
            let m = i.staff.member(*s);
            let back = match p {
                Presence::Away { back: Some(b), .. } => Cell::text(moment(*b)),
                _ => Cell::Empty,
            };
            (
                Cell::text(m.id.clone()),
                Cell::Bool(p.available()),
                back,
                presence_words(*p),
                m.email.clone(),
                m.name.clone(),
            )
        }
        Who::NotInStaff(id) => (
            Cell::text(id.to_string()),
            Cell::Bool(false),
            Cell::Empty,
            "not in the staff file".into(),
            String::new(),
            String::new(),
        ),
        Who::Tray => (Cell::Empty, Cell::Empty, Cell::Empty, team.clone(), String::new(), String::new()),
        Who::Nobody(m) => (
            Cell::Empty,
            Cell::Bool(false),
            Cell::Empty,
            missing_words(*m, &team, route.routed_for.date()),
            String::new(),
            String::new(),
        ),
    };
    let taken = if route.reached == Some(n) { " (takes it)" } else { "" };
    // A person's own team (a covering manager may lead another); the case's
    // team for the tray and for a step with nobody.
    let team = match &step.who {
        Who::Staff(s, _) => i.names.show(i.staff.member(*s).team).to_string(),
        _ => team,
    };
    let mut row = vec![
        Cell::Int(n as i64 + 1),
        Cell::Static(step.action.word()),
        staff_id,
        Cell::Static(step.role.word()),
        Cell::text(team),
        available,
        back,
        Cell::text(format!("{what}; {status}{taken}")),
        Cell::Static(step.recipient.word()),
        Cell::text(email),
        Cell::text(name),
        Cell::text(i.cases.id(route.case)),
    ];
    if explain {
        // The step that takes the concern lists everyone passed over before
        // it; an "any" step, whom it tried first.
        let steps = if route.reached == Some(n) { &route.steps[..=n] } else { std::slice::from_ref(step) };
        let said = |id: u32, role: Role, p: Presence| {
            format!("{} ({}) {}", i.staff.member(id).id, role.word(), presence_words(p))
        };
        let mut passed: Vec<String> = Vec::new();
        for s in steps {
            passed.extend(s.passed_over.iter().map(|&(id, p)| said(id, s.role, p)));
            if let (Who::Staff(id, p), false) = (&s.who, std::ptr::eq(s, step)) {
                passed.push(said(*id, s.role, *p));
            }
        }
        row.push(Cell::text(passed.join("; ")));
    }
    row
}

/// The one-line summary of a route on stderr, for the admin at the phone.
fn tell(g: &Global, i: &Inputs, route: &Route, call: Call, line: Option<u64>) {
    let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
    let case = i.cases.id(route.asked);
    if route.out_of_hours() {
        g.summary(&format!(
            "{at}note: {} is outside working hours ({}–{} on working days); routed for {}. An emergency out of hours \
             goes to the out-of-hours service, which this procedure does not cover",
            day_and_time(route.at),
            i.routing.start.format("%H:%M"),
            i.routing.end.format("%H:%M"),
            day_and_time(route.routed_for)
        ));
    }
    if route.case != route.asked {
        let others: Vec<&str> = route.other_siblings.iter().map(|&c| i.cases.id(c)).collect();
        let also = if others.is_empty() { String::new() } else { format!(" (also open: {})", others.join(", ")) };
        g.summary(&format!(
            "{at}note: case {case} is closed; routed as its sibling's open case {}, the most recently opened{also}",
            i.cases.id(route.case)
        ));
    }
    let Some(n) = route.reached else {
        g.summary(&format!("{at}{case}: nobody on the chain is available"));
        return;
    };
    let step = &route.steps[n];
    let who = match &step.who {
        Who::Staff(s, _) => i.staff.member(*s).id.clone(),
        _ => String::new(),
    };
    match step.action {
        crate::route::Action::Transfer => {
            g.summary(&format!("{case}: put the call through to {who} ({})", step.role.word().replace('-', " ")))
        }
        crate::route::Action::Message => {
            let back = match route.steps.first().map(|s| &s.who) {
                Some(Who::Staff(_, Presence::Away { back: Some(b), .. })) => format!("back {}", day_and_time(*b)),
                _ => "back not known".into(),
            };
            g.summary(&format!(
                "{case}: the worker is away ({back}); take a message for {who}. If it cannot wait, run again with --urgent"
            ));
        }
        crate::route::Action::Alert => g.summary(&format!("{case}: alerts raised; {who} is in to see them")),
    }
    if call.urgent && call.via == Via::ContactService {
        g.warn(&Warning::new("an urgent concern through the contact service is also phoned to the team admin: run with --via admin --urgent").note());
    }
}

fn run_coverage(g: &Global, i: &Inputs, router: &Router, from: NaiveDate, to: NaiveDate) -> anyhow::Result<Outcome> {
    if from > to {
        return Err(UsageError(format!("--from {from} is after --to {to}")).into());
    }
    for d in [from, to] {
        router.hours.calendar.check(d).map_err(|e| UsageError(e.to_string()))?;
    }
    if !i.rota.given {
        g.warn(&Warning::new("no --rota: duty workers are not checked"));
    }
    // Teams with a case open at some point in the range, by name.
    let mut teams: Vec<u32> = (0..i.cases.list.len() as u32)
        .filter(|&c| router.open_between(c, from, to))
        .filter_map(|c| router.team_of(c))
        .collect();
    teams.sort_unstable_by(|&a, &b| i.names.show(a).cmp(i.names.show(b)).then(a.cmp(&b)));
    teams.dedup();
    let working_days = coverage::working_days(router.hours.calendar, from, to).len();
    let gaps = coverage::coverage(router, &teams, from, to);
    let rows: Vec<Vec<Cell>> = gaps
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
    let report = Report {
        sections: vec![Section { name: "coverage", title: "Coverage gaps", columns, rows }],
        json_object: false,
    };
    output::emit(&report, &g.output())?;
    let worst = gaps.iter().filter(|gap| gap.kind == GapKind::ServiceManagerOnly).count();
    g.summary(&format!(
        "checked {} on {} from {from} to {to}: {}, {worst} reaching nobody below service manager",
        crate::words::count(teams.len(), "team", "teams"),
        crate::words::count(working_days, "working day", "working days"),
        crate::words::count(gaps.len(), "gap", "gaps"),
    ));
    if teams.is_empty() || working_days == 0 {
        g.warn(
            &Warning::new("nothing to check: no team has an open case in the range, or the range has no working day")
                .strict(),
        );
    }
    Ok(if gaps.is_empty() { Outcome::Clean } else { Outcome::Found })
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
