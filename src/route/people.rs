//! Who is who for a case (the responsible team and service managers, the
//! covering manager, the duty worker), and the walk down the chain.

use super::hours::{Hours, presence};
use super::policy::Routing;
use super::{Action, Call, Missing, NotRouted, Presence, Recipient, Role, Route, Step, Via, Who};
use crate::calendar::Calendar;
use crate::model::FastMap;
use crate::model::availability::Availability;
use crate::model::cases::{Allocation, Cases};
use crate::model::rota::Rota;
use crate::model::staff::Staff;
use chrono::{NaiveDate, NaiveDateTime};

/// Everything routing needs, with the lookups built once, so that a file of
/// concerns or a year of coverage does not rebuild them per call.
pub struct Router<'a> {
    pub staff: &'a Staff,
    pub cases: &'a Cases,
    pub availability: &'a Availability,
    pub rota: &'a Rota,
    pub routing: &'a Routing,
    pub hours: Hours<'a>,
    /// Each member's nearest team manager and service manager above them.
    team_manager: Vec<Option<u32>>,
    service_manager: Vec<Option<u32>>,
    /// Active team managers by team, in staff-id order.
    managers_by_team: FastMap<u32, Vec<u32>>,
    /// Every active team manager, and service manager, in staff-id order.
    pub(super) team_managers: Vec<u32>,
    service_managers: Vec<u32>,
    /// Cases by family id, for siblings.
    families: FastMap<&'a str, Vec<u32>>,
}

