//! Audit checklists (docs/check.md): templates describe an audit tool — header fields,
//! sections of questions, allowed answers, evidence and comment rules, grades and
//! limiting judgements — and completed audits are YAML files naming their
//! template. Built in: `quality-practice` (Quality Practice Audit Appendix 2/3),
//! `good-practice` (Good practice audit guidance: Stages 1 and 2), `escr` (Business support record audit) and
//! `family-feedback` (Good practice audit guidance: Stage 3, dip sampling). A local
//! authority writes its own template without touching Rust
//! (`caseaudit schema template`).
//!
//! This module holds the template format; [`form`] writes blank and prefilled
//! forms, [`audit`] checks completed ones.

pub mod audit;
pub mod form;
pub mod record;
pub mod schema;

use crate::error::InputError;
use crate::yaml;
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 4] = [
    ("quality-practice", include_str!("../../templates/quality-practice.yaml")),
    ("good-practice", include_str!("../../templates/good-practice.yaml")),
    ("escr", include_str!("../../templates/escr.yaml")),
    ("family-feedback", include_str!("../../templates/family-feedback.yaml")),
];

/// What a header field holds, so `form --from` can fill it from a selection and
/// `validate --staff` can find the worker and the auditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Case,
    Worker,
    Team,
    Auditor,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderType {
    /// Free text: `report` reads it for its themes (in the moderation record).
    #[default]
    Text,
    Date,
    /// A person's name or staff id: text that is never read for themes.
    Person,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderField {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub kind: HeaderType,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// Answers that must list evidence.
    #[serde(default)]
    pub required_for: Vec<String>,
    /// `what-when-where`: each item reads "what - date - where" (Quality Practice Audit §5.1).
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
    /// A limiting judgement (Good practice audit guidance): its section and the overall grade may be
    /// the best grade only when it is met.
    #[serde(default)]
    pub limiting: bool,
    /// The answers that meet a limiting judgement (default: the first answer).
    #[serde(default)]
    pub meets: Option<Vec<String>>,
}

impl Question {
    pub fn allowed<'a>(&'a self, t: &'a Template) -> &'a [String] {
        self.answers.as_deref().unwrap_or(&t.answers)
    }

    pub fn meets<'a>(&'a self, t: &'a Template) -> &'a [String] {
        self.meets.as_deref().unwrap_or(&self.allowed(t)[..1])
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The auditor gives this section a grade.
    #[serde(default)]
    pub graded: bool,
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

/// The grading scale, best first (Good practice audit guidance: Good / Requires Improvement / Inadequate).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    pub scale: Vec<String>,
    /// An overall grade for the audit, under `grades: overall:`.
    #[serde(default)]
    pub overall: bool,
}

impl Grades {
    pub fn best(&self) -> &str {
        &self.scale[0]
    }
    pub fn worst(&self) -> &str {
        &self.scale[self.scale.len() - 1]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LimitWhen {
    /// The overall grade is the worst and safeguarding concerns were found.
    InadequateWithSafeguarding,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionLimit {
    /// Applies only then; a limit without `when` applies to every other action.
    #[serde(default)]
    pub when: Option<LimitWhen>,
    /// An offset after the audit date: `5 working days`, `4 weeks`.
    pub within: String,
}

/// The actions table (Good practice audit guidance: "Comments and Actions": SMART, with an owner and
/// a due date).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actions {
    pub owner: Need,
    pub due: Need,
    #[serde(default)]
    pub limits: Vec<ActionLimit>,
}

/// A later stage's record (Good practice audit guidance: Stage 2 moderation).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moderation {
    pub title: String,
    pub fields: Vec<HeaderField>,
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
    /// Evidence older than this many months before the audit date draws a
    /// warning (Good practice audit guidance: "focus ... on work undertaken in the last 6 months").
    #[serde(default)]
    pub focus_months: Option<u32>,
    /// Answers that must carry a comment (N/A: say why).
    #[serde(default)]
    pub comment_required_for: Vec<String>,
    #[serde(default)]
    pub grades: Option<Grades>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub comments: Vec<CommentBox>,
    #[serde(default)]
    pub actions: Option<Actions>,
    #[serde(default)]
    pub moderation: Option<Moderation>,
    /// What the form calls the date of the record, when it is not an audit
    /// (family feedback: the date the feedback was given).
    #[serde(default)]
    pub date_label: Option<String>,
    pub audit_date: Need,
    pub signature: Need,
}

impl Template {
    pub fn questions(&self) -> impl Iterator<Item = (&Section, &Question)> {
        self.sections.iter().flat_map(|s| s.questions.iter().map(move |q| (s, q)))
    }

    /// Whether audits record `safeguarding_concerns` (an action limit depends on it).
    pub fn asks_safeguarding(&self) -> bool {
        self.actions.as_ref().is_some_and(|a| a.limits.iter().any(|l| l.when.is_some()))
    }
}

/// Case conditions a question may depend on (Quality Practice Audit Appendix 3 Q14; Business support record audit
/// "if transferring").
pub const CONDITIONS: [&str; 3] = ["closing-or-transferring", "closing", "transferring"];

/// The values of a completed audit's `case_status`.
pub const STATUSES: [&str; 3] = ["open", "closing", "transferring"];

/// Whether a question with condition `when` applies to a case in `status`.
pub fn applies(when: Option<&str>, status: &str) -> bool {
    match when {
        None => true,
        Some("closing-or-transferring") => status == "closing" || status == "transferring",
        Some(c) => c == status,
    }
}

/// Reads a template from text (`file` names it in errors); `cmd::config::template`
/// finds the text of a built-in or a file.
pub fn parse(file: &str, text: &str) -> Result<Template, InputError> {
    let t: Template = yaml::from_str(file, text, "an audit template; see `caseaudit schema template`")?;
    check(file, &t)?;
    Ok(t)
}

#[cfg(test)]
pub(crate) fn built_in(name: &str) -> Option<Template> {
    let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
    parse(name, text).ok()
}

/// What the YAML shape cannot say: unique ids, known answers, conditions,
/// grades and offsets.
fn check(file: &str, t: &Template) -> Result<(), InputError> {
    let bad = |m: String| Err(InputError::file(file, m));
    if t.answers.is_empty() {
        return bad("'answers' is empty".into());
    }
    let mut ids: Vec<&str> = Vec::new();
    for (section, q) in t.questions() {
        if ids.contains(&q.id.as_str()) {
            return bad(format!("question id '{}' is used twice", q.id));
        }
        ids.push(&q.id);
        if let Some(c) = &q.applies_when
            && !CONDITIONS.contains(&c.as_str())
        {
            return bad(format!("question '{}': unknown condition '{c}'; known: {}", q.id, CONDITIONS.join(", ")));
        }
        if q.allowed(t).is_empty() {
            return bad(format!("question '{}': 'answers' is empty", q.id));
        }
        if let Some(m) = q.meets.as_ref().and_then(|m| m.iter().find(|a| !q.allowed(t).contains(a))) {
            return bad(format!("question '{}': 'meets' names '{m}', which is not one of its answers", q.id));
        }
        if q.limiting && !(section.graded || t.grades.as_ref().is_some_and(|g| g.overall)) {
            return bad(format!("question '{}' is a limiting judgement but nothing is graded", q.id));
        }
    }
    if t.sections.iter().any(|s| s.graded) && t.grades.is_none() {
        return bad("a section is graded but the template has no 'grades' scale".into());
    }
    if t.grades.as_ref().is_some_and(|g| g.scale.is_empty()) {
        return bad("'grades: scale' is empty".into());
    }
    for a in t.evidence.required_for.iter().chain(&t.comment_required_for) {
        if !t.answers.contains(a) {
            return bad(format!("'{a}' is not one of the template's answers ({})", t.answers.join(", ")));
        }
    }
    if let Some(actions) = &t.actions {
        for l in &actions.limits {
            match crate::calendar::offset::Offset::parse(&l.within) {
                Err(e) => return bad(format!("action limit '{}': {e}", l.within)),
                Ok(o) if o.before => {
                    return bad(format!("action limit '{}' must be after the audit, not before", l.within));
                }
                Ok(_) => {}
            }
        }
        if t.asks_safeguarding() && !t.grades.as_ref().is_some_and(|g| g.overall) {
            return bad("an action limit depends on an inadequate audit, but there is no overall grade".into());
        }
    }
    let reserved = ["overall"];
    if let Some(s) = t.sections.iter().find(|s| reserved.contains(&s.id.as_str())) {
        return bad(format!("section id '{}' is reserved for the overall grade", s.id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_practice_is_the_audit_tool_of_appendix_2() {
        let t = built_in("quality-practice").unwrap();
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
