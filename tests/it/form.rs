//! `form` and `validate` agree (docs/reference/input-files.md): a form written by `form
//! --from` a selection, filled in the way a person fills it in a text editor
//! (each value typed over the empty one, the form's comments kept), validates
//! clean for every built-in template and every case status; what the form
//! says may be left as written (Q14 for an open case) is accepted, and a
//! question the case needs left as written is an error naming its line.
//!
//! The filling reads the form, not the template: the answers offered are
//! those after `answer:`, a question marked "Only when the case is ..." is
//! left alone for other cases, a header field is filled when it says
//! "(required)". So a form that stops telling the user what `validate` wants
//! fails here.

use crate::common;
use std::path::{Path, PathBuf};

/// How the person types a value over the form's `""` or `[]`.
#[derive(Clone, Copy, Debug)]
enum Typing {
    /// Between the quotes the form wrote; evidence as `["..."]`.
    InQuotes,
    /// Over the quotes, without any; evidence as one line of text.
    Bare,
    /// Over the quotes, without any; evidence as a list, one item a line.
    List,
}

/// The statuses `case_status` may take, as the form lists them.
const STATUSES: [&str; 3] = ["open", "closing", "transferring"];

const AUDIT_DATE: &str = "2026-11-18";
const EVIDENCE: &str = "Home visit case note - 05/11/2026 - Mosaic";

/// A form's lines, edited as text.
struct Form {
    lines: Vec<String>,
}

/// The indentation, key and the rest of a `key: value  # comment` line.
fn split(line: &str) -> Option<(usize, &str, &str)> {
    let body = line.trim_start();
    if body.is_empty() || body.starts_with('#') || body.starts_with('-') {
        return None;
    }
    let (key, rest) = body.split_once(':')?;
    Some((line.len() - body.len(), key, rest))
}

impl Form {
    fn read(path: &Path) -> Form {
        Form { lines: std::fs::read_to_string(path).unwrap().lines().map(String::from).collect() }
    }

