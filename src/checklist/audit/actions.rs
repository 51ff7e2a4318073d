//! After the grades: the actions (each with an owner and a due date, within 5
//! working days where there are safeguarding concerns; Good practice audit
//! guidance: Stage 2), the signed comments, and the moderation record.

use super::{Checker, Rule, blank, filled, nested};
use crate::calendar::offset::Offset;
use crate::checklist::{HeaderType, LimitWhen, Need};
use crate::yaml::tree::{Node, Value};

impl<'a> Checker<'a> {
    pub(super) fn actions(&mut self, root: &Node, overall: Option<(&str, &Node)>) {
        let t = self.t;
        let Some(rules) = &t.actions else { return };
        let worst = t.grades.as_ref().map(|g| g.worst());
        let inadequate = overall.is_some_and(|(g, _)| Some(g) == worst);
        let safeguarding = self.safeguarding(root, overall, inadequate);
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
            self.action(item, i, rules, deadline, urgent);
        }
    }

    /// Whether the audit found safeguarding concerns (`None`: not said, or
    /// the template does not ask); an Inadequate audit must say.
    fn safeguarding(&mut self, root: &Node, overall: Option<(&str, &Node)>, inadequate: bool) -> Option<bool> {
        if !self.t.asks_safeguarding() {
            return None;
        }
        let n = root.get("safeguarding_concerns");
        match self.scalar(n, "safeguarding_concerns").map(str::to_ascii_lowercase).as_deref() {
            Some("yes" | "true") => return Some(true),
            Some("no" | "false") => return Some(false),
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
        None
    }

    /// One action: what, who and by when, and not later than the limit.
    fn action(
        &mut self,
        item: &Node,
        i: usize,
        rules: &crate::checklist::Actions,
        deadline: Option<(chrono::NaiveDate, &str)>,
        urgent: bool,
    ) {
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
            return;
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
            return;
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
            return;
        }
        let Some(due) = self.date(item.get("due"), &due_path) else { return };
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

    pub(super) fn comments(&mut self, root: &Node) {
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

    pub(super) fn moderation(&mut self, root: &Node) {
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
            if f.kind == HeaderType::Date {
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
}
