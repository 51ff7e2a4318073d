//! `caseaudit check --rules NAME|FILE [FILE|-]`: a rule set over a CSV export,
//! streaming: findings (or, with `--annotate`, the input with an `issues`
//! column) are written in record order as rows are read (those of a group's
//! records once the group has ended).

use crate::Outcome;
use crate::check::engine::Table;
use crate::check::engine::{Context, Engine, Finding};
use crate::check::findings::{Counts, Held};
use crate::error::{InputError, Warning};
use crate::global::Global;
use crate::io::csvin::CsvFile;
use crate::io::output::{Cell, RowStream};
use crate::words::count;
use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;

pub const CHECK_HELP: &str = "\
Examples:
  caseaudit check --rules escr-person people.csv
  mosaic-export | caseaudit check --rules recording-timeliness > problems.csv
  caseaudit check --rules my-schema.json --annotate export.csv \\
      -o annotated.csv
  caseaudit --columns mosaic.yaml check --rules recording-timeliness \\
      export.xlsx

Exit codes: 0 no errors; 1 errors found (or warnings, with --deny-warnings;
or, with --strict, an export with no rows); 2 the file or the rule set could
not be read (a column the rule set needs is missing, ragged rows, broken
quoting, unknown type, bad pattern).";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// A built-in rule set or a rule-set file (YAML or JSON)
    #[arg(long, value_name = "NAME|FILE", value_parser = crate::global::NameOrFile(&crate::global::RULE_SETS), hide_possible_values = true)]
    pub rules: String,
    /// The CSV export; - (the default) reads standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: String,
    /// Write the input back with an added `issues` column instead of the findings
    #[arg(long)]
    pub annotate: bool,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

pub const COLUMNS: [&str; 8] = ["file", "line", "column", "record", "rule", "severity", "message", "field"];

pub fn run(args: &CheckArgs, g: &Global) -> anyhow::Result<Outcome> {
    let set = crate::ops::config::rule_set(&args.rules)?;
    let map = g.column_map()?.with_needed("check", set.needed_columns());
    let mut file = CsvFile::open(&args.file, "check", &map)?;
    let calendar = g.calendar()?;
    let cx = Context { today: g.today(), calendar: &calendar, count_event_day: g.count_event_day };
    let (mut engine, absent) = Engine::new(&set, &file, &cx)?;
    let what = set.name.as_deref().unwrap_or(&args.rules);
    note_absent(g, file.name(), what, &absent);
    let opts = g.output();
    let format = opts.resolved_format();
    let name: Rc<str> = file.name().into();
    let mut counts = Counts::default();
    let mut found = Vec::new();
    if args.annotate {
        let mut columns = file.raw_headers().to_vec();
        columns.push("issues".into());
        let mut out = RowStream::new(&opts, format, columns)?;
        // Records waiting for their group's findings: (record, fields, issues).
        let mut held: VecDeque<(u64, Vec<String>, Vec<String>)> = VecDeque::new();
        let flush = |held: &mut VecDeque<(u64, Vec<String>, Vec<String>)>,
                     upto: u64,
                     out: &mut RowStream|
         -> std::io::Result<()> {
            while held.front().is_some_and(|h| h.0 < upto) {
                let (_, fields, issues) = held.pop_front().expect("checked");
                let mut cells: Vec<Cell> = fields.into_iter().map(Cell::Verbatim).collect();
                cells.push(Cell::Text(issues.join(" | ")));
                out.row(&cells)?;
            }
            Ok(())
        };
        while file.next_record()? {
            let record = file.row().record_number();
            counts.records += 1;
            held.push_back((record, file.fields().map(|c| c.into_owned()).collect(), Vec::new()));
            engine.row(&file, &mut found);
            counts.note(&found);
            attach(&mut held, &mut found);
            flush(&mut held, engine.settled().min(record + 1), &mut out)?;
        }
        engine.finish(&mut found);
        counts.note(&found);
        attach(&mut held, &mut found);
        flush(&mut held, u64::MAX, &mut out)?;
        out.finish(None)?;
    } else {
        let mut out = RowStream::new(&opts, format, COLUMNS.iter().map(|c| c.to_string()).collect())?;
        // Findings in record order: a group's findings come when the group
        // ends, so the findings of its records are held until then (memory
        // grows with one group's findings, not with the file).
        let mut held = Held::default();
        let write = |found: &mut Vec<Finding>, held: &mut Held, upto: u64, counts: &mut Counts, out: &mut RowStream| {
            counts.note(found);
            held.take(found);
            held.release(upto, |f| out.row(&cells(&name, &f)))
        };
        while file.next_record()? {
            counts.records += 1;
            let record = file.row().record_number();
            engine.row(&file, &mut found);
            write(&mut found, &mut held, engine.settled().min(record + 1), &mut counts, &mut out)?;
        }
        engine.finish(&mut found);
        write(&mut found, &mut held, u64::MAX, &mut counts, &mut out)?;
        out.finish(None)?;
    }
    g.warn_all(&file.notes().warnings());
    g.summary(&format!(
        "check: {name} against {what}: {}, {}, {} ({} with findings)",
        count(counts.records as usize, "record", "records"),
        count(counts.tally.errors, "error", "errors"),
        count(counts.tally.warnings, "warning", "warnings"),
        count(counts.with_findings.len(), "record", "records")
    ));
    Ok(if counts.tally.fails(args.deny_warnings) { Outcome::Found } else { Outcome::Clean })
}

