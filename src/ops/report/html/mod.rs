//! The report as one self-contained web page: a headline a director can read
//! in a minute, each percentage with its 95% interval and its number of
//! audits ("55.0% (46.7–63.0%, n=140)"), what changed and whether the change
//! is clear, charts drawn as inline SVG (`plotters`) with error bars, and
//! every table. The page is a minijinja template (`templates/report.html`,
//! replaceable with `--template`); it loads no script, font or image from
//! anywhere, so it can be emailed or opened offline, and its print CSS makes
//! a clean A4 paper.
//!
//! It is the copy that gets circulated, so it holds no case id, no file name
//! (which often carries one) and no staff name unless `--by-worker` asks for
//! the workers' table (docs/report.md): the audits not counted are a count and a
//! pointer to `--table not-counted`, and the excerpts of what auditors wrote
//! (`theme-evidence`) stay in the QA team's CSV, JSON and workbook.
//!
//! It lives with the report's job, not among the writers in `io::output`:
//! its charts read the report's own tables (`report::Table`, its percentages
//! and grades), which `io`, below the domain, may not know; and it reads the
//! `--template` file, as a job reads its inputs. The command only writes the
//! page it returns.

mod charts;

use super::Reported;
use crate::io::output::tenths;
use crate::report::{Share, Table, Value};
use serde::Serialize;

pub const DEFAULT_TEMPLATE: &str = include_str!("../../../../templates/report.html");

/// The tables that stay out of the page: what auditors wrote, by file.
const NOT_ON_THE_PAGE: [&str; 1] = ["theme-evidence"];

#[derive(Serialize)]
struct Headline {
    label: String,
    value: String,
    /// The interval and the number of audits: "(46.7–63.0%, n=140)".
    interval: String,
}

#[derive(Serialize)]
struct TableView {
    name: String,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

struct Chart {
    id: &'static str,
    title: &'static str,
    svg: String,
}

pub(super) fn shown(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Month(m) => m.to_string(),
        Value::Count(n) | Value::Number(n) | Value::CountOf { n, .. } => n.to_string(),
        Value::Verdict { yes, .. } => (if *yes { "yes" } else { "no" }).into(),
        Value::Pct(s) => s.tenths().map(|p| format!("{}%", tenths(p))).unwrap_or_default(),
        Value::Low(s) => s.interval().map(|i| format!("{}%", tenths(i.0))).unwrap_or_default(),
        Value::High(s) => s.interval().map(|i| format!("{}%", tenths(i.1))).unwrap_or_default(),
        Value::Points { tenths: t, .. } => format!("{} points", tenths(*t)),
        Value::Probability { p, .. } => crate::report::p_value(*p),
        Value::Word { word, .. } => word.to_string(),
        Value::Hidden => "c".into(),
    }
}

/// A share's interval and denominator, as the page writes them beside it:
/// "(46.7–63.0%, n=140)"; nothing with no denominator.
fn interval(s: &Share) -> String {
    match s.interval() {
        Some((lo, hi)) => format!("({}–{}%, n={})", tenths(lo), tenths(hi), s.den),
        None => String::new(),
    }
}

/// A percentage with its interval, in one cell: "55.0% (46.7–63.0%, n=140)".
fn with_interval(v: &Value) -> String {
    match v {
        Value::Pct(s) if s.den > 0 => format!("{} {}", shown(v), interval(s)),
        _ => shown(v),
    }
}

/// A table as the page shows it: each percentage with its interval in one
/// cell, so the `n`, `ci_low` and `ci_high` columns are not repeated.
fn view(t: &Table) -> TableView {
    let folded: Vec<usize> = t.intervals.iter().flat_map(|i| i[1..].to_vec()).collect();
    let shares: Vec<usize> = t.intervals.iter().map(|i| i[0]).collect();
    let keep: Vec<usize> = (0..t.columns.len()).filter(|c| !folded.contains(c)).collect();
    TableView {
        name: t.name.to_string(),
        title: t.title.to_string(),
        columns: keep.iter().map(|&c| t.columns[c].clone()).collect(),
        rows: t
            .rows
            .iter()
            .map(|r| {
                keep.iter().map(|&c| if shares.contains(&c) { with_interval(&r[c]) } else { shown(&r[c]) }).collect()
            })
            .collect(),
    }
}