impl<'a> Router<'a> {
    pub fn new(
        staff: &'a Staff,
        cases: &'a Cases,
        availability: &'a Availability,
        rota: &'a Rota,
        routing: &'a Routing,
        calendar: &'a Calendar,
    ) -> Router<'a> {
        let tm = staff.nearest(|m| m.active && routing.is_team_manager(&m.role));
        let sm = staff.nearest(|m| m.active && routing.is_service_manager(&m.role));
        let n = staff.members.len() as u32;
        let by_id = |mut v: Vec<u32>| {
            v.sort_by(|&a, &b| staff.member(a).id.cmp(&staff.member(b).id));
            v
        };
        let active_in = |is: &dyn Fn(&str) -> bool| {
            by_id((0..n).filter(|&i| staff.member(i).active && is(&staff.member(i).role)).collect())
        };
        let team_managers = active_in(&|r| routing.is_team_manager(r));
        let service_managers = active_in(&|r| routing.is_service_manager(r));
        let mut managers_by_team: FastMap<u32, Vec<u32>> = FastMap::default();
        for &m in &team_managers {
            managers_by_team.entry(staff.member(m).team).or_default().push(m);
        }
        let mut families: FastMap<&str, Vec<u32>> = FastMap::default();
        for c in 0..cases.list.len() as u32 {
            if let Some(f) = cases.family(c) {
                families.entry(f).or_default().push(c);
            }
        }
        Router {
            staff,
            cases,
            availability,
            rota,
            routing,
            hours: Hours { calendar, start: routing.start, end: routing.end },
            team_manager: (0..n).map(|i| tm.above(i)).collect(),
            service_manager: (0..n).map(|i| sm.above(i)).collect(),
            managers_by_team,
            team_managers,
            service_managers,
            families,
        }
    }

    pub fn presence(&self, i: u32, t: NaiveDateTime) -> Presence {
        presence(self.staff.member(i), i, t, self.availability, self.hours)
    }

    /// Open on `day`: opened by then (or no date given) and not closed by then.
    pub fn is_open(&self, case: u32, day: NaiveDate) -> bool {
        self.open_between(case, day, day)
    }

    /// Open on some day from `from` to `to`: opened by `to`, and not closed
    /// by `from`.
    pub fn open_between(&self, case: u32, from: NaiveDate, to: NaiveDate) -> bool {
        let c = &self.cases.list[case as usize];
        let closed = match c.closed_on {
            Some(d) => d <= from,
            None => c.closed,
        };
        !closed && c.opened.is_none_or(|o| o <= to)
    }

    /// The case's team: as given on the case, else its worker's.
    pub fn team_of(&self, case: u32) -> Option<u32> {
        let c = &self.cases.list[case as usize];
        c.team.or(match c.worker {
            Allocation::Worker(w) => Some(self.staff.member(w).team),
            _ => None,
        })
    }

    fn area_of(&self, case: u32) -> Option<u32> {
        let c = &self.cases.list[case as usize];
        c.area.or(match c.worker {
            Allocation::Worker(w) => Some(self.staff.member(w).area),
            _ => None,
        })
    }

    /// The team manager responsible for a case: the nearest above its worker,
    /// else the first (by staff id) of its team's.
    pub fn team_manager(&self, case: u32) -> Option<u32> {
        let above = match self.cases.list[case as usize].worker {
            Allocation::Worker(w) => self.team_manager[w as usize],
            _ => None,
        };
        above.or_else(|| self.team_of(case).and_then(|t| self.managers_by_team.get(&t)?.first().copied()))
    }

    /// The responsible service manager: the nearest above the worker, else
    /// above the team manager.
    fn service_manager(&self, case: u32) -> Option<u32> {
        let above = match self.cases.list[case as usize].worker {
            Allocation::Worker(w) => self.service_manager[w as usize],
            _ => None,
        };
        above.or_else(|| self.team_manager(case).and_then(|tm| self.service_manager[tm as usize]))
    }

    /// The team managers each team's calls fall to: its own, and the
    /// nearest above each of its active members; each list sorted, once.
    pub fn team_managers_by_team(&self) -> FastMap<u32, Vec<u32>> {
        let mut out = self.managers_by_team.clone();
        for (i, m) in self.staff.members.iter().enumerate() {
            if let (true, false, Some(tm)) = (m.active, self.routing.is_team_manager(&m.role), self.team_manager[i]) {
                out.entry(m.team).or_default().push(tm);
            }
        }
        for list in out.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        out
    }

    /// Who covers `tm` for `team` on `day`: the rota's covering manager,
    /// else the staff file's.
    pub fn covering(&self, tm: Option<u32>, team: Option<u32>, day: NaiveDate) -> Option<u32> {
        let rota = team.and_then(|t| self.rota.on(day, t)).and_then(|d| d.covering);
        rota.or_else(|| tm.and_then(|m| self.staff.member(m).covering))
    }

    /// The duty worker on the rota for `team` on `day`.
    pub fn duty(&self, team: Option<u32>, day: NaiveDate) -> Result<u32, Missing> {
        if !self.rota.given {
            return Err(Missing::NoRota);
        }
        team.and_then(|t| self.rota.on(day, t)).and_then(|d| d.worker).ok_or(Missing::NotOnRota)
    }

    /// The case a concern about `case` is routed as: the case itself if open
    /// on `day`; for a closed case, the most recently opened open case of a
    /// sibling, with the other siblings' open cases.
    fn routed_case(&self, case: u32, day: NaiveDate) -> Result<(u32, Vec<u32>), NotRouted> {
        if self.is_open(case, day) {
            return Ok((case, Vec::new()));
        }
        let family = self.cases.family(case).ok_or(NotRouted::Closed)?;
        let mut open: Vec<u32> =
            self.families[family].iter().copied().filter(|&c| c != case && self.is_open(c, day)).collect();
        // Most recently opened first; an unknown opening date counts as oldest;
        // then by case id, so the answer does not depend on row order.
        open.sort_by(|&a, &b| {
            let (ca, cb) = (&self.cases.list[a as usize], &self.cases.list[b as usize]);
            cb.opened.cmp(&ca.opened).then_with(|| self.cases.id(a).cmp(self.cases.id(b)))
        });
        let (&first, rest) = open.split_first().ok_or(NotRouted::Closed)?;
        let mut others = rest.to_vec();
        others.sort_by(|&a, &b| self.cases.id(a).cmp(self.cases.id(b)));
        Ok((first, others))
    }

    /// Routes one concern.
    pub fn route(&self, call: Call) -> Result<Route, NotRouted> {
        let t = self.hours.next_open(call.at);
        let (case, other_siblings) = self.routed_case(call.case, t.date())?;
        let team = self.team_of(case);
        let staff_step = |action, recipient, role, i: u32| Step {
            action,
            recipient,
            role,
            who: Who::Staff(i, self.presence(i, t)),
            passed_over: Vec::new(),
        };
        let worker = match &self.cases.list[case as usize].worker {
            Allocation::Worker(w) => Who::Staff(*w, self.presence(*w, t)),
            Allocation::Unknown(id) => Who::NotInStaff(id.clone()),
            Allocation::Unallocated => Who::Nobody(Missing::Unallocated),
        };
        let tm = self.team_manager(case);
        let cover = self.covering(tm, team, t.date()).filter(|&c| Some(c) != tm);
        let person = |action, recipient, role, i: Option<u32>, missing| match i {
            Some(i) => staff_step(action, recipient, role, i),
            None => Step { action, recipient, role, who: Who::Nobody(missing), passed_over: Vec::new() },
        };
        let tm_in = tm.is_some_and(|m| self.presence(m, t).available());
        let mut steps = Vec::new();
        match call.via {
            Via::ContactService => {
                let step = |who| Step {
                    action: Action::Alert,
                    recipient: Recipient::To,
                    role: Role::AllocatedWorker,
                    who,
                    passed_over: Vec::new(),
                };
                steps.push(step(worker));
                steps.push(Step { role: Role::WorkTray, recipient: Recipient::Tray, ..step(Who::Tray) });
                steps.push(person(Action::Alert, Recipient::To, Role::TeamManager, tm, Missing::NoTeamManager));
                if !tm_in {
                    steps.push(person(Action::Alert, Recipient::Tray, Role::CoveringManager, cover, Missing::NoCover));
                }
            }
            Via::Admin => {
                let worker_in = worker.available();
                steps.push(Step {
                    action: Action::Transfer,
                    recipient: Recipient::To,
                    role: Role::AllocatedWorker,
                    who: worker.clone(),
                    passed_over: Vec::new(),
                });
                if !worker_in && !call.urgent {
                    // The message: to the worker (or, with no worker to
                    // write to, the team manager), copied to the team
                    // manager, or the covering manager when they are away.
                    if let Who::Staff(w, p) = worker
                        && p != Presence::Inactive
                    {
                        steps.push(staff_step(Action::Message, Recipient::To, Role::AllocatedWorker, w));
                        match (tm_in, cover) {
                            (false, Some(c)) => {
                                steps.push(staff_step(Action::Message, Recipient::Cc, Role::CoveringManager, c))
                            }
                            _ => steps.push(person(
                                Action::Message,
                                Recipient::Cc,
                                Role::TeamManager,
                                tm,
                                Missing::NoTeamManager,
                            )),
                        }
                    } else {
                        steps.push(person(
                            Action::Message,
                            Recipient::To,
                            Role::TeamManager,
                            tm,
                            Missing::NoTeamManager,
                        ));
                        if let (false, Some(c)) = (tm_in, cover) {
                            steps.push(staff_step(Action::Message, Recipient::Cc, Role::CoveringManager, c));
                        }
                    }
                } else if !worker_in {
                    self.escalate(case, team, tm, cover, t, &mut steps);
                }
            }
        }
        let reached = match call.via {
            // A message always goes: it is taken by its first recipient.
            Via::Admin if !call.urgent && !steps[0].who.available() => {
                steps.iter().position(|s| s.action == Action::Message && !matches!(s.who, Who::Nobody(_)))
            }
            _ => steps.iter().position(|s| s.who.available()),
        };
        Ok(Route { asked: call.case, case, other_siblings, team, at: call.at, routed_for: t, steps, reached })
    }

    /// The urgent chain after the worker, down to the first person in.
    fn escalate(
        &self,
        case: u32,
        team: Option<u32>,
        tm: Option<u32>,
        cover: Option<u32>,
        t: NaiveDateTime,
        steps: &mut Vec<Step>,
    ) {
        let mut tried: Vec<u32> = steps
            .iter()
            .filter_map(|s| match s.who {
                Who::Staff(i, _) => Some(i),
                _ => None,
            })
            .collect();
        let area = self.area_of(case);
        for &role in &self.routing.policy.chain {
            let named = |i: Option<u32>, missing| i.ok_or(missing);
            let one = match role {
                // Not in a parsed policy's chain.
                Role::AllocatedWorker | Role::WorkTray => continue,
                Role::DutyWorker => self.duty(team, t.date()),
                Role::TeamManager => named(tm, Missing::NoTeamManager),
                Role::CoveringManager => named(cover, Missing::NoCover),
                Role::ServiceManager => named(self.service_manager(case), Missing::NoServiceManager),
                Role::AnyTeamManager | Role::AnyServiceManager => {
                    let pool = if role == Role::AnyTeamManager { &self.team_managers } else { &self.service_managers };
                    // The case's area first, then by staff id.
                    let mut order: Vec<u32> = pool.iter().copied().filter(|i| !tried.contains(i)).collect();
                    order.sort_by_key(|&i| area != Some(self.staff.member(i).area));
                    let mut passed = Vec::new();
                    let mut found = None;
                    for i in order {
                        let p = self.presence(i, t);
                        if p.available() {
                            found = Some(i);
                            break;
                        }
                        passed.push((i, p));
                    }
                    tried.extend(passed.iter().map(|p| p.0));
                    let who = match found {
                        Some(i) => Who::Staff(i, Presence::Available),
                        None => Who::Nobody(Missing::NoOneElse),
                    };
                    steps.push(Step {
                        action: Action::Transfer,
                        recipient: Recipient::To,
                        role,
                        who,
                        passed_over: passed,
                    });
                    if let Some(i) = found {
                        tried.push(i);
                        return;
                    }
                    continue;
                }
            };
            // Someone tried at an earlier step (the worker on duty, say) is
            // shown again, so the chain reads as the procedure does.
            let who = match one {
                Ok(i) => {
                    tried.push(i);
                    Who::Staff(i, self.presence(i, t))
                }
                Err(missing) => Who::Nobody(missing),
            };
            let done = who.available();
            steps.push(Step { action: Action::Transfer, recipient: Recipient::To, role, who, passed_over: Vec::new() });
            if done {
                return;
            }
        }
    }
}