    /// (line index, dotted path) of every `key:` line.
    fn keys(&self) -> Vec<(usize, String)> {
        let mut stack: Vec<(usize, String)> = Vec::new();
        let mut out = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            let Some((indent, key, _)) = split(line) else { continue };
            while stack.last().is_some_and(|(d, _)| *d >= indent) {
                stack.pop();
            }
            stack.push((indent, key.to_string()));
            out.push((i, stack.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>().join(".")));
        }
        out
    }

    fn line_of(&self, path: &str) -> usize {
        self.keys().into_iter().find(|(_, p)| p == path).unwrap_or_else(|| panic!("no {path} in the form")).0
    }

    /// The comment the form wrote after `path`'s value, without the `#`.
    fn note(&self, path: &str) -> String {
        let line = &self.lines[self.line_of(path)];
        line.split_once("  # ").map(|(_, c)| c.to_string()).unwrap_or_default()
    }

    /// The value written after `path`, without its comment.
    fn value(&self, path: &str) -> String {
        let (_, _, rest) = split(&self.lines[self.line_of(path)]).unwrap();
        rest.split_once("  # ").map_or(rest, |(v, _)| v).trim().to_string()
    }

    /// Types `value` over what `path` holds, keeping the comment after it.
    fn set(&mut self, path: &str, value: &str) {
        let i = self.line_of(path);
        let (indent, key, rest) = split(&self.lines[i]).unwrap();
        let comment = rest.split_once("  # ").map(|(_, c)| format!("  # {c}")).unwrap_or_default();
        self.lines[i] = format!("{}{key}: {value}{comment}", " ".repeat(indent));
    }

    /// Types text over a `""` the way `typing` does.
    fn type_text(&mut self, path: &str, text: &str, typing: Typing) {
        match typing {
            Typing::InQuotes => self.set(path, &format!("\"{text}\"")),
            Typing::Bare | Typing::List => self.set(path, text),
        }
    }

    /// Lists one piece of evidence under `path` (which the form wrote as `[]`).
    fn evidence(&mut self, path: &str, item: &str, typing: Typing) {
        match typing {
            Typing::InQuotes => self.set(path, &format!("[\"{item}\"]")),
            Typing::Bare => self.set(path, item),
            Typing::List => {
                let i = self.line_of(path);
                let indent = split(&self.lines[i]).unwrap().0;
                self.set(path, "");
                self.lines.insert(i + 1, format!("{}  - {item}", " ".repeat(indent)));
            }
        }
    }

    /// Removes the first `#` of the `count` comment lines after `path`'s line:
    /// what the form says to do to add an action or start the moderation.
    fn uncomment_after(&mut self, path: &str, count: usize, edit: impl Fn(&str) -> String) {
        let i = self.line_of(path);
        for line in &mut self.lines[i + 1..=i + count] {
            let bare = line.strip_prefix('#').expect("a commented line");
            *line = edit(bare);
        }
    }

    /// The questions in form order: (id, offered answers, the statuses it
    /// applies to, as its "Only when the case is ..." line says).
    fn questions(&self) -> Vec<(String, Vec<String>, Vec<String>)> {
        let keys = self.keys();
        let mut out = Vec::new();
        for (i, path) in &keys {
            let Some(id) = path.strip_prefix("answers.").filter(|p| !p.contains('.')) else { continue };
            let answer = self.line_of(&format!("answers.{id}.answer"));
            let offered: Vec<String> = self
                .note(&format!("answers.{id}.answer"))
                .split(" | ")
                .map(|a| a.trim_matches('"').to_string())
                .collect();
            let only = self.lines[*i + 1..answer]
                .iter()
                .find_map(|l| l.trim().strip_prefix("# Only when the case is ").map(String::from));
            let statuses = match only {
                Some(when) => {
                    let when = when.split(';').next().unwrap();
                    STATUSES.iter().filter(|s| when.contains(*s)).map(|s| s.to_string()).collect()
                }
                None => STATUSES.map(String::from).to_vec(),
            };
            assert!(!statuses.is_empty(), "question {id}: cannot read its condition");
            out.push((id.to_string(), offered, statuses));
        }
        out
    }

    fn text(&self) -> String {
        self.lines.join("\n") + "\n"
    }
}

/// How one form is filled in.
#[derive(Clone, Copy, Debug)]
struct Filling {
    status: &'static str,
    typing: Typing,
    /// Good-practice only: grade the audit Inadequate, with safeguarding
    /// concerns, an action and the Stage 2 moderation.
    inadequate: bool,
}

/// Fills `form` in as a person would: every required header field, every
/// question that applies (cycling through the offered answers; a "Yes" with
/// its evidence, anything else with a comment), the grades, the date and the
/// signature. Questions that do not apply are left as written.
fn fill(form: &mut Form, f: Filling) {
    let typing = f.typing;
    for (_, path) in form.keys() {
        if path.starts_with("header.") && form.value(&path) == "\"\"" && form.note(&path).ends_with("(required)") {
            let field = path.trim_start_matches("header.");
            form.type_text(&path, &format!("Entered {field}"), typing);
        }
    }
    if f.status != "open" {
        form.set("case_status", f.status);
    }
    for (n, (id, offered, statuses)) in form.questions().into_iter().enumerate() {
        if !statuses.iter().any(|s| s == f.status) {
            continue; // "Only when the case is ...": left as written
        }
        let answer = offered[n % offered.len()].clone();
        let quoted = format!("\"{answer}\"");
        form.set(&format!("answers.{id}.answer"), if matches!(typing, Typing::InQuotes) { &quoted } else { &answer });
        if answer == "Yes" {
            form.evidence(&format!("answers.{id}.evidence"), EVIDENCE, typing);
        } else {
            form.type_text(&format!("answers.{id}.comment"), "Nothing on file since the last review", typing);
        }
    }
    let keys = form.keys();
    let grades: Vec<&String> = keys.iter().map(|(_, p)| p).filter(|p| p.starts_with("grades.")).collect();
    for path in grades {
        let grade = if f.inadequate && path == "grades.overall" { "Inadequate" } else { "Requires Improvement" };
        form.set(path, &format!("\"{grade}\""));
    }
    if f.inadequate {
        form.set("safeguarding_concerns", "yes");
        // Wednesday 18 November: 5 working days run to 25 November.
        form.uncomment_after("actions", 3, |l| {
            l.replace("action: \"\"", "action: \"Strategy discussion with the police\"")
                .replace("owner: \"\"", "owner: \"W02\"")
                .replace("due:", "due: 2026-11-24")
        });
        form.uncomment_after("moderation", 5, |l| {
            l.replace("moderator: \"\"", "moderator: \"SM01\"")
                .replace("date: \"\"", "date: \"2026-11-20\"")
                .replace("reflection: \"\"", "reflection: \"Yes: the child was seen the same day\"")
        });
    }
    if matches!(typing, Typing::List) && keys.iter().any(|(_, p)| p == "comments.team_manager.date") {
        form.type_text("comments.team_manager.text", "Supervision to follow up the plan", typing);
        form.set("comments.team_manager.date", "2026-11-19");
        form.type_text("comments.team_manager.signature", "TM01", typing);
    }
    form.set("audit_date", AUDIT_DATE);
    form.type_text("signature", "SM01", typing);
}

