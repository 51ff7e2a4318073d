//! The check engine reads a CSV file through [`Table`], and no file itself:
//! the engine is domain and `CsvFile` is `io`, so the two meet here.

use crate::check::engine::Table;
use crate::error::InputError;
use crate::io::csvin::CsvFile;
use std::borrow::Cow;

impl Table for CsvFile {
    fn name(&self) -> &str {
        CsvFile::name(self)
    }
    fn position(&self, name: &str) -> Result<Option<usize>, InputError> {
        CsvFile::position(self, name)
    }
    fn headers(&self) -> &[String] {
        self.raw_headers()
    }
    fn header_line(&self) -> u64 {
        CsvFile::header_line(self)
    }
    fn is_sheet(&self) -> bool {
        crate::error::is_sheet_name(CsvFile::name(self))
    }
    fn line(&self) -> u64 {
        self.row().line()
    }
    fn record(&self) -> u64 {
        self.row().record_number()
    }
    fn raw(&self, index: usize) -> Cow<'_, str> {
        self.row().raw(index)
    }
    fn expected_records(&self) -> Option<usize> {
        // A record is rarely under 16 bytes; the first one gives the scale.
        self.size().map(|s| (s / self.record_len().max(16) as u64).min(50_000_000) as usize)
    }
}
