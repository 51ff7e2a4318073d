//! The plain path: the data rows of a file with nothing for a CSV parser to
//! do (no quote, ASCII only, LF or CRLF line ends, every row as wide as the
//! header, no blank row or line) are cut at commas and line ends straight from
//! the bytes, without the csv crate's state machine or the per-record checks of
//! [`CsvFile::next_record`]. Anything else stops it, and the caller reads the
//! file (or part) again the usual way: the plain path gives the rows that
//! reading gives or none at all, never different ones.

use super::CsvFile;
use super::seps::Seps;
use chrono::NaiveDate;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

/// The cells of one plain row, borrowed for the length of a callback.
pub struct Cells<'a> {
    /// The physical line the row is on.
    pub number: u64,
    line: &'a str,
    /// Where each cell ends in `line` (the comma's or the line's end), after
    /// a 0 for where the first begins.
    ends: &'a [u32],
}

impl<'a> Cells<'a> {
    /// The cell at `index` as written (not trimmed).
    pub fn text(&self, index: usize) -> &'a str {
        match self.ends.get(index..index + 2) {
            // A cell starts after the comma that ends the one before.
            Some(&[a, b]) => self.line.get((a + u32::from(index > 0)) as usize..b as usize).unwrap_or_default(),
            _ => "",
        }
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
        let n = |i: usize| u32::from(b[i].wrapping_sub(b'0'));
        // The places of the year's, the month's and the day's digits.
        let [y0, m0, d0] = match (b[4], b[7], b[2], b[5]) {
            (b'-', b'-', _, _) => [0, 5, 8],
            (_, _, b'/', b'/') => [6, 3, 0],
            _ => return None,
        };
        let all = [y0, y0 + 1, y0 + 2, y0 + 3, m0, m0 + 1, d0, d0 + 1];
        if all.iter().any(|&i| n(i) > 9) {
            return None;
        }
        let y = n(y0) * 1000 + n(y0 + 1) * 100 + n(y0 + 2) * 10 + n(y0 + 3);
        let (m, d) = (n(m0) * 10 + n(m0 + 1), n(d0) * 10 + n(d0 + 1));
        if !(1800..=2200).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        NaiveDate::from_ymd_opt(y as i32, m, d)
    }
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
        let mut ends: Vec<u32> = Vec::with_capacity(width + 2);
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
                if end == start || ends.len() != width + 1 {
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
            ends.push(0);
            for i in Seps::new(bytes, *b",\n") {
                if bytes[i] == b',' {
                    ends.push((i - start) as u32);
                    continue;
                }
                if !row(start, i, &mut ends) {
                    return false;
                }
                ends.truncate(1);
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
        let (start, end, first_line) = self.plain?;
        if self.header_moved() || self.ahead_error.is_some() {
            return None;
        }
        if start > 0 {
            // The second part of a file split in two: its lines continue the
            // file's, from the line after the split.
            return Some((start, end, first_line));
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
        (same && header_end <= end && header_lines == self.notes.header_at).then_some((
            header_end,
            end,
            header_lines + 1,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::columns::ColumnMap;

    /// Rows as (line, cells).
    type Rows = Vec<(u64, Vec<String>)>;

    /// Every row of `bytes`: by the plain path if it takes the file, else
    /// `None`; and the usual way.
    fn both(bytes: &[u8]) -> (Option<Rows>, Rows) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, bytes).unwrap();
        let path = path.to_str().unwrap();
        let map = ColumnMap::default();
        let mut f = CsvFile::open(path, "check", &map).unwrap();
        let width = f.raw_headers.len();
        let mut plain = Vec::new();
        let taken = f.plain_rows(|c| {
            plain.push((c.number, (0..width).map(|i| c.text(i).to_string()).collect()));
            true
        });
        let mut f = CsvFile::open(path, "check", &map).unwrap();
        let mut usual = Vec::new();
        while f.next_record().unwrap_or(false) {
            usual.push((f.row().line(), f.fields().map(|c| c.into_owned()).collect()));
        }
        (taken.then_some(plain), usual)
    }

    #[test]
    fn plain_rows_are_the_rows_read_the_usual_way() {
        for bytes in [
            &b"a,b,c\n1,2,3\n,, x\n4,5,6"[..],
            b"a,b\r\n1,2\r\n3,\r\n",
            b"\xEF\xBB\xBFa,b\n\xC3\xA9t\xC3\xA9,2\n",
            b"a,b,c,d,e,f,g,h,i\n1,22,333,4444,55555,666666,7777777,88888888,999999999\n,,,,,,,,z\n",
        ] {
            let (plain, usual) = both(bytes);
            assert_eq!(plain.as_ref(), Some(&usual), "{}", String::from_utf8_lossy(bytes));
        }
        // Blank lines above the header: the plain path may pass the file to
        // the usual way; if it reads it, it reads the same.
        let (plain, usual) = both(b"\n\na,b\r\n1,2\r\n3,\r\n");
        assert!(plain.is_none_or(|p| p == usual));
    }

    #[test]
    #[cfg(unix)]
    fn a_pipe_is_left_to_the_usual_way() {
        // Opened again, a pipe (as `<(...)` gives) would lose what it read.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.csv");
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
        let to = path.clone();
        let writer = std::thread::spawn(move || std::fs::write(&to, b"a,b\n1,2\n3,4\n").unwrap());
        let mut f = CsvFile::open(path.to_str().unwrap(), "check", &ColumnMap::default()).unwrap();
        assert!(!f.plain_rows(|_| true));
        let mut rows = 0;
        while f.next_record().unwrap() {
            rows += 1;
        }
        assert_eq!(rows, 2);
        writer.join().unwrap();
    }

    #[test]
    fn what_the_plain_path_does_not_take() {
        for bytes in [
            &b"a,b\n\"1\",2\n"[..],
            b"a,b\n1,2\r3,4\n",
            b"a,b\n1,2,3\n",
            b"a,b\n1\n",
            b"a,b\n , \n1,2\n",
            b"a,b\n1,2\n\n3,4\n",
            b"a,b\n\x93x\x94,2\n",
            b"title\na,b\n1,2\n",
        ] {
            assert_eq!(both(bytes).0, None, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn exact_dates_are_those_parse_date_reads() {
        for s in ["2026-11-22", "22/11/2026", "2024-02-29", "2023-02-29", "1799-01-01", "2026-13-01", "2026-1-01", "x"]
        {
            let line = format!("{s},");
            let ends = [0, s.len() as u32, line.len() as u32];
            let cells = Cells { number: 2, line: &line, ends: &ends };
            let parsed = crate::calendar::dates::parse_date(s).ok();
            // Where it reads a date, it is parse_date's; where not, parse_date decides.
            if let Some(d) = cells.exact_date(0) {
                assert_eq!(Some(d), parsed, "{s}");
            }
            assert_eq!(cells.exact_date(0).is_some(), ["2026-11-22", "22/11/2026", "2024-02-29"].contains(&s), "{s}");
        }
    }
}
