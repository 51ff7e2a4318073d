//! An obligation's status on a date (`due --as-of`): what became of it, and for
//! one still owed, whether it is overdue, due soon or open. Where the data
//! cannot fix the due date (no date of birth for an age rule, no history that
//! places a review), a status of its own between the earliest and the latest
//! date it could be due: `check-age` or `check-history`, never overdue or late.

use super::track::Outcome;
use super::{Cause, Unsure};
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
    /// The date of birth is missing, and the due date depends on age: past the
    /// earliest date it could be due, not past the latest.
    CheckAge,
    /// The data cannot tell which occurrence or stage the event was (a first
    /// review or a later one): past the earliest date it could be due, not past
    /// the latest.
    CheckHistory,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Overdue,
        Status::DueSoon,
        Status::Open,
        Status::Missed,
        Status::Met,
        Status::Late,
        Status::Untracked,
        Status::CheckAge,
        Status::CheckHistory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueSoon => "due-soon",
            Status::Open => "open",
            Status::Missed => "missed",
            Status::Met => "met",
            Status::Late => "late",
            Status::Untracked => "untracked",
            Status::CheckAge => Cause::Age.word(),
            Status::CheckHistory => Cause::History.word(),
        }
    }

    /// The status for what the data lacks.
    pub fn check(cause: Cause) -> Status {
        match cause {
            Cause::Age => Status::CheckAge,
            Cause::History => Status::CheckHistory,
        }
    }

    /// A status of its own because the data cannot fix the due date.
    pub fn is_check(self) -> bool {
        matches!(self, Status::CheckAge | Status::CheckHistory)
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
    /// still owed the calendar days left (negative when overdue). `unsure`:
    /// `due` is only the earliest date it could be; past it, it is overdue only
    /// once the latest date has passed too.
    pub fn classify(&self, outcome: Outcome, due: NaiveDate, unsure: Option<&Unsure>) -> (Status, Option<i64>) {
        let left = (due - self.date).num_days();
        match outcome {
            Outcome::Met(_) => (Status::Met, None),
            Outcome::Late(_) => (Status::Late, None),
            Outcome::Untracked => (Status::Untracked, None),
            Outcome::Missed(_) => (Status::Missed, None),
            Outcome::Check(cause, _) => (Status::check(cause), None),
            Outcome::Outstanding if due < self.date => match unsure {
                Some(u) if u.latest.is_none_or(|l| l >= self.date) => (Status::check(u.cause), None),
                _ => (Status::Overdue, Some(left)),
            },
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
        assert_eq!(a.classify(o, d("2026-12-17"), None), (Status::Overdue, Some(-1)));
        assert_eq!(a.classify(o, d("2026-12-18"), None), (Status::DueSoon, Some(0)));
        assert_eq!(a.classify(o, d("2026-12-29"), None), (Status::DueSoon, Some(11)));
        assert_eq!(a.classify(o, d("2026-12-30"), None), (Status::Open, Some(12)));
        // Done, undoable or unknowable: no days left, never overdue.
        assert_eq!(a.classify(Outcome::Missed(d("2026-06-01")), d("2026-05-01"), None), (Status::Missed, None));
        assert_eq!(a.classify(Outcome::Untracked, d("2026-05-01"), None), (Status::Untracked, None));
        assert_eq!(a.classify(Outcome::Late(d("2026-05-03")), d("2026-05-01"), None), (Status::Late, None));
        assert_eq!(a.classify(Outcome::Met(d("2026-05-01")), d("2026-05-01"), None), (Status::Met, None));
        assert!(Status::ALL.iter().filter(|s| s.is_owed()).count() == 3);
    }

    /// A date the data cannot fix: before the earliest it could be due, owed
    /// as usual; between the earliest and the latest, a status of its own;
    /// after the latest, overdue under every reading.
    #[test]
    fn a_date_the_data_cannot_fix_is_never_overdue_before_its_latest() {
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        let a = AsOf::new(d("2026-12-18"), &cal).unwrap();
        let o = Outcome::Outstanding;
        let unsure = |latest: Option<&str>| Unsure { cause: Cause::Age, latest: latest.map(d), note: "".into() };
        let u = unsure(Some("2026-12-18"));
        assert_eq!(a.classify(o, d("2026-12-17"), Some(&u)), (Status::CheckAge, None));
        assert_eq!(a.classify(o, d("2026-12-18"), Some(&u)), (Status::DueSoon, Some(0)));
        let u = unsure(Some("2026-12-17"));
        assert_eq!(a.classify(o, d("2026-12-10"), Some(&u)), (Status::Overdue, Some(-8)));
        // Not owed at all under some reading: never overdue.
        let u = unsure(None);
        assert_eq!(a.classify(o, d("2016-12-10"), Some(&u)), (Status::CheckAge, None));
        let h = Unsure { cause: Cause::History, latest: None, note: "".into() };
        assert_eq!(a.classify(o, d("2026-12-10"), Some(&h)), (Status::CheckHistory, None));
        let done = Outcome::Check(Cause::History, Some(d("2026-12-01")));
        assert_eq!(a.classify(done, d("2026-11-20"), None), (Status::CheckHistory, None));
        assert!(Status::ALL.iter().all(|s| !(s.is_check() && s.is_owed())));
    }
}
