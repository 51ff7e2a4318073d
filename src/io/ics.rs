//! iCalendar output for `due --format ics` (RFC 5545): one all-day event per
//! outstanding obligation. UIDs are a fixed hash of (case, event, event date,
//! obligation), and DTSTAMP is the due date itself rather than the wall clock, so
//! the same input gives byte-identical output.

use crate::hash::fnv1a64;
use chrono::{Days, NaiveDate};

/// One calendar entry.
pub struct Entry<'a> {
    pub case_id: &'a str,
    pub event: &'a str,
    pub event_date: NaiveDate,
    pub obligation: &'a str,
    pub due: NaiveDate,
    pub rule: &'a str,
    pub source: &'a str,
    /// Why the date is the earliest it could be, or what the data cannot
    /// tell: the CSV's `note`, on a line of its own in the description.
    pub note: Option<&'a str>,
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n").replace('\r', "")
}

/// Folds a content line at 75 octets (continuations start with a space).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

pub fn render(entries: &[Entry<'_>]) -> String {
    let mut out = String::new();
    for l in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//caseaudit//due//EN", "CALSCALE:GREGORIAN"] {
        fold(l, &mut out);
    }
    for e in entries {
        let ymd = |d: NaiveDate| d.format("%Y%m%d").to_string();
        let key = format!("{}|{}|{}|{}", e.case_id, e.event, e.event_date, e.obligation);
        let uid = format!("{:016x}@caseaudit", fnv1a64(&[key.as_bytes()]));
        let who = if e.case_id.is_empty() { String::new() } else { format!(" – case {}", e.case_id) };
        let lines = [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{uid}"),
            format!("DTSTAMP:{}T000000Z", ymd(e.due)),
            format!("DTSTART;VALUE=DATE:{}", ymd(e.due)),
            format!("DTEND;VALUE=DATE:{}", ymd(e.due + Days::new(1))),
            format!("SUMMARY:{}", escape(&format!("{}{who}", e.obligation))),
            format!("DESCRIPTION:{}", escape(&description(e))),
            "END:VEVENT".to_string(),
        ];
        for l in &lines {
            fold(l, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// What the obligation is and where it comes from, then its note.
fn description(e: &Entry<'_>) -> String {
    let what = format!("{} after {} on {} ({})", e.rule, e.event, e.event_date, e.source);
    match e.note {
        Some(note) => format!("{what}\n{note}"),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_escapes() {
        let mut out = String::new();
        fold(&"x".repeat(80), &mut out);
        assert_eq!(out, format!("{}\r\n {}\r\n", "x".repeat(75), "x".repeat(5)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn a_note_is_a_line_of_its_own() {
        let d = NaiveDate::from_ymd_opt(2027, 2, 9).unwrap();
        let e = |note| Entry {
            case_id: "C2",
            event: "care-leaver-contact",
            event_date: d,
            obligation: "next-pa-visit",
            due: d,
            rule: "8 weeks",
            source: "S",
            note,
        };
        let with = render(&[e(Some("the date of birth is missing"))]).replace("\r\n ", "");
        assert!(
            with.contains(
                "DESCRIPTION:8 weeks after care-leaver-contact on 2027-02-09 (S)\\nthe date of birth is missing\r\n"
            ),
            "{with}"
        );
        let without = render(&[e(None)]).replace("\r\n ", "");
        assert!(without.contains("DESCRIPTION:8 weeks after care-leaver-contact on 2027-02-09 (S)\r\n"), "{without}");
    }
}
