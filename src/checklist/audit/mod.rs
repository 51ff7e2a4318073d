//! Checking one completed audit against its template (docs/check.md, docs/forms.md). Every
//! problem is reported, each with where it is (line, column, the path of the
//! field) and a hint; nothing stops at the first. Pure: the caller supplies
//! "today", the calendar and the staff directory.
//!
//! This file holds the rule registry, the walk over the file and its header;
//! the rest follows the parts of an audit: `answers` and their evidence,
//! `grades`, then `actions` (with comments and moderation), and
//! `independence` from line management.

use super::{HeaderType, Need, Question, STATUSES, Template};
use crate::calendar::Calendar;
use crate::calendar::dates::parse_date;
use crate::model::staff::Staff;
use crate::yaml::tree::{Node, Value};
use chrono::NaiveDate;

pub use crate::error::Severity;

mod actions;
mod answers;
mod grades;
mod independence;

macro_rules! rules {
    ($($variant:ident $code:literal $sev:ident $group:ident $about:literal;)*) => {
        /// Every rule `validate` applies. The codes are part of the interface
        /// (scripts filter on them): add, never rename.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$sev),* }
            }

            pub fn group(self) -> Group {
                match self { $(Rule::$variant => Group::$group),* }
            }

            /// One line on what the rule checks and where it comes from.
            pub fn about(self) -> &'static str {
                match self { $(Rule::$variant => $about),* }
            }
        }
    };
}

/// How a rule relates to the JSON Schema of a template's audits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// The file could not be checked at all (exit 2).
    Unreadable,
    /// The generated JSON Schema (`caseaudit schema audit`) finds these too.
    Schema,
    /// Only `validate` can check these (dates, cross-field rules, staff).
    Rules,
}

rules! {
    Unreadable "unreadable" Error Unreadable "the file cannot be read as text (missing, binary, too large)";
    Syntax "syntax" Error Unreadable "the file is not valid YAML";
    UnknownTemplate "unknown-template" Error Unreadable "the file names no known template (or none at all)";
    DuplicateKey "duplicate-key" Error Rules "a field is given twice; YAML readers keep one and lose the other";
    UnknownField "unknown-field" Error Schema "a field the template does not have (often a typing slip)";
    WrongType "wrong-type" Error Schema "a list or set of fields where a value belongs, or the reverse";
    MissingField "missing-field" Error Schema "a required field is absent or empty";
    BadValue "bad-value" Error Schema "a value outside its set (case_status, safeguarding_concerns)";
    TemplateVersion "template-version" Error Schema "the audit was written for another version of the template";
    AnswerNotAllowed "answer-not-allowed" Error Schema "an answer outside the question's allowed answers";
    MissingAnswer "missing-answer" Error Schema "a question without an answer";
    GradeNotAllowed "grade-not-allowed" Error Schema "a grade outside the template's scale";
    MissingGrade "missing-grade" Error Schema "a graded section or the overall grade is not graded";
    MissingAuditDate "missing-audit-date" Error Schema "no date of audit (Quality Practice Audit App. 2; Good practice audit guidance: 'The form')";
    MissingSignature "missing-signature" Error Schema "the auditor has not signed (Quality Practice Audit App. 2)";
    ActionOwner "action-owner" Error Schema "an action without an owner (Good practice audit guidance: Comments and Actions)";
    ActionDue "action-due" Error Schema "an action without a due date (Good practice audit guidance: SMART, timely)";
    BadDate "bad-date" Error Rules "a date that is not a date (US order is never guessed)";
    AuditDateFuture "audit-date-future" Error Rules "the audit is dated after today";
    EvidenceMissing "evidence-missing" Error Rules "a Yes with no evidence listed (Quality Practice Audit §2.4, §6.1)";
    EvidenceFormat "evidence-format" Error Rules "evidence not written as 'what - when - where' (Quality Practice Audit §5.1)";
    EvidenceAfterAudit "evidence-after-audit" Error Rules "evidence dated after the audit";
    TextCutShort "text-cut-short" Warning Rules "free text written without quotes and followed by one space and '#' (' #'): YAML reads the rest of the line as a comment, so the text is cut short";
    EvidenceBeforeWindow "evidence-before-window" Warning Rules "evidence older than the focus window (Good practice audit guidance: 6 months)";
    CommentMissing "comment-missing" Error Rules "an N/A (or No, where the template says) without a comment";
    NotApplicable "not-applicable" Error Rules "a question answered that does not apply (Quality Practice Audit App. 3 Q14)";
    LimitingJudgement "limiting-judgement" Error Rules "graded Good though a limiting judgement is not met (Good practice audit guidance)";
    SafeguardingUnstated "safeguarding-unstated" Error Rules "an Inadequate audit that does not say whether safeguarding concerns were found";
    NoActions "no-actions" Warning Rules "an Inadequate audit with no actions (Good practice audit guidance: Stage 2)";
    ActionDueTooLate "action-due-too-late" Error Rules "an action due later than its limit (Good practice audit guidance (Stage 2): 5 working days / 4 weeks)";
    ModerationBeforeAudit "moderation-before-audit" Error Rules "the Stage 2 moderation is dated before the audit";
    CommentUnsigned "comment-unsigned" Warning Rules "a comment box that must be dated and signed is not";
    AuditorInLine "auditor-in-line" Error Rules "with --staff: the auditor is the worker or line-manages them (Quality Practice Audit §9.1, Good practice audit guidance)";
    UnknownStaff "unknown-staff" Warning Rules "with --staff: a worker or auditor id that is not in the staff file";
}

