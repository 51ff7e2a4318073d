//! The join: each table's rows become events on a child's case, reached
//! through a person id, or through a looked-after episode for reviews and
//! visits; professionals and involvements give the team and worker.

use super::tables::JOINED;
use super::{RowView, code, yes};
use crate::model::FastMap;
use crate::model::cases::{Involvement, current};
use crate::model::event_kind::EventKind;
use crate::model::events::{CareEpisode, Case, Event, Pending, case_order};
use crate::words::normalise;
use EventKind as E;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// What the rows read so far say.
#[derive(Default)]
pub(super) struct State {
    day: NaiveDate,
    /// Hashed while reading (a lookup per row), sorted by id at the end.
    children: FastMap<String, Case>,
    /// Professional id → (name, job title).
    professionals: FastMap<String, (Option<String>, Option<String>)>,
    /// Looked-after episode ids and CLA ids → the child (looked up by `&str`,
    /// once per review or visit row).
    episode_child: FastMap<String, String>,
    cla_child: FastMap<String, String>,
    involvements: BTreeMap<String, Vec<Involvement>>,
    /// Care leavers' team and worker, used when no involvement is open.
    leaver_allocation: BTreeMap<String, (Option<String>, Option<String>)>,
    on_plan: BTreeSet<String>,
    /// Rows of reviews and visits whose episode id matched no episode.
    pub(super) unjoined: usize,
}

impl State {
    pub(super) fn new(day: NaiveDate) -> State {
        State { day, ..State::default() }
    }

    fn push(&mut self, person: &str, event: EventKind, date: NaiveDate, line: u64) {
        self.push_event(person, event, date, line, |_| {});
    }

    /// The child's case, made on first sight.
    fn child(&mut self, person: &str) -> &mut Case {
        if !self.children.contains_key(person) {
            self.children.insert(person.to_string(), Case { id: Rc::from(person), ..Case::default() });
        }
        self.children.get_mut(person).expect("just inserted")
    }

    fn push_event(&mut self, person: &str, event: EventKind, date: NaiveDate, line: u64, f: impl Fn(&mut Event)) {
        let mut e = Event::new(event, date, line);
        f(&mut e);
        self.child(person).events.push(e);
    }

    /// A review row: held (an event, with the due date the system recorded for
    /// it), or scheduled and not yet held (only its recorded due date).
    fn review(&mut self, person: &str, event: EventKind, r: &RowView) {
        let due = r.date("due");
        match r.date("review") {
            Some(d) => self.push_event(person, event, d, r.line, |e| e.recorded_due = due),
            None => {
                if let Some(due) = due {
                    self.child(person).pending.push(Pending { event, recorded_due: due });
                }
            }
        }
    }

    /// Takes one row of an SSD table: the staff tables into the professionals
    /// and involvements, every other into the events of the child it is about.
    pub(super) fn take(&mut self, r: &RowView) {
        if self.take_staff(r) {
            return;
        }
        let Some(person) = self.person_of(r) else { return };
        if !self.take_cin_cp(&person, r) {
            self.take_cla(person, r);
        }
    }

