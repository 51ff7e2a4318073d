//! The measures, one table each. Counts are of valid audits in the period;
//! a percentage keeps its numerator, its denominator and the audits it comes
//! from, so suppression and the formulas in docs/report.md can speak of each.

use super::value::{Share, Table, Value};
use super::{Inputs, good, inadequate, third_week_end};
use crate::calendar::dates::Month;
use crate::model::audit::Completed;
use crate::model::history::Stage;
use std::collections::{BTreeMap, BTreeSet};

/// The template whose standards are reported (Quality Practice Audit Appendix 2).
pub const STANDARDS_TEMPLATE: &str = "quality-practice";

fn count(n: usize) -> Value {
    Value::Count(n as u64)
}

/// A share of audits.
fn pct(num: usize, den: usize) -> Value {
    Value::Pct(Share::of(num, den))
}

/// A count of actions or answers from `audits` audits.
fn count_of(n: usize, audits: usize) -> Value {
    Value::CountOf { n: n as u64, audits: audits as u64 }
}

/// Each month of the period, then `all` for the whole period.
fn months_and_all(i: &Inputs) -> Vec<Option<Month>> {
    i.months.iter().copied().map(Some).chain([None]).collect()
}

fn month_cell(m: Option<Month>) -> Value {
    m.map_or(Value::text("all"), Value::Month)
}

fn in_month(a: &Completed, m: Option<Month>) -> bool {
    m.is_none() || a.month == m
}

fn graded<'a, 'b>(audits: &'b [&'a Completed]) -> impl Iterator<Item = &'a Completed> + 'b {
    audits.iter().copied().filter(|a| good(a).is_some())
}

fn standards_audits<'a, 'b>(audits: &'b [&'a Completed]) -> impl Iterator<Item = &'a Completed> + 'b {
    audits.iter().copied().filter(|a| a.template == STANDARDS_TEMPLATE)
}

/// Questions in the order first met (audits come in file order; answers in
/// template order), with their section.
fn questions<'a>(
    audits: impl Iterator<Item = &'a Completed>,
    only: impl Fn(&crate::model::audit::Answer) -> bool,
) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for a in audits {
        for ans in a.answers.iter().filter(|x| only(x)) {
            if seen.insert(ans.question.clone()) {
                out.push((ans.section.clone(), ans.question.clone()));
            }
        }
    }
    out
}

/// (yes, no, n/a) for `question` over `audits`.
fn tally<'a>(audits: impl Iterator<Item = &'a Completed>, question: &str) -> (usize, usize, usize) {
    let mut t = (0, 0, 0);
    for ans in audits.flat_map(|a| a.answers.iter()).filter(|x| x.question == question) {
        if ans.first {
            t.0 += 1;
        } else if ans.not_applicable {
            t.2 += 1;
        } else {
            t.1 += 1;
        }
    }
    t
}

/// Whether `inadequate` of `graded` is within the target (blank with no audit).
fn within_target(i: &Inputs, inadequate: usize, graded: usize) -> Value {
    match Value::percent(inadequate as u64, graded as u64) {
        Some(p) => Value::Verdict { yes: p <= i.inadequate_target, den: graded as u64 },
        None => Value::text(""),
    }
}

fn returned_on_time(i: &Inputs, a: &Completed) -> bool {
    match (a.month.and_then(|m| (i.returned_by)(m)), a.audit_date) {
        (Some(by), Some(d)) => d <= by,
        _ => false,
    }
}

/// The figures the summary, the trend and the changes share, over a set of audits.
pub(super) struct Key {
    audits: usize,
    on_time: usize,
    graded: usize,
    good: usize,
    inadequate: usize,
    /// Quality-practice answers Yes, and No (N/A counts as neither), and the
    /// audits they come from.
    yes: usize,
    no: usize,
    standards_audits: usize,
}

