//! A large events file in any order read in two halves at once, one per core
//! (docs/performance.md). The first half is read here, by the reader of the
//! whole file stopped at the split, its rows gathered as usual; the second by
//! a reader of its own on the other core, into a [`Gathered`] of its own,
//! which is then appended to the first's: the cases, kinds and rows are
//! numbered and held as one reader would have held them.
//!
//! The halves are joined only when nothing in the second needs saying by
//! line as it is met: a row that cannot be read, an event the timescales do
//! not know (the second reader cannot ask them: they stay on this thread),
//! a record over the split (a quoted cell across its line end). Otherwise the
//! second half's work is dropped and the first reader reads on, so every
//! message, and the line it names, is one reader's.

use crate::io::csvin::{CsvFile, ReadNotes};
use crate::model::event_kind::EventKind;
use crate::model::events::{EventsFile, Item, Vocabulary};
use crate::timescales::cases::{Apart, Gathered};
use std::sync::atomic::{AtomicBool, Ordering};

/// Files from this size are read in two halves at once, when their rows are
/// in any order: below it, a second thread costs more than it saves.
pub const SPLIT_FROM: u64 = 2 << 20;

/// The bytes of a short row: room is made for the rows of a half as if
/// every row were this short.
const SHORT_ROW: u64 = 16;

/// Room for the rows of `bytes` of the file: more than they need, as room
/// not filled takes no memory, while a block outgrown and copied is left
/// behind in the other thread's memory.
pub(super) fn rows_in(bytes: u64) -> usize {
    usize::try_from(bytes / SHORT_ROW).unwrap_or(usize::MAX)
}

/// What the second half gathered.
pub(super) struct Half {
    pub(super) gathered: Apart,
    /// A record-audit row was read.
    pub(super) record_audits: bool,
    /// The events' spellings met, each taken as known until checked here.
    pub(super) spellings: Vec<String>,
    pub(super) notes: ReadNotes,
}

impl Half {
    /// Whether every event the second half met is one `words` knows.
    pub(super) fn known(&self, words: &Vocabulary<'_>) -> bool {
        self.spellings.iter().all(|s| (words.event)(&s.to_ascii_lowercase()).is_ok())
    }
}

/// Reads the second half, `file`, of about `rows` rows at most, with
/// `details` the qualifiers known; `None` at a row that cannot be read or
/// when told to give up.
pub(super) fn second_half(file: CsvFile, rows: usize, details: &[&str], give_up: &AtomicBool) -> Option<Half> {
    let mut file = EventsFile::new(file).ok()?;
    let any = |_: &str| Ok(());
    let words = Vocabulary { event: &any, details };
    let (mut gathered, mut record_audits, mut read) = (Gathered::default(), false, 0u32);
    gathered.reserve(rows);
    while let Some(row) = file.next_row(&words).ok()? {
        let row = row.ok()?;
        read = read.wrapping_add(1);
        if read.is_multiple_of(4096) && give_up.load(Ordering::Relaxed) {
            return None;
        }
        if matches!(&row.item, Item::Event(e) if e.event == EventKind::RecordAudit) {
            record_audits = true;
        }
        let holder = crate::model::events::Holder { team: row.team.as_deref(), worker: row.worker.as_deref() };
        gathered.add(&row.case_id, holder, row.item);
    }
    Some(Half { gathered: gathered.apart(), record_audits, spellings: file.spellings(), notes: file.notes() })
}
