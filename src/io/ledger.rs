//! The selection ledger (SPEC §3.9): the history format, appended under a file
//! lock, atomically, and idempotently.
//!
//! The lock is an exclusive `std::fs::File::lock` on a sidecar `FILE.lock`, held
//! from before the ledger is read until the new ledger is in place, so two runs
//! cannot interleave. The ledger itself is replaced whole through
//! `atomic-write-file` (temporary file, fsync, rename): a run killed mid-write
//! leaves the old ledger, never half a row.

use crate::error::InputError;
use crate::io::csvin::io_reason;
use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The ledger and history columns, in order (SPEC §2).
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

/// The ledger's bytes without the `selected` rows of `month`: the header and
/// every other row as they were.
fn without_selections(existing: &[u8], names: &[String], month: &str, shown: &str) -> anyhow::Result<Vec<u8>> {
    let col = |c: &str| names.iter().position(|n| n == c);
    let (Some(kind), Some(m)) = (col("kind"), col("month")) else { return Ok(existing.to_vec()) };
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(existing);
    let mut out = Vec::with_capacity(existing.len());
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    loop {
        let start = r.position().byte() as usize;
        let more = r
            .read_byte_record(&mut record)
            .map_err(|e| InputError::file(shown, format!("the ledger is not valid CSV: {e}")))?;
        let end = r.position().byte() as usize;
        if !more {
            break;
        }
        let field = |i: usize| record.get(i).map(|f| String::from_utf8_lossy(f).trim().to_ascii_lowercase());
        let voided = !first && field(kind).as_deref() == Some("selected") && field(m).as_deref() == Some(month);
        if !voided {
            out.extend_from_slice(&existing[start..end]);
        }
        first = false;
    }
    Ok(out)
}

/// One row to append, in canonical column order (`COLUMNS`).
pub type LedgerRow = [String; 6];

/// Appends `rows` to the ledger (creating it with a header if it does not exist),
/// writing the whole new file atomically. Rows follow the existing header's order.
pub fn append(lock: &LedgerLock, rows: &[LedgerRow]) -> anyhow::Result<()> {
    replace_month(lock, None, rows)
}

/// Appends `rows`, having first voided (`select --redo`) the selections of
/// `void` already in the ledger: one atomic write, so a run that fails leaves
/// the month's old picks in place, never neither.
pub fn replace_month(lock: &LedgerLock, void: Option<&str>, rows: &[LedgerRow]) -> anyhow::Result<()> {
    if rows.is_empty() && void.is_none() {
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
    let mut order: Vec<usize> = (0..COLUMNS.len()).collect();
    let mut width = COLUMNS.len();
    let mut out = existing.clone();
    if existing.iter().all(|b| b.is_ascii_whitespace()) {
        out.clear();
        out.extend_from_slice(COLUMNS.join(",").as_bytes());
        out.push(b'\n');
    } else {
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(existing.as_slice());
        let mut header = csv::StringRecord::new();
        r.read_record(&mut header)
            .map_err(|e| InputError::at(&shown, 1, None, format!("the ledger's header is not valid CSV: {e}")))?;
        let names: Vec<String> = header.iter().map(crate::words::normalise).collect();
        width = names.len();
        order = COLUMNS
            .iter()
            .map(|c| {
                names.iter().position(|n| n == c).ok_or_else(|| {
                    InputError::at(
                        &shown,
                        1,
                        None,
                        format!("the ledger has no '{c}' column; a ledger needs {}", COLUMNS.join(",")),
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        if let Some(month) = void {
            out = without_selections(&existing, &names, month, &shown)?;
        }
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
    }
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(&mut out);
        for row in rows {
            let mut cells = vec![String::new(); width];
            for (k, &at) in order.iter().enumerate() {
                cells[at] = row[k].clone();
            }
            w.write_record(&cells)?;
        }
        w.flush()?;
    }
    // The rename is atomic: if writing fails, the old ledger is still in place.
    crate::io::output::write_atomic(path, &out).context("the ledger was left unchanged")
}
