//! The timeliness indicators councils publish, and the authority's own target
//! dates checked against the law. Pure: records in, figures out; the calendar
//! and the as-of date are arguments.
//!
//! - [`cin`]: from the CIN census, per census year: assessments authorised
//!   within 45 working days of their start, initial conferences within 15
//!   working days of the section 47 enquiry's start, child protection reviews
//!   on time, plans that lasted two years or more, repeat plans, re-referrals
//!   within 12 months.
//! - [`cla`]: from the SSDA903 looked-after return, as `due` reads it: CLA
//!   reviews on time, three or more placements in the year, long-term
//!   placement stability.
//! - [`target`]: each enquiry's `InitialCPCtarget` against 15 working days
//!   after its start.
//!
//! Each figure keeps its numerator and denominator, and what the data cannot
//! judge is counted apart (`not_counted`), never dropped and never guessed.
//! The definitions, in words, are in `docs/indicators.md`.

pub mod cin;
pub mod cla;
pub mod target;

pub use cin::Count;

/// An indicator: its name in the output, what it counts, and its source (the
/// short title of `docs/sources.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub name: &'static str,
    pub counts: &'static str,
    pub source: &'static str,
}

/// One indicator's figure for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub period: String,
    pub indicator: &'static Indicator,
    pub numerator: u64,
    pub denominator: u64,
    /// Records the data cannot judge, outside the denominator.
    pub not_counted: u64,
    /// What `not_counted` holds, and any bound on the figure.
    pub note: String,
}

impl Figure {
    /// The percentage in tenths, rounded half up (as `report`'s figures):
    /// `None` with no denominator.
    pub fn percent_tenths(&self) -> Option<i64> {
        (self.denominator > 0).then(|| ((self.numerator * 2000 + self.denominator) / (2 * self.denominator)) as i64)
    }

    /// The 95% Wilson interval, in tenths of a percent.
    pub fn interval_tenths(&self) -> Option<(i64, i64)> {
        crate::stats::wilson(self.numerator, self.denominator)
            .map(|(l, h)| (crate::stats::tenths(l), crate::stats::tenths(h)))
    }
}

/// The output's columns.
pub const COLUMNS: [&str; 10] = [
    "period",
    "indicator",
    "numerator",
    "denominator",
    "percent",
    "ci_low",
    "ci_high",
    "not_counted",
    "note",
    "source",
];

/// What a count of records cannot tell, in a note: "3 with no S47 start".
pub(crate) fn apart(parts: &[(u64, &str)]) -> String {
    parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect::<Vec<_>>().join("; ")
}

/// One review chain judged: every review due by the end of the span held on
/// time, one late (or missing), or the data cannot tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    OnTime,
    Late,
    CannotTell,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_intervals_in_tenths() {
        static I: Indicator = Indicator { name: "x", counts: "", source: "" };
        let f = |n, d| Figure {
            period: String::new(),
            indicator: &I,
            numerator: n,
            denominator: d,
            not_counted: 0,
            note: String::new(),
        };
        assert_eq!(f(1, 3).percent_tenths(), Some(333));
        assert_eq!(f(2, 3).percent_tenths(), Some(667));
        assert_eq!(f(0, 0).percent_tenths(), None);
        assert_eq!(f(81, 263).interval_tenths(), Some((255, 366)));
        assert_eq!(f(0, 20).interval_tenths(), Some((0, 161)));
        assert_eq!(apart(&[(0, "a"), (2, "b"), (1, "c")]), "2 b; 1 c");
    }
}
