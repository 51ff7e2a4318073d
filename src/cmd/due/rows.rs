//! A listed obligation as a row of `due`'s output: its fields in the columns
//! the shape says, and as CSV made apart from the output stream, so that the
//! rows of a shuffled file's cases can be made on every core and written in
//! order (docs/performance.md).

use crate::io::output::{CsvLine, Field, csv_field};
use crate::model::events::Case;
use crate::ops::due::{Render, Shape};
use crate::timescales::Entry;
use crate::timescales::report::Listed;
use chrono::NaiveDate;
use std::rc::Rc;

/// Where a row's cells go, one at a time, in the order of its columns: into
/// [`Fields`] (for any format), or straight into a CSV line.
trait Cells<'a> {
    /// Text: neutralised against formulas and quoted as CSV needs.
    fn text(&mut self, s: &'a str);
    /// Text with its CSV made before.
    fn made(&mut self, s: &'a str, csv: &'a [u8]);
    /// A word of our own (a status, a built-in event: docs/reference/conventions.md): letters and `-`, which
    /// CSV writes as they are.
    fn word(&mut self, w: &'static str);
    fn date(&mut self, d: NaiveDate);
    fn int(&mut self, i: i64);
    fn empty(&mut self);

    fn opt_date(&mut self, d: Option<NaiveDate>) {
        match d {
            Some(d) => self.date(d),
            None => self.empty(),
        }
    }

    fn opt_text(&mut self, s: Option<&'a str>) {
        match s {
            Some(s) => self.text(s),
            None => self.empty(),
        }
    }
}

/// One row's fields, borrowed: no more than a row of `due` has.
pub(super) struct Fields<'a> {
    cells: [Field<'a>; 16],
    len: usize,
}

impl<'a> Fields<'a> {
    pub(super) fn as_slice(&self) -> &[Field<'a>] {
        &self.cells[..self.len]
    }

    fn push(&mut self, f: Field<'a>) {
        self.cells[self.len] = f;
        self.len += 1;
    }
}

impl<'a> Cells<'a> for Fields<'a> {
    fn text(&mut self, s: &'a str) {
        self.push(Field::Text(s));
    }
    fn made(&mut self, s: &'a str, csv: &'a [u8]) {
        self.push(Field::Made(s, csv));
    }
    fn word(&mut self, w: &'static str) {
        self.push(Field::Text(w));
    }
    fn date(&mut self, d: NaiveDate) {
        self.push(Field::Date(d));
    }
    fn int(&mut self, i: i64) {
        self.push(Field::Int(i));
    }
    fn empty(&mut self) {
        self.push(Field::Empty);
    }
}

impl<'a> Cells<'a> for CsvLine<'_> {
    fn text(&mut self, s: &'a str) {
        CsvLine::text(self, s);
    }
    fn made(&mut self, _: &'a str, csv: &'a [u8]) {
        CsvLine::made(self, csv);
    }
    fn word(&mut self, w: &'static str) {
        CsvLine::made(self, w.as_bytes());
    }
    fn date(&mut self, d: NaiveDate) {
        CsvLine::date(self, d);
    }
    fn int(&mut self, i: i64) {
        CsvLine::int(self, i);
    }
    fn empty(&mut self) {
        CsvLine::empty(self);
    }
}

/// The case id's and the entry's texts as CSV, made before.
type MadeFields<'a> = (&'a [u8], &'a [Vec<u8>; 3]);

/// The fields of one listed obligation, in the columns of `shape` (docs/reference/conventions.md).
pub(super) fn fields<'a>(shape: Shape, case: &'a Case, l: &'a Listed) -> Fields<'a> {
    let mut row = Fields { cells: [Field::Empty; 16], len: 0 };
    cells(shape, case, l, None, &mut row);
    row
}

