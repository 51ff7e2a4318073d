//! Working-day arithmetic: `date X "N working days"` lands on a working day with
//! exactly N working days after X; forwards and backwards are inverse from a
//! working day; closures are not working days; `--count-event-day` counts as the
//! DfE CIN census validator does, weekends and bank holidays included.

use caseaudit::calendar::offset::Offset;
use caseaudit::calendar::{Calendar, Region};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn region() -> impl Strategy<Value = Region> {
    prop::sample::select(vec![Region::EnglandAndWales, Region::Scotland, Region::NorthernIreland])
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..(46 * 366)).prop_map(|k| NaiveDate::from_ymd_opt(1995, 1, 1).unwrap() + Days::new(k))
}

fn working_days_between(cal: &Calendar, after: NaiveDate, upto: NaiveDate) -> u32 {
    let mut n = 0;
    let mut d = after;
    while d < upto {
        d = d.succ_opt().unwrap();
        n += u32::from(cal.is_working_day(d));
    }
    n
}

/// The DfE CIN census validator's last compliant day for an event on `s` and a
/// limit of `n` working days, worked out day by day as it states it:
/// `busday_offset(the last working day on or before s, n - 1)`.
fn validator(cal: &Calendar, s: NaiveDate, n: u32) -> NaiveDate {
    let mut d = s;
    while !cal.is_working_day(d) {
        d = d.pred_opt().unwrap();
    }
    let mut left = n - 1;
    while left > 0 {
        d = d.succ_opt().unwrap();
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// --count-event-day agrees with the validator on every day from 2022 to 2027,
/// weekends and bank holidays included, for the limits its rules use.
#[test]
fn count_event_day_agrees_with_the_cin_validator_every_day() {
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let mut day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    let mut checked = 0;
    while day <= end {
        for n in [1u32, 10, 15, 20, 45] {
            let ours = Offset::parse(&format!("{n} working days")).unwrap().apply(&cal, day, true).unwrap();
            assert_eq!(ours, validator(&cal, day, n), "{day} + {n}");
            checked += 1;
        }
        day = day.succ_opt().unwrap();
    }
    assert_eq!(checked, 2191 * 5);
    // The validator's own results (pandas 3, numpy busdaycalendar), from the issue.
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    for (s, n, last) in
        [("2022-01-01", 10, "2022-01-14"), ("2023-01-07", 45, "2023-03-09"), ("2022-12-24", 45, "2023-02-28")]
    {
        let off = Offset::parse(&format!("{n} working days")).unwrap();
        assert_eq!(off.apply(&cal, d(s), true).unwrap(), d(last), "{s} + {n}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn n_working_days_after(r in region(), x in date(), n in 1u32..60) {
        let cal = Calendar::new(r, Default::default());
        let off = Offset::parse(&format!("{n} working days")).unwrap();
        let y = off.apply(&cal, x, false).unwrap();
        prop_assert!(cal.is_working_day(y), "{} is not a working day", y);
        prop_assert_eq!(working_days_between(&cal, x, y), n);
        // Backwards from y lands on the last working day at or before x.
        let back = Offset::parse(&format!("-{n} working days")).unwrap().apply(&cal, y, false).unwrap();
        if cal.is_working_day(x) {
            prop_assert_eq!(back, x);
        } else {
            prop_assert!(back < x && working_days_between(&cal, back, x) == 0);
        }
        // The DfE convention: one working day earlier when x is a working day;
        // otherwise the working day before x is day 1.
        let dfe = off.apply(&cal, x, true).unwrap();
        prop_assert_eq!(dfe, validator(&cal, x, n));
        if cal.is_working_day(x) {
            prop_assert_eq!(working_days_between(&cal, x, dfe), n - 1);
        }
    }

    #[test]
    fn months_clamp_and_weeks_are_seven_days(x in date(), n in 0u32..30) {
        let cal = Calendar::new(Region::EnglandAndWales, Default::default());
        let m = Offset::parse(&format!("{n} months")).unwrap().apply(&cal, x, false).unwrap();
        use chrono::Datelike;
        let target_month = (x.year() * 12 + x.month0() as i32 + n as i32) as i64;
        prop_assert_eq!((m.year() * 12 + m.month0() as i32) as i64, target_month);
        prop_assert!(m.day() == x.day() || (m.day() < x.day() && m.succ_opt().unwrap().day() == 1));
        let w = Offset::parse(&format!("{n} weeks")).unwrap().apply(&cal, x, false).unwrap();
        prop_assert_eq!((w - x).num_days(), 7 * n as i64);
    }
}

#[test]
fn closures_are_not_working_days() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let closures =
        [(d("2026-12-29"), "Office closed".to_string()), (d("2026-12-30"), "Office closed".to_string())].into();
    let cal = Calendar::new(Region::EnglandAndWales, closures);
    assert!(!cal.is_working_day(d("2026-12-29")));
    let off = Offset::parse("1 working day").unwrap();
    assert_eq!(off.apply(&cal, d("2026-12-24"), false).unwrap(), d("2026-12-31"));
    assert!(cal.holidays(2026..=2026).iter().any(|h| h.name == "Office closed"));
}
