//! The authority's own target date for the initial conference against the
//! law: `InitialCPCtarget` should be 15 working days after the enquiry began
//! (`S47ActualStartDate`), on the working-day calendar with its bank
//! holidays (Working Together to Safeguard Children; QA induction: Initial
//! child protection case conference). The DfE's validator checks only that
//! the target is not a weekend.

use crate::calendar::offset::{Offset, Unit};
use crate::calendar::{Calendar, OutOfRange};
use crate::model::census::{Child, Dated};
use chrono::NaiveDate;

pub const ICPC_WITHIN: Offset = Offset { n: 15, unit: Unit::WorkingDays, before: false };

/// An enquiry whose target is not the date the law gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differs {
    pub child: String,
    pub episode: u32,
    pub s47_start: NaiveDate,
    /// `InitialCPCtarget`, and its line.
    pub target: Dated,
    /// 15 working days after the start.
    pub statutory: NaiveDate,
    /// Working days from the statutory date to the target: negative when the
    /// target is earlier.
    pub working_days: i64,
}

/// The day 15 working days after `start` (`count_event_day`: counted as the
/// DfE's validator counts, the start day being day 1).
pub fn statutory(start: NaiveDate, cal: &Calendar, count_event_day: bool) -> Result<NaiveDate, OutOfRange> {
    ICPC_WITHIN.apply(cal, start, count_event_day)
}

/// Each of the child's enquiries whose target differs from the statutory date.
pub fn differs(child: &Child, cal: &Calendar, count_event_day: bool) -> Vec<Differs> {
    let mut out = Vec::new();
    for e in &child.episodes {
        for s in &e.section47s {
            let (Some(start), Some(target)) = (s.start, s.target) else { continue };
            let Ok(ours) = statutory(start.date, cal, count_event_day) else { continue };
            if ours != target.date {
                out.push(Differs {
                    child: child.id.clone(),
                    episode: e.number,
                    s47_start: start.date,
                    target,
                    statutory: ours,
                    working_days: working_days_between(cal, ours, target.date),
                });
            }
        }
    }
    out
}

/// Working days from `a` to `b` (negative when `b` is earlier): the working
/// days after `a` up to and including `b`.
pub fn working_days_between(cal: &Calendar, a: NaiveDate, b: NaiveDate) -> i64 {
    let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
    let days = lo.iter_days().skip(1).take_while(|d| *d <= hi).filter(|d| cal.is_working_day(*d)).count();
    sign * days as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Region;
    use crate::model::census::{Episode, Section47};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn child(start: &str, target: &str) -> Child {
        let s = Section47 {
            start: Some(Dated { date: d(start), line: 3 }),
            target: Some(Dated { date: d(target), line: 4 }),
            ..Section47::default()
        };
        let e = Episode { number: 1, section47s: vec![s], ..Episode::default() };
        Child { id: "A".into(), episodes: vec![e], ..Child::default() }
    }

    #[test]
    fn targets_against_fifteen_working_days() {
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        // Thursday 2 June 2022: the Jubilee holidays on 2 and 3 June, so 15
        // working days after is 24 June (the validator's own sample says 23).
        assert_eq!(statutory(d("2022-06-02"), &cal, false).unwrap(), d("2022-06-24"));
        let found = differs(&child("2022-06-02", "2022-06-23"), &cal, false);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].statutory, found[0].working_days), (d("2022-06-24"), -1));
        assert!(differs(&child("2022-06-02", "2022-06-24"), &cal, false).is_empty());
        // Counting the start day as day 1 (the DfE validator): a bank holiday
        // start rolls back to Wednesday 1 June, day 1; day 15 is 23 June.
        assert_eq!(statutory(d("2022-06-02"), &cal, true).unwrap(), d("2022-06-23"));
        assert!(differs(&child("2022-06-02", "2022-06-23"), &cal, true).is_empty());
        // Across Christmas: Monday 14 December 2026 + 15 working days skips
        // 25 and 28 December (Boxing Day's substitute) and 1 January.
        assert_eq!(statutory(d("2026-12-14"), &cal, false).unwrap(), d("2027-01-07"));
        assert_eq!(working_days_between(&cal, d("2027-01-07"), d("2027-01-04")), -3);
        assert_eq!(working_days_between(&cal, d("2026-12-24"), d("2026-12-29")), 1);
    }
}
