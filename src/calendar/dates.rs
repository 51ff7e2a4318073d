//! Dates as case systems export them (docs/reference/conventions.md): ISO `2026-11-22`, UK `22/11/2026`
//! (optionally with a time, `22/11/2026 14:05`), `22 Nov 2026`, and Excel serial
//! numbers. Never US order: `11/22/2026` is an error, not a guess.

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use std::fmt;

/// Why a value is not a date; the caller adds file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const HINT: &str = "write dates as YYYY-MM-DD or DD/MM/YYYY";

/// Month names, lower case, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Their three-letter abbreviations.
pub const MONTH_ABBREVIATIONS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Parses one date. Leading and trailing spaces are ignored.
pub fn parse_date(raw: &str) -> Result<NaiveDate, DateError> {
    let s = crate::words::trim(raw);
    if s.is_empty() {
        return Err(DateError(format!("empty date; {HINT}")));
    }
    let b = s.as_bytes();
    // Fast path: exactly YYYY-MM-DD, the format of every large export.
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(&b[0..4]), digits(&b[5..7]), digits(&b[8..10]))
    {
        return ymd(y as i32, m, d, s);
    }
    // Fast path: exactly DD/MM/YYYY, the UK export format.
    if b.len() == 10
        && b[2] == b'/'
        && b[5] == b'/'
        && let (Some(d), Some(m), Some(y)) = (digits(&b[0..2]), digits(&b[3..5]), digits(&b[6..10]))
    {
        return ymd(y as i32, m, d, s);
    }
    if let Some(serial) = excel_serial(s) {
        return Ok(serial);
    }
    let (date_part, time_part) = split_time(s);
    if let Some(t) = time_part {
        check_time(t).map_err(|e| DateError(format!("'{s}' has a bad time: {e}; {HINT}")))?;
    }
    let parts: Vec<&str> = date_part.split(['-', '/', '.', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.len() == 3 {
        let (a, b2, c) = (parts[0], parts[1], parts[2]);
        if a.len() == 4 {
            // Year first: only ISO order (Y-M-D) exists.
            if let (Some(y), Some(m), Some(d)) = (num(a), num(b2), num(c)) {
                return ymd(y as i32, m, d, s);
            }
        } else if c.len() == 4 {
            if let (Some(d), Some(y)) = (num(a), num(c))
                && let Some(m) = num(b2).or_else(|| month_name(b2))
            {
                return ymd(y as i32, m, d, s);
            }
        } else if c.len() == 2 && num(c).is_some() {
            return Err(DateError(format!("'{s}' has a two-digit year, which could mean either century; {HINT}")));
        }
    }
    Err(DateError(format!("'{s}' is not a date; {HINT}")))
}

/// Parses a date with an optional time of day (`2026-12-07 09:30`,
/// `07/12/2026 09:30`, `2026-12-07T09:30:00`): the date as [`parse_date`]
/// reads it, and the time, if any, to the minute.
pub fn parse_date_time(raw: &str) -> Result<(NaiveDate, Option<NaiveTime>), DateError> {
    let s = crate::words::trim(raw);
    let (_, time_part) = split_time(s);
    let date = parse_date(s)?;
    let time = match time_part {
        Some(t) => Some(parse_time(t).map_err(|e| DateError(format!("'{s}' has a bad time: {e}; {HINT}")))?),
        None => None,
    };
    Ok((date, time))
}

/// A time of day, `HH:MM` or `HH:MM:SS` (24-hour).
pub fn parse_time(raw: &str) -> Result<NaiveTime, String> {
    let t = raw.trim();
    check_time(t)?;
    let t = t.trim_end_matches('Z');
    let t = t.split(['.', '+']).next().unwrap_or(t);
    let mut f = t.split(':').map(|p| num(p).unwrap_or(0));
    let (h, m, sec) = (f.next().unwrap_or(0), f.next().unwrap_or(0), f.next().unwrap_or(0));
    NaiveTime::from_hms_opt(h, m, sec).ok_or_else(|| format!("'{t}' is not HH:MM or HH:MM:SS"))
}

fn ymd(y: i32, m: u32, d: u32, s: &str) -> Result<NaiveDate, DateError> {
    from_parts(y, m, d, s, true).map_err(|why| DateError(format!("{why}; {HINT}")))
}

/// The date of a year, month and day read from `s`, or why there is none: a
/// month over 12 (with `day_first`, the reminder that dates are read day
/// first, since that is what a US date trips on), a year that cannot be right,
/// a day the month does not have. The one place these are explained: readers
/// of other layouts (`check`'s Table Schema formats) add their own hint.
pub fn from_parts(y: i32, m: u32, d: u32, s: &str, day_first: bool) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&m) {
        let first = if day_first { " (dates are read day first: DD/MM/YYYY)" } else { "" };
        return Err(format!("'{s}' has month {m}, and there are 12{first}"));
    }
    if !(1800..=2200).contains(&y) {
        return Err(format!("'{s}' has the year {y}, which cannot be right"));
    }
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| format!("'{s}' does not exist ({} has {} days)", month_label(m), days_in_month(y, m)))
}

