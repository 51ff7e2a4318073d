//! Events in any order, held compactly until every row is read (docs/performance.md).
//!
//! A shuffled million-event file must be held whole before its first case can
//! be tracked. Held as [`Event`]s (with their vectors, kinds and case ids) that
//! was about 150 bytes an event; here each row is six bytes: the case (a
//! number: the ids are interned once), and either the event itself (its kind,
//! qualifiers and date, each a small number) or an index into a side table:
//! eight bytes more for a row with a date of birth, more for the rare rows
//! with a recorded due date or a snapshot flag. When every row is read, the
//! case ids are put in [`case_order`], the rows are moved to their case's
//! place (a counting sort in place, in two rounds so that each round writes
//! to few places at once), and each case is rebuilt as it is tracked.
//!
//! Not held: the line each row came from. Tracking sorts a case's events by
//! everything they hold, so rows that differ only in their line give the same
//! rows out, whichever comes first. Only a message about a row needs the line;
//! the rebuilt events carry line 0, and the caller reads the case's rows again
//! to say which (see [`LINE_UNKNOWN`]), or keeps the lines when the input
//! cannot be read twice ([`Gathered::keeping_lines`]).

use super::building::keep_latest;
use super::packed::{Rows, Tags, deal};
use crate::model::FastMap;
use crate::model::arena::{IdArena, IdList};
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Event, Holder, Item, Pending, case_order, order_key};
use chrono::{Datelike, NaiveDate};
use std::rc::Rc;

/// The line of an event rebuilt from a compact row, whose line was not kept.
pub const LINE_UNKNOWN: u64 = 0;

/// A row's 28-bit tag: either the event itself, or (with this bit) the index
/// of its entry in a side table: with [`DOB`] too, the table of inline events
/// with a date of birth, else the table of the rest.
const SIDE: u32 = 1 << 27;
const DOB: u32 = 1 << 26;
/// Side tables hold fewer entries than this.
const SIDE_LIMIT: usize = 1 << 26;
/// Within an inline tag: the kind's number, the qualifiers' number, the date.
const KIND_SHIFT: u32 = 22;
const DETAILS_SHIFT: u32 = 17;
const DATE_BITS: u32 = 17;
/// Inline kinds and sets of qualifiers are numbered below this.
const SMALL: usize = 32;
/// Inline dates are days from 1 January 1900, up to 2258.
const EPOCH: i32 = 693_596;

/// A row that does not fit inline.
#[derive(Debug, Clone)]
struct Side {
    kind: u32,
    /// `None`: an occurrence not yet held ([`Item::Pending`]).
    date: Option<NaiveDate>,
    dob: Option<NaiveDate>,
    recorded_due: Option<NaiveDate>,
    details: u32,
    latest: bool,
}

/// Who holds a case, as its latest-dated rows say (see [`Building`]).
type Holders = [Option<(NaiveDate, String)>; 2];

/// Rows in any order, held compactly, then the cases in [`case_order`].
#[derive(Debug, Default)]
pub struct Gathered {
    ids: IdArena,
    rows: Option<Rows>,
    /// The kinds met, by name, numbered in the order first met (names, not
    /// kinds, so that rows gathered on another thread can be sent here).
    kinds: Vec<Box<str>>,
    /// Their numbers by [`EventKind::code`] (`u32::MAX`: not met yet).
    known: Vec<u32>,
    /// The sets of qualifiers met (the first is none), numbered likewise.
    details: Vec<Vec<String>>,
    details_index: FastMap<Vec<String>, u32>,
    side: Vec<Side>,
    /// Inline events with a date of birth: the event's tag, and the date.
    dobs: Vec<(u32, NaiveDate)>,
    /// Team and worker per case, once any row names one.
    holders: Vec<Holders>,
    /// Each row's line, when kept.
    lines: Option<Vec<u64>>,
}

