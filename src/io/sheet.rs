//! Workbooks as input (issue 14): wherever a CSV file is read, a `.xlsx`
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

/// Opens a workbook, refusing a password-protected one in words a user can act on.
pub fn open_workbook(path: &str) -> Result<calamine::Sheets<std::io::BufReader<std::fs::File>>, InputError> {
    // A password-protected .xlsx is an encrypted OLE container, not a zip.
    let mut magic = [0u8; 8];
    let is_ole = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok_and(|_| magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let zip_named = [".xlsx", ".xlsm"].iter().any(|e| path.to_ascii_lowercase().ends_with(e));
    if is_ole && zip_named {
        return Err(InputError::file(
            path,
            "is password-protected (an encrypted workbook); open it in Excel and save a copy without a password",
        ));
    }
    calamine::open_workbook_auto(path).map_err(|e| InputError::file(path, workbook_error(&e)))
}

pub fn workbook_error(e: &calamine::Error) -> String {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") || lower.contains("cfb") {
        "is password-protected (encrypted); save an unprotected copy".into()
    } else if lower.contains("zip") || lower.contains("invalid") {
        format!("is not a readable workbook (damaged, or not really .xlsx): {text}")
    } else {
        format!("cannot be read as a workbook: {text}")
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
            Some(date) if d.is_datetime() => crate::io::output::iso(date),
            _ => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
