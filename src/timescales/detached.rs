//! A timescale set as plain data, to build the same set on another thread
//! (: `due` tracks a shuffled file's cases on every core, docs/performance.md). A set
//! shares its texts and local event names by `Rc`, so it cannot be sent.

use super::readings::Needs;
use super::{Entry, Rule, Set, Texts, When};
use crate::calendar::Roll;
use crate::model::event_kind::EventKind;
use std::rc::Rc;

/// An entry, its events by name.
#[derive(Debug, Clone)]
struct Plain {
    event: String,
    obligation: String,
    rule: String,
    counted_as: Option<String>,
    roll: Option<Roll>,
    when: Option<When>,
    met_by: Vec<String>,
    until_age: Option<u32>,
    source: String,
    needs: Needs,
    parsed: Rule,
}

/// A set as plain data: [`Set::detach`], then [`Detached::build`].
#[derive(Debug, Clone)]
pub struct Detached {
    name: String,
    description: String,
    entries: Vec<Plain>,
}

impl Set {
    pub fn detach(&self) -> Detached {
        let entries = self
            .entries
            .iter()
            .map(|(e, parsed)| Plain {
                event: e.event.name().to_string(),
                obligation: e.obligation.clone(),
                rule: e.rule.clone(),
                counted_as: e.counted_as.clone(),
                roll: e.roll,
                when: e.when.clone(),
                met_by: e.met_by.iter().map(|m| m.name().to_string()).collect(),
                until_age: e.until_age,
                source: e.source.clone(),
                needs: e.needs,
                parsed: *parsed,
            })
            .collect();
        Detached { name: self.name.clone(), description: self.description.clone(), entries }
    }
}

impl Detached {
    /// The set, built here.
    pub fn build(&self) -> Set {
        let entries = self
            .entries
            .iter()
            .map(|p| {
                let text = Texts {
                    obligation: Rc::from(&*p.obligation),
                    rule: Rc::from(&*p.rule),
                    source: Rc::from(&*p.source),
                };
                let entry = Entry {
                    event: EventKind::from_name(&p.event),
                    obligation: p.obligation.clone(),
                    rule: p.rule.clone(),
                    counted_as: p.counted_as.clone(),
                    roll: p.roll,
                    when: p.when.clone(),
                    met_by: p.met_by.iter().map(|m| EventKind::from_name(m)).collect(),
                    until_age: p.until_age,
                    source: p.source.clone(),
                    text,
                    needs: p.needs,
                };
                (Rc::new(entry), p.parsed)
            })
            .collect();
        Set::new(self.name.clone(), self.description.clone(), entries)
    }
}

#[cfg(test)]
mod tests {
    use crate::timescales::tests::local;
    use crate::timescales::{BUILT_IN, parse};

    /// Built again from its plain data, a set has the same entries.
    #[test]
    fn the_same_set_built_again() {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == "default").unwrap();
        let default = parse("default", text).unwrap().set;
        let local = local(&[
            "  - {event: family-meeting, obligation: notes, rule: 2 days before, roll: forward, met_by: [notes-sent], source: s}",
            "  - {event: cla-review, obligation: x, rule: 1 month, when: {detail: [first], age_under: 5}, until_age: 25, source: s}",
        ]);
        for set in [default, local] {
            let again = set.detach().build();
            assert_eq!((&again.name, &again.description), (&set.name, &set.description));
            assert_eq!(format!("{:?}", again.entries), format!("{:?}", set.entries));
        }
    }
}
