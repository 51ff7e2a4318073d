//! Bank holidays and working days (docs/due.md).
//!
//! Holidays are computed for any year from the rules — fixed dates with their
//! substitute days, Easter by the Gregorian computus, first and last Mondays — plus
//! every one-off change since 1995. Working days are Monday to Friday, less the
//! region's bank holidays and any local closures.

pub mod dates;
pub mod offset;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;

/// The first and last years modelled. The May Day holiday began in 1978; before
/// that the rules differ.
pub const FIRST_YEAR: i32 = 1978;
pub const LAST_YEAR: i32 = 2200;

/// 1 January [`FIRST_YEAR`] as days from 1 January of year 1 (which is day 1):
/// the calendar's day 0.
const FIRST_DAY: i32 = 722_085;

/// Whether an event on `d` can be tracked: inside the calendar with a year to
/// spare for the obligations it starts. Exports hold placeholders such as
/// 1900-01-01 for unknown dates; the adapters read those as missing.
pub fn trackable(d: chrono::NaiveDate) -> Result<(), String> {
    use chrono::Datelike;
    if (FIRST_YEAR..LAST_YEAR).contains(&d.year()) {
        Ok(())
    } else {
        Err(format!("{d} is outside the years {FIRST_YEAR}–{} that deadlines can be worked out for", LAST_YEAR - 1))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Region {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// Which way a date that must fall on a working day moves when it does not: a
/// timetable's "by the 5th" means by the last working day on or before the 5th
/// (`Back`); a policy may choose the next working day on or after it (`Forward`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Roll {
    #[default]
    Back,
    Forward,
}

/// One bank holiday (or local closure) with the name gov.uk gives it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

/// Easter Sunday (anonymous Gregorian algorithm; Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).expect("every month has a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .unwrap_or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4).expect("four Mondays"))
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Adds `days` of fixed-date holidays, each moved to the next weekday that is not
/// already taken when it falls at a weekend (the substitute day), in order.
fn fixed_with_substitutes(out: &mut Vec<Holiday>, days: &[(NaiveDate, &str)]) {
    let mut taken: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).filter(|d| !is_weekend(*d)).collect();
    for &(d, name) in days {
        if !is_weekend(d) {
            out.push(Holiday { date: d, name: name.to_string() });
            continue;
        }
        let mut s = d;
        while is_weekend(s) || taken.contains(&s) {
            s = s + Days::new(1);
        }
        taken.push(s);
        out.push(Holiday { date: s, name: format!("{name} (substitute day)") });
    }
}

/// The region's bank holidays in `year`, in date order.
pub fn bank_holidays(region: Region, year: i32) -> Vec<Holiday> {
    let mut out = Vec::new();
    let h = |out: &mut Vec<Holiday>, date: NaiveDate, name: &str| out.push(Holiday { date, name: name.to_string() });

    // New Year (and 2 January in Scotland), with substitutes.
    match region {
        Region::Scotland => {
            fixed_with_substitutes(&mut out, &[(ymd(year, 1, 1), "New Year’s Day"), (ymd(year, 1, 2), "2nd January")])
        }
        _ => fixed_with_substitutes(&mut out, &[(ymd(year, 1, 1), "New Year’s Day")]),
    }
    if region == Region::NorthernIreland {
        fixed_with_substitutes(&mut out, &[(ymd(year, 3, 17), "St Patrick’s Day")]);
    }
    let easter = easter_sunday(year);
    h(&mut out, easter - Days::new(2), "Good Friday");
    if region != Region::Scotland {
        h(&mut out, easter + Days::new(1), "Easter Monday");
    }
    // Early May: first Monday of May; moved to VE Day for its 50th and 75th anniversaries.
    let early_may = match year {
        1995 => ymd(1995, 5, 8),
        2020 => ymd(2020, 5, 8),
        _ => first_monday(year, 5),
    };
    h(&mut out, early_may, "Early May bank holiday");
    // Spring: last Monday of May; moved for the Golden, Diamond and Platinum Jubilees.
    match year {
        2002 => {
            h(&mut out, ymd(2002, 6, 3), "Golden Jubilee bank holiday");
            h(&mut out, ymd(2002, 6, 4), "Spring bank holiday");
        }
        2012 => {
            h(&mut out, ymd(2012, 6, 4), "Spring bank holiday");
            h(&mut out, ymd(2012, 6, 5), "Queen’s Diamond Jubilee");
        }
        2022 => {
            h(&mut out, ymd(2022, 6, 2), "Spring bank holiday");
            h(&mut out, ymd(2022, 6, 3), "Platinum Jubilee bank holiday");
        }
        _ => h(&mut out, last_monday(year, 5), "Spring bank holiday"),
    }
    if region == Region::NorthernIreland {
        fixed_with_substitutes(&mut out, &[(ymd(year, 7, 12), "Battle of the Boyne (Orangemen’s Day)")]);
    }
    match region {
        Region::Scotland => h(&mut out, first_monday(year, 8), "Summer bank holiday"),
        _ => h(&mut out, last_monday(year, 8), "Summer bank holiday"),
    }
    // Scotland's one-off: Monday 15 June 2026, for Scotland's first match at the
    // FIFA World Cup (Scottish Government).
    if region == Region::Scotland && year == 2026 {
        h(&mut out, ymd(2026, 6, 15), "FIFA World Cup bank holiday");
    }
    // St Andrew's Day Bank Holiday (Scotland) Act 2007 (Royal Assent January 2007).
    if region == Region::Scotland && year >= 2007 {
        fixed_with_substitutes(&mut out, &[(ymd(year, 11, 30), "St Andrew’s Day")]);
    }
    fixed_with_substitutes(&mut out, &[(ymd(year, 12, 25), "Christmas Day"), (ymd(year, 12, 26), "Boxing Day")]);
    // One-off UK-wide holidays.
    for (date, name) in [
        (ymd(1999, 12, 31), "Millennium Celebrations"),
        (ymd(2011, 4, 29), "Royal wedding"),
        (ymd(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        (ymd(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ] {
        if date.year() == year {
            h(&mut out, date, name);
        }
    }
    out.sort();
    out
}

/// Working days for one region, with local closures.
#[derive(Debug, Clone)]
pub struct Calendar {
    pub region: Region,
    closures: BTreeMap<NaiveDate, String>,
    /// For each day since 1 January FIRST_YEAR, how many working days fall on or
    /// before it; and the day numbers of the working days. Together they make
    /// "the N-th working day after X" a lookup, not a walk.
    worked_through: Vec<u32>,
    working_days: Vec<u32>,
}

/// A date the calendar does not model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0} is outside the years {FIRST_YEAR}–{LAST_YEAR} that the bank-holiday calendar covers")]
pub struct OutOfRange(pub NaiveDate);

impl Calendar {
    pub fn new(region: Region, closures: BTreeMap<NaiveDate, String>) -> Calendar {
        let mut days_off: Vec<NaiveDate> =
            (FIRST_YEAR..=LAST_YEAR).flat_map(|y| bank_holidays(region, y)).map(|h| h.date).collect();
        days_off.extend(closures.keys().copied());
        days_off.sort_unstable();
        days_off.dedup();
        let start = ymd(FIRST_YEAR, 1, 1);
        let days = (ymd(LAST_YEAR, 12, 31) - start).num_days() as u32 + 1;
        let mut worked_through = Vec::with_capacity(days as usize);
        let mut working_days = Vec::new();
        let mut off = days_off.iter().peekable();
        for k in 0..days {
            let d = start + Days::new(u64::from(k));
            while off.peek().is_some_and(|&&o| o < d) {
                off.next();
            }
            if !is_weekend(d) && off.peek() != Some(&&d) {
                working_days.push(k);
            }
            worked_through.push(working_days.len() as u32);
        }
        Calendar { region, closures, worked_through, working_days }
    }

    fn day_number(&self, d: NaiveDate) -> Result<u32, OutOfRange> {
        self.check(d)?;
        Ok((d.num_days_from_ce() - FIRST_DAY) as u32)
    }

    fn date_of(&self, k: u32) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(FIRST_DAY + k as i32).expect("a day the calendar covers")
    }

    /// The `n`-th working day strictly after `from` (n ≥ 1).
    pub fn working_days_after(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, OutOfRange> {
        let through = self.worked_through[self.day_number(from)? as usize] as usize;
        match self.working_days.get(through + n as usize - 1) {
            Some(&k) => Ok(self.date_of(k)),
            None => Err(OutOfRange(from)),
        }
    }

    /// The `n`-th working day strictly before `from` (n ≥ 1).
    pub fn working_days_before(&self, from: NaiveDate, n: u32) -> Result<NaiveDate, OutOfRange> {
        let k = self.day_number(from)? as usize;
        let before = self.worked_through[k] as usize - usize::from(self.is_working_day(from));
        match before.checked_sub(n as usize) {
            Some(i) => Ok(self.date_of(self.working_days[i])),
            None => Err(OutOfRange(from)),
        }
    }

    pub fn check(&self, d: NaiveDate) -> Result<(), OutOfRange> {
        if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) { Ok(()) } else { Err(OutOfRange(d)) }
    }

    /// Monday to Friday, not a bank holiday, not a closure. Outside the years
    /// covered no holidays are known, so only weekends are days off there.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.day_number(d) {
            // A working day is one on which the running count goes up.
            Ok(k) => {
                let k = k as usize;
                let before = if k == 0 { 0 } else { self.worked_through[k - 1] };
                self.worked_through[k] > before
            }
            Err(_) => !is_weekend(d),
        }
    }

    /// `d` if it is a working day, else the nearest working day before it
    /// (`Back`) or after it (`Forward`). Outside the years covered only weekends
    /// are days off, as for [`Calendar::is_working_day`].
    pub fn roll(&self, d: NaiveDate, roll: Roll) -> NaiveDate {
        let mut day = d;
        // At most a long weekend plus a run of closures; the bound only guards
        // against a closures file that closes everything.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            let next = match roll {
                Roll::Back => day.pred_opt(),
                Roll::Forward => day.succ_opt(),
            };
            match next {
                Some(n) => day = n,
                None => return d,
            }
        }
        d
    }

    /// Bank holidays and closures in the years given, in date order.
    pub fn holidays(&self, years: std::ops::RangeInclusive<i32>) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = years.clone().flat_map(|y| bank_holidays(self.region, y)).collect();
        for (d, name) in &self.closures {
            if years.contains(&d.year()) {
                out.push(Holiday { date: *d, name: name.clone() });
            }
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timetable_dates_roll_to_working_days() {
        let cal = Calendar::new(Region::EnglandAndWales, BTreeMap::new());
        // Saturday 5 December 2026: back to Friday the 4th, forward to Monday the 7th.
        assert_eq!(cal.roll(ymd(2026, 12, 5), Roll::Back), ymd(2026, 12, 4));
        assert_eq!(cal.roll(ymd(2026, 12, 5), Roll::Forward), ymd(2026, 12, 7));
        // New Year's Day 2027 (a Friday): back over the Christmas substitutes to
        // Thursday 31 December; forward over the weekend to Monday 4 January.
        assert_eq!(cal.roll(ymd(2027, 1, 1), Roll::Back), ymd(2026, 12, 31));
        assert_eq!(cal.roll(ymd(2027, 1, 1), Roll::Forward), ymd(2027, 1, 4));
        // A working day stays put.
        assert_eq!(cal.roll(ymd(2026, 12, 4), Roll::Back), ymd(2026, 12, 4));
        // A local closure counts too.
        let closed = Calendar::new(Region::EnglandAndWales, BTreeMap::from([(ymd(2026, 12, 4), "closed".into())]));
        assert_eq!(closed.roll(ymd(2026, 12, 5), Roll::Back), ymd(2026, 12, 3));
    }

    #[test]
    fn day_numbers_start_on_the_first_day() {
        assert_eq!(ymd(FIRST_YEAR, 1, 1).num_days_from_ce(), FIRST_DAY);
        let cal = Calendar::new(Region::EnglandAndWales, BTreeMap::new());
        assert_eq!(cal.day_number(ymd(FIRST_YEAR, 1, 2)), Ok(1));
        assert_eq!(cal.date_of(365), ymd(FIRST_YEAR + 1, 1, 1));
    }

    #[test]
    fn easter_dates() {
        // Published Easter Sundays.
        for (y, m, d) in [
            (1995, 4, 16),
            (2000, 4, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), ymd(y, m, d), "{y}");
        }
    }
}
