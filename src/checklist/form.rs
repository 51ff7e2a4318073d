//! The blank audit form (`caseaudit form --template NAME`): a completed-audit
//! YAML file with every field present and empty, each question's text and
//! guidance as comments, ready for the worker, supervisor and auditor to fill in.

use super::{Need, Template};
use std::fmt::Write;

/// YAML for a blank completed audit of `t`. Deterministic: same template, same bytes.
pub fn blank(t: &Template) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "# {} (template {} version {}; {})", t.title, t.name, t.version, t.source);
    let _ = writeln!(w, "# Fill in every field; check it with: caseaudit validate FILE");
    let _ = writeln!(w, "template: {}", t.name);
    let _ = writeln!(w, "version: {}", t.version);
    let _ = writeln!(w, "header:");
    for h in &t.header {
        let need = if h.required { "required" } else { "optional" };
        let _ = writeln!(w, "  {}: \"\"  # {} ({need})", h.id, h.label);
    }
    let _ = writeln!(w, "# open, closing or transferring (questions marked 'closing or transferring' apply only then)");
    let _ = writeln!(w, "case_status: open");
    let _ = writeln!(w, "answers:");
    for section in &t.sections {
        let _ = writeln!(w, "  # {}", section.title);
        for q in &section.questions {
            // Quoted: unquoted Yes and No read as true and false in YAML 1.1 tools.
            let allowed: Vec<String> =
                q.answers.as_ref().unwrap_or(&t.answers).iter().map(|a| format!("\"{a}\"")).collect();
            let allowed = allowed.join(" | ");
            let _ = writeln!(w, "  {}:", q.id);
            let _ = writeln!(w, "    # {}", q.text);
            if !q.guidance.is_empty() {
                let _ = writeln!(w, "    # Guidance: {}", q.guidance);
            }
            if q.applies_when.is_some() {
                let _ = writeln!(w, "    # Only when the case is closing or transferring; otherwise N/A.");
            }
            let _ = writeln!(w, "    answer:  # {allowed}");
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
    if !t.comments.is_empty() {
        let _ = writeln!(w, "comments:");
        for c in &t.comments {
            let _ = writeln!(w, "  {}:  # {}", c.id, c.label);
            let _ = writeln!(w, "    text: \"\"");
            if c.dated_and_signed {
                let _ = writeln!(w, "    date:  # YYYY-MM-DD");
                let _ = writeln!(w, "    signature: \"\"");
            }
        }
    }
    let need = |n: Need| if n == Need::Required { "required" } else { "optional" };
    let _ = writeln!(w, "audit_date:  # YYYY-MM-DD ({})", need(t.audit_date));
    let _ = writeln!(w, "signature: \"\"  # the auditor ({})", need(t.signature));
    s
}
