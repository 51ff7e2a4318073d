//! Errors that point at input. Every one names the file and, where known, the line
//! and column, so a business-support admin can open the file and find the cell
//! (docs/reference/conventions.md). Messages name ids and positions, never personal details.

use std::fmt;

// Places in files, as messages write them.

/// The extensions read as workbooks.
const WORKBOOK: [&str; 4] = [".xlsx", ".xlsm", ".xls", ".ods"];

/// The file and the sheet a path names, if the file is a workbook:
/// `staff.xlsx#Staff` is (`staff.xlsx`, `Some("Staff")`).
pub fn workbook_path(path: &str) -> Option<(&str, Option<&str>)> {
    let is_book = |f: &str| WORKBOOK.iter().any(|e| f.to_ascii_lowercase().ends_with(e));
    if is_book(path) {
        return Some((path, None));
    }
    let (file, sheet) = path.rsplit_once('#')?;
    is_book(file).then_some((file, Some(sheet)))
}

/// Whether a name in a message is a workbook's sheet (`staff.xlsx#Staff`),
/// whose positions are cells.
pub fn is_sheet_name(name: &str) -> bool {
    name.rsplit_once('#').is_some_and(|(file, _)| workbook_path(file).is_some())
}

/// The spreadsheet name of a 0-based column: 0 → A, 27 → AB.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// An I/O error's reason without Rust's "(os error 2)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A problem with an input file or argument: the command cannot run (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<usize>,
    pub message: String,
}

impl InputError {
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { file: file.into(), line: None, column: None, message: message.into() }
    }

    pub fn at(file: impl Into<String>, line: u64, column: Option<usize>, message: impl Into<String>) -> Self {
        InputError { file: file.into(), line: Some(line), column, message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write_place(f, &self.file, line, self.column)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where in `file` a line (and column) is, written after its name: `:14:3`
/// in a text file; in a workbook's sheet (`staff.xlsx#Staff`), whose lines are
/// rows, the cell as a spreadsheet writes it (`!C14`), or ` row 14`.
fn write_place(f: &mut fmt::Formatter<'_>, file: &str, line: u64, column: Option<usize>) -> fmt::Result {
    match (is_sheet_name(file), column) {
        (true, Some(c)) => write!(f, "!{}{line}", column_letter(c.saturating_sub(1))),
        (true, None) => write!(f, " row {line}"),
        (false, Some(c)) => write!(f, ":{line}:{c}"),
        (false, None) => write!(f, ":{line}"),
    }
}

/// A command-line mistake that clap cannot see (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// How serious a finding is: an error fails the run (exit 1), a warning does
/// not unless `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Findings counted by severity: a run fails (exit 1) on an error, or on a
/// warning when warnings are denied (`--deny-warnings`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }
}

/// A problem that does not stop the run: the command goes on, and says what it
/// passed over and where (a file, a line and column of a text file, or a cell
/// of a workbook). Every reader and the domain report them this one way; the
/// edge prints them on stderr (`warning: ...`), or not with `--quiet`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Warning {
    /// The file, or several joined; empty when the message names its place.
    pub file: String,
    /// The workbook sheet (`List 3`); empty for a text file.
    pub sheet: String,
    /// The line of a text file, or the row of a sheet (1 = the header row); 0
    /// for the whole file or sheet.
    pub row: u64,
    /// The column: a letter in a sheet (`H`), a number in a text file; empty
    /// for the whole row.
    pub column: String,
    pub message: String,
    /// A note says what the run did with the input (rows passed over, the row
    /// taken for the header); a warning, what may be wrong with it.
    pub level: Level,
    /// Fails the run under `--strict`: something a cron job must not pass in
    /// silence (an input with no rows, workers left out of the count).
    pub strict: bool,
}

/// How a [`Warning`] is labelled when printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    Note,
    #[default]
    Warning,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
        }
    }
}

impl Warning {
    /// The same, as a note.
    pub fn note(self) -> Warning {
        Warning { level: Level::Note, ..self }
    }

    /// The same, failing the run under `--strict`.
    pub fn strict(self) -> Warning {
        Warning { strict: true, ..self }
    }

    /// A warning about nothing more particular than the run.
    pub fn new(message: impl Into<String>) -> Warning {
        Warning { message: message.into(), ..Warning::default() }
    }

    /// A warning about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning { file: file.into(), ..Warning::new(message) }
    }

    /// A warning about a line (and column) of a text file.
    pub fn at(file: impl Into<String>, line: u64, column: Option<usize>, message: impl Into<String>) -> Warning {
        let column = column.map(|c| c.to_string()).unwrap_or_default();
        Warning { row: line, column, ..Warning::file(file, message) }
    }

    /// A warning about a cell of a sheet (`row` 0 and no `column`: the sheet).
    pub fn cell(sheet: impl Into<String>, row: u32, column: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning { sheet: sheet.into(), row: u64::from(row), column: column.into(), ..Warning::new(message) }
    }

    /// The same warning, said of `file` (a sheet's workbook).
    pub fn in_file(self, file: impl Into<String>) -> Warning {
        Warning { file: file.into(), ..self }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut placed = !self.file.is_empty();
        write!(f, "{}", self.file)?;
        if !self.sheet.is_empty() {
            if placed {
                write!(f, ": ")?;
            }
            write!(f, "{}", self.sheet)?;
            if self.row > 0 {
                write!(f, "!{}{}", self.column, self.row)?;
            }
            placed = true;
        } else if placed && self.row > 0 {
            // A line of a text file (`Warning::at`), whose column is a number.
            write_place(f, &self.file, self.row, self.column.parse().ok())?;
        }
        if placed {
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workbook_paths_and_sheets() {
        assert_eq!(workbook_path("staff.xlsx"), Some(("staff.xlsx", None)));
        assert_eq!(workbook_path("a/Staff.XLSX#Staff list"), Some(("a/Staff.XLSX", Some("Staff list"))));
        assert_eq!(workbook_path("staff.csv"), None);
        assert_eq!(workbook_path("notes#1.csv"), None);
        assert!(is_sheet_name("staff.xlsx#Staff"));
        assert!(!is_sheet_name("staff.csv"));
        assert_eq!(InputError::at("s.xlsx#Staff", 14, Some(3), "m").to_string(), "s.xlsx#Staff!C14: m");
        assert_eq!(InputError::at("s.xlsx#Staff", 14, None, "m").to_string(), "s.xlsx#Staff row 14: m");
        assert_eq!(InputError::at("s.csv", 14, Some(3), "m").to_string(), "s.csv:14:3: m");
    }

    #[test]
    fn a_warning_says_where() {
        assert_eq!(Warning::new("m").to_string(), "m");
        assert_eq!(Warning::file("a.csv", "m").to_string(), "a.csv: m");
        assert_eq!(Warning::at("a.csv", 12, Some(3), "m").to_string(), "a.csv:12:3: m");
        assert_eq!(Warning::at("a.csv", 12, None, "m").to_string(), "a.csv:12: m");
        assert_eq!(Warning::cell("List 3", 0, "", "m").to_string(), "List 3: m");
        assert_eq!(Warning::cell("List 3", 12, "H", "m").to_string(), "List 3!H12: m");
        assert_eq!(Warning::cell("List 3", 12, "H", "m").in_file("a.xlsx").to_string(), "a.xlsx: List 3!H12: m");
        assert_eq!(Warning::at("b.xlsx#ssd_person", 12, Some(3), "m").to_string(), "b.xlsx#ssd_person!C12: m");
    }
}
