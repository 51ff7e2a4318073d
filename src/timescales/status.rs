//! An obligation's status on a date (`due --as-of`): what became of it, and for
//! one still owed, whether it is overdue, due soon or open.

use super::track::Outcome;
use crate::calendar::offset::{Offset, Unit};
use crate::calendar::{Calendar, OutOfRange};
use chrono::NaiveDate;

/// An open obligation due within this many working days of the as-of date is
/// due soon.
pub const DUE_SOON: Offset = Offset { n: 5, unit: Unit::WorkingDays, before: false };

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Status {
    /// Still owed, and its due date has passed.
    Overdue,
    /// Still owed, due within 5 working days.
    DueSoon,
    /// Still owed, due later.
    Open,
    /// Never done; its chain ended (care, the plan or the case), so nobody can now do it.
    Missed,
    Met,
    Late,
    /// The data cannot say whether it was done.
    Untracked,
}

impl Status {
    pub const ALL: [Status; 7] =
        [Status::Overdue, Status::DueSoon, Status::Open, Status::Missed, Status::Met, Status::Late, Status::Untracked];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::Open => "open",
            Status::Missed => "missed",
            Status::Met => "met",
            Status::Late => "late",
            Status::Untracked => "untracked",
        }
    }

    /// Still owed: overdue, due soon or open.
    pub fn is_owed(self) -> bool {
        matches!(self, Status::Overdue | Status::DueSoon | Status::Open)
    }
}

/// Classifies obligations as of one date.
#[derive(Debug, Clone, Copy)]
pub struct AsOf {
    pub date: NaiveDate,
    /// The last day that counts as due soon.
    pub soon: NaiveDate,
}

impl AsOf {
    pub fn new(date: NaiveDate, cal: &Calendar) -> Result<AsOf, OutOfRange> {
        Ok(AsOf { date, soon: DUE_SOON.apply(cal, date, false)? })
    }

    /// The status of an obligation due on `due` with this outcome, and for one
    /// still owed the calendar days left (negative when overdue).
    pub fn classify(&self, outcome: Outcome, due: NaiveDate) -> (Status, Option<i64>) {
        let left = (due - self.date).num_days();
        match outcome {
            Outcome::Met(_) => (Status::Met, None),
            Outcome::Late(_) => (Status::Late, None),
            Outcome::Untracked => (Status::Untracked, None),
            Outcome::Missed(_) => (Status::Missed, None),
            Outcome::Outstanding if due < self.date => (Status::Overdue, Some(left)),
            Outcome::Outstanding if due <= self.soon => (Status::DueSoon, Some(left)),
            Outcome::Outstanding => (Status::Open, Some(left)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Region;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn owed_obligations_by_their_due_date() {
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        // Friday 18 December 2026: the fifth working day after it is Tuesday 29
        // December (21, 22, 23, 24, then Christmas and the Boxing Day substitute).
        let a = AsOf::new(d("2026-12-18"), &cal).unwrap();
        assert_eq!(a.soon, d("2026-12-29"));
        let o = Outcome::Outstanding;
        assert_eq!(a.classify(o, d("2026-12-17")), (Status::Overdue, Some(-1)));
        assert_eq!(a.classify(o, d("2026-12-18")), (Status::DueSoon, Some(0)));
        assert_eq!(a.classify(o, d("2026-12-29")), (Status::DueSoon, Some(11)));
        assert_eq!(a.classify(o, d("2026-12-30")), (Status::Open, Some(12)));
        // Done, undoable or unknowable: no days left, never overdue.
        assert_eq!(a.classify(Outcome::Missed(d("2026-06-01")), d("2026-05-01")), (Status::Missed, None));
        assert_eq!(a.classify(Outcome::Untracked, d("2026-05-01")), (Status::Untracked, None));
        assert_eq!(a.classify(Outcome::Late(d("2026-05-03")), d("2026-05-01")), (Status::Late, None));
        assert_eq!(a.classify(Outcome::Met(d("2026-05-01")), d("2026-05-01")), (Status::Met, None));
        assert!(Status::ALL.iter().filter(|s| s.is_owed()).count() == 3);
    }
}
