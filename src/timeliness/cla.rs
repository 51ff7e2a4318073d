//! The looked-after indicators, from the SSDA903 return as `due` reads it
//! (each child's entries into care, placement changes, reviews and endings).
//! The period is the 12 months that end on the as-of date (1 April to 31
//! March for an as-of date of 31 March, as the return's year runs).

use super::{Count, Figure, Indicator, Judged, apart};
use crate::calendar::Calendar;
use crate::calendar::offset::{Offset, Unit};
use crate::model::census::CensusYear;
use crate::model::event_kind::EventKind as E;
use crate::model::events::{CareEpisode, Case};
use chrono::{Months, NaiveDate};

pub static INDICATORS: [Indicator; 3] = [
    Indicator {
        name: "cla-reviews-on-time",
        counts: "children looked after at the end of the period, for 4 weeks or more: every review in the period on time (the first within 20 working days of coming into care, the second within 3 months of it, then every 6 months)",
        source: "Care Planning Regulations 2010 reg 33",
    },
    Indicator {
        name: "cla-3-or-more-placements",
        counts: "children looked after at the end of the period: 3 or more placements during it",
        source: "Children looked after in England: placement stability",
    },
    Indicator {
        name: "cla-long-term-stability",
        counts: "children under 16 looked after at the end of the period, continuously for 2.5 years or more: in the same placement for 2 years or more",
        source: "Children looked after in England: placement stability",
    },
];

const FIRST_REVIEW: Offset = Offset { n: 20, unit: Unit::WorkingDays, before: false };

/// The period's counts.
pub struct Tally<'a> {
    pub period: CensusYear,
    cal: &'a Calendar,
    count_event_day: bool,
    pub counts: [Count; 3],
}

/// A child's current period of care as the episodes show it: the run of
/// back-to-back episodes open at the end of the period.
#[derive(Debug, Default)]
struct Care {
    /// The run's first day: when care began if `entered`, else the earliest
    /// the data shows the child in care.
    since: NaiveDate,
    /// The run begins with coming into care (`S`).
    entered: bool,
    /// The start of each placement in the run.
    placement_starts: Vec<NaiveDate>,
    /// The current placement's start, where the data holds it.
    placement_since: Option<NaiveDate>,
    reviews: Vec<NaiveDate>,
}

