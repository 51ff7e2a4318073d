//! Ofsted Annex A lists as input (docs/reference/input-files.md): a workbook with a sheet per
//! list (`.xlsx`, read with calamine) or one CSV per list. Each list is found by
//! its sheet name (`List 3`) or, failing that, by its headers; headers match
//! whatever their case, spacing (non-breaking spaces too), curly quotes,
//! doubled brackets or trailing spaces, and `Age` stands for `Age of Child
//! (Years)`. Dates come as date cells, Excel serial numbers or text (UK or ISO);
//! `#N/A` and other error cells, and text that is not a date where a date
//! belongs, are read as missing with a warning naming the sheet, row and column.
//! A formula's saved value is used, with a warning (it may be stale).
//!
//! `lists` is the catalogue of lists and columns, this file reads the sheets,
//! and `records` turns the lists into model records.

mod lists;
mod records;

pub use lists::{LISTS, ListSpec};
use lists::{is_date, position, which_list};

use crate::calendar::dates::parse_date;
use crate::error::column_letter;
use crate::error::{InputError, Warning};
use crate::io::cell::Entered;
use crate::io::sheet::workbook_error;
use crate::words::normalise;
use calamine::{Data, Reader};
pub use records::{caseload, children, recordable};
use std::collections::BTreeMap;

/// One list's rows, by our column names.
#[derive(Debug, Clone)]
pub struct List {
    pub number: u8,
    pub sheet: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The spreadsheet row.
    pub row: u32,
    pub values: BTreeMap<&'static str, Entered>,
}

impl Row {
    pub fn get(&self, name: &str) -> &Entered {
        self.values.get(name).unwrap_or(&Entered::Missing)
    }
}

#[derive(Debug, Default)]
pub struct Workbook {
    pub lists: BTreeMap<u8, List>,
    pub warnings: Vec<Warning>,
}

impl Workbook {
    /// Which of Lists 3-9 were read and which were not: "Lists 5, 7 read;
    /// not found: 3, 4, 6, 8, 9 (what they would show is not reported)".
    pub fn summary(&self) -> String {
        let list = |ns: Vec<u8>| ns.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
        let found = list(self.lists.keys().copied().collect());
        let missing: Vec<u8> = LISTS.iter().map(|l| l.number).filter(|n| !self.lists.contains_key(n)).collect();
        match missing.is_empty() {
            true => format!("Lists {found} read"),
            false => format!("Lists {found} read; not found: {} (what they would show is not reported)", list(missing)),
        }
    }
}

/// Reads an Annex A workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
pub fn read_workbook(path: &str) -> Result<Workbook, InputError> {
    let mut wb = crate::io::sheet::open_workbook(path)?;
    let mut out = Workbook::default();
    for sheet in wb.sheet_names().to_owned() {
        let range = match wb.worksheet_range(&sheet) {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(Warning::cell(
                    sheet.clone(),
                    0,
                    "",
                    format!("cannot be read: {}", workbook_error(&e)),
                ));
                continue;
            }
        };
        let formulas = wb.worksheet_formula(&sheet).ok();
        let Some((top, left)) = range.start() else { continue };
        // The header is the first row naming the child's id, within the first
        // rows: a title above it is passed over, with a note.
        let all: Vec<&[Data]> = range.rows().collect();
        let skip = all
            .iter()
            .take(crate::io::csvin::HEADER_SEARCH)
            .position(|r| {
                let cells: Vec<String> = r.iter().map(|c| normalise(&c.to_string())).collect();
                position(lists::CHILD_ID, &cells).is_some()
            })
            .unwrap_or(0);
        let mut rows = all.into_iter().skip(skip);
        let Some(header) = rows.next() else { continue };
        let top = top + skip as u32;
        if skip > 0 {
            out.warnings.push(
                Warning::cell(
                    sheet.clone(),
                    top + 1,
                    "",
                    format!(
                        "the header is on row {}; the {} above it skipped as a title",
                        top + 1,
                        crate::words::count(skip, "row", "rows")
                    ),
                )
                .note(),
            );
        }
        let formula_at = |r: u32, c: u32| -> Option<String> {
            let f = formulas.as_ref()?.get_value((r, c))?;
            (!f.is_empty()).then(|| f.clone())
        };
        // Spreadsheet rows count from 1, and the header is the first.
        let body = rows.enumerate().map(|(i, cells)| (top + 2 + i as u32, cells));
        let sheet = Sheet {
            name: &sheet,
            left: left as usize,
            header,
            formula_at: &|row, col| formula_at(row - 1, col as u32),
        };
        read_sheet(&sheet, body, &mut out);
    }
    Ok(out)
}

