//! One record as read: the bytes its cells are cut from (a plain line as
//! written, or `csv-core`'s output) and where each cell lies in them. Whether
//! every cell is UTF-8 is checked once for the whole record, as the csv
//! crate's `StringRecord` did; the cells are then read as text with no
//! further check.

use std::ops::Range;

#[derive(Debug, Clone)]
enum Buf {
    Bytes(Vec<u8>),
    /// Every cell is UTF-8 ([`Rec::check_utf8`]).
    Text(String),
}

#[derive(Debug, Clone)]
pub(super) struct Rec {
    buf: Buf,
    /// Each cell's place in `buf`.
    cells: Vec<Range<usize>>,
    /// The reader's offset of the record's start (the byte after the record
    /// before it, as the csv crate gives it).
    start: u64,
}

impl Default for Rec {
    fn default() -> Rec {
        Rec { buf: Buf::Bytes(Vec::new()), cells: Vec::new(), start: 0 }
    }
}

impl Rec {
    /// Empties the record, to be read into again from `start`.
    pub(super) fn reset(&mut self, start: u64) {
        let (bytes, cells) = self.parts();
        bytes.clear();
        cells.clear();
        self.start = start;
    }

    /// The buffer and the cells' places, for the reader to add to (as bytes:
    /// [`Rec::check_utf8`] is for the record once read).
    pub(super) fn parts(&mut self) -> (&mut Vec<u8>, &mut Vec<Range<usize>>) {
        if let Buf::Text(s) = &mut self.buf {
            self.buf = Buf::Bytes(std::mem::take(s).into_bytes());
        }
        let Buf::Bytes(b) = &mut self.buf else { unreachable!("made bytes above") };
        (b, &mut self.cells)
    }

    pub(super) fn start(&self) -> u64 {
        self.start
    }

    fn bytes(&self) -> &[u8] {
        match &self.buf {
            Buf::Bytes(b) => b,
            Buf::Text(s) => s.as_bytes(),
        }
    }

    /// How many cells.
    pub(super) fn len(&self) -> usize {
        self.cells.len()
    }

    /// The cells' bytes, in all.
    pub(super) fn cell_bytes(&self) -> usize {
        self.cells.iter().map(|r| r.len()).sum()
    }

    /// The cell at `index` as text when every cell is UTF-8 (`""` past the
    /// last); else its bytes (empty past the last).
    pub(super) fn cell(&self, index: usize) -> Result<&str, &[u8]> {
        let at = self.cells.get(index).cloned().unwrap_or_default();
        match &self.buf {
            Buf::Text(s) => Ok(s.get(at).unwrap_or_default()),
            Buf::Bytes(b) => Err(b.get(at).unwrap_or_default()),
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let bytes = self.bytes();
        self.cells.iter().map(move |r| bytes.get(r.clone()).unwrap_or_default())
    }

    pub(super) fn truncate(&mut self, n: usize) {
        self.cells.truncate(n);
    }

    /// Whether every cell is UTF-8, checked once for the record: then its
    /// cells are read as text. The whole is UTF-8 and each cell starts and
    /// ends at a character's edge just when every cell is UTF-8 (what lies
    /// between a plain line's cells is ASCII; `csv-core`'s cells lie end to
    /// end).
    pub(super) fn check_utf8(&mut self) -> bool {
        let Buf::Bytes(b) = &mut self.buf else { return true };
        match String::from_utf8(std::mem::take(b)) {
            Ok(s) => {
                let whole = self.cells.iter().all(|r| s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                self.buf = if whole { Buf::Text(s) } else { Buf::Bytes(s.into_bytes()) };
                whole
            }
            Err(e) => {
                *b = e.into_bytes();
                false
            }
        }
    }

    pub(super) fn is_text(&self) -> bool {
        matches!(self.buf, Buf::Text(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of `bytes` with its cells at `cells`.
    fn rec(bytes: &[u8], cells: &[Range<usize>]) -> Rec {
        let mut r = Rec::default();
        r.reset(7);
        let (b, c) = r.parts();
        b.extend_from_slice(bytes);
        c.extend_from_slice(cells);
        r
    }

    #[test]
    fn a_record_of_utf8_cells_is_read_as_text() {
        let mut r = rec(b"1,\"Zo\xc3\xab\",x\r\n", &[0..1, 3..7, 9..10]);
        assert!(r.check_utf8() && r.is_text());
        assert_eq!((r.cell(1), r.cell(3)), (Ok("Zo\u{eb}"), Ok("")));
        assert_eq!((r.len(), r.cell_bytes(), r.start()), (3, 6, 7));
        // Read into again, it is bytes until checked.
        r.reset(9);
        assert_eq!((r.len(), r.is_text(), r.cell(0)), (0, false, Err(&b""[..])));
    }

    #[test]
    fn a_cell_not_utf8_leaves_every_cell_bytes() {
        let mut r = rec(b"a,\xa3", &[0..1, 2..3]);
        assert!(!r.check_utf8());
        assert_eq!((r.cell(0), r.cell(1)), (Err(&b"a"[..]), Err(&b"\xa3"[..])));
        // Cells end to end (as `csv-core` gives them) that are UTF-8 only
        // together: a character cut in two is two cells that are not.
        let mut r = rec(b"caf\xc3\xa9", &[0..4, 4..5]);
        assert!(!r.check_utf8());
        assert_eq!(r.iter().collect::<Vec<_>>(), [&b"caf\xc3"[..], &b"\xa9"[..]]);
        r.truncate(1);
        assert_eq!(r.len(), 1);
    }
}