impl Key {
    pub(super) fn of(i: &Inputs, a: &[&Completed]) -> Key {
        let g: Vec<&Completed> = graded(a).collect();
        let (mut yes, mut no) = (0, 0);
        for ans in standards_audits(a).flat_map(|x| x.answers.iter()) {
            yes += usize::from(ans.first);
            no += usize::from(!ans.first && !ans.not_applicable);
        }
        Key {
            audits: a.len(),
            on_time: a.iter().filter(|x| returned_on_time(i, x)).count(),
            graded: g.len(),
            good: g.iter().filter(|x| good(x) == Some(true)).count(),
            inadequate: g.iter().filter(|x| inadequate(x) == Some(true)).count(),
            yes,
            no,
            standards_audits: standards_audits(a).count(),
        }
    }

    /// The key shares, in the trend's order: (the trend's column, in words,
    /// whether higher is better, the share).
    pub(super) fn shares(&self) -> [(&'static str, &'static str, bool, Share); 4] {
        [
            ("pct_returned_on_time", "returned on time", true, Share::of(self.on_time, self.audits)),
            ("pct_good_or_better", "good or better", true, Share::of(self.good, self.graded)),
            ("pct_inadequate", "inadequate", false, Share::of(self.inadequate, self.graded)),
            (
                "pct_standards_met",
                "standards met",
                true,
                Share::from(self.yes, self.yes + self.no, self.standards_audits),
            ),
        ]
    }
}

/// The teams with caseworkers and no audited file, month by month, by name.
fn missing_teams<'a>(i: &'a Inputs, a: &[&Completed]) -> Vec<(Month, &'a str)> {
    let audited: BTreeSet<(Month, &str)> = a.iter().filter_map(|x| Some((x.month?, x.team.as_str()))).collect();
    let mut teams: Vec<&str> = i.teams.iter().map(String::as_str).collect();
    teams.sort_unstable();
    let mut out = Vec::new();
    for &m in i.months {
        out.extend(teams.iter().filter(|t| !audited.contains(&(m, **t))).map(|t| (m, *t)));
    }
    out
}

pub fn summary(i: &Inputs, a: &[&Completed]) -> Table {
    let k = Key::of(i, a);
    let past_due = a.iter().flat_map(|x| x.actions.iter()).filter(|x| x.due.is_some_and(|d| d < i.today)).count();
    let rows = vec![
        vec![Value::text("period"), Value::text(super::period(i.months))],
        vec![Value::text("audits counted"), count(k.audits)],
        vec![Value::text("audits returned by the timetable date"), pct(k.on_time, k.audits)],
        vec![Value::text("graded audits"), count(k.graded)],
        vec![Value::text("good or better"), pct(k.good, k.graded)],
        vec![Value::text("inadequate"), pct(k.inadequate, k.graded)],
        vec![Value::text("inadequate target (at most)"), Value::text(format!("{}%", i.inadequate_target))],
        vec![Value::text("inadequate within target"), within_target(i, k.inadequate, k.graded)],
        vec![Value::text("standards met (quality practice)"), Value::Pct(k.shares()[3].3)],
        vec![Value::text("team-months without an audited file"), Value::Number(missing_teams(i, a).len() as u64)],
        vec![Value::text("actions past their due date"), count_of(past_due, a.len())],
    ];
    Table::new("summary", "Summary", &["measure", "value"], rows)
}

pub fn coverage(i: &Inputs, a: &[&Completed]) -> Table {
    let mut teams: BTreeSet<&str> = i.teams.iter().map(String::as_str).collect();
    teams.extend(a.iter().map(|x| x.team.as_str()));
    teams.extend(i.ledger.iter().filter(|e| i.months.contains(&e.month)).map(|e| e.team.as_str()));
    // Each (month, stage)'s distinct cases, by team and in all, in one pass.
    let mut staged: BTreeMap<(Month, Stage, Option<&str>), BTreeSet<&str>> = BTreeMap::new();
    for e in i.ledger.iter().filter(|e| i.months.contains(&e.month)) {
        for team in [Some(e.team.as_str()), None] {
            staged.entry((e.month, e.stage, team)).or_default().insert(e.case.as_str());
        }
    }
    let mut rows = Vec::new();
    for m in i.months {
        let staged = |team: Option<&str>, stage: Stage| staged.get(&(*m, stage, team)).map_or(0, BTreeSet::len);
        for team in teams.iter().copied().map(Some).chain([None]) {
            let audited: Vec<&&Completed> =
                a.iter().filter(|x| x.month == Some(*m) && team.is_none_or(|t| x.team == t)).collect();
            rows.push(vec![
                Value::Month(*m),
                Value::text(team.unwrap_or("all")),
                count(staged(team, Stage::Selected)),
                count(staged(team, Stage::Prepared)),
                count(audited.len()),
                count(audited.iter().filter(|x| returned_on_time(i, x)).count()),
            ]);
        }
    }
    let columns = vec!["month", "team", "selected", "prepared", "audited", "returned_on_time"];
    Table::new("coverage", "Coverage and timeliness", &columns, rows)
}

