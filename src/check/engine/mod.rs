//! Running a rule set over rows, one at a time (SPEC §4, issue 5). Cells are
//! read as Table Schema reads them: a cell equal to a missing value is null
//! (only `required` applies); otherwise it must cast to the field's type, then
//! meet each constraint. Row rules follow; group rules run when a group (the
//! rows sharing `groups.by`) ends, so memory holds one group at a time.
//!
//! `compile` turns a rule set into checks on column positions; `cells`, `rows`
//! and `groups` run them.

mod cells;
mod compile;
mod groups;
mod rows;
mod seen;

use compile::{Check, Missing, Pattern};
use groups::Groups;
use seen::Seen;

use super::Severity;
use super::cast::{CellValue, FieldType};
use crate::calendar::Calendar;
use crate::error::InputError;
use chrono::NaiveDate;
use std::borrow::Cow;

/// One problem in one cell, row or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Physical line where the record starts (1 = the header).
    pub line: u64,
    /// Data record number (0 = the header).
    pub record: u64,
    /// 1-based column in the file, when the problem is in one cell.
    pub column: Option<usize>,
    pub field: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// A table being checked, as the engine sees it: where its fields' columns
/// are, and the current record's cells. The engine reads no file: the CSV
/// reader (`io::csvin::CsvFile`) is such a table.
pub trait Table {
    /// The table's name in messages (a file, `<stdin>`).
    fn name(&self) -> &str;
    /// The 0-based column holding field `name`, through any column mapping.
    fn position(&self, name: &str) -> Result<Option<usize>, InputError>;
    /// The physical line the current record starts on.
    fn line(&self) -> u64;
    /// The current record's number (1 = the first after the header).
    fn record(&self) -> u64;
    /// A cell of the current record exactly as written.
    fn raw(&self, index: usize) -> Cow<'_, str>;
    /// About how many records the table holds, when that can be told.
    fn expected_records(&self) -> Option<usize>;
}

/// What the rules need from outside the file.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub calendar: &'a Calendar,
    pub count_event_day: bool,
}

struct Column {
    name: String,
    index: Option<usize>,
    kind: FieldType,
    missing: Missing,
    required: bool,
    unique: Option<Seen>,
    one_of: Option<(Vec<CellValue>, String)>,
    pattern: Option<(Pattern, String)>,
    minimum: Option<(CellValue, String)>,
    maximum: Option<(CellValue, String)>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    is_text: bool,
    /// A rule reads this column's text (conditions, groups, the primary key).
    keep_raw: bool,
}

pub struct Engine<'a> {
    columns: Vec<Column>,
    primary_key: Option<(Vec<usize>, Seen)>,
    checks: Vec<Check>,
    groups: Option<Groups>,
    cx: &'a Context<'a>,
    /// This row's cast values, by column.
    values: Vec<Option<CellValue>>,
    missing: Vec<bool>,
    raw: Vec<String>,
}

impl<'a> Engine<'a> {
    /// Whether any rule looks across rows of a group (the caller then holds
    /// annotated rows until [`settled`](Self::settled) passes them).
    pub fn has_groups(&self) -> bool {
        self.groups.is_some()
    }

    /// Records before this one have all their findings.
    pub fn settled(&self) -> u64 {
        match &self.groups {
            Some(g) => g.rows.first().map_or(u64::MAX, |r| r.record),
            None => u64::MAX,
        }
    }
}
