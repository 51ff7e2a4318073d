//! The selection ledger (docs/select.md): the history format, appended under a file
//! lock, atomically, and idempotently.
//!
//! The lock is an exclusive `std::fs::File::lock` on a sidecar `FILE.lock`, held
//! from before the ledger is read until the new ledger is in place, so two runs
//! cannot interleave. The ledger itself is replaced whole through
//! `atomic-write-file` (temporary file, fsync, rename): a run killed mid-write
//! leaves the old ledger, never half a row.

use crate::error::InputError;
use crate::error::io_reason;
use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The ledger and history columns, in order (docs/reference/input-files.md).
pub const COLUMNS: [&str; 6] = ["case_id", "date", "kind", "worker_id", "auditor_id", "month"];

/// Holds the ledger's lock until dropped; the lock file is removed then.
pub struct LedgerLock {
    file: File,
    lock_path: PathBuf,
    path: PathBuf,
}

impl LedgerLock {
    pub fn acquire(ledger: &Path) -> Result<LedgerLock, InputError> {
        let mut lock_path = ledger.as_os_str().to_owned();
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        let shown = lock_path.display().to_string();
        // The holder removes the lock file when it is done. A run that was
        // waiting on the old file then holds a lock on a file no longer at the
        // path, so it tries again on the path's current file (the usual
        // lock-then-check-the-inode dance), and two runs never both hold it.
        loop {
            let file =
                OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(|e| {
                    InputError::file(&shown, format!("cannot create the ledger lock: {}", io_reason(&e)))
                })?;
            file.lock().map_err(|e| InputError::file(&shown, format!("cannot lock the ledger: {}", io_reason(&e))))?;
            if same_file(&file, &lock_path) {
                return Ok(LedgerLock { file, lock_path, path: ledger.to_path_buf() });
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for LedgerLock {
    fn drop(&mut self) {
        // Removed while still locked, so no other run can have locked it since.
        let _ = std::fs::remove_file(&self.lock_path);
        let _ = self.file.unlock();
    }
}

/// Whether the open `file` is the one now at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere a file open by a run cannot be removed, so it is always the one.
#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// One row to append, in canonical column order (`COLUMNS`), and the case
/// it replaces this month, if any (the `replaces` column).
#[derive(Debug, Clone, Default)]
pub struct LedgerRow {
    pub cells: [String; 6],
    pub replaces: String,
}

/// What a run does to the ledger: one atomic write.
#[derive(Debug, Default)]
pub struct Change<'a> {
    /// `select --redo`: the month whose selections (and replaced picks) are
    /// voided.
    pub void: Option<&'a str>,
    /// Selections to mark `replaced`: (case id, month). A replaced pick counts
    /// for nothing: not a selection, nor an audit, in any later window.
    pub replaced: Vec<(String, String)>,
    /// New rows.
    pub rows: Vec<LedgerRow>,
}

/// The column a replacement names the pick it replaces in; written only once
/// a ledger has a replacement.
pub const REPLACES: &str = "replaces";

/// Appends `rows` to the ledger (creating it with a header if it does not exist),
/// writing the whole new file atomically. Rows follow the existing header's order.
pub fn append(lock: &LedgerLock, rows: &[LedgerRow]) -> anyhow::Result<()> {
    write(lock, &Change { rows: rows.to_vec(), ..Change::default() })
}

/// Makes `change` to the ledger in one atomic write, so a run that fails
/// leaves the old ledger in place: the month's old picks, never neither. Rows
/// left as they were keep their bytes.
pub fn write(lock: &LedgerLock, change: &Change) -> anyhow::Result<()> {
    if change.rows.is_empty() && change.void.is_none() && change.replaced.is_empty() {
        return Ok(());
    }
    let path = lock.path();
    let shown = path.display().to_string();
    let existing = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            return Err(InputError::file(&shown, format!("cannot read the ledger: {}", io_reason(&e))).into());
        }
    };
    let needs_replaces = !change.replaced.is_empty() || change.rows.iter().any(|r| !r.replaces.is_empty());
    let mut out = Vec::with_capacity(existing.len() + 64 * change.rows.len());
    let (order, replaces_at, width) = if existing.iter().all(|b| b.is_ascii_whitespace()) {
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if needs_replaces {
            header.push(REPLACES);
        }
        out.extend_from_slice(header.join(",").as_bytes());
        out.push(b'\n');
        ((0..COLUMNS.len()).collect::<Vec<_>>(), needs_replaces.then_some(COLUMNS.len()), header.len())
    } else {
        rewrite(&existing, change, needs_replaces, &shown, &mut out)?
    };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut out);
    for row in &change.rows {
        let mut cells = vec![String::new(); width];
        for (k, &at) in order.iter().enumerate() {
            cells[at] = row.cells[k].clone();
        }
        if let Some(at) = replaces_at {
            cells[at] = row.replaces.clone();
        }
        w.write_record(&cells)?;
    }
    w.flush()?;
    drop(w);
    // The rename is atomic: if writing fails, the old ledger is still in place.
    crate::io::output::write_atomic(path, &out).context("the ledger was left unchanged")
}

