//! Every row of the documented timescale table, each on a date that crosses a bank
//! holiday or a month end (expected dates worked out by hand on the 2026–27
//! England and Wales calendar: Christmas Fri 25 Dec, Boxing Day substitute Mon 28
//! Dec, New Year's Day Fri 1 Jan, summer bank holiday Mon 31 Aug).

use crate::common;
use common::*;
use std::collections::BTreeMap;

/// obligation → due date for `due EVENT DATE ARGS…`.
fn due(event: &str, date: &str, extra: &[&str]) -> BTreeMap<String, String> {
    let mut args = vec!["due", event, date];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    parse_csv(&r.stdout).into_iter().map(|row| (row["obligation"].clone(), row["due"].clone())).collect()
}

fn has(got: &BTreeMap<String, String>, want: &[(&str, &str)]) {
    for (o, d) in want {
        assert_eq!(got.get(*o).map(String::as_str), Some(*d), "{o} in {got:?}");
    }
}

#[test]
fn recording() {
    has(&due("recorded-event", "2026-12-22", &[]), &[("record-written", "2026-12-31")]);
    has(&due("recorded-event", "2026-12-22", &["--detail", "cp"]), &[("record-written", "2026-12-24")]);
}

#[test]
fn contact_and_referral() {
    has(&due("contact", "31/12/2026", &[]), &[("referral-record", "2027-01-01")]);
    has(
        &due("referral", "2026-12-18", &[]),
        &[("initial-visit", "2026-12-31"), ("child-and-family-assessment", "2027-02-10")],
    );
}

#[test]
fn child_in_need() {
    has(&due("assessment-completed", "2026-12-18", &[]), &[("initial-cin-review", "2027-01-01")]);
    has(&due("cin-review", "2026-11-30", &[]), &[("next-cin-review", "2027-02-28")]);
    has(&due("cin-visit", "2026-12-14", &[]), &[("next-cin-visit", "2027-01-04"), ("unannounced-visit", "2027-03-14")]);
}

#[test]
fn child_protection() {
    has(&due("concerns-raised", "2026-12-23", &[]), &[("strategy-discussion", "2026-12-30")]);
    has(&due("strategy-discussion", "2026-12-04", &[]), &[("icpcc", "2026-12-29")]);
    let icpcc = due("icpcc", "2027-01-04", &[]);
    has(
        &icpcc,
        &[
            // 2 days before Monday 4 January is Saturday the 2nd: back over New
            // Year's Day to Thursday 31 December (docs/timescales.md).
            ("report-to-chair", "2026-12-31"),
            ("invitations-sent", "2026-12-23"),
            ("first-core-group", "2027-01-14"),
            ("first-rcpcc", "2027-04-04"),
        ],
    );
    has(&due("core-group", "2026-11-30", &[]), &[("next-core-group", "2027-01-11")]);
    has(&due("pre-birth-icpcc", "2027-01-04", &[]), &[("invitations-sent", "2026-12-23")]);
    has(&due("birth", "2026-12-28", &[]), &[("review-or-core-group", "2027-01-07")]);
    has(&due("birth", "2026-12-28", &["--detail", "mother-not-fit"]), &[("review-or-core-group", "2027-01-17")]);
    has(
        &due("rcpcc", "2026-08-31", &[]),
        &[("updated-assessment-to-chair", "2026-08-26"), ("next-rcpcc", "2027-02-28"), ("midway-review", "2026-11-30")],
    );
    let visit = due("cp-visit", "2026-12-22", &["--dob", "2025-06-01"]);
    has(&visit, &[("next-cp-visit", "2027-01-01"), ("seen-awake", "2027-02-02")]);
    assert!(!due("cp-visit", "2026-12-22", &["--dob", "2021-06-01"]).contains_key("seen-awake"), "over 3");
}

