//! The CSV input layer every command uses (SPEC §1).
//!
//! Exports are messy, so this reader accepts a UTF-8 BOM (stripped by `csv-core`),
//! CRLF, quoted fields with embedded newlines, and Windows-1252 text. Encoding is
//! decided per field: a field that is valid UTF-8 is read as UTF-8, any other is
//! decoded as Windows-1252 (Excel's "CSV" export in UK offices). That keeps the
//! reader streaming and handles files where one pasted cell brought in `£` or a
//! smart quote. Every error names the file, the physical line and the column.
//!
//! This file opens a file and maps its columns; `lines` counts physical lines,
//! `split` finds where a large file can be read in two parts at once, and `row`
//! decodes and types one record's cells.

mod lines;
mod row;
mod split;

use lines::{Counting, Lines};
pub use row::Row;
use row::decode;
pub use split::{SPLIT_FROM, Split, in_halves, split_point};

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::words::normalise;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{self, Read};
use std::rc::Rc;

/// The largest cell accepted, in bytes.
pub const MAX_FIELD: usize = 1 << 20;

/// A column located in a file: its 0-based index and the name we call it.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub index: usize,
    pub name: &'static str,
}

enum Record {
    Bytes(csv::ByteRecord),
    Text(csv::StringRecord),
    /// Only while a read is under way.
    Taken,
}

impl Record {
    fn position(&self) -> Option<&csv::Position> {
        match self {
            Record::Bytes(b) => b.position(),
            Record::Text(t) => t.position(),
            Record::Taken => None,
        }
    }
}

pub struct CsvFile {
    name: String,
    lines: Rc<RefCell<Lines>>,
    line: Cell<u64>,
    /// Physical lines before this reader's first (for the second part of a
    /// file read in two: see [`split_point`]).
    line_offset: u64,
    reader: csv::Reader<Counting<Box<dyn Read>>>,
    headers: Vec<String>,
    raw_headers: Vec<String>,
    /// The current record as bytes, or (when it is all valid UTF-8, the usual
    /// case) as text: validated once per record rather than once per cell.
    record: Record,
    kind: &'static str,
    map: ColumnMap,
    windows_1252: Cell<bool>,
    progress: crate::io::progress::Progress,
    records: u64,
    size: Option<u64>,
}

impl std::fmt::Debug for CsvFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFile").field("name", &self.name).field("kind", &self.kind).finish_non_exhaustive()
    }
}

/// The display name of an input path (`-` is standard input).
pub fn display_name(path: &str) -> String {
    if path == "-" { "<stdin>".to_string() } else { path.to_string() }
}

/// Standard input read as a file must be a pipe or a redirect: at a terminal
/// the command would wait, silently, for someone to type a CSV file.
pub fn stdin_not_a_terminal() -> Result<(), InputError> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        return Err(InputError::file(
            "<stdin>",
            "nothing is piped in, and standard input is the terminal; give a file, or pipe an export in \
             (export | caseaudit ...)",
        ));
    }
    Ok(())
}

