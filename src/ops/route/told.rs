//! What `route` tells the admin at the phone on stderr, a line a call: who
//! takes it, or why nobody does; for a file of concerns, only the calls that
//! reached nobody.

use super::tables::day_and_time;
use super::{Inputs, Routed};
use crate::error::Warning;
use crate::route::{Action, Call, NotRouted, Presence, Route, Via, Who};

/// A line for stderr: a summary (which `--quiet` holds back), or a note.
pub enum Told {
    Summary(String),
    Note(Warning),
}

impl Routed<'_> {
    /// What the routes say, in the calls' order.
    pub fn told(&self) -> Vec<Told> {
        let mut out = Vec::new();
        for (line, call, routed) in &self.routes {
            match routed {
                Ok(route) if !self.many || route.reached.is_none() => tell(self.inputs, route, *call, *line, &mut out),
                Ok(_) => {}
                Err(NotRouted::Closed) => {
                    let where_ = line.map(|l| format!("line {l}: ")).unwrap_or_default();
                    out.push(Told::Summary(format!(
                        "{where_}case {} is closed and no sibling's case is open on {}: this procedure is for open \
                         cases; pass the concern to the front door as a new contact",
                        self.inputs.cases.id(call.case),
                        call.at.date()
                    )));
                }
            }
        }
        out
    }
}

/// The one-line summary of a route, for the admin at the phone, after any
/// note on the hours or the sibling it is routed as.
fn tell(i: &Inputs, route: &Route, call: Call, line: Option<u64>, out: &mut Vec<Told>) {
    let at = line.map(|l| format!("line {l}: ")).unwrap_or_default();
    let case = i.cases.id(route.asked);
    if route.out_of_hours() {
        out.push(Told::Summary(format!(
            "{at}note: {} is outside working hours ({}–{} on working days); routed for {}. An emergency out of hours \
             goes to the out-of-hours service, which this procedure does not cover",
            day_and_time(route.at),
            i.routing.start.format("%H:%M"),
            i.routing.end.format("%H:%M"),
            day_and_time(route.routed_for)
        )));
    }
    if route.case != route.asked {
        let others: Vec<&str> = route.other_siblings.iter().map(|&c| i.cases.id(c)).collect();
        let also = if others.is_empty() { String::new() } else { format!(" (also open: {})", others.join(", ")) };
        out.push(Told::Summary(format!(
            "{at}note: case {case} is closed; routed as its sibling's open case {}, the most recently opened{also}",
            i.cases.id(route.case)
        )));
    }
    let Some(n) = route.reached else {
        out.push(Told::Summary(format!("{at}{case}: nobody on the chain is available")));
        return;
    };
    out.push(Told::Summary(taken(i, route, n, case)));
    if call.urgent && call.via == Via::ContactService {
        out.push(Told::Note(Warning::new("an urgent concern through the contact service is also phoned to the team admin: run with --via admin --urgent").note()));
    }
}

/// Who takes the concern at step `n`, and how.
fn taken(i: &Inputs, route: &Route, n: usize, case: &str) -> String {
    let step = &route.steps[n];
    let who = match &step.who {
        Who::Staff(s, _) => i.staff.member(*s).id.clone(),
        _ => String::new(),
    };
    match step.action {
        Action::Transfer => format!("{case}: put the call through to {who} ({})", step.role.word().replace('-', " ")),
        Action::Message => {
            let back = match route.steps.first().map(|s| &s.who) {
                Some(Who::Staff(_, Presence::Away { back: Some(b), .. })) => format!("back {}", day_and_time(*b)),
                _ => "back not known".into(),
            };
            format!(
                "{case}: the worker is away ({back}); take a message for {who}. If it cannot wait, run again with --urgent"
            )
        }
        Action::Alert => format!("{case}: alerts raised; {who} is in to see them"),
    }
}
