//! Routing as a job (Concerns on an open case, docs/route.md): read the staff
//! list, the caseload, who is away (CSV or an .ics export) and the duty rota;
//! then route one call or a file of concerns with [`crate::route::Router`], or
//! find where cover fails over a range of days ([`coverage`]). What the
//! command shows is in `tables` (the route as rows) and `told` (the lines for
//! the admin at the phone).

mod coverage;
mod tables;
mod told;

pub use coverage::{Coverage, coverage};
pub use told::Told;

use crate::calendar::Calendar;
use crate::calendar::dates::{parse_date_time, parse_time};
use crate::error::{InputError, UsageError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::availability::{self, Availability, Away};
use crate::model::rota::{self, Rota};
use crate::model::{Names, cases, staff};
use crate::route::policy::Routing;
use crate::route::{Call, NotRouted, Route, Router, Via};
use chrono::{NaiveDate, NaiveDateTime};

/// The files routing reads.
pub struct Files<'a> {
    pub staff: &'a str,
    pub cases: &'a str,
    /// Who is away: CSV files, or .ics calendar exports.
    pub availability: &'a [String],
    pub rota: Option<&'a str>,
}

/// Everything read from the inputs.
pub struct Inputs {
    pub map: ColumnMap,
    pub staff: staff::Staff,
    pub cases: cases::Cases,
    pub names: Names,
    pub availability: Availability,
    pub rota: Rota,
    pub routing: Routing,
    /// What reading them found to say.
    pub warnings: Vec<Warning>,
}

impl Inputs {
    pub fn read(files: &Files, map: ColumnMap, routing: Routing) -> anyhow::Result<Inputs> {
        let mut names = Names::default();
        let mut warnings: Vec<Warning> = Vec::new();
        let (staff, w) = staff::from_csv(super::open_input(files.staff, "staff", &map, "staff_id")?, &mut names)?;
        warnings.extend(w);
        let f = super::open_input(files.cases, "cases", &map, "case_id")?;
        let (cases, w) = cases::read(f, files.cases, &map, &staff, &mut names)?;
        warnings.extend(w);
        let away = read_availability(files.availability, &map, &staff, &mut warnings)?;
        let rota = match files.rota {
            Some(path) => {
                let (r, w) = rota::from_csv(CsvFile::open(path, "rota", &map)?, &staff, &mut names)?;
                warnings.extend(w);
                r
            }
            None => Rota::default(),
        };
        let availability = Availability::new(away);
        Ok(Inputs { map, staff, cases, names, availability, rota, routing, warnings })
    }

    /// The router over these inputs, on `calendar`'s working days.
    pub fn router<'a>(&'a self, calendar: &'a Calendar) -> Router<'a> {
        Router::new(&self.staff, &self.cases, &self.availability, &self.rota, &self.routing, calendar)
    }
}

/// Who is away, from each file in turn: an `.ics` export by its name, else a CSV.
fn read_availability(
    paths: &[String],
    map: &ColumnMap,
    staff: &staff::Staff,
    warnings: &mut Vec<Warning>,
) -> anyhow::Result<Vec<Away>> {
    let mut away: Vec<Away> = Vec::new();
    for path in paths {
        let (a, w) = if path.to_ascii_lowercase().ends_with(".ics") {
            let text = read_ics_text(path, warnings)?;
            availability::ics::parse(path, &text, staff)?
        } else {
            availability::from_csv(CsvFile::open(path, "availability", map)?, staff)?
        };
        away.extend(a);
        warnings.extend(w);
    }
    Ok(away)
}

/// A calendar export's text: UTF-8, or else (with a warning) Windows-1252.
fn read_ics_text(path: &str, warnings: &mut Vec<Warning>) -> Result<String, InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::file(path, format!("cannot be read: {}", crate::error::io_reason(&e))))?;
    Ok(match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(Warning::file(path, "not UTF-8; read as Windows-1252"));
            encoding_rs::WINDOWS_1252.decode(e.as_bytes()).0.into_owned()
        }
    })
}