/// What changed, in sentences, from the `changes` table.
fn changes(tables: &[Table]) -> Vec<String> {
    let Some(t) = tables.iter().find(|t| t.name == "changes") else { return Vec::new() };
    let at = |n: &str| t.col(n).expect("the changes table has the column");
    let (measure, from, to, pf, pt, p, change) =
        (at("measure"), at("from"), at("to"), at("pct_from"), at("pct_to"), at("p_value"), at("change"));
    t.rows
        .iter()
        .filter_map(|r| {
            let (m, f, tt) = (shown(&r[measure]), shown(&r[from]), shown(&r[to]));
            match &r[change] {
                Value::Hidden => Some(format!("{m}, {f} to {tt}: too few audits to compare.")),
                Value::Word { word, .. } => {
                    let p = shown(&r[p]);
                    let p = match p.strip_prefix('<') {
                        Some(x) => format!("p < {x}"),
                        None => format!("p = {p}"),
                    };
                    Some(format!(
                        "{m}: {} in {tt}, against {} in {f}: {word} ({p}).",
                        with_interval(&r[pt]),
                        with_interval(&r[pf])
                    ))
                }
                _ => None,
            }
        })
        .collect()
}

/// The themes section: its chart, and the themes of each kind most often
/// mentioned, in words.
#[derive(Serialize)]
struct ThemesView {
    svg: String,
    error_bars: usize,
    /// (the kind, in words; its most mentioned themes with their figures).
    kinds: Vec<(String, Vec<String>)>,
}

fn themes_view(tables: &[Table]) -> Option<ThemesView> {
    let svg = charts::themes(tables)?;
    let t = tables.iter().find(|t| t.name == "themes")?;
    let at = |n: &str| t.col(n).expect("the themes table has the column");
    let (m, label, kind, p) = (at("month"), at("label"), at("kind"), at("pct_of_audits"));
    let mut kinds = Vec::new();
    for (k, words) in [("strength", "Strengths"), ("barrier", "Barriers"), ("partner-agency", "Partner agencies")] {
        let mut these: Vec<(u64, String)> = t
            .rows
            .iter()
            .filter(|r| shown(&r[m]) == "all" && shown(&r[kind]) == k)
            .filter_map(|r| match &r[p] {
                Value::Pct(s) if s.num > 0 => Some((s.num, format!("{}: {}", shown(&r[label]), with_interval(&r[p])))),
                _ => None,
            })
            .collect();
        these.sort_by_key(|x| std::cmp::Reverse(x.0));
        kinds.push((words.to_string(), these.into_iter().take(3).map(|x| x.1).collect()));
    }
    Some(ThemesView { error_bars: error_bars(&svg), svg, kinds })
}

/// The page.
pub fn page(done: &Reported, template: Option<&str>, today: chrono::NaiveDate) -> anyhow::Result<String> {
    let (tables, months) = (&done.tables, &done.months);
    let source = match template {
        Some(p) => std::fs::read_to_string(p).map_err(|e| {
            crate::error::InputError::file(p, format!("cannot be read: {}", crate::error::io_reason(&e)))
        })?,
        None => DEFAULT_TEMPLATE.to_string(),
    };
    let name = template.unwrap_or("report.html");
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template(name, &source)
        .map_err(|e| crate::error::InputError::file(name, format!("is not a valid template: {e}")))?;
    let headline: Vec<Headline> = tables
        .iter()
        .find(|t| t.name == "summary")
        .map(|t| {
            t.rows
                .iter()
                .map(|r| Headline {
                    label: shown(&r[0]),
                    value: shown(&r[1]),
                    interval: match &r[1] {
                        Value::Pct(s) => interval(s),
                        _ => String::new(),
                    },
                })
                .collect()
        })
        .unwrap_or_default();
    let views: Vec<TableView> = tables.iter().filter(|t| !NOT_ON_THE_PAGE.contains(&t.name)).map(view).collect();
    let mut charts = Vec::new();
    let mut chart = |id, title, svg: Option<String>| {
        if let Some(svg) = svg {
            charts.push(Chart { id, title, svg });
        }
    };
    chart("by-team", "Good or better, by team", charts::bars_by_team(tables));
    chart("grades", "Overall grades, month by month", charts::grades_by_month(tables, months));
    chart("trend", "Key measures, month by month", charts::trend(tables, months));
    let period = crate::report::period(months);
    let tmpl = env.get_template(name).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let html = tmpl
        .render(minijinja::context! {
            period => period,
            today => today.to_string(),
            headline => headline,
            changes => changes(tables),
            charts => charts.iter().map(|c| minijinja::context! {
                id => c.id,
                title => c.title,
                error_bars => error_bars(&c.svg),
                svg => minijinja::Value::from_safe_string(c.svg.clone()),
            }).collect::<Vec<_>>(),
            tables => views,
            themes => themes_view(tables).map(|v| minijinja::context! {
                svg => minijinja::Value::from_safe_string(v.svg.clone()),
                error_bars => v.error_bars,
                kinds => v.kinds,
            }),
            not_counted => done.not_counted.len(),
        })
        .map_err(|e| crate::error::InputError::file(name, format!("could not be rendered: {e}")))?;
    Ok(html)
}

/// The error bars a chart holds (their colour is theirs alone): three lines
/// each on a bar chart, one on the trend's.
fn error_bars(svg: &str) -> usize {
    let c = charts::WHISKER;
    svg.matches(&format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)).count()
}
