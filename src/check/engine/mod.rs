//! Running a rule set over rows, one at a time (docs/check.md). Cells are
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
mod plan;
mod rows;
mod seen;

use plan::{Check, Groups, Missing, Pattern};
use seen::Keys;

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
    /// The header row as written (not normalised), for messages.
    fn headers(&self) -> &[String];
    /// The line (a sheet's row) the header is on.
    fn header_line(&self) -> u64 {
        1
    }
    /// Whether the table is a workbook's sheet, whose lines are rows.
    fn is_sheet(&self) -> bool {
        false
    }
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
    /// How findings name the field: its header as the export writes it,
    /// with the rule set's name beside it where the two differ (see
    /// [`Column::dated`]).
    label: String,
    /// The header alone, quoted: `'Date Recorded'`.
    header: String,
    /// The rule set's name, when the header is not the same name.
    alias: Option<String>,
    index: Option<usize>,
    kind: FieldType,
    missing: Missing,
    required: bool,
    unique: Option<Keys>,
    one_of: Option<(Vec<CellValue>, String)>,
    pattern: Option<(Pattern, String)>,
    minimum: Option<(CellValue, String)>,
    maximum: Option<(CellValue, String)>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    /// Any of `one_of` to `max_length` is given: [`cells`] has constraints to
    /// check in each cell.
    constrained: bool,
    is_text: bool,
    /// A rule reads this column's text (conditions, groups, the primary key).
    keep_raw: bool,
}

impl Column {
    /// The field and its value in a message: `'recorded_date' (2026-11-20)`,
    /// or, headed otherwise, `'Date Recorded' (recorded_date: 2026-11-20)`.
    fn dated(&self, value: impl std::fmt::Display) -> String {
        match &self.alias {
            None => format!("{} ({value})", self.label),
            Some(name) => format!("{} ({name}: {value})", self.header),
        }
    }
}

