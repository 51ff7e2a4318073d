//! Missing facts are said, not dropped (docs/due.md, docs/timescales.md). Where a rule turns
//! on a fact the input lacks (no date of birth for an age rule; neither of a
//! [`Stage`] pair, which the history could not tell), every reading of the fact
//! is worked out, and each obligation is listed at the earliest date a reading
//! gives, with an [`Unsure`] naming the others and the latest date, so that its
//! status never claims more than the data shows.

use super::{Due, Facts, Set, When, age_on};
use crate::calendar::Calendar;
use crate::model::event_kind::EventKind;
use chrono::NaiveDate;
use std::rc::Rc;

/// A pair of qualifiers saying which occurrence or stage an event is. The
/// tracker works one of the pair out from a case's history, or takes the one
/// the input gives; where neither is known (one event on the command line, no
/// entry into care in the data, only a latest review), both readings are
/// worked out ([`Set::obligations`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage {
    pub yes: &'static str,
    pub no: &'static str,
    /// What the data cannot tell, in a note: "the data cannot tell whether ...".
    pub unknown: &'static str,
    pub if_yes: &'static str,
    pub if_no: &'static str,
}

pub const STAGES: [Stage; 3] = [
    Stage {
        yes: "first",
        no: "later",
        unknown: "whether this was the first review",
        if_yes: "if it was the first",
        if_no: "if it was a later one",
    },
    Stage {
        yes: "after-first-review",
        no: "before-first-review",
        unknown: "whether the first review had been held",
        if_yes: "if it had",
        if_no: "if it had not",
    },
    Stage {
        yes: "after-first-year",
        no: "in-first-year",
        unknown: "whether the placement had lasted a year",
        if_yes: "if it had",
        if_no: "if it had not",
    },
];

impl Stage {
    /// Whether `details` says which of the pair it is.
    pub fn known(&self, details: &[String]) -> bool {
        details.iter().any(|d| d == self.yes || d == self.no)
    }
}

/// Two qualifiers of `details` that contradict each other (`first` and
/// `later`), if any.
pub fn contradiction(details: &[String]) -> Option<(&'static str, &'static str)> {
    let has = |q: &str| details.iter().any(|d| d == q);
    STAGES.iter().find(|s| has(s.yes) && has(s.no)).map(|s| (s.yes, s.no))
}

/// What an entry's conditions turn on: an age, or a [`Stage`] (bit `i` for
/// `STAGES[i]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Needs {
    pub(super) age: bool,
    pub(super) stages: u8,
}

impl Needs {
    pub(super) fn of(when: Option<&When>) -> Needs {
        let Some(w) = when else { return Needs::default() };
        let names = || w.detail.iter().chain(&w.not_detail);
        let mut stages = 0;
        for (i, s) in STAGES.iter().enumerate() {
            if names().any(|d| d == s.yes || d == s.no) {
                stages |= 1 << i;
            }
        }
        Needs { age: w.age_under.is_some() || w.age_from.is_some(), stages }
    }

    /// The stages `details` says, as bits.
    pub(super) fn known_stages(details: &[String]) -> u8 {
        STAGES.iter().enumerate().filter(|(_, s)| s.known(details)).fold(0, |m, (i, _)| m | 1 << i)
    }

    pub(super) fn or(self, other: Needs) -> Needs {
        Needs { age: self.age || other.age, stages: self.stages | other.stages }
    }
}

/// What the input lacks that would fix a due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// The date of birth, for an age rule.
    Age,
    /// The history that says which occurrence or stage the event is.
    History,
}

/// A due date the input cannot fix: the row's date is the earliest it could
/// be; this says the latest, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    pub cause: Cause,
    /// The latest date it could be due; `None` when under some reading it is
    /// not owed at all (a child's age may put it outside the rule).
    pub latest: Option<NaiveDate>,
    /// What is missing, and what each other reading gives.
    pub note: Rc<str>,
}

/// One way the facts the input lacks could be: qualifiers added, an age on the
/// event date, and the words for it ("if aged 5 or over", "if it was the first").
#[derive(Debug, Clone)]
struct Reading {
    details: Vec<String>,
    age: Option<u32>,
    words: Vec<String>,
}

