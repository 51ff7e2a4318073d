//! `report`: the monthly collation and the quarterly QA report (docs/report.md;
//! Quality Practice Audit §12.2 and Appendix 5; Good practice audit guidance:
//! Stage 3). Pure: valid completed audits, the ledger's entries and the
//! period's dates come in as records, and tables come out. Each measure's
//! formula is in docs/report.md ("The measures").

mod changes;
pub mod feedback;
mod measures;
pub mod themes;
mod value;

pub use changes::verdict;
pub use value::{Share, Table, Value, add_intervals, p_value, suppress};

use crate::calendar::Calendar;
use crate::calendar::dates::Month;
use crate::model::audit::Completed;
use crate::model::history::Stage;
use chrono::NaiveDate;

/// A ledger entry with its worker's team (the staff file's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selected {
    pub case: String,
    pub month: Month,
    pub stage: Stage,
    pub team: String,
}

/// Everything a report is made from.
pub struct Inputs<'a> {
    pub audits: &'a [Completed],
    pub ledger: &'a [Selected],
    /// The teams expected to have a file audited each month (those with
    /// caseworkers in the staff file), by name.
    pub teams: &'a [String],
    /// The months reported on, in order.
    pub months: &'a [Month],
    /// Each month's date by which completed tools are due (the policy's timetable).
    pub returned_by: &'a dyn Fn(Month) -> Option<NaiveDate>,
    /// The report's date: actions due before it are past due.
    pub today: NaiveDate,
    pub calendar: &'a Calendar,
    /// The highest acceptable share of inadequate audits, in percent.
    pub inadequate_target: f64,
    /// Whether to add a table by worker.
    pub by_worker: bool,
    /// The family-feedback records (of any month), and the template's scale.
    pub feedback: &'a [Completed],
    pub feedback_scale: feedback::Scale<'a>,
    pub themes: &'a themes::Themes,
    /// Whether to add the table of every theme match (`--explain-themes`).
    pub explain_themes: bool,
}

/// The best and worst grades on an audit's scale.
pub(crate) fn good(a: &Completed) -> Option<bool> {
    Some(a.overall.as_deref()? == a.scale.first()?.as_str())
}

pub(crate) fn inadequate(a: &Completed) -> Option<bool> {
    Some(a.overall.as_deref()? == a.scale.last()?.as_str())
}

/// The period in words: `2026-09 to 2026-11`, or one month.
pub fn period(months: &[Month]) -> String {
    match (months.first(), months.last()) {
        (Some(f), Some(l)) if f != l => format!("{f} to {l}"),
        (Some(f), _) => f.to_string(),
        _ => String::new(),
    }
}

/// The last day of the third week of `month`: its 21st (Good practice audit
/// guidance: Stage 2, moderation by the end of the third week).
pub fn third_week_end(month: Month) -> NaiveDate {
    month.day_clamped(21)
}

/// Every table of the report, in the order they are printed.
pub fn tables(i: &Inputs) -> Vec<Table> {
    use themes::tables as t;
    let in_months = |a: &&Completed| a.month.is_some_and(|m| i.months.contains(&m));
    let in_period: Vec<&Completed> = i.audits.iter().filter(in_months).collect();
    let heard_from: Vec<&Completed> = i.feedback.iter().filter(in_months).collect();
    let found = t::find(i.themes, &in_period);
    let heard = t::find(i.themes, &heard_from);
    let both: Vec<&t::Found> = found.iter().chain(&heard).collect();
    let mut out = vec![
        measures::summary(i, &in_period),
        measures::coverage(i, &in_period),
        measures::teams_without_audit(i, &in_period),
        measures::standards(i, &in_period),
        measures::standards_by_team(&in_period),
        measures::not_met(&in_period),
        measures::yes_without_evidence(&in_period),
        measures::grades(i, &in_period),
        measures::judgements(i, &in_period),
        measures::limiting(i, &in_period),
        measures::actions(i, &in_period),
        measures::moderation(i, &in_period),
        measures::trend(i, &in_period),
        changes::changes(i),
        t::by_month(i.themes, &found, i.months, &t::AUDITS),
        t::by_team(i.themes, &found),
        t::evidence(i.themes, &both),
        feedback::feedback(&heard_from, &i.feedback_scale),
        t::by_month(i.themes, &heard, i.months, &t::RESPONSES),
        feedback::feedback_and_grade(&heard_from, &in_period, &i.feedback_scale),
    ];
    if i.by_worker {
        out.push(measures::by_worker(&in_period));
    }
    if i.explain_themes {
        out.push(t::matches(i.themes, &both));
    }
    out.iter_mut().for_each(add_intervals);
    out
}