fn digits(b: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    digits(s.as_bytes())
}

fn split_time(s: &str) -> (&str, Option<&str>) {
    if let Some(i) = s.find('T')
        && s[..i].len() == 10
    {
        return (&s[..i], Some(&s[i + 1..]));
    }
    if let Some(i) = s.find(':')
        && let Some(sp) = s[..i].rfind(' ')
    {
        return (s[..sp].trim_end(), Some(s[sp + 1..].trim()));
    }
    (s, None)
}

fn check_time(t: &str) -> Result<(), String> {
    let t = t.trim_end_matches('Z');
    let t = t.split(['.', '+']).next().unwrap_or(t);
    let fields: Vec<&str> = t.split(':').collect();
    if !(2..=3).contains(&fields.len()) {
        return Err(format!("'{t}' is not HH:MM or HH:MM:SS"));
    }
    let limits = [23, 59, 59];
    for (f, lim) in fields.iter().zip(limits) {
        match num(f) {
            Some(v) if f.len() <= 2 && v <= lim => {}
            _ => return Err(format!("'{t}' is not HH:MM or HH:MM:SS")),
        }
    }
    Ok(())
}

fn month_name(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    if l.len() < 3 {
        return None;
    }
    MONTH_ABBREVIATIONS
        .iter()
        .zip(MONTH_NAMES)
        .position(|(abbr, full)| l == *abbr || l == full || (l == "sept" && *abbr == "sep"))
        .map(|i| i as u32 + 1)
}

/// Excel's 1900 date system, as a bare number in a date column: days since
/// 1899-12-30. Only 5-digit serials (1954–2119) are taken, so a stray `5` or
/// `2026` is an error rather than a date in 1900.
fn excel_serial(s: &str) -> Option<NaiveDate> {
    let whole = s.split('.').next()?;
    if s.matches('.').count() > 1 || whole.len() != 5 {
        return None;
    }
    if let Some(frac) = s.split('.').nth(1)
        && !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let n = digits(whole.as_bytes())?;
    if !(20_000..=80_000).contains(&n) {
        return None;
    }
    from_excel_serial(f64::from(n))
}

/// The date of an Excel serial number (1900 date system: days since
/// 1899-12-30; a fraction is the time of day), for cells a workbook stores as
/// numbers. `None` outside Excel's range (1 to 9999-12-31).
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(y, m, 1).expect("valid month");
    let next = first + Months::new(1);
    (next - first).num_days() as u32
}