/// One problem in one audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub line: u32,
    pub column: u32,
    /// Characters under the caret.
    pub width: u32,
    /// The field's path in the audit: `answers.q4.evidence[1]`.
    pub record: String,
    pub rule: Rule,
    pub message: String,
    pub hint: String,
}

/// What the rules need from outside the file.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub calendar: &'a Calendar,
    pub count_event_day: bool,
    pub staff: Option<&'a Staff>,
}

/// The template a completed audit names, if it names one.
pub fn template_name(root: &Node) -> Option<&str> {
    root.get("template").and_then(Node::text)
}

/// Every finding for `root`, a parsed audit of template `t`, in file order.
pub fn check(root: &Node, t: &Template, cx: &Context) -> Vec<Finding> {
    let mut c = Checker { t, cx, out: Vec::new(), audit_date: None };
    c.duplicates(root, "");
    c.audit(root);
    c.out.sort_by_key(|f| (f.line, f.column, f.rule));
    c.out
}

struct Checker<'a> {
    t: &'a Template,
    cx: &'a Context<'a>,
    out: Vec<Finding>,
    audit_date: Option<NaiveDate>,
}

/// A question's answer as read, for the grade rules.
struct Answered<'a> {
    q: &'a Question,
    section: &'a str,
    answer: &'a str,
    node: &'a Node,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// Absent, empty or only spaces (a list or set of fields is not blank: it is the
/// wrong type, reported as such).
fn blank(n: Option<&Node>) -> bool {
    filled(n).is_none() && !nested(n)
}

/// A list or a set of fields.
fn nested(n: Option<&Node>) -> bool {
    matches!(n.map(|v| &v.value), Some(Value::Seq(_) | Value::Map(_)))
}

/// The text of a scalar, trimmed; `None` when empty or null.
fn filled(n: Option<&Node>) -> Option<&str> {
    n.and_then(Node::text).map(str::trim).filter(|s| !s.is_empty())
}

fn quoted_list(items: &[String]) -> String {
    items.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ")
}

