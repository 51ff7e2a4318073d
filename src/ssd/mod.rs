//! Standard Safeguarding Dataset (SSD) extracts as input (docs/reference/input-files.md):
//! the CSV tables of Data to Insight's SSD data model, one file per table, found
//! by file name (`ssd_cla_episodes.csv`, `ssd_cla_episodes_2026-11.csv`) or by
//! their column prefix (`clae_`); and the DfE SSDA903 looked-after return's
//! header, episodes and reviews files, found by their headers and read as the
//! SSD's person, episode and review tables. `--columns ssd` (or `ssda903`)
//! switches this on.
//!
//! - [`read`] streams the tables `due` needs into each child's events, with the
//!   team and worker of the child's open involvement;
//! - `model::cases::current` picks the open involvement that speaks for a child, for `due`
//!   and for `select`'s caseload from `ssd_involvements`.
//!
//! Column names drift between SSD versions (`clae_cla_episode_start` became
//! `clae_cla_episode_start_date`): each column lists the names it goes by.
//!
//! `tables` is the catalogue (tables, columns, the events each records), this
//! file reads the files, `join` turns rows into each child's events, and
//! `caseload` makes `select`'s caseload.

mod caseload;
mod join;
mod tables;

use crate::error::{InputError, Warning};
use crate::io::cell::Entered;
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::events::Case;

pub use caseload::caseload;
use chrono::NaiveDate;
use join::State;
use std::collections::{BTreeMap, BTreeSet};

pub use tables::{
    Column, TABLES, TableSpec, is_preset, preset_hint, refuse_without_preset, table_by_headers, which_table,
};
use tables::{JOINED, RECORDS};

/// What an SSD extract gave: each child's events (ordered by person id) with
/// the team and worker of their open involvement, the events the tables read
/// can record at all (an obligation only an unread table could meet is
/// untracked), the tables read, and what was wrong with their cells.
#[derive(Debug, Default)]
pub struct Extract {
    pub children: Vec<Case>,
    pub recordable: BTreeSet<crate::model::event_kind::EventKind>,
    /// Whether a table read carries the case system's own due dates.
    pub recorded_due: bool,
    /// Table name → the file it was read from.
    pub tables: BTreeMap<&'static str, String>,
    pub warnings: Vec<Warning>,
}

/// Bad cells shown per table and column before the rest are only counted.
const SHOWN: usize = 5;

/// Tables read first, because the others are joined to them.
const FIRST: [&str; 4] = ["ssd_person", "ssd_professionals", "ssd_cla_episodes", "ssd_involvements"];