#[test]
fn looked_after() {
    has(
        &due("became-looked-after", "2026-12-18", &[]),
        &[
            ("care-plan", "2027-01-06"),
            ("placement-plan", "2027-01-06"),
            ("initial-health-assessment", "2027-01-06"),
            ("pep-initiated", "2027-01-06"),
            ("dental-check", "2027-01-06"),
            ("first-visit", "2026-12-25"),
            ("first-cla-review", "2027-01-20"),
        ],
    );
    has(
        &due("cla-review", "2027-01-04", &["--detail", "later"]),
        &[
            ("invitations-sent", "2026-12-21"),
            ("documents-to-iro", "2026-12-29"),
            ("next-cla-review", "2027-07-04"),
            ("midway-review", "2027-04-04"),
        ],
    );
    has(&due("cla-review", "2027-01-04", &["--detail", "first"]), &[("next-cla-review", "2027-04-04")]);
    // One review alone cannot say whether it was the first: the earlier date
    // (the rows and notes are pinned in tests/it/due_missing.rs, docs/timescales.md).
    has(&due("cla-review", "2027-01-04", &[]), &[("next-cla-review", "2027-04-04")]);
    has(
        &due("placement-move", "2026-12-28", &[]),
        &[("visit-after-move", "2027-01-04"), ("placement-agreement-meeting", "2026-12-21")],
    );
    has(
        &due("placement-move", "2026-12-28", &["--detail", "emergency"]),
        &[("placement-agreement-meeting", "2027-01-02")],
    );
    has(&due("cla-visit", "2026-11-30", &[]), &[("next-cla-visit", "2027-01-11")]);
    has(&due("cla-visit", "2026-11-30", &["--detail", "permanent"]), &[("next-cla-visit", "2027-02-28")]);
    has(&due("cla-visit", "2026-11-30", &["--detail", "reg24"]), &[("next-cla-visit", "2026-12-07")]);
    has(
        &due("cla-visit", "2026-11-30", &["--detail", "reg24,after-first-review"]),
        &[("next-cla-visit", "2026-12-28")],
    );
    has(&due("cla-visit", "2026-11-30", &["--detail", "placed-with-parents"]), &[("next-cla-visit", "2026-12-07")]);
    has(
        &due("cla-visit", "2026-11-30", &["--detail", "placed-with-parents", "--detail", "after-first-review"]),
        &[("next-cla-visit", "2026-12-28")],
    );
    has(
        &due("health-assessment", "2026-08-31", &["--dob", "2023-01-01"]),
        &[("review-health-assessment", "2027-02-28")],
    );
    has(
        &due("health-assessment", "2026-08-31", &["--dob", "2020-01-01"]),
        &[("review-health-assessment", "2027-08-31")],
    );
    has(&due("dental-check", "2024-02-29", &[]), &[("next-dental-check", "2025-02-28")]);
}

#[test]
fn care_leavers() {
    has(&due("sixteenth-birthday", "2026-11-30", &[]), &[("pathway-plan", "2027-02-28")]);
    has(&due("pathway-plan-review", "2026-08-31", &[]), &[("next-pathway-plan-review", "2027-02-28")]);
    has(&due("care-leaver-contact", "2026-11-30", &["--dob", "2007-06-01"]), &[("next-pa-visit", "2027-01-25")]);
    has(&due("care-leaver-contact", "2026-11-30", &["--dob", "2004-06-01"]), &[("next-pa-visit", "2027-02-28")]);
    assert!(due("care-leaver-contact", "2026-11-30", &["--dob", "2000-06-01"]).is_empty(), "26: no more visits");
    has(&due("care-leaver-move", "2026-12-28", &[]), &[("pa-visit-after-move", "2027-01-04")]);
}

#[test]
fn audit_timetables() {
    has(
        &due("audit-month", "2026-12-01", &[]),
        &[
            ("list-to-service-manager", "2027-01-05"),
            ("tools-to-pmu", "2027-01-20"),
            ("pmu-collation", "2027-02-01"),
            ("stage1-audit", "2026-12-21"),
            ("stage2-moderation", "2026-12-21"),
        ],
    );
    has(
        &due("inadequate-audit", "2026-12-22", &["--detail", "safeguarding"]),
        &[("safeguarding-actions", "2026-12-31"), ("other-actions", "2027-01-19")],
    );
    assert!(!due("inadequate-audit", "2026-12-22", &[]).contains_key("safeguarding-actions"));
}

/// A timetable date that falls on a weekend or bank holiday rolls back to the
/// last working day before it ("by the 5th" is Friday the 4th).
#[test]
fn audit_timetable_dates_fall_on_working_days() {
    has(
        &due("audit-month", "2026-11-01", &[]),
        &[
            ("list-to-service-manager", "2026-12-04"),
            ("tools-to-pmu", "2026-12-18"),
            ("pmu-collation", "2026-12-31"),
            ("stage1-audit", "2026-11-20"),
            ("stage2-moderation", "2026-11-20"),
        ],
    );
}

