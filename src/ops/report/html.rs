//! The report as one self-contained web page: a headline a director can read
//! in a minute, three charts drawn as inline SVG (`plotters`), and every table.
//! The page is a minijinja template (`templates/report.html`, replaceable with
//! `--template`); it loads no script, font or image from anywhere, so it can be
//! emailed or opened offline, and its print CSS makes a clean A4 paper.
//!
//! It lives with the report's job, not among the writers in `io::output`:
//! its charts read the report's own tables (`report::Table`, its percentages
//! and grades), which `io`, below the domain, may not know; and it reads the
//! `--template` file, as a job reads its inputs. The command only writes the
//! page it returns.

use crate::calendar::dates::Month;
use crate::io::output::Section;
use crate::report::{Table, Value};
use plotters::prelude::*;
use serde::Serialize;

pub const DEFAULT_TEMPLATE: &str = include_str!("../../../templates/report.html");

#[derive(Serialize)]
struct Headline {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct TableView {
    name: String,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct Chart {
    id: &'static str,
    title: &'static str,
    svg: String,
}

fn shown(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Month(m) => m.to_string(),
        Value::Count(n) | Value::Number(n) => n.to_string(),
        Value::Verdict { yes, .. } => (if *yes { "yes" } else { "no" }).into(),
        Value::Pct { num, den } => {
            Value::tenths(*num, *den).map(crate::io::output::tenths).map(|p| format!("{p}%")).unwrap_or_default()
        }
        Value::Hidden => "c".into(),
    }
}

fn table<'t>(tables: &'t [Table], name: &str) -> Option<&'t Table> {
    tables.iter().find(|t| t.name == name)
}

fn col(t: &Table, name: &str) -> usize {
    t.columns.iter().position(|c| *c == name).expect("the table has the column")
}

fn pct_of(v: &Value) -> Option<f64> {
    match v {
        Value::Pct { num, den } => Value::percent(*num, *den),
        _ => None,
    }
}

const COLOURS: [RGBColor; 4] =
    [RGBColor(0, 94, 165), RGBColor(244, 119, 56), RGBColor(212, 53, 28), RGBColor(0, 112, 60)];

/// The label of an axis position: the `labels` entry at a whole number, else
/// nothing (bars are centred on whole numbers).
fn tick<T: ToString>(v: f64, labels: &[T]) -> String {
    let i = v.round();
    if (v - i).abs() < 1e-9 && i >= 0.0 {
        labels.get(i as usize).map(T::to_string).unwrap_or_default()
    } else {
        String::new()
    }
}

