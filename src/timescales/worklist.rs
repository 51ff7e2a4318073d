//! The day's record audits for business support (Business support record
//! audit: Introduction): the audits owed after a transfer first, then after a
//! closure, then the 3-monthly ones; within each, the oldest first.

use super::report::Listed;
use super::status::Status;
use crate::model::event_kind::EventKind;
use crate::model::events::Case;
use chrono::NaiveDate;
use std::rc::Rc;

/// Which alert a record audit answers, in the order business support works them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Transfer summaries are prioritised and completed first.
    Transfer,
    /// Then closure records.
    Closure,
    /// Then the audit every 3 months while the case is open.
    ThreeMonthly,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Transfer => "transfer",
            Group::Closure => "closure",
            Group::ThreeMonthly => "3-monthly",
        }
    }

    fn of(event: &EventKind) -> Group {
        match event {
            EventKind::CaseTransferred => Group::Transfer,
            EventKind::CaseClosed => Group::Closure,
            _ => Group::ThreeMonthly,
        }
    }
}

/// One record audit owed.
#[derive(Debug, Clone)]
pub struct Entry {
    pub group: Group,
    pub case_id: Rc<str>,
    pub team: Option<String>,
    pub worker: Option<String>,
    pub event: EventKind,
    pub event_date: NaiveDate,
    pub obligation: Rc<str>,
    pub due: NaiveDate,
    pub status: Status,
    pub days_left: Option<i64>,
    pub note: Option<Rc<str>>,
}

/// The record audits owed as of a day, gathered case by case.
#[derive(Debug, Default)]
pub struct Worklist {
    entries: Vec<Entry>,
}

impl Worklist {
    pub const COLUMNS: [&'static str; 11] = [
        "group",
        "case_id",
        "team",
        "worker",
        "event",
        "event_date",
        "obligation",
        "due",
        "status",
        "days_left",
        "note",
    ];

    /// Takes an obligation if it is a record audit still owed: overdue or due
    /// soon, or untracked (the data holds no record audits, so it may be owed;
    /// listed as untracked, never as overdue). One met, missed or due later is
    /// not today's work.
    pub fn add(&mut self, case: &Case, listed: &Listed) {
        let t = &listed.tracked;
        if !t.due.entry.met_by(&EventKind::RecordAudit) {
            return;
        }
        let Some(status @ (Status::Overdue | Status::DueSoon | Status::Untracked)) = listed.status else { return };
        self.entries.push(Entry {
            group: Group::of(&t.event),
            case_id: Rc::clone(&case.id),
            team: case.team.clone(),
            worker: case.worker.clone(),
            event: t.event.clone(),
            event_date: t.event_date,
            obligation: Rc::clone(&t.due.entry.text.obligation),
            due: t.due.due,
            status,
            days_left: listed.days_left,
            note: t.note.clone(),
        });
    }

    /// The entries in working order: by group, then the oldest alert first (by
    /// its event's date, then its due date), then by case. The same audit
    /// owed twice (an alert exported twice) is listed once.
    pub fn into_rows(mut self) -> Vec<Entry> {
        self.entries.sort_by(|a, b| {
            (a.group, a.event_date, a.due, crate::model::events::order_key(&a.case_id), &a.obligation).cmp(&(
                b.group,
                b.event_date,
                b.due,
                crate::model::events::order_key(&b.case_id),
                &b.obligation,
            ))
        });
        self.entries.dedup_by(|a, b| {
            (a.group, &a.case_id, a.event_date, &a.obligation, a.due)
                == (b.group, &b.case_id, b.event_date, &b.obligation, b.due)
        });
        self.entries
    }
}

/// What a worklist holds, for the summary line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Transfers, closures, 3-monthly.
    pub by_group: [usize; 3],
    pub overdue: usize,
}

impl Tally {
    pub fn of(rows: &[Entry]) -> Tally {
        let mut t = Tally::default();
        for e in rows {
            t.by_group[e.group as usize] += 1;
            t.overdue += usize::from(e.status == Status::Overdue);
        }
        t
    }

    /// "7 record audits owed (2 after a transfer, 2 after a closure, 3 3-monthly), 5 overdue".
    pub fn line(&self) -> String {
        let [t, c, m] = self.by_group;
        format!(
            "{} owed ({t} after a transfer, {c} after a closure, {m} 3-monthly), {} overdue",
            crate::words::count(t + c + m, "record audit", "record audits"),
            self.overdue
        )
    }
}
