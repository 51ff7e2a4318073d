//! The `check` path on arbitrary bytes: a rule set (YAML or JSON) and a CSV
//! export, split at the first line `%%`; without one, the first byte picks a
//! built-in rule set and the rest is the CSV. Any panic or hang is a bug; errors and
//! findings are expected.
//!
//!   (cd fuzz && cargo +nightly fuzz run check_csv -- -max_total_time=600)
#![no_main]

use caseaudit::calendar::{Calendar, Region};
use caseaudit::io::columns::ColumnMap;
use caseaudit::io::csvin::CsvFile;
use caseaudit::check::{self as rules, engine};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn built_in() -> &'static Vec<rules::RuleSet> {
    static S: OnceLock<Vec<rules::RuleSet>> = OnceLock::new();
    S.get_or_init(|| rules::BUILT_IN.iter().map(|(n, _)| caseaudit::ops::config::rule_set(n).expect("built-in")).collect())
}

fn calendar() -> &'static Calendar {
    static C: OnceLock<Calendar> = OnceLock::new();
    C.get_or_init(|| Calendar::new(Region::EnglandAndWales, Default::default()))
}

fn run(set: &rules::RuleSet, csv: &[u8]) {
    let cx = engine::Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        calendar: calendar(),
        count_event_day: false,
    };
    let Ok(mut file) = CsvFile::from_reader("fuzz.csv".into(), Box::new(std::io::Cursor::new(csv.to_vec())), "check", &ColumnMap::default()) else {
        return;
    };
    let Ok((mut engine, _)) = engine::Engine::new(set, &file, &cx) else { return };
    let mut out = Vec::new();
    while let Ok(true) = file.next_record() {
        engine.row(&file, &mut out);
        out.clear();
    }
    engine.finish(&mut out);
}

fuzz_target!(|data: &[u8]| {
    let split = data.windows(4).position(|w| w == b"\n%%\n");
    match split {
        Some(i) => {
            let Ok(text) = std::str::from_utf8(&data[..i]) else { return };
            if let Ok(set) = rules::parse("fuzz.yaml", text) {
                run(&set, &data[i + 4..]);
            }
        }
        // The first byte picks a built-in rule set; the rest is the CSV.
        None if !data.is_empty() => run(&built_in()[data[0] as usize % built_in().len()], &data[1..]),
        None => {}
    }
});
