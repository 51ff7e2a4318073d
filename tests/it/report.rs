//! `report` on 600 generated audits over three months, both templates, with
//! planted patterns (one team with no audited file, one standard failing in
//! half the audits, 12% inadequate, late returns and late moderation): every
//! figure of the CSV tables is computed here again from what the generator
//! wrote, and the two must agree cell for cell, small counts hidden the same way.

#[path = "../../examples/generate_audits.rs"]
mod generate_audits;

use generate_audits::{MONTHS, Spec};
use std::collections::BTreeMap;
use std::path::Path;

const THRESHOLD: usize = 5;

fn n(x: usize) -> String {
    if x > 0 && x < THRESHOLD { "c".into() } else { x.to_string() }
}

/// A percentage of `den` to one decimal place, rounded half up; blank with
/// no denominator, hidden with a small one.
fn p(num: usize, den: usize) -> String {
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
fn report(dir: &Path, extra: &[&str], out: &Path) -> std::process::ExitCode {
    let d = |f: &str| dir.join(f).to_string_lossy().into_owned();
    let mut args: Vec<String> = ["caseaudit", "--today", "2026-12-02", "--quiet", "report"].map(String::from).to_vec();
    args.extend([d("audits"), "--ledger".into(), d("ledger.csv"), "--staff".into(), d("staff.csv")]);
    args.extend(["--from", "2026-09", "--to", "2026-11", "-o"].map(String::from));
    args.push(out.to_string_lossy().into_owned());
    args.extend(extra.iter().map(|s| s.to_string()));
    caseaudit::run(args)
}

fn run(dir: &Path, table: &str) -> String {
    let out = dir.join(format!("{table}.csv"));
    assert_eq!(report(dir, &["--table", table], &out), std::process::ExitCode::SUCCESS, "{table}");
    std::fs::read_to_string(out).unwrap()
}

fn csv(header: &str, rows: Vec<Vec<String>>) -> String {
    let mut s = format!("{header}\n");
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
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
    let expected = csv(
        "measure,value",
        vec![
            vec!["period".into(), "2026-09 to 2026-11".into()],
            vec!["audits counted".into(), n(600)],
            vec!["audits returned by the timetable date".into(), p(on_time, 600)],
            vec!["graded audits".into(), n(300)],
            vec!["good or better".into(), p(good, 300)],
            vec!["inadequate".into(), p(inadequate, 300)],
            vec!["inadequate target (at most)".into(), "10%".into()],
            vec!["inadequate within target".into(), "no".into()],
            vec!["standards met (quality practice)".into(), p(yes, yes + no)],
            vec!["team-months without an audited file".into(), "3".into()],
            vec!["actions past their due date".into(), n(300)],
        ],
    );
    assert_eq!(run(d, "summary"), expected);

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
    assert_eq!(run(d, "coverage"), csv("month,team,selected,prepared,audited,returned_on_time", rows));

    // The team with caseworkers and no audited file.
    let rows = MONTHS.iter().map(|m| vec![m.to_string(), "T9".into()]).collect();
    assert_eq!(run(d, "teams-without-audit"), csv("month,team", rows));

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
            rows.push(vec![label(m), section.to_string(), q.to_string(), n(y), n(no), n(na), p(y, y + no)]);
        }
    }
    assert_eq!(run(d, "standards"), csv("month,section,question,yes,no,na,pct_met", rows));

    // The standard most often not met is the planted one, at 50%.
    let not_met = run(d, "not-met");
    assert_eq!(not_met.lines().nth(1), Some(format!("1,planning,q7,{},{},50.0", n(150), n(300)).as_str()));

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
            rows.push(vec![
                label(m),
                team.cloned().unwrap_or("all".into()),
                n(these.len()),
                n(g),
                p(g, these.len()),
                n(bad),
                p(bad, these.len()),
                within.into(),
            ]);
        }
    }
    let header = "month,team,audits,good_or_better,pct_good_or_better,inadequate,pct_inadequate,within_target";
    assert_eq!(run(d, "judgements"), csv(header, rows));

    // The overall grade distribution.
    let grades_csv = run(d, "grades");
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).filter(|s| !s.quality).collect();
        for grade in ["Good", "Requires Improvement", "Inadequate"] {
            let k = these.iter().filter(|s| s.overall == grade).count();
            let line = format!("{},overall,{grade},{},{}", label(m), n(k), p(k, these.len()));
            assert!(grades_csv.lines().any(|l| l == line), "{line} in\n{grades_csv}");
        }
    }

    // Moderation by the end of the third week.
    let mut rows = Vec::new();
    for m in periods() {
        let these: Vec<&Spec> = of(&specs, m).filter(|s| !s.quality).collect();
        let on = these.iter().filter(|s| !s.moderated_late).count();
        rows.push(vec![label(m), n(these.len()), n(these.len()), n(on), p(on, these.len())]);
    }
    assert_eq!(run(d, "moderation"), csv("month,audits,moderated,by_end_of_third_week,pct_by_end_of_third_week", rows));

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
        rows.push(vec![
            label(m),
            n(these.len()),
            p(on_time, these.len()),
            p(good, g.len()),
            p(bad, g.len()),
            p(yes, yes + no),
        ]);
    }
    let header = "month,audits,pct_returned_on_time,pct_good_or_better,pct_inadequate,pct_standards_met";
    assert_eq!(run(d, "trend"), csv(header, rows));

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
        ]);
    }
    let header = "month,audits,actions,past_due,inadequate_with_safeguarding,their_actions,due_within_5_working_days,pct_within_5_working_days";
    assert_eq!(run(d, "actions"), csv(header, rows));

    // Every standard ranked by how often it is not met: q7 first, then the
    // rest in template order (none of them is ever No), q14 (always N/A) last.
    let mut rows = vec![vec!["1".to_string(), "planning".into(), "q7".into(), n(150), n(300), "50.0".into()]];
    let others: Vec<&(&str, &str)> = questions.iter().filter(|(_, q)| *q != "q7" && *q != "q14").collect();
    for (k, (section, q)) in others.iter().enumerate() {
        let answered = quality.iter().filter(|s| s.answers.iter().any(|(x, a)| x == q && *a != "N/A")).count();
        rows.push(vec![
            (k + 2).to_string(),
            section.to_string(),
            q.to_string(),
            "0".into(),
            n(answered),
            p(0, answered),
        ]);
    }
    rows.push(vec!["14".into(), "closure".into(), "q14".into(), "0".into(), "0".into(), String::new()]);
    assert_eq!(run(d, "not-met"), csv("rank,section,question,not_met,answered,pct_not_met", rows));

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
    assert_eq!(run(d, "yes-without-evidence"), csv("template,question,yes,yes_without_evidence", rows));

    // The limiting judgement planted as missed, never with a Good grade.
    let limiting = run(d, "limiting");
    let missed = graded.iter().filter(|s| s.answers.iter().any(|(q, a)| q == "a_child_voice" && *a == "No")).count();
    assert!(missed > 0);
    let line =
        format!("all,assessment,a_child_voice,{},{},{},{},0", n(300), n(300 - missed), n(missed), p(300 - missed, 300));
    assert!(limiting.lines().any(|l| l == line), "{line} in\n{limiting}");
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
