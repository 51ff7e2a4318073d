//! One completed audit, checked: read (never a huge file), decoded, parsed
//! as YAML, matched to its template, and checked by the template's rules.
//! A file that cannot get that far has one finding that says why.

use crate::checklist::audit::{self, Context, Finding, Rule};
use crate::checklist::{self, Template};
use crate::yaml;
use std::collections::BTreeMap;
use std::io::Read;

/// One file's outcome.
pub struct Checked {
    pub name: String,
    pub text: Option<String>,
    pub findings: Vec<Finding>,
    /// The audit as a record, when asked for and it has no error.
    pub record: Option<crate::model::audit::Completed>,
}

fn fatal(rule: Rule, line: u32, column: u32, message: String, hint: &str) -> Vec<Finding> {
    vec![Finding { line, column, width: 1, record: String::new(), rule, message, hint: hint.to_string() }]
}

fn read(file: &str) -> Result<Vec<u8>, String> {
    let limit = yaml::tree::MAX_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let cannot = |e: std::io::Error| format!("cannot be read: {}", crate::error::io_reason(&e));
    let mut size = None;
    if file == "-" {
        crate::io::csvin::stdin_not_a_terminal().map_err(|e| format!("cannot be read: {}", e.message))?;
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes).map_err(cannot)?;
    } else {
        let f = std::fs::File::open(file).map_err(cannot)?;
        size = f.metadata().ok().map(|m| m.len());
        // Never read a huge file only to refuse it.
        if size.is_none_or(|s| s < limit) {
            // Sized to the file, so a small audit is one read, not a series
            // of growing ones.
            bytes.reserve_exact(size.unwrap_or(0) as usize + 1);
            f.take(limit).read_to_end(&mut bytes).map_err(cannot)?;
        }
    }
    match size.or(Some(bytes.len() as u64)).filter(|&s| s >= limit) {
        Some(s) => Err(yaml::tree::too_large(s, file != "-")),
        None => Ok(bytes),
    }
}

/// Checks `file` against `forced`, or the template it names (built-ins are
/// parsed once, into `templates`). With `keep`, an audit without an error
/// comes back as a record too (for `report`).
pub fn check_file(
    file: &str,
    forced: Option<&Template>,
    templates: &mut BTreeMap<String, Template>,
    cx: &Context,
    keep: bool,
) -> Checked {
    let name = if file == "-" { "<stdin>".to_string() } else { file.to_string() };
    let bytes = match read(file) {
        Ok(b) => b,
        Err(why) => {
            let findings = fatal(Rule::Unreadable, 0, 0, format!("the file {why}"), "check the path");
            return Checked { name, text: None, findings, record: None };
        }
    };
    let text = match yaml::tree::decode(&bytes) {
        Ok(t) => t,
        Err(why) => {
            let hint = "save the audit as a .yaml text file (start from `caseaudit form`)";
            let findings = fatal(Rule::Unreadable, 0, 0, format!("the file {why}"), hint);
            return Checked { name, text: None, findings, record: None };
        }
    };
    let root = match yaml::tree::parse(&text) {
        Ok(r) => r,
        Err(e) => {
            let hint = "YAML is indented with spaces; a value with ': ' or '#' in it needs quotes";
            let findings = fatal(Rule::Syntax, e.line, e.column, format!("not valid YAML: {}", e.message), hint);
            return Checked { name, text: Some(text), findings, record: None };
        }
    };
    let template = match template_for(&root, forced, templates) {
        Ok(t) => t,
        Err(findings) => return Checked { name, text: Some(text), findings, record: None },
    };
    let findings = audit::check(&root, template, cx);
    let valid = !findings.iter().any(|f| f.rule.severity() == crate::error::Severity::Error);
    let record = (keep && valid).then(|| checklist::record::completed(&name, &root, template));
    Checked { name, text: Some(text), findings, record }
}

/// The template an audit is checked against: `forced` (which must be the
/// one the file names, if it names one), or the built-in it names. Else the
/// finding that says why there is none.
fn template_for<'t>(
    root: &yaml::tree::Node,
    forced: Option<&'t Template>,
    templates: &'t mut BTreeMap<String, Template>,
) -> Result<&'t Template, Vec<Finding>> {
    let named = audit::template_name(root);
    let at = root.get("template").map_or((1, 1), |n| (n.line, n.column));
    let built_ins: Vec<&str> = checklist::BUILT_IN.iter().map(|(n, _)| *n).collect();
    match (forced, named) {
        (Some(t), Some(n)) if n != t.name => {
            let msg = format!("this is a '{n}' audit, but --template gives '{}'", t.name);
            Err(fatal(Rule::UnknownTemplate, at.0, at.1, msg, "check the file, or leave out --template"))
        }
        (Some(t), _) => Ok(t),
        (None, None) => {
            let msg = "the file does not say which template it follows".to_string();
            let hint = format!("add 'template: NAME' ({}) or give --template", built_ins.join(", "));
            Err(fatal(Rule::UnknownTemplate, at.0, at.1, msg, &hint))
        }
        (None, Some(n)) => {
            if !templates.contains_key(n) && built_ins.contains(&n) {
                match crate::ops::config::template(n) {
                    Ok(t) => {
                        templates.insert(n.to_string(), t);
                    }
                    Err(e) => return Err(fatal(Rule::UnknownTemplate, at.0, at.1, e.to_string(), "")),
                }
            }
            templates.get(n).ok_or_else(|| {
                let msg = format!("'{n}' is not a built-in template ({})", built_ins.join(", "));
                let hint = "for a local template, give its file: --template FILE";
                fatal(Rule::UnknownTemplate, at.0, at.1, msg, hint)
            })
        }
    }
}
