//! SSD and SSDA903 tables on arbitrary bytes: up to four tables separated by
//! lines `%%`, written as involvements, professionals, looked-after episodes
//! and reviews, then read into children's events and tracked. Any panic or
//! hang is a bug; errors and warnings are expected.
//!
//!   (cd fuzz && cargo +nightly fuzz run ssd_tables -- -max_total_time=600)
#![no_main]

use caseaudit::calendar::{Calendar, Region};
use caseaudit::timescales::track::Context;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["ssd_involvements.csv", "ssd_professionals.csv", "episodes.csv", "ssd_cla_reviews.csv"];

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let mut rest = data;
    for name in NAMES {
        let end = rest.windows(4).position(|w| w == b"\n%%\n");
        let (table, next) = match end {
            Some(i) => (&rest[..i], &rest[i + 4..]),
            None => (rest, &b""[..]),
        };
        std::fs::write(dir.path().join(name), table).unwrap();
        rest = next;
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let Ok(x) = caseaudit::ssd::read(&[path], day, &|r| r == "social_worker") else { return };
    let set = caseaudit::ops::config::timescales("default").unwrap();
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let records = |e: &caseaudit::model::event_kind::EventKind| x.recordable.contains(e);
    let cx = Context { set: &set, cal: &cal, count_event_day: false, as_of: Some(day), records: Some(&records) };
    for mut case in x.children {
        let _ = caseaudit::timescales::track::track(&cx, &mut case);
    }
});
