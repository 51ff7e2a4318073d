//! `caseaudit validate` (docs/forms.md): the examples in `examples/audits/` are pinned
//! finding by finding; the generated JSON Schemas agree with the tool on every
//! example and on thousands of edits of the valid ones; bad input exits 2 with a
//! clear line.

use crate::common;

use caseaudit::checklist::audit::{self, Context, Group, Rule};
use caseaudit::yaml;
use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn caseaudit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caseaudit"))
        .current_dir(root())
        .env_remove("CASEAUDIT_TODAY")
        .env("NO_COLOR", "1")
        .args(["--today", TODAY])
        .args(args)
        .output()
        .expect("run caseaudit")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// (file, line, column, rule) of each CSV finding.
fn findings(o: &Output) -> Vec<(String, String, String, String)> {
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    r.records()
        .map(|rec| {
            let rec = rec.expect("CSV row");
            let file = Path::new(&rec[0]).file_name().unwrap().to_string_lossy().into_owned();
            (file, rec[1].to_string(), rec[2].to_string(), rec[4].to_string())
        })
        .collect()
}

#[test]
fn valid_examples_have_no_findings() {
    let o = caseaudit(&["validate", "--staff", "examples/staff.csv", "--format", "csv", "examples/audits/"]);
    // The directory holds invalid/ too: list the valid ones by name.
    let valid: Vec<_> = findings(&o).into_iter().filter(|f| f.0.ends_with("-valid.yaml")).collect();
    assert_eq!(valid, vec![]);
    let o = caseaudit(&[
        "validate",
        "--staff",
        "examples/staff.csv",
        "--deny-warnings",
        "examples/audits/quality-practice-valid.yaml",
        "examples/audits/good-practice-valid.yaml",
        "examples/audits/escr-valid.yaml",
    ]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stderr), "validate: 3 files checked: 0 errors, 0 warnings (0 with errors)\n");
}

/// Every finding of every invalid example, exactly: file, line, column, rule.
const PINNED: &[(&str, &str, &str, &str)] = &[
    ("action-due-too-late.yaml", "55", "10", "action-due-too-late"),
    ("action-due.yaml", "53", "5", "action-due"),
    ("action-owner.yaml", "53", "5", "action-owner"),
    ("answer-not-allowed.yaml", "20", "13", "answer-not-allowed"),
    ("audit-date-future.yaml", "73", "13", "audit-date-future"),
    ("auditor-in-line.yaml", "10", "12", "auditor-in-line"),
    ("bad-date.yaml", "73", "13", "bad-date"),
    ("bad-value.yaml", "13", "14", "bad-value"),
    ("comment-missing-escr.yaml", "16", "13", "comment-missing"),
    ("comment-missing.yaml", "58", "13", "comment-missing"),
    ("comment-unsigned.yaml", "68", "11", "comment-unsigned"),
    ("duplicate-key.yaml", "75", "1", "duplicate-key"),
    ("evidence-after-audit.yaml", "56", "9", "evidence-after-audit"),
    ("evidence-before-window.yaml", "14", "16", "evidence-before-window"),
    ("evidence-format.yaml", "31", "9", "evidence-format"),
    ("evidence-missing.yaml", "29", "13", "evidence-missing"),
    ("grade-not-allowed.yaml", "44", "13", "grade-not-allowed"),
    ("limiting-judgement.yaml", "42", "15", "limiting-judgement"),
    ("limiting-judgement.yaml", "46", "12", "limiting-judgement"),
    ("missing-answer.yaml", "49", "3", "missing-answer"),
    ("missing-audit-date.yaml", "73", "11", "missing-audit-date"),
    ("missing-field.yaml", "7", "17", "missing-field"),
    ("missing-grade.yaml", "43", "3", "missing-grade"),
    ("missing-signature.yaml", "74", "12", "missing-signature"),
    ("moderation-before-audit.yaml", "58", "9", "moderation-before-audit"),
    ("no-actions.yaml", "52", "10", "no-actions"),
    ("not-applicable-escr.yaml", "34", "11", "not-applicable"),
    ("not-applicable.yaml", "64", "13", "not-applicable"),
    ("safeguarding-unstated.yaml", "47", "12", "safeguarding-unstated"),
    ("syntax.yaml", "62", "20", "syntax"),
    ("template-version.yaml", "3", "10", "template-version"),
    ("text-cut-short.yaml", "59", "14", "text-cut-short"),
    ("unknown-field.yaml", "11", "3", "unknown-field"),
    ("unknown-staff.yaml", "10", "12", "unknown-staff"),
    ("unknown-template.yaml", "2", "11", "unknown-template"),
    ("unreadable.yaml", "", "", "unreadable"),
    ("wrong-type.yaml", "45", "7", "wrong-type"),
];

