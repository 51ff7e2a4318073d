//! The CSV input layer every command uses (SPEC §1).
//!
//! Exports are messy, so this reader accepts a UTF-8 BOM (stripped by `csv-core`),
//! CRLF, quoted fields with embedded newlines, and Windows-1252 text. Encoding is
//! decided per field: a field that is valid UTF-8 is read as UTF-8, any other is
//! decoded as Windows-1252 (Excel's "CSV" export in UK offices). That keeps the
//! reader streaming and handles files where one pasted cell brought in `£` or a
//! smart quote. Every error names the file, the physical line and the column.

use crate::calendar::dates::{self, Month};
use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::words::{normalise, trim};
use chrono::NaiveDate;
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

/// Counts physical lines as the bytes stream past. The csv crate's own line
/// numbers are wrong for CRLF files (it reports line 1 for the first data row), so
/// we keep the offsets of newlines not yet passed and convert a record's byte
/// offset into a line number. Memory is bounded by the reader's look-ahead.
#[derive(Debug, Default)]
struct Lines {
    pending: VecDeque<u64>,
    passed: u64,
    /// Bytes read so far.
    read: u64,
}

/// Counts line ends as they stream past: LF, CRLF (once), and a lone CR, which
/// old Mac exports use and the csv crate treats as a line end too.
struct Counting<R> {
    inner: R,
    offset: u64,
    lines: Rc<RefCell<Lines>>,
    /// A CR that ended the last chunk: a line end unless the next byte is LF.
    cr_at: Option<u64>,
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
fn header_end(head: &[u8]) -> Option<(u64, u64)> {
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
    let mut buf = vec![0u8; 1 << 20];
    let n = read_full(&mut f, &mut buf)?;
    let at = size / 2 + memchr::memchr(b'\n', &buf[..n])? as u64 + 1;
    // Past the first kilobyte, which opening a file inspects for binary data:
    // the first part must see all of it, as reading in one go would.
    if at >= size || at <= 1024 {
        return None;
    }
    // Before it: no quote; count line ends (LF, CRLF once, lone CR) and find
    // the header's end.
    f.seek(SeekFrom::Start(0)).ok()?;
    let (mut lines, mut header, mut pos, mut cr_last) = (0u64, None, 0u64, false);
    let mut left = at;
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        let got = read_full(&mut f, &mut buf[..want])?;
        if got == 0 {
            return None;
        }
        let chunk = &buf[..got];
        if memchr::memchr(b'"', chunk).is_some() {
            return None;
        }
        if pos == 0 {
            header = Some(header_end(chunk)?);
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
    let (header, header_lines) = header?;
    Some(Split { at, lines, header, header_lines })
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
        let chained = Counting { inner: chained, offset: 0, lines: Rc::clone(&lines), cr_at: None };
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
            return Ok(file);
        }
        let mut header = vec![0u8; split.header as usize];
        open()?
            .read_exact(&mut header)
            .map_err(|e| InputError::file(&name, format!("cannot read: {}", io_reason(&e))))?;
        let mut rest = open()?;
        rest.seek(SeekFrom::Start(split.at)).map_err(|e| InputError::file(&name, io_reason(&e)))?;
        let rest = Box::new(io::Cursor::new(header).chain(rest));
        let mut file = Self::from_reader_sniffed(name.clone(), rest, kind, map, false)?;
        // This reader's first record follows the header's `header_lines` line
        // ends; in the file, it follows the `lines` line ends before the split.
        file.line_offset = split.lines - split.header_lines;
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
            while lines.pending.front().is_some_and(|&nl| nl <= start) {
                lines.pending.pop_front();
                lines.passed += 1;
            }
            self.line.set(lines.passed + 1 + self.line_offset);
            self.records += 1;
            if self.records.is_multiple_of(65_536) {
                self.progress.set(lines.read);
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
        Row { file: self }
    }
}

/// One data record, with typed accessors whose errors point at the cell.
pub struct Row<'a> {
    file: &'a CsvFile,
}

impl<'a> Row<'a> {
    /// The physical line where this record starts (quoted fields may span lines).
    pub fn line(&self) -> u64 {
        self.file.line.get()
    }

    /// The data record number (1 = first row after the header).
    pub fn record_number(&self) -> u64 {
        self.file.record.position().map(|p| p.record()).unwrap_or(0)
    }

