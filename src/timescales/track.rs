//! Tracking one case's obligations through its events (docs/due.md). Each event
//! meets the open obligations waiting for it (met on time, or late), then starts
//! its own. Recurring obligations chain from the actual date of the event that
//! met them. What the data can show decides every outcome:
//!
//! - **As of means as of.** With an as-of date, events after it do not exist.
//! - **Snapshots.** An event from a "latest"/"last" column (Annex A, the SSD's care
//!   leavers table, an events row marked `latest`) is the latest occurrence;
//!   earlier ones may exist and not be in the data. It meets an obligation only
//!   if it is on or before the due date; otherwise the obligation is untracked,
//!   never late. Which review a latest review was follows from the dates.
//! - **Missing facts.** Where the history cannot say which occurrence or stage
//!   an event is (a review with no entry into care in the data, or a latest
//!   review the dates cannot place), or the date of birth an age rule needs is
//!   missing, the obligation is listed at the earliest date it could be due
//!   ([`super::Unsure`]). Done after that date but by the latest, or left
//!   undone by an ending in between, it is `check-age` or `check-history`:
//!   never late, never missed, on a date the data cannot fix.
//! - **Endings.** `ceased-looked-after`, `cp-plan-ended` and `case-closed` stop the
//!   chains they end: an unmet obligation due by then was missed; one due after
//!   it is no longer owed. On a day with an ending, the day's other events come
//!   first, then the ending, then anything that begins a new period (a new
//!   referral, conference or coming into care): an ending belongs to the period
//!   it ends.
//! - **Any order.** Events are sorted here by a total order, so the rows a case
//!   gives do not depend on the order its events were read in.

use super::{Cause, Due, Facts, STAGES, Set, Stage};
use crate::calendar::{Calendar, OutOfRange};
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Event, Pending, Unseen};
use EventKind as E;
use chrono::{Months, NaiveDate};
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Met(NaiveDate),
    Late(NaiveDate),
    Outstanding,
    /// The data cannot say whether it was done: no event meets it (a care plan
    /// written), the source does not record the event that would, or only a
    /// later snapshot of that event is known.
    Untracked,
    /// Never done, and its chain ended on this date (care ended, the plan ended,
    /// the case closed): reported, but nobody can now do it.
    Missed(NaiveDate),
    /// Done on this date, or (`None`) left undone when its chain ended, between
    /// the earliest and the latest date it could be due: on time or late, owed
    /// or not, depends on what the data lacks (the date of birth, or the history).
    Check(Cause, Option<NaiveDate>),
}

impl Outcome {
    /// The word in the `outcome` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met(_) => "met",
            Outcome::Late(_) => "late",
            Outcome::Outstanding => "outstanding",
            Outcome::Untracked => "untracked",
            Outcome::Missed(_) => "missed",
            Outcome::Check(cause, _) => cause.word(),
        }
    }

    /// The date it was met on, on time, late, or one the data cannot judge.
    pub fn met_on(self) -> Option<NaiveDate> {
        match self {
            Outcome::Met(d) | Outcome::Late(d) | Outcome::Check(_, Some(d)) => Some(d),
            _ => None,
        }
    }
}

impl Cause {
    /// The word in the `outcome` and `status` columns.
    pub fn word(self) -> &'static str {
        match self {
            Cause::Age => "check-age",
            Cause::History => "check-history",
        }
    }
}

/// `note`, then `more`, in one note.
/// The note of an obligation that no event marks done.
pub const NO_EVENT: &str = "no event in the data marks this done";

thread_local! {
    /// [`NO_EVENT`] made once per thread, shared by the rows that carry it alone.
    static NO_EVENT_NOTE: Rc<str> = Rc::from(NO_EVENT);
}

fn add_note(note: &mut Option<Rc<str>>, more: &str) {
    *note = Some(match note.take() {
        Some(n) => format!("{n}; {more}").into(),
        None => more.into(),
    });
}

/// An obligation with what became of it.
#[derive(Debug, Clone)]
pub struct Tracked {
    pub event: EventKind,
    pub event_date: NaiveDate,
    pub due: Due,
    pub outcome: Outcome,
    /// The case system's own due date for it, where the input carries one.
    pub recorded_due: Option<NaiveDate>,
    /// Why the outcome is what it is, where the data alone does not show it.
    pub note: Option<Rc<str>>,
}

/// What a case is tracked against.
pub struct Context<'a> {
    pub set: &'a Set,
    pub cal: &'a Calendar,
    pub count_event_day: bool,
    pub as_of: Option<NaiveDate>,
    /// The events the source can record, if it cannot record them all (Annex A
    /// has no core groups): an obligation only another event could meet is
    /// untracked, never overdue.
    pub records: Option<&'a dyn Fn(&EventKind) -> bool>,
}