pub fn teams_without_audit(i: &Inputs, a: &[&Completed]) -> Table {
    let rows = missing_teams(i, a).into_iter().map(|(m, t)| vec![Value::Month(m), Value::text(t)]).collect();
    Table::new("teams-without-audit", "Teams with no audited file", &["month", "team"], rows)
}

/// Yes / No / N/A and % met of each standard, for each group of audits:
/// (the group's first cell, the audits in it).
fn standards_by<'a>(a: &[&'a Completed], groups: Vec<(Value, Vec<&'a Completed>)>) -> Vec<Vec<Value>> {
    let qs = questions(standards_audits(a), |_| true);
    let mut rows = Vec::new();
    for (label, audits) in groups {
        for (section, q) in &qs {
            let (yes, no, na) = tally(audits.iter().copied(), q);
            rows.push(vec![
                label.clone(),
                Value::text(section.clone()),
                Value::text(q.clone()),
                count(yes),
                count(no),
                count(na),
                pct(yes, yes + no),
            ]);
        }
    }
    rows
}

pub fn standards(i: &Inputs, a: &[&Completed]) -> Table {
    let groups = months_and_all(i)
        .into_iter()
        .map(|m| (month_cell(m), standards_audits(a).filter(|x| in_month(x, m)).collect()))
        .collect();
    let columns = vec!["month", "section", "question", "yes", "no", "na", "pct_met"];
    Table::new("standards", "Standards met (quality practice)", &columns, standards_by(a, groups))
}

pub fn standards_by_team(a: &[&Completed]) -> Table {
    let teams: BTreeSet<&str> = standards_audits(a).map(|x| x.team.as_str()).collect();
    let groups =
        teams.into_iter().map(|t| (Value::text(t), standards_audits(a).filter(|x| x.team == t).collect())).collect();
    let columns = vec!["team", "section", "question", "yes", "no", "na", "pct_met"];
    let rows = standards_by(a, groups);
    Table::new("standards-by-team", "Standards met by team (quality practice)", &columns, rows)
}

pub fn not_met(a: &[&Completed]) -> Table {
    let qs = questions(standards_audits(a), |_| true);
    let mut rows: Vec<(Option<f64>, String, String, usize, usize)> = qs
        .into_iter()
        .map(|(section, q)| {
            let (yes, no, _) = tally(standards_audits(a), &q);
            (Value::percent(no as u64, (yes + no) as u64), section, q, no, yes + no)
        })
        .collect();
    // Most often not met first; then template order.
    rows.sort_by(|x, y| y.0.unwrap_or(-1.0).total_cmp(&x.0.unwrap_or(-1.0)));
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(n, (_, section, q, no, den))| {
            vec![Value::Number(n as u64 + 1), Value::text(section), Value::text(q), count(no), count(den), pct(no, den)]
        })
        .collect();
    let columns = vec!["rank", "section", "question", "not_met", "answered", "pct_not_met"];
    Table::new("not-met", "Standards most often not met", &columns, rows)
}

