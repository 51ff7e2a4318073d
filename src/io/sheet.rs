//! Workbooks as input (docs/reference/input-files.md): wherever a CSV file is read, a `.xlsx`
//! (`.xlsm`, `.xls`, `.ods`) is read too. `FILE.xlsx` is its first sheet;
//! `FILE.xlsx#Sheet name` names one. The sheet becomes CSV text in memory and
//! goes through the same reader as a CSV file (header matching, `--columns`,
//! typed cells), so a workbook and its CSV export read the same.
//!
//! Cells become text as a CSV export would write them: a date cell is
//! `YYYY-MM-DD`, a whole number has no `.0`, `TRUE` is `true`; text stays as it
//! is (an Excel serial typed as a number is read by the date parser like any
//! other). The CSV keeps one line per sheet row, starting at the sheet's first
//! row, so an error's line is the sheet's row and its column the sheet's column,
//! and errors name them as a spreadsheet does: `staff.xlsx#Staff!C14`.

use crate::error::InputError;
use calamine::{Data, Reader};

/// What a file's bytes say it is, whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`): a zip.
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`): a zip whose first entry says so.
    Ods,
    /// A legacy Excel 97-2003 workbook (`.xls`): an OLE container.
    Xls,
    /// An `.xlsx` saved with a password: an OLE container holding an
    /// encrypted package.
    Encrypted,
    /// A web page: what many case systems' "Excel" exports really are.
    Html,
    /// Excel 2003's XML spreadsheet format.
    SpreadsheetXml,
    /// Text: CSV, or something like it.
    Text,
    /// Anything else (binary, or empty).
    Other,
}

impl Content {
    /// Reads what `bytes`, a file's whole content, are.
    pub fn of(bytes: &[u8]) -> Content {
        const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if bytes.starts_with(b"PK\x03\x04") {
            let head = &bytes[..bytes.len().min(200)];
            let ods = memchr::memmem::find(head, b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet").is_some();
            return if ods { Content::Ods } else { Content::Xlsx };
        }
        if bytes.starts_with(&OLE) {
            // The encrypted package's stream name, as the OLE directory
            // writes names: UTF-16.
            let name: Vec<u8> = "EncryptedPackage".bytes().flat_map(|b| [b, 0]).collect();
            return if memchr::memmem::find(bytes, &name).is_some() { Content::Encrypted } else { Content::Xls };
        }
        let text = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        let start: String =
            String::from_utf8_lossy(&text[..text.len().min(512)]).trim_start().chars().take(200).collect();
        let lower = start.to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.starts_with("<table") {
            return Content::Html;
        }
        if lower.starts_with("<?xml") {
            return Content::SpreadsheetXml;
        }
        let sample = &text[..text.len().min(4096)];
        if !sample.is_empty() && !sample.contains(&0) {
            return Content::Text;
        }
        Content::Other
    }

    /// What it is, in words for a message.
    pub fn words(self) -> &'static str {
        match self {
            Content::Xlsx => "an Excel workbook (.xlsx)",
            Content::Ods => "an OpenDocument spreadsheet (.ods)",
            Content::Xls => "an Excel 97-2003 workbook (.xls)",
            Content::Encrypted => "a password-protected Excel workbook",
            Content::Html => "a web page (HTML, as some case systems save an \"Excel\" export)",
            Content::SpreadsheetXml => "an XML file (Excel 2003 XML spreadsheet, or other XML)",
            Content::Text => "CSV (or other) text",
            Content::Other => "not a spreadsheet (binary data)",
        }
    }

    /// The extensions a file of this content is read under.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Content::Xlsx => &[".xlsx", ".xlsm"],
            Content::Ods => &[".ods"],
            Content::Xls => &[".xls"],
            Content::Text => &[".csv", ".txt"],
            _ => &[],
        }
    }

    /// What to do about a file of this content named `path`, when its name
    /// says otherwise.
    pub fn misnamed(self, path: &str) -> String {
        // Standard input (named `<stdin>` here), or a pipe: nothing to rename.
        let piped = !crate::io::path::readable_twice(path);
        let ext = std::path::Path::new(path)
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_else(|| "without an extension".into());
        let fix = match self {
            Content::Encrypted => "open it in Excel and save a copy without a password".to_string(),
            Content::Html | Content::SpreadsheetXml => {
                "open it in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"".to_string()
            }
            Content::Other => "check that it is the export you meant".to_string(),
            c if piped => format!("save it as a file ending {} and give its path", c.extensions()[0]),
            c => format!("rename it to {}, and it is read as it is", c.extensions()[0]),
        };
        if self == Content::Encrypted {
            return format!("is password-protected (encrypted); {fix}");
        }
        if piped {
            return format!("what is piped in is {}; {fix}", self.words());
        }
        format!("this file is {} named {ext}; {fix}", self.words())
    }
}

/// Opens a workbook, by what its bytes are: a file whose bytes are not what
/// its name says is refused saying what it really is (CSV text named `.xls`,
/// an `.xlsx` named `.xls`), and only a truly encrypted workbook is called
/// password-protected.
pub fn open_workbook(path: &str) -> Result<calamine::Sheets<std::io::Cursor<Vec<u8>>>, InputError> {
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::file(path, format!("cannot open: {}", crate::error::io_reason(&e))))?;
    let content = Content::of(&bytes);
    let lower = path.to_ascii_lowercase();
    let named = |c: Content| c.extensions().iter().any(|e| lower.ends_with(e));
    let cursor = std::io::Cursor::new(bytes);
    let opened = match content {
        Content::Xlsx if named(content) => calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor)
            .map(calamine::Sheets::Xlsx)
            .map_err(calamine::Error::Xlsx),
        Content::Ods if named(content) => calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor)
            .map(calamine::Sheets::Ods)
            .map_err(calamine::Error::Ods),
        Content::Xls if named(content) => calamine::open_workbook_from_rs::<calamine::Xls<_>, _>(cursor)
            .map(calamine::Sheets::Xls)
            .map_err(calamine::Error::Xls),
        other => return Err(InputError::file(path, other.misnamed(path))),
    };
    opened.map_err(|e| InputError::file(path, workbook_error(&e)))
}

pub fn workbook_error(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("password") {
        "is password-protected; open it in Excel and save a copy without a password".into()
    } else {
        format!("is damaged, or not a workbook Excel can open: {text}")
    }
}

/// The sheet `path` names (its first, without `#Sheet`) as CSV bytes, and the
/// name messages give it (`staff.xlsx#Staff`).
pub fn to_csv(file: &str, sheet: Option<&str>) -> Result<(String, Vec<u8>), InputError> {
    let mut book = open_workbook(file)?;
    let names = book.sheet_names().to_owned();
    let name = match sheet {
        Some(s) => names.iter().find(|n| n.as_str() == s).cloned().ok_or_else(|| {
            let hint = crate::words::did_you_mean(s, names.iter().map(String::as_str));
            InputError::file(file, format!("has no sheet '{s}'{hint}; its sheets: {}", names.join(", ")))
        })?,
        None => names.first().cloned().ok_or_else(|| InputError::file(file, "has no sheets"))?,
    };
    let shown = format!("{file}#{name}");
    let range = book.worksheet_range(&name).map_err(|e| InputError::file(&shown, workbook_error(&e)))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut out = Vec::new();
    // Blank lines up to the first used row keep line numbers equal to rows
    // (the CSV reader skips blank lines); empty cells before the first used
    // column keep column numbers equal to the sheet's.
    out.extend(std::iter::repeat_n(b'\n', top as usize));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).flexible(true).from_writer(out);
    let lead = vec![String::new(); left as usize];
    for row in range.rows() {
        let cells = lead.iter().cloned().chain(row.iter().map(text));
        w.write_record(cells).map_err(|e| InputError::file(&shown, e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| InputError::file(&shown, e.to_string()))?;
    Ok((shown, bytes))
}

/// A cell as a CSV export writes it.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match crate::calendar::dates::from_excel_serial(d.as_f64()) {
            Some(date) if d.is_datetime() => crate::io::table::iso(date),
            _ => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
