//! The records of a stream, as the csv crate's reader reads them (flexible,
//! no header row, `,` and `"`, any of CR, LF and CRLF ending a record), with
//! the same start offsets; a line it would read as plain cells is cut here
//! straight from the buffer (docs/performance.md). That is a line with no
//! quote but at a cell's two ends, no `""` and no line end in a cell, ended
//! by LF or CRLF: an export that quotes every address is all such lines.
//! Anything else, and the file's first record (`csv-core` drops a BOM
//! there), goes through `csv-core`, as it did in the csv crate.

use super::rec::Rec;
use super::seps::Seps;
use csv_core::ReadRecordResult;
use std::io::{self, Read};
use std::ops::Range;

/// How many bytes are read at a time (the csv crate's buffer, as set before).
const BUFFER: usize = 1 << 16;

pub(super) struct Source<R> {
    inner: R,
    core: csv_core::Reader,
    buf: Box<[u8]>,
    /// The unread bytes are `buf[pos..end]`.
    pos: usize,
    end: usize,
    /// The stream's offset of `buf[pos]`.
    at: u64,
    /// The stream gave 0 bytes: it has ended.
    drained: bool,
    /// The last record has been read, or reading failed.
    done: bool,
    /// `csv-core` has read the start of the stream.
    started: bool,
    /// `csv-core`'s output: the cells' bytes, and where each ends.
    cells: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: Read> Source<R> {
    pub(super) fn new(inner: R) -> Source<R> {
        Source {
            inner,
            core: csv_core::Reader::new(),
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            end: 0,
            at: 0,
            drained: false,
            done: false,
            started: false,
            cells: vec![0; 1024],
            ends: vec![0; 32],
        }
    }

    /// Reads the next record into `rec`; `false` at the end. `rec`'s
    /// position is the byte after the record before it, as the csv crate
    /// gives it.
    pub(super) fn read(&mut self, rec: &mut Rec) -> io::Result<bool> {
        rec.reset(self.at);
        if self.done {
            return Ok(false);
        }
        if self.started && self.plain(rec) {
            return Ok(true);
        }
        rec.reset(self.at);
        self.by_core(rec)
    }

    /// Reads once into the free end of the buffer, after moving the unread
    /// bytes to its start when `compact`; `false` at the end of the stream.
    fn fill(&mut self, compact: bool) -> io::Result<bool> {
        if compact && self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            // A line longer than the buffer: `csv-core` reads it in parts.
            return Ok(false);
        }
        let n = self.inner.read(&mut self.buf[self.end..])?;
        self.end += n;
        self.drained = n == 0;
        Ok(n > 0)
    }

