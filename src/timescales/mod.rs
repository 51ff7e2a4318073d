//! Timescale sets (docs/due.md): which obligations an event starts, by which rule, and
//! where each rule comes from. Built in: `default` (the QA induction's timescales
//! and the audit timetables of the Quality Practice Audit and the good practice
//! audit guidance) and `statutory` (the national rules where they differ); any
//! other set is a YAML file checked by `schemas/timescales.schema.json`.
//!
//! For each (event, obligation) the first entry whose conditions hold applies, so
//! an entry without `when` after more specific ones is the default.
//!
//! Missing facts are said, not dropped (docs/due.md): where an entry's conditions
//! turn on what the input does not give (no date of birth for an age rule; no
//! history that says whether a review was the first), each possible reading is
//! worked out, and the obligation is listed at the earliest date any of them
//! gives, with a note naming the others and the latest date it could be due
//! ([`Unsure`]), so that its status never claims more than the data shows.

mod building;
pub mod cases;
mod detached;
pub mod gather;
mod packed;
mod readings;
pub mod report;
pub mod status;
pub mod track;
pub mod worklist;

use crate::calendar::dates::Month;
use crate::calendar::offset::Offset;
use crate::calendar::{Calendar, Roll};
use crate::error::InputError;
use crate::model::event_kind::EventKind;
use crate::yaml;
pub use building::one_case;
use chrono::{Datelike, NaiveDate};
pub use detached::Detached;
use readings::Needs;
pub use readings::{Cause, STAGES, Stage, Unsure, contradiction};
use serde::Deserialize;
use std::rc::Rc;

pub const BUILT_IN: [(&str, &str); 2] =
    [("default", include_str!("default.yaml")), ("statutory", include_str!("statutory.yaml"))];

/// Event names scripts rely on (docs/reference/conventions.md).
pub const EVENTS: [&str; 31] = EventKind::NAMES;

/// `--detail` qualifiers (docs/reference/conventions.md): what the event was like, as the case
/// records it; then the pairs of [`STAGES`], for which occurrence or stage an
/// event is.
pub const DETAILS: [&str; 17] = [
    "cp",
    "permanent",
    "reg24",
    "placed-with-parents",
    "emergency",
    "mother-not-fit",
    "safeguarding",
    // QA induction: Initial child protection case conference: the conference
    // follows a strategy discussion "where a section 47 investigation was
    // initiated"; or the enquiry found a conference unnecessary (Annex A List 5,
    // the SSD's s47 "no further action").
    "no-s47",
    "icpcc-unnecessary",
    // A conference that decided on no plan owes no core group and no review
    // conference (QA induction: Core Group Meetings; Review Child Protection
    // Conferences: both follow a plan). The CIN census shows which did.
    "no-plan",
    // QA induction: a midway review is held "unless the IRO believes it is not
    // necessary" (looked after), or the chair does (child protection).
    "no-midway",
    "first",
    "later",
    "after-first-review",
    "before-first-review",
    "after-first-year",
    "in-first-year",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// Every one of these qualifiers is given.
    #[serde(default)]
    pub detail: Vec<String>,
    /// None of these is given.
    #[serde(default)]
    pub not_detail: Vec<String>,
    /// The child's age in whole years on the event date is below this.
    pub age_under: Option<u32>,
    /// … or at least this.
    pub age_from: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub event: EventKind,
    pub obligation: String,
    /// The timescale in the procedure's words (`24 hours`, `first 3 weeks of the
    /// month`), shown in the `rule` column. Unless `counted_as` says how to count
    /// it, it is itself an offset (`15 working days`, `2 days before`) or a day of
    /// a later month (`day 5 of month +1`).
    pub rule: String,
    /// How `rule` is counted, when its words are not an offset: `24 hours` is
    /// counted as `1 day`, `first 3 weeks of the month` as `day 21 of month +0`.
    #[serde(default)]
    pub counted_as: Option<String>,
    /// A day-of-month date that falls on a non-working day moves back to the
    /// last working day before it (the default) or forward to the next.
    #[serde(default)]
    pub roll: Option<Roll>,
    #[serde(default)]
    pub when: Option<When>,
    /// The events that meet the obligation (used with an events file): one, or
    /// a list when the procedure says "either ... or ...".
    #[serde(default, deserialize_with = "one_or_many")]
    pub met_by: Vec<EventKind>,
    /// Nothing is owed that would fall due on or after this birthday (a care
    /// leaver's services end at 25). Applied when the date of birth is known.
    #[serde(default)]
    pub until_age: Option<u32>,
    pub source: String,
    /// Shared copies of the texts every output row repeats.
    #[serde(skip)]
    pub text: Texts,
    /// What the entry's conditions turn on, worked out once.
    #[serde(skip)]
    needs: Needs,
}

