//! Absences from an iCalendar file (`.ics`) exported from Outlook or Google.
//! Parsing is the `icalendar` crate's; this decides what an event means for
//! the whiteboard:
//!
//! - **Who**: the staff whose email is an `ATTENDEE` (one who has not
//!   declined) or the `ORGANIZER`, and any staff id written as a word of the
//!   `SUMMARY` ("W03 annual leave").
//! - **Whether they are away**: not when the event is free time (`TRANSP:
//!   TRANSPARENT`, or Outlook's `X-MICROSOFT-CDO-BUSYSTATUS` `FREE` or
//!   `WORKINGELSEWHERE`) or cancelled.
//! - **How long** ([`Absence`]): sick when the summary says so; leave when it
//!   says leave or holiday, when Outlook marks the time out of office (`OOF`),
//!   or for an all-day event; otherwise a meeting.
//! - **When**: UTC times (`…Z`) and times in the UK zone (`TZID=Europe/London`,
//!   Outlook's `GMT Standard Time`) become UK local time; floating times are
//!   taken as local. A recurring event counts once, at its first occurrence,
//!   and the run says how many there were.

use super::{Absence, Away};
use crate::calendar::dates::days_in_month;
use crate::error::{InputError, Warning};
use crate::model::FastMap;
use crate::model::staff::Staff;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use icalendar::parser::{Component, read_calendar, unfold};
use icalendar::{CalendarDateTime, DatePerhapsTime};

/// The absences in an iCalendar text (`file` names it in messages).
pub fn parse(file: &str, text: &str, staff: &Staff) -> Result<(Vec<Away>, Vec<Warning>), InputError> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|e| {
        let first = e.lines().map(str::trim).find(|l| !l.is_empty() && *l != "error:").unwrap_or("");
        InputError::file(file, format!("is not a readable iCalendar file ({first}); export the calendar again as .ics"))
    })?;
    let emails: FastMap<String, u32> = staff
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.email.is_empty())
        .map(|(i, m)| (m.email.to_lowercase(), i as u32))
        .collect();
    let mut out = Vec::new();
    let (mut nobody, mut recurring, mut unreadable, mut other_zone) = (0usize, 0usize, 0usize, 0usize);
    let mut events = 0usize;
    for event in calendar.components.iter().filter(|c| c.name == "VEVENT") {
        events += 1;
        let prop = |name: &str| event.find_prop(name).map(|p| p.val.as_str().trim().to_string());
        let upper = |name: &str| prop(name).map(|v| v.to_ascii_uppercase()).unwrap_or_default();
        let busy = upper("X-MICROSOFT-CDO-BUSYSTATUS");
        if upper("TRANSP") == "TRANSPARENT"
            || matches!(busy.as_str(), "FREE" | "WORKINGELSEWHERE")
            || upper("STATUS") == "CANCELLED"
        {
            continue;
        }
        let summary = prop("SUMMARY").unwrap_or_default();
        let who = people(event, &summary, staff, &emails);
        if who.is_empty() {
            nobody += 1;
            continue;
        }
        let (Some(start), end) = (when(event, "DTSTART"), when(event, "DTEND")) else {
            unreadable += 1;
            continue;
        };
        let all_day = matches!(start.0, DatePerhapsTime::Date(_));
        other_zone += usize::from(start.1 || end.as_ref().is_some_and(|e| e.1));
        let from = local(&start.0);
        let to = match end {
            Some(e) => local(&e.0),
            None if all_day => from + Duration::days(1),
            None => {
                unreadable += 1;
                continue;
            }
        };
        if to <= from {
            unreadable += 1;
            continue;
        }
        recurring += usize::from(event.find_prop("RRULE").is_some());
        let lower = summary.to_lowercase();
        let kind = if lower.contains("sick") || lower.contains("illness") {
            Absence::Sick
        } else if busy == "OOF" || lower.contains("leave") || lower.contains("holiday") || all_day {
            Absence::Leave
        } else {
            Absence::Meeting
        };
        out.extend(who.into_iter().map(|s| Away { staff: s, from, to, kind, back: None }));
    }
    let mut warnings = Vec::new();
    let mut warn = |n: usize, what: &str| {
        if n > 0 {
            warnings.push(Warning::file(file, format!("{} of {events} {what}", n)));
        }
    };
    warn(
        nobody,
        "events name nobody in the staff file (by ATTENDEE or ORGANIZER email, or a staff id in SUMMARY); ignored",
    );
    warn(unreadable, "events have no readable start and end; ignored");
    warn(recurring, "events repeat (RRULE); each counts once, at its first occurrence");
    warn(other_zone, "events are in a time zone other than the UK's; their times are taken as UK local time");
    Ok((out, warnings))
}

