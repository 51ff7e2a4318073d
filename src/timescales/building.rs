//! A case put together from its rows, whatever their order: shared by the
//! rows read in case order ([`super::cases::InOrder`]) and the rows read
//! again to say which row a message is about ([`one_case`]).

use crate::model::events::{Case, Holder, Item};
use chrono::NaiveDate;
use std::rc::Rc;

/// A case being put together from its rows. Its team and worker are those of
/// its latest-dated row that names one (ties: the first in text order), so a
/// case transferred between teams shows where it is now, whatever the row order.
#[derive(Debug, Default)]
pub(super) struct Building {
    case: Case,
    team_on: Option<(NaiveDate, String)>,
    worker_on: Option<(NaiveDate, String)>,
}

impl Building {
    pub(super) fn new(id: &str) -> Building {
        Building { case: Case { id: Rc::from(id), ..Case::default() }, ..Building::default() }
    }

    /// The case's id.
    pub(super) fn id(&self) -> &str {
        &self.case.id
    }

    pub(super) fn add(&mut self, holder: Holder, item: Item) {
        let on = match &item {
            Item::Event(e) => e.date,
            Item::Pending(_) => NaiveDate::MIN,
        };
        keep_latest(&mut self.team_on, on, holder.team);
        keep_latest(&mut self.worker_on, on, holder.worker);
        match item {
            Item::Event(e) => self.case.events.push(e),
            Item::Pending(p) => self.case.pending.push(p),
        }
    }

    pub(super) fn finish(mut self) -> Case {
        self.case.team = self.team_on.map(|(_, t)| t);
        self.case.worker = self.worker_on.map(|(_, w)| w);
        self.case
    }
}

pub(super) fn keep_latest(slot: &mut Option<(NaiveDate, String)>, on: NaiveDate, value: Option<&str>) {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return };
    let better = match slot {
        None => true,
        Some((d, s)) => on > *d || (on == *d && v < s.as_str()),
    };
    if better {
        *slot = Some((on, v.to_string()));
    }
}

/// One case rebuilt from its rows, each with its line: to say which row a
/// message is about when the gathered rows did not keep their lines.
pub fn one_case<'a>(id: &str, rows: impl IntoIterator<Item = (Holder<'a>, Item)>) -> Case {
    let mut b = Building::new(id);
    for (holder, item) in rows {
        b.add(holder, item);
    }
    b.finish()
}
