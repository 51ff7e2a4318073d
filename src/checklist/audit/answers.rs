//! The answers and their evidence: every applicable question answered from the
//! template's list, and each piece of evidence written as "what - when - where"
//! (Quality Practice Audit §5.1), dated, and no older than the audit looks back.

use super::{Answered, Checker, Rule, blank, quoted_list};
use crate::calendar::dates::parse_date;
use crate::checklist::applies;
use crate::yaml::tree::{Node, Value};

impl<'a> Checker<'a> {
    pub(super) fn answers(&mut self, root: &'a Node, status: &str) -> Vec<Answered<'a>> {
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
            // A question that does not apply to this case (Quality Practice
            // Audit App. 3: Q14 "will only apply when a case is being
            // transferred or closed") may be left out, or left unanswered as
            // `form` wrote it, or answered "N/A".
            let applies_here = applies(q.applies_when.as_deref(), status);
            let Some(entry) = a.get(&q.id) else {
                if applies_here {
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
            answered.extend(self.answer(q, &section.id, entry, &path, applies_here, status));
        }
        answered
    }

    /// One question's answer, evidence and comment, checked.
    fn answer(
        &mut self,
        q: &'a crate::checklist::Question,
        section: &'a str,
        entry: &'a Node,
        path: &str,
        applies_here: bool,
        status: &str,
    ) -> Option<Answered<'a>> {
        let allowed = q.allowed(self.t);
        // Short form `q1: "Yes"`, or the full form with evidence and comment.
        let (answer_node, evidence, comment) = match &entry.value {
            Value::Map(_) => {
                self.fields(entry, path, &["answer", "evidence", "comment"], &format!("question {}", q.id));
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
                return None;
            }
        };
        let answer_path =
            if matches!(entry.value, Value::Map(_)) { format!("{path}.answer") } else { path.to_string() };
        let answer = self.scalar(answer_node, &answer_path);
        let Some(answer) = answer else {
            if blank(answer_node) && applies_here {
                self.push(
                    answer_node.unwrap_or(entry),
                    answer_path,
                    Rule::MissingAnswer,
                    format!("question {} is not answered", q.id),
                    format!("answer one of {}", quoted_list(allowed)),
                );
            }
            // Whatever else is written is still read: a list where a
            // comment belongs is wrong with or without an answer.
            self.evidence(evidence, &format!("{path}.evidence"));
            self.text(comment, &format!("{path}.comment"));
            return None;
        };
        let node = answer_node.unwrap_or(entry);
        if !self.allowed_answer(q, node, &answer_path, answer) {
            return None;
        }
        if !applies_here && answer != "N/A" {
            let when = q.applies_when.as_deref().unwrap_or("").replace('-', " ");
            self.push(
                node,
                &answer_path,
                Rule::NotApplicable,
                format!("question {} applies only when the case is {when}, and case_status is '{status}'", q.id),
                format!("leave the answer empty (or \"N/A\"); if the case is {when}, set case_status to say so"),
            );
        }
        let items = self.evidence(evidence, &format!("{path}.evidence"));
        if self.t.evidence.required_for.iter().any(|x| x == answer) && items.is_empty() {
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
        let obvious = answer == "N/A" && !applies_here;
        if self.t.comment_required_for.iter().any(|x| x == answer) && comment.is_none() && !obvious {
            self.push(
                node,
                &answer_path,
                Rule::CommentMissing,
                format!("question {} is answered {answer} without a comment", q.id),
                format!("add 'comment:' saying why the answer is {answer}"),
            );
        }
        Some(Answered { q, section, answer, node })
    }

    /// Whether `answer` is one of the question's answers; if not, says so,
    /// with the nearest way to write it.
    fn allowed_answer(&mut self, q: &crate::checklist::Question, node: &Node, path: &str, answer: &str) -> bool {
        let allowed = q.allowed(self.t);
        if allowed.iter().any(|x| x == answer) {
            return true;
        }
        let hint = match allowed.iter().find(|x| x.eq_ignore_ascii_case(answer)) {
            Some(x) => format!("write \"{x}\" exactly"),
            None if matches!(answer, "true" | "false") => {
                format!("a YAML tool turned the answer into {answer}; write one of {}, in quotes", quoted_list(allowed))
            }
            None => format!("answer one of {}", quoted_list(allowed)),
        };
        self.push(
            node,
            path,
            Rule::AnswerNotAllowed,
            format!("question {}: '{answer}' is not an allowed answer", q.id),
            hint,
        );
        false
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
}
