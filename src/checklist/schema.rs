//! The JSON Schema of a template's completed audits (`caseaudit schema audit
//! --template NAME`), so any JSON Schema tool (check-jsonschema, an editor)
//! can check audits too. It says exactly what `validate`'s schema-group rules
//! say ([`super::audit::Group::Schema`]); a test holds the two together on every
//! example. Values are read as YAML 1.2 reads them: `Yes` is text, `true` a
//! boolean, `12` a number. Dates are text here; `validate` reads them (bad-date).

use super::{Need, Template};
use serde_json::{Map, Value, json};

/// A single value or nothing.
fn text() -> Value {
    json!({ "type": ["string", "number", "boolean", "null"] })
}

/// A value with something in it.
fn filled() -> Value {
    json!({ "anyOf": [{ "type": "string", "pattern": "\\S" }, { "type": ["number", "boolean"] }] })
}

fn object(properties: Map<String, Value>, required: Vec<String>) -> Value {
    json!({ "type": "object", "additionalProperties": false, "properties": properties, "required": required })
}

fn fields(fs: &[super::HeaderField]) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fs {
        props.insert(f.id.clone(), if f.required { filled() } else { text() });
        if f.required {
            required.push(f.id.clone());
        }
    }
    object(props, required)
}

/// Nothing, or only spaces.
fn blank() -> Value {
    json!({ "anyOf": [{ "type": "null" }, { "type": "string", "pattern": "^\\s*$" }] })
}

/// A question's entry: `q1: "Yes"`, or `answer`, `evidence` and `comment`.
/// `may_be_blank`: the answer may also be left empty, as `form` writes it.
fn answer(t: &Template, q: &super::Question, may_be_blank: bool) -> Value {
    let allowed = json!({ "enum": q.allowed(t) });
    let evidence = json!({ "anyOf": [text(), { "type": "array", "items": text() }] });
    let mut full = Map::new();
    let answer = if may_be_blank { json!({ "anyOf": [allowed.clone(), blank()] }) } else { allowed.clone() };
    full.insert("answer".into(), answer);
    full.insert("evidence".into(), evidence);
    full.insert("comment".into(), text());
    if may_be_blank {
        json!({ "anyOf": [allowed, blank(), object(full, vec![])] })
    } else {
        json!({ "anyOf": [allowed, object(full, vec!["answer".into()])] })
    }
}

/// The schema, as pretty JSON text ending in a newline.
pub fn audit_schema(t: &Template) -> String {
    let mut props = Map::new();
    let mut required: Vec<String> = ["template", "version", "header", "answers"].map(String::from).to_vec();
    props.insert("template".into(), json!({ "const": t.name }));
    props.insert("version".into(), json!({ "enum": [t.version, t.version.to_string()] }));
    props.insert("header".into(), fields(&t.header));
    props.insert("case_status".into(), json!({ "enum": ["open", "closing", "transferring", "", null] }));

    let mut answers = Map::new();
    for (_, q) in t.questions() {
        // A question that applies only to some cases (Q14: closing or
        // transferring) may be left out of the others, or left unanswered;
        // the `allOf` below requires it where it applies.
        answers.insert(q.id.clone(), answer(t, q, q.applies_when.is_some()));
    }
    let ids: Vec<String> = t.questions().filter(|(_, q)| q.applies_when.is_none()).map(|(_, q)| q.id.clone()).collect();
    props.insert("answers".into(), object(answers, ids));

    if let Some(g) = &t.grades {
        let mut grades = Map::new();
        let mut ids: Vec<String> = t.sections.iter().filter(|s| s.graded).map(|s| s.id.clone()).collect();
        if g.overall {
            ids.push("overall".into());
        }
        for id in &ids {
            grades.insert(id.clone(), json!({ "enum": g.scale }));
        }
        props.insert("grades".into(), object(grades, ids));
        required.push("grades".into());
    }
    if t.asks_safeguarding() {
        props.insert(
            "safeguarding_concerns".into(),
            json!({ "anyOf": [
                { "type": ["boolean", "null"] },
                { "type": "string", "pattern": "^\\s*([Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])?\\s*$" }
            ] }),
        );
    }
    actions_comments_moderation(t, &mut props);
    for (id, need) in [("audit_date", t.audit_date), ("signature", t.signature)] {
        props.insert(id.into(), if need == Need::Required { filled() } else { text() });
        if need == Need::Required {
            required.push(id.into());
        }
    }
    let mut root = Map::new();
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$id".into(), json!(format!("https://caseaudit.invalid/schemas/audit-{}.schema.json", t.name)));
    root.insert("title".into(), json!(format!("A completed {} audit (template version {})", t.name, t.version)));
    root.insert(
        "description".into(),
        json!(format!(
            "{}. Generated from the template by `caseaudit schema audit --template {}`; `caseaudit validate` checks the rest (dates, evidence, grades, actions, staff).",
            t.title, t.name
        )),
    );
    let Value::Object(mut body) = object(props, required) else { unreachable!("object() builds an object") };
    let conditional = conditional(t);
    if !conditional.is_empty() {
        body.insert("allOf".into(), Value::Array(conditional));
    }
    root.extend(body);
    let mut s = serde_json::to_string_pretty(&Value::Object(root)).expect("a JSON value serialises");
    s.push('\n');
    s
}

/// The actions, the comment boxes and the moderation record.
fn actions_comments_moderation(t: &Template, props: &mut Map<String, Value>) {
    if let Some(a) = &t.actions {
        let mut item = Map::new();
        let mut need = vec!["action".to_string()];
        item.insert("action".into(), filled());
        for (id, n) in [("owner", a.owner), ("due", a.due)] {
            item.insert(id.into(), if n == Need::Required { filled() } else { text() });
            if n == Need::Required {
                need.push(id.into());
            }
        }
        props.insert(
            "actions".into(),
            json!({ "anyOf": [{ "type": "null" }, { "type": "array", "items": object(item, need) }] }),
        );
    }
    if !t.comments.is_empty() {
        let mut boxes = Map::new();
        for c in &t.comments {
            let mut inner = Map::new();
            inner.insert("text".into(), text());
            if c.dated_and_signed {
                inner.insert("date".into(), text());
                inner.insert("signature".into(), text());
            }
            boxes.insert(c.id.clone(), json!({ "anyOf": [text(), object(inner, vec![])] }));
        }
        props.insert("comments".into(), json!({ "anyOf": [{ "type": "null" }, object(boxes, vec![])] }));
    }
    if let Some(m) = &t.moderation {
        props.insert("moderation".into(), json!({ "anyOf": [{ "type": "null" }, fields(&m.fields)] }));
    }
}

/// Each question that applies only to some cases, required for those.
fn conditional(t: &Template) -> Vec<Value> {
    t.questions()
        .filter_map(|(_, q)| {
            let when = q.applies_when.as_deref()?;
            let statuses: Vec<&str> =
                super::STATUSES.iter().copied().filter(|s| super::applies(Some(when), s)).collect();
            let mut strict = Map::new();
            strict.insert(q.id.clone(), answer(t, q, false));
            Some(json!({
                "if": { "properties": { "case_status": { "enum": statuses } }, "required": ["case_status"] },
                "then": { "properties": { "answers": { "required": [q.id], "properties": strict } } }
            }))
        })
        .collect()
}
