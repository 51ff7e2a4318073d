//! Rows written as they come (`due`, `check`): CSV and JSON Lines stream; a
//! table, a calendar and a workbook are written at the end.

use super::{BOM, Cell, Field, Format, OutputOptions, Report, Section, csv_row, render_within, row_object};
use std::io::{self, Write};

/// CSV is written to the output in blocks of about this many bytes.
const BLOCK: usize = 1 << 16;

/// Rows written as they come, so a million-event stream runs in constant memory.
/// CSV, JSONL and JSON stream; a table (which must measure its columns) and ICS
/// (which wraps the rows) are assembled at the end.
pub struct RowStream {
    format: Format,
    raw: bool,
    bom: bool,
    width: Option<u16>,
    columns: Vec<String>,
    out: Box<dyn Write>,
    /// CSV rows, rendered here and written out a block at a time.
    csv: Vec<u8>,
    file: Option<(super::target::Target, std::path::PathBuf)>,
    rows: usize,
    held: Vec<Vec<Cell>>,
    /// For a workbook: the book and its one sheet, written at the end.
    xlsx: Option<(crate::io::xlsx::Book, crate::io::xlsx::Sheet)>,
    /// The header (CSV) or opening bracket (JSON) is written.
    started: bool,
}

impl RowStream {
    pub fn new(opts: &OutputOptions, format: Format, columns: Vec<String>) -> anyhow::Result<RowStream> {
        let xlsx = match (format, &opts.path) {
            (Format::Xlsx, Some(p)) => {
                // The sheet is named after the file: `overdue.xlsx` holds `overdue`.
                let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                let book = crate::io::xlsx::Book::new(opts.today);
                let sheet = book.sheet(&name, &columns)?;
                Some((book, sheet))
            }
            (Format::Xlsx, None) => {
                return Err(crate::error::UsageError("--format xlsx needs -o FILE.xlsx".into()).into());
            }
            _ => None,
        };
        let (out, file): (Box<dyn Write>, _) = match &opts.path {
            None => (Box::new(io::BufWriter::with_capacity(1 << 16, super::stdout())), None),
            Some(p) => {
                let cannot =
                    |e: io::Error| anyhow::anyhow!("{}: cannot write: {}", p.display(), crate::error::io_reason(&e));
                let f = super::target::Target::open(p).map_err(cannot)?;
                // Rows go through a second handle on the temporary file; `finish`
                // commits the original (rename into place).
                let handle = f.as_file().try_clone().map_err(cannot)?;
                (Box::new(io::BufWriter::with_capacity(1 << 16, handle)), Some((f, p.clone())))
            }
        };
        Ok(RowStream {
            format,
            raw: opts.raw,
            bom: opts.bom,
            width: opts.table_width(),
            columns,
            out,
            csv: Vec::new(),
            file,
            rows: 0,
            held: Vec::new(),
            xlsx,
            started: false,
        })
    }

