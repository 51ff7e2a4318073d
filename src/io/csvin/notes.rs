//! What reading a file passed over or took as given, for the run to say.

use crate::error::Warning;

/// A cell that holds nothing but white space.
pub(super) fn is_blank_cell(cell: &[u8]) -> bool {
    cell.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// A row whose every cell is blank (Excel's "Save as CSV" writes a blank
/// row as a row of commas).
pub(super) fn is_blank(rec: &super::Rec) -> bool {
    rec.iter().all(is_blank_cell)
}

/// What reading a file passed over or took as given, for the run to say:
/// rows skipped as blank, title rows above the header, the spellings read
/// as our columns, Windows-1252 text, and whether there was any row at all.
#[derive(Debug, Clone, Default)]
pub struct ReadNotes {
    pub name: String,
    /// The file is a workbook's sheet: its lines are rows.
    pub sheet: bool,
    pub windows_1252: bool,
    /// Blank rows skipped, and the lines of the first [`SHOWN`] of them.
    pub blank_rows: u64,
    pub blank_lines: Vec<u64>,
    /// The header's line, when rows above it were passed over.
    pub header_line: Option<u64>,
    /// The header's line.
    pub header_at: u64,
    /// Other spellings read as our columns: (our name, the header).
    pub respelt: Vec<(String, String)>,
    /// Data rows read.
    pub rows: u64,
}

/// How many lines a note lists before "and N more".
const SHOWN: usize = 10;

impl ReadNotes {
    pub(super) fn blank(&mut self, line: u64) {
        self.blank_rows += 1;
        if self.blank_lines.len() < SHOWN {
            self.blank_lines.push(line);
        }
    }

    /// Adds the notes of the file's other part (read at the same time).
    pub fn merge(&mut self, other: ReadNotes) {
        self.windows_1252 |= other.windows_1252;
        self.blank_rows += other.blank_rows;
        self.blank_lines.extend(other.blank_lines);
        self.blank_lines.sort_unstable();
        self.blank_lines.truncate(SHOWN);
        self.rows += other.rows;
        for r in other.respelt {
            if !self.respelt.contains(&r) {
                self.respelt.push(r);
            }
        }
    }

    /// What to tell the user: notes, and warnings for what may be wrong.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let (line, lines) = if self.sheet { ("row", "rows") } else { ("line", "lines") };
        if let Some(at) = self.header_line {
            out.push(
                Warning::file(
                    &self.name,
                    format!(
                        "the header is on {line} {at}; the {} above it {} skipped as a title",
                        plural(at - 1, line, lines),
                        if at == 2 { "was" } else { "were" }
                    ),
                )
                .note(),
            );
        }
        if !self.respelt.is_empty() {
            let read: Vec<String> = self.respelt.iter().map(|(ours, theirs)| format!("'{theirs}' as {ours}")).collect();
            out.push(Warning::file(&self.name, format!("columns read under other names: {}", read.join(", "))).note());
        }
        if self.blank_rows > 0 {
            let message = blank_rows(self.blank_rows, &self.blank_lines, self.sheet);
            out.push(Warning::file(&self.name, message).note());
        }
        if self.windows_1252 {
            out.push(Warning::file(&self.name, "not UTF-8; read as Windows-1252"));
        }
        if self.rows == 0 {
            out.push(Warning::file(&self.name, "has a header but no rows: nothing was read from it").strict());
        }
        out
    }
}

/// "3 blank rows skipped (lines 7, 16, 17)": `n` rows, the first of them
/// at `first` (lines of a text file, or rows of a sheet).
pub fn blank_rows(n: u64, first: &[u64], sheet: bool) -> String {
    let (line, lines) = if sheet { ("row", "rows") } else { ("line", "lines") };
    let mut listed: Vec<String> = first.iter().map(u64::to_string).collect();
    if n > first.len() as u64 {
        listed.push(format!("and {} more", n - first.len() as u64));
    }
    format!(
        "{} skipped ({} {})",
        plural(n, "blank row", "blank rows"),
        if n == 1 { line } else { lines },
        listed.join(", ")
    )
}

fn plural(n: u64, one: &str, many: &str) -> String {
    crate::words::count(n as usize, one, many)
}