impl Gathered {
    /// Gathers keeping each row's line, for input that cannot be read again.
    pub fn keeping_lines() -> Gathered {
        Gathered { lines: Some(Vec::new()), ..Gathered::default() }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn kind(&mut self, kind: EventKind) -> u32 {
        let code = kind.code();
        if let Some(&n) = code.and_then(|c| self.known.get(c)).filter(|&&n| n != u32::MAX) {
            return n;
        }
        let n = match self.kinds.iter().position(|k| **k == *kind.name()) {
            Some(i) => i as u32,
            None => {
                self.kinds.push(kind.name().into());
                self.kinds.len() as u32 - 1
            }
        };
        if let Some(c) = code {
            self.known.resize(EventKind::NAMES.len(), u32::MAX);
            self.known[c] = n;
        }
        n
    }

    fn details(&mut self, details: Vec<String>) -> u32 {
        if details.is_empty() {
            return 0;
        }
        if self.details.is_empty() {
            self.details.push(Vec::new());
        }
        if let Some(&i) = self.details_index.get(&details) {
            return i;
        }
        let i = self.details.len() as u32;
        self.details.push(details.clone());
        self.details_index.insert(details, i);
        i
    }

    pub fn add(&mut self, id: &str, holder: Holder, item: Item) {
        let (case, _) = self.ids.insert(id);
        let on = match &item {
            Item::Event(e) => e.date,
            Item::Pending(_) => NaiveDate::MIN,
        };
        if holder.team.is_some() || holder.worker.is_some() {
            self.holders.resize_with(self.ids.len(), Default::default);
            let [team, worker] = &mut self.holders[case as usize];
            keep_latest(team, on, holder.team);
            keep_latest(worker, on, holder.worker);
        }
        let side = match item {
            Item::Event(e) => {
                if let Some(lines) = &mut self.lines {
                    lines.push(e.line);
                }
                let kind = self.kind(e.event);
                let details = self.details(e.details);
                Side { kind, date: Some(e.date), dob: e.dob, recorded_due: e.recorded_due, details, latest: e.latest }
            }
            Item::Pending(p) => {
                if let Some(lines) = &mut self.lines {
                    lines.push(LINE_UNKNOWN);
                }
                let kind = self.kind(p.event);
                Side { kind, date: None, dob: None, recorded_due: Some(p.recorded_due), details: 0, latest: false }
            }
        };
        let tag = self.tag(side);
        self.rows.get_or_insert_with(|| Rows::Narrow(Vec::new())).push(case, tag);
    }

    /// A row's tag: the event inline when it fits (with its date of birth
    /// in the side table of those), else its entry in the side table.
    fn tag(&mut self, s: Side) -> u32 {
        let Some(date) = s.date else { return self.side(s) };
        let day = date.num_days_from_ce() - EPOCH;
        let inline = (s.kind as usize) < SMALL && (s.details as usize) < SMALL && (0..1 << DATE_BITS).contains(&day);
        if !inline || s.latest || s.recorded_due.is_some() {
            return self.side(s);
        }
        let tag = s.kind << KIND_SHIFT | s.details << DETAILS_SHIFT | day as u32;
        match s.dob {
            None => tag,
            Some(dob) => {
                assert!(self.dobs.len() < SIDE_LIMIT, "fewer than 2^26 rows with a date of birth");
                self.dobs.push((tag, dob));
                SIDE | DOB | (self.dobs.len() as u32 - 1)
            }
        }
    }

    fn side(&mut self, s: Side) -> u32 {
        assert!(self.side.len() < SIDE_LIMIT, "fewer than 2^26 rows with a recorded due date or a snapshot flag");
        self.side.push(s);
        SIDE | (self.side.len() as u32 - 1)
    }

    /// Makes room for about `rows` rows, so that a large file's rows are
    /// held in one block from the start (room not filled takes no memory).
    pub fn reserve(&mut self, rows: usize) {
        self.rows.get_or_insert_with(|| Rows::Narrow(Vec::new())).reserve(rows);
    }

    /// The rows gathered, to be appended to another's ([`Gathered::append`]):
    /// the index of their ids is freed now, on this thread.
    pub fn apart(mut self) -> Apart {
        Apart { ids: std::mem::take(&mut self.ids).into_list(), rows: self }
    }

    /// Takes in the rows `other` gathered from the rest of the file (read
    /// at the same time, on another thread), as if they had been added here
    /// after this one's: the cases, kinds and qualifiers not met here are
    /// numbered after this one's in the order `other` met them, and the rows
    /// come after these, in their order, so what is held is what one reader
    /// would have gathered. `other`'s rows are freed as they are taken.
    pub fn append(&mut self, other: Apart) {
        let Apart { ids, rows: mut other } = other;
        let cases: Vec<u32> = (0..ids.len() as u32).map(|c| self.ids.insert(ids.get_str(c)).0).collect();
        drop(ids);
        if !other.holders.is_empty() {
            self.holders.resize_with(self.ids.len(), Default::default);
        }
        for (c, [team, worker]) in other.holders.drain(..).enumerate() {
            let [t, w] = &mut self.holders[cases[c] as usize];
            if let Some((on, v)) = team {
                keep_latest(t, on, Some(&v));
            }
            if let Some((on, v)) = worker {
                keep_latest(w, on, Some(&v));
            }
        }
        let kinds: Vec<u32> = other.kinds.iter().map(|k| self.kind(EventKind::from_name(k))).collect();
        let details: Vec<u32> = std::mem::take(&mut other.details).into_iter().map(|d| self.details(d)).collect();
        let detail = |d: u32| if d == 0 { 0 } else { details[d as usize] };
        if let (Some(lines), Some(more)) = (&mut self.lines, other.lines.take()) {
            lines.extend(more);
        }
        let Some(mut rows) = other.rows.take() else { return };
        self.rows.get_or_insert_with(|| Rows::Narrow(Vec::new())).reserve(rows.len());
        // Taken from the end, once put the other way round.
        rows.reverse();
        while let Some((c, tag)) = rows.pop() {
            let small = |n: u32| (n as usize) < SMALL;
            let (kind, d) = (tag >> KIND_SHIFT, tag >> DETAILS_SHIFT & (SMALL as u32 - 1));
            let tag = if tag & SIDE == 0 && small(kinds[kind as usize]) && small(detail(d)) {
                kinds[kind as usize] << KIND_SHIFT | detail(d) << DETAILS_SHIFT | tag & ((1 << DATE_BITS) - 1)
            } else {
                let mut s = other.untag(tag);
                (s.kind, s.details) = (kinds[s.kind as usize], detail(s.details));
                self.tag(s)
            };
            self.rows.get_or_insert_with(|| Rows::Narrow(Vec::new())).push(cases[c as usize], tag);
        }
    }

    /// What a row's tag holds, as a side table entry.
    fn untag(&self, tag: u32) -> Side {
        let inline = |tag: u32, dob| Side {
            kind: tag >> KIND_SHIFT,
            details: tag >> DETAILS_SHIFT & (SMALL as u32 - 1),
            date: NaiveDate::from_num_days_from_ce_opt(EPOCH + (tag & ((1 << DATE_BITS) - 1)) as i32),
            dob,
            recorded_due: None,
            latest: false,
        };
        match (tag & SIDE != 0, tag & DOB != 0) {
            (false, _) => inline(tag, None),
            (true, true) => {
                let (tag, dob) = self.dobs[(tag & !(SIDE | DOB)) as usize];
                inline(tag, Some(dob))
            }
            (true, false) => self.side[(tag & !SIDE) as usize].clone(),
        }
    }

    /// The cases in [`case_order`], each rebuilt when it is reached.
    pub fn into_cases(self) -> impl Iterator<Item = Case> {
        self.into_grouped().into_cases()
    }

    /// The rows read, put in case order, to be rebuilt into cases on any
    /// thread.
    pub fn into_grouped(mut self) -> Grouped {
        let ids = std::mem::take(&mut self.ids).into_list();
        let order = order(&ids);
        let starts = self.group(&order);
        let tags = self.rows.take().map(Rows::into_tags);
        // The ids and holders in case order too.
        let ids: IdList = order.iter().map(|&c| ids.get_str(c)).collect();
        let holders = match self.holders.is_empty() {
            true => Vec::new(),
            false => order
                .iter()
                .map(|&c| self.holders.get_mut(c as usize).map(std::mem::take).unwrap_or_default())
                .collect(),
        };
        Grouped {
            ids,
            starts,
            tags,
            kinds: std::mem::take(&mut self.kinds),
            details: self.details,
            side: self.side,
            dobs: self.dobs,
            holders,
            lines: self.lines,
        }
    }

    /// Moves every row to its case's place, the cases in `order`; returns
    /// where each case's rows start (and, last, where the rows end). Each
    /// row's case number becomes its place in `order`; the rows are then
    /// dealt to groups of 256 places, and within each group to their places.
    fn group(&mut self, order: &[u32]) -> Vec<u32> {
        let mut place = vec![0u32; order.len()];
        for (r, &c) in order.iter().enumerate() {
            place[c as usize] = r as u32;
        }
        // Rows per case, counted here rather than as each row is added: a
        // second half gathered apart is then appended without them.
        let mut counts = vec![0u32; order.len()];
        if let Some(rows) = &self.rows {
            (0..rows.len()).for_each(|i| counts[rows.get(i).0 as usize] += 1);
        }
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut at = 0u32;
        for &c in order {
            starts.push(at);
            at += counts[c as usize];
        }
        starts.push(at);
        drop(counts);
        let Some(rows) = &mut self.rows else { return starts };
        for i in 0..at as usize {
            let (case, tag) = rows.get(i);
            rows.set(i, place[case as usize], tag);
        }
        drop(place);
        const GROUP: usize = 8;
        let groups: Vec<u32> = starts.iter().step_by(1 << GROUP).copied().chain([at]).collect();
        let mut lines = self.lines.as_mut();
        deal(rows, lines.as_deref_mut(), &groups, |r| r as usize >> GROUP);
        for g in 0..groups.len() - 1 {
            let first = g << GROUP;
            let within = &starts[first..(first + (1 << GROUP) + 1).min(starts.len())];
            deal(rows, lines.as_deref_mut(), within, |r| r as usize - first);
        }
        starts
    }
}

/// Rows gathered on another thread, their ids without an index
/// ([`Gathered::apart`]).
#[derive(Debug)]
pub struct Apart {
    ids: IdList,
    rows: Gathered,
}

/// Gathered rows in case order, plain data that threads may share: each
/// thread rebuilds the cases it is given with its own event kinds.
#[derive(Debug)]
pub struct Grouped {
    /// The case ids, in case order.
    ids: IdList,
    /// Where the rows of each case start (and, last, where the rows end).
    starts: Vec<u32>,
    tags: Option<Tags>,
    /// The kinds by number, by name.
    kinds: Vec<Box<str>>,
    details: Vec<Vec<String>>,
    side: Vec<Side>,
    dobs: Vec<(u32, NaiveDate)>,
    holders: Vec<Holders>,
    lines: Option<Vec<u64>>,
}

impl Grouped {
    /// How many cases.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether the rebuilt events have their lines.
    pub fn has_lines(&self) -> bool {
        self.lines.is_some()
    }

