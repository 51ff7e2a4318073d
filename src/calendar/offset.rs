//! Offsets as timescales are written (docs/due.md, docs/reference/conventions.md): `N working days`, `N days`,
//! `N weeks`, `N months`, singular forms too, with a leading `-` for "before".
//!
//! - "N working days" after X is the N-th working day strictly after X: X itself
//!   never counts, whatever day it is, as English law counts a period from an
//!   event. With the DfE CIN-census validator's convention (`count_event_day`), X
//!   is day 1 when it is a working day, so the result is one working day earlier;
//!   on a weekend or bank holiday the working day before X is day 1, as the
//!   validator counts. Backwards ("N working days before"), which the validator
//!   has no rule for, the flag counts X as day 1 when it is a working day.
//! - "N days" are calendar days; "N weeks" are 7N days.
//! - "N months" is the same day number N months on, clamped to the month's last
//!   day (31 January + 1 month = 28 or 29 February).

use super::{Calendar, OutOfRange};
use chrono::{Days, Months, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    WorkingDays,
    Days,
    Weeks,
    Months,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset {
    pub n: u32,
    pub unit: Unit,
    /// "Before" the date (a leading `-`).
    pub before: bool,
}

impl Offset {
    pub fn parse(text: &str) -> Result<Offset, String> {
        let hint =
            "write an offset as 'N working days', 'N days', 'N weeks' or 'N months', with '-' in front for before";
        let t = text.trim();
        // "N days before" is the same as "-N days".
        let (t_core, before_word) = match t.to_ascii_lowercase().strip_suffix(" before") {
            Some(_) => (t[..t.len() - " before".len()].trim_end(), true),
            None => (t, false),
        };
        let (before, rest) = match t_core.strip_prefix('-') {
            Some(r) if !before_word => (true, r.trim_start()),
            Some(_) => return Err(format!("'{t}' says before twice; {hint}")),
            None => (before_word, t_core.strip_prefix('+').unwrap_or(t_core).trim_start()),
        };
        let (num, unit) =
            rest.split_once(char::is_whitespace).ok_or_else(|| format!("'{t}' is not an offset; {hint}"))?;
        let n: u32 = num.parse().map_err(|_| format!("'{t}': '{num}' is not a whole number; {hint}"))?;
        if n > 100_000 {
            return Err(format!("'{t}': {n} is too large an offset"));
        }
        let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
        let unit = match unit.as_str() {
            "working day" | "working days" => Unit::WorkingDays,
            "day" | "days" => Unit::Days,
            "week" | "weeks" => Unit::Weeks,
            "month" | "months" => Unit::Months,
            _ => return Err(format!("'{t}': '{unit}' is not a unit; {hint}")),
        };
        Ok(Offset { n, unit, before })
    }

    /// The date this offset from `from` falls on.
    pub fn apply(&self, cal: &Calendar, from: NaiveDate, count_event_day: bool) -> Result<NaiveDate, OutOfRange> {
        let out_of_range = || OutOfRange(from);
        let result = match self.unit {
            Unit::Days | Unit::Weeks => {
                let days = Days::new(u64::from(self.n) * if self.unit == Unit::Weeks { 7 } else { 1 });
                if self.before { from.checked_sub_days(days) } else { from.checked_add_days(days) }
                    .ok_or_else(out_of_range)?
            }
            Unit::Months => {
                let m = Months::new(self.n);
                if self.before { from.checked_sub_months(m) } else { from.checked_add_months(m) }
                    .ok_or_else(out_of_range)?
            }
            Unit::WorkingDays if count_event_day && !self.before && self.n > 0 => {
                // The DfE CIN census validator: the event day, or on a weekend or
                // bank holiday the working day before it, is day 1 (its
                // busday_offset(roll back to a working day, N - 1)).
                cal.check(from)?;
                let day1 = cal.roll(from, super::Roll::Back);
                if self.n == 1 { day1 } else { cal.working_days_after(day1, self.n - 1)? }
            }
            Unit::WorkingDays => {
                cal.check(from)?;
                let mut n = self.n;
                if count_event_day && n > 0 && cal.is_working_day(from) {
                    // The event day is day 1.
                    n -= 1;
                }
                match (n, self.before) {
                    (0, _) => from,
                    (n, false) => cal.working_days_after(from, n)?,
                    (n, true) => cal.working_days_before(from, n)?,
                }
            }
        };
        Ok(result)
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.n == 1) {
            (Unit::WorkingDays, true) => "working day",
            (Unit::WorkingDays, false) => "working days",
            (Unit::Days, true) => "day",
            (Unit::Days, false) => "days",
            (Unit::Weeks, true) => "week",
            (Unit::Weeks, false) => "weeks",
            (Unit::Months, true) => "month",
            (Unit::Months, false) => "months",
        };
        write!(f, "{}{} {unit}", if self.before { "-" } else { "" }, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Region;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> Calendar {
        Calendar::new(Region::EnglandAndWales, Default::default())
    }

    fn at(from: &str, off: &str) -> String {
        Offset::parse(off).unwrap().apply(&cal(), d(from), false).unwrap().to_string()
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(Offset::parse("15 working days").unwrap(), Offset { n: 15, unit: Unit::WorkingDays, before: false });
        assert_eq!(Offset::parse("-3 Working Day").unwrap(), Offset { n: 3, unit: Unit::WorkingDays, before: true });
        assert_eq!(Offset::parse(" 1 week ").unwrap().unit, Unit::Weeks);
        assert_eq!(Offset::parse("- 2 months").unwrap(), Offset { n: 2, unit: Unit::Months, before: true });
        assert!(Offset::parse("15 fortnights").is_err());
        assert!(Offset::parse("fifteen days").is_err());
        assert!(Offset::parse("15").is_err());
        assert_eq!(Offset::parse("-1 working days").unwrap().to_string(), "-1 working day");
        assert_eq!(Offset::parse("2 weeks before").unwrap(), Offset { n: 2, unit: Unit::Weeks, before: true });
        assert!(Offset::parse("-2 weeks before").is_err());
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Friday 20 Nov 2026 + 15 working days: no holidays in between.
        assert_eq!(at("2026-11-20", "15 working days"), "2026-12-11");
        // Across Christmas 2026 (25th Fri, Boxing Day substitute Mon 28th).
        assert_eq!(at("2026-12-24", "1 working day"), "2026-12-29");
        // The event day never counts, even on a Saturday.
        assert_eq!(at("2026-11-21", "1 working day"), "2026-11-23");
        // Backwards across Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
        assert_eq!(at("2026-04-07", "-1 working day"), "2026-04-02");
        assert_eq!(at("2026-11-20", "0 working days"), "2026-11-20");
    }

    #[test]
    fn count_event_day_is_one_earlier_on_a_working_day() {
        let o = Offset::parse("15 working days").unwrap();
        assert_eq!(o.apply(&cal(), d("2026-11-20"), true).unwrap(), d("2026-12-10"));
        // On a Saturday the Friday before is day 1, as the CIN validator counts:
        // the same day as from that Friday, one working day before the default.
        assert_eq!(o.apply(&cal(), d("2026-11-21"), true).unwrap(), d("2026-12-10"));
        assert_eq!(o.apply(&cal(), d("2026-11-21"), false).unwrap(), d("2026-12-11"));
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(at("2026-01-31", "1 month"), "2026-02-28");
        assert_eq!(at("2028-01-31", "1 month"), "2028-02-29");
        assert_eq!(at("2026-03-31", "-1 month"), "2026-02-28");
        assert_eq!(at("2026-11-22", "6 weeks"), "2027-01-03");
        assert_eq!(at("2026-11-22", "-7 days"), "2026-11-15");
    }
}
