//! A valid completed audit as a record ([`Completed`]), for `report`.

use super::{HeaderType, Role, Template};
use crate::calendar::dates::{Month, parse_date};
use crate::model::audit::{Action, Answer, Completed, Text};
use crate::yaml::tree::{Node, Value};

fn text(n: Option<&Node>) -> String {
    n.and_then(Node::text).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn date(n: Option<&Node>) -> Option<chrono::NaiveDate> {
    parse_date(&text(n)).ok()
}

/// The record of `root`, an audit of template `t` that has no error.
pub fn completed(file: &str, root: &Node, t: &Template) -> Completed {
    let header = root.get("header");
    let by_role = |role: Role| {
        t.header
            .iter()
            .find(|f| f.role == Some(role))
            .map(|f| text(header.and_then(|h| h.get(&f.id))))
            .unwrap_or_default()
    };
    let audit_date = date(root.get("audit_date"));
    let month = Month::parse(&by_role(Role::Month)).ok().or(audit_date.map(Month::of));
    let answers_node = root.get("answers");
    let mut answers = Vec::new();
    for (section, q) in t.questions() {
        let Some(n) = answers_node.and_then(|a| a.get(&q.id)) else { continue };
        let (answer, evidence) = match &n.value {
            Value::Map(_) => {
                let ev = matches!(n.get("evidence").map(|e| &e.value), Some(Value::Seq(items)) if !items.is_empty())
                    || n.get("evidence").and_then(Node::text).is_some_and(|s| !s.trim().is_empty());
                (text(n.get("answer")), ev)
            }
            _ => (text(Some(n)), false),
        };
        if answer.is_empty() {
            continue;
        }
        let allowed = q.allowed(t);
        let first = allowed.first().is_some_and(|a| *a == answer);
        let not_applicable = t.comment_required_for.contains(&answer) && !first;
        answers.push(Answer {
            question: q.id.clone(),
            section: section.id.clone(),
            meets: q.meets(t).contains(&answer),
            limiting: q.limiting,
            first,
            not_applicable,
            evidence,
            answer,
        });
    }
    let grades_node = root.get("grades");
    let grades = t
        .sections
        .iter()
        .filter(|s| s.graded)
        .map(|s| (s.id.clone(), text(grades_node.and_then(|g| g.get(&s.id)))))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    let overall = Some(text(grades_node.and_then(|g| g.get("overall")))).filter(|g| !g.is_empty());
    let safeguarding = match text(root.get("safeguarding_concerns")).to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    };
    let actions = match root.get("actions").map(|a| &a.value) {
        Some(Value::Seq(items)) => items.iter().map(|a| Action { due: date(a.get("due")) }).collect(),
        _ => Vec::new(),
    };
    Completed {
        file: file.to_string(),
        template: t.name.clone(),
        case: by_role(Role::Case),
        team: by_role(Role::Team),
        worker: by_role(Role::Worker),
        auditor: by_role(Role::Auditor),
        month,
        audit_date,
        answers,
        grades,
        overall,
        scale: t.grades.as_ref().map(|g| g.scale.clone()).unwrap_or_default(),
        safeguarding,
        actions,
        moderated_on: date(root.get("moderation").and_then(|m| m.get("date"))),
        texts: texts(root, t),
    }
}

/// The free text of an audit, for `report`'s themes (Good practice audit
/// guidance: Stage 3, "an analysis of the themes from the practice"): each
/// answer's comment, each comment box (written plain or under `text:`), and
/// the moderation record's text fields (not its dates, nor the people it names).
fn texts(root: &Node, t: &Template) -> Vec<Text> {
    let mut out = Vec::new();
    let mut push = |field: String, n: Option<&Node>| {
        let text = text(n);
        if !text.is_empty() {
            out.push(Text { field, text });
        }
    };
    let answers = root.get("answers");
    for (_, q) in t.questions() {
        if let Some(n) = answers.and_then(|a| a.get(&q.id)).filter(|n| matches!(n.value, Value::Map(_))) {
            push(format!("answers.{}.comment", q.id), n.get("comment"));
        }
    }
    let comments = root.get("comments");
    for c in &t.comments {
        let Some(n) = comments.and_then(|b| b.get(&c.id)) else { continue };
        match n.value {
            Value::Map(_) => push(format!("comments.{}.text", c.id), n.get("text")),
            _ => push(format!("comments.{}", c.id), Some(n)),
        }
    }
    let moderation = root.get("moderation");
    for f in t.moderation.iter().flat_map(|m| &m.fields).filter(|f| f.kind == HeaderType::Text) {
        push(format!("moderation.{}", f.id), moderation.and_then(|m| m.get(&f.id)));
    }
    out
}
