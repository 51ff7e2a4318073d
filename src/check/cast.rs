//! Reading a cell as its Table Schema type (Frictionless Table Schema v1:
//! `string`, `integer`, `number`, `boolean`, `date`, `datetime`, plus `time`,
//! `year`, `yearmonth` and `any`), with the `format` and the type's options
//! (`trueValues`, `decimalChar`, `groupChar`, `bareNumber`).

use super::strptime::strptime;
pub use super::strptime::{DIRECTIVES, check_pattern};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::cmp::Ordering;

/// A cell's logical value, for constraints that compare (enum, minimum,
/// maximum, unique).
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Time(NaiveTime),
    Year(i32),
    YearMonth(i32, u32),
}

impl CellValue {
    pub fn compare(&self, other: &CellValue) -> Option<Ordering> {
        use CellValue::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Num(a), Num(b)) => a.partial_cmp(b),
            (Int(a), Num(b)) => (*a as f64).partial_cmp(b),
            (Num(a), Int(b)) => a.partial_cmp(&(*b as f64)),
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Some(a.cmp(b)),
            (Time(a), Time(b)) => Some(a.cmp(b)),
            (Year(a), Year(b)) => Some(a.cmp(b)),
            (YearMonth(a, b), YearMonth(c, d)) => Some((a, b).cmp(&(c, d))),
            (Text(a), Text(b)) => Some(a.cmp(b)),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// A key equal for equal values (`01` and `1` as integers), for `unique`.
    pub fn key(&self) -> String {
        match self {
            CellValue::Text(s) => s.clone(),
            CellValue::Num(f) if *f == 0.0 => "0".into(),
            CellValue::Num(f) => format!("{f:?}"),
            other => format!("{other:?}"),
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            CellValue::Date(d) => Some(*d),
            CellValue::DateTime(dt) => Some(dt.date()),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Binary,
}

/// How a date, time or datetime is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The ISO default of the type.
    Default,
    /// `any`: every form caseaudit reads (ISO, UK day-first, `22 Nov 2026`).
    Any,
    /// A strptime pattern such as `%d/%m/%Y`.
    Pattern(String),
}

#[derive(Debug, Clone)]
pub enum FieldType {
    Text(TextFormat),
    Integer { bare: bool, group: Option<char> },
    Number { decimal: char, group: Option<char>, bare: bool },
    Boolean { yes: Vec<String>, no: Vec<String> },
    Date(Layout),
    DateTime(Layout),
    Time(Layout),
    Year,
    YearMonth,
    Any,
}

pub const TYPES: [&str; 10] =
    ["string", "integer", "number", "boolean", "date", "datetime", "time", "year", "yearmonth", "any"];

/// What a type-error says is expected.
impl FieldType {
    pub fn describe(&self) -> String {
        match self {
            FieldType::Text(TextFormat::Default) | FieldType::Any => "text".into(),
            FieldType::Text(TextFormat::Email) => "an email address".into(),
            FieldType::Text(TextFormat::Uri) => "a URI (scheme:...)".into(),
            FieldType::Text(TextFormat::Uuid) => "a UUID".into(),
            FieldType::Text(TextFormat::Binary) => "base64 data".into(),
            FieldType::Integer { .. } => "a whole number".into(),
            FieldType::Number { decimal, .. } => format!("a number (decimal mark '{decimal}')"),
            FieldType::Boolean { yes, no } => format!("one of {} / {}", yes.join(", "), no.join(", ")),
            FieldType::Date(l) => format!("a date{}", layout_words(l, "YYYY-MM-DD")),
            FieldType::DateTime(l) => format!("a date and time{}", layout_words(l, "YYYY-MM-DDThh:mm:ss")),
            FieldType::Time(l) => format!("a time{}", layout_words(l, "hh:mm:ss")),
            FieldType::Year => "a year (YYYY)".into(),
            FieldType::YearMonth => "a year and month (YYYY-MM)".into(),
        }
    }

    /// Whether the cell is of this type, without building its value.
    pub fn accepts(&self, s: &str) -> bool {
        match self {
            // Any text: said here, not in a call (most columns are text).
            FieldType::Any | FieldType::Text(TextFormat::Default) => true,
            FieldType::Text(f) => text_ok(*f, s),
            other => other.cast(s).is_some(),
        }
    }

