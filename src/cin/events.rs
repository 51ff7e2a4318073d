//! Each `CINdetails` episode as a case of events for `due`: the case id is
//! the child's `LAchildID` and the episode its number, so that two episodes
//! of one child never share a chain.
//!
//! | census element | event |
//! |---|---|
//! | `CINreferralDate` | `referral` (none for a referral marked `ReferralNFA`) |
//! | `AssessmentActualStartDate` | `assessment-started` (a local event: no built-in rule times from it) |
//! | `AssessmentAuthorisationDate` | `assessment-completed` |
//! | `CINPlanStartDate`, `CINPlanEndDate` | `cin-plan`, `cin-plan-ended` (local events) |
//! | `S47ActualStartDate` | `strategy-discussion` (with `icpcc-unnecessary` where `ICPCnotRequired`) |
//! | `DateOfInitialCPC` (either level), `CPPstartDate` | `icpcc`, one a day (with `no-plan` where no plan began that day) |
//! | `CPPreviewDate` | `rcpcc` |
//! | `CPPendDate` | `cp-plan-ended` |
//! | `CINclosureDate` | `case-closed` |
//! | `PersonBirthDate` | the date of birth; `birth` after a plan made before it |
//!
//! A conference held before the birth (`ExpectedPersonBirthDate`, or a
//! `PersonBirthDate` after it) is read as `icpcc`, not `pre-birth-icpcc`: it is
//! the conference the enquiry owed (only `icpcc` meets that), and its first
//! review is owed as any other's; the birth then owes a review or core group
//! within 10 days (QA induction: Review Child Protection Conferences).

use crate::model::census::{CensusYear, Child, Dated, Episode};
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Event, Unseen};
use EventKind as E;
use chrono::NaiveDate;
use std::rc::Rc;

/// The events a census records (an obligation only another event could meet,
/// a core group or a visit, is untracked, never overdue).
pub const RECORDABLE: [EventKind; 8] = [
    E::Referral,
    E::AssessmentCompleted,
    E::StrategyDiscussion,
    E::Icpcc,
    E::Birth,
    E::Rcpcc,
    E::CpPlanEnded,
    E::CaseClosed,
];

/// The census's own events, beside the standard ones: a local timescale set
/// may time obligations from them.
pub const EVENT_NAMES: [&str; 3] = ["assessment-started", "cin-plan", "cin-plan-ended"];

/// A child's episodes as cases, in file order. `year` is the census year: the
/// census holds the assessments, conferences and reviews of its year, so what
/// one of them could have met, owed from before the year, is untracked (a
/// plan that began before the year has its earlier reviews outside the file:
/// its first review listed is not taken for its first). A date the episode
/// gives that cannot be read shows nothing: what it could have met or ended
/// is untracked.
pub fn cases(child: &Child, year: Option<CensusYear>) -> Vec<Case> {
    let id: Rc<str> = Rc::from(child.id.as_str());
    let local: [EventKind; 3] = EVENT_NAMES.map(EventKind::from_name);
    child
        .episodes
        .iter()
        .map(|e| {
            let dob = child.birth.map(|d| d.date);
            let mut case = Case { id: Rc::clone(&id), episode: Some(e.number), dob, ..Case::default() };
            case.events = episode_events(child, e, &local);
            for ev in &mut case.events {
                ev.dob = dob;
            }
            case.unseen = unseen(e, year);
            case
        })
        .collect()
}

