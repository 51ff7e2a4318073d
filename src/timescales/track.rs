//! Tracking a case's obligations through its events (SPEC §5): each event meets
//! the open obligations waiting for it (met on time, or late), then starts its
//! own. Recurring obligations chain from the actual date of the event that met
//! them. An ending (`ceased-looked-after`, `cp-plan-ended`, `case-closed`) stops
//! the chains it ends: what fell due before the ending stays outstanding (it was
//! missed); what falls due after it is no longer owed.

use super::{Due, Facts, Set};
use crate::calendar::{Calendar, OutOfRange};
use chrono::{Months, NaiveDate};
use std::rc::Rc;

/// One event of a case, as read from the events file.
#[derive(Debug, Clone)]
pub struct Event {
    pub event: Rc<str>,
    pub date: NaiveDate,
    pub dob: Option<NaiveDate>,
    pub details: Vec<String>,
    /// Where it came from, for messages.
    pub line: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Met(NaiveDate),
    Late(NaiveDate),
    Outstanding,
    /// No event meets this obligation (a care plan written, invitations sent), so
    /// an events file cannot say whether it was done.
    Untracked,
}

/// An obligation with what became of it.
#[derive(Debug, Clone)]
pub struct Tracked {
    pub event: Rc<str>,
    pub event_date: NaiveDate,
    pub due: Due,
    pub outcome: Outcome,
}

const CLA: [&str; 9] = [
    "became-looked-after",
    "placement-move",
    "cla-review",
    "cla-visit",
    "health-assessment",
    "dental-check",
    "sixteenth-birthday",
    "pathway-plan-review",
    "care-leaver-contact",
];
const CP: [&str; 8] =
    ["concerns-raised", "strategy-discussion", "icpcc", "pre-birth-icpcc", "birth", "core-group", "rcpcc", "cp-visit"];

/// Does `ending` stop obligations started by `started_by`?
fn ends(ending: &str, started_by: &str) -> bool {
    match ending {
        "case-closed" => started_by != "audit-month" && started_by != "inadequate-audit",
        // Pathway planning and care-leaver contact go on after care ends.
        "ceased-looked-after" => {
            CLA.contains(&started_by)
                && !matches!(started_by, "sixteenth-birthday" | "pathway-plan-review" | "care-leaver-contact")
        }
        "cp-plan-ended" => CP.contains(&started_by),
        _ => false,
    }
}

pub const ENDINGS: [&str; 3] = ["ceased-looked-after", "cp-plan-ended", "case-closed"];

/// Tracks one case: `events` in any order (sorted here by date, stably, with
/// endings after a day's other events: what happened on the day care or a plan
/// ended belongs to it).
pub fn track(
    set: &Set,
    events: &mut [Event],
    cal: &Calendar,
    count_event_day: bool,
) -> Result<Vec<Tracked>, (u64, OutOfRange)> {
    events.sort_by_key(|e| (e.date, ENDINGS.contains(&&*e.event)));
    let mut out: Vec<Tracked> = Vec::new();
    let mut looked_after_since: Option<NaiveDate> = None;
    let mut placement_since: Option<NaiveDate> = None;
    let mut reviews_since_care = 0u32;
    let mut dob = None;
    for ev in events.iter() {
        dob = ev.dob.or(dob);
        // 1. This event meets the open obligations waiting for it.
        for t in out.iter_mut() {
            if t.outcome == Outcome::Outstanding
                && t.due.entry.met_by.as_deref() == Some(&*ev.event)
                && ev.date >= t.event_date
            {
                t.outcome = if ev.date <= t.due.due { Outcome::Met(ev.date) } else { Outcome::Late(ev.date) };
            }
        }
        // 2. An ending stops the chains it ends.
        if ENDINGS.contains(&&*ev.event) {
            out.retain(|t| !(t.outcome == Outcome::Outstanding && ends(&ev.event, &t.event) && t.due.due > ev.date));
            if &*ev.event != "cp-plan-ended" {
                looked_after_since = None;
                placement_since = None;
            }
        }
        // 3. It starts its own, with the qualifiers its history implies.
        let mut facts = Facts { details: ev.details.clone(), dob };
        match &*ev.event {
            "became-looked-after" => {
                looked_after_since = Some(ev.date);
                placement_since = Some(ev.date);
                reviews_since_care = 0;
            }
            "placement-move" => placement_since = Some(ev.date),
            "cla-review" => {
                if reviews_since_care == 0 && looked_after_since.is_some() {
                    facts.details.push("first".into());
                }
                reviews_since_care += 1;
            }
            _ => {}
        }
        if &*ev.event == "cla-visit" {
            if reviews_since_care > 0 {
                facts.details.push("after-first-review".into());
            }
            if placement_since.is_some_and(|p| p.checked_add_months(Months::new(12)).is_some_and(|y| y <= ev.date)) {
                facts.details.push("after-first-year".into());
            }
        }
        for due in set.obligations(&ev.event, ev.date, &facts, cal, count_event_day).map_err(|e| (ev.line, e))? {
            let outcome = if due.entry.met_by.is_some() { Outcome::Outstanding } else { Outcome::Untracked };
            out.push(Tracked { event: Rc::clone(&ev.event), event_date: ev.date, due, outcome });
        }
    }
    Ok(out)
}
