//! Themes from what auditors wrote (docs/report.md), on 600 generated audits whose
//! free text has themes planted at known rates, different in each team, with
//! negated mentions that must not count for their theme ("No evidence of the
//! child's voice", "No drift", "The plan is not SMART"). The `themes` and
//! `themes-by-team` counts must be exactly those planted, and each interval
//! within 0.1 percentage points of one computed here another way.

use super::report::generate_audits::{self, MONTHS, Spec};
use super::report::{assert_csv, ci, has_word, n, p, report, run};

/// The built-in themes: (id, label, kind).
fn themes() -> Vec<(String, String, String)> {
    let t = caseaudit::report::themes::parse("default", caseaudit::report::themes::BUILT_IN[0].1).unwrap();
    t.themes.iter().map(|x| (x.id.clone(), x.label.clone(), x.kind.word().to_string())).collect()
}

fn rows_for(label: &str, these: &[&Spec], out: &mut Vec<Vec<String>>) {
    for (id, name, kind) in themes() {
        let k = these.iter().filter(|s| s.themes.contains(&id.as_str())).count();
        let mut row = vec![label.to_string(), id, name, kind, n(k), p(k, these.len())];
        row.extend(ci(k, these.len(), these.len()));
        out.push(row);
    }
}

#[test]
fn planted_themes_are_counted_exactly_and_negated_ones_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let specs = generate_audits::write(600, d).unwrap();
    // The plants, as planted: oversight comes at a rate that differs by team,
    // drift in odd teams only, and the negated sentences are there.
    let rate = |team: &str, theme: &str| {
        let these: Vec<&Spec> = specs.iter().filter(|s| s.team == team).collect();
        these.iter().filter(|s| s.themes.contains(&theme)).count() as f64 / these.len() as f64
    };
    assert!(rate("T1", "management-oversight") > 0.45 && rate("T7", "management-oversight") < 0.15);
    assert!(rate("T1", "drift-and-delay") > 0.3 && rate("T2", "drift-and-delay") == 0.0);
    let with = |theme: &str| specs.iter().filter(|s| s.themes.contains(&theme)).count();
    assert!(with("childs-voice") == 120 && with("childs-voice-missing") > 80 && with("plans-not-smart") == 100);

    // Month by month, then the period.
    let mut rows = Vec::new();
    for m in MONTHS {
        let these: Vec<&Spec> = specs.iter().filter(|s| s.month == m).collect();
        rows_for(m, &these, &mut rows);
    }
    rows_for("all", &specs.iter().collect::<Vec<_>>(), &mut rows);
    let header = "month,theme,label,kind,audits_mentioning,pct_of_audits,n,ci_low,ci_high";
    assert_csv(&run(d, "themes"), header, rows);

    // Team by team, over the period.
    let mut rows = Vec::new();
    for t in 1..=8 {
        let team = format!("T{t}");
        let these: Vec<&Spec> = specs.iter().filter(|s| s.team == team).collect();
        rows_for(&team, &these, &mut rows);
    }
    let header = "team,theme,label,kind,audits_mentioning,pct_of_audits,n,ci_low,ci_high";
    assert_csv(&run(d, "themes-by-team"), header, rows);

    // The evidence: one file per audit counted for each theme, and never a
    // negated sentence under the theme it negates.
    let evidence = run(d, "theme-evidence");
    let mut r = csv::Reader::from_reader(evidence.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    for (id, ..) in themes() {
        let mut files: Vec<&str> = rows.iter().filter(|x| &x[0] == id.as_str()).map(|x| &x[3]).collect();
        files.dedup();
        assert_eq!(files.len(), with(&id), "{id}");
    }
    for x in rows.iter().filter(|x| &x[0] == "childs-voice") {
        assert!(x[5].contains("The child's voice is clear"), "{x:?}");
    }
    assert!(!rows.iter().any(|x| &x[0] == "smart-plans"), "'not SMART' is never SMART");
    assert!(
        rows.iter().any(|x| &x[4] == "moderation.reflection") && rows.iter().any(|x| &x[4] == "comments.auditor.text")
    );
}