    pub fn error(&self, col: Col, message: impl Into<String>) -> InputError {
        InputError::at(&self.file.name, self.line(), Some(col.index + 1), message)
    }

    /// The cell at `index` exactly as written (decoded, not trimmed).
    pub fn raw(&self, index: usize) -> Cow<'a, str> {
        match &self.file.record {
            Record::Text(t) => Cow::Borrowed(t.get(index).unwrap_or("")),
            Record::Bytes(b) => decode(b.get(index).unwrap_or(b""), &self.file.windows_1252),
            Record::Taken => Cow::Borrowed(""),
        }
    }

    /// The cell's text, trimmed.
    pub fn text(&self, col: Col) -> Cow<'a, str> {
        let raw = match &self.file.record {
            Record::Text(t) => return Cow::Borrowed(trim(t.get(col.index).unwrap_or(""))),
            Record::Bytes(b) => b.get(col.index).unwrap_or(b""),
            Record::Taken => b"",
        };
        match decode(raw, &self.file.windows_1252) {
            Cow::Borrowed(s) => Cow::Borrowed(trim(s)),
            Cow::Owned(s) => Cow::Owned(trim(&s).to_string()),
        }
    }

    /// The cell's text, or "" when the column is absent.
    pub fn opt_text(&self, col: Option<Col>) -> Cow<'a, str> {
        col.map(|c| self.text(c)).unwrap_or(Cow::Borrowed(""))
    }

    /// A cell that must not be blank.
    pub fn required(&self, col: Col) -> Result<Cow<'a, str>, InputError> {
        let t = self.text(col);
        if t.is_empty() {
            return Err(self.error(col, format!("'{}' is blank; every row needs one", col.name)));
        }
        Ok(t)
    }

    /// A date cell; blank (or `NULL`, as SQL Server saves an empty date) is `None`.
    pub fn date(&self, col: Option<Col>) -> Result<Option<NaiveDate>, InputError> {
        let Some(col) = col else { return Ok(None) };
        let t = self.text(col);
        if t.is_empty() || t.eq_ignore_ascii_case("null") {
            return Ok(None);
        }
        dates::parse_date(&t).map(Some).map_err(|e| self.error(col, format!("'{}': {e}", col.name)))
    }

    /// A month cell (`YYYY-MM`); blank is `None`.
    pub fn month(&self, col: Option<Col>) -> Result<Option<Month>, InputError> {
        let Some(col) = col else { return Ok(None) };
        let t = self.text(col);
        if t.is_empty() {
            return Ok(None);
        }
        Month::parse(&t).map(Some).map_err(|e| self.error(col, format!("'{}': {e}", col.name)))
    }

    /// A yes/no cell; blank (or an absent column) is `default`.
    pub fn flag(&self, col: Option<Col>, default: bool) -> Result<bool, InputError> {
        let Some(col) = col else { return Ok(default) };
        let t = self.text(col);
        let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(&t));
        if t.is_empty() {
            Ok(default)
        } else if is(&["true", "yes", "y", "1", "t"]) {
            Ok(true)
        } else if is(&["false", "no", "n", "0", "f"]) {
            Ok(false)
        } else {
            Err(self.error(col, format!("'{}': '{t}' is not yes or no; write true/false or yes/no", col.name)))
        }
    }

    /// A whole number cell; blank is `None`.
    pub fn count(&self, col: Option<Col>) -> Result<Option<u32>, InputError> {
        let Some(col) = col else { return Ok(None) };
        let t = self.text(col);
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<u32>()
            .map(Some)
            .map_err(|_| self.error(col, format!("'{}': '{t}' is not a whole number of 0 or more", col.name)))
    }
}

fn decode<'a>(raw: &'a [u8], flag: &Cell<bool>) -> Cow<'a, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            flag.set(true);
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            s
        }
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
mod tests {
    use super::*;

    fn open(bytes: &[u8]) -> Result<CsvFile, InputError> {
        CsvFile::from_reader("t.csv".into(), Box::new(io::Cursor::new(bytes.to_vec())), "cases", &ColumnMap::default())
    }