/// The findings of rule set `set` over the export at `path`, counted for
/// each `person_id` in `wanted` (`due --worklist --check-with`: the record
/// fields of the cases owed an audit). The file is streamed; only the record
/// numbers of the wanted ids' rows are kept, so that a group's findings, which
/// come when the group ends, are counted for the right case. An id with no row
/// in the file is absent from the result.
pub fn findings_per_person(
    set: &crate::check::RuleSet,
    path: &str,
    wanted: &std::collections::HashSet<&str>,
    today: chrono::NaiveDate,
    g: &Global,
) -> anyhow::Result<std::collections::BTreeMap<String, usize>> {
    let map = g.column_map()?.with_needed("check", set.needed_columns());
    let mut file = CsvFile::open(path, "check", &map)?;
    let calendar = g.calendar()?;
    let cx = Context { today, calendar: &calendar, count_event_day: g.count_event_day };
    let (mut engine, absent) = Engine::new(set, &file, &cx)?;
    note_absent(g, file.name(), set.name.as_deref().unwrap_or("the rule set"), &absent);
    let Some(id) = file.position("person_id")? else {
        let why = "has no person_id column, so its rows cannot be matched to the worklist's cases";
        return Err(InputError::at(file.name(), 1, None, why).into());
    };
    type Owners = std::collections::HashMap<u64, String>;
    type Counts = std::collections::BTreeMap<String, usize>;
    fn tally(found: &mut Vec<Finding>, owner: &Owners, counts: &mut Counts) {
        for f in found.drain(..) {
            if let Some(n) = owner.get(&f.record).and_then(|id| counts.get_mut(id)) {
                *n += 1;
            }
        }
    }
    let (mut owner, mut counts, mut found) = (Owners::default(), Counts::new(), Vec::new());
    while file.next_record()? {
        let row = file.row();
        let person = row.raw(id);
        let person = person.trim();
        if wanted.contains(person) {
            owner.insert(row.record_number(), person.to_string());
            counts.entry(person.to_string()).or_insert(0);
        }
        engine.row(&file, &mut found);
        tally(&mut found, &owner, &mut counts);
    }
    engine.finish(&mut found);
    tally(&mut found, &owner, &mut counts);
    g.warn_all(&file.notes().warnings());
    Ok(counts)
}

/// Names the fields the rule set can do without that the file lacks: their
/// rules read them as blank on every row (a condition never holds), which
/// narrows what is checked, so it is said.
fn note_absent(g: &Global, file: &str, set: &str, absent: &[String]) {
    if absent.is_empty() {
        return;
    }
    let names: Vec<String> = absent.iter().map(|a| format!("'{a}'")).collect();
    let (names, it) = match names.split_last() {
        Some((last, [])) => (last.clone(), "it is"),
        Some((last, rest)) => (format!("{} or {last}", rest.join(", ")), "they are"),
        None => return,
    };
    g.warn(
        &Warning::file(
            file,
            format!(
                "no {names} column; {set} does not need {}, so {it} read as blank on every row",
                if absent.len() == 1 { "it" } else { "them" }
            ),
        )
        .note(),
    );
}

/// Moves findings onto the held records they belong to.
fn attach(held: &mut VecDeque<(u64, Vec<String>, Vec<String>)>, found: &mut Vec<Finding>) {
    for f in found.drain(..) {
        if let Some(first) = held.front().map(|h| h.0)
            && f.record >= first
            && let Some(h) = held.get_mut((f.record - first) as usize)
        {
            h.2.push(format!("{}: {}", f.rule, f.message));
        }
    }
}

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

/// The check engine reads a CSV file through this, and no file itself.
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