pub struct Engine<'a> {
    columns: Vec<Column>,
    primary_key: Option<(Vec<usize>, Keys)>,
    checks: Vec<Check>,
    groups: Option<Groups>,
    cx: &'a Context<'a>,
    /// This row's cast values, by column.
    values: Vec<Option<CellValue>>,
    missing: Vec<bool>,
    raw: Vec<String>,
    /// The key being looked for (see [`seen::push_part`]).
    key: Vec<u8>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::parse;

    /// A header and one row, through an optional `ours -> theirs` mapping.
    struct Sheet {
        headers: Vec<String>,
        row: Vec<String>,
        map: Vec<(&'static str, &'static str)>,
    }

    impl Table for Sheet {
        fn name(&self) -> &str {
            "export.csv"
        }
        fn position(&self, name: &str) -> Result<Option<usize>, InputError> {
            let wanted = self.map.iter().find(|(ours, _)| *ours == name).map_or(name, |(_, theirs)| theirs);
            let n = crate::words::normalise(wanted);
            Ok(self.headers.iter().position(|h| crate::words::normalise(h) == n))
        }
        fn headers(&self) -> &[String] {
            &self.headers
        }
        fn line(&self) -> u64 {
            2
        }
        fn record(&self) -> u64 {
            1
        }
        fn raw(&self, index: usize) -> Cow<'_, str> {
            Cow::Borrowed(self.row.get(index).map_or("", String::as_str))
        }
        fn expected_records(&self) -> Option<usize> {
            None
        }
    }

    fn sheet(headers: &[&str], row: &[&str]) -> Sheet {
        Sheet {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            row: row.iter().map(|s| s.to_string()).collect(),
            map: vec![],
        }
    }

    fn with<T>(f: impl FnOnce(&Context) -> T) -> T {
        let calendar = Calendar::new(crate::calendar::Region::EnglandAndWales, Default::default());
        let cx = Context {
            today: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
            calendar: &calendar,
            count_event_day: false,
        };
        f(&cx)
    }

    const SET: &str = "fields:\n  - {name: case_id, constraints: {required: true}}\n  - {name: event_date, type: date, format: any}\n  - {name: recorded_date, type: date, format: any, constraints: {required: true}}\n  - {name: child_protection}\nrules:\n  - within: {field: recorded_date, of: event_date, limit: 5 working days, unless: {field: child_protection, in: [yes]}}\n";

    fn missing(headers: &[&str]) -> String {
        let set = parse("r.yaml", SET).expect("rule set");
        with(|cx| match Engine::new(&set, &sheet(headers, &[]), cx) {
            Err(e) => e.to_string(),
            Ok(_) => "no error".into(),
        })
    }

    #[test]
    fn a_missing_column_is_an_input_error_naming_the_headers() {
        assert_eq!(
            missing(&["Case ID", "Event Date", "Date Recorded"]),
            "export.csv:1: no 'recorded_date' column (the header row has 3 columns: 'Case ID', 'Event Date', \
             'Date Recorded'); add it, or map your header to it with --columns, e.g. check: {recorded_date: Date Recorded}"
        );
        // A typo is offered too; headers another field has taken are not.
        assert!(
            missing(&["case_id", "event_date", "recorded_dte"]).ends_with("e.g. check: {recorded_date: recorded_dte}")
        );
        assert!(missing(&["Recorded Date", "Event Date"]).starts_with("export.csv:1: no 'case_id' column"));
        // Two headers alike: no guess. A header YAML would misread: quoted.
        assert!(
            missing(&["Case ID", "Event Date", "Date Recorded", "Recorded Date?"])
                .ends_with("e.g. check: {recorded_date: Date Recorded}")
        );
        assert!(missing(&["Case ID", "Recorded Date:"]).ends_with("e.g. check: {recorded_date: 'Recorded Date:'}"));
        assert!(missing(&["Person", "When"]).ends_with(
            "no 'case_id', 'event_date' or 'recorded_date' column (the header row has 2 columns: 'Person', 'When'); \
             add them, or map your headers to them with --columns (under check:)"
        ));
        assert_eq!(
            missing(&[]),
            "export.csv:1: no 'case_id', 'event_date' or 'recorded_date' column (the header row has no columns); add them, or map your headers to them with --columns (under check:)"
        );
    }

    /// Each constraint is checked when it is the column's only one.
    #[test]
    fn a_constraint_alone_is_checked() {
        let cases = [
            ("type: integer, constraints: {enum: [1, 2]}", "3", "is not one of"),
            ("constraints: {pattern: 'N[0-9]'}", "N", "does not match the pattern"),
            ("type: integer, constraints: {minimum: 2}", "1", "is below the minimum"),
            ("type: integer, constraints: {maximum: 2}", "3", "is above the maximum"),
            ("constraints: {minLength: 2}", "a", "at least 2 are needed"),
            ("constraints: {maxLength: 2}", "abc", "at most 2 are allowed"),
            ("type: integer, constraints: {required: true}", "1", ""),
        ];
        for (field, cell, says) in cases {
            let set = parse("r.yaml", &format!("fields:\n  - {{name: a, {field}}}\n")).expect("rule set");
            let t = sheet(&["a"], &[cell]);
            let found = with(|cx| {
                let (mut e, _) = Engine::new(&set, &t, cx).expect("engine");
                let mut out = Vec::new();
                e.row(&t, &mut out);
                out.into_iter().map(|f| f.message).collect::<Vec<_>>()
            });
            match says {
                "" => assert!(found.is_empty(), "{field}: {found:?}"),
                _ => assert!(found.len() == 1 && found[0].contains(says), "{field}: {found:?}"),
            }
        }
    }

    /// Findings name a field as the export heads it, with the rule set's name
    /// beside it where the two are not the same name.
    #[test]
    fn findings_name_the_export_s_headers() {
        let set = parse("r.yaml", SET).expect("rule set");
        let mut t = sheet(&["CASE ID", "Event  Date", "Date Recorded"], &["C1", "2026-11-02", "2026-11-12"]);
        t.map = vec![("recorded_date", "Date Recorded")];
        let (found, absent) = with(|cx| {
            let (mut e, absent) = Engine::new(&set, &t, cx).expect("engine");
            let mut out = Vec::new();
            e.row(&t, &mut out);
            t.row = vec![String::new(), "31/11/2026".into(), String::new()];
            e.row(&t, &mut out);
            (out.into_iter().map(|f| f.message).collect::<Vec<_>>(), absent)
        });
        assert_eq!(absent, ["child_protection"]);
        assert_eq!(
            found,
            [
                "'Date Recorded' (recorded_date: 2026-11-12) is more than 5 working days after 'Event Date' (2026-11-02): due by 2026-11-09",
                "'CASE ID' is required but blank",
                "'Event Date': '31/11/2026' does not exist (November has 30 days); write dates as YYYY-MM-DD or DD/MM/YYYY",
                "'Date Recorded' (recorded_date) is required but blank",
            ]
        );
    }
}