/// One listed obligation's cells, in the columns of `shape` (docs/reference/conventions.md); with
/// `made`, the case id, obligation, rule and source as made before.
fn cells<'a>(shape: Shape, case: &'a Case, l: &'a Listed, made: Option<MadeFields<'a>>, c: &mut impl Cells<'a>) {
    let t = &l.tracked;
    let text = &t.due.entry.text;
    match made {
        _ if case.id.is_empty() => c.empty(),
        Some((id, _)) => c.made(&case.id, id),
        None => c.text(&case.id),
    }
    match t.event.known_name() {
        Some(name) => c.word(name),
        None if t.event.name().is_empty() => c.empty(),
        None => c.text(t.event.name()),
    }
    c.date(t.event_date);
    let made = made.map(|(_, texts)| texts);
    let texts = [&text.obligation, &text.rule, &text.source];
    for (i, s) in texts.into_iter().enumerate() {
        if i == 1 {
            c.date(t.due.due);
        }
        match made {
            Some(m) => c.made(s, &m[i]),
            None => c.text(s),
        }
    }
    if shape.episode {
        match case.episode {
            Some(e) => c.int(i64::from(e)),
            None => c.empty(),
        }
    }
    if shape.tracked {
        c.word(t.outcome.as_str());
        c.opt_date(t.outcome.met_on());
    }
    if shape.as_of {
        match l.status {
            Some(s) => c.word(s.as_str()),
            None => c.empty(),
        }
        match l.days_left {
            Some(d) => c.int(d),
            None => c.empty(),
        }
    }
    if shape.holders {
        c.opt_text(case.team.as_deref());
        c.opt_text(case.worker.as_deref());
    }
    if shape.recorded {
        c.opt_date(t.recorded_due);
    }
    if shape.note {
        c.opt_text(t.note.as_deref());
    }
}

/// CSV made once and written many times: each timescale entry's obligation,
/// rule and source (by the entry, held so that its address is not reused),
/// and the id of the case being written.
struct Made {
    entries: Vec<(Rc<Entry>, [Vec<u8>; 3])>,
    /// Where in `entries` an entry is, by its address (a guess to check:
    /// two entries may share a slot).
    slots: [u32; 256],
    case: Option<(Rc<str>, Vec<u8>)>,
}

impl Default for Made {
    fn default() -> Made {
        Made { entries: Vec::new(), slots: [u32::MAX; 256], case: None }
    }
}

impl Made {
    fn of(&mut self, case: &Case, entry: &Rc<Entry>, raw: bool) -> MadeFields<'_> {
        let slot = (Rc::as_ptr(entry) as usize >> 4) % self.slots.len();
        let guess = self.entries.get(self.slots[slot] as usize).filter(|(e, _)| Rc::ptr_eq(e, entry));
        if guess.is_none() {
            let at = match self.entries.iter().position(|(e, _)| Rc::ptr_eq(e, entry)) {
                Some(at) => at,
                None => {
                    let t = &entry.text;
                    let texts = [csv_field(&t.obligation, raw), csv_field(&t.rule, raw), csv_field(&t.source, raw)];
                    self.entries.push((Rc::clone(entry), texts));
                    self.entries.len() - 1
                }
            };
            self.slots[slot] = at as u32;
        }
        if !self.case.as_ref().is_some_and(|(id, _)| Rc::ptr_eq(id, &case.id)) {
            self.case = Some((Rc::clone(&case.id), csv_field(&case.id, raw)));
        }
        let id = self.case.as_ref().map_or(&[][..], |(_, id)| id);
        (id, &self.entries[self.slots[slot] as usize].1)
    }
}

/// Rows as CSV, made apart from the output stream (text neutralised unless
/// `raw`, as the stream would).
pub(super) struct CsvRows {
    shape: Shape,
    raw: bool,
    made: Made,
}

impl CsvRows {
    pub(super) fn new(shape: Shape, raw: bool) -> CsvRows {
        CsvRows { shape, raw, made: Made::default() }
    }
}

impl Render for CsvRows {
    fn row(&mut self, case: &Case, l: &Listed, out: &mut Vec<u8>) {
        let made = self.made.of(case, &l.tracked.due.entry, self.raw);
        let mut line = CsvLine::new(out, self.raw);
        cells(self.shape, case, l, Some(made), &mut line);
        line.end();
    }
}

#[cfg(test)]
mod tests {
    use crate::io::output::csv_field;
    use crate::model::event_kind::EventKind;
    use crate::timescales::status::Status;

    /// The words written as they are need no neutralising and no quotes.
    #[test]
    fn words_are_written_as_they_are() {
        let outcomes = ["met", "late", "outstanding", "untracked", "missed", "check-age", "check-history"];
        let words = EventKind::NAMES.into_iter().chain(Status::ALL.map(Status::as_str)).chain(outcomes);
        for w in words {
            assert_eq!(csv_field(w, false), w.as_bytes(), "{w}");
        }
    }
}