/// Reads SSD tables from files and folders (every `*.csv` and `*.xlsx` in a
/// folder; a workbook path may name its sheet, `903.xlsx#Episodes`) into
/// each child's events, streaming: only the events and the joins are held.
/// The child's team and worker come from the involvement open on `day` (a
/// `caseworker`'s first, judged by normalised job title; else the care
/// leavers table's). A file named on the command line that is no SSD table we
/// use is an error; a folder's other files are counted in one warning.
pub fn read(paths: &[String], day: NaiveDate, caseworker: &dyn Fn(&str) -> bool) -> Result<Extract, InputError> {
    let mut out = Extract::default();
    let mut files: Vec<(CsvFile, &'static TableSpec)> = Vec::new();
    for p in paths {
        let on_disk = crate::error::workbook_path(p).map_or(p.as_str(), |(file, _)| file);
        let meta = std::fs::metadata(on_disk).map_err(|e| InputError::file(p, crate::error::io_reason(&e)))?;
        if meta.is_dir() {
            let mut found: Vec<String> = std::fs::read_dir(p)
                .map_err(|e| InputError::file(p, crate::error::io_reason(&e)))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| {
                    f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv") || x.eq_ignore_ascii_case("xlsx"))
                })
                .map(|f| f.to_string_lossy().into_owned())
                .collect();
            if found.is_empty() {
                return Err(InputError::file(
                    p,
                    "holds no .csv files, nor .xlsx workbooks (SSD tables are read from ssd_*.csv)",
                ));
            }
            found.sort();
            let mut other = 0usize;
            for f in &found {
                match open(f)? {
                    Some(t) => files.push(t),
                    None => other += 1,
                }
            }
            if other > 0 {
                let what = if other == 1 { "CSV file is not a table" } else { "CSV files are not tables" };
                out.warnings.push(Warning::file(p, format!("{other} {what} caseaudit reads; ignored")));
            }
        } else {
            match open(p)? {
                Some(t) => files.push(t),
                None => {
                    let names: Vec<&str> = TABLES.iter().filter(|t| !t.prefix.is_empty()).map(|t| t.name).collect();
                    return Err(InputError::file(
                        p,
                        format!(
                            "is neither an SSD table caseaudit reads (name it after the table: {}) nor an SSDA903 \
                             header, episodes or reviews file (CHILD and DOB, DECOM and RNE, or REVIEW columns)",
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    let rank = |t: &TableSpec| FIRST.iter().position(|n| *n == t.handler).unwrap_or(FIRST.len());
    // Stable: a table given twice keeps the order it was given in.
    files.sort_by_key(|(_, t)| rank(t));
    let mut state = State::new(day);
    for (f, spec) in files {
        if let Some(first) = out.tables.get(spec.name) {
            out.warnings
                .push(Warning::file(f.name(), format!("a second {} table (the first is {first}); ignored", spec.name)));
            continue;
        }
        let name = f.name().to_string();
        let found = read_table(f, spec, &mut state, &mut out.warnings)?;
        for (t, c, e) in RECORDS {
            if t == spec.handler && spec.columns.iter().zip(&found).any(|(col, f)| col.name == c && *f) {
                out.recordable.insert(e);
            }
        }
        out.recorded_due |= spec.columns.iter().zip(&found).any(|(col, f)| col.name == "due" && *f);
        out.tables.insert(spec.name, name);
    }
    if state.unjoined > 0 {
        out.warnings.push(Warning::new(format!(
            "{} CLA review and visit rows have no person id and name no episode in ssd_cla_episodes; skipped",
            state.unjoined
        )));
    }
    out.children = state.finish(caseworker);
    Ok(out)
}

/// Opens `path` if it is an SSD table we use.
fn open(path: &str) -> Result<Option<(CsvFile, &'static TableSpec)>, InputError> {
    let f = CsvFile::open(path, "ssd", &ColumnMap::default())?;
    Ok(which_table(path, f.headers()).map(|t| (f, t)))
}

/// Streams one table's rows into `state`; returns which of the spec's columns
/// the file has.
fn read_table(
    mut f: CsvFile,
    spec: &'static TableSpec,
    state: &mut State,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<bool>, InputError> {
    let name = f.name().to_string();
    let headers = f.headers();
    let cols: Vec<Option<usize>> =
        spec.columns.iter().map(|c| c.aliases.iter().find_map(|a| headers.iter().position(|h| h == a))).collect();
    // Dates and the child's id matter; the rest (codes, flags, join ids) only
    // refine, and a table reaching the child through an episode id needs one.
    let found = |n: &str| spec.columns.iter().zip(&cols).any(|(c, at)| c.name == n && at.is_some());
    let joined = JOINED.contains(&spec.handler) && (found("episode") || found("cla"));
    for (c, at) in spec.columns.iter().zip(&cols) {
        let needed = (c.date && !c.optional) || (c.name == "person" && !joined);
        if at.is_none() && needed {
            warnings
                .push(Warning::file(&name, format!("no '{}' column; what depends on it is not read", c.aliases[0])));
        }
    }
    let mut bad: BTreeMap<usize, usize> = BTreeMap::new();
    let mut values: Vec<Entered> = Vec::with_capacity(cols.len());
    while f.next_record()? {
        let row = f.row();
        values.clear();
        for (i, (c, at)) in spec.columns.iter().zip(&cols).enumerate() {
            let Some(index) = *at else {
                values.push(Entered::Missing);
                continue;
            };
            let raw = row.raw(index);
            let t = crate::words::trim(&raw);
            let value = if t.is_empty() || t.eq_ignore_ascii_case("null") {
                Entered::Missing
            } else if c.date {
                // An event's date must be one deadlines can be worked out from
                // (not a 1900-01-01 placeholder); a date of birth need not.
                let date = crate::calendar::dates::parse_date(t).map_err(|e| e.to_string());
                let event = c.name != "dob";
                match date.and_then(|d| if event { crate::calendar::trackable(d).map(|_| d) } else { Ok(d) }) {
                    Ok(d) => Entered::Date(d),
                    Err(e) => {
                        let n = bad.entry(i).or_default();
                        *n += 1;
                        if *n <= SHOWN {
                            warnings.push(Warning::at(
                                &name,
                                row.line(),
                                Some(index + 1),
                                format!("'{}': {e}; read as missing", c.aliases[0]),
                            ));
                        }
                        Entered::Missing
                    }
                }
            } else {
                Entered::Text(t.to_string())
            };
            values.push(value);
        }
        state.take(&RowView { spec, values: &values, line: row.line() });
    }
    for (i, n) in bad {
        if n > SHOWN {
            warnings.push(Warning::file(
                &name,
                format!(
                    "{} '{}' {}, read as missing",
                    crate::words::count(n - SHOWN, "more bad", "more bad"),
                    spec.columns[i].aliases[0],
                    if n - SHOWN == 1 { "date" } else { "dates" }
                ),
            ));
        }
    }
    warnings.extend(f.notes().warnings());
    Ok(cols.iter().map(Option::is_some).collect())
}

/// One row as read: values in the order of its spec's columns.
struct RowView<'a> {
    spec: &'static TableSpec,
    values: &'a [Entered],
    line: u64,
}

impl RowView<'_> {
    fn get(&self, name: &str) -> &Entered {
        self.spec
            .columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.values.get(i))
            .unwrap_or(&Entered::Missing)
    }
    fn text(&self, name: &str) -> Option<&str> {
        self.get(name).text()
    }
    fn date(&self, name: &str) -> Option<NaiveDate> {
        self.get(name).date()
    }
}

/// The code at the start of a coded value: `S`, `S - Started to be looked
/// after`, `s) S` all give `S`.
fn code(value: &str) -> String {
    crate::io::cell::uncoded(value)
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

fn yes(v: &Entered) -> bool {
    v.text().is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "y" | "yes" | "true" | "1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_known_by_name_or_prefix() {
        assert_eq!(which_table("x/ssd_cla_episodes.csv", &[]).map(|t| t.name), Some("ssd_cla_episodes"));
        assert_eq!(which_table("SSD_CLA_Episodes_2026-11.csv", &[]).map(|t| t.name), Some("ssd_cla_episodes"));
        assert_eq!(which_table("ssd_cin_episodes.csv", &[]).map(|t| t.name), Some("ssd_cin_episodes"));
        let h: Vec<String> = ["clav_cla_visit_id", "clav_person_id", "clav_cla_visit_date"].map(String::from).to_vec();
        assert_eq!(which_table("export7.csv", &h).map(|t| t.name), Some("ssd_cla_visits"));
        assert!(which_table("staff.csv", &["staff_id".into(), "role".into()]).is_none());
        assert_eq!(code("S - Started to be looked after"), "S");
        assert_eq!(code("x1"), "X1");
        assert_eq!(code("b) P"), "P");
    }
}