impl CsvFile {
    /// Opens `path` (or `-` for stdin) as a CSV export of the given `kind`
    /// (`staff`, `cases`, `history`: the section name in a `--columns` file).
    pub fn open(path: &str, kind: &'static str, map: &ColumnMap) -> Result<CsvFile, InputError> {
        if let Some((book, sheet)) = crate::error::workbook_path(path) {
            let (name, csv) = crate::io::sheet::to_csv(book, sheet)?;
            return Self::from_reader(name, Box::new(io::Cursor::new(csv)), kind, map);
        }
        let name = display_name(path);
        let inner: Box<dyn Read> = if path == "-" {
            stdin_not_a_terminal()?;
            Box::new(io::stdin())
        } else {
            let f = File::open(path).map_err(|e| InputError::file(&name, format!("cannot open: {}", io_reason(&e))))?;
            if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
                return Err(InputError::file(&name, "is a folder, not a CSV file"));
            }
            Box::new(f)
        };
        let size = if path == "-" { None } else { std::fs::metadata(path).ok().map(|m| m.len()) };
        let mut file = Self::from_reader(name, inner, kind, map)?;
        file.progress = crate::io::progress::Progress::file(&file.name, size);
        file.size = size;
        Ok(file)
    }

    pub fn from_reader(
        name: String,
        inner: Box<dyn Read>,
        kind: &'static str,
        map: &ColumnMap,
    ) -> Result<CsvFile, InputError> {
        Self::from_reader_sniffed(name, inner, kind, map, true)
    }

    /// [`CsvFile::from_reader`], with the look at the first kilobyte for
    /// binary data optional (a file's second part starts mid-file).
    fn from_reader_sniffed(
        name: String,
        mut inner: Box<dyn Read>,
        kind: &'static str,
        map: &ColumnMap,
        sniff: bool,
    ) -> Result<CsvFile, InputError> {
        // Peek at the first kilobyte: refuse UTF-16 ("Unicode text" from Excel),
        // workbooks and binary files, which would otherwise read as one garbled
        // column, and drop a UTF-8 BOM here (csv-core only strips one that arrives
        // whole in its first read).
        let mut head = vec![0u8; 1024];
        let mut got = 0;
        while got < head.len() {
            match inner.read(&mut head[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(InputError::file(&name, format!("cannot read: {}", io_reason(&e)))),
            }
        }
        head.truncate(got);
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(InputError::at(
                &name,
                1,
                None,
                "is UTF-16 text; save it from Excel as \"CSV UTF-8\" or \"CSV (Comma delimited)\"",
            ));
        }
        if head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(InputError::at(
                &name,
                1,
                None,
                "is an Excel workbook, not CSV; save it as \"CSV UTF-8\" first",
            ));
        }
        if sniff && head.contains(&0) {
            return Err(InputError::at(&name, 1, None, "does not look like a CSV file (binary data near the start)"));
        }
        let keep = if head.starts_with(&[0xEF, 0xBB, 0xBF]) { head[3..].to_vec() } else { head };
        let chained: Box<dyn Read> = Box::new(io::Cursor::new(keep).chain(inner));
        let lines = Rc::new(RefCell::new(Lines::default()));
        let chained = Counting::new(chained, Rc::clone(&lines));
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(false).buffer_capacity(1 << 16).from_reader(chained);
        let mut header = csv::ByteRecord::new();
        let got_header = reader.read_byte_record(&mut header).map_err(|e| csv_error(&name, 1, &e))?;
        if !got_header {
            return Err(InputError::file(&name, "is empty; expected a header row naming the columns"));
        }
        if header.iter().any(|f| f.iter().any(|&b| b == 0 || (b < 0x20 && b != b'\t'))) {
            return Err(InputError::at(
                &name,
                1,
                None,
                "does not look like a CSV file (binary data in the first line)",
            ));
        }
        let raw_headers: Vec<String> = header.iter().map(|f| decode(f, &Cell::new(false)).into_owned()).collect();
        let headers = raw_headers.iter().map(|h| normalise(h)).collect();
        Ok(CsvFile {
            name,
            lines,
            line: Cell::new(1),
            line_offset: 0,
            reader,
            headers,
            raw_headers,
            record: Record::Bytes(csv::ByteRecord::new()),
            kind,
            map: map.clone(),
            windows_1252: Cell::new(false),
            progress: crate::io::progress::Progress::file("", None),
            records: 0,
            size: None,
        })
    }

    /// Opens one part of a file that [`split_point`] split in two: the first
    /// part is the file up to the split, the second is the header line followed
    /// by the rest, numbered as the lines of the whole file.
    pub fn open_part(
        path: &str,
        kind: &'static str,
        map: &ColumnMap,
        split: Split,
        second: bool,
    ) -> Result<CsvFile, InputError> {
        use std::io::{Seek, SeekFrom};
        let name = display_name(path);
        let open = || File::open(path).map_err(|e| InputError::file(&name, format!("cannot open: {}", io_reason(&e))));
        if !second {
            // The first part shows the progress bar (on a terminal), for its half.
            let mut file = Self::from_reader(name.clone(), Box::new(open()?.take(split.at)), kind, map)?;
            file.progress = crate::io::progress::Progress::file(&file.name, Some(split.at));
            file.size = Some(split.at);
            return Ok(file);
        }
        let mut header = vec![0u8; split.header as usize];
        open()?
            .read_exact(&mut header)
            .map_err(|e| InputError::file(&name, format!("cannot read: {}", io_reason(&e))))?;
        let mut rest = open()?;
        let size = rest.metadata().ok().map(|m| m.len().saturating_sub(split.at));
        rest.seek(SeekFrom::Start(split.at)).map_err(|e| InputError::file(&name, io_reason(&e)))?;
        let rest = Box::new(io::Cursor::new(header).chain(rest));
        let mut file = Self::from_reader_sniffed(name.clone(), rest, kind, map, false)?;
        // This reader's first record follows the header's `header_lines` line
        // ends; in the file, it follows the `lines` line ends before the split.
        file.line_offset = split.lines - split.header_lines;
        file.size = size;
        Ok(file)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// True once any field needed Windows-1252 decoding.
    pub fn saw_windows_1252(&self) -> bool {
        self.windows_1252.get()
    }

    /// Finds a column by its canonical name, through the `--columns` mapping.
    /// A flat mapping whose header is not in this file leaves the column absent
    /// (the same mapping serves several files); one in this file's section must
    /// be found.
    pub fn column(&self, canonical: &'static str) -> Result<Option<Col>, InputError> {
        Ok(self.position(canonical)?.map(|index| Col { index, name: canonical }))
    }

    /// The 0-based position of the column called `canonical` (through the
    /// `--columns` mapping), for names known only at run time (a rule set's fields).
    pub fn position(&self, canonical: &str) -> Result<Option<usize>, InputError> {
        let mut mapped = self.map.header_for(self.kind, canonical);
        // A preset's header that this file lacks: look for our own name.
        if let Some((h, false)) = mapped
            && self.map.preset().is_some()
            && !self.headers.contains(&normalise(h))
        {
            mapped = None;
        }
        let wanted = normalise(mapped.map_or(canonical, |m| m.0));
        let mut found = self.headers.iter().enumerate().filter(|(_, h)| **h == wanted).map(|(i, _)| i);
        let first = found.next();
        if let Some(second) = found.next() {
            return Err(InputError::at(
                &self.name,
                1,
                Some(second + 1),
                format!(
                    "two columns are headed '{wanted}' (columns {} and {}); rename one",
                    first.unwrap_or(0) + 1,
                    second + 1
                ),
            ));
        }
        if first.is_none() && mapped.is_some_and(|m| m.1) {
            return Err(self.mapping_not_found(canonical, &wanted));
        }
        Ok(first)
    }

    /// The header row as written (decoded, not normalised).
    pub fn raw_headers(&self) -> &[String] {
        &self.raw_headers
    }

    /// The header row normalised as columns are matched (`Staff ID` → `staff_id`).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The header row as written, for messages: "3 columns: a, b, c" (the first
    /// 20 when there are more).
    fn header_list(&self) -> String {
        const SHOWN: usize = 20;
        let n = self.raw_headers.len();
        let names: Vec<String> = self.raw_headers.iter().take(SHOWN).map(|h| format!("'{}'", h.trim())).collect();
        let more = if n > SHOWN { format!(" and {} more", n - SHOWN) } else { String::new() };
        match n {
            0 => "no columns".to_string(),
            1 => format!("1 column: {}", names.join(", ")),
            _ => format!("{n} columns: {}{more}", names.join(", ")),
        }
    }

    fn mapping_not_found(&self, canonical: &str, wanted: &str) -> InputError {
        InputError::at(
            &self.name,
            1,
            None,
            format!(
                "the --columns mapping says '{canonical}' is headed '{wanted}', but no column has that header (the header row has {})",
                self.header_list()
            ),
        )
    }

    /// Like [`column`](Self::column), but the column must be there.
    pub fn require(&self, canonical: &'static str) -> Result<Col, InputError> {
        if let Some(col) = self.column(canonical)? {
            return Ok(col);
        }
        if let Some((header, _)) = self.map.header_for(self.kind, canonical) {
            return Err(self.mapping_not_found(canonical, &normalise(header)));
        }
        Err(InputError::at(
            &self.name,
            1,
            None,
            format!(
                "no '{canonical}' column (the header row has {}); add it, or map your header to it with --columns",
                self.header_list()
            ),
        ))
    }

    /// Reads the next record; `false` at the end of the file.
    pub fn next_record(&mut self) -> Result<bool, InputError> {
        // Take the record's buffers back for the next read (an empty ByteRecord
        // placeholder would allocate once per row).
        let mut bytes = match std::mem::replace(&mut self.record, Record::Taken) {
            Record::Bytes(b) => b,
            Record::Text(t) => t.into_byte_record(),
            Record::Taken => csv::ByteRecord::new(),
        };
        let result = self.reader.read_byte_record(&mut bytes);
        let start = match &result {
            Ok(_) => bytes.position().map(|p| p.byte()),
            Err(e) => e.position().map(|p| p.byte()),
        };
        // Zero-copy either way; the csv crate checks that every field is valid
        // UTF-8 on its own (not just the record as a whole).
        self.record = match csv::StringRecord::from_byte_record(bytes) {
            Ok(text) => Record::Text(text),
            Err(e) => Record::Bytes(e.into_byte_record()),
        };
        if let Some(start) = start {
            // A record starts after every newline at or before its first byte (for
            // CRLF the csv crate's offset points at the LF).
            let mut lines = self.lines.borrow_mut();
            self.line.set(lines.ends_before(start) + 1 + self.line_offset);
            self.records += 1;
            if self.records.is_multiple_of(65_536) {
                self.progress.set(lines.bytes_read());
            }
        }
        match result {
            Ok(more) => {
                self.check_field_sizes()?;
                self.check_encoding()?;
                Ok(more)
            }
            Err(e) => Err(csv_error(&self.name, self.line.get(), &e)),
        }
    }

    /// A cell past [`MAX_FIELD`] bytes is a broken quote swallowing the file, not
    /// data (Excel cells hold at most 32,767 characters).
    /// A cell that is not UTF-8 is read as Windows-1252; one that is neither
    /// (bytes Windows-1252 leaves undefined, or NUL) is a damaged or binary file.
    fn check_encoding(&self) -> Result<(), InputError> {
        let Record::Bytes(b) = &self.record else { return Ok(()) };
        for (i, field) in b.iter().enumerate() {
            if std::str::from_utf8(field).is_err()
                && field.iter().any(|c| matches!(c, 0 | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
            {
                return Err(InputError::at(
                    &self.name,
                    self.line.get(),
                    Some(i + 1),
                    "this cell is neither UTF-8 nor Windows-1252 text: is the file damaged, or saved as UTF-16? Save it as \"CSV UTF-8\"",
                ));
            }
        }
        Ok(())
    }

    fn check_field_sizes(&self) -> Result<(), InputError> {
        let sizes: Vec<usize> = match &self.record {
            Record::Text(t) if t.as_slice().len() > MAX_FIELD => t.iter().map(str::len).collect(),
            Record::Bytes(b) if b.as_slice().len() > MAX_FIELD => b.iter().map(<[u8]>::len).collect(),
            _ => return Ok(()),
        };
        match sizes.iter().position(|&n| n > MAX_FIELD) {
            Some(i) => Err(InputError::at(
                &self.name,
                self.line.get(),
                Some(i + 1),
                format!(
                    "a cell of {:.1} MB (spreadsheet cells hold at most 32,767 characters): a quote opened here is probably never closed",
                    sizes[i] as f64 / 1_048_576.0
                ),
            )),
            None => Ok(()),
        }
    }

    /// The current record's length in bytes (cells and separators), for
    /// estimating how many rows a file holds.
    pub fn record_len(&self) -> usize {
        match &self.record {
            Record::Text(t) => t.as_slice().len() + t.len(),
            Record::Bytes(b) => b.as_slice().len() + b.len(),
            Record::Taken => 0,
        }
    }

    /// The file's size in bytes, when it is a file (not standard input).
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// Every field of the current record, decoded but not trimmed.
    pub fn fields(&self) -> impl Iterator<Item = Cow<'_, str>> {
        let n = match &self.record {
            Record::Text(t) => t.len(),
            Record::Bytes(b) => b.len(),
            Record::Taken => 0,
        };
        (0..n).map(move |i| self.row().raw(i))
    }

    /// The current record.
    pub fn row(&self) -> Row<'_> {
        Row::new(self)
    }
}

fn csv_error(name: &str, line: u64, e: &csv::Error) -> InputError {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => InputError::at(
            name,
            line,
            None,
            format!(
                "this row has {len} fields but the header has {expected_len}; a quote may be unclosed, a comma unquoted, or the row cut short"
            ),
        ),
        csv::ErrorKind::Io(io) => InputError::file(name, format!("cannot read: {}", io_reason(io))),
        _ => InputError::at(name, line, None, format!("is not valid CSV: {e}")),
    }
}

/// An I/O error's reason without Rust's "(os error 2)" suffix.
pub fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests;