/// What the episode's data cannot show: the census year's window, and the
/// dates it gives that could not be read.
fn unseen(e: &Episode, year: Option<CensusYear>) -> Vec<Unseen> {
    let mut out = Vec::new();
    if let Some(y) = year {
        for kind in [E::AssessmentCompleted, E::Icpcc, E::Rcpcc] {
            let why = format!("the census holds {kind} dates from {} only (its year)", y.start);
            out.push(Unseen { event: kind, before: y.start, why: why.into() });
        }
    }
    for (element, line) in &e.unreadable {
        let kinds: &[EventKind] = match *element {
            "AssessmentAuthorisationDate" => &[E::AssessmentCompleted],
            "DateOfInitialCPC" | "CPPstartDate" => &[E::Icpcc],
            "CPPreviewDate" => &[E::Rcpcc],
            // An ending that cannot be placed: nothing in the episode can be judged.
            "CINclosureDate" | "CPPendDate" => &RECORDABLE,
            _ => &[],
        };
        for kind in kinds {
            let why = format!("its <{element}> on line {line} could not be read");
            out.push(Unseen { event: kind.clone(), before: NaiveDate::MAX, why: why.into() });
        }
    }
    out
}

fn episode_events(child: &Child, e: &Episode, local: &[EventKind; 3]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    if !e.referral_nfa {
        push_end(&mut out, E::Referral, &e.referral);
    }
    for a in &e.assessments {
        push_end(&mut out, local[0].clone(), &a.start);
        push_end(&mut out, E::AssessmentCompleted, &a.authorised);
    }
    for p in &e.cin_plans {
        push_end(&mut out, local[1].clone(), &p.start);
        push_end(&mut out, local[2].clone(), &p.end);
    }
    for s in &e.section47s {
        if let Some(d) = s.start {
            let mut ev = Event::new(E::StrategyDiscussion, d.date, d.line);
            // QA induction: Initial child protection case conference: owed
            // after an enquiry, unless it found a conference unnecessary.
            if s.icpc_not_required {
                ev.details.push("icpcc-unnecessary".into());
            }
            out.push(ev);
        }
    }
    // The conferences: each enquiry's, the episode's, and the day each plan
    // began (a plan starts at its conference). One a day.
    let mut conferences: Vec<Dated> = e.section47s.iter().filter_map(|s| s.icpc).collect();
    conferences.extend(e.icpc);
    conferences.extend(e.cp_plans.iter().filter_map(|p| p.start));
    conferences.sort();
    conferences.dedup_by_key(|d| d.date);
    let plan_days: Vec<NaiveDate> = e.cp_plans.iter().filter_map(|p| p.start.map(|d| d.date)).collect();
    let born = child.birth.map(|d| d.date);
    let unborn_until = born.or(child.expected_birth.map(|d| d.date));
    let mut birth_listed = false;
    for c in &conferences {
        let pre_birth = unborn_until.is_some_and(|b| c.date < b);
        let mut ev = Event::new(E::Icpcc, c.date, c.line);
        // A conference that started no plan owes no core group and no review.
        if !plan_days.contains(&c.date) {
            ev.details.push("no-plan".into());
        }
        out.push(ev);
        // A plan made before the birth: the birth starts its first review or
        // core group (QA induction: Review Child Protection Conferences).
        if let (true, Some(b)) = (pre_birth && plan_days.contains(&c.date) && !birth_listed, child.birth) {
            out.push(Event::new(E::Birth, b.date, b.line));
            birth_listed = true;
        }
    }
    for p in &e.cp_plans {
        for r in &p.reviews {
            out.push(Event::new(E::Rcpcc, r.date, r.line));
        }
        push_end(&mut out, E::CpPlanEnded, &p.end);
    }
    push_end(&mut out, E::CaseClosed, &e.closure);
    // The same event twice on one day is one event (a plan listed twice).
    out.sort_by(|a, b| (a.date, &a.event, a.line).cmp(&(b.date, &b.event, b.line)));
    out.dedup_by(|later, first| later.date == first.date && later.event == first.event);
    if !e.cp_plans.is_empty() {
        for ev in &mut out {
            ev.details.push("cp".into());
        }
    }
    out
}

fn push_end(out: &mut Vec<Event>, kind: EventKind, d: &Option<Dated>) {
    if let Some(d) = d {
        out.push(Event::new(kind, d.date, d.line));
    }
}
