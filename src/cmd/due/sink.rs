//! Where `due`'s listed obligations go: the output stream a row at a time,
//! the count by team, the worklist, or an iCalendar file at the end.

use super::rows::{self, CsvRows};
use super::worklist::{self, FindingsOf};
use crate::error::UsageError;
use crate::io::ics;
use crate::io::output::{Cell, Format, OutputOptions, RowStream};
use crate::model::events::Case;
use crate::ops::due::{Out, Render, Shape};
use crate::timescales::report::{ByTeam, Listed};
use crate::timescales::track::{Outcome as Met, Tracked};
use crate::timescales::worklist::{Tally, Worklist};
use std::rc::Rc;

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
    /// Plain CSV rows (no count by team, no worklist): made here, or apart.
    csv: Option<CsvRows>,
}

impl Sink {
    pub(super) fn new(opts: OutputOptions, by_team: bool, worklist: bool, findings: bool) -> Sink {
        let format = opts.resolved_format();
        let (by_team, worklist) = (by_team.then(ByTeam::default), worklist.then(Worklist::default));
        let shape =
            Shape { tracked: false, episode: false, as_of: false, holders: false, recorded: false, note: false };
        Sink { opts, findings, stream: None, shape, format, by_team, worklist, ics: Vec::new(), csv: None }
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
        let plain = self.by_team.is_none() && self.worklist.is_none() && self.format == Format::Csv;
        self.csv = plain.then(|| CsvRows::new(shape, self.opts.raw));
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
        match self.csv.as_mut() {
            Some(csv) => stream.csv_rows(1, |out| csv.row(case, l, out))?,
            None => stream.fields(rows::fields(self.shape, case, l).as_slice())?,
        }
        Ok(())
    }

    /// Plain CSV rows can be made apart, on other threads.
    fn apart(&self) -> Option<Box<dyn Fn() -> Box<dyn Render> + Send + Sync>> {
        let (shape, raw) = (self.shape, self.opts.raw);
        self.csv.as_ref().map(|_| Box::new(move || Box::new(CsvRows::new(shape, raw)) as Box<dyn Render>) as _)
    }

    fn rendered(&mut self, bytes: &[u8], rows: usize) -> anyhow::Result<()> {
        let Some(stream) = self.stream.as_mut() else { return Ok(()) };
        Ok(stream.csv_made(rows, bytes)?)
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
                    Cell::Int(n[3] as i64),
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
                note: t.note.as_deref(),
            })
            .collect();
        let text = (self.format == Format::Ics).then(|| ics::render(&entries));
        self.stream.take().map_or(Ok(()), |s| s.finish(text))?;
        Ok(tally)
    }
}
