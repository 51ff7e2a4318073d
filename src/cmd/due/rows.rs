//! A listed obligation as a row of `due`'s output: its fields in the columns
//! the shape says, and as CSV made apart from the output stream, so that the
//! rows of a shuffled file's cases can be made on every core and written in
//! order (issue 30).

use crate::io::output::{Field, csv_field, csv_line};
use crate::model::FastMap;
use crate::model::event_kind::EventKind;
use crate::model::events::Case;
use crate::ops::due::{Render, Shape};
use crate::timescales::Entry;
use crate::timescales::report::Listed;
use std::rc::Rc;

/// One row's fields, borrowed: no more than a row of `due` has.
pub(super) struct Fields<'a> {
    cells: [Field<'a>; 16],
    len: usize,
}

impl<'a> Fields<'a> {
    fn push(&mut self, f: Field<'a>) {
        self.cells[self.len] = f;
        self.len += 1;
    }

    pub(super) fn as_slice(&self) -> &[Field<'a>] {
        &self.cells[..self.len]
    }
}

/// The event column: a local event with no name has no value.
fn event_field(event: &EventKind) -> Field<'_> {
    match event.name() {
        "" => Field::Empty,
        name => Field::Text(name),
    }
}

/// The case id's and the entry's texts as CSV, made before.
type MadeFields<'a> = (&'a [u8], &'a [Vec<u8>; 3]);

/// The fields of one listed obligation, in the columns of `shape` (SPEC §8);
/// with `made`, the case id, obligation, rule and source as made before.
pub(super) fn fields<'a>(shape: Shape, case: &'a Case, l: &'a Listed, made: Option<MadeFields<'a>>) -> Fields<'a> {
    let t = &l.tracked;
    let text = &t.due.entry.text;
    let mut row = Fields { cells: [Field::Empty; 16], len: 0 };
    let id = match made {
        _ if case.id.is_empty() => Field::Empty,
        Some((id, _)) => Field::Made(&case.id, id),
        None => Field::Text(&case.id),
    };
    let [obligation, rule, source] = match made {
        Some((_, [o, r, s])) => {
            [Field::Made(&text.obligation, o), Field::Made(&text.rule, r), Field::Made(&text.source, s)]
        }
        None => [Field::Text(&text.obligation), Field::Text(&text.rule), Field::Text(&text.source)],
    };
    for f in [id, event_field(&t.event), Field::Date(t.event_date), obligation, Field::Date(t.due.due), rule, source] {
        row.push(f);
    }
    if shape.episode {
        row.push(case.episode.map_or(Field::Empty, |e| Field::Int(i64::from(e))));
    }
    if shape.tracked {
        row.push(Field::Text(t.outcome.as_str()));
        row.push(Field::opt_date(t.outcome.met_on()));
    }
    if shape.as_of {
        row.push(l.status.map_or(Field::Empty, |s| Field::Text(s.as_str())));
        row.push(l.days_left.map_or(Field::Empty, Field::Int));
    }
    if shape.holders {
        row.push(case.team.as_deref().map_or(Field::Empty, Field::Text));
        row.push(case.worker.as_deref().map_or(Field::Empty, Field::Text));
    }
    if shape.recorded {
        row.push(Field::opt_date(t.recorded_due));
    }
    if shape.note {
        row.push(t.note.as_deref().map_or(Field::Empty, Field::Text));
    }
    row
}

/// CSV made once and written many times: each timescale entry's obligation,
/// rule and source (by the entry, held so that its address is not reused),
/// and the id of the case being written.
#[derive(Default)]
struct Made {
    entries: FastMap<usize, (Rc<Entry>, [Vec<u8>; 3])>,
    case: Option<(Rc<str>, Vec<u8>)>,
}

impl Made {
    fn of(&mut self, case: &Case, entry: &Rc<Entry>, raw: bool) -> MadeFields<'_> {
        let Made { entries, case: current } = self;
        let (_, texts) = entries.entry(Rc::as_ptr(entry) as usize).or_insert_with(|| {
            let t = &entry.text;
            (Rc::clone(entry), [csv_field(&t.obligation, raw), csv_field(&t.rule, raw), csv_field(&t.source, raw)])
        });
        if !current.as_ref().is_some_and(|(id, _)| Rc::ptr_eq(id, &case.id)) {
            *current = Some((Rc::clone(&case.id), csv_field(&case.id, raw)));
        }
        (current.as_ref().map_or(&[][..], |(_, id)| id), texts)
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
        csv_line(out, fields(self.shape, case, l, Some(made)).as_slice(), self.raw);
    }
}
