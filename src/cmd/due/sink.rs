//! Where `due`'s listed obligations go: the output stream a row at a time,
//! the count by team, the worklist, or an iCalendar file at the end.

use super::worklist::{self, FindingsOf};
use crate::error::UsageError;
use crate::io::ics;
use crate::io::output::{Cell, Field, Format, OutputOptions, RowStream};
use crate::model::FastMap;
use crate::model::event_kind::EventKind;
use crate::model::events::Case;
use crate::ops::due::{Out, Shape};
use crate::timescales::Entry;
use crate::timescales::report::{ByTeam, Listed};
use crate::timescales::track::{Outcome as Met, Tracked};
use crate::timescales::worklist::{Tally, Worklist};
use std::rc::Rc;

/// The event column: a local event with no name has no value.
fn event_field(event: &EventKind) -> Field<'_> {
    match event.name() {
        "" => Field::Empty,
        name => Field::Text(name),
    }
}

/// One row's fields, borrowed: no more than a row of `due` has.
struct Fields<'a> {
    cells: [Field<'a>; 16],
    len: usize,
}

impl<'a> Fields<'a> {
    fn push(&mut self, f: Field<'a>) {
        self.cells[self.len] = f;
        self.len += 1;
    }
}

/// CSV fields made once and written many times: each timescale entry's
/// obligation, rule and source (by the entry, held so that its address is
/// not reused), and the id of the case being written.
#[derive(Default)]
struct Made {
    entries: FastMap<usize, (Rc<Entry>, [Vec<u8>; 3])>,
    case: Option<(Rc<str>, Vec<u8>)>,
}

/// Where the listed rows go: the output stream, the by-team count, or an
/// iCalendar file.
pub(super) struct Sink {
    opts: OutputOptions,
    /// `--check-with`: the worklist has the findings' columns.
    findings: bool,
    stream: Option<RowStream>,
    shape: Shape,
    format: Format,
    by_team: Option<ByTeam>,
    worklist: Option<Worklist>,
    ics: Vec<(Rc<str>, Tracked)>,
    made: Made,
}

impl Sink {
    pub(super) fn new(opts: OutputOptions, by_team: bool, worklist: bool, findings: bool) -> Sink {
        let format = opts.resolved_format();
        let (by_team, worklist) = (by_team.then(ByTeam::default), worklist.then(Worklist::default));
        let shape =
            Shape { tracked: false, episode: false, as_of: false, holders: false, recorded: false, note: false };
        Sink { opts, findings, stream: None, shape, format, by_team, worklist, ics: Vec::new(), made: Made::default() }
    }
}

impl Out for Sink {
    /// Opens the output, its columns known: the by-team counts, the worklist
    /// (with the findings' columns for `--check-with`), or the obligations.
    fn start(&mut self, shape: Shape) -> anyhow::Result<()> {
        self.shape = shape;
        let columns: Vec<&str> = if self.by_team.is_some() {
            ByTeam::COLUMNS.to_vec()
        } else if self.worklist.is_some() {
            let findings = if self.findings { &["findings", "not_in"][..] } else { &[][..] };
            Worklist::COLUMNS.iter().chain(findings).copied().collect()
        } else {
            shape.columns()
        };
        let columns = columns.iter().map(|c| c.to_string()).collect();
        self.stream = Some(RowStream::new(&self.opts, self.format, columns)?);
        Ok(())
    }

