//! Output (docs/reference/conventions.md): `--format table|csv|json|jsonl`, a table on a terminal and CSV
//! when piped, `-o FILE` written atomically, and CSV cells neutralised against
//! spreadsheet formula injection unless `--raw`.

mod csv_row;
pub use csv_row::CsvLine;
mod fit;
mod pipe;
mod stream;
mod target;
pub use pipe::{closed, stdout};

use super::table::int_bytes;
pub use super::table::{Cell, Field, Report, Section, iso, iso_bytes, tenths};
pub use stream::RowStream;

use chrono::NaiveDate;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Jsonl,
    /// iCalendar, for `due` only.
    Ics,
    /// An Excel workbook, one sheet per table; needs -o FILE.xlsx.
    Xlsx,
    /// A self-contained web page, for `report` only.
    Html,
}

/// Where and how to write.
#[derive(Debug, Clone)]
pub struct OutputOptions {
    pub format: Option<Format>,
    pub path: Option<std::path::PathBuf>,
    pub raw: bool,
    /// CSV starts with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// The run's date: a workbook's created and modified dates.
    pub today: NaiveDate,
    /// `--wide`: a table is never fitted to the terminal.
    pub wide: bool,
}

/// The UTF-8 byte-order mark Excel looks for to read a CSV file as UTF-8.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The `-o` file extensions the tool writes, and the format each means.
pub const EXTENSIONS: [(&str, Format); 8] = [
    ("csv", Format::Csv),
    ("xlsx", Format::Xlsx),
    ("json", Format::Json),
    ("jsonl", Format::Jsonl),
    ("ndjson", Format::Jsonl),
    ("txt", Format::Table),
    ("ics", Format::Ics),
    ("html", Format::Html),
];

impl OutputOptions {
    /// The width a table is fitted to: `COLUMNS` when set, else the terminal's
    /// when standard output is one; none for files and pipes, whose bytes must
    /// not depend on where the command ran.
    pub fn table_width(&self) -> Option<u16> {
        if self.path.is_some() || self.wide {
            return None;
        }
        if let Some(w) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|w| *w >= 20) {
            return Some(w);
        }
        if !io::stdout().is_terminal() {
            return None;
        }
        // comfy-table reads the terminal's size when it may ask the terminal.
        comfy_table::Table::new().width()
    }

    /// An `-o` file whose extension the tool does not write (`.xlsx`, `.tsv`)
    /// is refused, rather than written as CSV under a misleading name.
    pub fn check(&self) -> Result<(), crate::error::UsageError> {
        let Some(p) = &self.path else {
            if self.format == Some(Format::Xlsx) {
                return Err(crate::error::UsageError(
                    "--format xlsx writes a workbook, not text: give the file with -o FILE.xlsx".into(),
                ));
            }
            return Ok(());
        };
        let Some(ext) = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()) else { return Ok(()) };
        if EXTENSIONS.iter().any(|(e, _)| *e == ext) {
            return Ok(());
        }
        let known: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
        Err(crate::error::UsageError(format!(
            "-o {}: caseaudit does not write .{ext} files; use one of {} (or no extension for CSV)",
            p.display(),
            known.join(", ")
        )))
    }

    /// The format to use: as asked; else from `-o`'s extension; else a table on a
    /// terminal and CSV when piped.
    pub fn resolved_format(&self) -> Format {
        if let Some(f) = self.format {
            return f;
        }
        if let Some(p) = &self.path {
            let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
            return EXTENSIONS.iter().find(|(e, _)| Some(*e) == ext.as_deref()).map_or(Format::Csv, |(_, f)| *f);
        }
        if io::stdout().is_terminal() { Format::Table } else { Format::Csv }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &Report, format: Format, raw: bool, out: &mut dyn Write) -> io::Result<()> {
    render_within(report, format, raw, None, out)
}

/// Renders `report`; a table is fitted to `width` columns (long cells wrap).
pub(super) fn render_within(
    report: &Report,
    format: Format,
    raw: bool,
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Csv => write_csv(report, raw, out),
        Format::Json => write_json(report, out),
        Format::Jsonl => write_jsonl(report, out),
        Format::Table => write_table(report, width, out),
        Format::Ics => Err(io::Error::other("--format ics is only for `due`")),
        Format::Xlsx => Err(io::Error::other("--format xlsx needs -o FILE.xlsx")),
        Format::Html => Err(io::Error::other("--format html is only for `report`")),
    }
}