impl Reading {
    /// "if aged 5 or over and it was a later one"
    fn words(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push_str(" and ");
                out.push_str(w.strip_prefix("if ").unwrap_or(w));
            } else {
                out.push_str(w);
            }
        }
        out
    }
}

/// The age bands an event's age rules draw (`age_under: 5` and `age_from: 5`:
/// under 5, 5 or over), each as its lowest age and its words.
fn age_bands(mut limits: Vec<u32>) -> Vec<(u32, String)> {
    limits.sort_unstable();
    limits.dedup();
    let mut bands = Vec::new();
    let mut from: Option<u32> = None;
    for &limit in limits.iter().filter(|&&l| l > 0) {
        let words = match from {
            None => format!("if aged under {limit}"),
            Some(f) if f + 1 == limit => format!("if aged {f}"),
            Some(f) => format!("if aged {f} to {}", limit - 1),
        };
        bands.push((from.unwrap_or(0), words));
        from = Some(limit);
    }
    match from {
        Some(f) => bands.push((f, format!("if aged {f} or over"))),
        None => bands.push((0, String::new())),
    }
    bands
}

impl Set {
    /// Every combination of the unknowns (the age bands when `age_unknown`,
    /// then each of `stages`), each obligation once, at the earliest date a
    /// reading gives; one that no reading owes is not listed.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn readings(
        &self,
        event: &EventKind,
        date: NaiveDate,
        facts: &Facts,
        age_unknown: bool,
        stages: &[&Stage],
        cal: &Calendar,
        count_event_day: bool,
    ) -> Result<Vec<Due>, crate::calendar::OutOfRange> {
        let age = facts.dob.map(|d| age_on(d, date));
        let mut readings = vec![Reading { details: facts.details.clone(), age, words: Vec::new() }];
        if age_unknown {
            let limits = self
                .entries
                .iter()
                .filter(|(e, _)| e.event == *event)
                .filter_map(|(e, _)| e.when.as_ref())
                .flat_map(|w| w.age_under.into_iter().chain(w.age_from))
                .collect();
            let bands = age_bands(limits);
            readings = readings
                .into_iter()
                .flat_map(|r| {
                    bands.iter().map(move |(lowest, words)| {
                        let mut r = r.clone();
                        r.age = Some(*lowest);
                        r.words.push(words.clone());
                        r
                    })
                })
                .collect();
        }
        for s in stages {
            readings = readings
                .into_iter()
                .flat_map(|r| {
                    [(s.yes, s.if_yes), (s.no, s.if_no)].map(|(q, words)| {
                        let mut r = r.clone();
                        r.details.push(q.to_string());
                        r.words.push(words.to_string());
                        r
                    })
                })
                .collect();
        }
        let mut results = Vec::with_capacity(readings.len());
        for r in &readings {
            results.push(self.reading(event, date, &r.details, r.age, facts.dob, cal, count_event_day)?.0);
        }
        let mut cause_words: Vec<String> = Vec::new();
        if age_unknown {
            cause_words.push("the date of birth is missing".into());
        }
        if !stages.is_empty() {
            let what: Vec<&str> = stages.iter().map(|s| s.unknown).collect();
            cause_words.push(format!("the data cannot tell {}", what.join(" or ")));
        }
        let cause_words = cause_words.join(" and ");
        // The set's order, each obligation once.
        let mut names: Vec<&str> = Vec::new();
        for (e, _) in &self.entries {
            if e.event == *event && !names.contains(&e.obligation.as_str()) {
                names.push(&e.obligation);
            }
        }
        let mut out = Vec::new();
        for name in names {
            let found: Vec<Option<&Due>> =
                results.iter().map(|r| r.iter().find(|d| d.entry.obligation == name)).collect();
            let Some(earliest) = found.iter().flatten().min_by_key(|d| d.due) else { continue };
            // The first reading that gives the earliest date supplies the rule.
            let first = found.iter().flatten().find(|d| d.due == earliest.due).expect("the earliest is found");
            if found.iter().all(|d| d.is_some_and(|d| d.due == first.due)) {
                out.push((*first).clone());
                continue;
            }
            let latest =
                found.iter().map(|d| d.map(|d| d.due)).collect::<Option<Vec<_>>>().and_then(|v| v.into_iter().max());
            let age_rule = self.entries.iter().any(|(e, _)| e.event == *event && e.obligation == name && e.needs.age);
            let cause = if age_unknown && age_rule { Cause::Age } else { Cause::History };
            let note = unsure_note(&cause_words, first.due, &readings, &found);
            out.push(Due {
                entry: Rc::clone(&first.entry),
                due: first.due,
                unsure: Some(Rc::new(Unsure { cause, latest, note: Rc::from(note) })),
            });
        }
        Ok(out)
    }
}

