//! The parallel split: where a large file can be read in two parts at once.

use super::{CsvFile, ReadNotes};
use crate::error::InputError;
use std::fs::File;
use std::io;
use std::io::Read;

/// Files from this size are read in two halves at once (the history and the
/// cases files): below it, a second thread costs more than it saves.
pub const SPLIT_FROM: u64 = 32 << 20;

/// How much of a file is read at a time to find the split. Small enough
/// to come from the heap: a block of a megabyte or more is mapped on its own
/// and, once freed, makes the allocator (glibc's) keep every block below
/// that size in the heap, where the tables of a half read on another thread
/// would stay, grown and copied, after they are freed (docs/performance.md).
const BUF: usize = 64 << 10;

/// Runs `first` here and `second` on another core, and returns both, in that
/// order; a panic in `second` goes on here.
pub fn in_halves<A, B: Send>(first: impl FnOnce() -> A, second: impl FnOnce() -> B + Send) -> (A, B) {
    std::thread::scope(|scope| {
        let second = scope.spawn(second);
        let first = first();
        match second.join() {
            Ok(b) => (first, b),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Where a large file can be read in two parts at once: `at`, just after a
/// line end near the middle; `lines`, the line ends before it; `header`, the
/// bytes up to the end of the header line (blank lines before it included) and
/// `header_lines`, the line ends among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub at: u64,
    pub lines: u64,
    pub header: u64,
    pub header_lines: u64,
}

/// Where the header ends in `head`, the file's first bytes: after the first
/// line that is not blank (csv skips blank lines; a BOM is not content), with
/// the line ends up to there. `None` if it does not end within `head`.
pub(super) fn header_end(head: &[u8]) -> Option<(u64, u64)> {
    let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
    let (mut lines, mut content) = (0u64, false);
    for (i, &b) in head.iter().enumerate() {
        match b {
            b'\r' if head.get(i + 1) == Some(&b'\n') => {}
            b'\r' if i + 1 == head.len() => return None,
            b'\n' | b'\r' => {
                lines += 1;
                if content {
                    return Some((i as u64 + 1, lines));
                }
            }
            _ if i >= bom => content = true,
            _ => {}
        }
    }
    None
}

/// A split point for a file of at least `min_size` bytes, when a line end near
/// the middle is surely a record's end: the part before it holds no quote
/// character, so no quoted cell can span the split. `None` otherwise (small
/// files, standard input, a quote early on, no LF near the middle).
pub fn split_point(path: &str, min_size: u64) -> Option<Split> {
    find_split(path, min_size, false)
}

/// A split point as [`split_point`] finds one, with quotes before it (an
/// address with a comma is quoted on every row of most exports): the line
/// end may then be inside a quoted cell, so the caller reads the first part
/// with a reader of the whole file stopped there ([`CsvFile::stop_at`]),
/// which tells whether a record starts at the split.
pub(super) fn split_point_checked(path: &str, min_size: u64) -> Option<Split> {
    find_split(path, min_size, true)
}

fn find_split(path: &str, min_size: u64, quotes: bool) -> Option<Split> {
    // A workbook is read whole, as the CSV text of one sheet.
    if crate::error::workbook_path(path).is_some() {
        return None;
    }
    use std::io::{Seek, SeekFrom};
    if path == "-" {
        return None;
    }
    let mut f = File::open(path).ok()?;
    let size = f.metadata().ok()?.len();
    if size < min_size.max(2) {
        return None;
    }
    // The first LF at or after the middle, within a megabyte.
    f.seek(SeekFrom::Start(size / 2)).ok()?;
    let mut buf = vec![0u8; BUF];
    let (mut from, mut lf) = (size / 2, None);
    while lf.is_none() && from < size / 2 + (1 << 20) {
        let n = read_full(&mut f, &mut buf)?;
        if n == 0 {
            break;
        }
        lf = memchr::memchr(b'\n', &buf[..n]).map(|i| from + i as u64);
        from += n as u64;
    }
    let at = lf.filter(|&i| i < size / 2 + (1 << 20))? + 1;
    // Past the first kilobyte, which opening a file inspects for binary data:
    // the first part must see all of it, as reading in one go would.
    if at >= size || at <= 1024 {
        return None;
    }
    // With quotes, the line ends before the split are counted on the second
    // part's own core ([`CsvFile::second_part`]); here, only the header.
    let (lines, (header, header_lines)) = scan(&mut f, if quotes { at.min(1 << 20) } else { at }, quotes)?;
    Some(Split { at, lines: if quotes { 0 } else { lines }, header, header_lines })
}

/// The line ends before byte `at` of `path`, for [`CsvFile::second_part`].
fn lines_before(path: &str, at: u64) -> Option<u64> {
    scan(&mut File::open(path).ok()?, at, true).map(|(lines, _)| lines)
}

/// Reads `f` from its start up to byte `to`: the line ends (LF, CRLF once,
/// lone CR) and where the header ends ([`header_end`]). `None` if the header
/// does not end in the first [`BUF`] bytes or holds a quote, or, unless `quotes`,
/// at a quote anywhere.
fn scan(f: &mut File, to: u64, quotes: bool) -> Option<(u64, (u64, u64))> {
    use std::io::{Seek, SeekFrom};
    f.seek(SeekFrom::Start(0)).ok()?;
    let mut buf = vec![0u8; BUF];
    let (mut lines, mut header, mut pos, mut cr_last) = (0u64, None, 0u64, false);
    let mut left = to;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        let got = read_full(f, &mut buf[..want])?;
        if got == 0 {
            return None;
        }
        let chunk = &buf[..got];
        if !quotes && memchr::memchr(b'"', chunk).is_some() {
            return None;
        }
        if pos == 0 {
            let (end, lines) = header_end(chunk)?;
            // The header is read again before the second part: a quote in it
            // could make it more than its line.
            if memchr::memchr(b'"', &chunk[..end as usize]).is_some() {
                return None;
            }
            header = Some((end, lines));
        }
        if cr_last && chunk[0] != b'\n' {
            lines += 1;
        }
        for i in memchr::memchr2_iter(b'\n', b'\r', chunk) {
            if chunk[i] == b'\n' || chunk.get(i + 1).is_some_and(|&c| c != b'\n') {
                lines += 1;
            }
        }
        cr_last = chunk[got - 1] == b'\r';
        pos += got as u64;
        left -= got as u64;
    }
    Some((lines, header?))
}

/// Reads until `buf` is full or the file ends; `None` on an error.
fn read_full(f: &mut File, buf: &mut [u8]) -> Option<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(got)
}

impl CsvFile {
    /// A split point for reading this file in two parts at once, each part
    /// checked by a reader of its own ([`split_point_checked`]): a regular
    /// file of `min_size` bytes or more, opened whole, its header on its
    /// first line.
    pub fn split_for_parts(&self, min_size: u64) -> Option<Split> {
        let whole = self.plain.is_some_and(|(from, _, _)| from == 0) && self.line_offset == 0;
        if !whole || self.header_moved() || self.ahead_error.is_some() {
            return None;
        }
        split_point_checked(&self.name, min_size)
    }

    /// Opens the second part of this file at `split` ([`CsvFile::open_part`]),
    /// on any thread, having counted the line ends before it there: on the
    /// second part's core, while the first part is read on its own.
    pub fn second_part(&self) -> impl FnOnce(Split) -> Result<CsvFile, InputError> + Send + 'static {
        let (name, kind, map) = (self.name.clone(), self.kind, self.map.clone());
        move |mut split| {
            split.lines = lines_before(&name, split.at)
                .ok_or_else(|| InputError::file(&name, "cannot count the lines before its middle"))?;
            CsvFile::open_part(&name, kind, &map, split, true)
        }
    }

    /// Stops reading before the first record that starts at or after byte
    /// `at` of the file, a byte just after a line end: [`next_record`]
    /// gives `false` there and keeps the record, to give it when called again.
    ///
    /// [`next_record`]: CsvFile::next_record
    pub fn stop_at(&mut self, at: u64) {
        // The reader counts from after a BOM.
        self.stop = Some(at - self.bom);
    }

    /// After reading stopped at [`stop_at`](Self::stop_at)'s byte: whether a
    /// record starts there, so that the rows before it and those after it
    /// can be read apart. False if reading did not stop there (the file ended
    /// first) or a record straddles it (a quoted cell over that line end).
    pub fn stopped_at_split(&self) -> bool {
        // The csv crate gives a record's start as the byte after the record
        // before it (after a CRLF, the LF, one byte before the split); one
        // past the split started before it.
        self.stopped.zip(self.stop_was).is_some_and(|(start, at)| start <= at)
    }

    /// Takes in what reading the file's other part (read at the same time,
    /// by another reader) found to say.
    pub fn absorb(&mut self, other: ReadNotes) {
        self.windows_1252.set(self.windows_1252.get() || other.windows_1252);
        let mut respelt = self.respelt.borrow_mut();
        for r in &other.respelt {
            if !respelt.contains(r) {
                respelt.push(r.clone());
            }
        }
        drop(respelt);
        self.notes.merge(other);
    }
}
