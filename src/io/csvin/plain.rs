//! The plain path: the data rows of a file with nothing for a CSV parser to
//! do (no quote, ASCII only, LF or CRLF line ends, every row as wide as the
//! header, no blank row or line) are cut at commas and line ends straight from
//! the bytes, without the csv crate's state machine or the per-record checks of
//! [`CsvFile::next_record`]. Anything else stops it, and the caller reads the
//! file (or part) again the usual way: the plain path gives the rows that
//! reading gives or none at all, never different ones.

use super::CsvFile;
use chrono::NaiveDate;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

/// The cells of one plain row, borrowed for the length of a callback.
pub struct Cells<'a> {
    /// The physical line the row is on.
    pub number: u64,
    line: &'a str,
    /// Where each cell ends in `line` (the comma's or the line's end).
    ends: &'a [u32],
}

impl<'a> Cells<'a> {
    /// The cell at `index` as written (not trimmed).
    pub fn text(&self, index: usize) -> &'a str {
        let start = if index == 0 { 0 } else { self.ends[index - 1] as usize + 1 };
        self.line.get(start..self.ends[index] as usize).unwrap_or_default()
    }

    /// The cell's bytes as written.
    pub fn get(&self, index: usize) -> &'a [u8] {
        self.text(index).as_bytes()
    }

    /// The cell as a date when it is exactly `YYYY-MM-DD` or `DD/MM/YYYY`, of
    /// a year from 1800 to 2200, and the day exists: the date
    /// [`parse_date`](crate::calendar::dates::parse_date) reads. `None` for
    /// anything else, which that reads or refuses.
    pub fn exact_date(&self, index: usize) -> Option<NaiveDate> {
        let b = self.get(index);
        if b.len() != 10 {
            return None;
        }
        let (y, m, d) = match (b[4], b[7], b[2], b[5]) {
            (b'-', b'-', _, _) => (&b[0..4], &b[5..7], &b[8..10]),
            (_, _, b'/', b'/') => (&b[6..10], &b[3..5], &b[0..2]),
            _ => return None,
        };
        let (y, m, d) = (digits(y)?, digits(m)?, digits(d)?);
        if !(1800..=2200).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        NaiveDate::from_ymd_opt(y as i32, m, d)
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// How much of the file is read at a time.
const CHUNK: usize = 1 << 20;

impl CsvFile {
    /// Gives each data row to `each` by the plain path, when this file (or
    /// part) can take it: returns `false` without having given a row, or
    /// having given rows the caller must discard, when it cannot (or when
    /// `each` returns `false`, for a cell it cannot take as given). After
    /// `true`, every row has been given, and [`notes`](Self::notes) counts them.
    pub fn plain_rows(&mut self, mut each: impl FnMut(&Cells<'_>) -> bool) -> bool {
        let Some((from, to, mut number)) = self.plain_range() else { return false };
        let Ok(mut f) = File::open(&self.name) else { return false };
        if f.seek(SeekFrom::Start(from)).is_err() {
            return false;
        }
        let width = self.raw_headers.len();
        let mut buf = vec![0u8; CHUNK];
        let (mut held, mut left, mut rows) = (0usize, to - from, 0u64);
        let mut ends: Vec<u32> = Vec::with_capacity(width + 1);
        loop {
            let want = (buf.len() - held).min(usize::try_from(left).unwrap_or(usize::MAX));
            let got = match f.read(&mut buf[held..held + want]) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => return false,
            };
            left -= got as u64;
            let last = got == 0 || left == 0;
            if memchr::memchr(b'"', &buf[held..held + got]).is_some() {
                return false;
            }
            let filled = held + got;
            // Whole lines, and at the end the last one without its line end.
            let upto = if last {
                filled
            } else {
                match memchr::memrchr(b'\n', &buf[..filled]) {
                    Some(i) => i + 1,
                    // A line longer than the buffer: a cell past MAX_FIELD, or
                    // near it; the usual path says what is wrong.
                    None => return false,
                }
            };
            // Whole lines of UTF-8 (Windows-1252 is the usual path's).
            let Ok(text) = std::str::from_utf8(&buf[..upto]) else { return false };
            let bytes = text.as_bytes();
            let crs = memchr::memchr(b'\r', bytes).is_some();
            let read_to = to - left;
            let mut start = 0;
            let mut row = |start: usize, mut end: usize, ends: &mut Vec<u32>| -> bool {
                if crs {
                    // CRLF ends a line; a CR anywhere else ends a record too.
                    if end > start && bytes[end - 1] == b'\r' {
                        end -= 1;
                    }
                    if memchr::memchr(b'\r', &bytes[start..end]).is_some() {
                        return false;
                    }
                }
                ends.push((end - start) as u32);
                if end == start || ends.len() != width {
                    return false;
                }
                let cells = Cells { number, line: &text[start..end], ends };
                if (0..width).all(|i| super::is_blank_cell(cells.get(i))) || !each(&cells) {
                    return false;
                }
                number += 1;
                rows += 1;
                if rows.is_multiple_of(65_536) {
                    self.progress.set(read_to);
                }
                true
            };
            for i in memchr::memchr2_iter(b',', b'\n', bytes) {
                if bytes[i] == b',' {
                    ends.push((i - start) as u32);
                    continue;
                }
                if !row(start, i, &mut ends) {
                    return false;
                }
                ends.clear();
                start = i + 1;
            }
            if start < upto && !row(start, upto, &mut ends) {
                return false;
            }
            ends.clear();
            if last {
                break;
            }
            buf.copy_within(upto..filled, 0);
            held = filled - upto;
        }
        self.notes.rows += rows;
        self.records += rows;
        true
    }

    /// The bytes of the file that hold this reader's data rows, when the
    /// plain path may read them: a file on disk, its header on its first line
    /// (not moved, no title above), and that line the header as read; and
    /// the line of the first row.
    fn plain_range(&self) -> Option<(u64, u64, u64)> {
        let (start, end) = self.plain?;
        if self.header_moved() || self.ahead_error.is_some() {
            return None;
        }
        if start > 0 {
            // The second part of a file split in two: its lines continue the
            // file's, which has `line_offset` more line ends before the
            // split than this reader's header holds.
            return Some((start, end, self.line_offset + self.notes.header_at + 1));
        }
        // The whole file, or its first part: the data starts after the first
        // line that is not blank, which must be the header as read.
        let mut f = File::open(&self.name).ok()?;
        let mut head = vec![0u8; 64 << 10];
        let n = f.read(&mut head).ok()?;
        let head = &head[..n];
        let (header_end, header_lines) = super::split::header_end(head)?;
        let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        let line = head[bom..header_end as usize].trim_ascii_start();
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.contains(&b'"') || line.contains(&b'\r') || !line.is_ascii() {
            return None;
        }
        let mut cells = line.split(|&b| b == b',');
        let same = self.raw_headers.iter().all(|h| cells.next() == Some(h.as_bytes())) && cells.next().is_none();
        (same && header_end <= end && header_lines == self.notes.header_at).then_some((header_end, end, header_lines + 1))
    }
}
