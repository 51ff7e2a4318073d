//! The page's charts, drawn as inline SVG with `plotters`: each percentage
//! with its 95% interval as an error bar, and nothing the tables hide (a
//! hidden figure is not drawn at all).

use super::shown;
use crate::calendar::dates::Month;
use crate::report::{Share, Table, Value};
use plotters::prelude::*;

fn table<'t>(tables: &'t [Table], name: &str) -> Option<&'t Table> {
    tables.iter().find(|t| t.name == name)
}

fn col(t: &Table, name: &str) -> usize {
    t.col(name).expect("the table has the column")
}

/// A share to draw: one with a denominator, not hidden.
pub(super) fn share(v: &Value) -> Option<Share> {
    match v {
        Value::Pct(s) if s.den > 0 => Some(*s),
        _ => None,
    }
}

/// A share as (percentage, lower bound, upper bound).
fn bar(s: Share) -> Option<(f64, f64, f64)> {
    let (lo, hi) = s.interval()?;
    Some((s.tenths()? as f64 / 10.0, lo as f64 / 10.0, hi as f64 / 10.0))
}

pub(super) const COLOURS: [RGBColor; 4] =
    [RGBColor(0, 94, 165), RGBColor(244, 119, 56), RGBColor(212, 53, 28), RGBColor(0, 112, 60)];
/// The error bars' colour, and only theirs (the browser check counts them).
pub(super) const WHISKER: RGBColor = RGBColor(11, 12, 12);

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

/// One horizontal bar a row, from 0 to 100%, each with its interval as an
/// error bar: (the row's label, its colour, the share, if shown).
pub(super) fn horizontal_bars(bars: &[(String, RGBColor, Option<Share>)], axis: &str) -> Option<String> {
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
            .y_label_area_size(260)
            .build_cartesian_2d(0f64..100f64, -0.5f64..n - 0.5)
            .ok()?;
        let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(bars.len())
            .x_desc(axis)
            .y_label_formatter(&|v| tick(*v, &names))
            .draw()
            .ok()?;
        let drawn: Vec<(f64, RGBColor, (f64, f64, f64))> =
            bars.iter().enumerate().filter_map(|(i, (_, c, s))| Some((i as f64, *c, bar((*s)?)?))).collect();
        chart
            .draw_series(
                drawn
                    .iter()
                    .map(|&(y, c, (p, _, _))| Rectangle::new([(0.0, y - 0.4), (p, y + 0.4)], c.mix(0.85).filled())),
            )
            .ok()?;
        chart
            .draw_series(
                drawn
                    .iter()
                    .map(|&(y, _, (_, lo, hi))| PathElement::new(vec![(lo, y), (hi, y)], WHISKER.stroke_width(2))),
            )
            .ok()?;
        chart
            .draw_series(drawn.iter().flat_map(|&(y, _, (_, lo, hi))| {
                [lo, hi].map(|x| PathElement::new(vec![(x, y - 0.15), (x, y + 0.15)], WHISKER.stroke_width(2)))
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// Bars: % good or better by team over the period.
pub(super) fn bars_by_team(tables: &[Table]) -> Option<String> {
    let t = table(tables, "judgements")?;
    let (m, team, p) = (col(t, "month"), col(t, "team"), col(t, "pct_good_or_better"));
    let bars: Vec<(String, RGBColor, Option<Share>)> = t
        .rows
        .iter()
        .filter(|r| shown(&r[m]) == "all" && shown(&r[team]) != "all")
        .map(|r| (shown(&r[team]), COLOURS[0], share(&r[p])))
        .collect();
    horizontal_bars(&bars, "% good or better (the line: its 95% interval)")
}

/// Stacked bars: overall grades by month.
pub(super) fn grades_by_month(tables: &[Table], months: &[Month]) -> Option<String> {
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

/// Lines: the key measures month by month, each point with its interval.
pub(super) fn trend(tables: &[Table], months: &[Month]) -> Option<String> {
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
        let root = SVGBackend::with_string(&mut svg, (720, 340)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        // Months at whole numbers, with room either side for the error bars.
        let k = months.len() as f64;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .build_cartesian_2d(-0.5f64..k - 0.5, 0f64..100f64)
            .ok()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(months.len())
            .y_desc("% (bars: 95% intervals)")
            .x_label_formatter(&|v| tick(*v, months))
            .draw()
            .ok()?;
        for (n, (column, label)) in measures.iter().enumerate() {
            let c = col(t, column);
            // Side by side within a month, so that the bars do not overlap.
            let offset = (n as f64 - 1.5) * 0.06;
            let points: Vec<(f64, (f64, f64, f64))> = months
                .iter()
                .enumerate()
                .filter_map(|(i, mo)| {
                    let row = t.rows.iter().find(|r| shown(&r[m]) == mo.to_string())?;
                    Some((i as f64 + offset, bar(share(&row[c])?)?))
                })
                .collect();
            let colour = COLOURS[n];
            chart
                .draw_series(LineSeries::new(points.iter().map(|&(x, (p, _, _))| (x, p)), colour.stroke_width(2)))
                .ok()?
                .label(*label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(2)));
            chart.draw_series(points.iter().map(|&(x, (p, _, _))| Circle::new((x, p), 3, colour.filled()))).ok()?;
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&(x, (_, lo, hi))| PathElement::new(vec![(x, lo), (x, hi)], WHISKER.stroke_width(1))),
                )
                .ok()?;
        }
        chart.configure_series_labels().border_style(BLACK).background_style(WHITE).draw().ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// Bars: the share of audits that mention each theme over the period, with
/// its interval; strengths (green), then barriers (red), then partner
/// agencies (blue), top down. A theme whose figure is hidden is left out.
pub(super) fn themes(tables: &[Table]) -> Option<String> {
    let t = table(tables, "themes")?;
    let (m, label, kind, p) = (col(t, "month"), col(t, "label"), col(t, "kind"), col(t, "pct_of_audits"));
    let order = ["strength", "barrier", "partner-agency"];
    let mut bars: Vec<(usize, String, RGBColor, Option<Share>)> = t
        .rows
        .iter()
        .filter(|r| shown(&r[m]) == "all")
        .filter_map(|r| {
            let k = order.iter().position(|o| *o == shown(&r[kind]))?;
            Some((k, shown(&r[label]), [COLOURS[3], COLOURS[2], COLOURS[0]][k], Some(share(&r[p])?)))
        })
        .collect();
    // By kind, in the file's order within each; reversed, since the first
    // bar is drawn at the bottom.
    bars.sort_by_key(|b| b.0);
    let bars: Vec<(String, RGBColor, Option<Share>)> = bars.into_iter().rev().map(|(_, l, c, s)| (l, c, s)).collect();
    horizontal_bars(&bars, "% of audits mentioning it (the line: its 95% interval)")
}