/// The staff an event is about, in staff order, each once.
fn people(event: &Component, summary: &str, staff: &Staff, emails: &FastMap<String, u32>) -> Vec<u32> {
    let mut who = Vec::new();
    for p in event.properties.iter().filter(|p| p.name == "ATTENDEE" || p.name == "ORGANIZER") {
        let declined = p.params.iter().any(|x| {
            x.key.as_str().eq_ignore_ascii_case("PARTSTAT")
                && x.val.as_ref().is_some_and(|v| v.as_str().eq_ignore_ascii_case("DECLINED"))
        });
        let v = p.val.as_str().trim();
        let address = v.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map_or(v, |_| &v[7..]);
        if let (false, Some(&s)) = (declined, emails.get(&address.to_lowercase())) {
            who.push(s);
        }
    }
    for word in summary.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
        if let Some(s) = staff.get(word) {
            who.push(s);
        }
    }
    who.sort_unstable();
    who.dedup();
    who
}

/// A start or end, and whether it names a time zone this does not convert.
fn when(event: &Component, name: &str) -> Option<(DatePerhapsTime, bool)> {
    let p = event.find_prop(name)?;
    let property = icalendar::Property::from(p.clone());
    let value = DatePerhapsTime::from_property(&property)?;
    let foreign = match &value {
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { tzid, .. }) => !is_uk_zone(tzid),
        _ => false,
    };
    Some((value, foreign))
}

fn is_uk_zone(tzid: &str) -> bool {
    let z = tzid.trim_matches('"').to_ascii_lowercase();
    z.contains("london") || z.contains("gmt standard time") || z == "gmt" || z == "europe/belfast"
}

/// UK local time of a start or end.
fn local(v: &DatePerhapsTime) -> NaiveDateTime {
    match v {
        DatePerhapsTime::Date(d) => d.and_time(NaiveTime::MIN),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => *t,
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => uk_from_utc(t.naive_utc()),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let z = tzid.trim_matches('"').to_ascii_lowercase();
            if z == "utc" || z == "etc/utc" || z == "z" { uk_from_utc(*date_time) } else { *date_time }
        }
    }
}

/// UK local time from UTC: British Summer Time (UTC+1) runs from 01:00 UTC
/// on the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn uk_from_utc(utc: NaiveDateTime) -> NaiveDateTime {
    let year = utc.year();
    let last_sunday = |month: u32| {
        let last = NaiveDate::from_ymd_opt(year, month, days_in_month(year, month)).expect("a real day");
        let back = last.weekday().num_days_from_sunday();
        (last - Duration::days(i64::from(back))).and_hms_opt(1, 0, 0).expect("01:00 exists")
    };
    debug_assert_eq!(last_sunday(3).weekday(), Weekday::Sun);
    if utc >= last_sunday(3) && utc < last_sunday(10) { utc + Duration::hours(1) } else { utc }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_utc() {
        // 2026: BST from Sunday 29 March to Sunday 25 October.
        assert_eq!(uk_from_utc(t("2026-03-29 00:59")), t("2026-03-29 00:59"));
        assert_eq!(uk_from_utc(t("2026-03-29 01:00")), t("2026-03-29 02:00"));
        assert_eq!(uk_from_utc(t("2026-07-01 08:30")), t("2026-07-01 09:30"));
        assert_eq!(uk_from_utc(t("2026-10-25 00:59")), t("2026-10-25 01:59"));
        assert_eq!(uk_from_utc(t("2026-10-25 01:00")), t("2026-10-25 01:00"));
        assert_eq!(uk_from_utc(t("2026-12-07 09:30")), t("2026-12-07 09:30"));
    }
}