/// Writes `report` to stdout, or atomically to the `-o` file.
pub fn emit(report: &Report, opts: &OutputOptions) -> anyhow::Result<()> {
    let format = opts.resolved_format();
    if let (Format::Xlsx, Some(path)) = (format, &opts.path) {
        let mut book = super::xlsx::Book::new(opts.today);
        for s in &report.sections {
            let mut sheet = book.sheet(&sheet_name(s.name), &s.columns)?;
            for row in &s.rows {
                book.row(&mut sheet, row)?;
            }
            book.add(sheet)?;
        }
        return write_atomic(path, &book.finish()?);
    }
    let bom: &[u8] = if opts.bom && format == Format::Csv { BOM } else { b"" };
    match &opts.path {
        None => {
            let mut lock = io::BufWriter::with_capacity(1 << 16, stdout());
            lock.write_all(bom)?;
            render_within(report, format, opts.raw, opts.table_width(), &mut lock)?;
            lock.flush()?;
            Ok(())
        }
        Some(path) => {
            let mut buf = bom.to_vec();
            render_within(report, format, opts.raw, opts.table_width(), &mut buf)?;
            write_atomic(path, &buf)
        }
    }
}

/// The file name (without extension) for each staff id: the id with any
/// character but a letter, digit or `-` made `_`. Two ids that would share a
/// name, on a file system that ignores case too (Windows, macOS), stop the run
/// before anything is written: one person's list would replace the other's.
pub fn file_stems<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    option: &str,
) -> Result<std::collections::BTreeMap<&'a str, String>, crate::error::UsageError> {
    let mut stems = std::collections::BTreeMap::new();
    let mut taken: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for id in ids {
        let stem: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        if let Some(other) = taken.insert(stem.to_lowercase(), id)
            && other != id
        {
            return Err(crate::error::UsageError(format!(
                "{option}: staff ids '{other}' and '{id}' would both be written as {stem} (file names keep letters, \
                 digits and '-', make anything else '_', and may ignore case); make one id differ in the staff file"
            )));
        }
        stems.insert(id, stem);
    }
    Ok(stems)
}

/// A table's sheet name: its section name, capitalised (`selection` is
/// `Selection`).
fn sheet_name(name: &str) -> String {
    let mut c = name.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Writes a whole file through a temporary file and a rename: readers see the old
/// file or the new one, never half of it. A device or named pipe at the path
/// (`-o /dev/null`) is written in place ([`target`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let shown = path.display();
    let f = target::Target::open(path)
        .map_err(|e| anyhow::anyhow!("{shown}: cannot write: {}", crate::error::io_reason(&e)))?;
    f.as_file()
        .write_all(bytes)
        .map_err(|e| anyhow::anyhow!("{shown}: cannot write: {}", crate::error::io_reason(&e)))?;
    f.commit().map_err(|e| anyhow::anyhow!("{shown}: cannot save: {}", crate::error::io_reason(&e)))?;
    Ok(())
}

/// Text as a CSV field (neutralised unless `raw`), to hand back as
/// [`Field::Made`] for text many rows repeat.
pub fn csv_field(text: &str, raw: bool) -> Vec<u8> {
    csv_row::text(text, raw)
}

/// Neutralises a CSV cell that a spreadsheet would run as a formula (OWASP's
/// advice: prefix a single quote).
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => std::borrow::Cow::Owned(format!("'{s}")),
        _ => std::borrow::Cow::Borrowed(s),
    }
}