#[test]
fn every_rule_is_shown_by_an_example_and_pinned() {
    let o = caseaudit(&["validate", "--staff", "examples/staff.csv", "--format", "csv", "examples/audits/invalid"]);
    // Unreadable, syntax and unknown-template files could not be checked.
    assert_eq!(code(&o), 2);
    let got = findings(&o);
    let want: Vec<_> =
        PINNED.iter().map(|(f, l, c, r)| (f.to_string(), l.to_string(), c.to_string(), r.to_string())).collect();
    assert_eq!(got, want);
    for rule in Rule::ALL {
        assert!(PINNED.iter().any(|p| p.3 == rule.code()), "no example shows {}", rule.code());
        // Each example is named after the rule it shows.
        assert!(root().join(format!("examples/audits/invalid/{}.yaml", rule.code())).exists());
    }
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("validate: 36 files checked: 32 errors, 5 warnings (31 with errors)"), "{stderr}");
    assert!(stderr.contains("error: 3 files could not be checked"), "{stderr}");
}

#[test]
fn diagnostics_show_the_line_and_a_caret() {
    let o = caseaudit(&["validate", "--format", "table", "examples/audits/invalid/evidence-missing.yaml"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "examples/audits/invalid/evidence-missing.yaml:29:13: error[evidence-missing]: question q4 is answered Yes but lists no evidence\n   |\n29 |     answer: \"Yes\"\n   |             ^^^^^\n   = hint: list the evidence as \"what - when - where\", e.g. \"Risk assessment - 14/06/2026 - Mosaic\", or answer \"No\"\n"
    );
}

#[test]
fn warnings_alone_exit_0_unless_denied() {
    let f = "examples/audits/invalid/evidence-before-window.yaml";
    assert_eq!(code(&caseaudit(&["validate", f])), 0);
    assert_eq!(code(&caseaudit(&["validate", "--deny-warnings", f])), 1);
}

#[test]
fn json_findings_have_the_interface_columns() {
    let o = caseaudit(&["validate", "--format", "json", "examples/audits/invalid/action-due-too-late.yaml"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &v[0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["file", "line", "column", "record", "rule", "severity", "message", "hint"]);
    assert_eq!(f["record"], "actions[0].due");
    // 5 working days after Monday 16 November 2026.
    assert!(f["message"].as_str().unwrap().contains("by 2026-11-23"), "{f}");
}

#[test]
fn standard_input_and_template_override() {
    let text = std::fs::read(root().join("examples/audits/invalid/missing-signature.yaml")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseaudit"))
        .args(["--today", TODAY, "validate", "--format", "csv", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 1);
    assert!(String::from_utf8_lossy(&o.stdout).contains("<stdin>,74,12,signature,missing-signature,error"));
    // A good-practice audit checked as quality-practice is refused, not mangled.
    let o = caseaudit(&["validate", "--template", "quality-practice", "examples/audits/good-practice-valid.yaml"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stdout).contains("this is a 'good-practice' audit"));
}

/// Bad input: exit 2 and one clear line each, never a panic or a hang.
#[test]
fn hostile_files_exit_2_with_a_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    };
    let mut bomb = String::from("template: quality-practice\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for pair in ('a'..='l').collect::<Vec<_>>().windows(2) {
        bomb.push_str(&format!("{0}: &{0} [{1}]\n", pair[1], vec![format!("*{}", pair[0]); 10].join(", ")));
    }
    let big = dir.path().join("big.yaml");
    std::fs::File::create(&big).unwrap().set_len(100 << 20).unwrap();
    let cases = [
        (write("malformed.yaml", b"template: quality-practice\nheader: [unclosed\n"), "syntax"),
        (write("bomb.yaml", bomb.as_bytes()), "YAML bomb"),
        (write("deep.yaml", ("[".repeat(100_000) + &"]".repeat(100_000)).as_bytes()), "syntax"),
        (big.to_string_lossy().into_owned(), "100.0 MB"),
        (write("binary.yaml", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe]), "binary"),
        (write("unknown.yaml", b"template: my-own\nversion: 1\n"), "'my-own' is not a built-in template"),
        (dir.path().join("missing.yaml").to_string_lossy().into_owned(), "cannot be read"),
    ];
    for (path, expect) in &cases {
        let started = std::time::Instant::now();
        let o = caseaudit(&["validate", "--format", "table", path]);
        let out = String::from_utf8_lossy(&o.stdout);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(code(&o), 2, "{path}: {out}{err}");
        assert!(out.contains(expect), "{path}: {out}");
        assert!(out.lines().next().unwrap().starts_with(path.as_str()), "{out}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(started.elapsed().as_secs() < 60, "{path} took {:?}", started.elapsed());
    }
    // An unknown template given on the command line is a usage error.
    let o = caseaudit(&["validate", "--template", "nonesuch", "examples/audits/escr-valid.yaml"]);
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: nonesuch: is neither a built-in template"));
}

/// Old Mac files end lines with a lone CR, which YAML counts as a line break:
/// the snippet must show the line the position names (found by cargo-fuzz).
#[test]
fn carriage_return_files_show_the_right_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("examples/audits/invalid/missing-signature.yaml")).unwrap();
    let p = dir.path().join("mac.yaml");
    std::fs::write(&p, text.replace('\n', "\r")).unwrap();
    let o = caseaudit(&["validate", "--format", "table", p.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(":74:12: error[missing-signature]"), "{out}");
    assert!(out.contains("74 | signature: \"\"\n"), "{out}");
}

/// The month's flow: select → form --from → validate, on the examples.
#[test]
fn select_then_prefilled_forms_then_validate() {
    let dir = tempfile::tempdir().unwrap();
    let selection = dir.path().join("selection.csv");
    let forms = dir.path().join("forms");
    let sel = selection.to_str().unwrap();
    let o = caseaudit(&[&common::EXAMPLE_SELECT[..], &["-o", sel]].concat());
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_path(&selection).unwrap().records().map(Result::unwrap).collect();
    let o = caseaudit(&["form", "--from", sel, "--template", "good-practice", "--dir", forms.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let mut made: Vec<_> = std::fs::read_dir(&forms).unwrap().map(|e| e.unwrap().file_name()).collect();
    made.sort();
    assert_eq!(made.len(), rows.len());
    let first = &rows[0];
    let text = std::fs::read_to_string(forms.join(format!("2026-11-{}.yaml", &first[1]))).unwrap();
    assert!(text.contains(&format!("  child_ref: \"{}\"", &first[1])), "{text}");
    assert!(text.contains(&format!("  allocated_worker: \"{}\"", &first[2])), "{text}");
    assert!(text.contains("  audit_month: \"2026-11\""), "{text}");
    // A form being filled in survives a re-run.
    let p = forms.join(&made[0]);
    std::fs::write(&p, "kept").unwrap();
    let o = caseaudit(&["form", "--from", sel, "--template", "good-practice", "--dir", forms.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!(
        "wrote 0 good-practice forms in {}; kept {}",
        forms.display(),
        rows.len()
    )));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "kept");
    std::fs::remove_file(&p).unwrap();
    // Unfilled forms are found wanting, but their header is right: no
    // missing-field for the prefilled case, worker, team or month.
    let o = caseaudit(&["validate", "--staff", "examples/staff.csv", "--format", "csv", forms.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let out = String::from_utf8_lossy(&o.stdout);
    for field in ["child_ref", "allocated_worker", "team", "audit_month"] {
        assert!(!out.contains(&format!("header.{field},missing-field")), "{out}");
    }
    assert!(out.contains("missing-answer") && out.contains("missing-audit-date"));
}

fn context<'a>(
    cal: &'a caseaudit::calendar::Calendar,
    staff: Option<&'a caseaudit::model::staff::Staff>,
) -> Context<'a> {
    Context {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        calendar: cal,
        count_event_day: false,
        staff,
    }
}

/// Whether the generated schema and `validate`'s schema-group rules agree on `text`.
fn agree(
    text: &str,
    t: &caseaudit::checklist::Template,
    v: &jsonschema::Validator,
    cx: &Context,
) -> Result<(), String> {
    let Ok(tree) = yaml::tree::parse(text) else { return Ok(()) };
    let findings = audit::check(&tree, t, cx);
    // The schema's `const` template catches what the tool calls unknown-template.
    let tool = findings.iter().any(|f| f.rule.group() != Group::Rules);
    let json = yaml::tree::to_json(&tree);
    let schema = !v.is_valid(&json);
    if tool == schema {
        return Ok(());
    }
    let errors: Vec<String> = v.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    let codes: Vec<&str> = findings.iter().map(|f| f.rule.code()).collect();
    Err(format!("tool says {codes:?}, schema says {errors:?}\n---\n{text}"))
}

/// The valid example of a built-in template.
fn valid_example(template: &str) -> std::path::PathBuf {
    match template {
        "family-feedback" => root().join("examples/feedback/C017-carer.yaml"),
        name => root().join(format!("examples/audits/{name}-valid.yaml")),
    }
}

#[test]
fn audit_schemas_are_current_valid_and_agree_with_validate() {
    let cal = caseaudit::calendar::Calendar::new(caseaudit::calendar::Region::EnglandAndWales, Default::default());
    let cx = context(&cal, None);
    for (name, _) in caseaudit::checklist::BUILT_IN {
        let t = caseaudit::ops::config::template(name).unwrap();
        let text = caseaudit::checklist::schema::audit_schema(&t);
        let path = root().join(format!("schemas/audit-{name}.schema.json"));
        if std::env::var_os("CASEAUDIT_UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}: run with CASEAUDIT_UPDATE_SCHEMAS=1");
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(jsonschema::meta::is_valid(&schema), "{name}");
        let v = jsonschema::validator_for(&schema).unwrap();

        // Every example of this template (family feedback has a folder of its own).
        let mut examples = vec![valid_example(name)];
        for dir in ["examples/audits/invalid", "examples/feedback"] {
            for e in std::fs::read_dir(root().join(dir)).unwrap() {
                examples.push(e.unwrap().path());
            }
        }
        let mut checked = 0;
        for p in examples {
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            let Ok(tree) = yaml::tree::parse(&text) else { continue };
            if audit::template_name(&tree) != Some(name) {
                continue;
            }
            agree(&text, &t, &v, &cx).map_err(|e| format!("{}: {e}", p.display())).unwrap();
            checked += 1;
        }
        assert!(checked >= 3, "{name}: only {checked} examples");

        // Thousands of edits of the valid example: delete a line, or replace a
        // value with something typical of hand-edited files.
        let valid = std::fs::read_to_string(valid_example(name)).unwrap();
        let lines: Vec<&str> = valid.lines().collect();
        let values = ["", "\"\"", "Yes", "\"yes\"", "maybe", "[]", "{}", "[a, b]", "true", "12", "2026-11-40", "~"];
        let mut disagreements = Vec::new();
        let mut edits = 0;
        for i in 0..lines.len() {
            let mut edited = lines.clone();
            edited.remove(i);
            edits += 1;
            if let Err(e) = agree(&edited.join("\n"), &t, &v, &cx) {
                disagreements.push(format!("{name} without line {}: {}", i + 1, e.lines().next().unwrap_or("")));
            }
            let Some((key, _)) = lines[i].split_once(": ") else { continue };
            for value in values {
                let mut edited = lines.clone();
                let line = format!("{key}: {value}");
                edited[i] = &line;
                edits += 1;
                if let Err(e) = agree(&edited.join("\n"), &t, &v, &cx) {
                    disagreements.push(format!(
                        "{name} line {} as '{line}': {}",
                        i + 1,
                        e.lines().next().unwrap_or("")
                    ));
                }
            }
        }
        assert!(
            disagreements.is_empty(),
            "{} of {edits} edits disagree:\n{}",
            disagreements.len(),
            disagreements.join("\n")
        );
        assert!(edits > 6 * lines.len(), "{name}: {edits} edits of {} lines", lines.len());
    }
}

/// The forms guide's table of rules (docs/forms.md) lists every code.
#[test]
fn every_rule_is_in_the_forms_guide() {
    let guide = std::fs::read_to_string(root().join("docs/forms.md")).unwrap();
    for rule in Rule::ALL {
        assert!(guide.contains(&format!("| `{}` |", rule.code())), "docs/forms.md does not document {}", rule.code());
    }
    assert_eq!(Rule::ALL.iter().filter(|r| r.group() == Group::Unreadable).count(), 3);
}

/// Q14 applies only to a case being closed or transferred: for an open case it
/// may be left out, or answered N/A with no comment; for a closing case it is
/// required, and a missing answer is reported where it belongs (after q13).
#[test]
fn q14_only_where_it_applies() {
    let dir = tempfile::tempdir().unwrap();
    let valid = std::fs::read_to_string(root().join("examples/audits/quality-practice-valid.yaml")).unwrap();
    let q14 = "  q14:\n    answer: \"N/A\"\n    comment: The case is open.\n";
    assert!(valid.contains(q14));
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let left_out = write("left-out.yaml", &valid.replace(q14, ""));
    let bare = write("bare.yaml", &valid.replace(q14, "  q14:\n    answer: \"N/A\"\n"));
    let o = caseaudit(&["validate", &left_out, &bare]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stdout));
    let closing = write("closing.yaml", &valid.replace(q14, "").replace("case_status: open", "case_status: closing"));
    let o = caseaudit(&["validate", "--format", "csv", &closing]);
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3, "missing-answer");
    let q13_line = valid.lines().position(|l| l == "  q13:").unwrap() + 1;
    assert_eq!(f[0].1, q13_line.to_string(), "reported at q13, after which q14 belongs");
}

/// `form --from` reads what `select` writes, in CSV and in JSON (with or
/// without its exclusions), and makes the same forms from either.
#[test]
fn forms_from_select_csv_and_json_agree() {
    let dir = tempfile::tempdir().unwrap();
    let base = ["select", "--staff", "examples/staff.csv", "--cases", "examples/cases.csv", "--month", "2026-11"];
    let mut made = Vec::new();
    for (name, extra) in [("sel.csv", vec![]), ("sel.json", vec!["--explain"]), ("sel.jsonl", vec![])] {
        let out = dir.path().join(name);
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra);
        args.extend(["-o", out.to_str().unwrap()]);
        assert_eq!(code(&caseaudit(&args)), 0);
        let forms = dir.path().join(format!("forms-{name}"));
        let o = caseaudit(&["form", "--from", out.to_str().unwrap(), "--dir", forms.to_str().unwrap()]);
        assert_eq!(code(&o), 0, "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let mut files: Vec<(String, String)> = std::fs::read_dir(&forms)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        assert!(files.len() > 5, "{name}");
        made.push(files);
    }
    assert!(made.windows(2).all(|w| w[0] == w[1]));
}
