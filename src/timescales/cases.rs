//! Events in any order, cases out in case order (docs/due.md).
//!
//! An export already in case order is taken a case at a time ([`InOrder`]), in
//! constant memory; any other order is gathered in memory first ([`Gathered`]),
//! six bytes an event. Either way the cases come out in [`case_order`], and
//! each case's events are sorted when it is tracked, so the output is the same
//! whatever order the rows came in.

use super::building::Building;
pub use super::gather::{Apart, Gathered, Grouped};
use crate::model::events::{Case, Holder, Item, case_order};
use std::cmp::Ordering;

/// A case id that came after a later one in a file said to be in case order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfOrder {
    pub case: String,
    pub after: String,
}

/// Rows already in case order, a case at a time.
#[derive(Debug, Default)]
pub struct InOrder {
    current: Option<Building>,
}

impl InOrder {
    /// Adds a row; returns the previous case when this row starts a new one.
    pub fn add(&mut self, id: &str, holder: Holder, item: Item) -> Result<Option<Case>, OutOfOrder> {
        let mut done = None;
        match &mut self.current {
            Some(b) if b.id() == id => {}
            Some(b) => {
                if case_order(id, b.id()) != Ordering::Greater {
                    return Err(OutOfOrder { case: id.to_string(), after: b.id().to_string() });
                }
                done = self.current.replace(Building::new(id)).map(Building::finish);
            }
            None => self.current = Some(Building::new(id)),
        }
        if let Some(b) = &mut self.current {
            b.add(holder, item);
        }
        Ok(done)
    }

    pub fn finish(self) -> Option<Case> {
        self.current.map(Building::finish)
    }
}

/// Rows grouped into cases: a case at a time when they are known to be in case
/// order, else gathered first.
#[derive(Debug)]
pub enum Grouping {
    InOrder(InOrder),
    Gathered(Gathered),
}

impl Grouping {
    pub fn new(in_case_order: bool) -> Grouping {
        if in_case_order { Grouping::InOrder(InOrder::default()) } else { Grouping::Gathered(Gathered::default()) }
    }

    /// Rows gathered keep their lines: for input that cannot be read again
    /// to find them (see [`super::gather`]). Before any row is added.
    pub fn keeping_lines(self) -> Grouping {
        match self {
            Grouping::Gathered(_) => Grouping::Gathered(Gathered::keeping_lines()),
            in_order => in_order,
        }
    }

    /// Adds a row; returns a case that is complete (in case order only).
    pub fn add(&mut self, id: &str, holder: Holder, item: Item) -> Result<Option<Case>, OutOfOrder> {
        match self {
            Grouping::InOrder(s) => s.add(id, holder, item),
            Grouping::Gathered(g) => {
                g.add(id, holder, item);
                Ok(None)
            }
        }
    }

    /// The cases not yet returned: in case order, the last; else all of
    /// them, gathered.
    pub fn finish(self) -> Rest {
        match self {
            Grouping::InOrder(s) => Rest::Last(s.finish()),
            Grouping::Gathered(g) => Rest::Gathered(g.into_grouped()),
        }
    }
}

/// What is left once every row is read.
#[derive(Debug)]
pub enum Rest {
    /// The last case of rows in case order.
    Last(Option<Case>),
    /// Every case, of rows in any order.
    Gathered(Grouped),
}

impl IntoIterator for Rest {
    type Item = Case;
    type IntoIter = Box<dyn Iterator<Item = Case>>;

    /// The cases, in case order.
    fn into_iter(self) -> Self::IntoIter {
        match self {
            Rest::Last(last) => Box::new(last.into_iter()),
            Rest::Gathered(cases) => Box::new(cases.into_cases()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::events::Event;
    use chrono::NaiveDate;

    #[test]
    fn case_ids_in_number_order_then_text() {
        let mut ids = vec!["C10", "10", "9", "C9", "009", "1761444", "", "A", "0"];
        ids.sort_by(|a, b| case_order(a, b));
        assert_eq!(ids, ["0", "009", "9", "10", "1761444", "", "A", "C10", "C9"]);
        // A total order: whatever order they start in, they sort the same.
        let mut reversed: Vec<&str> = ids.iter().rev().copied().collect();
        reversed.sort_by(|a, b| case_order(a, b));
        assert_eq!(reversed, ids);
    }

    fn event(date: &str) -> Item {
        Item::Event(Event::new(
            crate::model::event_kind::EventKind::ClaVisit,
            NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            1,
        ))
    }

    #[test]
    fn a_case_is_held_by_its_latest_rows_team() {
        let mut g = Gathered::default();
        let t = |team| Holder { team: Some(team), worker: None };
        g.add("C1", t("North"), event("2026-03-01"));
        g.add("C2", t("South"), event("2026-01-01"));
        g.add("C1", t("South"), event("2026-05-01"));
        g.add("C1", Holder::default(), event("2026-06-01"));
        g.add("C1", t("East"), event("2026-04-01"));
        let cases: Vec<Case> = g.into_cases().collect();
        assert_eq!(cases.iter().map(|c| &*c.id).collect::<Vec<_>>(), ["C1", "C2"]);
        assert_eq!(cases[0].team.as_deref(), Some("South"));
        assert_eq!(cases[0].events.len(), 4);
    }

    #[test]
    fn rows_in_case_order_come_out_a_case_at_a_time() {
        let mut s = InOrder::default();
        let h = Holder::default();
        assert!(s.add("9", h, event("2026-01-01")).unwrap().is_none());
        assert!(s.add("9", h, event("2026-01-02")).unwrap().is_none());
        let nine = s.add("10", h, event("2026-01-01")).unwrap().unwrap();
        assert_eq!((&*nine.id, nine.events.len()), ("9", 2));
        let again = s.add("9", h, event("2026-01-01"));
        assert_eq!(again.err(), Some(OutOfOrder { case: "9".into(), after: "10".into() }));
        assert_eq!(s.finish().map(|c| c.id.to_string()), Some("10".into()));
    }
}