    /// The cell's value, or `None` when it is not of this type.
    pub fn cast(&self, s: &str) -> Option<CellValue> {
        match self {
            FieldType::Any => Some(CellValue::Text(s.to_string())),
            FieldType::Text(f) => text_ok(*f, s).then(|| CellValue::Text(s.to_string())),
            FieldType::Integer { bare, group } => {
                let s = if *bare { s } else { s.trim_matches(|c: char| !c.is_ascii_digit() && c != '-' && c != '+') };
                integer(s, *group).map(CellValue::Int)
            }
            FieldType::Number { decimal, group, bare } => {
                let s = if *bare { s } else { strip_non_numeric(s) };
                number(s, *decimal, *group).map(CellValue::Num)
            }
            FieldType::Boolean { yes, no } => {
                if yes.iter().any(|y| y == s) {
                    Some(CellValue::Bool(true))
                } else if no.iter().any(|n| n == s) {
                    Some(CellValue::Bool(false))
                } else {
                    None
                }
            }
            FieldType::Date(l) => date(l, s).map(CellValue::Date),
            FieldType::DateTime(l) => datetime(l, s).map(CellValue::DateTime),
            FieldType::Time(l) => time(l, s).map(CellValue::Time),
            FieldType::Year => digits(s, 4).map(|y| CellValue::Year(y as i32)),
            FieldType::YearMonth => {
                let (y, m) = s.split_once('-')?;
                let (y, m): (i32, u32) = (digits(y, 4)? as i32, digits(m, 2)?);
                (1..=12).contains(&m).then_some(CellValue::YearMonth(y, m))
            }
        }
    }
}

/// The longest value quoted back in full in a message.
const SHOWN: usize = 40;

impl FieldType {
    /// Why `s`, which did not cast, is not of this type, when more can be said
    /// than [`describe`](Self::describe): a date that does not exist
    /// (`'31/11/2026' does not exist (November has 30 days)`) or is in US order
    /// (`'11/22/2026' has month 22, ...`), explained as every reader explains
    /// dates (`calendar::dates`). The text quotes the value; `None` for a long
    /// value (not echoed) or one with nothing more to say.
    pub fn why_not(&self, s: &str) -> Option<String> {
        use crate::calendar::dates;
        if s.chars().count() > SHOWN {
            return None;
        }
        match self {
            // A cell with spaces around the date is not a date (Table Schema),
            // though the reader would take it: nothing more to say.
            FieldType::Date(Layout::Any) if crate::words::trim(s).len() == s.len() => {
                dates::parse_date(s).err().map(|e| e.0)
            }
            FieldType::DateTime(Layout::Any) if crate::words::trim(s).len() == s.len() => {
                dates::parse_date_time(s).err().map(|e| e.0)
            }
            FieldType::Date(Layout::Default) => iso_parts(s).and_then(|(y, m, d)| {
                dates::from_parts(y, m, d, s, false).err().map(|why| format!("{why}; write dates as YYYY-MM-DD"))
            }),
            FieldType::DateTime(Layout::Default) => {
                let (day, _) = s.split_once('T')?;
                iso_parts(day).and_then(|(y, m, d)| {
                    dates::from_parts(y, m, d, s, false)
                        .err()
                        .map(|why| format!("{why}; write dates and times as YYYY-MM-DDThh:mm:ss"))
                })
            }
            FieldType::Date(Layout::Pattern(p)) | FieldType::DateTime(Layout::Pattern(p)) => {
                let f = strptime(p, s)?;
                let (y, m, d) = (f.year?, f.month?, f.day?);
                // Day first when the pattern puts the day before the month.
                let day_first = p.find("%d").zip(p.find("%m")).is_some_and(|(d, m)| d < m);
                dates::from_parts(y, m, d, s, day_first).err().map(|why| format!("{why}; write dates as {p}"))
            }
            _ => None,
        }
    }
}

/// The numbers of a date shaped `YYYY-MM-DD`, whether or not it exists.
fn iso_parts(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((digits(&s[0..4], 4)? as i32, digits(&s[5..7], 2)?, digits(&s[8..10], 2)?))
}

fn layout_words(l: &Layout, iso: &str) -> String {
    match l {
        Layout::Default => format!(" written {iso}"),
        Layout::Any => " (ISO or DD/MM/YYYY)".into(),
        Layout::Pattern(p) => format!(" written as {p}"),
    }
}

fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn text_ok(f: TextFormat, s: &str) -> bool {
    match f {
        TextFormat::Default => true,
        TextFormat::Email => {
            let Some((local, domain)) = s.split_once('@') else { return false };
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        TextFormat::Uri => match s.split_once(':') {
            Some((scheme, rest)) => {
                scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                    && !rest.is_empty()
                    && !s.chars().any(char::is_whitespace)
            }
            None => false,
        },
        TextFormat::Uuid => {
            let parts: Vec<&str> = s.split('-').collect();
            parts.len() == 5
                && parts
                    .iter()
                    .zip([8, 4, 4, 4, 12])
                    .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        TextFormat::Binary => {
            let t = s.trim_end_matches('=');
            s.len().is_multiple_of(4)
                && s.len() - t.len() <= 2
                && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        }
    }
}

fn strip_non_numeric(s: &str) -> &str {
    s.trim_matches(|c: char| !(c.is_ascii_digit() || "+-.,eE".contains(c)))
}

fn integer(s: &str, group: Option<char>) -> Option<i64> {
    let owned;
    let s = match group {
        Some(g) if s.contains(g) => {
            owned = s.replace(g, "");
            owned.as_str()
        }
        _ => s,
    };
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn number(s: &str, decimal: char, group: Option<char>) -> Option<f64> {
    if matches!(s, "NaN" | "nan") {
        return Some(f64::NAN);
    }
    if matches!(s, "INF" | "inf" | "+INF") {
        return Some(f64::INFINITY);
    }
    if matches!(s, "-INF" | "-inf") {
        return Some(f64::NEG_INFINITY);
    }
    let mut t: String = s.chars().filter(|c| Some(*c) != group).collect();
    if decimal != '.' {
        if t.contains('.') {
            return None;
        }
        t = t.replace(decimal, ".");
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(&t);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let ok_mantissa = (!whole.is_empty() || !frac.is_empty()) && all_digits(whole) && all_digits(frac);
    let ok_exponent = exponent.is_none_or(|e| {
        let d = e.strip_prefix(['+', '-']).unwrap_or(e);
        !d.is_empty() && all_digits(d)
    });
    if !(ok_mantissa && ok_exponent) {
        return None;
    }
    t.parse().ok()
}

fn date(l: &Layout, s: &str) -> Option<NaiveDate> {
    match l {
        Layout::Default => {
            let (y, m, d) = iso_parts(s)?;
            NaiveDate::from_ymd_opt(y, m, d)
        }
        // A cell with spaces around the date is not a date (as in Table Schema).
        Layout::Any => {
            let t = crate::words::trim(s);
            if t.len() != s.len() || t.is_empty() {
                return None;
            }
            crate::calendar::dates::parse_date(s).ok()
        }
        Layout::Pattern(p) => strptime(p, s).and_then(|f| f.date()),
    }
}

fn datetime(l: &Layout, s: &str) -> Option<NaiveDateTime> {
    match l {
        Layout::Default => iso_datetime(s),
        Layout::Any => iso_datetime(s).or_else(|| {
            let (d, t) = s.split_once([' ', 'T'])?;
            Some(date(&Layout::Any, d)?.and_time(time(&Layout::Any, t)?))
        }),
        Layout::Pattern(p) => strptime(p, s).and_then(|f| Some(f.date()?.and_time(f.time()?))),
    }
}

/// `YYYY-MM-DDThh:mm:ss`, optional fraction, optional `Z` or `±hh:mm`.
fn iso_datetime(s: &str) -> Option<NaiveDateTime> {
    let (d, t) = s.split_once('T')?;
    let d = date(&Layout::Default, d)?;
    let t = t.strip_suffix('Z').unwrap_or(t);
    let t = match t.rfind(['+', '-']) {
        Some(i) if i >= 8 => {
            let zone = &t[i + 1..];
            let (h, m) = zone.split_once(':').unwrap_or((zone, "00"));
            if digits(h, 2)? > 23 || digits(m, 2)? > 59 {
                return None;
            }
            &t[..i]
        }
        _ => t,
    };
    Some(d.and_time(time(&Layout::Default, t)?))
}

fn time(l: &Layout, s: &str) -> Option<NaiveTime> {
    match l {
        Layout::Default | Layout::Any => {
            let (hms, frac) = s.split_once('.').unwrap_or((s, ""));
            if !frac.bytes().all(|b| b.is_ascii_digit()) || (s.contains('.') && frac.is_empty()) {
                return None;
            }
            let parts: Vec<&str> = hms.split(':').collect();
            let ok_len = parts.len() == 3 || (matches!(l, Layout::Any) && parts.len() == 2);
            if !ok_len {
                return None;
            }
            let h = digits(parts[0], 2)?;
            let m = digits(parts[1], 2)?;
            let sec = if parts.len() == 3 { digits(parts[2], 2)? } else { 0 };
            NaiveTime::from_hms_opt(h, m, sec)
        }
        Layout::Pattern(p) => strptime(p, s).and_then(|f| f.time()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int() -> FieldType {
        FieldType::Integer { bare: true, group: None }
    }
    fn num() -> FieldType {
        FieldType::Number { decimal: '.', group: None, bare: true }
    }

    #[test]
    fn integers_and_numbers_as_table_schema_reads_them() {
        assert_eq!(int().cast("-12"), Some(CellValue::Int(-12)));
        for bad in ["1.0", "", " 1", "1e3", "12a", "+", "99999999999999999999"] {
            assert_eq!(int().cast(bad), None, "{bad}");
        }
        assert_eq!(FieldType::Integer { bare: true, group: Some(',') }.cast("1,234"), Some(CellValue::Int(1234)));
        assert_eq!(FieldType::Integer { bare: false, group: None }.cast("€95"), Some(CellValue::Int(95)));
        for (s, v) in [("1.5", 1.5), ("-.5", -0.5), ("1E3", 1000.0), ("3.", 3.0), ("+2", 2.0)] {
            assert_eq!(num().cast(s), Some(CellValue::Num(v)), "{s}");
        }
        for bad in ["1,5", ".", "e3", "1e", "--1", "1.2.3"] {
            assert_eq!(num().cast(bad), None, "{bad}");
        }
        assert_eq!(
            FieldType::Number { decimal: ',', group: Some('.'), bare: true }.cast("1.234,5"),
            Some(CellValue::Num(1234.5))
        );
        assert!(matches!(num().cast("NaN"), Some(CellValue::Num(f)) if f.is_nan()));
    }

    #[test]
    fn dates_times_and_patterns() {
        let d = |y, m, dd| Some(CellValue::Date(NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(FieldType::Date(Layout::Default).cast("2026-11-22"), d(2026, 11, 22));
        assert_eq!(FieldType::Date(Layout::Default).cast("22/11/2026"), None);
        assert_eq!(FieldType::Date(Layout::Default).cast("2026-02-30"), None);
        assert_eq!(FieldType::Date(Layout::Any).cast("22/11/2026"), d(2026, 11, 22));
        assert_eq!(FieldType::Date(Layout::Any).cast("11/22/2026"), None);
        let uk = FieldType::Date(Layout::Pattern("%d/%m/%Y".into()));
        assert_eq!(uk.cast("2/3/2026"), d(2026, 3, 2));
        assert_eq!(uk.cast("02/03/26"), None);
        assert_eq!(FieldType::Date(Layout::Pattern("%d %b %Y".into())).cast("22 Nov 2026"), d(2026, 11, 22));
        let dt = FieldType::DateTime(Layout::Default);
        assert!(dt.cast("2026-11-22T14:05:00Z").is_some());
        assert!(dt.cast("2026-11-22T14:05:00+01:00").is_some());
        assert!(dt.cast("2026-11-22T14:05:00.123").is_some());
        assert!(dt.cast("2026-11-22 14:05:00").is_none());
        assert!(FieldType::DateTime(Layout::Any).cast("22/11/2026 14:05").is_some());
        assert!(FieldType::Time(Layout::Default).cast("24:00:00").is_none());
        assert_eq!(FieldType::YearMonth.cast("2026-13"), None);
        assert_eq!(FieldType::Year.cast("2026"), Some(CellValue::Year(2026)));
        assert!(check_pattern("%d/%m/%Q").is_err());
    }

    /// A bad date says why, as every reader says it (`calendar::dates`), in
    /// the words of the field's layout.
    #[test]
    fn bad_dates_say_why() {
        let any = FieldType::Date(Layout::Any);
        assert_eq!(
            any.why_not("31/11/2026").as_deref(),
            Some("'31/11/2026' does not exist (November has 30 days); write dates as YYYY-MM-DD or DD/MM/YYYY")
        );
        assert!(
            any.why_not("11/22/2026")
                .unwrap()
                .starts_with("'11/22/2026' has month 22, and there are 12 (dates are read day first: DD/MM/YYYY)")
        );
        assert!(any.why_not("22/11/26").unwrap().contains("two-digit year"));
        // Spaces around a date: Table Schema's rule, nothing more to say.
        assert_eq!(any.why_not(" 22/11/2026"), None);
        // Long values are not echoed.
        assert_eq!(any.why_not(&"9".repeat(41)), None);
        let iso = FieldType::Date(Layout::Default);
        assert_eq!(
            iso.why_not("2026-02-29").as_deref(),
            Some("'2026-02-29' does not exist (February has 28 days); write dates as YYYY-MM-DD")
        );
        assert_eq!(
            iso.why_not("2026-22-11").as_deref(),
            Some("'2026-22-11' has month 22, and there are 12; write dates as YYYY-MM-DD")
        );
        assert_eq!(iso.why_not("22/11/2026"), None);
        let uk = FieldType::Date(Layout::Pattern("%d/%m/%Y".into()));
        assert_eq!(
            uk.why_not("11/22/2026").as_deref(),
            Some(
                "'11/22/2026' has month 22, and there are 12 (dates are read day first: DD/MM/YYYY); write dates as %d/%m/%Y"
            )
        );
        let us = FieldType::Date(Layout::Pattern("%m/%d/%Y".into()));
        assert_eq!(
            us.why_not("22/11/2026").as_deref(),
            Some("'22/11/2026' has month 22, and there are 12; write dates as %m/%d/%Y")
        );
        assert!(FieldType::DateTime(Layout::Any).why_not("31/11/2026 10:00").unwrap().contains("November has 30 days"));
        assert!(FieldType::DateTime(Layout::Any).why_not("22/11/2026 25:00").unwrap().contains("bad time"));
        assert!(FieldType::DateTime(Layout::Default).why_not("2026-11-31T10:00:00").unwrap().contains("November"));
        assert_eq!(FieldType::Integer { bare: true, group: None }.why_not("x"), None);
    }

    #[test]
    fn text_formats() {
        assert!(text_ok(TextFormat::Email, "a.b@example.org"));
        assert!(!text_ok(TextFormat::Email, "a.b@example"));
        assert!(text_ok(TextFormat::Uri, "https://example.org/x"));
        assert!(!text_ok(TextFormat::Uri, "example.org"));
        assert!(text_ok(TextFormat::Uuid, "123e4567-e89b-12d3-a456-426614174000"));
        assert!(text_ok(TextFormat::Binary, "aGVsbG8="));
        assert!(!text_ok(TextFormat::Binary, "aGVsbG8"));
        // `accepts` says the same, and takes any text as plain text.
        assert!(!FieldType::Text(TextFormat::Email).accepts("a.b@example"));
        assert!(FieldType::Text(TextFormat::Uri).accepts("https://example.org/x"));
        assert!(FieldType::Text(TextFormat::Default).accepts(" a.b@example \u{e9}"));
        assert!(FieldType::Any.accepts(""));
    }

    #[test]
    fn booleans_are_exact() {
        let b = FieldType::Boolean { yes: vec!["true".into(), "1".into()], no: vec!["false".into(), "0".into()] };
        assert_eq!(b.cast("1"), Some(CellValue::Bool(true)));
        assert_eq!(b.cast("yes"), None);
    }
}
