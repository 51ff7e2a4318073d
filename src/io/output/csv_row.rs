//! CSV rows rendered into a byte buffer, byte for byte as the csv crate's
//! writer (`QuoteStyle::Necessary`, `\n` line ends) writes them, without its
//! per-field state machine: `due` writes a million rows (docs/performance.md).
//!
//! A field is quoted when it holds a comma, a quote, a CR or an LF, and a
//! quote inside it is doubled. A row of one empty field is written `""`, so
//! that it still reads back as a row.

use super::{Cell, Field, int_bytes, iso_bytes, neutralise, tenths};

/// Whether the csv crate quotes `field`: eight bytes at a time, each word
/// tested for the four bytes at once (a zero byte of `word ^ byte` marks one).
fn needs_quotes(field: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut words = field.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        let found = zero_in(w ^ (ONES * u64::from(b','))) | zero_in(w ^ (ONES * u64::from(b'"')));
        let found = found | zero_in(w ^ (ONES * u64::from(b'\r'))) | zero_in(w ^ (ONES * u64::from(b'\n')));
        if found & HIGH != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// Appends one field, quoted when it must be.
pub(super) fn field(out: &mut Vec<u8>, field: &[u8]) {
    if !needs_quotes(field) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for part in field.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// One text field as it is written, neutralised unless `raw`.
pub(super) fn text(s: &str, raw: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 3);
    field(&mut out, if raw { s.into() } else { neutralise(s) }.as_bytes());
    out
}

/// Appends a row of `fields` and its line end.
pub(super) fn record<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = &'a [u8]>) {
    let start = out.len();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        field(out, f);
    }
    end(out, start);
}

/// Ends the row begun at `start`: a row with no bytes at all (one empty
/// field) is written `""`.
fn end(out: &mut Vec<u8>, start: usize) {
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.push(b'\n');
}

/// Appends one row of cells, text neutralised against formulas unless `raw`.
pub(super) fn cells(out: &mut Vec<u8>, cells: &[Cell], raw: bool) {
    fields(out, cells.iter().map(Cell::field), raw);
}

/// Appends one row of fields, text neutralised against formulas unless `raw`.
pub(super) fn fields<'a>(out: &mut Vec<u8>, fields: impl IntoIterator<Item = Field<'a>>, raw: bool) {
    let mut line = CsvLine::new(out, raw);
    for f in fields {
        match f {
            Field::Text(s) => line.text(s),
            Field::Made(_, made) => line.made(made),
            Field::Verbatim(s) => line.made_of(s.as_bytes()),
            Field::Date(d) => line.date(d),
            Field::Int(i) => line.int(i),
            Field::Tenths(t) => line.made_of(tenths(t).as_bytes()),
            Field::Bool(b) => line.made(if b { b"true" } else { b"false" }),
            Field::Empty => line.empty(),
        }
    }
    line.end();
}

/// One CSV row written a field at a time straight into a buffer, by the
/// rules above: for rows made apart from a [`super::RowStream`] (`due`
/// writes a million). [`CsvLine::end`] ends it.
pub struct CsvLine<'o> {
    out: &'o mut Vec<u8>,
    raw: bool,
    start: usize,
    first: bool,
}

impl<'o> CsvLine<'o> {
    pub fn new(out: &'o mut Vec<u8>, raw: bool) -> CsvLine<'o> {
        let start = out.len();
        CsvLine { out, raw, start, first: true }
    }

    fn next(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
    }

    /// Text, neutralised against formulas unless raw, quoted when it must be.
    pub fn text(&mut self, s: &str) {
        self.next();
        field(self.out, if self.raw { s.into() } else { neutralise(s) }.as_bytes());
    }

    /// A field already made (by [`super::csv_field`]), or text that never
    /// needs neutralising or quoting (a status word).
    pub fn made(&mut self, made: &[u8]) {
        self.next();
        self.out.extend_from_slice(made);
    }

    /// Bytes written as they are, quoted when they must be.
    fn made_of(&mut self, bytes: &[u8]) {
        self.next();
        field(self.out, bytes);
    }

    pub fn date(&mut self, d: chrono::NaiveDate) {
        self.next();
        self.out.extend_from_slice(&iso_bytes(d));
    }

    pub fn int(&mut self, i: i64) {
        self.next();
        self.out.extend_from_slice(int_bytes(i, &mut [0u8; 24]));
    }

    pub fn empty(&mut self) {
        self.next();
    }

    /// Ends the row (a row of one empty field is written `""`).
    pub fn end(self) {
        end(self.out, self.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the csv crate writes for the same fields.
    fn by_csv(rows: &[Vec<&[u8]>]) -> Vec<u8> {
        let mut w =
            csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).flexible(true).from_writer(vec![]);
        for r in rows {
            w.write_record(r).unwrap();
        }
        w.into_inner().unwrap()
    }

    #[test]
    fn the_same_bytes_as_the_csv_crate() {
        let fields: [&[u8]; 13] = [
            b"",
            b"plain",
            b"a,b",
            b"say \"hi\"",
            b"\"",
            b"line\nend",
            b"cr\r",
            b" spaced ",
            b"'=x",
            b"#1",
            b"\xc2\xa3",
            b"\"\"",
            b"tab\there",
        ];
        let mut rows: Vec<Vec<&[u8]>> = vec![vec![], vec![b""], vec![b"", b""], fields.to_vec()];
        rows.extend(fields.iter().map(|f| vec![*f]));
        let mut ours = Vec::new();
        for r in &rows {
            record(&mut ours, r.iter().copied());
        }
        assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&by_csv(&rows)));
    }

    /// Each special byte at each place in a field of up to 20 bytes, and
    /// every other byte: quoted exactly when the csv crate quotes.
    #[test]
    fn quoting_every_byte_at_every_place() {
        let csv_quotes = |f: &[u8]| by_csv(&[vec![f]]).first() == Some(&b'"');
        for len in 1..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut f = vec![b'x'; len];
                    f[at] = b;
                    assert_eq!(needs_quotes(&f), csv_quotes(&f), "{b} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn cells_are_typed_and_neutralised() {
        let row = [
            Cell::text("=1+2"),
            Cell::Verbatim("=kept".into()),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
            Cell::Int(-3),
            Cell::Tenths(462),
            Cell::Bool(false),
            Cell::Empty,
        ];
        let mut out = Vec::new();
        cells(&mut out, &row, false);
        assert_eq!(out, b"'=1+2,=kept,2026-01-02,-3,46.2,false,\n");
        out.clear();
        cells(&mut out, &[Cell::Empty], false);
        assert_eq!(out, b"\"\"\n");
    }
}
