//! Rows written as they come (`due`, `check`): CSV and JSON Lines stream; a
//! table, a calendar and a workbook are written at the end.

use super::{BOM, Cell, Format, OutputOptions, Report, Section, csv_io, render_within, row_object, write_csv_row};
use std::io::{self, Write};

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
    /// For CSV: one writer for the whole stream.
    csv: Option<csv::Writer<Box<dyn Write>>>,
    file: Option<(atomic_write_file::AtomicWriteFile, std::path::PathBuf)>,
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
                let f = atomic_write_file::AtomicWriteFile::open(p).map_err(cannot)?;
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
            csv: None,
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
                let out = std::mem::replace(&mut self.out, Box::new(io::sink()));
                let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
                w.write_record(&self.columns).map_err(csv_io)?;
                self.csv = Some(w);
            }
            Format::Json => self.out.write_all(b"[")?,
            _ => {}
        }
        Ok(())
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        // Nobody reads on: the run goes on to its exit code, writing nothing.
        if self.file.is_none() && super::closed() {
            self.rows += 1;
            return Ok(());
        }
        self.start()?;
        match self.format {
            Format::Csv => write_csv_row(self.csv.as_mut().expect("a CSV stream has a writer"), cells, self.raw)?,
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
        if let Some(w) = self.csv.take() {
            let mut inner = w.into_inner().map_err(|e| e.into_error())?;
            inner.flush()?;
        }
        self.out.flush()?;
        drop(self.out);
        if let Some((f, p)) = self.file {
            f.commit().map_err(|e| anyhow::anyhow!("{}: cannot save: {}", p.display(), crate::error::io_reason(&e)))?;
        }
        Ok(())
    }
}
