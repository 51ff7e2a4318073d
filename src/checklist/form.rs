//! The audit form (`caseaudit form`): a completed-audit YAML file with every
//! field present and empty, each question's text and guidance as comments,
//! ready for the worker, supervisor and auditor to fill in; optionally with the
//! header prefilled from a selection (case, worker, team, auditor, month).

use super::{Need, Role, Template};
use std::fmt::Write;

/// A YAML double-quoted string: safe for any text.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What the answers need besides the answer itself, as `validate` checks it:
/// evidence for some answers (Quality Practice Audit §6.1), a comment for
/// others (an N/A says why).
fn answer_rules(t: &Template) -> Vec<String> {
    let either = |answers: &[String]| answers.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" or ");
    let mut out = vec!["Each answer is one of those listed after 'answer:', in quotes.".to_string()];
    if !t.evidence.required_for.is_empty() {
        let format =
            if t.evidence.format.as_deref() == Some("what-when-where") { " (what - when - where)" } else { "" };
        out.push(format!("Answered {}: list the evidence{format}.", either(&t.evidence.required_for)));
    }
    if !t.comment_required_for.is_empty() {
        out.push(format!("Answered {}: say why in 'comment'.", either(&t.comment_required_for)));
    }
    out
}

/// YAML for a blank audit of `t`. Deterministic: same template, same bytes.
pub fn blank(t: &Template) -> String {
    prefilled(t, &|_| None)
}

/// YAML for an audit of `t` with header fields filled by role from `fill`:
/// the header, the answers, the grades and comments, the actions, and the
/// moderation record and signature, each part written by its own function.
pub fn prefilled(t: &Template, fill: &dyn Fn(Role) -> Option<String>) -> String {
    let mut s = String::new();
    header(&mut s, t, fill);
    questions(&mut s, t);
    grades_and_comments(&mut s, t);
    actions(&mut s, t);
    ending(&mut s, t);
    s
}

/// What the form is, its header fields, and the case's status.
fn header(w: &mut String, t: &Template, fill: &dyn Fn(Role) -> Option<String>) {
    let _ = writeln!(w, "# {} (template {} version {}; {})", t.title, t.name, t.version, t.source);
    let _ = writeln!(w, "# Fill in each field marked (required) and answer each question that applies to the case;");
    let _ = writeln!(w, "# check it with: caseaudit validate FILE");
    let _ = writeln!(w, "template: {}", t.name);
    let _ = writeln!(w, "version: {}", t.version);
    let _ = writeln!(w, "header:");
    for h in &t.header {
        let need = if h.required { "required" } else { "optional" };
        let value = h.role.and_then(fill).unwrap_or_default();
        let _ = writeln!(w, "  {}: {}  # {} ({need})", h.id, quote(&value), h.label);
    }
    if t.questions().any(|(_, q)| q.applies_when.is_some()) {
        let _ = writeln!(
            w,
            "# open, closing or transferring: a question marked \"Only when the case is ...\" applies only then"
        );
    } else {
        let _ = writeln!(w, "# open, closing or transferring");
    }
    let _ = writeln!(w, "case_status: open");
}

/// A question at a time: its text and guidance, when it applies, and blank
/// answer, evidence and comment.
fn questions(w: &mut String, t: &Template) {
    let _ = writeln!(w, "answers:");
    for line in answer_rules(t) {
        let _ = writeln!(w, "  # {line}");
    }
    for section in &t.sections {
        let _ = writeln!(w, "  # {}", section.title);
        for q in &section.questions {
            // Quoted: unquoted Yes and No read as true and false in YAML 1.1 tools.
            let allowed: Vec<String> = q.allowed(t).iter().map(|a| quote(a)).collect();
            let _ = writeln!(w, "  {}:", q.id);
            let _ = writeln!(w, "    # {}", q.text);
            if !q.guidance.is_empty() {
                let _ = writeln!(w, "    # Guidance: {}", q.guidance);
            }
            // Left as written (no answer) where it does not apply: `validate`
            // reads that as "does not apply" (Quality Practice Audit App. 3 Q14).
            if let Some(c) = &q.applies_when {
                let _ = writeln!(
                    w,
                    "    # Only when the case is {}; otherwise leave the answer empty.",
                    c.replace('-', " ")
                );
            }
            if q.limiting {
                let meets: Vec<String> = q.meets(t).iter().map(|a| quote(a)).collect();
                let _ = writeln!(w, "    # Limiting judgement: a Good grade needs {}.", meets.join(" or "));
            }
            let _ = writeln!(w, "    answer:  # {}", allowed.join(" | "));
            if t.evidence.format.as_deref() == Some("what-when-where") {
                let _ = writeln!(
                    w,
                    "    evidence: []  # what - when - where, e.g. \"Risk Assessment - 14/06/2026 - Mosaic\""
                );
            } else {
                let _ = writeln!(w, "    evidence: []");
            }
            let _ = writeln!(w, "    comment: \"\"");
        }
    }
}

