//! `route --coverage`: for every team and working day in a range, the times
//! when an urgent call would not reach the people the procedure puts first.
//! Teams run it before the week starts, to arrange cover while there is time.
//!
//! Three kinds of gap, each a stretch of working hours on one day:
//! - `no-duty-worker`: the rota names no duty worker for the team that day, or
//!   the one it names is away (checked only when a rota is given);
//! - `no-manager-cover`: the team's team managers and their covering manager
//!   are all away (or no covering manager is named);
//! - `service-manager-only`: both of those, and every other team manager is
//!   away too, so an urgent call reaches nobody below service manager.

use super::Router;
use super::hours::Times;
use crate::model::availability::Absence;
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GapKind {
    NoDutyWorker,
    NoManagerCover,
    ServiceManagerOnly,
}

impl GapKind {
    pub fn word(self) -> &'static str {
        match self {
            GapKind::NoDutyWorker => "no-duty-worker",
            GapKind::NoManagerCover => "no-manager-cover",
            GapKind::ServiceManagerOnly => "service-manager-only",
        }
    }
}

/// Why someone the team relies on is not there for a gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Out {
    Away(u32, Option<Absence>),
    Inactive(u32),
    /// The rota names no duty worker that day.
    NotOnRota,
    /// No covering manager is named.
    NoCover,
    NoTeamManager,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub team: u32,
    pub day: NaiveDate,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub kind: GapKind,
    /// Who the team would have relied on, and why each is not there.
    pub out: Vec<Out>,
}

/// The gaps for `teams` on every working day from `from` to `to`, by team
/// (in the order given), then day, then kind.
pub fn coverage(r: &Router, teams: &[u32], from: NaiveDate, to: NaiveDate) -> Vec<Gap> {
    let days = working_days(r.hours.calendar, from, to);
    let mut gaps = Vec::new();
    let by_team = r.team_managers_by_team();
    for &team in teams {
        let managers = by_team.get(&team).map_or(&[][..], Vec::as_slice);
        for &day in &days {
            team_day(r, team, managers, day, &mut gaps);
        }
    }
    gaps
}

/// The working days from `from` to `to`, both included.
pub fn working_days(calendar: &crate::calendar::Calendar, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).filter(|d| calendar.is_working_day(*d)).collect()
}

fn team_day(r: &Router, team: u32, managers: &[u32], day: NaiveDate, gaps: &mut Vec<Gap>) {
    let (start, end) = r.hours.day(day);
    let away = |i: u32| Times::away(r.staff.member(i), i, start, end, r.availability);
    let why = |i: u32, at: NaiveDateTime| {
        let m = r.staff.member(i);
        if !m.active { Out::Inactive(i) } else { Out::Away(i, r.availability.away_at(i, at).map(|a| a.kind)) }
    };
    let mut push = |kind, times: &Times, out: &dyn Fn(NaiveDateTime) -> Vec<Out>| {
        for &(from, to) in &times.0 {
            gaps.push(Gap { team, day, from, to, kind, out: out(from) });
        }
    };
    // The duty worker.
    let duty = if r.rota.given {
        Some(match r.duty(Some(team), day) {
            Ok(i) => (away(i), Some(i)),
            Err(_) => (Times::all(start, end), None),
        })
    } else {
        None
    };
    if let Some((times, who)) = &duty {
        push(GapKind::NoDutyWorker, times, &|at| vec![who.map_or(Out::NotOnRota, |i| why(i, at))]);
    }
    // The team's managers and their cover: the rota's for the day, else each
    // manager's own from the staff file.
    let mut cover: Vec<u32> = match r.rota.on(day, team).and_then(|d| d.covering) {
        Some(c) => vec![c],
        None => managers.iter().filter_map(|&m| r.staff.member(m).covering).collect(),
    };
    cover.retain(|c| !managers.contains(c));
    cover.sort_unstable();
    cover.dedup();
    let mut managers_out = Times::all(start, end);
    for &i in managers.iter().chain(&cover) {
        managers_out = managers_out.and(&away(i));
        if managers_out.is_empty() {
            break;
        }
    }
    let relied_on = |at: NaiveDateTime| {
        let mut out: Vec<Out> = managers.iter().map(|&i| why(i, at)).collect();
        if managers.is_empty() {
            out.push(Out::NoTeamManager);
        }
        out.extend(cover.iter().map(|&i| why(i, at)));
        if cover.is_empty() {
            out.push(Out::NoCover);
        }
        out
    };
    push(GapKind::NoManagerCover, &managers_out, &relied_on);
    // Nobody below service manager: the duty worker, the team's managers and
    // every other team manager all away at once.
    let mut nobody = match &duty {
        Some((times, _)) => managers_out.and(times),
        None => managers_out,
    };
    for &i in &r.team_managers {
        if nobody.is_empty() {
            return;
        }
        if !managers.contains(&i) && !cover.contains(&i) {
            nobody = nobody.and(&away(i));
        }
    }
    let everyone = |at: NaiveDateTime| {
        let mut out = duty.as_ref().map(|(_, w)| vec![w.map_or(Out::NotOnRota, |i| why(i, at))]).unwrap_or_default();
        out.extend(relied_on(at));
        out
    };
    push(GapKind::ServiceManagerOnly, &nobody, &everyone);
}
