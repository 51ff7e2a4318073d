//! What a `check` run found, in the order it is reported: counts by severity
//! and the records with findings, and findings held until the records before
//! them settle (a group's findings come when the group ends), so they come out
//! in record order with memory for one group's findings, not the file's.

use super::engine::Finding;
use crate::error::Tally;

/// The run's counts.
#[derive(Default)]
pub struct Counts {
    pub tally: Tally,
    pub records: u64,
    /// Records with a finding (memory grows with these, not with the input).
    pub with_findings: hashbrown::HashSet<u64, foldhash::fast::FixedState>,
}

impl Counts {
    /// Counts findings and the records they fall on.
    pub fn note(&mut self, found: &[Finding]) {
        for f in found {
            self.tally.add(f.severity);
            if f.record > 0 {
                self.with_findings.insert(f.record);
            }
        }
    }
}

/// Findings waiting for the records before them to settle, so that they come
/// out in record order.
#[derive(Default)]
pub struct Held {
    findings: Vec<Finding>,
    /// The smallest record held.
    first: Option<u64>,
}

impl Held {
    pub fn take(&mut self, found: &mut Vec<Finding>) {
        if let Some(min) = found.iter().map(|f| f.record).min() {
            self.first = Some(self.first.map_or(min, |m| m.min(min)));
        }
        self.findings.append(found);
    }

    /// Writes, in record order, the findings of records before `upto`.
    pub fn release(&mut self, upto: u64, mut write: impl FnMut(Finding) -> std::io::Result<()>) -> std::io::Result<()> {
        if self.first.is_none_or(|m| m >= upto) {
            return Ok(());
        }
        // Stable: a record's row findings keep their order; its group findings,
        // which came later, follow them.
        self.findings.sort_by_key(|f| f.record);
        let n = self.findings.partition_point(|f| f.record < upto);
        for f in self.findings.drain(..n) {
            write(f)?;
        }
        self.first = self.findings.first().map(|f| f.record);
        Ok(())
    }
}