impl<'a> Tally<'a> {
    pub fn new(as_of: NaiveDate, cal: &'a Calendar, count_event_day: bool) -> Tally<'a> {
        Tally { period: CensusYear::ending(as_of), cal, count_event_day, counts: [Count::default(); 3] }
    }

    /// Counts one child: one looked after at the end of the period, in the
    /// data's episodes (a child who has left is not counted).
    pub fn add(&mut self, case: &Case) {
        let end = self.period.end;
        let mut episodes: Vec<&CareEpisode> = case.care.iter().filter(|e| e.start <= end).collect();
        episodes.sort_by_key(|e| (e.start, e.end));
        // Looked after at the end: an episode open, or ending after it.
        let Some(current) = episodes.iter().rposition(|e| e.end.is_none_or(|x| x > end)) else { return };
        let mut first = current;
        while first > 0 && episodes[first - 1].end == Some(episodes[first].start) {
            first -= 1;
        }
        let run = &episodes[first..=current];
        let since = run[0].start;
        let placement_starts: Vec<NaiveDate> = run.iter().filter(|e| e.new_placement()).map(|e| e.start).collect();
        // A run of legal-status changes alone, begun before the data: the
        // placement is older than its first day.
        let placement_since = placement_starts.last().copied();
        let mut reviews: Vec<NaiveDate> = case
            .events
            .iter()
            .filter(|e| e.event == E::ClaReview && e.date >= since && e.date <= end)
            .map(|e| e.date)
            .collect();
        reviews.sort();
        reviews.dedup();
        let care = Care { since, entered: run[0].reason == "S", placement_starts, placement_since, reviews };
        self.reviews(&care);
        self.placements(&care);
        self.stability(&care, case.dob);
    }

    fn reviews(&mut self, care: &Care) {
        // Looked after for 4 weeks or more by the end of the period.
        let four_weeks_before = self.period.end - chrono::Days::new(28);
        if care.since > four_weeks_before {
            return;
        }
        match self.judge(care) {
            Judged::OnTime => self.counts[0].judged(true),
            Judged::Late => self.counts[0].judged(false),
            Judged::CannotTell => self.counts[0].apart[0] += 1,
        }
    }

    /// The reviews due in the period, held on time? From the entry into care
    /// when the data holds it (and, for an entry before the period, holds
    /// reviews from before the period too: a return may hold its year's
    /// reviews only); else from the earliest review it holds, whose place in
    /// the sequence (first or later) the data cannot tell.
    fn judge(&self, care: &Care) -> Judged {
        let (start, end) = (self.period.start, self.period.end);
        let history = care.since >= start || care.reviews.first().is_some_and(|r| *r < start);
        let entered = (care.entered && history).then_some(care.since);
        let six = |d: NaiveDate| d.checked_add_months(Months::new(6)).unwrap_or(NaiveDate::MAX);
        let three = |d: NaiveDate| d.checked_add_months(Months::new(3)).unwrap_or(NaiveDate::MAX);
        // (due at the earliest, due at the latest) of the next review.
        let (mut early, mut late, rest): (NaiveDate, NaiveDate, &[NaiveDate]) = match entered {
            Some(entered) => {
                let Ok(first) = FIRST_REVIEW.apply(self.cal, entered, self.count_event_day) else {
                    return Judged::CannotTell;
                };
                let Some((&r1, rest)) = care.reviews.split_first() else {
                    return if first < end { Judged::Late } else { Judged::OnTime };
                };
                if r1 > first && r1 >= start {
                    return Judged::Late;
                }
                (three(r1), three(r1), rest)
            }
            None => match care.reviews.split_first() {
                // The first review the data holds may be the child's first
                // (the next within 3 months) or a later one (6 months).
                Some((&r, rest)) => (three(r), six(r), rest),
                None => return Judged::CannotTell,
            },
        };
        let mut unsure = false;
        for &r in rest {
            if r > late {
                if r >= start {
                    return Judged::Late;
                }
            } else if r > early && r >= start {
                unsure = true;
            }
            (early, late) = (six(r), six(r));
        }
        if late < end {
            return Judged::Late;
        }
        if early < end {
            unsure = true;
        }
        if unsure { Judged::CannotTell } else { Judged::OnTime }
    }

    fn placements(&mut self, care: &Care) {
        let (start, end) = (self.period.start, self.period.end);
        let in_care_at_start = care.since < start;
        let moves = care.placement_starts.iter().filter(|d| **d >= start && **d <= end).count() as u64;
        self.counts[1].judged(u64::from(in_care_at_start) + moves >= 3);
    }

    fn stability(&mut self, care: &Care, dob: Option<NaiveDate>) {
        let end = self.period.end;
        let Some(dob) = dob else {
            self.counts[2].apart[0] += 1;
            return;
        };
        let sixteen = dob.checked_add_months(Months::new(16 * 12)).unwrap_or(NaiveDate::MAX);
        if end >= sixteen {
            return;
        }
        let back = |m: u32| end.checked_sub_months(Months::new(m)).unwrap_or(NaiveDate::MIN);
        if care.since > back(30) {
            // In care for less than 2.5 years, unless it began before the data.
            if !care.entered {
                self.counts[2].apart[1] += 1;
            }
            return;
        }
        match care.placement_since {
            Some(p) => self.counts[2].judged(p <= back(24)),
            // Legal-status changes alone since the data began: the placement
            // is older than that, and 2 years old if that is.
            None if care.since <= back(24) => self.counts[2].judged(true),
            None => self.counts[2].apart[2] += 1,
        }
    }

    pub fn figures(&self) -> Vec<Figure> {
        let period = format!("{} to {}", self.period.start, self.period.end);
        let notes: [[&str; 3]; 3] = [
            [
                "whose reviews the data cannot place (no entry into care in it, or a review between 3 and 6 months after one that may have been the first)",
                "",
                "",
            ],
            ["", "", ""],
            [
                "with no date of birth",
                "looked after for under 2.5 years as far as the data goes, which does not hold their entry into care",
                "whose current placement's start is not in the data",
            ],
        ];
        INDICATORS
            .iter()
            .zip(self.counts.iter().zip(notes))
            .map(|(indicator, (c, why))| Figure {
                period: period.clone(),
                indicator,
                numerator: c.numerator,
                denominator: c.denominator,
                not_counted: c.apart.iter().sum(),
                note: apart(&[(c.apart[0], why[0]), (c.apart[1], why[1]), (c.apart[2], why[2])]),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Region;
    use crate::model::events::Event;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A case from its events, its episodes of care made from them as the
    /// SSDA903 reader makes them (an entry `S`, a move `P`, back to back).
    fn case(dob: Option<&str>, events: &[(E, &str)]) -> Case {
        let events: Vec<Event> = events.iter().map(|(e, date)| Event::new(e.clone(), d(date), 1)).collect();
        let mut care: Vec<CareEpisode> = Vec::new();
        for e in &events {
            let reason = match e.event {
                E::BecameLookedAfter => "S",
                E::PlacementMove => "P",
                E::CeasedLookedAfter => {
                    if let Some(last) = care.last_mut() {
                        last.end = Some(e.date);
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some(last) = care.last_mut().filter(|l| l.end.is_none()) {
                last.end = Some(e.date);
            }
            care.push(CareEpisode { start: e.date, end: None, reason: reason.into() });
        }
        Case { dob: dob.map(d), events, care, ..Case::default() }
    }

    fn counts(cases: &[Case]) -> Vec<(u64, u64, u64)> {
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        let mut t = Tally::new(d("2026-03-31"), &cal, false);
        for c in cases {
            t.add(c);
        }
        t.figures().iter().map(|f| (f.numerator, f.denominator, f.not_counted)).collect()
    }

    #[test]
    fn reviews_on_time_and_late() {
        use E::*;
        // In care 1 June 2025: first review by 29 June (20 working days), the
        // second 3 months after it, the third 6 months after that.
        let on_time = case(
            Some("2015-01-01"),
            &[
                (BecameLookedAfter, "2025-06-01"),
                (ClaReview, "2025-06-20"),
                (ClaReview, "2025-09-15"),
                (ClaReview, "2026-03-01"),
            ],
        );
        let late_first = case(
            Some("2015-01-01"),
            &[(BecameLookedAfter, "2025-06-01"), (ClaReview, "2025-07-20"), (ClaReview, "2025-10-15")],
        );
        // Due 15 December (3 months after 15 September), none held by 31 March.
        let missing = case(Some("2015-01-01"), &[(BecameLookedAfter, "2025-06-01"), (ClaReview, "2025-06-20")]);
        // In care for under 4 weeks at the end: not counted.
        let new = case(Some("2015-01-01"), &[(BecameLookedAfter, "2026-03-20")]);
        // Ceased: not counted.
        let left = case(Some("2015-01-01"), &[(BecameLookedAfter, "2025-06-01"), (CeasedLookedAfter, "2025-08-01")]);
        let c = counts(&[on_time, late_first, missing, new, left]);
        assert_eq!(c[0], (1, 3, 0));
    }

    #[test]
    fn placements_and_stability() {
        use E::*;
        let three = case(
            Some("2015-01-01"),
            &[(BecameLookedAfter, "2024-01-01"), (PlacementMove, "2025-05-01"), (PlacementMove, "2025-09-01")],
        );
        let stable = case(Some("2015-01-01"), &[(BecameLookedAfter, "2022-01-01"), (PlacementMove, "2023-01-01")]);
        let moved = case(Some("2015-01-01"), &[(BecameLookedAfter, "2022-01-01"), (PlacementMove, "2024-06-01")]);
        let sixteen = case(Some("2009-01-01"), &[(BecameLookedAfter, "2022-01-01")]);
        let no_dob = case(None, &[(BecameLookedAfter, "2022-01-01")]);
        let c = counts(&[three, stable, moved, sixteen, no_dob]);
        assert_eq!(c[1], (1, 5, 0));
        assert_eq!(c[2], (1, 2, 1));
    }
}
