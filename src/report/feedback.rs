//! Family feedback (Good practice audit guidance: Stage 3: "Feedback will be
//! sought from children, young people and their parents on the cases as part
//! of dip sampling"): the `family-feedback` records of the period collated,
//! question by question and by who gave it; and each response beside the
//! overall grade of the audit of the same case in the period, where there
//! is one. A response is counted as an audit is: a count from 1 to the
//! threshold is hidden, and so is every figure from fewer responses.

use super::value::{Share, Table, Value};
use crate::model::audit::Completed;

/// The template whose records are family feedback, not audits.
pub const TEMPLATE: &str = "family-feedback";

/// The question that says who gave the feedback.
pub const RESPONDENT: &str = "respondent";

/// Questions about the feedback rather than asked in it.
const ABOUT: [&str; 2] = [RESPONDENT, "method"];

/// The family-feedback template's answers, in its order, for the rows.
pub struct Scale<'a> {
    /// Who may give feedback: child, young person, parent or carer, other.
    pub respondents: &'a [String],
    /// The answers to each question, most positive first.
    pub answers: &'a [String],
}

fn answer<'a>(r: &'a Completed, question: &str) -> Option<&'a str> {
    r.answers.iter().find(|a| a.question == question).map(|a| a.answer.as_str())
}

/// The questions asked, in the order of the template (as the records hold them).
fn questions(feedback: &[&Completed]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in feedback.iter().flat_map(|r| r.answers.iter()).map(|a| &a.question) {
        if !ABOUT.contains(&q.as_str()) && !out.contains(q) {
            out.push(q.clone());
        }
    }
    out
}

/// For each group's label and its records, each answer to `question`: the
/// responses and their share of the group's.
fn rows_for(question: &str, label: &str, these: &[&Completed], answers: &[String], rows: &mut Vec<Vec<Value>>) {
    let given: Vec<&str> = these.iter().filter_map(|r| answer(r, question)).collect();
    for a in answers {
        let k = given.iter().filter(|g| **g == a).count();
        rows.push(vec![
            Value::text(question),
            Value::text(label),
            Value::text(a.clone()),
            Value::Count(k as u64),
            Value::Pct(Share::of(k, given.len())),
        ]);
    }
}

/// Responses to each question by who gave them, then from everyone.
pub fn feedback(feedback: &[&Completed], scale: &Scale) -> Table {
    let mut rows = Vec::new();
    for q in questions(feedback) {
        for who in scale.respondents {
            let these: Vec<&Completed> =
                feedback.iter().copied().filter(|r| answer(r, RESPONDENT) == Some(who.as_str())).collect();
            rows_for(&q, who, &these, scale.answers, &mut rows);
        }
        rows_for(&q, "all", feedback, scale.answers, &mut rows);
    }
    let columns = ["question", "respondent", "answer", "responses", "pct_of_responses"];
    Table::new("feedback", "Family feedback (dip sampling)", &columns, rows)
}

/// Each response beside the overall grade of the audit it is linked to: the
/// audit of the same case counted in the period, the latest by audit date
/// where there are several (the later file on a tie); `not graded` for an
/// audit without a grade, `no audit` where the case has none in the period.
pub fn feedback_and_grade(feedback: &[&Completed], audits: &[&Completed], scale: &Scale) -> Table {
    // Each case's audit, found once.
    let mut by_case: std::collections::HashMap<&str, &Completed> = std::collections::HashMap::new();
    for a in audits {
        let e = by_case.entry(a.case.as_str()).or_insert(a);
        if a.audit_date >= e.audit_date {
            *e = a;
        }
    }
    let grade_of: Vec<&str> = feedback
        .iter()
        .map(|r| match by_case.get(r.case.as_str()) {
            Some(a) => a.overall.as_deref().unwrap_or("not graded"),
            None => "no audit",
        })
        .collect();
    let mut grades: Vec<String> =
        audits.iter().find(|a| !a.scale.is_empty()).map(|a| a.scale.clone()).unwrap_or_default();
    grades.extend(["not graded".to_string(), "no audit".to_string()]);
    let mut rows = Vec::new();
    for q in questions(feedback) {
        for g in &grades {
            let these: Vec<&Completed> =
                feedback.iter().zip(&grade_of).filter(|(_, x)| **x == g.as_str()).map(|(r, _)| *r).collect();
            rows_for(&q, g, &these, scale.answers, &mut rows);
        }
    }
    let columns = ["question", "grade", "answer", "responses", "pct_of_responses"];
    Table::new("feedback-and-grade", "Family feedback beside the audit's overall grade", &columns, rows)
}