/// One case's obligations, and how many of its events came after the as-of
/// date and so were left out.
#[derive(Debug, Default)]
pub struct Tracking {
    pub rows: Vec<Tracked>,
    pub after_as_of: usize,
}

const CLA: [EventKind; 9] = [
    E::BecameLookedAfter,
    E::PlacementMove,
    E::ClaReview,
    E::ClaVisit,
    E::HealthAssessment,
    E::DentalCheck,
    E::SixteenthBirthday,
    E::PathwayPlanReview,
    E::CareLeaverContact,
];
const CP: [EventKind; 8] = [
    E::ConcernsRaised,
    E::StrategyDiscussion,
    E::Icpcc,
    E::PreBirthIcpcc,
    E::Birth,
    E::CoreGroup,
    E::Rcpcc,
    E::CpVisit,
];

/// Events that show the child in care on their date (not a review: which
/// review it is, is what the others help to tell).
const IN_CARE: [EventKind; 5] =
    [E::BecameLookedAfter, E::PlacementMove, E::ClaVisit, E::HealthAssessment, E::DentalCheck];

pub const ENDINGS: [EventKind; 3] = [E::CeasedLookedAfter, E::CpPlanEnded, E::CaseClosed];

/// Events that begin a new period of work: on the day of an ending they come
/// after it, so the ending closes the old period and not the new one.
const STARTS: [EventKind; 7] = [
    E::Contact,
    E::Referral,
    E::ConcernsRaised,
    E::StrategyDiscussion,
    E::Icpcc,
    E::PreBirthIcpcc,
    E::BecameLookedAfter,
];

/// Does `ending` stop obligations started by `started_by`?
fn ends(ending: &EventKind, started_by: &EventKind) -> bool {
    match ending {
        // The record audit owed on a transfer is still owed if the case then
        // closes (Business support record audit: transfer summaries first).
        E::CaseClosed => !matches!(started_by, E::AuditMonth | E::InadequateAudit | E::CaseTransferred),
        // Pathway planning and care-leaver contact go on after care ends.
        E::CeasedLookedAfter => {
            CLA.contains(started_by)
                && !matches!(started_by, E::SixteenthBirthday | E::PathwayPlanReview | E::CareLeaverContact)
        }
        E::CpPlanEnded => CP.contains(started_by),
        _ => false,
    }
}

/// What an ending was, in words, for the note on what it left undone.
fn ending_words(ending: &EventKind) -> &'static str {
    match ending {
        E::CeasedLookedAfter => "care ended",
        E::CpPlanEnded => "the child protection plan ended",
        _ => "the case closed",
    }
}

/// Sorts a case's events into the order they are processed in. Total: ties on
/// date and event are broken by every other field, so the input order never
/// matters. On a day with an ending: the day's other events, the ending, then
/// the starts of a new period.
fn sort_for_processing(events: &mut [Event]) {
    let mut ending_days: Vec<NaiveDate> =
        events.iter().filter(|e| ENDINGS.contains(&e.event)).map(|e| e.date).collect();
    ending_days.sort_unstable();
    ending_days.dedup();
    let phase = |e: &Event| {
        if ending_days.binary_search(&e.date).is_err() {
            0u8
        } else if ENDINGS.contains(&e.event) {
            1
        } else if STARTS.contains(&e.event) || e.event == E::RecordAudit {
            // A record audit on the day a case closes is the closure's audit.
            2
        } else {
            0
        }
    };
    // Dates first: the rest is worked out only for events on the same day. An
    // event's kind orders by processing order (a referral before its visit,
    // coming into care before the first visit), local events after by name.
    events.sort_by(|a, b| {
        a.date.cmp(&b.date).then_with(|| {
            (phase(a), &a.event, &a.details, a.dob, a.latest, a.recorded_due, a.line).cmp(&(
                phase(b),
                &b.event,
                &b.details,
                b.dob,
                b.latest,
                b.recorded_due,
                b.line,
            ))
        })
    });
}

