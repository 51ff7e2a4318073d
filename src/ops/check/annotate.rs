//! `check --annotate`: the export written back, each record with an added
//! `issues` column listing its findings. A record waits until its group's
//! findings have come, then goes out in its place.

use super::Check;
use crate::check::engine::Finding;
use crate::check::findings::Counts;
use crate::io::output::Cell;
use std::collections::VecDeque;

/// Records waiting for their group's findings: (record, fields, issues).
type Waiting = VecDeque<(u64, Vec<String>, Vec<String>)>;

impl Check<'_> {
    /// Streams the export, handing each record to `write` with its issues,
    /// in record order.
    pub fn annotate(&mut self, mut write: impl FnMut(&[Cell]) -> std::io::Result<()>) -> anyhow::Result<Counts> {
        let Check { file, engine, .. } = self;
        let mut counts = Counts::default();
        let mut found = Vec::new();
        let mut held: Waiting = VecDeque::new();
        let mut flush = |held: &mut Waiting, upto: u64| -> std::io::Result<()> {
            while held.front().is_some_and(|h| h.0 < upto) {
                let (_, fields, issues) = held.pop_front().expect("checked");
                let mut cells: Vec<Cell> = fields.into_iter().map(Cell::Verbatim).collect();
                cells.push(Cell::Text(issues.join(" | ")));
                write(&cells)?;
            }
            Ok(())
        };
        while file.next_record()? {
            let record = file.row().record_number();
            counts.records += 1;
            held.push_back((record, file.fields().map(|c| c.into_owned()).collect(), Vec::new()));
            engine.row(&*file, &mut found);
            counts.note(&found);
            attach(&mut held, &mut found);
            flush(&mut held, engine.settled().min(record + 1))?;
        }
        engine.finish(&mut found);
        counts.note(&found);
        attach(&mut held, &mut found);
        flush(&mut held, u64::MAX)?;
        Ok(counts)
    }
}

/// Moves findings onto the held records they belong to.
fn attach(held: &mut Waiting, found: &mut Vec<Finding>) {
    for f in found.drain(..) {
        if let Some(first) = held.front().map(|h| h.0)
            && f.record >= first
            && let Some(h) = held.get_mut((f.record - first) as usize)
        {
            h.2.push(format!("{}: {}", f.rule, f.message));
        }
    }
}
