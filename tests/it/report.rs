//! `report` on 600 generated audits over three months, both templates, with
//! planted patterns (one team with no audited file, one standard failing in
//! half the audits, 12% inadequate, late returns and late moderation): every
//! figure of the CSV tables is computed here again from what the generator
//! wrote, and the two must agree cell for cell, small counts hidden the same
//! way; each percentage's `n` exactly, and its 95% interval to 0.1 percentage
//! points of one computed here another way.

#[path = "../../examples/generate_audits.rs"]
pub mod generate_audits;

use generate_audits::{MONTHS, Spec};
use std::collections::BTreeMap;
use std::path::Path;

pub const THRESHOLD: usize = 5;

pub fn n(x: usize) -> String {
    if x > 0 && x < THRESHOLD { "c".into() } else { x.to_string() }
}

/// A percentage of `den` to one decimal place, rounded half up; blank with
/// no denominator, hidden with a small one.
pub fn p(num: usize, den: usize) -> String {
    if den == 0 {
        return String::new();
    }
    if den < THRESHOLD {
        return "c".into();
    }
    let tenths = (2000 * num + den) / (2 * den);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Runs `report` on the generated files for the three months, with `extra`
/// arguments, writing to `out`; returns the exit code.
pub fn report(dir: &Path, extra: &[&str], out: &Path) -> std::process::ExitCode {
    let d = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let mut args: Vec<String> = ["caseaudit", "--today", "2026-12-02", "--quiet", "report"].map(String::from).to_vec();
    args.extend([d("audits"), "--ledger".into(), d("ledger.csv"), "--staff".into(), d("staff.csv")]);
    args.extend(["--from", "2026-09", "--to", "2026-11", "-o"].map(String::from));
    args.push(out.to_string_lossy().into_owned());
    args.extend(extra.iter().map(|s| s.to_string()));
    caseaudit::run(args)
}

pub fn run(dir: &Path, table: &str) -> String {
    let out = dir.join(format!("{table}.csv"));
    assert_eq!(report(dir, &["--table", table], &out), std::process::ExitCode::SUCCESS, "{table}");
    std::fs::read_to_string(out).unwrap()
}

/// The 95% Wilson interval of `num` of `den` in percent, computed as the
/// roots of the quadratic that defines it, (p̂ − p)² = z²·p(1 − p)/n, rather
/// than by the closed form the tool uses.
pub fn wilson_roots(num: usize, den: usize) -> (f64, f64) {
    let z2 = 1.959_963_984_540_054f64.powi(2);
    let (n, ph) = (den as f64, num as f64 / den as f64);
    let (a, b, c) = (1.0 + z2 / n, -(2.0 * ph + z2 / n), ph * ph);
    let d = (b * b - 4.0 * a * c).max(0.0).sqrt();
    (100.0 * (-b - d) / (2.0 * a), 100.0 * (-b + d) / (2.0 * a))
}

/// The `n`, `ci_low` and `ci_high` cells of a percentage of `den` from
/// `audits` audits: `~` marks a figure to compare to within 0.1.
pub fn ci(num: usize, den: usize, audits: usize) -> Vec<String> {
    let small = |x: usize| x > 0 && x < THRESHOLD;
    if small(den) || small(audits) {
        return vec!["c".into(); 3];
    }
    if den == 0 {
        return vec!["0".into(), String::new(), String::new()];
    }
    let (lo, hi) = wilson_roots(num, den);
    vec![den.to_string(), format!("~{lo}"), format!("~{hi}")]
}

/// A row without a percentage, in a table that has one.
pub fn no_ci() -> Vec<String> {
    vec![String::new(); 3]
}

/// Checks a CSV table cell for cell: exactly, or to within 0.1 where the
/// expected cell is `~x`.
pub fn assert_csv(actual: &str, header: &str, rows: Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(actual.as_bytes());
    let records: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(records.first().map(|h| h.join(",")).as_deref(), Some(header), "header");
    assert_eq!(records.len() - 1, rows.len(), "rows of\n{actual}");
    for (got, want) in records[1..].iter().zip(&rows) {
        assert_eq!(got.len(), want.len(), "{got:?} against {want:?}");
        for (g, w) in got.iter().zip(want) {
            match w.strip_prefix('~') {
                Some(x) => {
                    let (g, x): (f64, f64) = (g.parse().unwrap_or(f64::NAN), x.parse().unwrap());
                    assert!((g - x).abs() <= 0.1 + 1e-9, "{got:?}: {g} is not {x} to 0.1");
                }
                None => assert_eq!(g, w, "{got:?} against {want:?}"),
            }
        }
    }
}

/// Each month, then "all".
fn periods() -> Vec<Option<&'static str>> {
    MONTHS.iter().copied().map(Some).chain([None]).collect()
}

