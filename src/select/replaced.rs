//! A pick stands once made (docs/reference/conventions.md). When a selection of this month names a
//! case that has left the cases file, the worker is given another file, which
//! replaces it: the ledger records the new pick with `replaces` and marks the
//! old one `replaced`, which counts for nothing (neither a selection nor an
//! audit in any window), so the old case's return changes nothing.

use super::Selection;
use crate::calendar::dates::Month;
use crate::model::cases::Cases;
use crate::model::staff::Staff;

/// A selection of this month whose case has left the cases file: the
/// worker's new file replaces it (the rule: a pick stands once made; a
/// replacement is recorded with `replaces`, and the replaced pick is marked
/// `replaced`, which counts for nothing, so its case's return changes
/// nothing).
pub struct Replacement {
    pub worker: String,
    pub old: String,
    /// The worker's new file, if they were given one.
    pub new: Option<String>,
}

impl Replacement {
    pub fn words(&self, month: Month) -> String {
        match &self.new {
            Some(new) => format!(
                "{}'s file {} (selected for {month}) is no longer in the cases file; {new} replaces it \
                 (recorded with replaces: {}; {} is marked replaced and counts for nothing)",
                self.worker, self.old, self.old, self.old
            ),
            None => format!(
                "{}'s file {} (selected for {month}) is no longer in the cases file, and {} has no other \
                 eligible file",
                self.worker, self.old, self.worker
            ),
        }
    }
}

/// The replacement for each of this month's selections whose case has gone.
pub fn replacements(sel: &Selection, staff: &Staff, cases: &Cases, missing: &[(String, String)]) -> Vec<Replacement> {
    missing
        .iter()
        .map(|(old, worker)| {
            let new = sel
                .picks
                .iter()
                .find(|p| !p.from_ledger && staff.member(p.worker).id == *worker)
                .map(|p| cases.id(p.case).to_string());
            Replacement { worker: worker.clone(), old: old.clone(), new }
        })
        .collect()
}
