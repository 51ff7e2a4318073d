//! Checking one completed audit against its template (SPEC §4, issue 4). Every
//! problem is reported, each with where it is (line, column, the path of the
//! field) and a hint; nothing stops at the first. Pure: the caller supplies
//! "today", the calendar and the staff directory.

use super::{Kind, LimitWhen, Need, Question, Role, STATUSES, Template, applies};
use crate::calendar::Calendar;
use crate::calendar::dates::parse_date;
use crate::calendar::offset::Offset;
use crate::model::staff::{NotIndependent, Staff};
use crate::yaml::tree::{Node, Value};
use chrono::NaiveDate;

pub use crate::error::Severity;

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
    TextCutShort "text-cut-short" Warning Rules "free text written without quotes and followed by ' #': YAML reads the rest of the line as a comment, so the text is cut short";
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
        .map(|k| (levenshtein(&w, &k.to_lowercase()), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
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
            if f.kind == Kind::Date {
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

    fn answers(&mut self, root: &'a Node, status: &str) -> Vec<Answered<'a>> {
        let t = self.t;
        let mut answered = Vec::new();
        let Some(a) = root.get("answers") else {
            self.push(
                root,
                "answers",
                Rule::MissingField,
                "the audit has no 'answers'".into(),
                "add the answers from the blank form",
            );
            return answered;
        };
        let ids: Vec<&str> = t.questions().map(|(_, q)| q.id.as_str()).collect();
        if !a.is_null() && self.fields(a, "answers", &ids, "'answers'").is_none() {
            return answered;
        }
        // Where each answer's key is written, to point at the place a missing
        // answer belongs (after the one before it), not at the first answer.
        let key_of = |id: &str| match &a.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.text() == Some(id)).map(|(k, _)| k),
            _ => None,
        };
        let mut previous: Option<&str> = None;
        for (section, q) in t.questions() {
            let path = format!("answers.{}", q.id);
            let allowed = q.allowed(t);
            let Some(entry) = a.get(&q.id) else {
                // A question that does not apply to this case (Q14 for a case
                // neither closing nor transferring) may be left out.
                if applies(q.applies_when.as_deref(), status) {
                    let after = previous.and_then(|p| key_of(p).map(|k| (p, k)));
                    let (node, place) = match after {
                        Some((p, k)) => (k, format!(" after {p}")),
                        None => (a, String::new()),
                    };
                    self.push(
                        node,
                        path,
                        Rule::MissingAnswer,
                        format!("question {} is not answered", q.id),
                        format!("add '{}:'{place} with 'answer:' one of {}", q.id, quoted_list(allowed)),
                    );
                }
                continue;
            };
            previous = Some(q.id.as_str());
            // Short form `q1: "Yes"`, or the full form with evidence and comment.
            let (answer_node, evidence, comment) = match &entry.value {
                Value::Map(_) => {
                    self.fields(entry, &path, &["answer", "evidence", "comment"], &format!("question {}", q.id));
                    (entry.get("answer"), entry.get("evidence"), entry.get("comment"))
                }
                Value::Scalar { .. } | Value::Null => (Some(entry), None, None),
                Value::Seq(_) => {
                    self.push(
                        entry,
                        path,
                        Rule::WrongType,
                        format!("question {} should have 'answer', 'evidence' and 'comment', not a list", q.id),
                        "indent 'answer:', 'evidence:' and 'comment:' under the question",
                    );
                    continue;
                }
            };
            let answer_path =
                if matches!(entry.value, Value::Map(_)) { format!("{path}.answer") } else { path.clone() };
            let answer = self.scalar(answer_node, &answer_path);
            let Some(answer) = answer else {
                if blank(answer_node) {
                    self.push(
                        answer_node.unwrap_or(entry),
                        answer_path,
                        Rule::MissingAnswer,
                        format!("question {} is not answered", q.id),
                        format!("answer one of {}", quoted_list(allowed)),
                    );
                }
                continue;
            };
            let node = answer_node.unwrap_or(entry);
            if !allowed.iter().any(|x| x == answer) {
                let hint = match allowed.iter().find(|x| x.eq_ignore_ascii_case(answer)) {
                    Some(x) => format!("write \"{x}\" exactly"),
                    None if matches!(answer, "true" | "false") => {
                        format!(
                            "a YAML tool turned the answer into {answer}; write one of {}, in quotes",
                            quoted_list(allowed)
                        )
                    }
                    None => format!("answer one of {}", quoted_list(allowed)),
                };
                self.push(
                    node,
                    &answer_path,
                    Rule::AnswerNotAllowed,
                    format!("question {}: '{answer}' is not an allowed answer", q.id),
                    hint,
                );
                continue;
            }
            if !applies(q.applies_when.as_deref(), status) && answer != "N/A" {
                let when = q.applies_when.as_deref().unwrap_or("").replace('-', " ");
                self.push(
                    node,
                    &answer_path,
                    Rule::NotApplicable,
                    format!("question {} applies only when the case is {when}, and case_status is '{status}'", q.id),
                    "answer \"N/A\", or set case_status if the case is closing or transferring",
                );
            }
            let items = self.evidence(evidence, &format!("{path}.evidence"));
            if t.evidence.required_for.iter().any(|x| x == answer) && items.is_empty() {
                self.push(
                    node,
                    &answer_path,
                    Rule::EvidenceMissing,
                    format!("question {} is answered {answer} but lists no evidence", q.id),
                    "list the evidence as \"what - when - where\", e.g. \"Risk assessment - 14/06/2026 - Mosaic\", or answer \"No\"",
                );
            }
            let comment_path = format!("{path}.comment");
            let comment = self.text(comment, &comment_path);
            // N/A to a question that does not apply to the case needs no reason.
            let obvious = answer == "N/A" && !applies(q.applies_when.as_deref(), status);
            if t.comment_required_for.iter().any(|x| x == answer) && comment.is_none() && !obvious {
                self.push(
                    node,
                    &answer_path,
                    Rule::CommentMissing,
                    format!("question {} is answered {answer} without a comment", q.id),
                    format!("add 'comment:' saying why the answer is {answer}"),
                );
            }
            answered.push(Answered { q, section: &section.id, answer, node });
        }
        answered
    }

    /// The evidence list: one text or a list of texts; each checked against the
    /// "what - when - where" form and the dates.
    fn evidence<'n>(&mut self, n: Option<&'n Node>, path: &str) -> Vec<&'n Node> {
        let items: Vec<&Node> = match n.map(|n| &n.value) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Scalar { .. }) => n.into_iter().collect(),
            Some(Value::Seq(items)) => items.iter().collect(),
            Some(Value::Map(_)) => {
                self.push(
                    n.unwrap(),
                    path,
                    Rule::WrongType,
                    "evidence should be a list of \"what - when - where\" lines, not a set of fields".into(),
                    "write each item on its own line starting with '- '",
                );
                return Vec::new();
            }
        };
        let mut kept = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let p = if matches!(n.map(|n| &n.value), Some(Value::Seq(_))) {
                format!("{path}[{i}]")
            } else {
                path.to_string()
            };
            let Some(text) = self.text(Some(item), &p) else { continue };
            kept.push(item);
            if self.t.evidence.format.as_deref() == Some("what-when-where") {
                self.what_when_where(item, text, &p);
            }
        }
        kept
    }

    fn what_when_where(&mut self, item: &Node, text: &str, path: &str) {
        let normal: String = text.replace(['–', '—'], "-");
        let parts: Vec<&str> = normal.split(" - ").map(str::trim).collect();
        let hint = "write \"what - when - where\", e.g. \"Risk assessment - 14/06/2026 - Mosaic\" (Quality Practice Audit §5.1)";
        let date_at = (1..parts.len().saturating_sub(1)).find(|&i| parse_date(parts[i]).is_ok());
        let Some(i) = date_at else {
            let why = if parts.len() < 3 {
                "does not read \"what - when - where\"".to_string()
            } else {
                match parts[1..parts.len() - 1].iter().map(|p| parse_date(p)).find_map(Result::err) {
                    Some(e) => format!("has no date: {e}"),
                    None => "has no date".to_string(),
                }
            };
            self.push(
                item,
                path,
                Rule::EvidenceFormat,
                format!("evidence \"{}\" {why}", crate::words::trim(text)),
                hint,
            );
            return;
        };
        if parts[..i].iter().all(|p| p.is_empty()) || parts[i + 1..].iter().all(|p| p.is_empty()) {
            self.push(item, path, Rule::EvidenceFormat, "evidence is missing its 'what' or its 'where'".into(), hint);
            return;
        }
        let Ok(d) = parse_date(parts[i]) else { return };
        let Some(audit) = self.audit_date else { return };
        if d > audit {
            self.push(
                item,
                path,
                Rule::EvidenceAfterAudit,
                format!("evidence dated {d} is after the audit ({audit})"),
                "check the date; evidence must be on file when the audit is done",
            );
        } else if let Some(months) = self.t.focus_months
            && d < audit.checked_sub_months(chrono::Months::new(months)).unwrap_or(audit)
        {
            self.push(
                item,
                path,
                Rule::EvidenceBeforeWindow,
                format!("evidence dated {d} is more than {months} months before the audit ({audit})"),
                format!(
                    "the audit focuses on the last {months} months (Good practice audit guidance); cite more recent work if there is any"
                ),
            );
        }
    }

    /// Section and overall grades, and the limiting judgements (Good practice audit guidance). Returns
    /// the overall grade.
    fn grades(&mut self, root: &'a Node, answered: &[Answered<'a>]) -> Option<(&'a str, &'a Node)> {
        let t = self.t;
        let g = t.grades.as_ref()?;
        let graded: Vec<&str> = t.sections.iter().filter(|s| s.graded).map(|s| s.id.as_str()).collect();
        let mut known = graded.clone();
        if g.overall {
            known.push("overall");
        }
        let Some(node) = root.get("grades") else {
            self.push(
                root,
                "grades",
                Rule::MissingField,
                "the audit has no 'grades'".into(),
                format!("grade {} from {}", known.join(", "), quoted_list(&g.scale)),
            );
            return None;
        };
        self.fields(node, "grades", &known, "'grades'");
        let mut overall = None;
        for id in known {
            let path = format!("grades.{id}");
            let n = node.get(id);
            let what = if id == "overall" { "the overall grade".to_string() } else { format!("section {id}") };
            let Some(grade) = self.scalar(n, &path) else {
                if blank(n) {
                    self.push(
                        n.unwrap_or(node),
                        path,
                        Rule::MissingGrade,
                        format!("{what} is not graded"),
                        format!("grade it {}", quoted_list(&g.scale)),
                    );
                }
                continue;
            };
            let n = n.expect("a value was read");
            if !g.scale.iter().any(|s| s == grade) {
                let hint = match g.scale.iter().find(|s| s.eq_ignore_ascii_case(grade)) {
                    Some(s) => format!("write \"{s}\" exactly"),
                    None => format!("grade it {}", quoted_list(&g.scale)),
                };
                self.push(n, path, Rule::GradeNotAllowed, format!("'{grade}' is not a grade"), hint);
                continue;
            }
            if id == "overall" {
                overall = Some((grade, n));
            }
            if grade != g.best() {
                continue;
            }
            // "Cases should only be graded as Good if Limiting Judgements are met."
            for a in answered.iter().filter(|a| a.q.limiting && (id == "overall" || a.section == id)) {
                if !a.q.meets(t).iter().any(|m| m == a.answer) {
                    let line = a.node.line;
                    self.push(
                        n,
                        &path,
                        Rule::LimitingJudgement,
                        format!(
                            "{what} is {grade}, but {} is answered {} (line {line}): {grade} needs every limiting judgement met",
                            a.q.id, a.answer
                        ),
                        format!("grade it lower, or correct {}; where seeing a child alone is not appropriate, answer \"N/A\" rather than \"No\"", a.q.id),
                    );
                }
            }
        }
        overall
    }

    fn actions(&mut self, root: &Node, overall: Option<(&str, &Node)>) {
        let t = self.t;
        let Some(rules) = &t.actions else { return };
        let worst = t.grades.as_ref().map(|g| g.worst());
        let inadequate = overall.is_some_and(|(g, _)| Some(g) == worst);
        let mut safeguarding = None;
        if t.asks_safeguarding() {
            let n = root.get("safeguarding_concerns");
            match self.scalar(n, "safeguarding_concerns").map(str::to_ascii_lowercase).as_deref() {
                Some("yes" | "true") => safeguarding = Some(true),
                Some("no" | "false") => safeguarding = Some(false),
                Some(other) => self.push(
                    n.unwrap_or(root),
                    "safeguarding_concerns",
                    Rule::BadValue,
                    format!("safeguarding_concerns '{other}' is not yes or no"),
                    "write 'safeguarding_concerns: yes' or 'safeguarding_concerns: no'",
                ),
                None if inadequate => self.push(
                    n.or(overall.map(|(_, node)| node)).unwrap_or(root),
                    "safeguarding_concerns",
                    Rule::SafeguardingUnstated,
                    "the audit is graded Inadequate but does not say whether safeguarding concerns were found".into(),
                    "add 'safeguarding_concerns: yes' or 'no': with concerns, actions are due within 5 working days (Good practice audit guidance: Stage 2)",
                ),
                None => {}
            }
        }
        let urgent = inadequate && safeguarding == Some(true);
        let limit = rules
            .limits
            .iter()
            .find(|l| l.when == Some(LimitWhen::InadequateWithSafeguarding) && urgent)
            .or_else(|| rules.limits.iter().find(|l| l.when.is_none()));
        let deadline = match (limit, self.audit_date) {
            (Some(l), Some(audit)) => Offset::parse(&l.within)
                .ok()
                .and_then(|o| o.apply(self.cx.calendar, audit, self.cx.count_event_day).ok())
                .map(|d| (d, l.within.as_str())),
            _ => None,
        };
        let n = root.get("actions");
        let items: &[Node] = match n.map(|n| &n.value) {
            None | Some(Value::Null) => &[],
            Some(Value::Seq(items)) => items,
            Some(_) => {
                self.push(
                    n.unwrap(),
                    "actions",
                    Rule::WrongType,
                    "'actions' should be a list, each item with action, owner and due".into(),
                    "start each action with '- action:'",
                );
                return;
            }
        };
        if items.is_empty() && inadequate {
            self.push(
                n.unwrap_or(root),
                "actions",
                Rule::NoActions,
                "the audit is graded Inadequate but lists no actions".into(),
                "an inadequate audit triggers escalation; record the actions, each with an owner and a due date (Good practice audit guidance)",
            );
        }
        for (i, item) in items.iter().enumerate() {
            let path = format!("actions[{i}]");
            if self.fields(item, &path, &["action", "owner", "due"], "an action").is_none() {
                if item.is_null() {
                    self.push(
                        item,
                        &path,
                        Rule::MissingField,
                        "an empty action".into(),
                        "write the action, its owner and its due date, or delete the line",
                    );
                }
                continue;
            }
            if self.text(item.get("action"), &format!("{path}.action")).is_none() {
                self.push(
                    item.get("action").unwrap_or(item),
                    format!("{path}.action"),
                    Rule::MissingField,
                    "an action does not say what is to be done".into(),
                    "add 'action:' with a SMART action",
                );
            }
            if self.scalar(item.get("owner"), &format!("{path}.owner")).is_none() && rules.owner == Need::Required {
                self.push(
                    item.get("owner").unwrap_or(item),
                    format!("{path}.owner"),
                    Rule::ActionOwner,
                    "an action has no owner".into(),
                    "add 'owner:' with the staff id of whoever will do it",
                );
            }
            let due_path = format!("{path}.due");
            if nested(item.get("due")) {
                self.scalar(item.get("due"), &due_path); // reports the wrong type
                continue;
            }
            if filled(item.get("due")).is_none() {
                if rules.due == Need::Required {
                    self.push(
                        item.get("due").unwrap_or(item),
                        due_path,
                        Rule::ActionDue,
                        "an action has no due date".into(),
                        "add 'due: YYYY-MM-DD'",
                    );
                }
                continue;
            }
            let Some(due) = self.date(item.get("due"), &due_path) else { continue };
            if let Some((last, within)) = deadline
                && due > last
            {
                let why = if urgent { "an Inadequate audit with safeguarding concerns" } else { "an action" };
                self.push(
                    item.get("due").expect("read above"),
                    due_path,
                    Rule::ActionDueTooLate,
                    format!("the action is due {due}, but {why} must be done within {within} of the audit: by {last}"),
                    format!("bring the due date forward to {last} or earlier (Good practice audit guidance: Stage 2)"),
                );
            }
        }
    }

    fn comments(&mut self, root: &Node) {
        let t = self.t;
        let Some(node) = root.get("comments") else { return };
        let ids: Vec<&str> = t.comments.iter().map(|c| c.id.as_str()).collect();
        self.fields(node, "comments", &ids, "'comments'");
        for c in &t.comments {
            let path = format!("comments.{}", c.id);
            let Some(b) = node.get(&c.id) else { continue };
            if !matches!(b.value, Value::Map(_)) {
                self.text(Some(b), &path);
                if c.dated_and_signed && filled(Some(b)).is_some() {
                    self.push(
                        b,
                        &path,
                        Rule::CommentUnsigned,
                        format!("the {} are not dated and signed", c.label),
                        "write them under 'text:', with 'date:' and 'signature:'",
                    );
                }
                continue;
            }
            let known: &[&str] = if c.dated_and_signed { &["text", "date", "signature"] } else { &["text"] };
            self.fields(b, &path, known, &format!("comment box {}", c.id));
            let text = self.text(b.get("text"), &format!("{path}.text"));
            if !c.dated_and_signed {
                continue;
            }
            let dated = self.date(b.get("date"), &format!("{path}.date")).is_some();
            let signed = self.scalar(b.get("signature"), &format!("{path}.signature")).is_some();
            if text.is_some() && !(dated && signed) {
                let missing = if dated {
                    "signed"
                } else if signed {
                    "dated"
                } else {
                    "dated or signed"
                };
                self.push(
                    b.get("text").unwrap_or(b),
                    format!("{path}.text"),
                    Rule::CommentUnsigned,
                    format!("the {} are not {missing}", c.label),
                    "add 'date:' and 'signature:' under the comments",
                );
            }
        }
    }

    fn moderation(&mut self, root: &Node) {
        let t = self.t;
        let (Some(m), Some(node)) = (&t.moderation, root.get("moderation")) else { return };
        let known: Vec<&str> = m.fields.iter().map(|f| f.id.as_str()).collect();
        if self.fields(node, "moderation", &known, "the moderation record").is_none() {
            return; // not started yet: Stage 2 comes later in the month
        }
        for f in &m.fields {
            let path = format!("moderation.{}", f.id);
            let value = node.get(&f.id);
            if f.required && blank(value) {
                self.push(
                    value.unwrap_or(node),
                    &path,
                    Rule::MissingField,
                    format!("the moderation record's '{}' ({}) is empty", f.id, f.label),
                    "fill it in, or leave the whole 'moderation:' empty until Stage 2",
                );
            }
            if f.kind == Kind::Date {
                if let Some(d) = self.date(value, &path)
                    && let Some(audit) = self.audit_date
                    && d < audit
                {
                    self.push(
                        value.expect("read above"),
                        path,
                        Rule::ModerationBeforeAudit,
                        format!("the moderation is dated {d}, before the audit ({audit})"),
                        "Stage 2 moderates a completed Stage 1 audit; check both dates",
                    );
                }
            } else {
                self.text(value, &path);
            }
        }
    }

    /// With `--staff`: the auditor must not be the worker or anyone above them
    /// in line management (Quality Practice Audit §9.1 peer audit; Good practice audit guidance: "not within their
    /// line management responsibility").
    fn staff(&mut self, root: &Node) {
        let Some(staff) = self.cx.staff else { return };
        let Some(h) = root.get("header") else { return };
        let field = |role: Role| self.t.header.iter().find(|f| f.role == Some(role)).map(|f| f.id.as_str());
        let (Some(wf), Some(af)) = (field(Role::Worker), field(Role::Auditor)) else { return };
        let mut ids = Vec::new();
        for f in [wf, af] {
            let Some(n) = h.get(f) else { return };
            let Some(id) = filled(Some(n)) else { return };
            match staff.get(id) {
                Some(i) => ids.push((i, n)),
                None => self.push(
                    n,
                    format!("header.{f}"),
                    Rule::UnknownStaff,
                    format!("'{id}' is not a staff_id in the staff file"),
                    "write the staff id (as in staff.csv) so the line-management rule can be checked",
                ),
            }
        }
        let [(worker, _), (auditor, an)] = ids[..] else { return };
        let aid = &staff.member(auditor).id;
        let wid = &staff.member(worker).id;
        match staff.may_audit(auditor, worker) {
            Ok(()) => {}
            Err(NotIndependent::IsTheWorker) => self.push(
                an,
                format!("header.{af}"),
                Rule::AuditorInLine,
                format!("the auditor {aid} is the allocated worker"),
                "a file is audited by someone outside its line management; ask for another auditor",
            ),
            Err(NotIndependent::LineManages(chain)) => {
                let chain: Vec<&str> = chain.iter().map(|&m| staff.member(m).id.as_str()).collect();
                self.push(
                    an,
                    format!("header.{af}"),
                    Rule::AuditorInLine,
                    format!("the auditor {aid} line-manages the worker {wid} ({})", chain.join(" → ")),
                    "a file is audited by someone outside its line management (Quality Practice Audit §9.1, Good practice audit guidance); ask for another auditor",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Region;

    const GOOD: &str = include_str!("../../examples/audits/good-practice-valid.yaml");
    const QUALITY: &str = include_str!("../../examples/audits/quality-practice-valid.yaml");

    fn run(text: &str, template: &str, staff: Option<&Staff>) -> Vec<(Rule, u32, String)> {
        let t = super::super::built_in(template).unwrap();
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
            id: id.into(),
            role: "x".into(),
            team: 0,
            area: 0,
            manager,
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
        let on =
            edit(QUALITY, &[("Supervision record - 05/11/2026 - Mosaic", "Supervision record - 18/11/2026 - Mosaic")]);
        assert_eq!(run(&on, "quality-practice", None), vec![]);
        let after =
            edit(QUALITY, &[("Supervision record - 05/11/2026 - Mosaic", "Supervision record - 19/11/2026 - Mosaic")]);
        assert_eq!(rules(&run(&after, "quality-practice", None)), [Rule::EvidenceAfterAudit]);
        // The focus window (good-practice, 6 months): 16 May 2026 is inside, the 15th is not.
        for (date, expect) in [("16/05/2026", vec![]), ("15/05/2026", vec![Rule::EvidenceBeforeWindow])] {
            let text = edit(
                GOOD,
                &[("Assessment visit - 12/09/2026 - Mosaic", &format!("Assessment visit - {date} - Mosaic"))],
            );
            assert_eq!(rules(&run(&text, "good-practice", None)), expect, "{date}");
        }
    }

    #[test]
    fn slips_get_a_suggestion() {
        assert_eq!(did_you_mean("case_reff", &["case_ref", "team"]), Some("case_ref"));
        assert_eq!(did_you_mean("zzzz", &["case_ref", "team"]), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
