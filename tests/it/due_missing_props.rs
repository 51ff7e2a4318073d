//! Missing facts are said, not dropped (docs/due.md, docs/timescales.md): over every event
//! kind and every qualifier of both built-in timescale sets, an event without
//! its optional facts (no date of birth, no qualifiers) still lists every
//! obligation that does not depend on them; each one that depends on age is
//! listed with a note naming the date of birth, never dropped; and what is
//! listed without a fact is the earliest date the fact could give, with the
//! date the fact gives inside the range the row says (its due date to its
//! latest possible date) and named in its note.

use caseaudit::calendar::{Calendar, Region};
use caseaudit::model::event_kind::EventKind;
use caseaudit::timescales::{DETAILS, Due, Facts, STAGES, Set};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use std::sync::OnceLock;

fn load(name: &str) -> Set {
    caseaudit::ops::config::timescales(name).expect("built-in set")
}

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(|| Calendar::new(Region::EnglandAndWales, Default::default()))
}

/// Every event a set names, and the documented.
fn events(set: &Set) -> Vec<EventKind> {
    let mut out: Vec<EventKind> = EventKind::NAMES.iter().map(|n| EventKind::from_name(n)).collect();
    for (e, _) in &set.entries {
        if !out.contains(&e.event) {
            out.push(e.event.clone());
        }
    }
    out
}

fn list(set: &Set, event: &EventKind, date: NaiveDate, facts: &Facts) -> Vec<Due> {
    set.obligations(event, date, facts, cal(), false).expect("dates in range")
}

/// Qualifiers from a bit mask, without both of a stage pair.
fn qualifiers(mask: u32) -> Vec<String> {
    let mut out: Vec<String> =
        DETAILS.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| d.to_string()).collect();
    for s in STAGES {
        if out.iter().any(|d| d == s.yes) {
            out.retain(|d| d != s.no);
        }
    }
    out
}

/// Whether an obligation can be owed without any qualifier: one of its
/// entries requires none.
fn needs_no_qualifier(set: &Set, event: &EventKind, obligation: &str) -> bool {
    set.entries.iter().any(|(e, _)| {
        e.event == *event && e.obligation == obligation && e.when.as_ref().is_none_or(|w| w.detail.is_empty())
    })
}

fn age_rule(set: &Set, event: &EventKind, obligation: &str) -> bool {
    set.entries.iter().any(|(e, _)| {
        e.event == *event
            && e.obligation == obligation
            && e.when.as_ref().is_some_and(|w| w.age_under.is_some() || w.age_from.is_some())
    })
}

/// What is known (`more`) gives a date inside the range listed without it
/// (`less`), named in its note when it differs.
fn within(less: &[Due], more: &[Due], what: &str) -> Result<(), TestCaseError> {
    for m in more {
        let o = &m.entry.obligation;
        let l = less.iter().find(|l| l.entry.obligation == *o);
        prop_assert!(l.is_some(), "{what}: {o} is owed with the fact and dropped without it");
        let l = l.unwrap();
        prop_assert!(l.due <= m.due, "{what}: {o}: {} listed, {} the earliest", l.due, m.due);
        match &l.unsure {
            None => prop_assert_eq!(l.due, m.due, "{}: {} has one date", what, o),
            Some(u) => {
                prop_assert!(
                    u.latest.is_none_or(|latest| m.due <= latest),
                    "{what}: {o}: {} after {:?}",
                    m.due,
                    u.latest
                );
                if m.due != l.due {
                    prop_assert!(u.note.contains(&m.due.to_string()), "{what}: {o}: {} not in '{}'", m.due, u.note);
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn an_event_without_its_optional_facts_lists_every_obligation(
        day in 0u32..3650,
        age_days in 0u32..(27 * 366),
        mask in any::<u32>(),
    ) {
        let date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(u64::from(day));
        let dob = date.checked_sub_days(Days::new(u64::from(age_days))).unwrap();
        let details = qualifiers(mask);
        for name in ["default", "statutory"] {
            let set = load(name);
            for event in events(&set) {
                let bare = list(&set, &event, date, &Facts::default());
                // Nothing that needs no qualifier is dropped; an age rule is
                // listed with its note.
                let mut names: Vec<&str> = set.entries.iter().filter(|(e, _)| e.event == event).map(|(e, _)| e.obligation.as_str()).collect();
                names.dedup();
                for o in names {
                    if !needs_no_qualifier(&set, &event, o) {
                        continue;
                    }
                    let row = bare.iter().find(|d| d.entry.obligation == o);
                    prop_assert!(row.is_some(), "{name} {event} {date}: {o} dropped without --dob and --detail");
                    if age_rule(&set, &event, o) {
                        let note = row.unwrap().unsure.as_ref().map(|u| u.note.to_string()).unwrap_or_default();
                        prop_assert!(note.contains("date of birth is missing"), "{name} {event}: {o}: '{note}'");
                    }
                }
                // With the qualifiers but no date of birth: the range holds
                // the date the date of birth gives.
                let known = Facts { details: details.clone(), dob: Some(dob) };
                let no_dob = Facts { details: details.clone(), dob: None };
                let with = list(&set, &event, date, &known);
                within(&list(&set, &event, date, &no_dob), &with, &format!("{name} {event} {date} {details:?} no dob"))?;
                // Without a stage the history would give: the range holds
                // the date either of the pair gives.
                for s in STAGES.iter().filter(|s| !s.known(&details)) {
                    for q in [s.yes, s.no] {
                        let mut more = known.clone();
                        more.details.push(q.to_string());
                        let what = format!("{name} {event} {date} {details:?} without {q}");
                        within(&list(&set, &event, date, &known), &list(&set, &event, date, &more), &what)?;
                    }
                }
            }
        }
    }
}