fn month_label(m: u32) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][(m as usize).saturating_sub(1).min(11)]
}

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(d: NaiveDate) -> Month {
        Month { year: d.year(), month: d.month() }
    }

    /// Parses `YYYY-MM` (also `MM/YYYY`, as spreadsheets write it).
    pub fn parse(raw: &str) -> Result<Month, DateError> {
        let s = crate::words::trim(raw);
        let b = s.as_bytes();
        if b.len() == 7
            && b[4] == b'-'
            && let (Some(y), Some(m)) = (digits(&b[..4]), digits(&b[5..]))
            && (1..=12).contains(&m)
            && (1800..=2200).contains(&y)
        {
            return Ok(Month { year: y as i32, month: m });
        }
        let (y, m) = match (s.split_once('-'), s.split_once('/')) {
            (Some((y, m)), None) if y.len() == 4 => (num(y), num(m)),
            (None, Some((m, y))) if y.len() == 4 => (num(y), num(m)),
            _ => (None, None),
        };
        match (y, m) {
            (Some(y), Some(m)) if (1..=12).contains(&m) && (1800..=2200).contains(&y) => {
                Ok(Month { year: y as i32, month: m })
            }
            _ => Err(DateError(format!("'{s}' is not a month; write months as YYYY-MM"))),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.day_clamped(31)
    }

    /// The given day of this month, or its last day if the month is shorter.
    pub fn day_clamped(self, day: u32) -> NaiveDate {
        let d = day.clamp(1, days_in_month(self.year, self.month));
        NaiveDate::from_ymd_opt(self.year, self.month, d).expect("clamped day")
    }

    /// This month moved by `n` months (negative moves back).
    pub fn plus(self, n: i32) -> Month {
        let idx = self.year * 12 + (self.month as i32 - 1) + n;
        Month { year: idx.div_euclid(12), month: (idx.rem_euclid(12) + 1) as u32 }
    }

    /// Months from `self` to `other` (positive when `other` is later).
    pub fn months_until(self, other: Month) -> i32 {
        (other.year * 12 + other.month as i32) - (self.year * 12 + self.month as i32)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_with_times() {
        let t = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(parse_date_time("2026-12-07 09:30"), Ok((d(2026, 12, 7), t(9, 30))));
        assert_eq!(parse_date_time("07/12/2026 17:05"), Ok((d(2026, 12, 7), t(17, 5))));
        assert_eq!(parse_date_time("2026-12-07T09:30:00"), Ok((d(2026, 12, 7), t(9, 30))));
        assert_eq!(parse_date_time("2026-12-07"), Ok((d(2026, 12, 7), None)));
        assert!(parse_date_time("2026-12-07 25:00").is_err());
        assert!(parse_date_time("2026-12-07 9h30").is_err());
    }

    #[test]
    fn iso_uk_and_named_forms() {
        assert_eq!(parse_date("2026-11-22"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date(" 22/11/2026 "), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("22/11/2026 14:05"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("22/11/2026 14:05:59"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("2026-11-22T14:05:00"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("2026-11-22 14:05"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("1/2/2026"), Ok(d(2026, 2, 1)));
        assert_eq!(parse_date("22-11-2026"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("22 Nov 2026"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("22-Sept-2026"), Ok(d(2026, 9, 22)));
        assert_eq!(parse_date("22 November 2026"), Ok(d(2026, 11, 22)));
    }

    #[test]
    fn excel_serials_only_in_a_plausible_range() {
        assert_eq!(parse_date("46348"), Ok(d(2026, 11, 22)));
        assert_eq!(parse_date("46348.5"), Ok(d(2026, 11, 22)));
        assert!(parse_date("5").is_err());
        assert!(parse_date("2026").is_err());
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_errors() {
        let e = parse_date("31/02/2026").unwrap_err();
        assert!(e.0.contains("does not exist"), "{e}");
        assert!(e.0.contains("February has 28 days"), "{e}");
        assert!(parse_date("11/22/2026").unwrap_err().0.contains("month 22"));
        assert!(parse_date("22/11/26").unwrap_err().0.contains("two-digit year"));
        assert!(parse_date("#N/A").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("22/11/2026 25:00").unwrap_err().0.contains("bad time"));
        assert!(parse_date("0026-11-22").is_err());
    }

    #[test]
    fn months() {
        let m = Month::parse("2026-11").unwrap();
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(m.plus(2).to_string(), "2027-01");
        assert_eq!(m.plus(-11).to_string(), "2025-12");
        assert_eq!(m.plus(-23).to_string(), "2024-12");
        assert_eq!(Month::parse("02/2024").unwrap().last_day(), d(2024, 2, 29));
        assert_eq!(m.months_until(m.plus(-3)), -3);
        assert!(Month::parse("2026-13").is_err());
        assert!(Month::parse("2026").is_err());
    }
}