fn label(m: Option<&str>) -> String {
    m.unwrap_or("all").to_string()
}

fn of<'a>(specs: &'a [Spec], m: Option<&str>) -> impl Iterator<Item = &'a Spec> + 'a {
    let m = m.map(str::to_string);
    specs.iter().filter(move |s| m.as_deref().is_none_or(|m| s.month == m))
}

#[test]
fn every_figure_agrees_with_one_computed_from_the_audits() {
    let dir = tempfile::tempdir().unwrap();
    let specs = generate_audits::write(600, dir.path()).unwrap();
    let d = dir.path();
    let graded: Vec<&Spec> = specs.iter().filter(|s| !s.quality).collect();
    let quality: Vec<&Spec> = specs.iter().filter(|s| s.quality).collect();
    let good = graded.iter().filter(|s| s.overall == "Good").count();
    let inadequate = graded.iter().filter(|s| s.overall == "Inadequate").count();
    // The planted patterns, as planted.
    assert_eq!((graded.len(), inadequate), (300, 36), "12% inadequate");
    let q7_no = quality.iter().filter(|s| s.answers.iter().any(|(q, a)| q == "q7" && *a == "No")).count();
    assert_eq!(q7_no * 2, quality.len(), "q7 fails in half");

    // Summary.
    let (mut yes, mut no) = (0, 0);
    for (_, a) in quality.iter().flat_map(|s| s.answers.iter()) {
        match *a {
            "Yes" => yes += 1,
            "No" => no += 1,
            _ => {}
        }
    }
    let on_time = specs.iter().filter(|s| !s.late).count();
    let row = |cells: [String; 2], ci: Vec<String>| -> Vec<String> { cells.into_iter().chain(ci).collect() };
    let expected = vec![
        row(["period".into(), "2026-09 to 2026-11".into()], no_ci()),
        row(["audits counted".into(), n(600)], no_ci()),
        row(["audits returned by the timetable date".into(), p(on_time, 600)], ci(on_time, 600, 600)),
        row(["graded audits".into(), n(300)], no_ci()),
        row(["good or better".into(), p(good, 300)], ci(good, 300, 300)),
        row(["inadequate".into(), p(inadequate, 300)], ci(inadequate, 300, 300)),
        row(["inadequate target (at most)".into(), "10%".into()], no_ci()),
        row(["inadequate within target".into(), "no".into()], no_ci()),
        row(["standards met (quality practice)".into(), p(yes, yes + no)], ci(yes, yes + no, 300)),
        row(["team-months without an audited file".into(), "3".into()], no_ci()),
        row(["actions past their due date".into(), n(300)], no_ci()),
    ];
    assert_csv(&run(d, "summary"), "measure,value,n,ci_low,ci_high", expected);

    // Coverage: every audit's case was selected; three in four prepared.
    let mut teams: Vec<String> = (1..=9).map(|t| format!("T{t}")).collect();
    teams.sort();
    let mut rows = Vec::new();
    for m in MONTHS {
        for team in teams.iter().map(Some).chain([None]) {
            let these: Vec<&Spec> = of(&specs, Some(m)).filter(|s| team.is_none_or(|t| &s.team == t)).collect();
            let index = |s: &Spec| specs.iter().position(|x| std::ptr::eq(x, s)).unwrap();
            let prepared = these.iter().filter(|s| index(s) % 4 != 3).count();
            rows.push(vec![
                m.to_string(),
                team.cloned().unwrap_or("all".into()),
                n(these.len()),
                n(prepared),
                n(these.len()),
                n(these.iter().filter(|s| !s.late).count()),
            ]);
        }
    }
    assert_csv(&run(d, "coverage"), "month,team,selected,prepared,audited,returned_on_time", rows);

    // The team with caseworkers and no audited file.
    let rows = MONTHS.iter().map(|m| vec![m.to_string(), "T9".into()]).collect();
    assert_csv(&run(d, "teams-without-audit"), "month,team", rows);

    // Standards: Yes / No / N/A for each of the 14, by month and overall.
    let questions: Vec<(&str, &str)> = [
        ("screening", "q1"),
        ("screening", "q2"),
        ("assessment", "q3"),
        ("assessment", "q4"),
        ("assessment", "q5"),
        ("planning", "q6"),
        ("planning", "q7"),
        ("planning", "q8"),
        ("implementation", "q9"),
        ("implementation", "q10"),
        ("monitoring", "q11"),
        ("reviewing", "q12"),
        ("reviewing", "q13"),
        ("closure", "q14"),
    ]
    .to_vec();
    let mut rows = Vec::new();
    for m in periods() {
        for (section, q) in &questions {
            let mut t: BTreeMap<&str, usize> = BTreeMap::new();
            for s in of(&specs, m).filter(|s| s.quality) {
                let a = s.answers.iter().find(|(x, _)| x == q).unwrap().1;
                *t.entry(a).or_default() += 1;
            }
            let (y, no, na) = (
                t.get("Yes").copied().unwrap_or(0),
                t.get("No").copied().unwrap_or(0),
                t.get("N/A").copied().unwrap_or(0),
            );
            let mut row = vec![label(m), section.to_string(), q.to_string(), n(y), n(no), n(na), p(y, y + no)];
            row.extend(ci(y, y + no, y + no));
            rows.push(row);
        }
    }
    assert_csv(&run(d, "standards"), "month,section,question,yes,no,na,pct_met,n,ci_low,ci_high", rows);

    // The standard most often not met is the planted one, at 50%.
    let not_met = run(d, "not-met");
    let (lo, hi) = wilson_roots(150, 300);
    assert!(not_met.lines().nth(1).unwrap().starts_with(&format!("1,planning,q7,{},{},50.0,300,", n(150), n(300))));
    assert!((lo - 44.4).abs() <= 0.1 && (hi - 55.6).abs() <= 0.1, "{lo} {hi}");

    // Good or better and inadequate, by month and team, against the 10% target.
    let mut graded_teams: Vec<String> = graded.iter().map(|s| s.team.clone()).collect();
    graded_teams.sort();
    graded_teams.dedup();
    let mut rows = Vec::new();
    for m in periods() {
        for team in graded_teams.iter().map(Some).chain([None]) {
            let these: Vec<&Spec> = of(&specs, m).filter(|s| !s.quality && team.is_none_or(|t| &s.team == t)).collect();
            let g = these.iter().filter(|s| s.overall == "Good").count();
            let bad = these.iter().filter(|s| s.overall == "Inadequate").count();
            let within = if these.is_empty() {
                ""
            } else if these.len() < THRESHOLD {
                "c"
            } else if 1000 * bad <= 100 * these.len() {
                "yes"
            } else {
                "no"
            };
            let mut row = vec![
                label(m),
                team.cloned().unwrap_or("all".into()),
                n(these.len()),
                n(g),
                p(g, these.len()),
                n(bad),
                p(bad, these.len()),
                within.into(),
            ];
            row.extend(ci(g, these.len(), these.len()));
            row.extend(ci(bad, these.len(), these.len()));
            rows.push(row);
        }
    }
    let header = "month,team,audits,good_or_better,pct_good_or_better,inadequate,pct_inadequate,within_target,\
        n_good_or_better,ci_low_good_or_better,ci_high_good_or_better,n_inadequate,ci_low_inadequate,ci_high_inadequate";
    assert_csv(&run(d, "judgements"), header, rows);

    // The overall grade distribution.
    let grades_csv = run(d, "grades");
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).filter(|s| !s.quality).collect();
        for grade in ["Good", "Requires Improvement", "Inadequate"] {
            let k = these.iter().filter(|s| s.overall == grade).count();
            let line = format!("{},overall,{grade},{},{},", label(m), n(k), p(k, these.len()));
            let got =
                grades_csv.lines().find(|l| l.starts_with(&line)).unwrap_or_else(|| panic!("{line} in\n{grades_csv}"));
            let want: Vec<String> = line
                .trim_end_matches(',')
                .split(',')
                .map(String::from)
                .chain(ci(k, these.len(), these.len()))
                .collect();
            assert_csv(&format!("h\n{got}\n"), "h", vec![want]);
        }
    }

    // Moderation by the end of the third week.
    let mut rows = Vec::new();
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).filter(|s| !s.quality).collect();
        let on = these.iter().filter(|s| !s.moderated_late).count();
        let mut row = vec![label(m), n(these.len()), n(these.len()), n(on), p(on, these.len())];
        row.extend(ci(on, these.len(), these.len()));
        rows.push(row);
    }
    let header = "month,audits,moderated,by_end_of_third_week,pct_by_end_of_third_week,n,ci_low,ci_high";
    assert_csv(&run(d, "moderation"), header, rows);

    // The trend: the key measures month by month, then the period.
    let mut rows = Vec::new();
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).collect();
        let g: Vec<&&Spec> = these.iter().filter(|s| !s.quality).collect();
        let good = g.iter().filter(|s| s.overall == "Good").count();
        let bad = g.iter().filter(|s| s.overall == "Inadequate").count();
        let (mut yes, mut no) = (0, 0);
        for (_, a) in these.iter().filter(|s| s.quality).flat_map(|s| s.answers.iter()) {
            yes += usize::from(*a == "Yes");
            no += usize::from(*a == "No");
        }
        let on_time = these.iter().filter(|s| !s.late).count();
        let quality = these.iter().filter(|s| s.quality).count();
        let mut row = vec![
            label(m),
            n(these.len()),
            p(on_time, these.len()),
            p(good, g.len()),
            p(bad, g.len()),
            p(yes, yes + no),
        ];
        row.extend(ci(on_time, these.len(), these.len()));
        row.extend(ci(good, g.len(), g.len()));
        row.extend(ci(bad, g.len(), g.len()));
        row.extend(ci(yes, yes + no, quality));
        rows.push(row);
    }
    let header = "month,audits,pct_returned_on_time,pct_good_or_better,pct_inadequate,pct_standards_met,\
        n_returned_on_time,ci_low_returned_on_time,ci_high_returned_on_time,\
        n_good_or_better,ci_low_good_or_better,ci_high_good_or_better,\
        n_inadequate,ci_low_inadequate,ci_high_inadequate,\
        n_standards_met,ci_low_standards_met,ci_high_standards_met";
    assert_csv(&run(d, "trend"), header, rows);

    // Actions: one per good-practice audit, all due before the report date;
    // no inadequate audit records safeguarding concerns.
    let mut rows = Vec::new();
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).collect();
        let actions = these.iter().filter(|s| !s.quality).count();
        rows.push(vec![
            label(m),
            n(these.len()),
            n(actions),
            n(actions),
            "0".into(),
            "0".into(),
            "0".into(),
            String::new(),
            "0".into(),
            String::new(),
            String::new(),
        ]);
    }
    let header = "month,audits,actions,past_due,inadequate_with_safeguarding,their_actions,due_within_5_working_days,pct_within_5_working_days,n,ci_low,ci_high";
    assert_csv(&run(d, "actions"), header, rows);

    // Every standard ranked by how often it is not met: q7 first, then the
    // rest in template order (none of them is ever No), q14 (always N/A) last.
    let mut rows = vec![
        ["1", "planning", "q7"]
            .map(String::from)
            .into_iter()
            .chain([n(150), n(300), "50.0".into()])
            .chain(ci(150, 300, 300))
            .collect::<Vec<_>>(),
    ];
    let others: Vec<&(&str, &str)> = questions.iter().filter(|(_, q)| *q != "q7" && *q != "q14").collect();
    for (k, (section, q)) in others.iter().enumerate() {
        let answered = quality.iter().filter(|s| s.answers.iter().any(|(x, a)| x == q && *a != "N/A")).count();
        let mut row =
            vec![(k + 2).to_string(), section.to_string(), q.to_string(), "0".into(), n(answered), p(0, answered)];
        row.extend(ci(0, answered, answered));
        rows.push(row);
    }
    rows.push(vec![
        "14".into(),
        "closure".into(),
        "q14".into(),
        "0".into(),
        "0".into(),
        String::new(),
        "0".into(),
        String::new(),
        String::new(),
    ]);
    assert_csv(&run(d, "not-met"), "rank,section,question,not_met,answered,pct_not_met,n,ci_low,ci_high", rows);

    // "Yes" without evidence: good-practice questions other than "child seen"
    // list none; every quality-practice Yes does.
    let mut rows = Vec::new();
    for (template, specs) in [("good-practice", &graded), ("quality-practice", &quality)] {
        let mut order: Vec<&str> = Vec::new();
        let mut yes: BTreeMap<&str, usize> = BTreeMap::new();
        for (q, a) in specs.iter().flat_map(|s| s.answers.iter()).filter(|(_, a)| *a == "Yes") {
            if !order.contains(&q.as_str()) {
                order.push(q);
            }
            *yes.entry(q).or_default() += 1;
            let _ = a;
        }
        for q in order {
            let without = if template == "good-practice" && !q.ends_with("child_seen") { yes[q] } else { 0 };
            rows.push(vec![template.to_string(), q.to_string(), n(yes[q]), n(without)]);
        }
    }
    assert_csv(&run(d, "yes-without-evidence"), "template,question,yes,yes_without_evidence", rows);

    // The limiting judgement planted as missed, never with a Good grade.
    let limiting = run(d, "limiting");
    let missed = graded.iter().filter(|s| s.answers.iter().any(|(q, a)| q == "a_child_voice" && *a == "No")).count();
    assert!(missed > 0);
    let line = format!(
        "all,assessment,a_child_voice,{},{},{},{},0,300,",
        n(300),
        n(300 - missed),
        n(missed),
        p(300 - missed, 300)
    );
    assert!(limiting.lines().any(|l| l.starts_with(&line)), "{line} in\n{limiting}");
}

