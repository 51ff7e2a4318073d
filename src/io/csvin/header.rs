//! The header row: found among a file's first rows (a report's title above it
//! is passed over), and our columns found in it through the `--columns`
//! mapping, our own names and their other spellings.

use super::rec::Rec;
use super::row::decode;
use super::{Col, CsvFile, is_blank};
use crate::error::InputError;
use crate::words::normalise;
use std::cell::Cell;

/// How many rows are looked at for the header.
pub const HEADER_SEARCH: usize = 20;

impl CsvFile {
    /// Reads the first rows to find the header: the row `--header-row` (or
    /// the section's `header_row:`) gives; else the first of the first
    /// [`HEADER_SEARCH`] rows that holds every column this kind of file needs;
    /// else the first holding the most of them; else the first row that is not
    /// blank. Rows read past the header are kept for [`next_record`](Self::next_record).
    pub(super) fn find_header(&mut self) -> Result<(), InputError> {
        let given = self.map.header_row(self.kind);
        let needed: Vec<Vec<String>> = self.map.needed(self.kind).iter().map(|c| self.accepted_headers(c)).collect();
        let score = |rec: &Rec| {
            let cells: Vec<String> = rec.iter().map(|f| normalise(&decode(f, &Cell::new(false)))).collect();
            needed.iter().filter(|names| names.iter().any(|n| cells.contains(n))).count()
        };
        let mut seen: Vec<(Rec, u64)> = Vec::new();
        let mut best: Option<(usize, usize)> = None;
        let mut rows = 0;
        loop {
            let mut rec = Rec::default();
            let line = match self.read_raw(&mut rec) {
                Ok(Some(line)) => line,
                Ok(None) => break,
                // Past a row that could be the header, the error belongs to
                // the data: it is reported when the rows before it are read.
                Err(e) if given.is_none() && best.is_some() => {
                    self.ahead_error = Some(e);
                    break;
                }
                Err(e) => return Err(e),
            };
            let blank = is_blank(&rec);
            seen.push((rec, line));
            if let Some(row) = given {
                if line == row && blank {
                    return Err(InputError::at(
                        &self.name,
                        row,
                        None,
                        format!("--header-row {row}: this row is blank; give the row that names the columns"),
                    ));
                }
                if line == row {
                    best = Some((seen.len() - 1, 0));
                    break;
                }
                if line > row {
                    return Err(InputError::at(
                        &self.name,
                        row,
                        None,
                        format!("--header-row {row}: no row starts on this line (a cell above spans it)"),
                    ));
                }
                continue;
            }
            if blank {
                continue;
            }
            rows += 1;
            let s = score(&seen[seen.len() - 1].0);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((seen.len() - 1, s));
            }
            if s == needed.len() || rows == HEADER_SEARCH {
                break;
            }
        }
        let Some((at, _)) = best else {
            return Err(match given {
                Some(row) => InputError::file(&self.name, format!("--header-row {row}: the file has fewer rows")),
                None => InputError::file(&self.name, "is empty; expected a header row naming the columns"),
            });
        };
        let mut rest = seen.split_off(at);
        let (header, line) = rest.remove(0);
        if header.iter().any(|f| f.iter().any(|&b| b == 0 || (b < 0x20 && b != b'\t'))) {
            return Err(InputError::at(
                &self.name,
                line,
                None,
                "does not look like a CSV file (binary data in the header row)",
            ));
        }
        if seen.iter().any(|(r, _)| !is_blank(r)) {
            self.notes.header_line = Some(line);
        }
        self.raw_headers = header.iter().map(|f| decode(f, &Cell::new(false)).into_owned()).collect();
        self.headers = self.raw_headers.iter().map(|h| normalise(h)).collect();
        self.notes.header_at = line;
        self.ahead = rest.into();
        Ok(())
    }

    /// The headers (normalised) under which `canonical` is looked for, in
    /// order: the mapping's, our own name, its other spellings.
    fn accepted_headers(&self, canonical: &str) -> Vec<String> {
        let mut names = Vec::new();
        if let Some((h, _)) = self.map.header_for(self.kind, canonical) {
            names.push(normalise(h));
        }
        names.push(canonical.to_string());
        names.extend(crate::io::columns::spellings(self.kind, canonical).iter().map(|s| s.to_string()));
        names
    }

    /// Finds a column by its canonical name, through the `--columns` mapping.
    /// A flat mapping whose header is not in this file leaves the column absent
    /// (the same mapping serves several files); one in this file's section must
    /// be found.
    pub fn column(&self, canonical: &'static str) -> Result<Option<Col>, InputError> {
        Ok(self.position(canonical)?.map(|index| Col { index, name: canonical }))
    }

    /// The 0-based position of the column called `canonical` (through the
    /// `--columns` mapping), for names known only at run time (a rule set's
    /// fields). Looked for under the mapping's header; where there is none,
    /// or a preset's or a flat mapping's header is not in this file, under our
    /// own name and then its other spellings ([`crate::io::columns::SPELLINGS`]).
    pub fn position(&self, canonical: &str) -> Result<Option<usize>, InputError> {
        debug_assert!(
            crate::io::columns::is_known(self.kind, canonical),
            "'{canonical}' is read from {} files but is not in io::columns::COLUMNS, so it cannot be mapped",
            self.kind
        );
        let mapped = self.map.header_for(self.kind, canonical);
        if let Some((header, must)) = mapped {
            if let Some(i) = self.find(&normalise(header))? {
                return Ok(Some(i));
            }
            if must {
                return Err(self.mapping_not_found(canonical, header));
            }
        }
        if let Some(i) = self.find(canonical)? {
            return Ok(Some(i));
        }
        for other in crate::io::columns::spellings(self.kind, canonical) {
            if let Some(i) = self.find(other)? {
                let seen = (canonical.to_string(), self.raw_headers[i].trim().to_string());
                let mut respelt = self.respelt.borrow_mut();
                if !respelt.contains(&seen) {
                    respelt.push(seen);
                }
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// The one column headed `wanted` (normalised), if any; two is an error.
    fn find(&self, wanted: &str) -> Result<Option<usize>, InputError> {
        let mut found = self.headers.iter().enumerate().filter(|(_, h)| *h == wanted).map(|(i, _)| i);
        let first = found.next();
        if let (Some(first), Some(second)) = (first, found.next()) {
            return Err(InputError::at(
                &self.name,
                self.notes.header_at,
                Some(second + 1),
                format!(
                    "two columns are headed '{}' (columns {} and {}); rename one",
                    self.raw_headers[second].trim(),
                    first + 1,
                    second + 1
                ),
            ));
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

    /// The header row as written, for messages: "the header row has 3
    /// columns: a, b, c" (the first 20 when there are more).
    fn header_list(&self) -> String {
        crate::words::header_row(&self.raw_headers, self.notes.header_at, self.notes.sheet)
    }

    /// The line (row, in a sheet) the header is on.
    pub fn header_line(&self) -> u64 {
        self.notes.header_at.max(1)
    }

    /// The mapping names a header (as the user wrote it) that this file lacks.
    fn mapping_not_found(&self, canonical: &str, header: &str) -> InputError {
        InputError::at(
            &self.name,
            self.notes.header_at,
            None,
            format!(
                "the --columns mapping says '{canonical}' is headed '{}', but no column has that header ({})",
                header.trim(),
                self.header_list()
            ),
        )
    }

    /// Like [`column`](Self::column), but the column must be there.
    pub fn require(&self, canonical: &'static str) -> Result<Col, InputError> {
        if let Some(col) = self.column(canonical)? {
            return Ok(col);
        }
        if let Some((header, true)) = self.map.header_for(self.kind, canonical) {
            return Err(self.mapping_not_found(canonical, header));
        }
        Err(InputError::at(
            &self.name,
            self.notes.header_at,
            None,
            format!(
                "no '{canonical}' column ({}); add it, or map your header to it with --columns",
                self.header_list()
            ),
        ))
    }
}