    /// The event kinds, by number, for [`Grouped::case`] on this thread.
    pub fn kinds(&self) -> Vec<EventKind> {
        self.kinds.iter().map(|k| EventKind::from_name(k)).collect()
    }

    /// Every case, in case order, rebuilt on this thread.
    pub fn into_cases(self) -> impl Iterator<Item = Case> {
        let kinds = self.kinds();
        (0..self.len()).map(move |r| self.case(&kinds, r))
    }

    /// The case at place `r` in case order.
    pub fn case(&self, kinds: &[EventKind], r: usize) -> Case {
        let at = self.starts[r] as usize..self.starts[r + 1] as usize;
        let mut events = Vec::with_capacity(at.len());
        let mut pending = Vec::new();
        let tags = self.tags.as_ref().expect("a case has rows");
        for i in at {
            let tag = tags.get(i);
            let line = self.lines.as_ref().map_or(LINE_UNKNOWN, |l| l[i]);
            if tag & SIDE == 0 {
                events.push(self.inline(kinds, tag, line));
                continue;
            }
            if tag & DOB != 0 {
                let (tag, dob) = self.dobs[(tag & !(SIDE | DOB)) as usize];
                events.push(Event { dob: Some(dob), ..self.inline(kinds, tag, line) });
                continue;
            }
            let s = &self.side[(tag & !SIDE) as usize];
            let kind = kinds[s.kind as usize].clone();
            match s.date {
                Some(date) => events.push(Event {
                    event: kind,
                    date,
                    dob: s.dob,
                    details: if s.details > 0 { self.details[s.details as usize].clone() } else { Vec::new() },
                    latest: s.latest,
                    recorded_due: s.recorded_due,
                    line,
                }),
                None => {
                    pending.push(Pending { event: kind, recorded_due: s.recorded_due.expect("a pending row's date") })
                }
            }
        }
        let [team, worker] = self.holders.get(r).cloned().unwrap_or_default();
        Case {
            id: Rc::from(self.ids.get_str(r as u32)),
            team: team.map(|(_, t)| t),
            worker: worker.map(|(_, w)| w),
            events,
            pending,
            ..Case::default()
        }
    }