/// The fillings for `template`: each status its form offers, each way of typing.
fn fillings(template: &str) -> Vec<Filling> {
    let mut out = Vec::new();
    for status in STATUSES {
        for typing in [Typing::InQuotes, Typing::Bare, Typing::List] {
            out.push(Filling { status, typing, inadequate: false });
        }
    }
    if template == "good-practice" {
        for typing in [Typing::InQuotes, Typing::Bare, Typing::List] {
            out.push(Filling { status: "open", typing, inadequate: true });
        }
    }
    out
}

/// The forms `form --from` writes for November's selection of the examples.
fn forms(dir: &Path, template: &str) -> Vec<PathBuf> {
    let selection = dir.join("selection.csv");
    if !selection.exists() {
        let o = common::output(&[&common::EXAMPLE_SELECT[..], &["-o", selection.to_str().unwrap()]].concat());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let out = dir.join(template);
    let o = common::output(&[
        "form",
        "--from",
        selection.to_str().unwrap(),
        "--template",
        template,
        "--dir",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 10, "{template}: {} forms", paths.len());
    paths
}

/// Whether the published JSON Schema of `template`'s audits accepts `text`:
/// it must say what `validate` says about what may be left (docs/check.md).
fn schema_accepts(template: &str, text: &str) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("schemas/audit-{template}.schema.json"));
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let tree = caseaudit::yaml::tree::parse(text).unwrap();
    jsonschema::validator_for(&schema).unwrap().is_valid(&caseaudit::yaml::tree::to_json(&tree))
}

fn validate(paths: &[&str]) -> common::Run {
    let mut args = vec!["validate", "--deny-warnings"];
    args.extend_from_slice(paths);
    common::run(&args)
}

/// Every form of every template, filled in each way for each case status,
/// validates with no error and no warning.
#[test]
fn filled_forms_validate_clean() {
    let dir = tempfile::tempdir().unwrap();
    for template in ["quality-practice", "good-practice", "escr", "family-feedback"] {
        let fillings = fillings(template);
        let paths = forms(dir.path(), template);
        for (i, path) in paths.iter().enumerate() {
            let mut form = Form::read(path);
            fill(&mut form, fillings[i % fillings.len()]);
            std::fs::write(path, form.text()).unwrap();
            assert!(schema_accepts(template, &form.text()), "{template}: {:?}", fillings[i % fillings.len()]);
        }
        // Fewer forms than fillings would leave some untried.
        let mut tried = paths.clone();
        for (i, f) in fillings.iter().enumerate().skip(paths.len()) {
            let mut form = Form::read(&paths[0]);
            let p = dir.path().join(template).join(format!("extra-{i}.yaml"));
            fill(&mut form, *f);
            std::fs::write(&p, form.text()).unwrap();
            assert!(schema_accepts(template, &form.text()), "{template}: {f:?}");
            tried.push(p);
        }
        let args: Vec<&str> = tried.iter().map(|p| p.to_str().unwrap()).collect();
        let r = validate(&args);
        assert_eq!(r.stdout, "file,line,column,record,rule,severity,message,hint\n", "{template}");
        assert_eq!(
            r.stderr,
            format!("validate: {} files checked: 0 errors, 0 warnings (0 with errors)\n", tried.len()),
            "{template}"
        );
        assert_eq!(r.code, 0, "{template}");
    }
}

