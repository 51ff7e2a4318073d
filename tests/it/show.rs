//! `caseaudit show KIND NAME` prints each built-in exactly as the tool reads
//! it, so a user can copy it, change it, and give the copy back.

use crate::common;
use common::*;

#[test]
fn every_built_in_is_shown_as_it_is_read() {
    let kinds: [(&str, &[(&str, &str)]); 5] = [
        ("policy", &caseaudit::select::policy::BUILT_IN),
        ("rules", &caseaudit::check::BUILT_IN),
        ("template", &caseaudit::checklist::BUILT_IN),
        ("timescales", &caseaudit::timescales::BUILT_IN),
        ("columns", &caseaudit::io::columns::PRESETS),
    ];
    for (kind, built_in) in kinds {
        for (name, text) in built_in {
            let r = run(&["show", kind, name]);
            assert_eq!(r.code, 0, "{kind} {name}: {}", r.stderr);
            assert_eq!(&r.stdout, text, "{kind} {name}");
        }
    }
}

#[test]
fn a_copy_changed_and_given_back_is_used() {
    let d = Dir::new();
    let r = run(&["show", "timescales", "default"]);
    let local = r.stdout.replace("rule: 7 working days, met_by: cin-visit", "rule: 5 working days, met_by: cin-visit");
    assert_ne!(local, r.stdout);
    let path = d.write("local.yaml", &[local.trim_end()]);
    let due = run(&["due", "referral", "2026-11-20", "--timescales", &path]);
    assert_eq!(due.code, 0, "{}", due.stderr);
    assert!(due.stdout.contains("initial-visit,2026-11-27,5 working days"), "{}", due.stdout);
}
