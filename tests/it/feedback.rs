//! Family feedback (docs/report.md): records of the `family-feedback` template
//! beside generated audits, collated question by question and by who gave
//! them, and beside the overall grade of the audit of the same case in the
//! period. Every figure is computed here again from what was written.

use super::report::generate_audits::{self, Spec};
use super::report::{assert_csv, ci, n, p, report, run};
use std::path::Path;

const WHO: [&str; 4] = ["Child", "Young person", "Parent or carer", "Other"];
const SCALE: [&str; 6] = ["Strongly agree", "Agree", "Not sure", "Disagree", "Strongly disagree", "Not answered"];
const QUESTIONS: [&str; 4] = ["listened", "understands_plan", "got_better", "knows_worker"];

/// One record as written: (case, who, the answers in question order, the audit's month).
struct Record {
    case: String,
    who: &'static str,
    answers: [&'static str; 4],
    month: &'static str,
    better: bool,
}

fn write(dir: &Path, specs: &[Spec]) -> Vec<Record> {
    std::fs::create_dir_all(dir.join("feedback")).unwrap();
    let mut out = Vec::new();
    for k in 0..96 {
        // Two in three are about an audited case; the rest about none.
        let (case, month) = if k % 3 < 2 {
            let i = (k * 5) % specs.len();
            (format!("C{i:05}"), specs[i].month)
        } else {
            (format!("C9{k:04}"), "2026-10")
        };
        let answers = [0, 1, 2, 3].map(|q| SCALE[(k * 7 + q * 3 + k / 6) % 6]);
        let better = k % 4 == 1;
        let words = if better { "Things have got better at home." } else { "Thank you." };
        let mut y = format!(
            "template: family-feedback\nversion: 1\nheader:\n  case_ref: {case}\n  audit_month: {month}\nanswers:\n  respondent: \"{}\"\n  method: \"Phone\"\n",
            WHO[k % 4]
        );
        for (q, a) in QUESTIONS.iter().zip(answers) {
            y.push_str(&format!("  {q}: \"{a}\"\n"));
        }
        y.push_str(&format!("comments:\n  in_their_words: {words}\naudit_date: {month}-25\n"));
        std::fs::write(dir.join(format!("feedback/F{k:03}.yaml")), y).unwrap();
        out.push(Record { case, who: WHO[k % 4], answers, month, better });
    }
    out
}

fn rows_for(q: usize, label: &str, these: &[&Record], out: &mut Vec<Vec<String>>) {
    for a in SCALE {
        let k = these.iter().filter(|r| r.answers[q] == a).count();
        let mut row = vec![QUESTIONS[q].to_string(), label.to_string(), a.to_string(), n(k), p(k, these.len())];
        row.extend(ci(k, these.len(), these.len()));
        out.push(row);
    }
}

#[test]
fn feedback_is_collated_and_linked_to_the_audit_of_its_case() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let specs = generate_audits::write(120, d).unwrap();
    let records = write(d, &specs);
    let with = |table: &str| {
        let out = d.join(format!("{table}.csv"));
        let f = d.join("feedback").to_string_lossy().into_owned();
        assert_eq!(report(d, &[&f, "--table", table], &out), std::process::ExitCode::SUCCESS);
        std::fs::read_to_string(out).unwrap()
    };
    // Feedback is not an audit.
    assert!(with("summary").contains("audits counted,120,"));
    assert_eq!(with("summary"), run(d, "summary"));

    let mut rows = Vec::new();
    for q in 0..4 {
        for who in WHO {
            let these: Vec<&Record> = records.iter().filter(|r| r.who == who).collect();
            rows_for(q, who, &these, &mut rows);
        }
        rows_for(q, "all", &records.iter().collect::<Vec<_>>(), &mut rows);
    }
    let header = "question,respondent,answer,responses,pct_of_responses,n,ci_low,ci_high";
    assert_csv(&with("feedback"), header, rows);

    // Beside the grade of the audit of the same case: good-practice audits
    // have one; quality-practice audits none; the other cases no audit.
    let grade = |r: &Record| -> &str {
        match specs.iter().enumerate().find(|(i, _)| format!("C{i:05}") == r.case) {
            Some((_, s)) if s.quality => "not graded",
            Some((_, s)) => s.overall,
            None => "no audit",
        }
    };
    let grades = ["Good", "Requires Improvement", "Inadequate", "not graded", "no audit"];
    let mut rows = Vec::new();
    for q in 0..4 {
        for g in grades {
            let these: Vec<&Record> = records.iter().filter(|r| grade(r) == g).collect();
            rows_for(q, g, &these, &mut rows);
        }
    }
    assert!(grades.iter().all(|g| records.iter().any(|r| grade(r) == *g)), "every grade has feedback");
    assert!(records.iter().all(|r| r.month.starts_with("2026-")));
    let header = "question,grade,answer,responses,pct_of_responses,n,ci_low,ci_high";
    assert_csv(&with("feedback-and-grade"), header, rows);

    // What families said, read for the themes.
    let themes = with("feedback-themes");
    let better = records.iter().filter(|r| r.better).count();
    let line = format!(
        "all,difference-made,Practice making a difference for the child,strength,{},{},",
        n(better),
        p(better, records.len())
    );
    assert!(themes.lines().any(|l| l.starts_with(&line)), "{line} in\n{themes}");
}

/// The example records are valid, and `report` collates them.
#[test]
fn the_example_feedback_validates_and_is_collated() {
    let o = super::common::output(&["--today", "2026-12-02", "validate", "--deny-warnings", "examples/feedback/"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = super::common::output(&[
        "--today",
        "2026-12-02",
        "--format",
        "csv",
        "report",
        "examples/audits/",
        "examples/feedback/",
        "--month",
        "2026-11",
        "--table",
        "feedback",
        "--threshold",
        "0",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("listened,all,Strongly agree,2,40.0,5,"), "{out}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("5 family feedback records counted"));
}