/// The case: every answer of an open case's form filled, Q14 left as
/// `form` wrote it. It validates; the same form for a closing or transferring
/// case does not, and the finding names Q14's answer line.
#[test]
fn q14_left_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = &forms(dir.path(), "quality-practice")[0];
    let written = Form::read(path);
    let q14 = written.line_of("answers.q14.answer");
    assert_eq!(written.lines[q14], "    answer:  # \"Yes\" | \"No\" | \"N/A\"");
    let mut form = Form::read(path);
    fill(&mut form, Filling { status: "open", typing: Typing::InQuotes, inadequate: false });
    assert_eq!(form.lines[q14..q14 + 3], written.lines[q14..q14 + 3], "Q14 left as written");
    std::fs::write(path, form.text()).unwrap();
    let r = validate(&[path.to_str().unwrap()]);
    assert_eq!((r.code, r.stdout.lines().count()), (0, 1), "{}", r.stdout);

    for status in ["closing", "transferring"] {
        form.set("case_status", status);
        std::fs::write(path, form.text()).unwrap();
        let r = validate(&[path.to_str().unwrap()]);
        assert_eq!(r.code, 1, "{status}");
        let rows = common::parse_csv(&r.stdout);
        assert_eq!(rows.len(), 1, "{status}: {rows:?}");
        assert_eq!(rows[0]["rule"], "missing-answer");
        assert_eq!(rows[0]["record"], "answers.q14.answer");
        assert_eq!(rows[0]["line"], (q14 + 1).to_string(), "{status}: the line of Q14's answer");
        assert_eq!(rows[0]["message"], "question q14 is not answered");
    }
}

/// For each template and status, a question the case needs, left as the
/// form wrote it, is the one error, on that question's answer line: the first
/// question, and the conditional question where it applies.
#[test]
fn a_needed_answer_left_as_written_is_an_error_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    for template in ["quality-practice", "good-practice", "escr", "family-feedback"] {
        let path = &forms(dir.path(), template)[0];
        let questions = Form::read(path).questions();
        for status in STATUSES {
            let conditional = questions.iter().filter(|(_, _, s)| s.len() < STATUSES.len());
            let needed: Vec<&String> = std::iter::once(&questions[0].0)
                .chain(conditional.filter(|(_, _, s)| s.iter().any(|x| x == status)).map(|(id, _, _)| id))
                .collect();
            for id in needed {
                let written = Form::read(path);
                let mut form = Form::read(path);
                fill(&mut form, Filling { status, typing: Typing::InQuotes, inadequate: false });
                // Typed in quotes, every line stays where the form wrote it:
                // put back the answer, evidence and comment lines as written.
                let answer = form.line_of(&format!("answers.{id}.answer"));
                assert_eq!(answer, written.line_of(&format!("answers.{id}.answer")));
                form.lines[answer..answer + 3].clone_from_slice(&written.lines[answer..answer + 3]);
                let p = dir.path().join(format!("{template}-{status}-{id}.yaml"));
                std::fs::write(&p, form.text()).unwrap();
                let r = validate(&[p.to_str().unwrap()]);
                let rows = common::parse_csv(&r.stdout);
                let what = format!("{template}, {status}, {id} left");
                assert!(!schema_accepts(template, &form.text()), "{what}: the schema accepts it");
                assert_eq!(r.code, 1, "{what}");
                assert_eq!(rows.len(), 1, "{what}: {rows:?}");
                assert_eq!(rows[0]["rule"], "missing-answer", "{what}");
                assert_eq!(rows[0]["line"], (answer + 1).to_string(), "{what}");
                assert_eq!(rows[0]["message"], format!("question {id} is not answered"), "{what}");
            }
        }
    }
}
