//! Who is told what about the month's selection. Each auditor is told the
//! files allocated to them (Good practice audit guidance: Overview, the
//! auditing managers are told by email which case was selected), and each
//! service manager the files prepared in their service and who audits each
//! (Quality Practice Audit §8). A worker's service manager is the nearest
//! active `service_manager` above them in line management, or beside the chain
//! ([`Staff::nearest`]); where that is ambiguous the file is counted as having
//! none.
//!
//! This decides only who gets which files; the words are a template the edge
//! renders, and nothing is ever sent.

use super::{Pick, Selection};
use crate::model::staff::Staff;
use std::collections::BTreeMap;

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
    // Each recipient's picks, in the selection's order, keyed by staff id so
    // the notices come out in id order.
    let mut auditors: BTreeMap<&str, (u32, Vec<&'s Pick>)> = BTreeMap::new();
    let mut managers: BTreeMap<&str, (u32, Vec<&'s Pick>)> = BTreeMap::new();
    let mut orphans = 0;
    let add = |list: &mut BTreeMap<_, (u32, Vec<_>)>, to: u32, pick| {
        list.entry(staff.member(to).id.as_str()).or_insert_with(|| (to, Vec::new())).1.push(pick)
    };
    let service_manager = staff.nearest(|m| m.active && m.role == SERVICE_MANAGER);
    for pick in &sel.picks {
        if let Some(a) = pick.auditor {
            add(&mut auditors, a, pick);
        }
        match service_manager.above(pick.worker) {
            Some(sm) => add(&mut managers, sm, pick),
            None => orphans += 1,
        }
    }
    let notices =
        |kind, list: BTreeMap<_, (u32, Vec<_>)>| list.into_values().map(move |(to, picks)| Notice { kind, to, picks });
    let out = notices(Recipient::Auditor, auditors).chain(notices(Recipient::ServiceManager, managers)).collect();
    (out, orphans)
}
