//! Dates and times written to a `format` pattern (`%d/%m/%Y`), read by
//! Python's `strptime` rules for the directives caseaudit supports, as
//! Frictionless reads them.

use crate::calendar::dates::{MONTH_ABBREVIATIONS as MONTHS, MONTH_NAMES};
use chrono::{NaiveDate, NaiveTime};

/// What a pattern read from a value, field by field.
#[derive(Default)]
pub(super) struct Parsed {
    pub(super) year: Option<i32>,
    pub(super) month: Option<u32>,
    pub(super) day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    pm: Option<bool>,
}

impl Parsed {
    pub(super) fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }
    pub(super) fn time(&self) -> Option<NaiveTime> {
        let mut h = self.hour.unwrap_or(0);
        match self.pm {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 => h = 0,
            _ => {}
        }
        NaiveTime::from_hms_opt(h, self.minute.unwrap_or(0), self.second.unwrap_or(0))
    }
}

/// The strptime directives a rule set may use in a date `format`.
pub const DIRECTIVES: &str = "%Y %y %m %d %b %B %H %I %M %S %p %%";

/// Checks a strptime pattern's directives; the message names a bad one.
pub fn check_pattern(p: &str) -> Result<(), String> {
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            match chars.next() {
                Some('Y' | 'y' | 'm' | 'd' | 'b' | 'B' | 'H' | 'I' | 'M' | 'S' | 'p' | '%') => {}
                Some(d) => return Err(format!("'%{d}' is not a supported directive ({DIRECTIVES})")),
                None => return Err("the pattern ends with a lone '%'".into()),
            }
        }
    }
    Ok(())
}

/// A whole-string strptime match (Python's rules for the directives above:
/// `%d`, `%m`, `%H`... take one or two digits).
pub(super) fn strptime(pattern: &str, s: &str) -> Option<Parsed> {
    let mut out = Parsed::default();
    let mut rest = s;
    let mut pat = pattern.chars();
    let take_num = |rest: &mut &str, max: usize| -> Option<u32> {
        let n = rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        let v = rest[..n].parse().ok()?;
        *rest = &rest[n..];
        Some(v)
    };
    while let Some(c) = pat.next() {
        if c != '%' {
            rest = rest.strip_prefix(c)?;
            continue;
        }
        match pat.next()? {
            'Y' => {
                let n = rest.bytes().take(4).take_while(u8::is_ascii_digit).count();
                if n != 4 {
                    return None;
                }
                out.year = Some(rest[..4].parse().ok()?);
                rest = &rest[4..];
            }
            'y' => {
                let y = take_num(&mut rest, 2)? as i32;
                // Python: 00-68 → 2000s, 69-99 → 1900s.
                out.year = Some(if y < 69 { 2000 + y } else { 1900 + y });
            }
            'm' => out.month = Some(take_num(&mut rest, 2)?),
            'd' => out.day = Some(take_num(&mut rest, 2)?),
            'H' | 'I' => out.hour = Some(take_num(&mut rest, 2)?),
            'M' => out.minute = Some(take_num(&mut rest, 2)?),
            'S' => out.second = Some(take_num(&mut rest, 2)?),
            'p' => {
                let lower = rest.get(..2)?.to_ascii_lowercase();
                out.pm = Some(match lower.as_str() {
                    "am" => false,
                    "pm" => true,
                    _ => return None,
                });
                rest = &rest[2..];
            }
            'B' | 'b' => {
                let lower = rest.to_ascii_lowercase();
                let (i, len) = MONTH_NAMES
                    .iter()
                    .enumerate()
                    .find(|(_, m)| lower.starts_with(*m))
                    .map(|(i, m)| (i, m.len()))
                    .or_else(|| {
                        MONTHS.iter().enumerate().find(|(_, m)| lower.starts_with(*m)).map(|(i, m)| (i, m.len()))
                    })?;
                out.month = Some(i as u32 + 1);
                rest = &rest[len..];
            }
            '%' => rest = rest.strip_prefix('%')?,
            _ => return None,
        }
    }
    rest.is_empty().then_some(out)
}
