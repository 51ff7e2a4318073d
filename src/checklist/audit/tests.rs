use super::*;
use crate::calendar::Region;

const GOOD: &str = include_str!("../../../examples/audits/good-practice-valid.yaml");
const QUALITY: &str = include_str!("../../../examples/audits/quality-practice-valid.yaml");

fn run(text: &str, template: &str, staff: Option<&Staff>) -> Vec<(Rule, u32, String)> {
    let t = crate::checklist::built_in(template).unwrap();
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let cx = Context { today, calendar: &cal, count_event_day: false, staff };
    let tree = crate::yaml::tree::parse(text).unwrap();
    check(&tree, &t, &cx).into_iter().map(|f| (f.rule, f.line, f.message)).collect()
}

fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_string(), |t, (a, b)| {
        assert!(t.contains(a), "{a}");
        t.replacen(a, b, 1)
    })
}

fn rules(found: &[(Rule, u32, String)]) -> Vec<Rule> {
    found.iter().map(|f| f.0).collect()
}

#[test]
fn valid_examples_pass() {
    assert_eq!(run(GOOD, "good-practice", None), vec![]);
    assert_eq!(run(QUALITY, "quality-practice", None), vec![]);
}

#[test]
fn the_procedure_s_own_evidence_example_has_an_ambiguous_year() {
    // Quality Practice Audit §6.1 writes "Risk Assessment - 14/06/05 - Paper File".
    let text =
        edit(QUALITY, &[("Risk assessment – 14/10/2026 – paper file", "Risk Assessment - 14/06/05 - Paper File")]);
    let found = run(&text, "quality-practice", None);
    assert_eq!(rules(&found), [Rule::EvidenceFormat]);
    assert!(found[0].2.contains("two-digit year"), "{}", found[0].2);
}

#[test]
fn seen_alone_n_a_meets_the_limiting_judgement_and_no_does_not() {
    let no = edit(GOOD, &[("  a_seen_alone:\n    answer: \"N/A\"", "  a_seen_alone:\n    answer: \"No\"")]);
    let found = run(&no, "good-practice", None);
    assert_eq!(rules(&found), [Rule::LimitingJudgement, Rule::LimitingJudgement]);
    // Requires Improvement is allowed whatever the limiting judgements say.
    let ri = edit(
        &no,
        &[
            ("  assessment: Good", "  assessment: Requires Improvement"),
            ("  overall: Good", "  overall: Requires Improvement"),
        ],
    );
    assert_eq!(run(&ri, "good-practice", None), vec![]);
}

#[test]
fn urgent_actions_count_working_days_across_christmas() {
    // Audit on Wednesday 23 December 2026: 5 working days skip Christmas
    // Day, the substitute Boxing Day (Monday 28th) and New Year's Day.
    let base = edit(
        GOOD,
        &[
            ("  overall: Good", "  overall: Inadequate"),
            ("  assessment: Good", "  assessment: Inadequate"),
            ("safeguarding_concerns: no", "safeguarding_concerns: yes"),
            ("audit_date: 2026-11-16", "audit_date: 2026-12-23"),
            ("  date: 2026-11-20", "  date: 2026-12-30"),
        ],
    );
    let on_time = edit(&base, &[("    due: 2026-12-09", "    due: 2027-01-04")]);
    assert_eq!(run(&on_time, "good-practice", None), vec![]);
    let late = edit(&base, &[("    due: 2026-12-09", "    due: 2027-01-05")]);
    let found = run(&late, "good-practice", None);
    assert_eq!(rules(&found), [Rule::ActionDueTooLate]);
    assert!(found[0].2.contains("by 2027-01-04"), "{}", found[0].2);
    // Without safeguarding concerns the limit is 4 weeks: 20 January.
    let calm = edit(&late, &[("safeguarding_concerns: yes", "safeguarding_concerns: no")]);
    assert_eq!(run(&calm, "good-practice", None), vec![]);
    let calm_late = edit(&calm, &[("    due: 2027-01-05", "    due: 2027-01-21")]);
    assert_eq!(rules(&run(&calm_late, "good-practice", None)), [Rule::ActionDueTooLate]);
}

