//! Who is told what about the month's selection. Each auditor is told the
//! files allocated to them (Good practice audit guidance: Overview, the
//! auditing managers are told by email which case was selected), and each
//! service manager the files prepared in their service and who audits each
//! (Quality Practice Audit §8). A worker's service manager is the nearest
//! `service_manager` above them in line management; where service managers
//! sit beside the chain rather than in it (reporting to a head of service, as
//! group managers do), it is the one active service manager who reports to the
//! nearest manager above the worker that has one. Two there is ambiguous, and
//! the file is counted as having none.
//!
//! This decides only who gets which files; the words are a template the edge
//! renders, and nothing is ever sent.

use super::{Pick, Selection};
use crate::model::staff::Staff;

/// The role that receives the service's list.
pub const SERVICE_MANAGER: &str = "service_manager";

/// Who a notice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recipient {
    Auditor,
    ServiceManager,
}

impl Recipient {
    pub fn as_str(self) -> &'static str {
        match self {
            Recipient::Auditor => "auditor",
            Recipient::ServiceManager => "service_manager",
        }
    }
}

/// One notice: its recipient (a staff number) and the picks it lists, in the
/// selection's order.
#[derive(Debug, Clone)]
pub struct Notice<'s> {
    pub kind: Recipient,
    pub to: u32,
    pub picks: Vec<&'s Pick>,
}

/// The notices for `sel`: one per auditor with a file, then one per service
/// manager with a file prepared in their service, each in staff-id order; and
/// how many files have no service manager above their worker.
pub fn notices<'s>(sel: &'s Selection, staff: &Staff) -> (Vec<Notice<'s>>, usize) {
    let mut auditors: Vec<Notice> = Vec::new();
    let mut managers: Vec<Notice> = Vec::new();
    let mut orphans = 0;
    let add = |list: &mut Vec<Notice<'s>>, kind, to: u32, pick: &'s Pick| match list.iter_mut().find(|n| n.to == to) {
        Some(n) => n.picks.push(pick),
        None => list.push(Notice { kind, to, picks: vec![pick] }),
    };
    // Service managers beside the chain, by the manager they report to.
    let mut beside: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for (i, m) in staff.members.iter().enumerate() {
        if let (true, true, Some(up)) = (m.active, m.role == SERVICE_MANAGER, m.manager) {
            beside.entry(up).or_default().push(i as u32);
        }
    }
    let service_manager = |worker: u32| {
        for m in staff.chain(worker) {
            if staff.member(m).role == SERVICE_MANAGER && staff.member(m).active {
                return Some(m);
            }
            match beside.get(&m).map(Vec::as_slice) {
                Some([one]) => return Some(*one),
                Some([_, _, ..]) => return None,
                _ => {}
            }
        }
        None
    };
    for pick in &sel.picks {
        if let Some(a) = pick.auditor {
            add(&mut auditors, Recipient::Auditor, a, pick);
        }
        match service_manager(pick.worker) {
            Some(sm) => add(&mut managers, Recipient::ServiceManager, sm, pick),
            None => orphans += 1,
        }
    }
    let by_id = |a: &Notice, b: &Notice| staff.member(a.to).id.cmp(&staff.member(b.to).id);
    auditors.sort_by(by_id);
    managers.sort_by(by_id);
    auditors.extend(managers);
    (auditors, orphans)
}