impl Entry {
    /// Whether `event` meets this obligation.
    pub fn met_by(&self, event: &EventKind) -> bool {
        self.met_by.contains(event)
    }
}

/// `met_by: core-group` or `met_by: [core-group, rcpcc]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<EventKind>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(EventKind),
        Many(Vec<EventKind>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(e) => vec![e],
        OneOrMany::Many(v) => v,
    })
}

/// An entry's obligation, rule and source, shared rather than copied per row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    pub obligation: Rc<str>,
    pub rule: Rc<str>,
    pub source: Rc<str>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFile {
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    extends: Option<String>,
    obligations: Vec<Entry>,
}

/// A rule, parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Offset(Offset),
    /// Counted back from the event ("2 days before"): a date that falls on a
    /// day nobody works moves back to the last working day before it (docs/due.md),
    /// as the timetable's dates do; a set may say `roll: forward`.
    Before(Offset, Roll),
    /// Day `day` of the month `months` after the event's month, clamped, then
    /// moved onto a working day (timetable dates: "by the 5th").
    DayOfMonth {
        day: u32,
        months: u32,
        roll: Roll,
    },
}

impl Rule {
    pub fn parse(text: &str) -> Result<Rule, String> {
        let t = text.trim();
        if let Some(rest) = t.strip_prefix("day ") {
            let parsed = rest
                .split_once(" of month +")
                .and_then(|(d, m)| Some((d.trim().parse().ok()?, m.trim().parse().ok()?)));
            return match parsed {
                Some((day, months)) if (1..=31).contains(&day) && months <= 24 => {
                    Ok(Rule::DayOfMonth { day, months, roll: Roll::Back })
                }
                _ => Err(format!("'{t}' should read 'day D of month +N', with D from 1 to 31")),
            };
        }
        Offset::parse(t).map(|o| if o.before { Rule::Before(o, Roll::Back) } else { Rule::Offset(o) })
    }

    pub fn due(
        &self,
        cal: &Calendar,
        from: NaiveDate,
        count_event_day: bool,
    ) -> Result<NaiveDate, crate::calendar::OutOfRange> {
        match *self {
            Rule::Offset(o) => o.apply(cal, from, count_event_day),
            Rule::Before(o, roll) => Ok(cal.roll(o.apply(cal, from, count_event_day)?, roll)),
            Rule::DayOfMonth { day, months, roll } => {
                Ok(cal.roll(Month::of(from).plus(months as i32).day_clamped(day), roll))
            }
        }
    }
}

/// A loaded set: entries in order, each with its rule parsed.
#[derive(Debug, Clone)]
pub struct Set {
    pub name: String,
    pub description: String,
    pub entries: Vec<(Rc<Entry>, Rule)>,
    /// Which entries each event starts, worked out when first asked.
    index: std::cell::OnceCell<Index>,
}

/// For each event, the places of the entries it starts, in the set's order,
/// each with the number of its obligation among them (entries for the same
/// obligation share one: the first whose conditions hold decides it).
#[derive(Debug, Clone, Default)]
struct Index {
    /// By [`EventKind::code`].
    known: Vec<Vec<(u32, u32)>>,
    local: Vec<(EventKind, Vec<(u32, u32)>)>,
}

impl Index {
    fn of(entries: &[(Rc<Entry>, Rule)]) -> Index {
        let mut index = Index { known: vec![Vec::new(); EVENTS.len()], local: Vec::new() };
        for (i, (e, _)) in entries.iter().enumerate() {
            let list = index.list_mut(&e.event);
            let same = list.iter().find(|&&(j, _)| entries[j as usize].0.obligation == e.obligation);
            let obligation = same.map_or(list.len() as u32, |&(_, o)| o);
            list.push((i as u32, obligation));
        }
        index
    }

    fn list_mut(&mut self, event: &EventKind) -> &mut Vec<(u32, u32)> {
        if let Some(code) = event.code() {
            return &mut self.known[code];
        }
        let at = match self.local.iter().position(|(k, _)| k == event) {
            Some(at) => at,
            None => {
                self.local.push((event.clone(), Vec::new()));
                self.local.len() - 1
            }
        };
        &mut self.local[at].1
    }

