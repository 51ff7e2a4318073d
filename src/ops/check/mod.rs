//! A rule set over a CSV export as a job (docs/check.md): open the export, compile
//! the rule set against its header ([`Check::new`]), then stream it, handing
//! each row of output to the caller as it is settled: the findings in record
//! order ([`Check::findings`]), the input with an `issues` column
//! ([`Check::annotate`]), or counts per person ([`Check::per_person`]). A
//! group's findings come when the group ends, so its records' rows wait until
//! then; memory holds one group, not the file.

mod annotate;
mod halves;
mod table;

use crate::check::RuleSet;
use crate::check::engine::{Context, Engine, Finding};
use crate::check::findings::{Counts, Held};
use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::io::output::Cell;
use crate::words::count;
use std::rc::Rc;

const COLUMNS: [&str; 8] = ["file", "line", "column", "record", "rule", "severity", "message", "field"];

/// Opens the export at `path` (`-`: standard input), mapping the columns
/// the rule set needs.
pub fn open(set: &RuleSet, path: &str, map: ColumnMap) -> Result<CsvFile, InputError> {
    CsvFile::open(path, "check", &map.with_needed("check", set.needed_columns()))
}

/// A rule set compiled against an export, ready to stream it.
pub struct Check<'a> {
    file: CsvFile,
    engine: Engine<'a>,
    /// The rule set and what it needs from outside the file, for a second
    /// engine on a second core ([`halves`]).
    set: &'a RuleSet,
    cx: &'a Context<'a>,
    /// Files of this many bytes or more are checked in two halves.
    split_from: u64,
    /// Whether the last run joined two halves.
    joined: bool,
    /// The export's name in the output and the summary.
    name: Rc<str>,
    /// The rule set's name (`set_name` when it gives none).
    what: String,
    /// Fields the rule set can do without that the export lacks.
    pub absent: Vec<Warning>,
}