/// The page has the themes section and its chart, each bar with an error
/// bar, and none of what auditors wrote.
#[test]
fn the_page_shows_the_themes_with_their_intervals_and_no_excerpt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate_audits::write(300, d).unwrap();
    let out = d.join("report.html");
    assert_eq!(report(d, &[], &out), std::process::ExitCode::SUCCESS);
    let html = std::fs::read_to_string(out).unwrap();
    let at = html.find("id=\"themes\"").expect("a themes section");
    assert!(html[at..].contains("Themes: strengths and barriers"));
    let figure = &html[html.find("id=\"chart-themes\"").expect("a themes chart")..];
    let bars: usize = figure.split("data-error-bars=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert!(bars >= 3 * 6, "{bars} error-bar lines");
    for excerpt in ["Management oversight is regular", "The police shared", "No evidence of the child"] {
        assert!(!html.contains(excerpt), "the page quotes '{excerpt}'");
    }
    assert!(!html.contains("table-theme-evidence") && !has_word(&html, "C00001"));
}

/// Each built-in theme cites its source by a short title that docs/sources.md
/// lists, and that page's table of themes names it.
#[test]
fn each_theme_cites_a_source_the_sources_page_lists() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/sources.md")).unwrap();
    let titles: Vec<&str> = page.split("| **").skip(1).filter_map(|s| s.split("**").next()).collect();
    assert!(titles.contains(&"Ofsted ILACS") && titles.contains(&"Good practice audit guidance"));
    let t = caseaudit::report::themes::parse("default", caseaudit::report::themes::BUILT_IN[0].1).unwrap();
    let table = &page[page.find("## Themes").unwrap()..page.find("## Where a rule lives").unwrap()];
    for theme in &t.themes {
        for cited in theme.source.split("; ") {
            assert!(
                titles.iter().any(|title| cited.starts_with(title)),
                "{}: '{cited}' is not a short title",
                theme.id
            );
        }
        assert!(table.contains(&format!("`{}`", theme.id)), "{} is not in the table of themes", theme.id);
    }
}

/// The theme file's JSON Schema accepts the built-in and refuses what the tool
/// refuses.
#[test]
fn the_theme_schema_and_the_tool_agree() {
    let schema: serde_json::Value = serde_json::from_str(caseaudit::cmd::schema::text("themes").unwrap()).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let yaml = |text: &str| -> serde_json::Value { serde_saphyr::from_str(text).unwrap() };
    let good = caseaudit::report::themes::BUILT_IN[0].1;
    assert!(v.is_valid(&yaml(good)), "{:?}", v.iter_errors(&yaml(good)).map(|e| e.to_string()).collect::<Vec<_>>());
    let bad = [
        good.replace("kind: barrier", "kind: weakness"),
        good.replace("  - id: drift-and-delay", "  - id: Drift"),
        good.replace("name: default\n", ""),
        good.replace("    negated: no-difference\n", "    negated: no-difference\n    colour: red\n"),
        good.replace("  before: [", "  befor: ["),
    ];
    for (i, text) in bad.iter().enumerate() {
        assert_ne!(text, good, "edit {i} applied");
        assert!(!v.is_valid(&yaml(text)), "the schema accepts bad theme file {i}");
        assert!(caseaudit::report::themes::parse("t.yaml", text).is_err(), "the tool accepts bad theme file {i}");
    }
}

/// `show themes default` prints the built-in as it is read; a copy changed
/// and given back with --themes is used, and one the tool cannot read says
/// where it is wrong.
#[test]
fn the_built_in_themes_are_shown_and_a_changed_copy_is_used() {
    let shown = super::common::run(&["show", "themes", "default"]);
    assert_eq!((shown.code, shown.stdout.as_str()), (0, caseaudit::report::themes::BUILT_IN[0].1));
    let d = tempfile::tempdir().unwrap();
    let local = shown.stdout.replace("label: Drift and delay", "label: Drift and delay in the plan");
    assert_ne!(local, shown.stdout);
    let path = d.path().join("ours.yaml");
    std::fs::write(&path, &local).unwrap();
    let path = path.to_string_lossy().into_owned();
    let args = ["--today", "2026-12-02", "--format", "csv", "report", "examples/audits/", "--month", "2026-11"];
    let r = super::common::run(&[&args[..], &["--table", "themes", "--themes", &path]].concat());
    assert!(r.code == 0 && r.stdout.contains("drift-and-delay,Drift and delay in the plan,barrier"), "{}", r.stderr);
    std::fs::write(&path, local.replace("negated: no-difference", "negated: no-such-theme")).unwrap();
    let r = super::common::run(&[&args[..], &["--themes", &path]].concat());
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("ours.yaml:") && r.stderr.contains("'negated' names no theme of this file"),
        "{}",
        r.stderr
    );
}