    /// The next record, through `csv-core`, as the csv crate reads it.
    fn by_core(&mut self, rec: &mut Rec) -> io::Result<bool> {
        let (mut out, mut ended) = (0, 0);
        loop {
            if self.pos == self.end {
                (self.pos, self.end) = (0, 0);
                if let Err(e) = self.fill(false) {
                    self.done = true;
                    return Err(e);
                }
            }
            let input = &self.buf[self.pos..self.end];
            let (res, nin, nout, nend) = self.core.read_record(input, &mut self.cells[out..], &mut self.ends[ended..]);
            self.started = true;
            self.pos += nin;
            self.at += nin as u64;
            (out, ended) = (out + nout, ended + nend);
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.cells.resize(self.cells.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    let (bytes, cells) = rec.parts();
                    bytes.extend_from_slice(&self.cells[..out]);
                    let mut from = 0;
                    for &to in &self.ends[..ended] {
                        cells.push(from..to);
                        from = to;
                    }
                    return Ok(true);
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
    }

    /// The next record when it is a plain line, whole in the buffer (after
    /// reading on if need be): the line and its cells' places put in `rec`,
    /// and `true`. `false` for anything else, having read nothing (`rec` may
    /// hold cells).
    fn plain(&mut self, rec: &mut Rec) -> bool {
        // Blank lines before a record are passed over as part of it.
        let Some(skip) = self.buf[self.pos..self.end].iter().position(|&b| b != b'\n' && b != b'\r') else {
            return false;
        };
        let (bytes, cells) = rec.parts();
        let mut used = plain_record(&self.buf[self.pos + skip..self.end], cells);
        let whole = || memchr::memchr(b'\n', &self.buf[self.pos + skip..self.end]).is_some();
        if used.is_none() && !self.drained && !whole() {
            // The line goes on past the buffer: read on, and cut it again. A
            // read that fails here fails again through `csv-core`.
            cells.clear();
            if self.fill(true).unwrap_or(false) {
                used = plain_record(&self.buf[self.pos + skip..self.end], cells);
            }
        }
        let Some(used) = used else { return false };
        bytes.extend_from_slice(&self.buf[self.pos + skip..self.pos + skip + used]);
        self.pos += skip + used;
        self.at += (skip + used) as u64;
        true
    }
}

/// Pushes to `cells` where in `bytes` lie the cells of the record at its
/// start, when it is a plain line: ended by LF or CRLF, each cell either
/// unquoted with no quote or CR, or quoted with no quote or line end inside
/// (the line is then copied from `bytes` as it is). Returns the bytes
/// `csv-core` takes for it: the line, less the LF after a CR (it passes that
/// over before the next record). `None` for any other record, or a line
/// `bytes` does not end.
fn plain_record(bytes: &[u8], cells: &mut Vec<Range<usize>>) -> Option<usize> {
    // Where the cell starts, and whether it is quoted.
    let (mut from, mut quoted) = (0, false);
    for i in Seps::new(bytes, *b",\"\r\n") {
        match bytes[i] {
            // The comma after a closing quote.
            _ if i < from => {}
            b',' if quoted => {}
            b',' => {
                cells.push(from..i);
                from = i + 1;
            }
            b'"' if quoted => {
                cells.push(from + 1..i);
                match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(b','), _) => (from, quoted) = (i + 2, false),
                    (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => return Some(i + 2),
                    _ => return None,
                }
            }
            b'"' if i == from => quoted = true,
            b'\n' if !quoted => {
                cells.push(from..i);
                return Some(i + 1);
            }
            b'\r' if !quoted && bytes.get(i + 1) == Some(&b'\n') => {
                cells.push(from..i);
                return Some(i + 1);
            }
            // A quote inside an unquoted cell, a line end inside a quoted
            // one, a CR on its own.
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that gives at most `step` bytes a read.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Records as (start, cells).
    type Records = Vec<(u64, Vec<Vec<u8>>)>;

    /// Every record of `bytes` with its start, as read here and as the csv
    /// crate reads it.
    fn both(bytes: &[u8], step: usize) -> (Records, Records) {
        let mut here = Vec::new();
        let mut source = Source::new(Trickle(bytes, step));
        let mut rec = Rec::default();
        while source.read(&mut rec).unwrap() {
            here.push((rec.start(), rec.iter().map(<[u8]>::to_vec).collect()));
        }
        assert!(!source.read(&mut rec).unwrap());
        let mut rec = csv::ByteRecord::new();
        let mut theirs = Vec::new();
        // Read the same way: `csv-core` drops a BOM only when its first
        // read holds all three bytes.
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(Trickle(bytes, step));
        while reader.read_byte_record(&mut rec).unwrap() {
            theirs.push((rec.position().unwrap().byte(), rec.iter().map(<[u8]>::to_vec).collect()));
        }
        (here, theirs)
    }

    #[test]
    fn records_and_their_starts_are_the_csv_crate_s() {
        let cases: [&[u8]; 22] = [
            b"a,b,c\n1,\"2, two\",3\n4,5,6\n",
            b"a,b\r\n\"x\",\"\"\r\n\"\",y\r\n",
            b"a,b\n\"say \"\"hi\"\"\",2\n3,4",
            b"a,b\n\"two\nlines\",2\n3,\"cr\rin\"\n",
            b"a,b\n1,x\"y\n\"q\"z,2\n\"q\" ,3\n",
            b"a,b\n1,2\r3,4\r\n5,6\n\n\r\n\n7,8\n",
            b"\xEF\xBB\xBFa,b\n1,2\n",
            b"\xEF\xBB\xBF\xEF\xBB\xBFa,b\n1,2\n",
            b"a,b\n\x93x\x94,\"\xA3\"\n",
            b"a,b,c\n1,2\n1,2,3,4\n,\n,,\n\"\"\n",
            b"a,b\n1,\"unclosed\n2,3\n",
            b"a,b\n1,\"open",
            b"a,b\n1,2,\n\"x\",\n",
            b"\n\na,b\n1,2",
            b"a\n\"\"\"\"\n\"a\"\"\"\n",
            b"a,b\r\n1,2\r\n",
            b"a,b\r1,2\r",
            b"a,b\n1,2\n\r",
            b"",
            b"\n",
            b"a,b\n\"1\"\"\",\"2\"\n",
            b"a,b\n\"x\r\",1\n\"y\"\r,2\n",
        ];
        for bytes in cases {
            for step in [1, 2, 3, 5, 7, 64, 1 << 20] {
                let (here, theirs) = both(bytes, step);
                assert_eq!(here, theirs, "{:?} read {step} bytes at a time", String::from_utf8_lossy(bytes));
            }
        }
    }

    #[test]
    fn lines_longer_than_the_buffer_and_across_its_end_are_read_alike() {
        let mut bytes = b"a,b\n".to_vec();
        for i in 0..5000 {
            bytes.extend_from_slice(format!("{i},\"{i} Road, Flat {i}\"\r\n").as_bytes());
        }
        bytes.extend_from_slice(format!("x,\"{}\"\n", "y".repeat(3 * BUFFER)).as_bytes());
        bytes.extend_from_slice(b"last,\"row\"");
        for step in [1000, 1 << 20] {
            let (here, theirs) = both(&bytes, step);
            assert_eq!(here.len(), 5003);
            assert_eq!(here, theirs);
        }
    }

    #[test]
    fn a_failed_read_is_an_error_then_the_end() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("gone"))
            }
        }
        let mut source = Source::new(Broken);
        let mut rec = Rec::default();
        assert!(source.read(&mut rec).is_err());
        assert!(!source.read(&mut rec).unwrap());
    }
}