pub fn yes_without_evidence(a: &[&Completed]) -> Table {
    let mut by: BTreeMap<(String, usize, String), (usize, usize)> = BTreeMap::new();
    let mut order: BTreeMap<(String, String), usize> = BTreeMap::new();
    for x in a {
        for ans in x.answers.iter().filter(|y| y.first && y.answer.eq_ignore_ascii_case("yes")) {
            let n = order.len();
            let pos = *order.entry((x.template.clone(), ans.question.clone())).or_insert(n);
            let e = by.entry((x.template.clone(), pos, ans.question.clone())).or_default();
            e.0 += 1;
            e.1 += usize::from(!ans.evidence);
        }
    }
    let rows = by
        .into_iter()
        .map(|((t, _, q), (yes, none))| vec![Value::text(t), Value::text(q), count(yes), count(none)])
        .collect();
    let columns = vec!["template", "question", "yes", "yes_without_evidence"];
    Table::new("yes-without-evidence", "\"Yes\" answers without evidence", &columns, rows)
}

pub fn grades(i: &Inputs, a: &[&Completed]) -> Table {
    let g: Vec<&Completed> = a.iter().copied().filter(|x| !x.scale.is_empty()).collect();
    let mut sections: Vec<String> = Vec::new();
    for x in &g {
        for (s, _) in &x.grades {
            if !sections.contains(s) {
                sections.push(s.clone());
            }
        }
    }
    sections.push("overall".into());
    let scale: Vec<String> = g.first().map(|x| x.scale.clone()).unwrap_or_default();
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        for s in &sections {
            let given: Vec<&str> = g
                .iter()
                .filter(|x| in_month(x, m))
                .filter_map(|x| {
                    if s == "overall" {
                        x.overall.as_deref()
                    } else {
                        x.grades.iter().find(|(k, _)| k == s).map(|(_, v)| v.as_str())
                    }
                })
                .collect();
            for grade in &scale {
                let n = given.iter().filter(|v| *v == grade).count();
                rows.push(vec![
                    month_cell(m),
                    Value::text(s.clone()),
                    Value::text(grade.clone()),
                    count(n),
                    pct(n, given.len()),
                ]);
            }
        }
    }
    let columns = vec!["month", "section", "grade", "audits", "pct"];
    Table::new("grades", "Grades (good practice)", &columns, rows)
}

pub fn judgements(i: &Inputs, a: &[&Completed]) -> Table {
    let g: Vec<&Completed> = graded(a).collect();
    let teams: BTreeSet<&str> = g.iter().map(|x| x.team.as_str()).collect();
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        for team in teams.iter().copied().map(Some).chain([None]) {
            let these: Vec<&&Completed> =
                g.iter().filter(|x| in_month(x, m) && team.is_none_or(|t| x.team == t)).collect();
            let goods = these.iter().filter(|x| good(x) == Some(true)).count();
            let inads = these.iter().filter(|x| inadequate(x) == Some(true)).count();
            let within = within_target(i, inads, these.len());
            rows.push(vec![
                month_cell(m),
                Value::text(team.unwrap_or("all")),
                count(these.len()),
                count(goods),
                pct(goods, these.len()),
                count(inads),
                pct(inads, these.len()),
                within,
            ]);
        }
    }
    let columns = vec![
        "month",
        "team",
        "audits",
        "good_or_better",
        "pct_good_or_better",
        "inadequate",
        "pct_inadequate",
        "within_target",
    ];
    Table::new("judgements", "Good or better, and inadequate against the target", &columns, rows)
}

pub fn limiting(i: &Inputs, a: &[&Completed]) -> Table {
    let qs = questions(a.iter().copied(), |x| x.limiting);
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        for (section, q) in &qs {
            let (mut answered, mut met, mut good_without) = (0, 0, 0);
            for x in a.iter().filter(|x| in_month(x, m)) {
                if let Some(ans) = x.answers.iter().find(|y| &y.question == q && y.limiting) {
                    answered += 1;
                    met += usize::from(ans.meets);
                    good_without += usize::from(!ans.meets && good(x) == Some(true));
                }
            }
            rows.push(vec![
                month_cell(m),
                Value::text(section.clone()),
                Value::text(q.clone()),
                count(answered),
                count(met),
                count(answered - met),
                pct(met, answered),
                count(good_without),
            ]);
        }
    }
    let columns = vec!["month", "section", "judgement", "answered", "met", "not_met", "pct_met", "good_without_it"];
    Table::new("limiting", "Limiting judgements", &columns, rows)
}

