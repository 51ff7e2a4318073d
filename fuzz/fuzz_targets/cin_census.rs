//! The CIN census reader on arbitrary bytes: read as a census, each child's
//! episodes turned into events and tracked, the indicators counted and the
//! ICPC targets checked. Any panic or hang is a bug; errors (malformed XML,
//! not a census) and findings are expected.
//!
//!   (cd fuzz && cargo +nightly fuzz run cin_census -- -max_total_time=600)
#![no_main]

use caseaudit::calendar::{Calendar, Region};
use caseaudit::model::census::CensusYear;
use caseaudit::timescales::track::Context;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut census) = caseaudit::cin::Census::new("fuzz.xml", Box::new(std::io::Cursor::new(data.to_vec()))) else {
        return;
    };
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let as_of = census.header.reference_date.map_or(day, |d| d.date);
    let year = CensusYear::ending(as_of);
    let set = caseaudit::ops::config::timescales("default").unwrap();
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let cx = Context { set: &set, cal: &cal, count_event_day: false, as_of: Some(as_of), records: None };
    let mut tally = caseaudit::timeliness::cin::Tally::new(year, as_of, &cal, true);
    while let Ok(Some(child)) = census.next_child() {
        tally.add(&child);
        let _ = caseaudit::timeliness::target::differs(&child, &cal, false);
        for mut case in caseaudit::cin::cases(&child, Some(year)) {
            let _ = caseaudit::timescales::track::track(&cx, &mut case);
        }
        let _ = census.take_findings();
    }
    let _ = tally.figures();
});