/// The grades, whether safeguarding concerns were found, and the comments.
fn grades_and_comments(w: &mut String, t: &Template) {
    if let Some(g) = &t.grades {
        let scale: Vec<String> = g.scale.iter().map(|a| quote(a)).collect();
        let _ = writeln!(w, "# Grades (required): {}", scale.join(" | "));
        let _ = writeln!(w, "grades:");
        for s in t.sections.iter().filter(|s| s.graded) {
            let _ = writeln!(w, "  {}:  # {}", s.id, s.title);
        }
        if g.overall {
            let _ = writeln!(w, "  overall:");
        }
    }
    if t.asks_safeguarding() {
        let _ = writeln!(
            w,
            "# yes or no: were safeguarding concerns identified? (needed when the audit is {})",
            t.grades.as_ref().map_or("", |g| g.worst())
        );
        let _ = writeln!(w, "safeguarding_concerns:");
    }
    if !t.comments.is_empty() {
        let _ = writeln!(w, "comments:");
        for c in &t.comments {
            let need = if c.dated_and_signed { "optional; dated and signed when written" } else { "optional" };
            let _ = writeln!(w, "  {}:  # {} ({need})", c.id, c.label);
            let _ = writeln!(w, "    text: \"\"");
            if c.dated_and_signed {
                let _ = writeln!(w, "    date:  # YYYY-MM-DD");
                let _ = writeln!(w, "    signature: \"\"");
            }
        }
    }
}

/// The actions, with their limits, as lines to copy.
fn actions(w: &mut String, t: &Template) {
    if let Some(a) = &t.actions {
        let limits: Vec<String> = a
            .limits
            .iter()
            .map(|l| match l.when {
                Some(_) => format!("within {} of the audit date when Inadequate with safeguarding concerns", l.within),
                None => format!("within {} otherwise", l.within),
            })
            .collect();
        let _ = writeln!(w, "# SMART actions, each with an owner and a due date");
        if !limits.is_empty() {
            let _ = writeln!(w, "# Due {}.", limits.join("; "));
        }
        // Empty, not `[]`: the lines below, uncommented, then read as a list.
        let _ = writeln!(w, "# To add one, copy the three lines below without their first '#'.");
        let _ = writeln!(w, "actions:");
        let _ = writeln!(w, "#  - action: \"\"");
        let _ = writeln!(w, "#    owner: \"\"  # staff id");
        let _ = writeln!(w, "#    due:  # YYYY-MM-DD");
    }
}

/// The moderation record, the audit date and the signature.
fn ending(w: &mut String, t: &Template) {
    if let Some(m) = &t.moderation {
        let _ = writeln!(w, "# {} (left empty until then)", m.title);
        let _ = writeln!(w, "moderation:");
        for f in &m.fields {
            let need = if f.required { "required" } else { "optional" };
            let _ = writeln!(w, "#  {}: \"\"  # {} ({need})", f.id, f.label);
        }
    }
    let need = |n: Need| if n == Need::Required { "required" } else { "optional" };
    let what = t.date_label.as_deref().map(|l| format!("{l}, ")).unwrap_or_default();
    let _ = writeln!(w, "audit_date:  # {what}YYYY-MM-DD ({})", need(t.audit_date));
    let _ = writeln!(w, "signature: \"\"  # the auditor ({})", need(t.signature));
}