    fn row(&mut self, case: &Case, l: &Listed) -> anyhow::Result<()> {
        let t = &l.tracked;
        if let Some(b) = self.by_team.as_mut() {
            b.add(case, l);
            return Ok(());
        }
        if let Some(w) = self.worklist.as_mut() {
            w.add(case, l);
            return Ok(());
        }
        if self.format == Format::Ics {
            if matches!(t.outcome, Met::Outstanding | Met::Untracked) {
                self.ics.push((Rc::clone(&case.id), t.clone()));
            }
            return Ok(());
        }
        let Some(stream) = self.stream.as_mut() else { return Ok(()) };
        let text = &t.due.entry.text;
        let mut row = Fields { cells: [Field::Empty; 16], len: 0 };
        if self.format == Format::Csv {
            let made = &mut self.made;
            let entry = &t.due.entry;
            let (_, [obligation, rule, source]) = made.entries.entry(Rc::as_ptr(entry) as usize).or_insert_with(|| {
                let field = |s: &str| stream.csv_field(s);
                (Rc::clone(entry), [field(&text.obligation), field(&text.rule), field(&text.source)])
            });
            if !made.case.as_ref().is_some_and(|(id, _)| Rc::ptr_eq(id, &case.id)) {
                made.case = Some((Rc::clone(&case.id), stream.csv_field(&case.id)));
            }
            let id = made.case.as_ref().map_or(&[][..], |(_, f)| f);
            row.push(if case.id.is_empty() { Field::Empty } else { Field::Made(&case.id, id) });
            row.push(event_field(&t.event));
            row.push(Field::Date(t.event_date));
            row.push(Field::Made(&text.obligation, obligation));
            row.push(Field::Date(t.due.due));
            row.push(Field::Made(&text.rule, rule));
            row.push(Field::Made(&text.source, source));
        } else {
            for f in [
                if case.id.is_empty() { Field::Empty } else { Field::Text(&case.id) },
                event_field(&t.event),
                Field::Date(t.event_date),
                Field::Text(&text.obligation),
                Field::Date(t.due.due),
                Field::Text(&text.rule),
                Field::Text(&text.source),
            ] {
                row.push(f);
            }
        }
        if self.shape.episode {
            row.push(case.episode.map_or(Field::Empty, |e| Field::Int(i64::from(e))));
        }
        if self.shape.tracked {
            row.push(Field::Text(t.outcome.as_str()));
            row.push(Field::opt_date(t.outcome.met_on()));
        }
        if self.shape.as_of {
            row.push(l.status.map_or(Field::Empty, |s| Field::Text(s.as_str())));
            row.push(l.days_left.map_or(Field::Empty, Field::Int));
        }
        if self.shape.holders {
            row.push(case.team.as_deref().map_or(Field::Empty, Field::Text));
            row.push(case.worker.as_deref().map_or(Field::Empty, Field::Text));
        }
        if self.shape.recorded {
            row.push(Field::opt_date(t.recorded_due));
        }
        if self.shape.note {
            row.push(t.note.as_deref().map_or(Field::Empty, Field::Text));
        }
        Ok(stream.fields(&row.cells[..row.len])?)
    }

    /// A table of its own (`--indicators`, `--differs` on a census), in place
    /// of the obligations.
    fn table(&mut self, columns: &[&str]) -> anyhow::Result<()> {
        if self.format == Format::Ics {
            return Err(UsageError("this is a table: give --format csv, json, jsonl, table or xlsx".into()).into());
        }
        (self.by_team, self.worklist) = (None, None);
        let columns = columns.iter().map(|c| c.to_string()).collect();
        self.stream = Some(RowStream::new(&self.opts, self.format, columns)?);
        Ok(())
    }

    fn table_row(&mut self, cells: &[Cell]) -> anyhow::Result<()> {
        Ok(self.stream.as_mut().map_or(Ok(()), |s| s.row(cells))?)
    }
}

impl Sink {
    /// Writes what was held back; with `--worklist`, returns what it held.
    /// `check` counts the owed cases' findings (`--check-with`).
    pub(super) fn finish(mut self, check: Option<&FindingsOf<'_>>) -> anyhow::Result<Option<Tally>> {
        if let (Some(counts), Some(s)) = (self.by_team.take(), self.stream.as_mut()) {
            for (team, obligation, n, children) in counts.rows() {
                s.row(&[
                    if team.is_empty() { Cell::Static("(no team)") } else { Cell::Text(team.to_string()) },
                    Cell::Shared(Rc::clone(obligation)),
                    Cell::Int(n[0] as i64),
                    Cell::Int(n[1] as i64),
                    Cell::Int(n[2] as i64),
                    Cell::Int(children as i64),
                ])?;
            }
        }
        let tally = match (self.worklist.take(), self.stream.as_mut()) {
            (Some(list), Some(s)) => Some(worklist::write(list, s, check)?),
            _ => None,
        };
        let entries: Vec<ics::Entry<'_>> = self
            .ics
            .iter()
            .map(|(case, t)| ics::Entry {
                case_id: case,
                event: t.event.name(),
                event_date: t.event_date,
                obligation: &t.due.entry.obligation,
                due: t.due.due,
                rule: &t.due.entry.rule,
                source: &t.due.entry.source,
            })
            .collect();
        let text = (self.format == Format::Ics).then(|| ics::render(&entries));
        self.stream.take().map_or(Ok(()), |s| s.finish(text))?;
        Ok(tally)
    }
}