/// Bars: % good or better by team over the period.
fn bars_by_team(tables: &[Table]) -> Option<String> {
    let t = table(tables, "judgements")?;
    let (m, team, p) = (col(t, "month"), col(t, "team"), col(t, "pct_good_or_better"));
    let bars: Vec<(String, Option<f64>)> = t
        .rows
        .iter()
        .filter(|r| shown(&r[m]) == "all" && shown(&r[team]) != "all")
        .map(|r| (shown(&r[team]), pct_of(&r[p])))
        .collect();
    if bars.is_empty() {
        return None;
    }
    let mut svg = String::new();
    {
        let height = 120 + 28 * bars.len() as u32;
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let n = bars.len() as f64;
        // Bars centred on whole numbers, each 0.8 of a row high.
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(200)
            .build_cartesian_2d(0f64..100f64, -0.5f64..n - 0.5)
            .ok()?;
        let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(bars.len())
            .x_desc("% good or better")
            .y_label_formatter(&|v| tick(*v, &names))
            .draw()
            .ok()?;
        chart
            .draw_series(bars.iter().enumerate().filter_map(|(i, (_, p))| {
                let (p, y) = ((*p)?, i as f64);
                Some(Rectangle::new([(0.0, y - 0.4), (p, y + 0.4)], COLOURS[0].filled()))
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// Stacked bars: overall grades by month.
fn grades_by_month(tables: &[Table], months: &[Month]) -> Option<String> {
    let t = table(tables, "grades")?;
    let (m, s, g, n) = (col(t, "month"), col(t, "section"), col(t, "grade"), col(t, "audits"));
    let mut scale: Vec<String> = Vec::new();
    for r in t.rows.iter().filter(|r| shown(&r[s]) == "overall") {
        let grade = shown(&r[g]);
        if !scale.contains(&grade) {
            scale.push(grade);
        }
    }
    if scale.is_empty() {
        return None;
    }
    let count = |month: Month, grade: &str| {
        t.rows
            .iter()
            .find(|r| shown(&r[m]) == month.to_string() && shown(&r[s]) == "overall" && shown(&r[g]) == grade)
            .and_then(|r| match r[n] {
                Value::Count(c) => Some(c),
                _ => None,
            })
            .unwrap_or(0)
    };
    let top = months.iter().map(|&mo| scale.iter().map(|gr| count(mo, gr)).sum::<u64>()).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let k = months.len() as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5f64..k - 0.5, 0u64..top + top / 10 + 1)
            .ok()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(months.len())
            .y_desc("audits")
            .x_label_formatter(&|v| tick(*v, months))
            .draw()
            .ok()?;
        for (gi, grade) in scale.iter().enumerate() {
            let colour = COLOURS[[3, 1, 2, 0][gi.min(3)]];
            chart
                .draw_series(months.iter().enumerate().map(|(i, &mo)| {
                    let below: u64 = scale[..gi].iter().map(|gr| count(mo, gr)).sum();
                    let x = i as f64;
                    Rectangle::new([(x - 0.35, below), (x + 0.35, below + count(mo, grade))], colour.filled())
                }))
                .ok()?
                .label(grade.clone())
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
        }
        chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw().ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// Lines: the key measures month by month.
fn trend(tables: &[Table], months: &[Month]) -> Option<String> {
    let t = table(tables, "trend")?;
    let m = col(t, "month");
    let measures = [
        ("pct_good_or_better", "% good or better"),
        ("pct_inadequate", "% inadequate"),
        ("pct_standards_met", "% standards met"),
        ("pct_returned_on_time", "% returned on time"),
    ];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let k = months.len().max(2) as u32 - 1;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(0u32..k, 0f64..100f64)
            .ok()?;
        chart
            .configure_mesh()
            .x_labels(months.len())
            .y_desc("%")
            .x_label_formatter(&|i| months.get(*i as usize).map(|m| m.to_string()).unwrap_or_default())
            .draw()
            .ok()?;
        for (n, (column, label)) in measures.iter().enumerate() {
            let c = col(t, column);
            let points: Vec<(u32, f64)> = months
                .iter()
                .enumerate()
                .filter_map(|(i, mo)| {
                    let row = t.rows.iter().find(|r| shown(&r[m]) == mo.to_string())?;
                    Some((i as u32, pct_of(&row[c])?))
                })
                .collect();
            let colour = COLOURS[n];
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                .ok()?
                .label(*label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2)));
            chart.draw_series(points.iter().map(|&(x, y)| Circle::new((x, y), 3, colour.filled()))).ok()?;
        }
        chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw().ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// The page.
pub fn page(
    tables: &[Table],
    sections: &[Section],
    months: &[Month],
    template: Option<&str>,
    today: chrono::NaiveDate,
) -> anyhow::Result<String> {
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
    let headline: Vec<Headline> = table(tables, "summary")
        .map(|t| t.rows.iter().map(|r| Headline { label: shown(&r[0]), value: shown(&r[1]) }).collect())
        .unwrap_or_default();
    let views: Vec<TableView> = sections
        .iter()
        .map(|s| TableView {
            name: s.name.to_string(),
            title: s.title.to_string(),
            columns: s.columns.clone(),
            rows: s.rows.iter().map(|r| r.iter().map(|c| c.plain()).collect()).collect(),
        })
        .collect();
    let mut charts = Vec::new();
    if let Some(svg) = bars_by_team(tables) {
        charts.push(Chart { id: "by-team", title: "Good or better, by team", svg });
    }
    if let Some(svg) = grades_by_month(tables, months) {
        charts.push(Chart { id: "grades", title: "Overall grades, month by month", svg });
    }
    if let Some(svg) = trend(tables, months) {
        charts.push(Chart { id: "trend", title: "Key measures, month by month", svg });
    }
    let period = crate::report::period(months);
    let tmpl = env.get_template(name).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let html = tmpl
        .render(minijinja::context! {
            period => period,
            today => today.to_string(),
            headline => headline,
            charts => charts.iter().map(|c| minijinja::context! {
                id => c.id,
                title => c.title,
                svg => minijinja::Value::from_safe_string(c.svg.clone()),
            }).collect::<Vec<_>>(),
            tables => views,
        })
        .map_err(|e| crate::error::InputError::file(name, format!("could not be rendered: {e}")))?;
    Ok(html)
}
