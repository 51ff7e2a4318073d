//! The jobs: each command's work, from the files it names to the values it
//! shows, as a library (cargo's `ops`). A job reads its inputs (through
//! `model` and the return readers), calls the domain, writes what it keeps
//! (the ledger), and returns values and warnings. It never prints and never
//! reads the clock: `today` comes in. `cmd` turns what it returns into output.
//!
//! Some jobs hand things out as they go rather than at the end. `validate` and
//! `report` pass each warning to a `warn` the command gives (`g.warn`) as
//! each input is read, so that one said before an input that stops the run
//! is still said, as it was when the commands read their inputs themselves.
//! `check` streams: each row of output goes to a writer the command gives as
//! soon as it is settled, so memory holds one group of records, not the file;
//! `due` hands each listed obligation to an `Out`, a case at a time, and what
//! it has to say to a `tell`, in order.

pub mod check;
pub mod config;
pub mod due;
pub mod report;
pub mod route;
pub mod select;
pub mod validate;

use crate::io::columns::ColumnMap;

/// Opens a CSV input of `kind` (the section of a `--columns` file). An SSD or
/// SSDA903 table given without `--columns ssd` stops here, saying what to add,
/// rather than with a missing `id` column.
pub fn open_input(
    path: &str,
    kind: &'static str,
    map: &ColumnMap,
    id: &str,
) -> Result<crate::io::csvin::CsvFile, crate::error::InputError> {
    let f = crate::io::csvin::CsvFile::open(path, kind, map)?;
    crate::ssd::refuse_without_preset(&f, map, id)?;
    Ok(f)
}