fn write_csv(report: &Report, raw: bool, out: &mut dyn Write) -> io::Result<()> {
    for (i, section) in report.sections.iter().enumerate() {
        if i > 0 {
            // Sections after the first follow a blank line, with their own header.
            out.write_all(b"\n")?;
        }
        let mut buf = Vec::new();
        csv_row::record(&mut buf, section.columns.iter().map(|c| c.as_bytes()));
        for row in &section.rows {
            csv_row::cells(&mut buf, row, raw);
            if buf.len() >= 1 << 16 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
    }
    Ok(())
}

pub(super) fn row_object(
    section: &Section,
    row: &[Cell],
    with_section: bool,
) -> serde_json::Map<String, serde_json::Value> {
    let mut obj = serde_json::Map::new();
    if with_section {
        obj.insert("section".into(), section.name.into());
    }
    for (k, v) in section.columns.iter().zip(row) {
        obj.insert(k.clone(), v.json());
    }
    obj
}

fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rows = |s: &Section| -> serde_json::Value {
        serde_json::Value::Array(s.rows.iter().map(|r| serde_json::Value::Object(row_object(s, r, false))).collect())
    };
    let value = if report.json_object || report.sections.len() != 1 {
        let mut obj = serde_json::Map::new();
        for s in &report.sections {
            obj.insert(s.name.into(), rows(s));
        }
        serde_json::Value::Object(obj)
    } else {
        rows(&report.sections[0])
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    out.write_all(b"\n")
}

fn write_jsonl(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let tag = report.sections.len() > 1;
    for s in &report.sections {
        for r in &s.rows {
            serde_json::to_writer(&mut *out, &serde_json::Value::Object(row_object(s, r, tag)))?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

fn write_table(report: &Report, width: Option<u16>, out: &mut dyn Write) -> io::Result<()> {
    for (i, s) in report.sections.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        if report.sections.len() > 1 {
            writeln!(out, "{}", s.title)?;
        }
        if s.rows.is_empty() {
            writeln!(out, "(none)")?;
            continue;
        }
        let rows: Vec<Vec<String>> = s.rows.iter().map(|r| r.iter().map(Cell::plain).collect()).collect();
        let fit = width.map(|w| fit::columns(&s.columns, &rows, w));
        let kept: Vec<usize> = match &fit {
            Some(f) => f.kept.iter().map(|(c, _)| *c).collect(),
            None => (0..s.columns.len()).collect(),
        };
        let mut t = comfy_table::Table::new();
        // Plain ASCII, no colour, no terminal queries: the same bytes in cron.
        // Fitted to a width when there is one (a terminal, or COLUMNS).
        t.load_style(comfy_table::presets::ASCII_MARKDOWN).force_no_tty();
        t.set_header(kept.iter().map(|&c| s.columns[c].clone()));
        for r in &rows {
            t.add_row(kept.iter().map(|&c| r.get(c).cloned().unwrap_or_default()));
        }
        if let (Some(w), Some(f)) = (width, &fit) {
            // No value is ever split: each column is at least as wide as its
            // longest word, and long text wraps at spaces.
            t.set_width(w).set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            // comfy-table's boundaries include the cell's padding, one space a side.
            for (column, (_, least)) in t.column_iter_mut().zip(&f.kept) {
                let width = comfy_table::Width::Fixed(least.saturating_add(2));
                column.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(width));
            }
        }
        writeln!(out, "{t}")?;
        if let Some(f) = fit.filter(|f| !f.left_out.is_empty()) {
            let names: Vec<&str> = f.left_out.iter().map(|&c| s.columns[c].as_str()).collect();
            let note = format!(
                "({} left out to fit {} characters: {}; --wide shows every column, --format csv gives them to a file)",
                if names.len() == 1 { "1 column".to_string() } else { format!("{} columns", names.len()) },
                width.unwrap_or(0),
                names.join(", ")
            );
            for line in fit::wrap(&note, usize::from(width.unwrap_or(80))) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            sections: vec![Section {
                name: "rows",
                title: "Rows",
                columns: vec!["id".into(), "note".into(), "flag".into()],
                rows: vec![
                    vec![Cell::text("A"), Cell::text("=HYPERLINK(\"x\")"), Cell::Bool(true)],
                    vec![Cell::text("-B"), Cell::Empty, Cell::Bool(false)],
                ],
            }],
            json_object: false,
        }
    }

    fn text(f: Format, raw: bool) -> String {
        let mut v = Vec::new();
        render(&report(), f, raw, &mut v).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn csv_neutralises_formulas_unless_raw() {
        assert_eq!(text(Format::Csv, false), "id,note,flag\nA,\"'=HYPERLINK(\"\"x\"\")\",true\n'-B,,false\n");
        assert!(text(Format::Csv, true).contains("\n-B,,false"));
    }

    #[test]
    fn json_keeps_types_and_nulls() {
        let j: serde_json::Value = serde_json::from_str(&text(Format::Json, false)).unwrap();
        assert_eq!(j[1]["note"], serde_json::Value::Null);
        assert_eq!(j[0]["flag"], serde_json::Value::Bool(true));
        assert_eq!(j[0]["note"], "=HYPERLINK(\"x\")");
        assert_eq!(text(Format::Jsonl, false).lines().count(), 2);
    }

    #[test]
    fn whole_numbers() {
        let mut b = [0u8; 24];
        assert_eq!(int_bytes(0, &mut b), b"0");
        assert_eq!(int_bytes(-224, &mut b), b"-224");
        assert_eq!(int_bytes(i64::MIN, &mut b), i64::MIN.to_string().as_bytes());
    }

    #[test]
    fn neutralise_each_trigger() {
        for s in ["=1", "+1", "-1", "@x", "\tx", "\rx"] {
            assert!(neutralise(s).starts_with('\''), "{s:?}");
        }
        assert_eq!(neutralise("plain"), "plain");
    }
}