    /// `ssd_professionals` and `ssd_involvements`: who works with whom.
    fn take_staff(&mut self, r: &RowView) -> bool {
        match r.spec.handler {
            "ssd_professionals" => {
                if let Some(w) = r.text("worker") {
                    let v = (r.text("name").map(String::from), r.text("role").map(String::from));
                    self.professionals.insert(w.to_string(), v);
                }
            }
            "ssd_involvements" => {
                if let (Some(p), Some(w)) = (r.text("person"), r.text("worker")) {
                    self.involvements.entry(p.to_string()).or_default().push(Involvement {
                        worker: w.to_string(),
                        team: r.text("team").unwrap_or("").to_string(),
                        start: r.date("start"),
                        end: r.date("end"),
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// The child a row is about: its person id, or for a table joined through
    /// its episode, the episode's child (a row that names none is counted).
    fn person_of(&mut self, r: &RowView) -> Option<String> {
        match r.text("person") {
            Some(p) => Some(p.to_string()),
            None if JOINED.contains(&r.spec.handler) => {
                let by_episode = r.text("episode").and_then(|id| self.episode_child.get(id));
                let found = by_episode.or_else(|| r.text("cla").and_then(|id| self.cla_child.get(id))).cloned();
                if found.is_none() {
                    self.unjoined += 1;
                }
                found
            }
            None => None,
        }
    }

    /// The person, child in need and child protection tables; `false` for
    /// any other.
    fn take_cin_cp(&mut self, person: &str, r: &RowView) -> bool {
        let (p, line) = (person, r.line);
        match r.spec.handler {
            "ssd_person" => {
                let dob = r.date("dob");
                self.child(p).dob = dob;
            }
            "ssd_cin_episodes" => {
                if let Some(d) = r.date("referral").filter(|_| !yes(r.get("nfa"))) {
                    self.push(p, E::Referral, d, line);
                }
                if let Some(d) = r.date("closed") {
                    self.push(p, E::CaseClosed, d, line);
                }
            }
            "ssd_cin_assessments" => {
                if let Some(d) = r.date("authorised") {
                    self.push(p, E::AssessmentCompleted, d, line);
                }
            }
            "ssd_cin_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, E::CinVisit, d, line);
                }
            }
            "ssd_s47_enquiry" => {
                // A section 47 start is a strategy discussion that started an
                // enquiry: it owes a conference unless the enquiry ended in no
                // further action.
                if let Some(d) = r.date("start") {
                    let nfa = yes(r.get("nfa"));
                    self.push_event(p, E::StrategyDiscussion, d, line, |e| {
                        if nfa {
                            e.details.push("icpcc-unnecessary".to_string());
                        }
                    });
                }
            }
            "ssd_initial_cp_conference" => {
                if let Some(d) = r.date("icpc") {
                    self.push(p, E::Icpcc, d, line);
                }
            }
            "ssd_cp_plans" => {
                // The plan starts at its conference; duplicates are merged in `finish`.
                if let Some(d) = r.date("start") {
                    self.push(p, E::Icpcc, d, line);
                }
                match r.date("end") {
                    Some(d) => self.push(p, E::CpPlanEnded, d, line),
                    None if r.date("start").is_some_and(|s| s <= self.day) => {
                        self.on_plan.insert(person.to_string());
                    }
                    None => {}
                }
            }
            "ssd_cp_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, E::CpVisit, d, line);
                }
            }
            "ssd_cp_reviews" => self.review(p, E::Rcpcc, r),
            _ => return false,
        }
        true
    }

    /// The looked-after and care-leaver tables.
    fn take_cla(&mut self, person: String, r: &RowView) {
        let (p, line) = (person.as_str(), r.line);
        match r.spec.handler {
            "ssd_cla_episodes" => {
                if let Some(id) = r.text("episode") {
                    self.episode_child.insert(id.to_string(), person.clone());
                }
                if let Some(id) = r.text("cla") {
                    self.cla_child.insert(id.to_string(), person.clone());
                }
                // S starts care; P/T/B/U move placement; L (legal status only)
                // neither. An episode ending for any reason but X1 (a new
                // episode the same day) ends care.
                let reason = r.text("reason").map(code).unwrap_or_default();
                if let Some(start) = r.date("start") {
                    let episode = CareEpisode { start, end: r.date("ceased"), reason: reason.clone() };
                    self.child(p).care.push(episode);
                    match reason.as_str() {
                        "S" => self.push(p, E::BecameLookedAfter, start, line),
                        "P" | "T" | "B" | "U" => self.push(p, E::PlacementMove, start, line),
                        _ => {}
                    }
                }
                if let Some(ceased) = r.date("ceased")
                    && r.text("ceased_reason").map(code).as_deref() != Some("X1")
                {
                    self.push(p, E::CeasedLookedAfter, ceased, line);
                }
            }
            "ssd_cla_reviews" if !yes(r.get("cancelled")) => self.review(p, E::ClaReview, r),
            "ssd_cla_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, E::ClaVisit, d, line);
                }
            }
            "ssd_cla_health" => {
                let kind = r.text("kind").unwrap_or("").to_ascii_lowercase();
                let event = if kind.contains("dental") {
                    Some(E::DentalCheck)
                } else if kind.contains("health") || kind.contains("medical") {
                    Some(E::HealthAssessment)
                } else {
                    None
                };
                if let (Some(e), Some(d)) = (event, r.date("check")) {
                    self.push(p, e, d, line);
                }
            }
            "ssd_care_leavers" => {
                // One row per care leaver: the latest contact and pathway plan
                // review, not every one (snapshots).
                if let Some(d) = r.date("contact") {
                    self.push_event(p, E::CareLeaverContact, d, line, |e| e.latest = true);
                }
                if let Some(d) = r.date("pathway") {
                    self.push_event(p, E::PathwayPlanReview, d, line, |e| e.latest = true);
                }
                let allocation = (r.text("team").map(String::from), r.text("worker").map(String::from));
                self.leaver_allocation.insert(person, allocation);
            }
            _ => {}
        }
    }

    /// Each child's events in date order, same-day duplicates merged (an ICPC
    /// and the plan it started), with date of birth, the `cp` detail for a
    /// child on a plan, and team and worker.
    pub(super) fn finish(mut self, caseworker: &dyn Fn(&str) -> bool) -> Vec<Case> {
        let holds_cases = |i: &Involvement| {
            self.professionals.get(&i.worker).and_then(|p| p.1.as_deref()).is_some_and(|r| caseworker(&normalise(r)))
        };
        for (p, list) in &self.involvements {
            let Some(child) = self.children.get_mut(p) else { continue };
            if let Some(i) = current(list, self.day, holds_cases) {
                let inv = &list[i];
                let name = self.professionals.get(&inv.worker).and_then(|p| p.0.clone());
                child.worker = Some(name.unwrap_or_else(|| inv.worker.clone()));
                child.team = Some(inv.team.clone()).filter(|t| !t.is_empty());
            }
        }
        for (p, (team, worker)) in std::mem::take(&mut self.leaver_allocation) {
            if let Some(child) = self.children.get_mut(&p)
                && child.team.is_none()
                && child.worker.is_none()
            {
                child.team = team;
                child.worker = worker;
            }
        }
        for (id, child) in self.children.iter_mut() {
            // The same event twice on one day is one event (an ICPC and the
            // plan it started); the tracker puts a day's events in process order.
            child.events.sort_by(|a, b| (a.date, &a.event, a.line).cmp(&(b.date, &b.event, b.line)));
            child.events.dedup_by(|later, kept| {
                let same = later.date == kept.date && later.event == kept.event;
                if same {
                    kept.recorded_due = kept.recorded_due.or(later.recorded_due);
                }
                same
            });
            let on_plan = self.on_plan.contains(id);
            for e in &mut child.events {
                e.dob = child.dob;
                if on_plan {
                    e.details.push("cp".to_string());
                }
            }
        }
        let mut cases: Vec<Case> = self.children.into_values().collect();
        cases.sort_by(|a, b| case_order(&a.id, &b.id));
        cases
    }
}