    /// The event an inline tag holds.
    fn inline(&self, kinds: &[EventKind], tag: u32, line: u64) -> Event {
        let (kind, details) = (tag >> KIND_SHIFT, tag >> DETAILS_SHIFT & (SMALL as u32 - 1));
        let date = NaiveDate::from_num_days_from_ce_opt(EPOCH + (tag & ((1 << DATE_BITS) - 1)) as i32)
            .expect("a date that was read");
        let mut e = Event::new(kinds[kind as usize].clone(), date, line);
        if details > 0 {
            e.details = self.details[details as usize].clone();
        }
        e
    }
}

/// The case numbers in [`case_order`]: sorted by a number made from each id's
/// first bytes after the prefix all ids share, then, where two such numbers
/// are equal, by the ids themselves.
fn order(ids: &IdList) -> Vec<u32> {
    let n = ids.len() as u32;
    let id = |i: u32| ids.get_str(i);
    // What `order_key` compares first after its flag and length: the id itself,
    // or for an id of digits alone, its digits without leading zeros.
    let compared = |i: u32| order_key(id(i)).2.as_bytes();
    let mut shared: Option<&[u8]> = None;
    for i in 0..n {
        let c = compared(i);
        shared = Some(match shared {
            None => c,
            Some(s) => &s[..s.iter().zip(c).take_while(|(a, b)| a == b).count()],
        });
    }
    let skip = shared.map_or(0, <[u8]>::len);
    let keys: Vec<u64> = (0..n)
        .map(|i| {
            let (text, len, compared, _) = order_key(id(i));
            let mut bytes = [0u8; 7];
            for (b, c) in bytes.iter_mut().zip(compared.as_bytes().iter().skip(skip)) {
                *b = *c;
            }
            let first = u64::from(text) << 63 | (len.min(127) as u64) << 56;
            first | bytes.iter().fold(0u64, |k, &b| k << 8 | u64::from(b))
        })
        .collect();
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then_with(|| case_order(id(a), id(b))));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn ev(kind: EventKind, date: &str, line: u64) -> Event {
        Event::new(kind, d(date), line)
    }