impl<'a> Check<'a> {
    /// Compiles `set` against `file`'s header; `set_name` names a rule set
    /// that does not name itself. A column it needs that is missing stops here.
    pub fn new(set: &'a RuleSet, file: CsvFile, cx: &'a Context<'a>, set_name: &str) -> Result<Check<'a>, InputError> {
        let (engine, absent) = Engine::new(set, &file, cx)?;
        let what = set.name.as_deref().unwrap_or(set_name).to_string();
        let absent = absent_note(file.name(), &what, &absent).into_iter().collect();
        let name = file.name().into();
        let split_from = crate::io::csvin::SPLIT_FROM;
        Ok(Check { file, engine, set, cx, split_from, joined: false, name, what, absent })
    }

    /// The columns [`findings`](Self::findings) (or, with `annotate`,
    /// [`annotate`](Self::annotate)) hands out.
    pub fn columns(&self, annotate: bool) -> Vec<String> {
        if annotate {
            let mut columns = self.file.raw_headers().to_vec();
            columns.push("issues".into());
            columns
        } else {
            COLUMNS.iter().map(|c| c.to_string()).collect()
        }
    }

    /// Streams the export, handing each finding to `write` as a row, in
    /// record order; a group's findings come when the group ends, so those of
    /// the records after its start are held until then. A large file is
    /// checked in two halves at once where it can be ([`halves`]).
    pub fn findings(&mut self, mut write: impl FnMut(&[Cell]) -> std::io::Result<()>) -> anyhow::Result<Counts> {
        let mut counts = Counts::default();
        let mut held = Held::default();
        match self.halves() {
            Some(split) => self.in_halves(split, &mut counts, &mut held, &mut write)?,
            None => self.read_on(&mut counts, &mut held, &mut write)?,
        }
        let mut found = Vec::new();
        self.engine.finish(&mut found);
        settle(&self.name, &mut found, &mut held, u64::MAX, &mut counts, &mut write)?;
        Ok(counts)
    }

    /// Checks the records from here to the end (or to where reading stops),
    /// handing findings to `write` as they settle.
    fn read_on(
        &mut self,
        counts: &mut Counts,
        held: &mut Held,
        write: &mut impl FnMut(&[Cell]) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let Check { file, engine, name, .. } = self;
        let mut found = Vec::new();
        while file.next_record()? {
            counts.records += 1;
            let record = file.row().record_number();
            engine.row(&*file, &mut found);
            settle(name, &mut found, held, engine.settled().min(record + 1), counts, write)?;
        }
        Ok(())
    }

    /// The findings counted for each `person_id` in `wanted` (`due --worklist
    /// --check-with`: the record fields of the cases owed an audit). Only the
    /// record numbers of the wanted ids' rows are kept, so that a group's
    /// findings, which come when the group ends, are counted for the right
    /// case. An id with no row in the export is absent from the result.
    pub fn per_person(
        &mut self,
        wanted: &std::collections::HashSet<&str>,
    ) -> anyhow::Result<std::collections::BTreeMap<String, usize>> {
        let Check { file, engine, .. } = self;
        let Some(id) = file.position("person_id")? else {
            let why = "has no person_id column, so its rows cannot be matched to the worklist's cases";
            return Err(InputError::at(file.name(), 1, None, why).into());
        };
        type Owners = std::collections::HashMap<u64, String>;
        type PerPerson = std::collections::BTreeMap<String, usize>;
        fn tally(found: &mut Vec<Finding>, owner: &Owners, counts: &mut PerPerson) {
            for f in found.drain(..) {
                if let Some(n) = owner.get(&f.record).and_then(|id| counts.get_mut(id)) {
                    *n += 1;
                }
            }
        }
        let (mut owner, mut counts, mut found) = (Owners::default(), PerPerson::new(), Vec::new());
        while file.next_record()? {
            let row = file.row();
            let person = row.raw(id);
            let person = person.trim();
            if wanted.contains(person) {
                owner.insert(row.record_number(), person.to_string());
                counts.entry(person.to_string()).or_insert(0);
            }
            engine.row(&*file, &mut found);
            tally(&mut found, &owner, &mut counts);
        }
        engine.finish(&mut found);
        tally(&mut found, &owner, &mut counts);
        Ok(counts)
    }

    /// What reading the export found to say (an export with no rows, say).
    pub fn notes(&self) -> Vec<Warning> {
        self.file.notes().warnings()
    }

    /// The run in a line.
    pub fn line(&self, counts: &Counts) -> String {
        format!(
            "check: {} against {}: {}, {}, {} ({} with findings)",
            self.name,
            self.what,
            count(counts.records as usize, "record", "records"),
            count(counts.tally.errors, "error", "errors"),
            count(counts.tally.warnings, "warning", "warnings"),
            count(counts.with_findings.len(), "record", "records")
        )
    }
}

/// Names the fields the rule set can do without that the file lacks: their
/// rules read them as blank on every row (a condition never holds), which
/// narrows what is checked, so it is said.
fn absent_note(file: &str, set: &str, absent: &[String]) -> Option<Warning> {
    let names: Vec<String> = absent.iter().map(|a| format!("'{a}'")).collect();
    let (names, it) = match names.split_last() {
        Some((last, [])) => (last.clone(), "it is"),
        Some((last, rest)) => (format!("{} or {last}", rest.join(", ")), "they are"),
        None => return None,
    };
    let message = format!(
        "no {names} column; {set} does not need {}, so {it} read as blank on every row",
        if absent.len() == 1 { "it" } else { "them" }
    );
    Some(Warning::file(file, message).note())
}

/// Counts `found`, and writes the findings held for records before `upto`.
fn settle(
    name: &Rc<str>,
    found: &mut Vec<Finding>,
    held: &mut Held,
    upto: u64,
    counts: &mut Counts,
    write: &mut impl FnMut(&[Cell]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    counts.note(found);
    held.take(found);
    held.release(upto, |f| write(&cells(name, &f)))
}

/// A finding as a row of the output.
fn cells(name: &Rc<str>, f: &Finding) -> Vec<Cell> {
    vec![
        Cell::Shared(name.clone()),
        Cell::Int(f.line as i64),
        f.column.map_or(Cell::Empty, |c| Cell::Int(c as i64)),
        if f.record == 0 { Cell::Empty } else { Cell::Int(f.record as i64) },
        Cell::Static(f.rule),
        Cell::Static(f.severity.as_str()),
        Cell::Text(f.message.clone()),
        Cell::Text(f.field.clone()),
    ]
}