/// Tracks one case. Its events may come in any order; they are sorted here.
pub fn track(cx: &Context, case: &mut Case) -> Result<Tracking, (u64, OutOfRange)> {
    let mut after_as_of = 0;
    if let Some(as_of) = cx.as_of {
        let pending = &mut case.pending;
        case.events.retain(|e| {
            if e.date <= as_of {
                return true;
            }
            // Not held as of then; what the system recorded as its due date was.
            if let Some(d) = e.recorded_due {
                pending.push(Pending { event: e.event.clone(), recorded_due: d });
            }
            after_as_of += 1;
            false
        });
    }
    sort_for_processing(&mut case.events);
    case.pending.sort();

    let mut out: Vec<Tracked> = Vec::new();
    // A latest review (a snapshot) may follow earlier ones not in the data: a
    // visit before it cannot be known to come before the first review.
    let reviews_complete = !case.events.iter().any(|e| e.event == E::ClaReview && e.latest);
    let mut state = Period { reviews_complete, ..Period::default() };
    // A date of birth on any of the case's rows holds for its earlier rows too.
    let mut dob = case.dob.or_else(|| case.events.iter().find_map(|e| e.dob));
    for ev in &case.events {
        dob = ev.dob.or(dob);
        meet(&mut out, ev);
        if ENDINGS.contains(&ev.event) {
            end(&mut out, ev);
            if ev.event != E::CpPlanEnded {
                state = Period { closed: ev.event == E::CaseClosed, reviews_complete, ..Period::default() };
            }
        }
        start(cx, &mut out, &mut state, ev, dob, &case.unseen)?;
    }
    for p in &case.pending {
        // The obligation the system's date belongs to: the latest-started one
        // still waiting for such an event.
        if let Some(t) = out.iter_mut().rev().find(|t| {
            t.recorded_due.is_none()
                && t.outcome.met_on().is_none()
                && t.due.entry.met_by(&p.event)
                && t.event_date <= p.recorded_due
        }) {
            t.recorded_due = Some(p.recorded_due);
        }
    }
    Ok(Tracking { rows: out, after_as_of })
}

/// First, an event meets the open obligations waiting for it.
fn meet(out: &mut [Tracked], ev: &Event) {
    for t in out.iter_mut() {
        if t.outcome != Outcome::Outstanding || !t.due.entry.met_by(&ev.event) || ev.date < t.event_date {
            continue;
        }
        t.outcome = if ev.date <= t.due.due {
            Outcome::Met(ev.date)
        } else if ev.latest {
            // An earlier occurrence, not in the data, may have met it in time.
            let words = format!(
                "only the latest {} is known ({}); an earlier one, not in the data, may have met this",
                ev.event, ev.date
            );
            add_note(&mut t.note, &words);
            Outcome::Untracked
        } else if let Some(u) = t.due.unsure.as_ref().filter(|u| u.latest.is_none_or(|l| ev.date <= l)) {
            // Late only under some readings of what the data lacks.
            Outcome::Check(u.cause, Some(ev.date))
        } else {
            Outcome::Late(ev.date)
        };
        if ev.recorded_due.is_some() {
            t.recorded_due = ev.recorded_due;
        }
    }
}

/// Second, an ending stops the chains it ends: what was due by then and never
/// done was missed; what would fall due after it is no longer owed.
fn end(out: &mut Vec<Tracked>, ev: &Event) {
    out.retain_mut(|t| {
        if !ends(&ev.event, &t.event) {
            return true;
        }
        match t.outcome {
            Outcome::Outstanding | Outcome::Untracked if t.due.due > ev.date => false,
            Outcome::Outstanding => {
                // Under a reading that puts it due after the ending, it was never owed.
                t.outcome = match t.due.unsure.as_ref().filter(|u| u.latest.is_none_or(|l| l > ev.date)) {
                    Some(u) => Outcome::Check(u.cause, None),
                    None => Outcome::Missed(ev.date),
                };
                add_note(&mut t.note, &format!("{} on {} before this was done", ending_words(&ev.event), ev.date));
                true
            }
            _ => true,
        }
    });
}

/// What the case's history says about the period of care it is in.
#[derive(Default)]
struct Period {
    /// The case closed, and no new period has begun: the 3-monthly record
    /// audits are for open cases (Business support record audit).
    closed: bool,
    looked_after_since: Option<NaiveDate>,
    placement_since: Option<NaiveDate>,
    reviews_since_care: u32,
    /// The data holds every review, not only the latest.
    reviews_complete: bool,
    /// The earliest date in the period the data shows the child in care (an
    /// entry into care, a placement, a visit or a health check).
    in_care_by: Option<NaiveDate>,
}