#[test]
fn auditor_anywhere_above_the_worker_is_refused() {
    use crate::model::staff::StaffMember;
    let m = |id: &str, manager: Option<u32>| StaffMember {
        name: String::new(),
        email: String::new(),
        id: id.into(),
        role: "x".into(),
        role_title: "x".into(),
        team: 0,
        area: 0,
        manager,
        covering: None,
        active: true,
        audit_capacity: None,
        line: 0,
    };
    // H ← G ← T ← W; X elsewhere.
    let staff =
        Staff::from_members(vec![m("H", None), m("G", Some(0)), m("T", Some(1)), m("W", Some(2)), m("X", Some(0))]);
    let audit = |auditor: &str| {
        edit(
            QUALITY,
            &[
                ("  allocated_worker: W04", "  allocated_worker: W"),
                ("  auditor: TM02", &format!("  auditor: {auditor}")),
            ],
        )
    };
    for (auditor, expect) in [("H", true), ("G", true), ("T", true), ("W", true), ("X", false)] {
        let found = run(&audit(auditor), "quality-practice", Some(&staff));
        assert_eq!(found.iter().any(|f| f.0 == Rule::AuditorInLine), expect, "{auditor}: {found:?}");
    }
    let found = run(&audit("G"), "quality-practice", Some(&staff));
    assert!(found[0].2.contains("(W → T → G)"), "{}", found[0].2);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = edit(
        QUALITY,
        &[
            ("  team_manager: TM01", "  team_manager:"),
            ("  q2:\n    answer: \"Yes\"", "  q2:\n    answer: \"Maybe\""),
            ("signature: TM02", "signature:"),
        ],
    );
    let found = run(&text, "quality-practice", None);
    assert_eq!(rules(&found), [Rule::MissingField, Rule::AnswerNotAllowed, Rule::MissingSignature]);
    // In file order.
    assert!(found.windows(2).all(|w| w[0].1 <= w[1].1));
}

#[test]
fn evidence_may_be_dated_the_audit_day_but_not_the_day_after() {
    let on = edit(QUALITY, &[("Supervision record - 05/11/2026 - Mosaic", "Supervision record - 18/11/2026 - Mosaic")]);
    assert_eq!(run(&on, "quality-practice", None), vec![]);
    let after =
        edit(QUALITY, &[("Supervision record - 05/11/2026 - Mosaic", "Supervision record - 19/11/2026 - Mosaic")]);
    assert_eq!(rules(&run(&after, "quality-practice", None)), [Rule::EvidenceAfterAudit]);
    // The focus window (good-practice, 6 months): 16 May 2026 is inside, the 15th is not.
    for (date, expect) in [("16/05/2026", vec![]), ("15/05/2026", vec![Rule::EvidenceBeforeWindow])] {
        let text =
            edit(GOOD, &[("Assessment visit - 12/09/2026 - Mosaic", &format!("Assessment visit - {date} - Mosaic"))]);
        assert_eq!(rules(&run(&text, "good-practice", None)), expect, "{date}");
    }
}

#[test]
fn slips_get_a_suggestion() {
    assert_eq!(did_you_mean("case_reff", &["case_ref", "team"]), Some("case_ref"));
    assert_eq!(did_you_mean("zzzz", &["case_ref", "team"]), None);
    assert_eq!(did_you_mean("Sittin", &["kitten", "sitting"]), Some("sitting"));
}

/// Quality Practice Audit App. 3: Q14 "will only apply when a case is being
/// transferred or closed". For an open case it may be left out, left as
/// `form` writes it (no answer), or answered N/A; what is written under it
/// is still read (docs/reference/input-files.md).
#[test]
fn a_question_that_does_not_apply_may_be_left_unanswered() {
    let q14 = "  q14:\n    answer: \"N/A\"\n    comment: The case is open.\n";
    let as_written = "  q14:\n    answer:  # \"Yes\" | \"No\" | \"N/A\"\n    evidence: []\n    comment: \"\"\n";
    for left in [as_written, "  q14:\n", "  q14: \"\"\n", "  q14:\n    comment: Open case.\n"] {
        let text = edit(QUALITY, &[(q14, left)]);
        assert_eq!(run(&text, "quality-practice", None), vec![], "{left}");
        for status in ["closing", "transferring"] {
            let needed = edit(&text, &[("case_status: open", &format!("case_status: {status}"))]);
            assert_eq!(rules(&run(&needed, "quality-practice", None)), [Rule::MissingAnswer], "{status}: {left}");
        }
    }
    let listed = edit(QUALITY, &[(q14, "  q14:\n    answer:\n    comment: [a, b]\n")]);
    assert_eq!(rules(&run(&listed, "quality-practice", None)), [Rule::WrongType]);
    let answered = edit(QUALITY, &[(q14, "  q14:\n    answer: \"No\"\n")]);
    let found = run(&answered, "quality-practice", None);
    assert_eq!(rules(&found), [Rule::NotApplicable]);
}

/// Text typed without quotes over a form's `""` keeps the form's comment
/// after it, two spaces before the `#`: that text is whole. One space before
/// `#` is prose cut short (`see case note #12`).
#[test]
fn text_is_cut_short_by_one_space_and_hash_not_by_the_form_s_comment() {
    let before = "  team_manager: TM01";
    let whole = edit(QUALITY, &[(before, "  team_manager: Tess Manager  # Team Manager (required)")]);
    assert_eq!(run(&whole, "quality-practice", None), vec![]);
    let cut = edit(QUALITY, &[(before, "  team_manager: Tess Manager #2 in the team")]);
    assert_eq!(rules(&run(&cut, "quality-practice", None)), [Rule::TextCutShort]);
}