#[test]
fn the_same_inputs_give_the_same_bytes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    generate_audits::write(60, dir.path()).unwrap();
    for ext in ["csv", "json", "jsonl", "xlsx", "html", "txt"] {
        let outs: Vec<Vec<u8>> = (0..2)
            .map(|k| {
                let out = dir.path().join(format!("r{k}.{ext}"));
                let _ = report(dir.path(), &[], &out);
                std::fs::read(&out).unwrap()
            })
            .collect();
        assert!(!outs[0].is_empty(), "{ext}");
        assert_eq!(outs[0], outs[1], "{ext} differs between two runs");
    }
}

/// Whether `word` occurs in `text` as a whole word (not inside a longer id,
/// nor a hyphenated word: the page is `en-GB`).
pub fn has_word(text: &str, word: &str) -> bool {
    let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
    text.match_indices(word)
        .any(|(at, _)| edge(text[..at].chars().next_back()) && edge(text[at + word.len()..].chars().next()))
}

/// docs/report.md: the page is the copy that gets circulated. It holds no case id
/// (not even in the file name of an audit that was not counted) and no
/// member of staff, by id or by name, unless --by-worker asks for them.
#[test]
fn the_page_names_no_child_and_no_member_of_staff() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate_audits::write(120, d).unwrap();
    // An audit that is not counted, its case id in its file name.
    std::fs::write(d.join("audits/C99999.yaml"), "template: good-practice\nheader: [\n").unwrap();
    let staff = std::fs::read_to_string(d.join("staff.csv")).unwrap();
    let people: Vec<(String, String)> = staff
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    assert!(people.len() > 40 && people.iter().all(|(_, name)| name.contains(' ')));
    let mut cases: Vec<String> = (0..120).map(|i| format!("C{i:05}")).collect();
    cases.push("C99999".into());
    let page = |extra: &[&str]| {
        let out = d.join("report.html");
        assert_eq!(report(d, extra, &out), std::process::ExitCode::SUCCESS);
        std::fs::read_to_string(out).unwrap()
    };
    let html = page(&["--threshold", "0"]);
    assert!(html.contains("<svg") && html.contains("T1"), "a page with figures by team");
    for case in &cases {
        assert!(!has_word(&html, case), "case id {case} is on the page");
    }
    for (id, name) in &people {
        assert!(!has_word(&html, id), "staff id {id} is on the page");
        assert!(!html.contains(name.as_str()), "{name} is on the page");
    }
    assert!(html.contains("1 audit was not counted") && html.contains("--table not-counted"));
    // The check would see them: with --by-worker, the workers are named.
    let html = page(&["--threshold", "0", "--by-worker"]);
    assert!(has_word(&html, "W1_1") && !cases.iter().any(|c| has_word(&html, c)));
    // The QA team's copy keeps the files that were not counted.
    let out = d.join("not-counted.csv");
    assert_eq!(report(d, &["--table", "not-counted"], &out), std::process::ExitCode::SUCCESS);
    assert!(std::fs::read_to_string(out).unwrap().contains("C99999.yaml"));
}