/// Third, an event starts its own obligations, with the qualifiers its history
/// implies (which review it is, how long the placement has lasted). Where the
/// history cannot tell, neither of a [`Stage`] pair is given, and the set
/// lists each obligation at the earliest date a reading gives, with a note.
fn start(
    cx: &Context,
    out: &mut Vec<Tracked>,
    state: &mut Period,
    ev: &Event,
    dob: Option<NaiveDate>,
    unseen: &[Unseen],
) -> Result<(), (u64, OutOfRange)> {
    let mut facts = Facts { details: ev.details.clone(), dob };
    if STARTS.contains(&ev.event) {
        state.closed = false;
    }
    let [first, after_review, after_year] = &STAGES;
    match &ev.event {
        // The audit that meets the closure's starts no 3-monthly one.
        E::RecordAudit if state.closed => return Ok(()),
        E::BecameLookedAfter => {
            state.looked_after_since = Some(ev.date);
            state.placement_since = Some(ev.date);
            state.reviews_since_care = 0;
        }
        E::PlacementMove => state.placement_since = Some(ev.date),
        E::ClaReview => {
            let is_first =
                if state.reviews_since_care > 0 { Some(false) } else { first_by_dates(cx, out, state, ev, &facts)? };
            imply(&mut facts, first, is_first);
            state.reviews_since_care += 1;
        }
        E::ClaVisit => {
            let after = if state.reviews_since_care > 0 {
                Some(true)
            } else {
                (state.looked_after_since.is_some() && state.reviews_complete).then_some(false)
            };
            imply(&mut facts, after_review, after);
            let year_on = state.placement_since.and_then(|p| p.checked_add_months(Months::new(12)));
            imply(&mut facts, after_year, year_on.map(|y| y <= ev.date));
        }
        _ => {}
    }
    if IN_CARE.contains(&ev.event) {
        state.in_care_by = state.in_care_by.or(Some(ev.date));
    }
    let dues = cx.set.obligations(&ev.event, ev.date, &facts, cx.cal, cx.count_event_day).map_err(|e| (ev.line, e))?;
    for due in dues {
        let mut note = due.unsure.as_ref().map(|u| Rc::clone(&u.note));
        let unrecorded: Vec<&str> =
            due.entry.met_by.iter().filter(|m| cx.records.is_some_and(|r| !r(m))).map(EventKind::name).collect();
        let outcome = if due.entry.met_by.is_empty() {
            // No event marks it done (invitations sent, a report to the chair):
            // its date is listed to plan by, and the note says why it is untracked.
            match &note {
                None => note = Some(NO_EVENT_NOTE.with(Rc::clone)),
                Some(_) => add_note(&mut note, NO_EVENT),
            }
            Outcome::Untracked
        } else if !unrecorded.is_empty() {
            // Any of them could have met it, unseen.
            add_note(&mut note, &format!("the data holds no {} dates", unrecorded.join(" or ")));
            Outcome::Untracked
        } else if let Some(u) = unseen.iter().find(|u| ev.date < u.before && due.entry.met_by.contains(&u.event)) {
            // What could have met it is outside what the data shows.
            add_note(&mut note, &u.why);
            Outcome::Untracked
        } else {
            Outcome::Outstanding
        };
        out.push(Tracked { event: ev.event.clone(), event_date: ev.date, due, outcome, recorded_due: None, note });
    }
    Ok(())
}

/// Adds which of `stage`'s pair the history implies (`None`: it cannot tell),
/// unless the input already says.
fn imply(facts: &mut Facts, stage: &Stage, yes: Option<bool>) {
    if let (false, Some(yes)) = (stage.known(&facts.details), yes) {
        facts.details.push(if yes { stage.yes } else { stage.no }.to_string());
    }
}

/// Whether `ev`, with no review before it since coming into care, is the first
/// review. A full history from the entry into care says so by counting. A
/// latest review (a snapshot) may follow earlier ones not in the data, and so
/// may any review when the data does not hold the entry into care: it is at
/// least the second if it falls after the first review's latest due date plus
/// the interval the second is due in (the first review's due date, or one
/// counted from the earliest date the data shows the child in care); otherwise
/// the dates cannot tell (`None`).
fn first_by_dates(
    cx: &Context,
    out: &[Tracked],
    state: &Period,
    ev: &Event,
    facts: &Facts,
) -> Result<Option<bool>, (u64, OutOfRange)> {
    let in_range = |e| (ev.line, e);
    let first_due = match state.looked_after_since {
        Some(_) if !ev.latest => return Ok(Some(true)),
        // The obligation this kind of event meets, started when the child
        // came into care.
        Some(since) => out
            .iter()
            .find(|t| t.event_date == since && t.event == E::BecameLookedAfter && t.due.entry.met_by(&ev.event))
            .map(|t| t.due.due),
        // In care by then: the first review was due by the date an entry into
        // care on that day would give.
        None => match state.in_care_by {
            Some(by) => cx
                .set
                .obligations(&E::BecameLookedAfter, by, &Facts::default(), cx.cal, cx.count_event_day)
                .map_err(in_range)?
                .into_iter()
                .find(|d| d.entry.met_by(&ev.event))
                .map(|d| d.due),
            None => None,
        },
    };
    let Some(first_due) = first_due else { return Ok(None) };
    let mut as_first = facts.clone();
    as_first.details.push(STAGES[0].yes.into());
    let second = cx
        .set
        .obligations(&ev.event, first_due, &as_first, cx.cal, cx.count_event_day)
        .map_err(in_range)?
        .into_iter()
        .find(|d| d.entry.met_by(&ev.event))
        .map(|d| d.due);
    Ok(match second {
        Some(second_due) if ev.date > second_due => Some(false),
        _ => None,
    })
}