    fn list(&self, event: &EventKind) -> &[(u32, u32)] {
        match event.code() {
            Some(code) => &self.known[code],
            None => self.local.iter().find(|(k, _)| k == event).map_or(&[], |(_, l)| l),
        }
    }
}

/// What the child and event are like, for `when` conditions.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub details: Vec<String>,
    pub dob: Option<NaiveDate>,
}

/// One obligation an event starts: the set's entry (shared, not copied: a
/// million-event stream makes millions of these) and its due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub entry: Rc<Entry>,
    pub due: NaiveDate,
    /// Set when the input cannot fix the date: `due` is then the earliest it
    /// could be.
    pub unsure: Option<Rc<Unsure>>,
}

fn age_on(dob: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// The birthday on which someone born on `dob` turns `years` (29 February
/// birthdays fall on 28 February in other years).
fn birthday(dob: NaiveDate, years: u32) -> Option<NaiveDate> {
    dob.checked_add_months(chrono::Months::new(years.checked_mul(12)?))
}

impl When {
    /// Whether the conditions hold for these qualifiers and this age on the
    /// event date (`None`: not known, and an age rule does not hold).
    fn holds(&self, details: &[String], age: Option<u32>) -> bool {
        let has = |d: &String| details.iter().any(|f| f == d);
        if !self.detail.iter().all(has) || self.not_detail.iter().any(has) {
            return false;
        }
        if self.age_under.is_none() && self.age_from.is_none() {
            return true;
        }
        let Some(age) = age else { return false };
        self.age_under.is_none_or(|u| age < u) && self.age_from.is_none_or(|f| age >= f)
    }

    /// Whether the conditions could hold, whatever the age and the stage (a
    /// regulation 24 visit's rule turns on whether the first review was held;
    /// another visit's does not).
    fn could_hold(&self, details: &[String]) -> bool {
        let given = |d: &String| STAGES.iter().any(|s| s.yes == d || s.no == d) || details.contains(d);
        let excluded = |d: &String| !STAGES.iter().any(|s| s.yes == d || s.no == d) && details.contains(d);
        self.detail.iter().all(given) && !self.not_detail.iter().any(excluded)
    }
}

impl Set {
    pub fn new(name: String, description: String, entries: Vec<(Rc<Entry>, Rule)>) -> Set {
        Set { name, description, entries, index: Default::default() }
    }

    /// The entries `event` starts: (place, number of its obligation).
    fn starts(&self, event: &EventKind) -> &[(u32, u32)] {
        self.index.get_or_init(|| Index::of(&self.entries)).list(event)
    }

    pub fn knows_event(&self, event: &str) -> bool {
        EVENTS.contains(&event) || self.entries.iter().any(|(e, _)| e.event.name() == event)
    }

    /// `Err` with the nearest known event when `event` is not one this set or
    /// documented knows.
    pub fn check_event(&self, event: &str) -> Result<(), String> {
        if self.knows_event(event) {
            return Ok(());
        }
        let local = self.entries.iter().map(|(e, _)| e.event.name());
        let hint = crate::words::did_you_mean(event, EVENTS.into_iter().chain(local));
        Err(format!("unknown event '{event}'{hint}; known events: {}", EVENTS.join(", ")))
    }

    /// The obligations `event` on `date` starts, in the set's order. Where
    /// an entry turns on a fact `facts` lacks (a date of birth for an age
    /// rule, which of a [`Stage`] pair the event is), every reading is worked
    /// out: each obligation is listed at the earliest date a reading gives,
    /// with an [`Unsure`] saying what the others give. One that no reading
    /// owes is not listed.
    pub fn obligations(
        &self,
        event: &EventKind,
        date: NaiveDate,
        facts: &Facts,
        cal: &Calendar,
        count_event_day: bool,
    ) -> Result<Vec<Due>, crate::calendar::OutOfRange> {
        let age = facts.dob.map(|d| age_on(d, date));
        let (plain, missing) = self.reading(event, date, &facts.details, age, facts.dob, cal, count_event_day)?;
        if missing == Needs::default() {
            return Ok(plain);
        }
        let stages: Vec<&Stage> =
            STAGES.iter().enumerate().filter(|(i, _)| missing.stages & (1 << i) != 0).map(|(_, s)| s).collect();
        self.readings(event, date, facts, missing.age, &stages, cal, count_event_day)
    }

    /// The obligations under one reading, in the set's order, and the facts
    /// it lacks that an entry which could apply turns on.
    #[allow(clippy::too_many_arguments)]
    fn reading(
        &self,
        event: &EventKind,
        date: NaiveDate,
        details: &[String],
        age: Option<u32>,
        dob: Option<NaiveDate>,
        cal: &Calendar,
        count_event_day: bool,
    ) -> Result<(Vec<Due>, Needs), crate::calendar::OutOfRange> {
        let starts = self.starts(event);
        let mut out: Vec<Due> = Vec::with_capacity(starts.len());
        // The obligations decided: by their number, a bit each for the first 64.
        let (mut decided, mut more) = (0u64, Vec::new());
        let mut needs = Needs::default();
        // The stages `details` says (worked out when an entry first asks).
        let mut known: Option<u8> = None;
        for &(at, obligation) in starts {
            let (e, rule) = &self.entries[at as usize];
            // A missing fact matters only to an entry whose other conditions hold.
            if e.needs != Needs::default() {
                let known = *known.get_or_insert_with(|| Needs::known_stages(details));
                let missing = Needs { age: e.needs.age && age.is_none(), stages: e.needs.stages & !known };
                if missing != Needs::default() && e.when.as_ref().is_some_and(|w| w.could_hold(details)) {
                    needs = needs.or(missing);
                }
            }
            let taken = if obligation < 64 { decided & 1 << obligation != 0 } else { more.contains(&obligation) };
            if taken || !e.when.as_ref().is_none_or(|w| w.holds(details, age)) {
                continue;
            }
            if obligation < 64 {
                decided |= 1 << obligation;
            } else {
                more.push(obligation);
            }
            let due = rule.due(cal, date, count_event_day)?;
            // Nothing is owed from the birthday the entry's service ends on.
            let ended = e.until_age.zip(dob).and_then(|(n, dob)| birthday(dob, n)).is_some_and(|b| due >= b);
            if !ended {
                out.push(Due { entry: Rc::clone(e), due, unsure: None });
            }
        }
        Ok((out, needs))
    }
}

/// A set read from text, and the set it `extends`, if any: the edge
/// (`cmd::config::timescales`) reads that one and lays this one over it with
/// [`Set::over`].
pub struct Parsed {
    pub set: Set,
    pub extends: Option<String>,
}

/// Reads a timescale set from text (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Parsed, InputError> {
    let (file, text) = (file.to_string(), text);
    let raw: SetFile = yaml::from_str(&file, text, "a timescale set; see `caseaudit schema timescales`")?;
    let mut entries = Vec::new();
    for (i, e) in raw.obligations.into_iter().enumerate() {
        let counted = e.counted_as.as_deref().unwrap_or(&e.rule);
        let mut rule = Rule::parse(counted).map_err(|m| {
            let hint = if e.counted_as.is_none() { "; or add counted_as: to say how the rule is counted" } else { "" };
            let key = if e.counted_as.is_some() { "counted_as" } else { "rule" };
            let message = format!("obligation {} ('{}' after '{}'): {m}{hint}", i + 1, e.obligation, e.event);
            yaml::error_at(&file, text, key, Some(counted), message)
        })?;
        if let (Rule::DayOfMonth { roll, .. } | Rule::Before(_, roll), Some(r)) = (&mut rule, e.roll) {
            *roll = r;
        }
        for d in e.when.iter().flat_map(|w| w.detail.iter().chain(&w.not_detail)) {
            if !DETAILS.contains(&d.as_str()) {
                let hint = crate::words::did_you_mean(d, DETAILS);
                let message = format!(
                    "obligation {} ('{}'): unknown qualifier '{d}'{hint}; known: {}",
                    i + 1,
                    e.obligation,
                    DETAILS.join(", ")
                );
                let place = yaml::locate(text, "detail", None).and_then(|_| {
                    text.lines().enumerate().find_map(|(n, l)| l.find(d.as_str()).map(|c| (n as u64 + 1, c + 1)))
                });
                return Err(match place {
                    Some((line, column)) => InputError::at(&file, line, Some(column), message),
                    None => InputError::file(&file, message),
                });
            }
        }
        let mut e = e;
        e.needs = Needs::of(e.when.as_ref());
        e.text = Texts {
            obligation: Rc::from(e.obligation.as_str()),
            rule: Rc::from(e.rule.as_str()),
            source: Rc::from(e.source.as_str()),
        };
        entries.push((Rc::new(e), rule));
    }
    Ok(Parsed { set: Set::new(raw.name, raw.description, entries), extends: raw.extends })
}

