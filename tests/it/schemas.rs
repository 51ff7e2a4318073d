//! The JSON Schemas in `schemas/` are valid JSON Schema (checked against the
//! metaschema) and agree with the tool: every built-in policy and example
//! validates, and files the tool refuses are refused by the schema too.

use serde_json::Value;

fn schema(name: &str) -> Value {
    serde_json::from_str(caseaudit::cmd::schema::text(name).expect("schema exists")).expect("schema is JSON")
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("YAML")
}

#[test]
fn schemas_are_valid_json_schema() {
    // `audit` is generated from a template: tests/it/validate.rs checks those.
    for name in caseaudit::cmd::schema::NAMES.into_iter().filter(|n| *n != "audit") {
        let s = schema(name);
        assert!(jsonschema::meta::is_valid(&s), "{name} is not a valid JSON Schema");
        // And the file on disk is what the binary prints.
        let disk =
            std::fs::read_to_string(format!("{}/schemas/{name}.schema.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert_eq!(disk, caseaudit::cmd::schema::text(name).unwrap());
    }
}

#[test]
fn built_in_policies_validate() {
    let v = jsonschema::validator_for(&schema("policy")).unwrap();
    for (name, text) in caseaudit::select::policy::BUILT_IN {
        let doc = yaml(text);
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(caseaudit::select::policy::parse(name, text).is_ok());
    }
}

#[test]
fn schema_and_tool_agree_on_bad_policies() {
    let v = jsonschema::validator_for(&schema("policy")).unwrap();
    let good = caseaudit::select::policy::BUILT_IN[1].1;
    let bad = [
        good.replace("choice: random", "choice: fair"),
        good.replace("window: 3 months", "window: 12 weeks"),
        good.replace("restricted: flag", "restricted: hide"),
        good.replace("  files: all", "  files: every"),
        good.replace("name: good-practice", "name: good-practice\nunknown_setting: 1"),
        good.replace("    day: 21\n", "    day: 32\n"),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert_ne!(text, good, "edit {i} applied");
        let doc = yaml(text);
        assert!(!v.is_valid(&doc), "schema accepts bad policy {i}");
        assert!(caseaudit::select::policy::parse("p.yaml", text).is_err(), "tool accepts bad policy {i}");
    }
}

#[test]
fn column_mapping_schema() {
    let v = jsonschema::validator_for(&schema("columns")).unwrap();
    assert!(v.is_valid(&yaml("case_id: Child Unique ID\nstaff:\n  staff_id: Worker ID\n")));
    assert!(!v.is_valid(&yaml("case_id: 3\n")));
    assert!(!v.is_valid(&yaml("- a\n")));
}

#[test]
fn timescale_sets_validate_and_agree() {
    let v = jsonschema::validator_for(&schema("timescales")).unwrap();
    for (name, text) in caseaudit::timescales::BUILT_IN {
        let errors: Vec<String> = v.iter_errors(&yaml(text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(caseaudit::ops::config::timescales(name).is_ok());
    }
    let dir = tempfile::tempdir().unwrap();
    let good =
        "name: local\nobligations:\n  - {event: referral, obligation: visit, rule: 7 working days, source: local}\n";
    let bad = [
        good.replace("7 working days", "7 fortnights"),
        good.replace("source: local", "sauce: local"),
        good.replace("source: local}", "source: local, when: {detail: [urgent]}}"),
        good.replace("7 working days", "day 40 of month +1"),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert!(!v.is_valid(&yaml(text)), "schema accepts bad set {i}");
        let p = dir.path().join("set.yaml");
        std::fs::write(&p, text).unwrap();
        assert!(caseaudit::ops::config::timescales(p.to_str().unwrap()).is_err(), "tool accepts bad set {i}");
    }
    assert!(v.is_valid(&yaml(good)));
}

#[test]
fn templates_validate_and_agree() {
    let v = jsonschema::validator_for(&schema("template")).unwrap();
    for (name, text) in caseaudit::checklist::BUILT_IN {
        let errors: Vec<String> = v.iter_errors(&yaml(text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(caseaudit::ops::config::template(name).is_ok());
    }
    let good = caseaudit::checklist::BUILT_IN[0].1;
    let dir = tempfile::tempdir().unwrap();
    let bad = [
        good.replace("audit_date: required", "audit_date: sometimes"),
        good.replace("applies_when: closing-or-transferring", "applies_when: on-tuesdays"),
        good.replace("version: 1", "version: 0"),
        good.replace("  - {id: team,", "  - {ident: team,"),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert_ne!(text, good, "edit {i} applied");
        assert!(!v.is_valid(&yaml(text)), "schema accepts bad template {i}");
        let p = dir.path().join("t.yaml");
        std::fs::write(&p, text).unwrap();
        if i != 2 {
            assert!(caseaudit::ops::config::template(p.to_str().unwrap()).is_err(), "tool accepts bad template {i}");
        }
    }
}

#[test]
fn blank_form_is_a_complete_yaml_audit() {
    let t = caseaudit::ops::config::template("quality-practice").unwrap();
    let form = caseaudit::checklist::form::blank(&t);
    let doc = yaml(&form);
    assert_eq!(doc["template"], "quality-practice");
    assert_eq!(doc["answers"].as_object().unwrap().len(), 14);
    assert_eq!(doc["answers"]["q3"]["evidence"], serde_json::json!([]));
    assert!(doc["answers"]["q1"]["answer"].is_null());
    assert_eq!(doc["header"].as_object().unwrap().len(), 8);
    assert!(form.contains("# Is there evidence of the referred child being seen?"));
}

#[test]
fn rule_sets_validate_and_agree() {
    let v = jsonschema::validator_for(&schema("rules")).unwrap();
    for (name, text) in caseaudit::check::BUILT_IN {
        let errors: Vec<String> = v.iter_errors(&yaml(text)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert!(caseaudit::ops::config::rule_set(name).is_ok());
    }
    // The Table Schema suite's plain schemas are rule sets too.
    for name in ["types", "constraints", "missing", "primarykey"] {
        let p = format!("{}/tests/data/tableschema/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        assert!(v.is_valid(&doc), "{name}");
        assert!(caseaudit::ops::config::rule_set(&p).is_ok(), "{name}");
    }
    let good = caseaudit::check::BUILT_IN[3].1;
    let dir = tempfile::tempdir().unwrap();
    let bad = [
        good.replace(
            "type: date, format: any, constraints: {required: true}}",
            "type: dates, format: any, constraints: {required: true}}",
        ),
        good.replace("limit: 5 working days", "limit: 5 fortnights"),
        good.replace("constraints: {required: true}}", "constraints: {requird: true}}"),
        good.replace("  - not_before:", "  - not_after:"),
        good.replace("{field: recorded_date, other: event_date}", "{field: recorded_date}"),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert_ne!(text, good, "edit {i} applied");
        assert!(!v.is_valid(&yaml(text)), "schema accepts bad rule set {i}");
        let p = dir.path().join("r.yaml");
        std::fs::write(&p, text).unwrap();
        assert!(caseaudit::ops::config::rule_set(p.to_str().unwrap()).is_err(), "tool accepts bad rule set {i}");
    }
}

#[test]
fn routing_schema_and_tool_agree() {
    let v = jsonschema::validator_for(&schema("routing")).unwrap();
    let (name, good) = caseaudit::route::policy::BUILT_IN[0];
    let errors: Vec<String> = v.iter_errors(&yaml(good)).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}");
    assert!(caseaudit::route::policy::parse(name, good).is_ok());
    let bad = [
        good.replace("  - any-team-manager\n", "  - any-manager\n"),
        good.replace("start: \"09:00\"", "start: \"9 am\""),
        good.replace("end: \"17:00\"", "end: \"25:00\""),
        good.replace("name: default", "name: default\nlunch: 1"),
        good.replace("team_manager_roles: [Team Manager]", "team_manager_roles: []"),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert_ne!(text, good, "edit {i} applied");
        assert!(!v.is_valid(&yaml(text)), "schema accepts bad routing policy {i}");
        assert!(caseaudit::route::policy::parse("r.yaml", text).is_err(), "tool accepts bad routing policy {i}");
    }
}
