//! The children in need timeliness indicators, counted from the CIN census a
//! child at a time (streaming: only the counts are held). The period is the
//! census year, up to the as-of date: nothing after it counts.
//!
//! Working days are counted as `due` counts them (the start day is not day
//! 1), or as the DfE counts them with `count_event_day`.

use super::{Figure, Indicator, Judged, apart};
use crate::calendar::Calendar;
use crate::calendar::offset::{Offset, Unit};
use crate::model::census::{CensusYear, Child, CpPlan};
use chrono::{Months, NaiveDate};

/// The census indicators, in the order they are printed.
pub static INDICATORS: [Indicator; 6] = [
    Indicator {
        name: "assessments-within-45-working-days",
        counts: "assessments authorised in the period: authorised within 45 working days of their start",
        source: "CIN census guide: assessments",
    },
    Indicator {
        name: "icpc-within-15-working-days",
        counts: "initial child protection conferences held in the period: within 15 working days of the start of the section 47 enquiry",
        source: "CIN census guide: section 47 enquiries and ICPCs",
    },
    Indicator {
        name: "cp-reviews-on-time",
        counts: "child protection plans open at least 3 months in the period (to its end, or to the plan's end): every review held on time, the first within 3 months of the plan's start, then every 6 months",
        source: "CIN census guide: child protection plans and reviews",
    },
    Indicator {
        name: "cp-plans-lasting-2-years",
        counts: "child protection plans that ended in the period: lasted 2 years or more",
        source: "CIN census guide: child protection plans and reviews",
    },
    Indicator {
        name: "cp-plans-second-or-later",
        counts: "child protection plans that started in the period: the child's second or later plan",
        source: "CIN census guide: child protection plans and reviews",
    },
    Indicator {
        name: "re-referrals-within-12-months",
        counts: "referrals in the period: within 12 months of a previous referral of the same child",
        source: "CIN census guide: referrals",
    },
];

const WITHIN_45: Offset = Offset { n: 45, unit: Unit::WorkingDays, before: false };
const WITHIN_15: Offset = Offset { n: 15, unit: Unit::WorkingDays, before: false };

/// A count being made: numerator, denominator, and what cannot be judged, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub numerator: u64,
    pub denominator: u64,
    pub apart: [u64; 3],
}

impl Count {
    pub(super) fn judged(&mut self, yes: bool) {
        self.denominator += 1;
        self.numerator += u64::from(yes);
    }
}

/// The census year's counts.
pub struct Tally<'a> {
    pub year: CensusYear,
    /// The last day that counts: the census's end, or an earlier as-of date.
    pub end: NaiveDate,
    cal: &'a Calendar,
    count_event_day: bool,
    pub counts: [Count; 6],
}