/// Reads one Annex A list saved as CSV: the list is found by the file's name
/// (`List 3.csv`) or its headers; rows are numbered by physical line.
pub fn read_csv(path: &str) -> Result<Workbook, InputError> {
    let mut f = crate::io::csvin::CsvFile::open(path, "annex-a", &crate::io::columns::ColumnMap::default())?;
    let stem = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let header: Vec<Data> = f.raw_headers().iter().map(|h| Data::String(h.clone())).collect();
    let mut body: Vec<(u32, Vec<Data>)> = Vec::new();
    while f.next_record()? {
        let line = f.row().line() as u32;
        body.push((line, f.fields().map(|c| Data::String(c.into_owned())).collect()));
    }
    let mut out = Workbook::default();
    let sheet = Sheet { name: &stem, left: 0, header: &header, formula_at: &|_, _| None };
    read_sheet(&sheet, body.iter().map(|(l, c)| (*l, c.as_slice())), &mut out);
    out.warnings.extend(f.notes().warnings());
    if out.lists.is_empty() {
        return Err(InputError::file(
            path,
            "is none of Lists 3-9 (name the file 'List 3.csv'..., or keep the list's headers)",
        ));
    }
    Ok(out)
}

/// Reads Annex A from each path (workbooks and CSV lists), merged; an error
/// when none of Lists 3-9 is found anywhere.
pub fn read(paths: &[String]) -> Result<Workbook, InputError> {
    let mut all = Workbook::default();
    for p in paths {
        let wb = if p.to_ascii_lowercase().ends_with(".csv") { read_csv(p)? } else { read_workbook(p)? };
        all.warnings.extend(wb.warnings);
        for (n, list) in wb.lists {
            match all.lists.entry(n) {
                std::collections::btree_map::Entry::Occupied(_) => {
                    all.warnings.push(Warning::cell(list.sheet, 0, "", format!("a second List {n}; the first is used")))
                }
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(list);
                }
            }
        }
    }
    if all.lists.is_empty() {
        return Err(InputError::file(
            paths.join(", "),
            "has none of Lists 3-9 (sheets named 'List 3' ... or with their headers)",
        ));
    }
    Ok(all)
}

/// A sheet being read: its name, first column, header cells and formulas.
struct Sheet<'a> {
    name: &'a str,
    left: usize,
    header: &'a [Data],
    /// The formula in (spreadsheet row, 0-based column), if any.
    formula_at: &'a dyn Fn(u32, usize) -> Option<String>,
}

fn read_sheet<'r>(sheet: &Sheet, rows: impl Iterator<Item = (u32, &'r [Data])>, out: &mut Workbook) {
    let headers: Vec<String> = sheet.header.iter().map(|c| normalise(&c.to_string())).collect();
    let Some(spec) = which_list(sheet.name, &headers) else { return };
    let name = sheet.name.to_string();
    let mut list = List { number: spec.number, sheet: name.clone(), rows: Vec::new() };
    let cols = locate(spec, &headers, &name, &mut out.warnings);
    let mut blank: Vec<u32> = Vec::new();
    for (row_number, cells) in rows {
        if cells.iter().all(|c| matches!(c, Data::Empty) || matches!(c, Data::String(s) if s.trim().is_empty())) {
            blank.push(row_number);
            continue;
        }
        let mut values = BTreeMap::new();
        for &(col, index) in &cols {
            let cell = cells.get(index).unwrap_or(&Data::Empty);
            let at =
                |message: String| Warning::cell(name.clone(), row_number, column_letter(sheet.left + index), message);
            if let Some(f) = (sheet.formula_at)(row_number, sheet.left + index) {
                out.warnings.push(at(format!(
                    "'{}' is a formula (={f}); its saved value is used",
                    header_text(sheet.header, index)
                )));
            }
            // An event's date must be one deadlines can be worked out from (not
            // a 1900-01-01 placeholder); a date of birth need not.
            let value = read_cell(cell, is_date(col)).and_then(|v| match v {
                Entered::Date(d) if col != "date_of_birth" => crate::calendar::trackable(d).map(|_| v),
                v => Ok(v),
            });
            let value = value.unwrap_or_else(|why| {
                out.warnings.push(at(format!("'{}': {why}; read as missing", header_text(sheet.header, index))));
                Entered::Missing
            });
            values.insert(col, value);
        }
        if values.get("child_id").is_none_or(|v| *v == Entered::Missing) {
            out.warnings.push(Warning::cell(
                name.clone(),
                row_number,
                cols.iter()
                    .find(|(n, _)| *n == "child_id")
                    .map(|(_, i)| column_letter(sheet.left + i))
                    .unwrap_or_default(),
                "no Child Unique ID; the row is skipped",
            ));
            continue;
        }
        list.rows.push(Row { row: row_number, values });
    }
    // Blank rows between the header and the list's last row (the sheet's
    // used range ends at its last row with anything in it).
    if !blank.is_empty() {
        let first: Vec<u64> = blank.iter().take(10).map(|&r| u64::from(r)).collect();
        let message = crate::io::csvin::blank_rows(blank.len() as u64, &first, true);
        out.warnings.push(Warning::cell(name.clone(), 0, "", message).note());
    }
    if out.lists.contains_key(&spec.number) {
        out.warnings.push(Warning::cell(name, 0, "", format!("a second List {}; the first is used", spec.number)));
        return;
    }
    out.lists.insert(spec.number, list);
}

