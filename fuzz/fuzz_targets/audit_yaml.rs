//! The `validate` parser path on arbitrary bytes: decode, parse into the
//! position-keeping tree, and check against every built-in template. Any panic
//! or hang is a bug; errors and findings are expected.
//!
//!   mkdir -p fuzz/corpus/audit_yaml && cp examples/audits/*.yaml examples/audits/invalid/*.yaml fuzz/corpus/audit_yaml/
//!   cargo +nightly fuzz run audit_yaml -- -max_total_time=600
#![no_main]

use caseaudit::calendar::{Calendar, Region};
use caseaudit::checklist::{self, audit};
use caseaudit::yaml::tree as yamltree;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn templates() -> &'static Vec<checklist::Template> {
    static T: OnceLock<Vec<checklist::Template>> = OnceLock::new();
    T.get_or_init(|| checklist::BUILT_IN.iter().map(|(n, _)| caseaudit::ops::config::template(n).expect("built-in")).collect())
}

fn calendar() -> &'static Calendar {
    static C: OnceLock<Calendar> = OnceLock::new();
    C.get_or_init(|| Calendar::new(Region::EnglandAndWales, Default::default()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = yamltree::decode(data) else { return };
    let Ok(tree) = yamltree::parse(&text) else { return };
    let cx = audit::Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        calendar: calendar(),
        count_event_day: false,
        staff: None,
    };
    for t in templates() {
        let findings = audit::check(&tree, t, &cx);
        // Positions are inside the text (line 0 only for whole-file problems).
        let lines = yamltree::lines(&text).len().max(1) as u32;
        for f in findings {
            assert!(f.line <= lines + 1, "{f:?} past the end ({lines} lines)");
        }
    }
    let _ = yamltree::to_json(&tree);
});
