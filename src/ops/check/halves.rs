//! `check` on a large file's two halves at once (docs/performance.md). The first half
//! is read here, by the reader of the whole file stopped at the split, its
//! findings written as they come; the second by its own reader and engine on
//! the other core, its findings held, then written after the first half's
//! with their record numbers carried on: the output one reader would give.
//!
//! The halves are read apart only when the rows of one cannot change the
//! findings of the other: no group rule (a group may span the split), and
//! every key of the first half (primary or unique) less than every key of
//! the second, which holds for an export sorted by its key ([`Engine::keys_before`]).
//! Otherwise, or when a record straddles the split (a quoted cell over the
//! line end there), or the second half holds more findings than
//! [`HELD`], its work is dropped and the first reader reads on: every
//! finding, error and line is one reader's.

use super::{Check, settle};
use crate::check::RuleSet;
use crate::check::engine::{Context, Engine, Finding};
use crate::check::findings::{Counts, Held};
use crate::error::InputError;
use crate::io::csvin::{CsvFile, ReadNotes, Split};
use crate::io::output::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// How many findings the second half holds before it gives up (about
/// 200 bytes each): a file wrong on every row is read by one reader.
const HELD: usize = 1 << 17;

/// What the second half found.
struct Half<'a> {
    /// Its findings, numbered from its own first record.
    findings: Vec<Finding>,
    /// Its records checked (blank rows not among them).
    records: u64,
    /// The error that stopped it, after the findings before it.
    error: Option<InputError>,
    notes: ReadNotes,
    engine: Engine<'a>,
}

impl<'a> Check<'a> {
    /// Checks files of `bytes` or more in two halves (by default
    /// [`SPLIT_FROM`](crate::io::csvin::SPLIT_FROM)), for tests of small files.
    pub fn split_from(&mut self, bytes: u64) {
        self.split_from = bytes;
    }

    /// Whether the last run checked two halves at once and joined them
    /// (rather than reading on with one reader).
    pub fn joined(&self) -> bool {
        self.joined
    }

    /// Where the file splits, when it is checked in two halves.
    pub(super) fn halves(&self) -> Option<Split> {
        if self.engine.has_groups() {
            return None;
        }
        self.file.split_for_parts(self.split_from)
    }

    /// Checks the first half here and the second on another core, then
    /// writes the second's findings after the first's; or, when the two
    /// cannot be joined, reads on here.
    pub(super) fn in_halves(
        &mut self,
        split: Split,
        counts: &mut Counts,
        held: &mut Held,
        write: &mut impl FnMut(&[Cell]) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let (open, set, cx) = (self.file.second_part(), self.set, self.cx);
        let give_up = AtomicBool::new(false);
        self.file.stop_at(split.at);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| second_half(open(split).ok()?, set, cx, &give_up));
            let first = self.read_on(counts, held, write);
            // The second half's work is of no use after an error here.
            give_up.store(first.is_err(), Ordering::Relaxed);
            (first, second.join())
        });
        first?;
        let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let half = match second {
            Some(half) if self.file.stopped_at_split() && self.engine.keys_before(&half.engine) => half,
            _ => return self.read_on(counts, held, write),
        };
        self.joined = true;
        let before = self.file.row().record_number();
        let mut found = half.findings;
        for f in &mut found {
            f.record += before;
        }
        counts.records += half.records;
        settle(&self.name, &mut found, held, u64::MAX, counts, write)?;
        self.file.absorb(half.notes);
        match half.error {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }
}

/// Checks the second half with an engine of its own; `None` when it gives
/// up: too many findings to hold, keys out of order (which the first half's
/// cannot be told from), or told to.
fn second_half<'a>(mut file: CsvFile, set: &RuleSet, cx: &'a Context<'a>, give_up: &AtomicBool) -> Option<Half<'a>> {
    let (mut engine, _) = Engine::new(set, &file, cx).ok()?;
    let (mut findings, mut records, mut error) = (Vec::new(), 0, None);
    loop {
        let hashed = records % 1024 == 0 && engine.keys_hashed();
        if findings.len() > HELD || hashed || give_up.load(Ordering::Relaxed) {
            return None;
        }
        match file.next_record() {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                error = Some(e);
                break;
            }
        }
        records += 1;
        engine.row(&file, &mut findings);
    }
    Some(Half { findings, records, error, notes: file.notes(), engine })
}