/// "the date of birth is missing: the earlier possible due date is used
/// (2027-08-31 if aged 5 or over)"; "...: not owed if aged 3 or over".
fn unsure_note(cause: &str, earliest: NaiveDate, readings: &[Reading], found: &[Option<&Due>]) -> String {
    // The other outcomes, each with the readings that give it, in reading order.
    let mut others: Vec<(Option<NaiveDate>, Vec<String>)> = Vec::new();
    for (r, d) in readings.iter().zip(found) {
        let due = d.map(|d| d.due);
        if due == Some(earliest) {
            continue;
        }
        match others.iter_mut().find(|(o, _)| *o == due) {
            Some((_, words)) => words.push(r.words()),
            None => others.push((due, vec![r.words()])),
        }
    }
    let dated: Vec<String> = others.iter().filter_map(|(d, w)| d.map(|d| format!("{d} {}", w.join(" or ")))).collect();
    let not_owed: Vec<String> = others.iter().filter(|(d, _)| d.is_none()).flat_map(|(_, w)| w.clone()).collect();
    let not_owed = (!not_owed.is_empty()).then(|| format!("not owed {}", not_owed.join(" or ")));
    if dated.is_empty() {
        return format!("{cause}: {}", not_owed.unwrap_or_default());
    }
    let which = if readings.len() == 2 { "earlier" } else { "earliest" };
    let mut parts = dated;
    parts.extend(not_owed);
    format!("{cause}: the {which} possible due date is used ({})", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timescales::tests::{d, local};

    #[test]
    fn age_bands_and_their_words() {
        let words =
            |limits: Vec<u32>| age_bands(limits).into_iter().map(|(a, w)| format!("{a}: {w}")).collect::<Vec<_>>();
        assert_eq!(words(vec![5, 5]), ["0: if aged under 5", "5: if aged 5 or over"]);
        assert_eq!(words(vec![25, 21]), ["0: if aged under 21", "21: if aged 21 to 24", "25: if aged 25 or over"]);
        assert_eq!(words(vec![3, 4]), ["0: if aged under 3", "3: if aged 3", "4: if aged 4 or over"]);
        // A limit of 0 draws no line: one band, which no note names.
        assert_eq!(words(vec![0]), ["0: "]);
    }

    /// Two unknowns at once: every combination is a reading, and the note
    /// names each other date with the readings that give it.
    #[test]
    fn readings_combine_age_and_stage() {
        let set = local(&[
            "  - {event: cla-review, obligation: x, rule: 1 month, when: {detail: [first], age_under: 5}, source: s}",
            "  - {event: cla-review, obligation: x, rule: 2 months, when: {age_under: 5}, source: s}",
            "  - {event: cla-review, obligation: x, rule: 3 months, when: {detail: [first]}, source: s}",
        ]);
        let cal = Calendar::new(crate::calendar::Region::EnglandAndWales, Default::default());
        let kind = EventKind::ClaReview;
        let got = set.obligations(&kind, d("2026-01-10"), &Facts::default(), &cal, false).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].due, d("2026-02-10"));
        let u = got[0].unsure.as_deref().unwrap();
        assert_eq!((u.cause, u.latest), (Cause::Age, None));
        assert_eq!(
            &*u.note,
            "the date of birth is missing and the data cannot tell whether this was the first review: the earliest \
             possible due date is used (2026-03-10 if aged under 5 and it was a later one; 2026-04-10 if aged 5 or \
             over and it was the first; not owed if aged 5 or over and it was a later one)"
        );
        // Known facts: one date, no note.
        let facts = Facts { details: vec!["later".into()], dob: Some(d("2024-01-01")) };
        let got = set.obligations(&kind, d("2026-01-10"), &facts, &cal, false).unwrap();
        assert_eq!((got[0].due, got[0].unsure.is_none()), (d("2026-03-10"), true));
    }
}
