//! Where `due`'s listed obligations go: the output stream a row at a time,
//! the count by team, the worklist, or an iCalendar file at the end.

use super::worklist::{self, FindingsOf};
use crate::error::UsageError;
use crate::io::ics;
use crate::io::output::{Cell, Format, OutputOptions, RowStream};
use crate::model::event_kind::EventKind;
use crate::model::events::Case;
use crate::ops::due::{Out, Shape};
use crate::timescales::report::{ByTeam, Listed};
use crate::timescales::track::{Outcome as Met, Tracked};
use crate::timescales::worklist::{Tally, Worklist};
use std::rc::Rc;

/// The event column: a SPEC §8 name as it is, a local one shared.
fn event_cell(event: &EventKind) -> Cell {
    match event {
        EventKind::Local(name) => Cell::text(&***name),
        known => Cell::Static(known.known_name().unwrap_or_default()),
    }
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
    /// Reused for every row.
    row: Vec<Cell>,
}

impl Sink {
    pub(super) fn new(opts: OutputOptions, by_team: bool, worklist: bool, findings: bool) -> Sink {
        let format = opts.resolved_format();
        let (by_team, worklist) = (by_team.then(ByTeam::default), worklist.then(Worklist::default));
        let shape =
            Shape { tracked: false, episode: false, as_of: false, holders: false, recorded: false, note: false };
        Sink { opts, findings, stream: None, shape, format, by_team, worklist, ics: Vec::new(), row: Vec::new() }
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
        let mut row = std::mem::take(&mut self.row);
        row.clear();
        let text = &t.due.entry.text;
        let shared = |s: &Rc<str>| Cell::Shared(Rc::clone(s));
        row.extend([
            if case.id.is_empty() { Cell::Empty } else { shared(&case.id) },
            event_cell(&t.event),
            Cell::Date(t.event_date),
            shared(&text.obligation),
            Cell::Date(t.due.due),
            shared(&text.rule),
            shared(&text.source),
        ]);
        if self.shape.episode {
            row.push(case.episode.map_or(Cell::Empty, |e| Cell::Int(i64::from(e))));
        }
        if self.shape.tracked {
            row.extend([Cell::Static(t.outcome.as_str()), Cell::opt_date(t.outcome.met_on())]);
        }
        if self.shape.as_of {
            row.push(l.status.map_or(Cell::Empty, |s| Cell::Static(s.as_str())));
            row.push(l.days_left.map_or(Cell::Empty, Cell::Int));
        }
        if self.shape.holders {
            let text = |v: &Option<String>| v.as_ref().map_or(Cell::Empty, |s| Cell::Text(s.clone()));
            row.extend([text(&case.team), text(&case.worker)]);
        }
        if self.shape.recorded {
            row.push(Cell::opt_date(t.recorded_due));
        }
        if self.shape.note {
            row.push(t.note.as_ref().map_or(Cell::Empty, shared));
        }
        let written = self.stream.as_mut().map_or(Ok(()), |s| s.row(&row));
        self.row = row;
        Ok(written?)
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
