//! A completed audit as the reports read it: the header's team, worker and
//! auditor, each answer, the grades, the actions and the moderation. Made by
//! `checklist::record` from an audit that `validate` found no error in.

use crate::calendar::dates::Month;
use chrono::NaiveDate;

/// One question's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub question: String,
    /// The section (stage of the work: assessment, planning, ...).
    pub section: String,
    pub answer: String,
    /// Whether the answer lists any evidence.
    pub evidence: bool,
    /// A limiting judgement (Good practice audit guidance), and whether this answer meets it.
    pub limiting: bool,
    pub meets: bool,
    /// Whether the answer is the template's first ("Yes"): the standard is met.
    pub first: bool,
    /// "N/A" or the like: neither met nor not met.
    pub not_applicable: bool,
}

/// An action from the audit's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub due: Option<NaiveDate>,
}

/// A free-text field of the audit: what the auditor, a manager or the
/// moderator wrote, for `report`'s themes (Good practice audit guidance:
/// Stage 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Where it is in the file: `answers.q7.comment`, `comments.overall`,
    /// `moderation.reflection`.
    pub field: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    pub file: String,
    pub template: String,
    pub case: String,
    pub team: String,
    pub worker: String,
    pub auditor: String,
    /// The audit month: the header's, else the month of the audit date.
    pub month: Option<Month>,
    pub audit_date: Option<NaiveDate>,
    pub answers: Vec<Answer>,
    /// (section, grade), in template order; the overall grade is [`Completed::overall`].
    pub grades: Vec<(String, String)>,
    pub overall: Option<String>,
    /// The template's scale, best first.
    pub scale: Vec<String>,
    pub safeguarding: Option<bool>,
    pub actions: Vec<Action>,
    pub moderated_on: Option<NaiveDate>,
    /// Every free-text field that is filled in, in the template's order: the
    /// answers' comments, the comment boxes, the moderator's notes.
    pub texts: Vec<Text>,
}