pub fn actions(i: &Inputs, a: &[&Completed]) -> Table {
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        let these: Vec<&&Completed> = a.iter().filter(|x| in_month(x, m)).collect();
        let all: Vec<_> = these.iter().flat_map(|x| x.actions.iter()).collect();
        let past_due = all.iter().filter(|x| x.due.is_some_and(|d| d < i.today)).count();
        let urgent: Vec<&&&Completed> =
            these.iter().filter(|x| inadequate(x) == Some(true) && x.safeguarding == Some(true)).collect();
        let (mut sg_actions, mut within) = (0, 0);
        for x in &urgent {
            let limit = x.audit_date.and_then(|d| i.calendar.working_days_after(d, 5).ok());
            for act in &x.actions {
                sg_actions += 1;
                within += usize::from(matches!((act.due, limit), (Some(d), Some(l)) if d <= l));
            }
        }
        rows.push(vec![
            month_cell(m),
            count(these.len()),
            count_of(all.len(), these.len()),
            count_of(past_due, these.len()),
            count(urgent.len()),
            count_of(sg_actions, urgent.len()),
            count_of(within, urgent.len()),
            Value::Pct(Share::from(within, sg_actions, urgent.len())),
        ]);
    }
    let columns = vec![
        "month",
        "audits",
        "actions",
        "past_due",
        "inadequate_with_safeguarding",
        "their_actions",
        "due_within_5_working_days",
        "pct_within_5_working_days",
    ];
    Table::new("actions", "Actions", &columns, rows)
}

pub fn moderation(i: &Inputs, a: &[&Completed]) -> Table {
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        let these: Vec<&&Completed> = a.iter().filter(|x| in_month(x, m) && !x.scale.is_empty()).collect();
        let moderated = these.iter().filter(|x| x.moderated_on.is_some()).count();
        let on_time = these
            .iter()
            .filter(|x| matches!((x.moderated_on, x.month), (Some(d), Some(mm)) if d <= third_week_end(mm)))
            .count();
        rows.push(vec![month_cell(m), count(these.len()), count(moderated), count(on_time), pct(on_time, these.len())]);
    }
    let columns = vec!["month", "audits", "moderated", "by_end_of_third_week", "pct_by_end_of_third_week"];
    Table::new("moderation", "Stage 2 moderation", &columns, rows)
}

pub fn trend(i: &Inputs, a: &[&Completed]) -> Table {
    let mut rows = Vec::new();
    for m in months_and_all(i) {
        let these: Vec<&Completed> = a.iter().copied().filter(|x| in_month(x, m)).collect();
        let k = Key::of(i, &these);
        let mut row = vec![month_cell(m), count(k.audits)];
        row.extend(k.shares().map(|(_, _, _, s)| Value::Pct(s)));
        rows.push(row);
    }
    let columns =
        vec!["month", "audits", "pct_returned_on_time", "pct_good_or_better", "pct_inadequate", "pct_standards_met"];
    Table::new("trend", "Month by month", &columns, rows)
}

pub fn by_worker(a: &[&Completed]) -> Table {
    let mut by: BTreeMap<(&str, &str), (usize, usize, usize)> = BTreeMap::new();
    for x in a {
        let e = by.entry((x.worker.as_str(), x.team.as_str())).or_default();
        e.0 += 1;
        e.1 += usize::from(good(x) == Some(true));
        e.2 += usize::from(inadequate(x) == Some(true));
    }
    let rows = by
        .into_iter()
        .map(|((w, t), (n, g, b))| vec![Value::text(w), Value::text(t), count(n), count(g), count(b)])
        .collect();
    Table::new("workers", "By worker", &["worker_id", "team", "audits", "good_or_better", "inadequate"], rows)
}