/// The concerns to route, as the command line names them.
pub enum Asked<'a> {
    /// One call about a case, at `at` ("YYYY-MM-DD HH:MM", or HH:MM today).
    One { case_id: &'a str, at: Option<&'a str> },
    /// A CSV of concerns: case_id, received_at, and optionally urgent and via.
    File(&'a str),
}

/// What a call is when it does not say.
pub struct Defaults {
    pub today: NaiveDate,
    /// The clock's minute; `None` when the day is fixed (`--today`), and a
    /// call then comes at the start of that working day.
    pub now: Option<NaiveDateTime>,
    pub urgent: bool,
    pub via: Via,
}

/// The calls to route, each with its line in a concerns file.
pub struct Calls {
    pub list: Vec<(Option<u64>, Call)>,
    /// From a file of concerns (which the table and summary show as such).
    pub many: bool,
    pub warnings: Vec<Warning>,
}

/// The calls `asked` names.
pub fn calls(i: &Inputs, asked: &Asked, d: &Defaults) -> anyhow::Result<Calls> {
    match asked {
        Asked::One { case_id, at } => {
            let at = match at {
                Some(s) => parse_at(s, d.today).map_err(|e| UsageError(format!("--at {e}")))?,
                None => d.now.unwrap_or_else(|| NaiveDateTime::new(d.today, i.routing.start)),
            };
            let case = find_case(&i.cases, case_id)?;
            let list = vec![(None, Call { case, at, urgent: d.urgent, via: d.via })];
            Ok(Calls { list, many: false, warnings: Vec::new() })
        }
        Asked::File(path) => read_concerns(path, i, d),
    }
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

fn read_concerns(path: &str, i: &Inputs, d: &Defaults) -> anyhow::Result<Calls> {
    let mut f = CsvFile::open(path, "concerns", &i.map)?;
    let c_case = f.require("case_id")?;
    let c_at = f.require("received_at")?;
    let c_urgent = f.column("urgent")?;
    let c_via = f.column("via")?;
    let mut list = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_case)?;
        let case = i
            .cases
            .get(&id)
            .ok_or_else(|| row.error(c_case, format!("case '{id}' is not in the cases file; check the case id")))?;
        let raw = row.required(c_at)?;
        let at = parse_at(&raw, d.today).map_err(|e| row.error(c_at, format!("'received_at': {e}")))?;
        let urgent = row.flag(c_urgent, d.urgent)?;
        let via = match c_via.map(|c| (c, row.text(c))) {
            Some((c, v)) if !v.is_empty() => match crate::words::normalise(&v).as_str() {
                "admin" => Via::Admin,
                "contact_service" | "compass" => Via::ContactService,
                _ => return Err(row.error(c, format!("'via': '{v}' is neither admin nor contact-service")).into()),
            },
            _ => d.via,
        };
        list.push((Some(row.line()), Call { case, at, urgent, via }));
    }
    // A concerns file with no rows says so here (and fails under --strict).
    Ok(Calls { list, many: true, warnings: f.notes().warnings() })
}

/// Each call and its route (or why this procedure does not route it).
pub struct Routed<'a> {
    inputs: &'a Inputs,
    pub routes: Vec<(Option<u64>, Call, Result<Route, NotRouted>)>,
    many: bool,
}

/// Routes each call.
pub fn route<'a>(inputs: &'a Inputs, router: &Router, calls: Calls) -> Routed<'a> {
    let routes = calls.list.into_iter().map(|(line, call)| (line, call, router.route(call))).collect();
    Routed { inputs, routes, many: calls.many }
}

impl Routed<'_> {
    /// The calls that reached nobody: nobody on the chain was in, or the case
    /// is closed with no open sibling.
    pub fn exhausted(&self) -> usize {
        self.routes.iter().filter(|(_, _, r)| r.as_ref().is_ok_and(|r| r.reached.is_none()) || r.is_err()).count()
    }

    /// For a file of concerns, the run in a line.
    pub fn line(&self) -> Option<String> {
        self.many.then(|| {
            format!(
                "{} routed; {} reached nobody on the chain",
                crate::words::count(self.routes.len(), "concern", "concerns"),
                self.exhausted()
            )
        })
    }
}