/// The two-sided p-value of z, by Abramowitz and Stegun 26.2.17 (another
/// approximation than the tool's), to about 1e-7.
fn p_two_sided(z: f64) -> f64 {
    let x = z.abs();
    let t = 1.0 / (1.0 + 0.231_641_9 * x);
    let poly =
        t * (0.319_381_530 + t * (-0.356_563_782 + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    2.0 * (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly
}

/// docs/report.md: a change is called better or worse only when a two-proportion
/// test at the 5% level says so; the test is computed here again.
#[test]
fn a_change_is_called_only_when_a_two_proportion_test_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let specs = generate_audits::write(600, d).unwrap();
    // (measure, higher is better, numerator and denominator of a month's audits)
    type Of = fn(&[&Spec]) -> (usize, usize);
    let measures: [(&str, bool, Of); 3] = [
        ("returned on time", true, |s| (s.iter().filter(|x| !x.late).count(), s.len())),
        ("good or better", true, |s| {
            let g: Vec<_> = s.iter().filter(|x| !x.quality).collect();
            (g.iter().filter(|x| x.overall == "Good").count(), g.len())
        }),
        ("inadequate", false, |s| {
            let g: Vec<_> = s.iter().filter(|x| !x.quality).collect();
            (g.iter().filter(|x| x.overall == "Inadequate").count(), g.len())
        }),
    ];
    let month = |m: &str| -> Vec<&Spec> { specs.iter().filter(|s| s.month == m).collect() };
    let changes = run(d, "changes");
    let mut r = csv::Reader::from_reader(changes.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let mut called = Vec::new();
    for (from, to) in [("2026-09", "2026-10"), ("2026-10", "2026-11")] {
        for (measure, higher, of) in measures {
            let ((x1, n1), (x2, n2)) = (of(&month(from)), of(&month(to)));
            let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
            let pooled = (x1 + x2) as f64 / (n1 + n2) as f64;
            let se = (pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n2 as f64)).sqrt();
            let z = if se == 0.0 { 0.0 } else { (p2 - p1) / se };
            let word = match (z.abs() > 1.96, (z > 0.0) == higher) {
                (false, _) => "no clear change",
                (true, true) => "better",
                (true, false) => "worse",
            };
            let row = rows
                .iter()
                .find(|x| &x[0] == measure && &x[1] == from && &x[2] == to)
                .unwrap_or_else(|| panic!("{measure} {from} {to} in\n{changes}"));
            assert_eq!((&row[3], &row[4]), (p(x1, n1).as_str(), p(x2, n2).as_str()), "{measure}");
            assert_eq!(&row[7], word, "{measure} {from} to {to}: z = {z}");
            let shown: f64 = row[6].trim_start_matches('<').parse().unwrap();
            let want = if se == 0.0 { 1.0 } else { p_two_sided(z) };
            assert!((shown - want).abs() <= 0.0015 || (row[6].starts_with('<') && want < 0.001), "{row:?}: p {want}");
            called.push(word);
        }
    }
    // The plants give both: late returns only before November.
    assert!(called.contains(&"better") && called.contains(&"no clear change"), "{called:?}");
    // A month against the one before it, when audits of that are given; the
    // first month has none before it.
    let audits = d.join("audits").to_string_lossy().into_owned();
    let month = |m: &str| {
        let args = ["--today", "2026-12-02", "--format", "csv", "report", &audits, "--month", m, "--table", "changes"];
        String::from_utf8(super::common::output(&args).stdout).unwrap()
    };
    let november = month("2026-11");
    assert_eq!(november.lines().count(), 1 + 4, "{november}");
    assert!(november.lines().skip(1).all(|l| l.contains(",2026-10,2026-11,")), "{november}");
    assert!(november.contains("returned on time,2026-10,2026-11,90.0,100.0,10.0,"), "{november}");
    assert_eq!(month("2026-09").lines().count(), 1, "nothing before September");
}

/// docs/report.md: the small-number rule hides every figure from fewer audits than
/// the threshold, in every format: the count, the percentage, its n and its
/// interval (and the CSV of one audit no longer shows "standards met" of 100%).
/// The page shows them as "c", with no interval, and its charts leave them out.
#[test]
fn a_figure_from_too_few_audits_is_hidden_in_every_format_and_left_out_of_the_charts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    generate_audits::write(12, d).unwrap();
    let audits = d.join("audits").to_string_lossy().into_owned();
    let out = |name: &str, extra: &[&str]| {
        let path = d.join(name).to_string_lossy().into_owned();
        let mut args = vec!["--today", "2026-12-02", "--quiet", "report", &audits, "--month", "2026-09", "-o", &path];
        args.extend(extra);
        assert!(super::common::output(&args).status.success());
        std::fs::read(&path).unwrap()
    };
    // Four audits in September: two of each template.
    let csv = String::from_utf8(out("s.csv", &[])).unwrap();
    for measure in ["audits returned by the timetable date", "good or better", "standards met (quality practice)"] {
        let line = csv.lines().find(|l| l.starts_with(measure)).unwrap();
        assert_eq!(line, format!("{measure},c,c,c,c"), "{csv}");
    }
    let json: serde_json::Value = serde_json::from_slice(&out("s.json", &[])).unwrap();
    let standards =
        json.as_array().unwrap().iter().find(|r| r["measure"] == "standards met (quality practice)").unwrap();
    assert_eq!(
        standards,
        &serde_json::json!({"measure": "standards met (quality practice)", "value": "c", "n": "c", "ci_low": "c", "ci_high": "c"})
    );
    let themes = String::from_utf8(out("t.csv", &["--table", "themes"])).unwrap();
    assert!(themes.lines().skip(1).all(|l| l.ends_with(",c,c,c") || l.contains(",0,c,c,c,c")), "{themes}");
    out("s.xlsx", &[]);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("s.xlsx")).unwrap();
    let names = book.sheet_names();
    let sheet = book.worksheet_range(names.iter().find(|n| n.to_lowercase().starts_with("summary")).unwrap()).unwrap();
    let row = sheet.rows().find(|r| r[0] == "standards met (quality practice)").unwrap();
    assert!(row[1..].iter().all(|c| *c == "c"), "{row:?}");
    // The page: "c", no interval beside it, and no bar or error bar drawn.
    let html = String::from_utf8(out("r.html", &[])).unwrap();
    assert!(!html.contains("n=4") && !html.contains("n=2)"), "an interval of too few audits");
    assert!(html.contains("<span class=\"value\">c</span><span class=\"label\">good or better"));
    for bars in html.split("data-error-bars=\"").skip(1) {
        assert!(bars.starts_with("0\""), "an error bar of too few audits");
    }
    // With the rule off, the same figures are shown, with their intervals.
    let html = String::from_utf8(out("r0.html", &["--threshold", "0"])).unwrap();
    assert!(html.contains("n=4)") && html.split("data-error-bars=\"").skip(1).any(|b| !b.starts_with("0\"")));
}
