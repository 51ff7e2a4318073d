//! Routes as the table `route` shows: one row a step, with a file of
//! concerns led by the call's case and times; with `--explain`, who each step
//! passed over.

use super::{Inputs, Routed};
use crate::io::output::{Cell, Section};
use crate::route::{Action, Missing, Presence, Recipient, Role, Route, Step, Who};
use chrono::{NaiveDate, NaiveDateTime};

const COLUMNS: [&str; 12] = [
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
];

impl Routed<'_> {
    /// Every step of every route, in the calls' order.
    pub fn table(&self, explain: bool) -> Section {
        let mut columns: Vec<String> = Vec::new();
        if self.many {
            columns.extend(["case_id", "received_at", "routed_for"].map(String::from));
        }
        columns.extend(COLUMNS.map(String::from));
        if explain {
            columns.push("passed_over".into());
        }
        let mut rows = Vec::new();
        for (_, call, routed) in &self.routes {
            let Ok(route) = routed else { continue };
            for (n, step) in route.steps.iter().enumerate() {
                let mut row = Vec::new();
                if self.many {
                    row.push(Cell::text(self.inputs.cases.id(call.case)));
                    row.push(Cell::text(moment(call.at)));
                    row.push(Cell::text(moment(route.routed_for)));
                }
                row.extend(step_cells(self.inputs, route, n, step, explain));
                rows.push(row);
            }
        }
        Section { name: "route", title: "Route", columns, rows }
    }
}

pub(super) fn moment(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

pub(super) fn day_and_time(t: NaiveDateTime) -> String {
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

/// What the step asks the admin to do.
fn what(step: &Step) -> &'static str {
    match (step.action, step.role) {
        (Action::Message, _) if step.recipient == Recipient::To => "email the caller's message",
        (Action::Message, _) => "copy them into the message",
        (_, Role::WorkTray) => "the team's work tray",
        (Action::Alert, Role::CoveringManager) => "watches the work tray while the team manager is away",
        (Action::Alert, _) => "alert on the case",
        _ => "put the call through",
    }
}

/// Who a step is for, as cells and words: (staff_id, available, back,
/// status, email, name).
fn who_cells(i: &Inputs, route: &Route, step: &Step, team: &str) -> (Cell, Cell, Cell, String, String, String) {
    match &step.who {
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
        Who::Tray => (Cell::Empty, Cell::Empty, Cell::Empty, team.to_string(), String::new(), String::new()),
        Who::Nobody(m) => (
            Cell::Empty,
            Cell::Bool(false),
            Cell::Empty,
            missing_words(*m, team, route.routed_for.date()),
            String::new(),
            String::new(),
        ),
    }
}

fn step_cells(i: &Inputs, route: &Route, n: usize, step: &Step, explain: bool) -> Vec<Cell> {
    let team = route.team.map(|t| i.names.show(t).to_string()).unwrap_or_default();
    let (staff_id, available, back, status, email, name) = who_cells(i, route, step, &team);
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
        Cell::text(format!("{}; {status}{taken}", what(step))),
        Cell::Static(step.recipient.word()),
        Cell::text(email),
        Cell::text(name),
        Cell::text(i.cases.id(route.case)),
    ];
    if explain {
        row.push(Cell::text(passed_over(i, route, n, step)));
    }
    row
}

/// The step that takes the concern lists everyone passed over before it; an
/// "any" step, whom it tried first.
fn passed_over(i: &Inputs, route: &Route, n: usize, step: &Step) -> String {
    let steps = if route.reached == Some(n) { &route.steps[..=n] } else { std::slice::from_ref(step) };
    let said =
        |id: u32, role: Role, p: Presence| format!("{} ({}) {}", i.staff.member(id).id, role.word(), presence_words(p));
    let mut passed: Vec<String> = Vec::new();
    for s in steps {
        passed.extend(s.passed_over.iter().map(|&(id, p)| said(id, s.role, p)));
        if let (Who::Staff(id, p), false) = (&s.who, std::ptr::eq(s, step)) {
            passed.push(said(*id, s.role, *p));
        }
    }
    passed.join("; ")
}