    #[test]
    fn trim_fast_path_agrees_with_str_trim() {
        for s in ["", " ", "a", " a ", "a\u{a0}", "\u{a0}a", "ab", "\tab\r", "é", " é "] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn bom_crlf_and_header_variants() {
        let mut f = open(b"\xEF\xBB\xBF Case ID ,Worker-Id\r\nC1,W1\r\n").unwrap();
        let c = f.require("case_id").unwrap();
        let w = f.require("worker_id").unwrap();
        assert!(f.next_record().unwrap());
        assert_eq!(f.row().text(c), "C1");
        assert_eq!(f.row().text(w), "W1");
        assert_eq!(f.row().line(), 2);
        assert!(!f.next_record().unwrap());
    }

    #[test]
    fn windows_1252_is_decoded_per_field() {
        let mut f = open(b"case_id,note\nC1,\x93quoted\x94 \xA35\n").unwrap();
        let n = f.require("note").unwrap();
        assert!(f.next_record().unwrap());
        assert_eq!(f.row().text(n), "\u{201c}quoted\u{201d} \u{a3}5");
        assert!(f.saw_windows_1252());
    }

    #[test]
    fn null_dates_are_blank() {
        // SQL Server saves an empty date as NULL; any other word is an error.
        let mut f = open(b"case_id,closed\nC1,NULL\nC2,null\nC3,none\n").unwrap();
        let c = f.require("closed").unwrap();
        for _ in 0..2 {
            assert!(f.next_record().unwrap());
            assert_eq!(f.row().date(Some(c)).unwrap(), None);
        }
        assert!(f.next_record().unwrap());
        assert!(f.row().date(Some(c)).is_err());
    }

    #[test]
    fn embedded_newlines_report_the_starting_line() {
        let mut f = open(b"case_id,opened\nC1,\"multi\nline\"\nC2,31/02/2026\n").unwrap();
        let o = f.require("opened").unwrap();
        assert!(f.next_record().unwrap());
        assert!(f.next_record().unwrap());
        let e = f.row().date(Some(o)).unwrap_err();
        assert_eq!((e.line, e.column), (Some(4), Some(2)));
        assert_eq!(f.row().record_number(), 2);
    }

    /// A reader that hands over one byte at a time, so every line end falls on a
    /// chunk boundary.
    struct Trickle(io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn line_ends_lf_crlf_and_lone_cr_all_count() {
        // Old Mac "CSV" ends lines with a lone CR (found by proptest: every record
        // was reported on line 1).
        // A quoted cell with a CR inside spans two lines.
        for (bytes, lines) in [
            (&b"case_id\rC1\rC2\r"[..], &[2, 3][..]),
            (&b"case_id\r\nC1\r\nC2\r\n"[..], &[2, 3]),
            (&b"case_id\nC1\r\"a\rb\"\nC2\n"[..], &[2, 3, 5]),
            (&b"case_id\r\rC1\nC2"[..], &[3, 4]),
        ] {
            for trickle in [false, true] {
                let inner: Box<dyn Read> = if trickle {
                    Box::new(Trickle(io::Cursor::new(bytes.to_vec())))
                } else {
                    Box::new(io::Cursor::new(bytes.to_vec()))
                };
                let mut f = CsvFile::from_reader("t.csv".into(), inner, "cases", &ColumnMap::default()).unwrap();
                let mut got = Vec::new();
                while f.next_record().unwrap() {
                    got.push(f.row().line());
                }
                assert_eq!(got, lines, "{bytes:?} trickle={trickle}");
            }
        }
    }

    #[test]
    fn bad_inputs_are_errors_with_positions() {
        assert!(open(b"").unwrap_err().message.contains("empty"));
        assert!(open(b"\xFF\xFEc\0a\0").unwrap_err().message.contains("UTF-16"));
        assert!(open(b"PK\x03\x04\0\0binary").unwrap_err().message.contains("Excel workbook"));
        assert!(open(b"a,b\nc,\0\n").unwrap_err().message.contains("does not look like a CSV"));
        let mut f = open(b"case_id,worker_id\r\nC1,W1\r\nC2\r\n").unwrap();
        assert!(f.next_record().unwrap());
        let e = f.next_record().unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("1 fields but the header has 2"), "{e}");
        let f = open(b"case_id,CASE ID\n").unwrap();
        assert!(f.column("case_id").unwrap_err().message.contains("two columns"));
        let f = open(b"a,b\n").unwrap();
        assert!(f.require("case_id").unwrap_err().to_string().starts_with("t.csv:1: no 'case_id' column"));
    }
}
