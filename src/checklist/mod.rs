//! Audit checklists (SPEC §4): templates describe an audit tool — header fields,
//! sections of questions, allowed answers, evidence and comment rules, grades and
//! limiting judgements — and completed audits are YAML files naming their
//! template. Built in: `quality-practice` (seed 001 Appendix 2/3). A local
//! authority writes its own template without touching Rust
//! (`caseaudit schema template`).
//!
//! This module holds the template format and the blank form (`caseaudit form`);
//! the `validate` rules build on it.

pub mod form;

use crate::error::InputError;
use crate::io::yaml;
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 1] = [("quality-practice", include_str!("../../templates/quality-practice.yaml"))];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderField {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// Answers that must list evidence.
    #[serde(default)]
    pub required_for: Vec<String>,
    /// `what-when-where`: each item reads "what - date - where" (seed 001 §5.1).
    #[serde(default)]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub guidance: String,
    /// Allowed answers, if not the template's.
    #[serde(default)]
    pub answers: Option<Vec<String>>,
    /// A case condition under which alone the question applies.
    #[serde(default)]
    pub applies_when: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentBox {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub dated_and_signed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    Required,
    Optional,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub version: u32,
    pub title: String,
    pub source: String,
    pub header: Vec<HeaderField>,
    pub answers: Vec<String>,
    #[serde(default)]
    pub evidence: EvidenceRule,
    /// Answers that must carry a comment (N/A: say why).
    #[serde(default)]
    pub comment_required_for: Vec<String>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub comments: Vec<CommentBox>,
    pub audit_date: Need,
    pub signature: Need,
}

/// Case conditions a question may depend on (seed 001 Appendix 3 Q14).
pub const CONDITIONS: [&str; 1] = ["closing-or-transferring"];

/// Loads a built-in template by name, or a template file by path.
pub fn load(name_or_path: &str) -> Result<Template, InputError> {
    let (file, text) = match BUILT_IN.iter().find(|(n, _)| *n == name_or_path) {
        Some((n, t)) => (format!("<built-in template {n}>"), (*t).to_string()),
        None => {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            let text = std::fs::read_to_string(name_or_path).map_err(|e| {
                InputError::file(
                    name_or_path,
                    format!(
                        "is neither a built-in template ({}) nor a readable file: {}",
                        names.join(", "),
                        crate::io::csvin::io_reason(&e)
                    ),
                )
            })?;
            (name_or_path.to_string(), text)
        }
    };
    let t: Template = yaml::from_str(&file, &text, "an audit template; see `caseaudit schema template`")?;
    check(&file, &t)?;
    Ok(t)
}

/// What the YAML shape cannot say: unique ids, known answers and conditions.
fn check(file: &str, t: &Template) -> Result<(), InputError> {
    let mut ids: Vec<&str> = Vec::new();
    for q in t.sections.iter().flat_map(|s| &s.questions) {
        if ids.contains(&q.id.as_str()) {
            return Err(InputError::file(file, format!("question id '{}' is used twice", q.id)));
        }
        ids.push(&q.id);
        if let Some(c) = &q.applies_when
            && !CONDITIONS.contains(&c.as_str())
        {
            return Err(InputError::file(
                file,
                format!("question '{}': unknown condition '{c}'; known: {}", q.id, CONDITIONS.join(", ")),
            ));
        }
    }
    for a in t.evidence.required_for.iter().chain(&t.comment_required_for) {
        if !t.answers.contains(a) {
            return Err(InputError::file(
                file,
                format!("'{a}' is not one of the template's answers ({})", t.answers.join(", ")),
            ));
        }
    }
    if t.answers.is_empty() {
        return Err(InputError::file(file, "'answers' is empty"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_practice_is_seed_001_appendix_2() {
        let t = load("quality-practice").unwrap();
        let questions: Vec<&str> = t.sections.iter().flat_map(|s| s.questions.iter().map(|q| q.id.as_str())).collect();
        assert_eq!(questions.len(), 14);
        let stages: Vec<&str> = t.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            stages,
            ["screening", "assessment", "planning", "implementation", "monitoring", "reviewing", "closure"]
        );
        assert_eq!(t.answers, ["Yes", "No", "N/A"]);
        let q14 = &t.sections[6].questions[0];
        assert_eq!(q14.applies_when.as_deref(), Some("closing-or-transferring"));
    }
}