/// Where each of [`COLUMNS`] is, where `replaces` is, and how many columns.
type Layout = (Vec<usize>, Option<usize>, usize);

/// The existing ledger into `out` with `change`'s voiding and marking done
/// (and a `replaces` column added when one is needed and missing); returns
/// the layout new rows follow.
fn rewrite(
    existing: &[u8],
    change: &Change,
    needs_replaces: bool,
    shown: &str,
    out: &mut Vec<u8>,
) -> anyhow::Result<Layout> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(existing);
    let mut header = csv::ByteRecord::new();
    r.read_byte_record(&mut header)
        .map_err(|e| InputError::at(shown, 1, None, format!("the ledger's header is not valid CSV: {e}")))?;
    let mut names: Vec<String> = header.iter().map(|h| crate::words::normalise(&String::from_utf8_lossy(h))).collect();
    let order = COLUMNS
        .iter()
        .map(|c| {
            names.iter().position(|n| n == c).ok_or_else(|| {
                InputError::at(
                    shown,
                    1,
                    None,
                    format!("the ledger has no '{c}' column; a ledger needs {}", COLUMNS.join(",")),
                )
            })
        })
        .collect::<Result<Vec<usize>, _>>()?;
    let add = needs_replaces && !names.iter().any(|n| n == REPLACES);
    let header_end = r.position().byte() as usize;
    if add {
        let mut line = existing[..header_end].to_vec();
        while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            line.pop();
        }
        out.extend_from_slice(&line);
        out.extend_from_slice(b",replaces\n");
        names.push(REPLACES.into());
    } else {
        out.extend_from_slice(&existing[..header_end]);
    }
    let (kind, month, case) = (order[2], order[5], order[0]);
    let mut record = csv::ByteRecord::new();
    loop {
        let start = r.position().byte() as usize;
        let more = r
            .read_byte_record(&mut record)
            .map_err(|e| InputError::file(shown, format!("the ledger is not valid CSV: {e}")))?;
        let end = r.position().byte() as usize;
        if !more {
            break;
        }
        let field = |i: usize| record.get(i).map(|f| String::from_utf8_lossy(f).trim().to_string()).unwrap_or_default();
        let (k, m) = (field(kind).to_ascii_lowercase(), field(month));
        if change.void == Some(m.as_str()) && (k == "selected" || k == "replaced") {
            continue;
        }
        let marked = k == "selected" && change.replaced.iter().any(|(c, rm)| *c == field(case) && *rm == m);
        if !marked && !add {
            out.extend_from_slice(&existing[start..end]);
            continue;
        }
        let mut cells: Vec<String> = record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        cells.resize(names.len(), String::new());
        if marked {
            cells[kind] = "replaced".into();
        }
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut *out);
        w.write_record(&cells)?;
        w.flush()?;
    }
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let replaces_at = names.iter().position(|n| n == REPLACES);
    Ok((order, replaces_at, names.len()))
}
