//! Line numbers that are right for every line ending: the csv crate's own are
//! wrong for CRLF files, so the bytes are counted as they stream past.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

/// Counts physical lines as the bytes stream past. The csv crate's own line
/// numbers are wrong for CRLF files (it reports line 1 for the first data row), so
/// we keep the offsets of newlines not yet passed and convert a record's byte
/// offset into a line number. Memory is bounded by the reader's look-ahead.
#[derive(Debug, Default)]
pub(super) struct Lines {
    pending: VecDeque<u64>,
    passed: u64,
    /// Bytes read so far.
    read: u64,
}

/// Counts line ends as they stream past: LF, CRLF (once), and a lone CR, which
/// old Mac exports use and the csv crate treats as a line end too.
pub(super) struct Counting<R> {
    inner: R,
    offset: u64,
    lines: Rc<RefCell<Lines>>,
    /// A CR that ended the last chunk: a line end unless the next byte is LF.
    cr_at: Option<u64>,
}

impl Lines {
    /// The line ends at or before byte `start`, forgetting them as passed.
    pub(super) fn ends_before(&mut self, start: u64) -> u64 {
        while self.pending.front().is_some_and(|&nl| nl <= start) {
            self.pending.pop_front();
            self.passed += 1;
        }
        self.passed
    }

    pub(super) fn bytes_read(&self) -> u64 {
        self.read
    }
}

impl<R> Counting<R> {
    pub(super) fn new(inner: R, lines: Rc<RefCell<Lines>>) -> Counting<R> {
        Counting { inner, offset: 0, lines, cr_at: None }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        let mut lines = self.lines.borrow_mut();
        if let Some(cr) = self.cr_at.take()
            && chunk.first() != Some(&b'\n')
        {
            lines.pending.push_back(cr);
        }
        for i in memchr::memchr2_iter(b'\n', b'\r', chunk) {
            if chunk[i] == b'\n' {
                lines.pending.push_back(self.offset + i as u64);
            } else if i + 1 == n {
                self.cr_at = Some(self.offset + i as u64);
            } else if chunk[i + 1] != b'\n' {
                lines.pending.push_back(self.offset + i as u64);
            }
        }
        self.offset += n as u64;
        lines.read = self.offset;
        Ok(n)
    }
}
