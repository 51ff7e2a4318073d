//! Why a case was not selected, or a worker got no file (`--explain`).
//!
//! A national caseload excludes hundreds of thousands of cases a month, and
//! most runs never print them. So an exclusion is decided as data (the case,
//! the worker, the reason, and the figures behind it) and put into words only
//! when it is shown: [`Excluded::detail`] renders the same sentence it always
//! did, from the staff and case records.

use crate::calendar::dates::Month;
use crate::model::cases::{Allocation, Cases};
use crate::model::staff::Staff;
use chrono::NaiveDate;
use std::borrow::Cow;

/// Reasons a case was not selected or a worker got no file (`--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Unallocated,
    WorkerNotInStaff,
    WorkerNotCaseworker,
    OutOfScope,
    ClosedTooLong,
    ClosedDateMissing,
    Restricted,
    AuditedRecently,
    SelectedRecently,
    NotRecordedByWorker,
    SiblingSelected,
    TakenByAnotherWorker,
    NoEligibleCase,
    NoIndependentAuditor,
    AuditorsAtCapacity,
    /// No active staff member holds one of the policy's auditor roles at all.
    NoAuditor,
    /// A selection already in the ledger this month names an auditor this
    /// policy does not allow (its role, their line management, their team).
    PinnedAuditorNotAllowed,
    /// A selection already in the ledger this month has no auditor, and this
    /// policy gives every file one (the month was selected under another).
    PinnedWithoutAuditor,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Unallocated => "unallocated",
            Reason::WorkerNotInStaff => "worker-not-in-staff",
            Reason::WorkerNotCaseworker => "worker-not-caseworker",
            Reason::OutOfScope => "out-of-scope",
            Reason::ClosedTooLong => "closed-too-long",
            Reason::ClosedDateMissing => "closed-date-missing",
            Reason::Restricted => "restricted",
            Reason::AuditedRecently => "audited-recently",
            Reason::SelectedRecently => "selected-recently",
            Reason::NotRecordedByWorker => "not-recorded-by-worker",
            Reason::SiblingSelected => "sibling-selected",
            Reason::TakenByAnotherWorker => "taken-by-another-worker",
            Reason::NoEligibleCase => "no-eligible-case",
            Reason::NoIndependentAuditor => "no-independent-auditor",
            Reason::AuditorsAtCapacity => "auditors-at-capacity",
            Reason::NoAuditor => "no-auditor",
            Reason::PinnedAuditorNotAllowed => "pinned-auditor-not-allowed",
            Reason::PinnedWithoutAuditor => "pinned-without-auditor",
        }
    }
}

/// The figures behind an exclusion's detail, rendered by [`Excluded::detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Words that do not depend on the case.
    Fixed(&'static str),
    /// Words made when the exclusion was decided (rare: ledger selections).
    Note(Box<str>),
    /// The case's service is not one the policy audits.
    ServiceNotInPolicy,
    /// Closed on `closed`, before `since`, the start of the policy's window.
    ClosedBefore { closed: NaiveDate, since: NaiveDate },
    /// Audited in `month`, so eligible again from `again`.
    Audited { month: Month, again: Month },
    /// Selected in `month`, so eligible again from `again`.
    Selected { month: Month, again: Month },
    /// The case's `worker_id` is not in the staff file.
    WorkerNotInStaff,
    /// The worker's role is not one of the policy's caseworker roles.
    RoleNotCaseworker,
    /// The worker's eligible cases, this many, were all taken.
    AllTaken(usize),
}

/// A case not selected, or (with no case) a caseworker left without a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub case: Option<u32>,
    /// The staff member concerned; `None` means the worker as written on the
    /// case (not in the staff file, or none).
    pub worker: Option<u32>,
    pub reason: Reason,
    pub detail: Detail,
}

impl Excluded {
    /// The exclusion of `case`, told to `worker`.
    pub fn case(case: u32, worker: Option<u32>, reason: Reason, detail: Detail) -> Excluded {
        Excluded { case: Some(case), worker, reason, detail }
    }

    /// The case's id, or "" for a worker left without a file.
    pub fn case_id<'a>(&self, cases: &'a Cases) -> &'a str {
        self.case.map(|c| cases.id(c)).unwrap_or("")
    }

    /// The worker's id: a staff member's, or as written on the case ("" when
    /// the case has none).
    pub fn worker_id<'a>(&self, staff: &'a Staff, cases: &'a Cases) -> &'a str {
        match (self.worker, self.case) {
            (Some(w), _) => &staff.member(w).id,
            (None, Some(c)) => match &cases.list[c as usize].worker {
                Allocation::Worker(w) => &staff.member(*w).id,
                Allocation::Unknown(id) => id,
                Allocation::Unallocated => "",
            },
            (None, None) => "",
        }
    }

    /// The detail, in words.
    pub fn detail<'a>(&'a self, staff: &Staff, cases: &Cases) -> Cow<'a, str> {
        match &self.detail {
            Detail::Fixed(words) => Cow::Borrowed(words),
            Detail::Note(words) => Cow::Borrowed(words),
            Detail::ServiceNotInPolicy => {
                let service = self.case.map(|c| cases.service(c)).unwrap_or("");
                format!("service '{service}' is not in the policy").into()
            }
            Detail::ClosedBefore { closed, since } => format!("closed {closed}, before {since}").into(),
            Detail::Audited { month, again } => format!("audited {month}; eligible again from {again}").into(),
            Detail::Selected { month, again } => format!("selected {month}; eligible again from {again}").into(),
            Detail::WorkerNotInStaff => {
                format!("worker '{}' is not in the staff file", self.worker_id(staff, cases)).into()
            }
            Detail::RoleNotCaseworker => {
                let role = self.worker.map(|w| staff.member(w).role.as_str()).unwrap_or("");
                format!("role '{role}' is not a caseworker role in the policy").into()
            }
            Detail::AllTaken(n) => format!("{n} eligible cases were all taken").into(),
        }
    }
}

/// The exclusions in the order they are listed: by worker id, then case id
/// (a worker's own "no eligible case" first), then reason.
pub fn in_order<'a>(excluded: &'a [Excluded], staff: &Staff, cases: &Cases) -> Vec<&'a Excluded> {
    let mut list: Vec<&Excluded> = excluded.iter().collect();
    list.sort_by_cached_key(|e| (e.worker_id(staff, cases), e.case_id(cases), e.reason));
    list
}