impl Set {
    /// This set laid over the one it extends: its entries replace `base`'s for
    /// the same (event, obligation), and the rest of `base` is kept, first.
    pub fn over(self, base: Set) -> Set {
        let entries = self.entries;
        let replaced = |p: &Entry| entries.iter().any(|(c, _)| c.event == p.event && c.obligation == p.obligation);
        let mut merged: Vec<(Rc<Entry>, Rule)> = base.entries.into_iter().filter(|(p, _)| !replaced(p)).collect();
        merged.extend(entries);
        Set::new(self.name, self.description, merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in(name: &str) -> Parsed {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap();
        parse(name, text).unwrap()
    }

    #[test]
    fn built_in_sets_load() {
        let d = built_in("default");
        assert!(d.extends.is_none());
        assert!(d.set.entries.len() > 50);
        let s = built_in("statutory");
        assert_eq!(s.extends.as_deref(), Some("default"));
        let s = s.set.over(d.set);
        let assessment = s.entries.iter().find(|(e, _)| e.obligation == "child-and-family-assessment").unwrap();
        assert_eq!(assessment.0.rule, "45 working days");
        // Everything the default set has that statutory does not replace is kept.
        assert!(s.entries.iter().any(|(e, _)| e.obligation == "strategy-discussion"));
    }

    #[test]
    fn day_of_month_rules() {
        assert_eq!(Rule::parse("day 5 of month +1").unwrap(), Rule::DayOfMonth { day: 5, months: 1, roll: Roll::Back });
        assert!(Rule::parse("day 32 of month +1").is_err());
        assert!(Rule::parse("day 5 of next month").is_err());
    }

    pub(super) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A set from its obligation lines.
    pub(super) fn local(lines: &[&str]) -> Set {
        let text = format!("name: local\nobligations:\n{}\n", lines.join("\n"));
        parse("local.yaml", &text).unwrap().set
    }

    /// `met_by` takes one event or a list; `until_age` ends an obligation at a
    /// birthday (29 February: the 28th in other years); `roll` applies to a
    /// date counted back.
    #[test]
    fn met_by_lists_until_age_and_roll() {
        let set = local(&[
            "  - {event: birth, obligation: either, rule: 10 days, met_by: [core-group, rcpcc], source: s}",
            "  - {event: care-leaver-move, obligation: visit, rule: 7 days, met_by: care-leaver-contact, until_age: 25, source: s}",
            "  - {event: icpcc, obligation: report, rule: 2 days before, roll: forward, source: s}",
        ]);
        let (either, visit, report) = (&set.entries[0], &set.entries[1], &set.entries[2]);
        assert!(either.0.met_by(&EventKind::CoreGroup) && either.0.met_by(&EventKind::Rcpcc));
        assert!(!either.0.met_by(&EventKind::CpVisit));
        assert_eq!(visit.0.met_by, [EventKind::CareLeaverContact]);
        assert_eq!(report.1, Rule::Before(Offset::parse("-2 days").unwrap(), Roll::Forward));
        let cal = Calendar::new(crate::calendar::Region::EnglandAndWales, Default::default());
        let moved = |on: &str, dob: &str| {
            let facts = Facts { details: vec![], dob: Some(d(dob)) };
            set.obligations(&EventKind::CareLeaverMove, d(on), &facts, &cal, false).unwrap().len()
        };
        // 25 on 28 February 2027; born 29 February 2004, 25 on 28 February 2029.
        assert_eq!(moved("2027-02-20", "2002-02-28"), 1);
        assert_eq!(moved("2027-02-21", "2002-02-28"), 0);
        assert_eq!(moved("2029-02-20", "2004-02-29"), 1);
        assert_eq!(moved("2029-02-21", "2004-02-29"), 0);
        assert_eq!(birthday(d("2004-02-29"), 25), Some(d("2029-02-28")));
        // Without a date of birth the end cannot be placed: listed.
        let none =
            set.obligations(&EventKind::CareLeaverMove, d("2027-02-21"), &Facts::default(), &cal, false).unwrap();
        assert_eq!(none.len(), 1);
        // Saturday 21 November 2026 rolls forward to Monday the 23rd.
        let r = set.obligations(&EventKind::Icpcc, d("2026-11-23"), &Facts::default(), &cal, false).unwrap();
        assert_eq!(r[0].due, d("2026-11-23"));
    }

    #[test]
    fn ages() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(age_on(d("2021-11-23"), d("2026-11-22")), 4);
        assert_eq!(age_on(d("2021-11-22"), d("2026-11-22")), 5);
        assert_eq!(age_on(d("2024-02-29"), d("2025-02-28")), 0);
    }
}
