//! One data record, typed: text decoded per field (UTF-8, else Windows-1252),
//! dates, numbers and ids, with every error pointing at its cell.

use super::{Col, CsvFile};
use crate::calendar::dates;
use crate::calendar::dates::Month;
use crate::error::InputError;
use crate::words::trim;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::cell::Cell;

/// One data record, with typed accessors whose errors point at the cell.
pub struct Row<'a> {
    file: &'a CsvFile,
}

pub(super) fn decode<'a>(raw: &'a [u8], flag: &Cell<bool>) -> Cow<'a, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            flag.set(true);
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(raw);
            s
        }
    }
}

/// A yes/no word (`true`, `yes`, `y`, `1`, `t` and their opposites, in any
/// case) as a flag; `None` for any other.
pub fn flag_word(t: &str) -> Option<bool> {
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(t));
    if is(&["true", "yes", "y", "1", "t"]) {
        Some(true)
    } else if is(&["false", "no", "n", "0", "f"]) {
        Some(false)
    } else {
        None
    }
}

impl<'a> Row<'a> {
    pub(super) fn new(file: &'a CsvFile) -> Row<'a> {
        Row { file }
    }

    /// The physical line where this record starts (quoted fields may span lines).
    pub fn line(&self) -> u64 {
        self.file.line.get()
    }

    /// The data record number (1 = first row after the header).
    pub fn record_number(&self) -> u64 {
        self.file.record_no
    }

    pub fn error(&self, col: Col, message: impl Into<String>) -> InputError {
        InputError::at(&self.file.name, self.line(), Some(col.index + 1), message)
    }

    /// The cell at `index` exactly as written (decoded, not trimmed).
    pub fn raw(&self, index: usize) -> Cow<'a, str> {
        match self.file.record.cell(index) {
            Ok(t) => Cow::Borrowed(t),
            Err(b) => decode(b, &self.file.windows_1252),
        }
    }

    /// The cell's text, trimmed.
    pub fn text(&self, col: Col) -> Cow<'a, str> {
        let raw = match self.file.record.cell(col.index) {
            Ok(t) => return Cow::Borrowed(trim(t)),
            Err(b) => b,
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
        if t.is_empty() {
            return Ok(default);
        }
        flag_word(&t).ok_or_else(|| {
            self.error(col, format!("'{}': '{t}' is not yes or no; write true/false or yes/no", col.name))
        })
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