/// The rule column carries the timescale in the procedure's words, and the
/// source names the document and section by its short title (docs/sources.md).
#[test]
fn rules_and_sources_in_the_words_users_know() {
    let rows = |event: &str, date: &str| {
        let r = run(&["due", event, date]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        parse_csv(&r.stdout)
            .into_iter()
            .map(|row| (row["obligation"].clone(), (row["rule"].clone(), row["source"].clone())))
            .collect::<BTreeMap<_, _>>()
    };
    let contact = rows("contact", "2026-11-20");
    assert_eq!(
        contact["referral-record"],
        ("24 hours".to_string(), "QA induction: Contact and Referral Record".to_string())
    );
    let audit = rows("audit-month", "2026-11-01");
    assert_eq!(audit["stage1-audit"].0, "first 3 weeks of the month");
    assert_eq!(audit["stage1-audit"].1, "Good practice audit guidance: Stage 1");
    assert_eq!(audit["list-to-service-manager"].0, "by the 5th of the next month");
    assert_eq!(audit["list-to-service-manager"].1, "Quality Practice Audit Appendix 5");
    let lac = rows("became-looked-after", "2026-11-20");
    assert_eq!(lac["first-visit"].1, "QA induction: CLA visits");
    let statutory = run(&["due", "cla-review", "2026-11-20", "--timescales", "statutory"]);
    assert!(statutory.stdout.contains("Care Planning Regulations 2010 reg 33"), "{}", statutory.stdout);
    // No output of any built-in set says "seed".
    for set in ["default", "statutory"] {
        for event in ["contact", "referral", "icpcc", "became-looked-after", "cla-visit", "audit-month"] {
            let r = run(&["due", event, "2026-11-20", "--timescales", set]);
            assert!(!r.stdout.to_lowercase().contains("seed"), "{set} {event}: {}", r.stdout);
        }
    }
}

#[test]
fn statutory_set() {
    has(
        &due("referral", "2026-12-18", &["--timescales", "statutory"]),
        &[("child-and-family-assessment", "2027-02-24")],
    );
    has(&due("icpcc", "2027-01-04", &["--timescales", "statutory"]), &[("first-core-group", "2027-01-18")]);
}

#[test]
fn as_of_adds_status_and_exits_1_when_overdue() {
    let r = run(&["due", "became-looked-after", "2026-12-18", "--as-of", "2027-01-05"]);
    assert_eq!(r.code, 1, "overdue items");
    let rows = parse_csv(&r.stdout);
    let status: BTreeMap<_, _> =
        rows.iter().map(|r| (r["obligation"].as_str(), (r["status"].as_str(), r["days_left"].as_str()))).collect();
    assert_eq!(status["first-visit"], ("overdue", "-11"));
    assert_eq!(status["care-plan"], ("due-soon", "1"));
    assert_eq!(status["first-cla-review"], ("open", "15"));
    // Nothing overdue yet on 11 December: the placement agreement meeting
    // (7 days before coming into care) is due that day (docs/timescales.md).
    assert_eq!(run(&["due", "became-looked-after", "2026-12-18", "--as-of", "2026-12-11"]).code, 0);
    assert_eq!(run(&["due", "became-looked-after", "2026-12-18", "--as-of", "2026-12-14"]).code, 1);
}

#[test]
fn bad_input_gives_exit_2_and_one_line() {
    for (args, needle) in [
        (vec!["due", "review", "2026-11-20"], "unknown event 'review'; known events: contact, referral"),
        (vec!["due", "cla-visit", "2026-11-20", "--detail", "urgent"], "unknown --detail 'urgent'"),
        (vec!["due", "cla-visit", "31/02/2026"], "'31/02/2026' does not exist"),
        (vec!["due", "cla-visit", "2026-11-20", "--timescales", "local"], "neither a built-in timescale set"),
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(needle), "{needle:?} in {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
    let d = Dir::new();
    let bad = d.write(
        "local.yaml",
        &["name: local", "obligations:", "  - {event: referral, obligation: visit, rule: 7 fortnights, source: x}"],
    );
    let r = run(&["due", "referral", "2026-11-20", "--timescales", &bad]);
    assert_eq!(r.code, 2);
    // The mistake is named with its line and column.
    assert!(
        r.stderr.contains("local.yaml:3:48: obligation 1 ('visit' after 'referral'): '7 fortnights'"),
        "{}",
        r.stderr
    );
    let bad = d.write(
        "local.yaml",
        &["name: local", "obligations:", "  - {event: referral, obligation: visit, rule: 7 days, sauce: x}"],
    );
    let r = run(&["due", "referral", "2026-11-20", "--timescales", &bad]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("local.yaml:3:"), "line and column: {}", r.stderr);
}

/// A local set may write a rule in its own words and say how it is counted.
#[test]
fn a_rule_in_words_is_counted_as_its_offset() {
    let d = Dir::new();
    let set = d.write(
        "local.yaml",
        &[
            "name: local",
            "extends: default",
            "obligations:",
            "  - {event: referral, obligation: initial-visit, rule: within a fortnight, counted_as: 2 weeks, met_by: cin-visit, source: local}",
        ],
    );
    let r = run(&["due", "referral", "2026-11-20", "--timescales", &set]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = parse_csv(&r.stdout);
    let visit = rows.iter().find(|r| r["obligation"] == "initial-visit").unwrap();
    assert_eq!((visit["due"].as_str(), visit["rule"].as_str()), ("2026-12-04", "within a fortnight"));
    // Words that are not an offset, with nothing to say how to count them.
    let bad = d.write(
        "bad.yaml",
        &["name: bad", "obligations:", "  - {event: referral, obligation: visit, rule: within a fortnight, source: x}"],
    );
    let r = run(&["due", "referral", "2026-11-20", "--timescales", &bad]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("add counted_as:"), "{}", r.stderr);
}

/// `due EVENT DATE ARGS…` as rows of obligation → (due, note).
fn rows(event: &str, date: &str, extra: &[&str]) -> BTreeMap<String, (String, String)> {
    let mut args = vec!["due", event, date];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    parse_csv(&r.stdout)
        .into_iter()
        .map(|row| (row["obligation"].clone(), (row["due"].clone(), row.get("note").cloned().unwrap_or_default())))
        .collect()
}

/// docs/timescales.md: a date counted back from an event that falls on a day
/// nobody works moves back to the last working day before it, as the audit
/// timetable's dates do; a closure day too; a local set may roll forward.
#[test]
fn counted_back_dates_fall_on_working_days() {
    // Monday 23 November 2026: 2 days before is Saturday the 21st.
    has(&due("icpcc", "2026-11-23", &[]), &[("report-to-chair", "2026-11-20"), ("invitations-sent", "2026-11-16")]);
    has(&due("pre-birth-icpcc", "2026-01-05", &[]), &[("report-to-chair", "2026-01-02")]);
    // Friday 27 November: 5 days before is Sunday the 22nd.
    has(&due("rcpcc", "2026-11-27", &[]), &[("updated-assessment-to-chair", "2026-11-20")]);
    // Friday 8 January 2027: 2 weeks before is Christmas Day; 3 working days
    // before is Tuesday 5 January (New Year's Day is not one).
    has(
        &due("cla-review", "2027-01-08", &["--detail", "later"]),
        &[("invitations-sent", "2026-12-24"), ("documents-to-iro", "2027-01-05")],
    );
    // Monday 4 January 2027: 7 days before is the Boxing Day substitute.
    has(&due("placement-move", "2027-01-04", &[]), &[("placement-agreement-meeting", "2026-12-24")]);
    // A date counted forward stays as counted (within 10 days: by Sunday).
    has(&due("icpcc", "2026-11-20", &[]), &[("first-core-group", "2026-11-30"), ("report-to-chair", "2026-11-18")]);
    // A closure on the Friday moves the report back to Thursday.
    let d = Dir::new();
    let closures = d.write("closures.csv", &["date,name", "2026-11-20,Office move"]);
    let r = run(&["--closures", &closures, "due", "icpcc", "2026-11-23"]);
    assert!(r.stdout.contains(",report-to-chair,2026-11-19,"), "{}", r.stdout);
    // A local set may say roll: forward.
    let set = d.write(
        "local.yaml",
        &[
            "name: local",
            "extends: default",
            "obligations:",
            "  - {event: icpcc, obligation: report-to-chair, rule: 2 days before, roll: forward, source: local}",
        ],
    );
    has(&due("icpcc", "2026-11-23", &["--timescales", &set]), &[("report-to-chair", "2026-11-23")]);
}

/// docs/timescales.md: the initial placement "when a child first enters care"
/// owes a placement agreement meeting as a move does: 7 days before, or within
/// 5 days of an emergency placement.
#[test]
fn a_placement_agreement_meeting_when_a_child_first_enters_care() {
    has(&due("became-looked-after", "2026-11-30", &[]), &[("placement-agreement-meeting", "2026-11-23")]);
    let emergency = due("became-looked-after", "2026-11-30", &["--detail", "emergency"]);
    has(&emergency, &[("placement-agreement-meeting", "2026-12-05")]);
    for set in ["default", "statutory"] {
        assert!(
            due("became-looked-after", "2026-11-30", &["--timescales", set])
                .contains_key("placement-agreement-meeting")
        );
    }
}

/// docs/timescales.md: the midway meeting of the IRO and the social worker, 3
/// months after each review followed by a 6-monthly one, unless the IRO finds
/// it not necessary; the review conference's midway review likewise, unless
/// the chair does.
#[test]
fn midway_reviews_between_six_monthly_reviews() {
    for set in ["default", "statutory"] {
        has(
            &due("cla-review", "2026-11-30", &["--detail", "later", "--timescales", set]),
            &[("midway-review", "2027-02-28")],
        );
        assert!(
            !due("cla-review", "2026-11-30", &["--detail", "first", "--timescales", set]).contains_key("midway-review")
        );
        assert!(
            !due("cla-review", "2026-11-30", &["--detail", "later,no-midway", "--timescales", set])
                .contains_key("midway-review")
        );
    }
    has(&due("rcpcc", "2026-11-30", &[]), &[("midway-review", "2027-02-28")]);
    assert!(!due("rcpcc", "2026-11-30", &["--detail", "no-midway"]).contains_key("midway-review"));
}

/// docs/timescales.md: the conference follows a strategy discussion where a
/// section 47 enquiry was initiated; one recorded as starting none, or whose
/// enquiry found a conference unnecessary, owes none, and says so on stderr.
#[test]
fn no_conference_after_a_strategy_discussion_that_started_no_enquiry() {
    for set in ["default", "statutory"] {
        assert!(due("strategy-discussion", "2026-11-20", &["--timescales", set]).contains_key("icpcc"));
        for q in ["no-s47", "icpcc-unnecessary"] {
            let r = run(&["due", "strategy-discussion", "2026-11-20", "--detail", q, "--timescales", set]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            assert!(!r.stdout.contains("icpcc"), "{q}: {}", r.stdout);
            assert!(r.stderr.contains("strategy-discussion starts no obligation"), "{}", r.stderr);
        }
    }
}

/// docs/timescales.md: services end at 25: no obligation to a care leaver falls
/// due on or after the 25th birthday; the last contact before it owes none.
#[test]
fn nothing_falls_due_to_a_care_leaver_from_the_25th_birthday() {
    // 25 on 1 February 2027.
    let dob = ["--dob", "2002-02-01"];
    has(&due("care-leaver-contact", "2026-10-31", &dob), &[("next-pa-visit", "2027-01-31")]);
    assert!(due("care-leaver-contact", "2026-11-01", &dob).is_empty(), "due on the birthday");
    assert!(due("pathway-plan-review", "2026-08-01", &dob).is_empty());
    has(&due("pathway-plan-review", "2026-07-31", &dob), &[("next-pathway-plan-review", "2027-01-31")]);
    has(&due("care-leaver-move", "2027-01-24", &dob), &[("pa-visit-after-move", "2027-01-31")]);
    assert!(due("care-leaver-move", "2027-01-25", &dob).is_empty());
    // 20 on the day: 8 weeks, even though the visit falls after the 21st birthday.
    has(&due("care-leaver-contact", "2026-12-01", &["--dob", "2006-12-15"]), &[("next-pa-visit", "2027-01-26")]);
}

/// docs/timescales.md: without the date of birth an age rule needs, or
/// the qualifier that says which review it was, the obligation is listed at
/// the earliest date it could be due, with a note naming the other.
#[test]
fn missing_facts_give_the_earliest_date_and_a_note() {
    let health = rows("health-assessment", "2026-08-31", &[]);
    let (due, note) = &health["review-health-assessment"];
    assert_eq!(due, "2027-02-28");
    assert_eq!(
        note,
        "the date of birth is missing: the earlier possible due date is used (2027-08-31 if aged 5 or over)"
    );
    let pa = rows("care-leaver-contact", "2026-11-30", &[]);
    assert_eq!(
        pa["next-pa-visit"],
        (
            "2027-01-25".to_string(),
            "the date of birth is missing: the earlier possible due date is used (2027-02-28 if aged 21 or over)"
                .to_string()
        )
    );
    let visit = rows("cp-visit", "2026-12-22", &[]);
    assert_eq!(
        visit["seen-awake"],
        ("2027-02-02".into(), "the date of birth is missing: not owed if aged 3 or over".into())
    );
    assert_eq!(visit["next-cp-visit"], ("2027-01-01".into(), String::new()));
    let review = rows("cla-review", "2027-01-04", &[]);
    assert_eq!(
        review["next-cla-review"].1,
        "the data cannot tell whether this was the first review: the earlier possible due date is used (2027-07-04 if it was a later one)"
    );
    assert_eq!(
        review["midway-review"],
        (
            "2027-04-04".into(),
            "the data cannot tell whether this was the first review: not owed if it was the first".into()
        )
    );
    // Regulation 24 visits: weekly until the first review, 4-weekly after.
    let reg24 = rows("cla-visit", "2026-11-30", &["--detail", "reg24"]);
    assert_eq!(reg24["next-cla-visit"].0, "2026-12-07");
    assert!(reg24["next-cla-visit"].1.contains("(2026-12-28 if it had)"), "{reg24:?}");
    assert_eq!(rows("cla-visit", "2026-11-30", &["--detail", "reg24,before-first-review"])["next-cla-visit"].1, "");
    // Statutory: a permanent placement's visits are 3-monthly after its first year.
    let permanent = rows("cla-visit", "2026-11-30", &["--detail", "permanent", "--timescales", "statutory"]);
    assert!(permanent["next-cla-visit"].1.contains("whether the placement had lasted a year"), "{permanent:?}");
    // With the facts, one date and no note (and no note column).
    let r = run(&["due", "health-assessment", "2026-08-31", "--dob", "2020-01-01"]);
    assert!(r.stdout.starts_with("case_id,event,event_date,obligation,due,rule,source\n"), "{}", r.stdout);
    // As of a date between the two: check-age, never overdue, and exit 0.
    let r = run(&["due", "health-assessment", "2026-08-31", "--as-of", "2027-05-01"]);
    assert_eq!(r.code, 0);
    assert_eq!(parse_csv(&r.stdout)[0]["status"], "check-age");
    let r = run(&["due", "health-assessment", "2026-08-31", "--as-of", "2027-09-01"]);
    assert_eq!((r.code, parse_csv(&r.stdout)[0]["status"].as_str()), (1, "overdue"));
    // Contradicting qualifiers are refused.
    let r = run(&["due", "cla-review", "2027-01-04", "--detail", "first,later"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--detail first and later contradict each other"), "{}", r.stderr);
}

/// docs/timescales.md has a row for every rule of both built-in sets (what
/// happens without a date of birth or a qualifier), and the timescale schema
/// knows every qualifier `due` takes.
#[test]
fn every_rule_is_in_the_missing_facts_table() {
    let doc = std::fs::read_to_string("docs/timescales.md").unwrap();
    let rows: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    for name in ["default", "statutory"] {
        let set = caseaudit::ops::config::timescales(name).unwrap();
        for (e, _) in &set.entries {
            let (event, obligation) = (format!("| `{}` |", e.event), format!("`{}`", e.obligation));
            assert!(
                rows.iter().any(|r| r.starts_with(&event) && r.contains(&obligation)),
                "docs/timescales.md has no row for {} {}",
                e.event,
                e.obligation
            );
        }
    }
    let schema = std::fs::read_to_string("schemas/timescales.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let known: Vec<&str> =
        schema["$defs"]["details"]["items"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(known, caseaudit::timescales::DETAILS);
}