/// The closest of `known` to `word`, if close enough to be a slip.
fn did_you_mean<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    let w = word.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::levenshtein(&w, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

impl<'a> Checker<'a> {
    fn push(&mut self, n: &Node, record: impl Into<String>, rule: Rule, message: String, hint: impl Into<String>) {
        self.out.push(Finding {
            line: n.line,
            column: n.column,
            width: n.width,
            record: record.into(),
            rule,
            message,
            hint: hint.into(),
        });
    }

    /// Repeated keys anywhere: a reader keeps one and silently loses the other.
    fn duplicates(&mut self, n: &Node, path: &str) {
        match &n.value {
            Value::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let key = k.text().unwrap_or("?");
                    if let Some((first, _)) = entries[..i].iter().find(|(k2, _)| k2.text() == k.text()) {
                        let line = first.line;
                        self.push(
                            k,
                            join(path, key),
                            Rule::DuplicateKey,
                            format!("'{key}' is given twice (first on line {line})"),
                            "keep one and delete the other",
                        );
                    }
                    self.duplicates(v, &join(path, key));
                }
            }
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.duplicates(item, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    /// The entries of a mapping, reporting keys outside `known`. A node that is
    /// not a mapping is reported (unless empty, when `None` is returned quietly).
    fn fields<'n>(&mut self, n: &'n Node, path: &str, known: &[&str], what: &str) -> Option<&'n [(Node, Node)]> {
        match &n.value {
            Value::Map(entries) => {
                for (k, _) in entries {
                    let key = k.text().unwrap_or("");
                    if !known.contains(&key) {
                        let hint = match did_you_mean(key, known) {
                            Some(m) => format!("did you mean '{m}'?"),
                            None if known.is_empty() => "remove it".to_string(),
                            None => format!("the fields here are: {}", known.join(", ")),
                        };
                        self.push(k, join(path, key), Rule::UnknownField, format!("{what} has no field '{key}'"), hint);
                    }
                }
                Some(entries)
            }
            Value::Null => None,
            _ => {
                self.push(
                    n,
                    path,
                    Rule::WrongType,
                    format!("{what} should be a set of fields ('name: value' lines), not {}", n.kind()),
                    "indent each field under its heading",
                );
                None
            }
        }
    }

    /// A single value (not a list or set of fields); `None` when empty.
    fn scalar<'n>(&mut self, n: Option<&'n Node>, path: &str) -> Option<&'n str> {
        let n = n?;
        match &n.value {
            Value::Scalar { text, .. } => Some(text.trim()).filter(|s| !s.is_empty()),
            Value::Null => None,
            _ => {
                self.push(
                    n,
                    path,
                    Rule::WrongType,
                    format!("'{path}' should be a single value, not {}", n.kind()),
                    "write the value on the same line as its name",
                );
                None
            }
        }
    }

    /// Free text (a comment, evidence, an action): a single value, and a warning
    /// when YAML cut it short at ` #` (`Case #12 is open` read as `Case`).
    fn text<'n>(&mut self, n: Option<&'n Node>, path: &str) -> Option<&'n str> {
        let value = self.scalar(n, path);
        if let (Some(n), Some(v)) = (n, value)
            && matches!(n.value, Value::Scalar { cut: true, .. })
        {
            self.push(
                n,
                path,
                Rule::TextCutShort,
                format!("'{path}' reads only \"{v}\": the rest of the line, from ' #', is a YAML comment"),
                "put the whole text in quotes, e.g. comment: \"Case #12 is open\"",
            );
        }
        value
    }

    fn date(&mut self, n: Option<&Node>, path: &str) -> Option<NaiveDate> {
        let text = self.scalar(n, path)?;
        match parse_date(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.push(n?, path, Rule::BadDate, format!("'{path}': {e}"), "for example 2026-11-20 or 20/11/2026");
                None
            }
        }
    }

    fn audit(&mut self, root: &'a Node) {
        let t = self.t;
        let mut known = vec!["template", "version", "header", "case_status", "answers", "audit_date", "signature"];
        if t.grades.is_some() {
            known.push("grades");
        }
        if t.asks_safeguarding() {
            known.push("safeguarding_concerns");
        }
        if t.actions.is_some() {
            known.push("actions");
        }
        if !t.comments.is_empty() {
            known.push("comments");
        }
        if t.moderation.is_some() {
            known.push("moderation");
        }
        if root.is_null() {
            self.push(
                root,
                "",
                Rule::MissingField,
                "the file is empty".into(),
                format!("start from `caseaudit form --template {}`", t.name),
            );
            return;
        }
        if self.fields(root, "", &known, "an audit").is_none() {
            return;
        }
        match root.get("template") {
            None => self.push(
                root,
                "template",
                Rule::MissingField,
                "the audit does not name its template".into(),
                format!("add 'template: {}' at the top", t.name),
            ),
            Some(n) => match self.scalar(Some(n), "template") {
                Some(name) if name == t.name => {}
                named => {
                    let what = named.map_or("no template".to_string(), |x| format!("template '{x}'"));
                    self.push(
                        n,
                        "template",
                        Rule::UnknownTemplate,
                        format!("the audit names {what}, but is checked as '{}'", t.name),
                        format!("write 'template: {}'", t.name),
                    );
                }
            },
        }
        self.version(root);
        self.header(root);
        let status = self.status(root);
        self.audit_date = self.audit_date_field(root);
        let answered = self.answers(root, &status);
        let overall = self.grades(root, &answered);
        self.actions(root, overall);
        self.comments(root);
        self.moderation(root);
        if t.signature == Need::Required && filled(root.get("signature")).is_none() {
            let at = root.get("signature").unwrap_or(root);
            self.push(
                at,
                "signature",
                Rule::MissingSignature,
                "the audit is not signed".into(),
                "the auditor signs: add 'signature: <your name or staff id>'",
            );
        }
        self.staff(root);
    }

    fn version(&mut self, root: &Node) {
        let t = self.t;
        match root.get("version") {
            None => self.push(
                root,
                "version",
                Rule::MissingField,
                "the audit does not say which version of the template it follows".into(),
                format!("add 'version: {}'", t.version),
            ),
            Some(n) => match self.scalar(Some(n), "version").map(|v| (v, v.parse::<u32>())) {
                None if !matches!(n.value, Value::Seq(_) | Value::Map(_)) => self.push(
                    n,
                    "version",
                    Rule::MissingField,
                    "the version is empty".into(),
                    format!("write 'version: {}'", t.version),
                ),
                None => {}
                Some((v, Err(_))) => self.push(
                    n,
                    "version",
                    Rule::WrongType,
                    format!("version '{v}' is not a whole number"),
                    format!("write 'version: {}'", t.version),
                ),
                Some((_, Ok(v))) if v != t.version => self.push(
                    n,
                    "version",
                    Rule::TemplateVersion,
                    format!("the audit follows version {v} of '{}', but the template is version {}", t.name, t.version),
                    format!("copy the answers into a new form: caseaudit form --template {}", t.name),
                ),
                Some(_) => {}
            },
        }
    }

    fn header(&mut self, root: &Node) {
        let t = self.t;
        let Some(h) = root.get("header") else {
            self.push(
                root,
                "header",
                Rule::MissingField,
                "the audit has no 'header'".into(),
                "add the header fields from the blank form",
            );
            return;
        };
        let known: Vec<&str> = t.header.iter().map(|f| f.id.as_str()).collect();
        self.fields(h, "header", &known, "the header");
        for f in &t.header {
            let path = format!("header.{}", f.id);
            let value = h.get(&f.id);
            if f.kind == HeaderType::Date {
                self.date(value, &path);
            } else {
                self.text(value, &path);
            }
            if f.required && blank(value) {
                self.push(
                    value.unwrap_or(h),
                    path,
                    Rule::MissingField,
                    format!("the header's '{}' ({}) is empty", f.id, f.label),
                    "fill it in",
                );
            }
        }
    }

    fn status(&mut self, root: &Node) -> String {
        let n = root.get("case_status");
        match self.scalar(n, "case_status") {
            None => "open".to_string(),
            Some(s) if STATUSES.contains(&s) => s.to_string(),
            Some(s) => {
                let s = s.to_string();
                self.push(
                    n.unwrap_or(root),
                    "case_status",
                    Rule::BadValue,
                    format!("case_status '{s}' is not one of {}", STATUSES.join(", ")),
                    "questions about closure or transfer apply only when the case is closing or transferring",
                );
                "open".to_string()
            }
        }
    }

    fn audit_date_field(&mut self, root: &Node) -> Option<NaiveDate> {
        let n = root.get("audit_date");
        if blank(n) {
            if self.t.audit_date == Need::Required {
                self.push(
                    n.unwrap_or(root),
                    "audit_date",
                    Rule::MissingAuditDate,
                    "the audit has no date".into(),
                    "add 'audit_date: YYYY-MM-DD' (Good practice audit guidance: the date is needed for reporting)",
                );
            }
            return None;
        }
        let d = self.date(n, "audit_date")?;
        if d > self.cx.today {
            self.push(
                n?,
                "audit_date",
                Rule::AuditDateFuture,
                format!("the audit is dated {d}, after today ({})", self.cx.today),
                "check the year and month; dates are read day first (DD/MM/YYYY)",
            );
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests;
