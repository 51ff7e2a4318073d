//! The CSV input layer every command uses (docs/reference/conventions.md).
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

mod header;
mod lines;
mod notes;
mod plain;
mod rec;
mod row;
mod seps;
mod source;
mod split;

pub use header::HEADER_SEARCH;
use lines::{Counting, Lines};
pub use notes::{ReadNotes, blank_rows};
use notes::{is_blank, is_blank_cell};
pub use plain::Cells;
use rec::Rec;
pub use row::{Row, flag_word};
use source::Source;
pub use split::{SPLIT_FROM, Split, in_halves, split_point};

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
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

pub struct CsvFile {
    name: String,
    lines: Rc<RefCell<Lines>>,
    line: Cell<u64>,
    /// Rows read while looking for the header, with their lines: the data
    /// rows among them are handed out before the reader reads on.
    ahead: VecDeque<(Rec, u64)>,
    /// An error met while reading ahead, after the rows before it.
    ahead_error: Option<InputError>,
    /// What reading has passed over, for the run to say ([`CsvFile::notes`]).
    notes: ReadNotes,
    /// Data rows read since the header (blank ones too): the record number.
    record_no: u64,
    /// Physical lines before this reader's first (for the second part of a
    /// file read in two: see [`split_point`]).
    line_offset: u64,
    reader: Source<Counting<Box<dyn Read>>>,
    headers: Vec<String>,
    raw_headers: Vec<String>,
    /// The current record, as text when it is all valid UTF-8 (the usual
    /// case): validated once per record rather than once per cell.
    record: Rec,
    kind: &'static str,
    map: ColumnMap,
    windows_1252: Cell<bool>,
    /// Headers read under another spelling of our name (`E-mail address` for
    /// `email`), for a note: (our name, the header).
    respelt: RefCell<Vec<(String, String)>>,
    progress: crate::io::progress::Progress,
    records: u64,
    size: Option<u64>,
    /// The bytes of the file on disk that this reader reads (from `0`, the
    /// file's start, its header included) and, for a file's second part,
    /// the line of its first row: for [`CsvFile::plain_rows`].
    plain: Option<(u64, u64, u64)>,
    /// The bytes of a BOM dropped before the reader (its offsets are the
    /// file's less these).
    bom: u64,
    /// Where the last record read starts, as the reader counts.
    start: u64,
    /// Where to stop reading, then where it stopped ([`CsvFile::stop_at`]):
    /// the reader's offsets.
    stop: Option<u64>,
    stop_was: Option<u64>,
    stopped: Option<u64>,
}

impl std::fmt::Debug for CsvFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvFile").field("name", &self.name).field("kind", &self.kind).finish_non_exhaustive()
    }
}

