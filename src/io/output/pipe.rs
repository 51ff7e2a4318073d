//! Standard output that a closed pipe stops quietly, without stopping the run.
//!
//! `caseaudit due ... | head -50` closes the pipe after fifty lines. Writing on
//! would fail with a broken pipe; ripgrep stops there and exits 0, which would
//! hide the run's own exit code from `set -o pipefail` and cron (docs/reference/conventions.md). So
//! once the reader has gone, everything written to standard output is dropped,
//! and the command runs to its end: its exit code is the whole run's, as if
//! nobody had stopped reading.
//!
//! Every command writes standard output through [`stdout`];
//! `tests/it/architecture.rs` checks that no other code does.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a write found the reader gone; never cleared.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output, which drops what is written once the reader has gone.
pub fn stdout() -> Stdout {
    Stdout(())
}

/// Whether the reader of standard output has gone: output may stop being
/// made, but the run goes on to its exit code.
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

pub struct Stdout(());

impl Stdout {
    /// What a write to the real standard output gave, with a broken pipe
    /// taken as "everything written" and remembered.
    fn guard<T>(r: io::Result<T>, all: T) -> io::Result<T> {
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                CLOSED.store(true, Ordering::Relaxed);
                Ok(all)
            }
            r => r,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if closed() {
            return Ok(buf.len());
        }
        Self::guard(io::stdout().lock().write(buf), buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if closed() {
            return Ok(());
        }
        Self::guard(io::stdout().lock().write_all(buf), ())
    }

    fn flush(&mut self) -> io::Result<()> {
        if closed() {
            return Ok(());
        }
        Self::guard(io::stdout().lock().flush(), ())
    }
}