fn header_text(header: &[Data], index: usize) -> String {
    header.get(index).map(|h| h.to_string().split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// Where each of our columns is; a list without a child id column is unusable.
fn locate(spec: &ListSpec, headers: &[String], sheet: &str, warnings: &mut Vec<Warning>) -> Vec<(&'static str, usize)> {
    let mut cols = Vec::new();
    for (name, aliases) in spec.columns {
        match position(aliases, headers) {
            Some(i) => cols.push((*name, i)),
            // Age is derived from the date of birth; nothing needs the column.
            None if *name == "age" => {}
            None => warnings.push(Warning::cell(
                sheet.to_string(),
                0,
                "",
                format!("List {} has no '{}' column; what depends on it is not checked", spec.number, aliases[0]),
            )),
        }
    }
    cols
}

/// A cell as our column wants it; `Err` says why it cannot be used.
fn read_cell(cell: &Data, date: bool) -> Result<Entered, String> {
    match cell {
        Data::Empty => Ok(Entered::Missing),
        Data::Error(e) => Err(format!("the cell holds the error {e}")),
        Data::DateTime(d) if date => crate::calendar::dates::from_excel_serial(d.as_f64())
            .map(Entered::Date)
            .ok_or_else(|| format!("{} is not a date in range", d.as_f64())),
        Data::DateTime(d) => Ok(Entered::Text(d.as_f64().to_string())),
        Data::DateTimeIso(s) if date => {
            parse_date(s.get(..10).unwrap_or(s)).map(Entered::Date).map_err(|e| e.to_string())
        }
        Data::Float(f) if date => {
            crate::calendar::dates::from_excel_serial(*f).map(Entered::Date).ok_or_else(|| format!("{f} is not a date"))
        }
        Data::Int(i) if date => crate::calendar::dates::from_excel_serial(*i as f64)
            .map(Entered::Date)
            .ok_or_else(|| format!("{i} is not a date")),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Entered::Text(format!("{}", *f as i64))),
        Data::Float(f) => Ok(Entered::Text(f.to_string())),
        Data::Int(i) => Ok(Entered::Text(i.to_string())),
        Data::Bool(b) => Ok(Entered::Text(if *b { "Yes" } else { "No" }.into())),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let t = t.trim();
            if t.is_empty() {
                return Ok(Entered::Missing);
            }
            if matches!(t, "#N/A" | "#VALUE!" | "#REF!" | "#DIV/0!" | "#NAME?" | "#NUM!" | "#NULL!") {
                return Err(format!("the cell holds {t}"));
            }
            if date {
                return parse_date(t).map(Entered::Date).map_err(|e| e.to_string());
            }
            Ok(Entered::Text(t.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn headers_match_however_they_are_typed() {
        assert_eq!(normalise("Date of Adoption Order "), normalise("date of adoption order"));
        assert_eq!(
            normalise("Unaccompanied  (UASC) within the Last 12 Months (Y/N))"),
            normalise("unaccompanied (uasc) within the last 12 months (y/n)")
        );
        assert_eq!(normalise("Child\u{a0}Unique ID"), normalise("child unique id"));
        assert_eq!(normalise("Episodes ‘Missing’"), normalise("episodes 'missing'"));
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(33), "AH");
    }

    #[test]
    fn cells_as_dates() {
        let d = |y, m, dd| Ok(Entered::Date(NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(read_cell(&Data::Float(44090.0), true), d(2020, 9, 16));
        assert_eq!(read_cell(&Data::String("16/09/2020".into()), true), d(2020, 9, 16));
        assert_eq!(read_cell(&Data::String("2020-09-16".into()), true), d(2020, 9, 16));
        assert!(read_cell(&Data::String("09/16/2020".into()), true).is_err());
        assert!(read_cell(&Data::String("#N/A".into()), false).is_err());
        assert_eq!(read_cell(&Data::Float(9212044.0), false), Ok(Entered::Text("9212044".into())));
        assert_eq!(
            read_cell(&Data::String("Dustin\u{a0}Hazlett".into()), false),
            Ok(Entered::Text("Dustin Hazlett".into()))
        );
    }

    #[test]
    fn lists_are_found_by_name_or_headers() {
        assert_eq!(which_list("List 3", &[]).map(|l| l.number), Some(3));
        assert_eq!(which_list("list8", &[]).map(|l| l.number), Some(8));
        let headers: Vec<String> = [
            "Child Unique ID",
            "CP Plan",
            "Child Protection Plan Start Date",
            "Date of latest review conference",
            "Date of the Last Statutory Visit",
        ]
        .iter()
        .map(|h| normalise(h))
        .collect();
        assert_eq!(which_list("Sheet1", &headers).map(|l| l.number), Some(7));
        assert!(which_list("Notes", &["anything".into()]).is_none());
    }
}