pub use crate::io::path::readable_twice;

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
        // Only a regular file is read again by the plain path (a pipe, as
        // `<(...)` gives, would lose what it read).
        file.plain = size.filter(|_| readable_twice(path)).map(|s| (0, s, 0));
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
        // A workbook or a web page named .csv (or piped in): say what it is.
        if sniff {
            use crate::io::sheet::Content;
            let content = Content::of(&head);
            if !matches!(content, Content::Text | Content::Other) {
                return Err(InputError::file(&name, content.misnamed(&name)));
            }
        }
        if sniff && head.contains(&0) {
            return Err(InputError::at(&name, 1, None, "does not look like a CSV file (binary data near the start)"));
        }
        let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        let keep = head[bom..].to_vec();
        let chained: Box<dyn Read> = Box::new(io::Cursor::new(keep).chain(inner));
        let lines = Rc::new(RefCell::new(Lines::default()));
        let chained = Counting::new(chained, Rc::clone(&lines));
        // Records of any width: a title row above the header has fewer cells
        // than the header; each data row's width is checked against the
        // header's here.
        let reader = Source::new(chained);
        let mut file = CsvFile {
            notes: ReadNotes { name: name.clone(), sheet: crate::error::is_sheet_name(&name), ..ReadNotes::default() },
            name,
            lines,
            line: Cell::new(1),
            ahead: VecDeque::new(),
            ahead_error: None,
            record_no: 0,
            line_offset: 0,
            reader,
            headers: Vec::new(),
            raw_headers: Vec::new(),
            record: Rec::default(),
            kind,
            map: map.clone(),
            windows_1252: Cell::new(false),
            respelt: RefCell::new(Vec::new()),
            progress: crate::io::progress::Progress::file("", None),
            records: 0,
            size: None,
            plain: None,
            bom: bom as u64,
            start: 0,
            stop: None,
            stop_was: None,
            stopped: None,
        };
        file.find_header()?;
        Ok(file)
    }

    /// Reads the next record as it is, and the physical line it starts on.
    fn read_raw(&mut self, rec: &mut Rec) -> Result<Option<u64>, InputError> {
        let result = self.reader.read(rec);
        let start = match &result {
            Ok(_) => Some(rec.start()),
            Err(_) => None,
        };
        if let Some(start) = start {
            self.start = start;
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
            Ok(true) => Ok(Some(self.line.get())),
            Ok(false) => Ok(None),
            Err(e) => Err(InputError::file(&self.name, format!("cannot read: {}", io_reason(&e)))),
        }
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
            file.plain = Some((0, split.at, 0));
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
        file.plain = size.map(|s| (split.at, split.at + s, split.lines + 1));
        Ok(file)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// True once any field needed Windows-1252 decoding.
    pub fn saw_windows_1252(&self) -> bool {
        self.windows_1252.get()
    }

    /// What reading has passed over or taken as given so far: call it after
    /// the last record, and show its [`warnings`](ReadNotes::warnings).
    pub fn notes(&self) -> ReadNotes {
        ReadNotes {
            windows_1252: self.windows_1252.get(),
            respelt: self.respelt.borrow().clone(),
            ..self.notes.clone()
        }
    }

    /// Whether rows above the header were passed over (a title), so the file
    /// cannot be split in two by byte offset.
    pub fn header_moved(&self) -> bool {
        self.notes.header_line.is_some() || self.map.header_row(self.kind).is_some()
    }

    /// Reads the next data record; `false` at the end of the file. A row whose
    /// every cell is blank (Excel's "Save as CSV" writes one as a row of
    /// commas) is passed over, and counted for [`notes`](Self::notes).
    pub fn next_record(&mut self) -> Result<bool, InputError> {
        // Take the record's buffers back for the next read (the empty
        // placeholder does not allocate).
        let mut bytes = std::mem::take(&mut self.record);
        loop {
            let line = if let Some((rec, line)) = self.ahead.pop_front() {
                bytes = rec;
                line
            } else if let Some(e) = self.ahead_error.take() {
                return Err(e);
            } else {
                match self.read_raw(&mut bytes) {
                    Ok(Some(line)) if self.stop.is_some_and(|at| self.start + 1 >= at) => {
                        // Kept for the reader that reads on ([`CsvFile::stop_at`]).
                        (self.stop_was, self.stop, self.stopped) = (self.stop, None, Some(self.start));
                        self.ahead.push_back((bytes.clone(), line));
                        self.record = bytes;
                        return Ok(false);
                    }
                    Ok(Some(line)) => line,
                    Ok(None) => {
                        self.record = bytes;
                        return Ok(false);
                    }
                    Err(e) => {
                        self.record = bytes;
                        return Err(e);
                    }
                }
            };
            self.line.set(line);
            self.record_no += 1;
            if is_blank(&bytes) {
                self.notes.blank(line);
                continue;
            }
            if bytes.len() != self.raw_headers.len() {
                self.fit_width(&mut bytes, line)?;
            }
            break;
        }
        // Every cell's UTF-8 checked at once, in place.
        bytes.check_utf8();
        self.record = bytes;
        self.notes.rows += 1;
        self.check_field_sizes()?;
        self.check_encoding()?;
        Ok(true)
    }

    /// A row wider than the header whose extra cells are all blank (cells
    /// once formatted in Excel) is cut to the header's width; any other row
    /// of another width is an error: cutting or padding it could move a value
    /// into the wrong column.
    fn fit_width(&self, rec: &mut Rec, line: u64) -> Result<(), InputError> {
        let width = self.raw_headers.len();
        if rec.len() > width && rec.iter().skip(width).all(is_blank_cell) {
            rec.truncate(width);
            return Ok(());
        }
        Err(InputError::at(
            &self.name,
            line,
            None,
            format!(
                "this row has {} fields but the header has {width}; a quote may be unclosed, a comma unquoted, or the row cut short",
                rec.len()
            ),
        ))
    }

    /// A cell past [`MAX_FIELD`] bytes is a broken quote swallowing the file, not
    /// data (Excel cells hold at most 32,767 characters).
    /// A cell that is not UTF-8 is read as Windows-1252; one that is neither
    /// (bytes Windows-1252 leaves undefined, or NUL) is a damaged or binary file.
    fn check_encoding(&self) -> Result<(), InputError> {
        if self.record.is_text() {
            return Ok(());
        }
        for (i, field) in self.record.iter().enumerate() {
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
        if self.record.cell_bytes() <= MAX_FIELD {
            return Ok(());
        }
        let sizes: Vec<usize> = self.record.iter().map(<[u8]>::len).collect();
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
        self.record.cell_bytes() + self.record.len()
    }

    /// The file's size in bytes, when it is a file (not standard input).
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// Every field of the current record, decoded but not trimmed.
    pub fn fields(&self) -> impl Iterator<Item = Cow<'_, str>> {
        (0..self.record.len()).map(move |i| self.row().raw(i))
    }

    /// The current record.
    pub fn row(&self) -> Row<'_> {
        Row::new(self)
    }
}

pub use crate::error::io_reason;

#[cfg(test)]
mod tests;