impl<'a> Tally<'a> {
    pub fn new(year: CensusYear, as_of: NaiveDate, cal: &'a Calendar, count_event_day: bool) -> Tally<'a> {
        Tally { year, end: as_of.min(year.end), cal, count_event_day, counts: [Count::default(); 6] }
    }

    fn in_period(&self, d: NaiveDate) -> bool {
        self.year.start <= d && d <= self.end
    }

    fn within(&self, offset: Offset, from: NaiveDate, on: NaiveDate) -> Option<bool> {
        offset.apply(self.cal, from, self.count_event_day).ok().map(|by| on <= by)
    }

    /// Counts one child.
    pub fn add(&mut self, child: &Child) {
        self.assessments(child);
        self.conferences(child);
        // A plan listed twice (the same start) is one plan.
        let mut plans: Vec<&CpPlan> = Vec::new();
        for p in child.episodes.iter().flat_map(|e| &e.cp_plans) {
            if p.start.is_none() || !plans.iter().any(|q| q.start.map(|d| d.date) == p.start.map(|d| d.date)) {
                plans.push(p);
            }
        }
        for p in &plans {
            self.reviews(p);
            self.lasted(p);
            self.repeat(p, &plans);
        }
        self.re_referrals(child);
    }

    fn assessments(&mut self, child: &Child) {
        for a in child.episodes.iter().flat_map(|e| &e.assessments) {
            let Some(done) = a.authorised.filter(|d| self.in_period(d.date)) else { continue };
            let c = &mut self.counts[0];
            match a.start {
                None => c.apart[0] += 1,
                Some(s) if s.date > done.date => c.apart[1] += 1,
                Some(s) => match self.within(WITHIN_45, s.date, done.date) {
                    Some(yes) => self.counts[0].judged(yes),
                    None => self.counts[0].apart[1] += 1,
                },
            }
        }
    }

    /// Each conference once a day per episode: an enquiry's (judged from its
    /// start), or one the episode lists with no enquiry (counted apart).
    fn conferences(&mut self, child: &Child) {
        for e in &child.episodes {
            let mut days: Vec<NaiveDate> = e.section47s.iter().filter_map(|s| s.icpc.map(|d| d.date)).collect();
            days.extend(e.icpc.map(|d| d.date));
            days.sort();
            days.dedup();
            days.retain(|d| self.in_period(*d));
            for day in days {
                // The enquiry that led to it: the latest started by that day.
                let start = e
                    .section47s
                    .iter()
                    .filter(|s| s.icpc.is_some_and(|i| i.date == day))
                    .filter_map(|s| s.start.map(|d| d.date))
                    .filter(|s| *s <= day)
                    .max();
                let bad_order = e
                    .section47s
                    .iter()
                    .any(|s| s.icpc.is_some_and(|i| i.date == day) && s.start.is_some_and(|st| st.date > day));
                match start {
                    Some(s) => match self.within(WITHIN_15, s, day) {
                        Some(yes) => self.counts[1].judged(yes),
                        None => self.counts[1].apart[1] += 1,
                    },
                    None if bad_order => self.counts[1].apart[1] += 1,
                    None => self.counts[1].apart[0] += 1,
                }
            }
        }
    }

    fn reviews(&mut self, p: &CpPlan) {
        let Some(start) = p.start.map(|d| d.date) else {
            if p.end.is_none_or(|e| self.in_period(e.date)) {
                self.counts[2].apart[0] += 1;
            }
            return;
        };
        let span_end = p.end.map_or(self.end, |e| e.date.min(self.end));
        if span_end < self.year.start || start > self.end || span_end < add_months(start, 3) {
            return;
        }
        let mut reviews: Vec<NaiveDate> =
            p.reviews.iter().map(|r| r.date).filter(|r| *r >= start && *r <= span_end).collect();
        reviews.sort();
        reviews.dedup();
        match judge_reviews(start, &reviews, span_end, self.year.start) {
            Judged::OnTime => self.counts[2].judged(true),
            Judged::Late => self.counts[2].judged(false),
            Judged::CannotTell => self.counts[2].apart[1] += 1,
        }
    }

    fn lasted(&mut self, p: &CpPlan) {
        let Some(end) = p.end.filter(|e| self.in_period(e.date)) else { return };
        match p.start {
            Some(s) if s.date <= end.date => self.counts[3].judged(end.date >= add_months(s.date, 24)),
            Some(_) => self.counts[3].apart[1] += 1,
            None => self.counts[3].apart[0] += 1,
        }
    }

    fn repeat(&mut self, p: &CpPlan, all: &[&CpPlan]) {
        let Some(start) = p.start.filter(|s| self.in_period(s.date)) else { return };
        let earlier = all.iter().any(|o| o.start.is_some_and(|s| s.date < start.date));
        match (p.previous, earlier) {
            (Some(n), _) if n > 0 => self.counts[4].judged(true),
            (_, true) => self.counts[4].judged(true),
            (Some(_), false) => self.counts[4].judged(false),
            (None, false) => self.counts[4].apart[0] += 1,
        }
    }

    fn re_referrals(&mut self, child: &Child) {
        let referrals: Vec<NaiveDate> = child.episodes.iter().filter_map(|e| e.referral.map(|r| r.date)).collect();
        let in_period: Vec<NaiveDate> = referrals.iter().copied().filter(|r| self.in_period(*r)).collect();
        for r in in_period {
            let year_before = r.checked_sub_months(Months::new(12)).unwrap_or(r);
            let again = referrals.iter().any(|&p| p < r && p >= year_before);
            self.counts[5].judged(again);
        }
    }

    /// The figures, one per indicator.
    pub fn figures(&self) -> Vec<Figure> {
        let period = self.year.label();
        let notes: [[&str; 3]; 6] = [
            ["with no start date", "that start after they were authorised", ""],
            ["with no section 47 start in their episode", "held before their enquiry started", ""],
            ["with no start date", "whose reviews before the census year are not in the file", ""],
            ["with no start date", "that end before they start", ""],
            ["with no NumberOfPreviousCPP and no earlier plan in the file", "", ""],
            ["", "", ""],
        ];
        INDICATORS
            .iter()
            .zip(self.counts.iter().zip(notes))
            .enumerate()
            .map(|(i, (indicator, (c, why)))| {
                let mut note = apart(&[(c.apart[0], why[0]), (c.apart[1], why[1]), (c.apart[2], why[2])]);
                if i == 5 {
                    note = format!(
                        "at least: an earlier referral whose episode closed before {} is not in the census",
                        self.year.start
                    );
                }
                if self.end < self.year.end {
                    let cut = format!("to {} (the as-of date)", self.end);
                    note = if note.is_empty() { cut } else { format!("{cut}; {note}") };
                }
                Figure {
                    period: period.clone(),
                    indicator,
                    numerator: c.numerator,
                    denominator: c.denominator,
                    not_counted: c.apart.iter().sum(),
                    note,
                }
            })
            .collect()
    }
}

fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(NaiveDate::MAX)
}

/// A plan's reviews judged: the first within 3 months of the start, each
/// next within 6 months of the last, up to `span_end` (the plan's end, or the
/// end of the period). A plan that began before the census year (`data_from`)
/// has its earlier reviews outside the file: its first listed review is on
/// time for sure only by 3 months after the start, late for sure only after
/// 6 months from the day before the year began; between, the file cannot tell.
pub fn judge_reviews(start: NaiveDate, reviews: &[NaiveDate], span_end: NaiveDate, data_from: NaiveDate) -> Judged {
    let first_due = add_months(start, 3);
    let mut first = Judged::OnTime;
    let mut due = first_due;
    let mut rest = reviews;
    if start < data_from {
        let latest_due = add_months(data_from.pred_opt().unwrap_or(data_from), 6);
        match reviews.first() {
            Some(&f) => {
                first = if f <= first_due {
                    Judged::OnTime
                } else if f > latest_due {
                    Judged::Late
                } else {
                    Judged::CannotTell
                };
                due = add_months(f, 6);
                rest = &reviews[1..];
            }
            None if span_end > latest_due => return Judged::Late,
            None if span_end <= first_due => return Judged::OnTime,
            None => return Judged::CannotTell,
        }
    }
    if first == Judged::Late {
        return Judged::Late;
    }
    for &r in rest {
        if r > due {
            return Judged::Late;
        }
        due = add_months(r, 6);
    }
    if due < span_end {
        return Judged::Late;
    }
    first
}

#[cfg(test)]
mod tests;