    /// Writes the CSV header or JSON's `[`, once: at the first row or at the
    /// end, so that a run stopped by bad input before any row prints nothing.
    fn start(&mut self) -> io::Result<()> {
        if std::mem::replace(&mut self.started, true) {
            return Ok(());
        }
        match self.format {
            Format::Csv => {
                if self.bom {
                    self.out.write_all(BOM)?;
                }
                self.csv.reserve(BLOCK);
                csv_row::record(&mut self.csv, self.columns.iter().map(|c| c.as_bytes()));
            }
            Format::Json => self.out.write_all(b"[")?,
            _ => {}
        }
        Ok(())
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// One row, its cells borrowed: for CSV, written without building them.
    pub fn fields(&mut self, fields: &[Field<'_>]) -> io::Result<()> {
        if self.format != Format::Csv || (self.file.is_none() && super::closed()) {
            return self.row(&fields.iter().map(|f| f.cell()).collect::<Vec<_>>());
        }
        self.start()?;
        self.check_width(fields.len())?;
        csv_row::fields(&mut self.csv, fields.iter().copied(), self.raw);
        self.rows += 1;
        self.write_block()
    }

    /// CSV rows made by the caller ([`super::CsvLine`]): `render`
    /// appends `rows` rows to the stream's text.
    pub fn csv_rows(&mut self, rows: usize, render: impl FnOnce(&mut Vec<u8>)) -> io::Result<()> {
        debug_assert_eq!(self.format, Format::Csv);
        if self.file.is_none() && super::closed() {
            self.rows += rows;
            return Ok(());
        }
        self.start()?;
        render(&mut self.csv);
        self.rows += rows;
        self.write_block()
    }

    /// `rows` CSV rows made apart ([`super::CsvLine`]),
    /// written as they are.
    pub fn csv_made(&mut self, rows: usize, bytes: &[u8]) -> io::Result<()> {
        if bytes.len() < BLOCK || !self.started {
            return self.csv_rows(rows, |out| out.extend_from_slice(bytes));
        }
        if self.file.is_none() && super::closed() {
            self.rows += rows;
            return Ok(());
        }
        // A large piece goes out as it is, after what is waiting.
        self.out.write_all(&self.csv)?;
        self.csv.clear();
        self.rows += rows;
        self.out.write_all(bytes)
    }

    /// A CSV row must have as many cells as the header.
    fn check_width(&self, cells: usize) -> io::Result<()> {
        if cells == self.columns.len() {
            return Ok(());
        }
        Err(io::Error::other(format!("a row of {cells} cells under {} columns", self.columns.len())))
    }

    /// Writes the CSV text gathered, once there is a block of it.
    fn write_block(&mut self) -> io::Result<()> {
        if self.csv.len() >= BLOCK {
            self.out.write_all(&self.csv)?;
            self.csv.clear();
        }
        Ok(())
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        // Nobody reads on: the run goes on to its exit code, writing nothing.
        if self.file.is_none() && super::closed() {
            self.rows += 1;
            return Ok(());
        }
        self.start()?;
        match self.format {
            Format::Csv => {
                self.check_width(cells.len())?;
                csv_row::cells(&mut self.csv, cells, self.raw);
                self.write_block()?;
            }
            Format::Jsonl | Format::Json => {
                let section = Section { name: "", title: "", columns: self.columns.clone(), rows: Vec::new() };
                let obj = serde_json::Value::Object(row_object(&section, cells, false));
                if self.format == Format::Json {
                    self.out.write_all(if self.rows == 0 { b"\n  " } else { b",\n  " })?;
                }
                serde_json::to_writer(&mut self.out, &obj)?;
                if self.format == Format::Jsonl {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Table | Format::Ics | Format::Html => self.held.push(cells.to_vec()),
            Format::Xlsx => {
                let (book, sheet) = self.xlsx.as_mut().expect("a workbook stream has a book");
                book.row(sheet, cells).map_err(io::Error::other)?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the output; `ics` is the calendar text when the format is ICS.
    pub fn finish(mut self, ics: Option<String>) -> anyhow::Result<()> {
        self.start()?;
        match self.format {
            Format::Json => self.out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?,
            Format::Table => {
                let report = Report {
                    sections: vec![Section {
                        name: "rows",
                        title: "",
                        columns: self.columns.clone(),
                        rows: std::mem::take(&mut self.held),
                    }],
                    json_object: false,
                };
                render_within(&report, Format::Table, self.raw, self.width, &mut self.out)?;
            }
            Format::Ics => {
                self.out.write_all(ics.unwrap_or_default().as_bytes())?;
            }
            Format::Xlsx => {
                let (mut book, sheet) = self.xlsx.take().expect("a workbook stream has a book");
                book.add(sheet)?;
                self.out.write_all(&book.finish()?)?;
            }
            _ => {}
        }
        self.out.write_all(&std::mem::take(&mut self.csv))?;
        self.out.flush()?;
        drop(std::mem::replace(&mut self.out, Box::new(io::sink())));
        if let Some((f, p)) = self.file.take() {
            f.commit().map_err(|e| anyhow::anyhow!("{}: cannot save: {}", p.display(), crate::error::io_reason(&e)))?;
        }
        Ok(())
    }
}

impl Drop for RowStream {
    /// A run stopped by bad input part way still writes the rows before it,
    /// as they were streamed (a file is not committed, and so not written).
    fn drop(&mut self) {
        if !self.csv.is_empty() {
            let _ = self.out.write_all(&self.csv);
        }
    }
}
