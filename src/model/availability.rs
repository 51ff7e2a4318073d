//! Who is away, and when: the team whiteboard as a file (`--availability` for
//! `route`). A CSV of `staff_id, from, to, absence[, back]`, or an iCalendar
//! file exported from Outlook or Google ([`ics`]).
//!
//! The procedure (Concerns on an open case, Team admin 2) tells three lengths
//! of absence apart: short (a meeting), medium (annual leave) and long
//! (sickness). The caller is told which, and when the worker is expected back.

pub mod ics;

use crate::calendar::dates::parse_date_time;
use crate::error::{InputError, Warning};
use crate::io::csvin::CsvFile;
use crate::model::staff::Staff;
use crate::words::normalise;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// How long an absence is, as the whiteboard tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Absence {
    /// Short: a meeting, a visit, court, training.
    Meeting,
    /// Medium: annual leave.
    Leave,
    /// Long: sickness.
    Sick,
}

impl Absence {
    /// Reads the `absence` column. Besides the three words, the common ones
    /// of a whiteboard are understood.
    pub fn parse(s: &str) -> Option<Absence> {
        Some(match normalise(s).as_str() {
            "meeting" | "short" | "visit" | "home_visit" | "court" | "training" | "busy" => Absence::Meeting,
            "leave" | "medium" | "annual_leave" | "al" | "holiday" | "toil" | "out_of_office" => Absence::Leave,
            "sick" | "long" | "sickness" | "ill" | "illness" | "long_term_sick" => Absence::Sick,
            _ => return None,
        })
    }

    /// The word written in outputs: `meeting`, `leave`, `sick`.
    pub fn word(self) -> &'static str {
        match self {
            Absence::Meeting => "meeting",
            Absence::Leave => "leave",
            Absence::Sick => "sick",
        }
    }

    /// The procedure's length: `short`, `medium`, `long`.
    pub fn length(self) -> &'static str {
        match self {
            Absence::Meeting => "short",
            Absence::Leave => "medium",
            Absence::Sick => "long",
        }
    }
}

/// One absence: `staff` is away from `from` until just before `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Away {
    pub staff: u32,
    pub from: NaiveDateTime,
    /// The first moment they are no longer away. [`OPEN_ENDED`] when no end is
    /// known (sick, return date not known).
    pub to: NaiveDateTime,
    pub kind: Absence,
    /// When they are expected back, if the file says (a `back` column): the
    /// absence lasts until then, whatever `to` says.
    pub back: Option<NaiveDateTime>,
}

/// The end of an absence whose end is not known.
pub const OPEN_ENDED: NaiveDateTime = NaiveDateTime::MAX;

impl Away {
    /// When the absence ends: when they are expected back if the file says,
    /// else `to`.
    pub fn until(&self) -> NaiveDateTime {
        self.back.unwrap_or(self.to)
    }

    pub fn open_ended(&self) -> bool {
        self.until() == OPEN_ENDED
    }
}

/// Everyone's absences, in one order whatever order the file had them in.
#[derive(Debug, Clone, Default)]
pub struct Availability {
    list: Vec<Away>,
}

impl Availability {
    pub fn new(mut list: Vec<Away>) -> Availability {
        list.sort_unstable();
        list.dedup();
        Availability { list }
    }

    /// `staff`'s absences, by start.
    pub fn of(&self, staff: u32) -> &[Away] {
        let a = self.list.partition_point(|x| x.staff < staff);
        let b = self.list.partition_point(|x| x.staff <= staff);
        &self.list[a..b]
    }

    /// The absence that has `staff` away at `t`, if any; of several, the one
    /// that lasts longest (then the longer kind).
    pub fn away_at(&self, staff: u32, t: NaiveDateTime) -> Option<&Away> {
        self.of(staff).iter().filter(|a| a.from <= t && t < a.until()).max_by_key(|a| (a.until(), a.kind))
    }
}

/// A date-time cell: a date alone is the start of that day, or with
/// `end_of_day` the start of the next (so `to: 2026-12-11` covers the 11th).
fn moment(date: NaiveDate, time: Option<NaiveTime>, end_of_day: bool) -> NaiveDateTime {
    match time {
        Some(t) => date.and_time(t),
        None if end_of_day => date.succ_opt().unwrap_or(date).and_time(NaiveTime::MIN),
        None => date.and_time(NaiveTime::MIN),
    }
}

/// Reads an availability CSV. Every row must name a staff member of the staff
/// file (a typo would otherwise route calls to someone who is off sick).
pub fn from_csv(mut f: CsvFile, staff: &Staff) -> Result<(Vec<Away>, Vec<Warning>), InputError> {
    let c_id = f.require("staff_id")?;
    let c_from = f.require("from")?;
    let c_to = f.require("to")?;
    let c_absence = f.require("absence")?;
    let c_back = f.column("back")?;
    let mut out = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?;
        let Some(who) = staff.get(&id) else {
            return Err(row.error(c_id, format!("staff_id '{id}' is not in the staff file; correct the id")));
        };
        let cell = |c: crate::io::csvin::Col, end: bool| -> Result<Option<NaiveDateTime>, InputError> {
            let t = row.text(c);
            if t.is_empty() {
                return Ok(None);
            }
            let (d, time) = parse_date_time(&t).map_err(|e| row.error(c, format!("'{}': {e}", c.name)))?;
            Ok(Some(moment(d, time, end)))
        };
        let Some(from) = cell(c_from, false)? else {
            return Err(row.error(c_from, "'from' is empty; give the date (and time) the absence starts"));
        };
        let to = cell(c_to, true)?.unwrap_or(OPEN_ENDED);
        if to <= from {
            return Err(row.error(
                c_to,
                format!(
                    "'to' ({}) is before 'from' ({}); swap them or correct the date",
                    row.text(c_to),
                    row.text(c_from)
                ),
            ));
        }
        let word = row.required(c_absence)?;
        let Some(kind) = Absence::parse(&word) else {
            return Err(row.error(
                c_absence,
                format!("'absence': '{word}' is not meeting, leave or sick (short, medium or long)"),
            ));
        };
        let back = match c_back {
            Some(c) => cell(c, false)?,
            None => None,
        };
        if let Some(b) = back
            && b < from
        {
            return Err(row.error(c_back.expect("read above"), "'back' is before 'from'"));
        }
        out.push(Away { staff: who, from, to, kind, back });
    }
    Ok((out, f.notes().warnings()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whiteboard_words() {
        assert_eq!(Absence::parse("Annual Leave"), Some(Absence::Leave));
        assert_eq!(Absence::parse("SICK"), Some(Absence::Sick));
        assert_eq!(Absence::parse("Meeting"), Some(Absence::Meeting));
        assert_eq!(Absence::parse("lunch"), None);
    }

    #[test]
    fn the_longest_absence_speaks() {
        let t = |h| NaiveDate::from_ymd_opt(2026, 12, 7).unwrap().and_hms_opt(h, 0, 0).unwrap();
        let a = Availability::new(vec![
            Away { staff: 1, from: t(9), to: t(17), kind: Absence::Leave, back: None },
            Away { staff: 1, from: t(10), to: t(11), kind: Absence::Meeting, back: None },
            Away { staff: 0, from: t(9), to: t(10), kind: Absence::Meeting, back: None },
        ]);
        assert_eq!(a.of(1).len(), 2);
        assert_eq!(a.away_at(1, t(10)).unwrap().kind, Absence::Leave);
        assert!(a.away_at(0, t(10)).is_none());
        assert!(a.away_at(2, t(10)).is_none());
    }
}