    /// Every kind of row comes back as it went in, the cases in case order
    /// and each case's rows together.
    #[test]
    fn rows_come_back_by_case() {
        let mut g = Gathered::keeping_lines();
        let h = Holder::default();
        let mut odd = ev(EventKind::ClaReview, "2026-02-01", 3);
        odd.dob = Some(d("2015-01-01"));
        odd.latest = true;
        odd.details = vec!["first".into(), "cp".into()];
        let old = ev(EventKind::from_name("local-thing"), "1850-06-01", 4);
        let mut qualified = ev(EventKind::ClaVisit, "2026-03-01", 5);
        qualified.details = vec!["permanent".into()];
        g.add(
            "10",
            Holder { team: Some("North"), worker: None },
            Item::Event(ev(EventKind::ClaVisit, "2026-01-01", 1)),
        );
        g.add("9", h, Item::Event(ev(EventKind::Referral, "2025-12-31", 2)));
        g.add("10", h, Item::Event(odd.clone()));
        g.add("C1", h, Item::Event(old.clone()));
        g.add("9", h, Item::Pending(Pending { event: EventKind::CinVisit, recorded_due: d("2026-04-01") }));
        g.add("10", Holder { team: Some("South"), worker: Some("W") }, Item::Event(qualified.clone()));
        let cases: Vec<Case> = g.into_cases().collect();
        assert_eq!(cases.iter().map(|c| &*c.id).collect::<Vec<_>>(), ["9", "10", "C1"]);
        let lines = |c: &Case| c.events.iter().map(|e| e.line).collect::<Vec<_>>();
        assert_eq!(lines(&cases[0]), [2]);
        assert_eq!(cases[0].pending, [Pending { event: EventKind::CinVisit, recorded_due: d("2026-04-01") }]);
        let mut ten = lines(&cases[1]);
        ten.sort();
        assert_eq!(ten, [1, 3, 5]);
        assert_eq!((cases[1].team.as_deref(), cases[1].worker.as_deref()), (Some("South"), Some("W")));
        let back = |c: &Case, line| format!("{:?}", c.events.iter().find(|e| e.line == line).unwrap());
        assert_eq!(back(&cases[1], 3), format!("{odd:?}"));
        assert_eq!(back(&cases[1], 5), format!("{qualified:?}"));
        assert_eq!(back(&cases[2], 4), format!("{old:?}"));
        assert_eq!(cases[2].team, None);
    }

    /// Without their lines, rows rebuild with line 0; many cases sort as
    /// `case_order` sorts their ids.
    #[test]
    fn many_cases_in_case_order() {
        let mut g = Gathered::default();
        let ids: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => format!("C{:07}", (i * 7919) % 3001),
                1 => format!("{}", (i * 104_729) % 100_003),
                2 => format!("00{}", i % 50),
                _ => format!("X{}", i % 97),
            })
            .collect();
        for (n, id) in ids.iter().enumerate() {
            g.add(id, Holder::default(), Item::Event(ev(EventKind::CinVisit, "2026-01-01", n as u64 + 2)));
        }
        let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
        expected.sort_by(|a, b| case_order(a, b));
        expected.dedup();
        let cases: Vec<Case> = g.into_cases().collect();
        assert_eq!(cases.iter().map(|c| &*c.id).collect::<Vec<_>>(), expected);
        let count = |id: &str| ids.iter().filter(|i| *i == id).count();
        assert!(cases.iter().all(|c| c.events.len() == count(&c.id)));
        assert!(cases.iter().flat_map(|c| &c.events).all(|e| e.line == LINE_UNKNOWN));
    }
}
