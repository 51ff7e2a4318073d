//! `--closures FILE`: local closure days (an office closed between Christmas and
//! New Year, say), as CSV with `date` and an optional `name`.

use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The closure days of `path`, and what reading it passed over.
pub fn load(path: &str, map: &ColumnMap) -> Result<(BTreeMap<NaiveDate, String>, Vec<Warning>), InputError> {
    let mut f = CsvFile::open(path, "closures", map)?;
    let c_date = f.require("date")?;
    let c_name = f.column("name")?;
    let mut out = BTreeMap::new();
    while f.next_record()? {
        let row = f.row();
        let Some(date) = row.date(Some(c_date))? else {
            return Err(row.error(c_date, "'date' is blank; every closure needs a date"));
        };
        let name = row.opt_text(c_name);
        out.insert(date, if name.is_empty() { "Local closure".to_string() } else { name.into_owned() });
    }
    Ok((out, f.notes().warnings()))
}
