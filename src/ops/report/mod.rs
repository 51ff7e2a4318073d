//! The monthly collation and the quarterly QA report as a job (docs/report.md):
//! read the staff list (the teams expected to have an audited file) and the
//! ledger; find the completed audits and check each as `validate` does, on
//! every core; count those without an error ([`crate::report::tables`]); and
//! return the tables, with the audits not counted and why. `tables` gives
//! them as output sections, and [`page`] as one web page.

mod html;
mod tables;

pub use html::page;
pub use tables::one_table;

use crate::calendar::Calendar;
use crate::calendar::dates::Month;
use crate::checklist::audit::{Context, Finding};
use crate::error::{Severity, UsageError, Warning};
use crate::io::columns::ColumnMap;
use crate::model::audit::Completed;
use crate::model::{Names, history, staff};
use crate::ops::validate::{self, Checked};
use crate::report::{self, Selected, Table};
use crate::select::policy::Resolved;
use chrono::NaiveDate;

/// The built-in page template, for `show report default`.
pub const BUILT_IN: [(&str, &str); 1] = [("default", html::DEFAULT_TEMPLATE)];

/// A theme file: built-in by name (`default`), or a file.
pub fn themes(name_or_path: &str) -> Result<report::themes::Themes, crate::error::InputError> {
    let (file, text) = crate::io::config::built_in_or_file(name_or_path, &report::themes::BUILT_IN, "theme file")?;
    report::themes::parse(&file, &text)
}

/// The period asked for.
pub enum Period<'a> {
    /// One month, YYYY-MM.
    Month(&'a str),
    /// A quarter, YYYY-Qn (Q1 is January to March).
    Quarter(&'a str),
    /// From one month to another, both included.
    Range(&'a str, &'a str),
    /// The month before today.
    LastMonth,
}

/// The months of the period asked for: at least one, at most 36.
pub fn months(period: &Period, today: NaiveDate) -> Result<Vec<Month>, UsageError> {
    let month = |s: &str, what: &str| Month::parse(s).map_err(|e| UsageError(format!("{what} {e}")));
    let (first, last) = match *period {
        Period::Month(m) => {
            let m = month(m, "--month")?;
            (m, m)
        }
        Period::Quarter(q) => {
            let bad = || UsageError(format!("--quarter '{q}' should be YYYY-Qn, like 2026-Q3"));
            let (y, n) = q.trim().split_once(['-', ' ']).ok_or_else(bad)?;
            let n: u32 = n.trim_start_matches(['Q', 'q']).parse().map_err(|_| bad())?;
            if !(1..=4).contains(&n) {
                return Err(bad());
            }
            let first = month(&format!("{y}-{:02}", 3 * n - 2), "--quarter")?;
            (first, first.plus(2))
        }
        Period::Range(f, t) => (month(f, "--from")?, month(t, "--to")?),
        Period::LastMonth => {
            let m = Month::of(today).plus(-1);
            (m, m)
        }
    };
    let n = first.months_until(last);
    if n < 0 {
        return Err(UsageError(format!("--from {first} is after --to {last}")));
    }
    if n >= 36 {
        return Err(UsageError("a report covers at most 36 months".into()));
    }
    Ok((0..=n).map(|k| first.plus(k)).collect())
}

/// What a report is made from.
pub struct Request<'a> {
    /// Completed audits: files, or folders searched for them.
    pub audits: &'a [String],
    /// The selection ledger or audit history files.
    pub ledger: &'a [String],
    pub staff: Option<&'a str>,
    pub policy: &'a Resolved,
    pub months: &'a [Month],
    /// Counts below this are hidden (0: none).
    pub threshold: u64,
    pub by_worker: bool,
    pub themes: &'a report::themes::Themes,
    /// Add the table of every theme match (`--explain-themes`).
    pub explain_themes: bool,
    pub today: NaiveDate,
    pub count_event_day: bool,
    pub map: &'a ColumnMap,
    pub calendar: &'a Calendar,
}

/// An audit with an error, which is not counted, and the first error.
pub struct NotCounted {
    pub file: String,
    pub first: Option<Finding>,
}

/// A report's tables, and what was left out of them.
pub struct Reported {
    pub tables: Vec<Table>,
    pub not_counted: Vec<NotCounted>,
    /// Audits counted in the period.
    pub counted: usize,
    /// Family-feedback records counted in the period.
    pub feedback: usize,
    pub months: Vec<Month>,
}

/// Makes the report. Warnings go to `warn` as each input is read, so that
/// those said before an input that cannot be read still are.
pub fn run(r: &Request, warn: &dyn Fn(&Warning)) -> anyhow::Result<Reported> {
    // The staff file: teams with caseworkers, and each worker's team.
    let mut names = Names::default();
    let staff = match r.staff {
        Some(p) => {
            let (staff, warnings) = staff::from_csv(super::open_input(p, "staff", r.map, "staff_id")?, &mut names)?;
            warnings.iter().for_each(warn);
            Some(staff)
        }
        None => None,
    };
    let teams = teams(staff.as_ref(), &names, r.policy);
    let ledger = read_ledger(r, staff.as_ref(), &names, warn)?;
    // The audits: checked as `validate` checks them; those with an error are not counted.
    let files = validate::expand(r.audits, warn)?;
    let cx =
        Context { today: r.today, calendar: r.calendar, count_event_day: r.count_event_day, staff: staff.as_ref() };
    let (records, not_counted) = counted_or_not(check_all(&files, &cx));
    // Family feedback is not an audit: it is collated on its own.
    let (feedback, audits): (Vec<Completed>, Vec<Completed>) =
        records.into_iter().partition(|r| r.template == report::feedback::TEMPLATE);
    let feedback_template = super::config::template(report::feedback::TEMPLATE)?;
    let respondents = feedback_template
        .questions()
        .find(|(_, q)| q.id == report::feedback::RESPONDENT)
        .map(|(_, q)| q.allowed(&feedback_template).to_vec())
        .unwrap_or_default();
    let returned_col = r.policy.policy.returned_by.clone();
    let returned_by = |m: Month| {
        let dates = crate::select::timetable(r.policy, m, r.calendar);
        match &returned_col {
            Some(c) => dates.into_iter().find(|(k, _)| k == c).map(|(_, d)| d),
            None => None,
        }
    };
    let inputs = report::Inputs {
        audits: &audits,
        ledger: &ledger,
        teams: &teams,
        months: r.months,
        returned_by: &returned_by,
        today: r.today,
        calendar: r.calendar,
        inadequate_target: r.policy.inadequate_target,
        by_worker: r.by_worker,
        feedback: &feedback,
        feedback_scale: report::feedback::Scale { respondents: &respondents, answers: &feedback_template.answers },
        themes: r.themes,
        explain_themes: r.explain_themes,
    };
    let mut tables = report::tables(&inputs);
    report::suppress(&mut tables, r.threshold);
    let in_period = |x: &[Completed]| x.iter().filter(|a| a.month.is_some_and(|m| r.months.contains(&m))).count();
    let (counted, feedback) = (in_period(&audits), in_period(&feedback));
    Ok(Reported { tables, not_counted, counted, feedback, months: r.months.to_vec() })
}

/// The teams with an active caseworker, by name: each is expected to have a
/// file audited.
fn teams(staff: Option<&staff::Staff>, names: &Names, policy: &Resolved) -> Vec<String> {
    let mut teams: Vec<String> = staff
        .iter()
        .flat_map(|s| s.members.iter())
        .filter(|m| m.active && policy.is_caseworker_role(&m.role))
        .map(|m| names.show(m.team).to_string())
        .collect();
    teams.sort();
    teams.dedup();
    teams
}

/// What the ledgers say was selected and prepared, each entry with its
/// worker's team.
fn read_ledger(
    r: &Request,
    staff: Option<&staff::Staff>,
    names: &Names,
    warn: &dyn Fn(&Warning),
) -> anyhow::Result<Vec<Selected>> {
    let mut ledger: Vec<Selected> = Vec::new();
    for path in r.ledger {
        let warnings = history::for_each(path, r.map, |e| {
            let team = staff
                .and_then(|s| Some(s.member(s.get(e.worker_id)?).team))
                .map(|t| names.show(t).to_string())
                .unwrap_or_default();
            ledger.push(Selected { case: e.case_id.to_string(), month: e.month, stage: e.kind, team });
        })?;
        warnings.iter().for_each(warn);
    }
    Ok(ledger)
}

/// Every audit checked. They are read and checked on every core, in
/// contiguous runs, and kept in file order, so the output does not depend on
/// the split.
fn check_all(files: &[String], cx: &Context) -> Vec<Checked> {
    let bar = crate::io::progress::Progress::count("reading audits", files.len() as u64);
    let done = std::sync::atomic::AtomicU64::new(0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let run_len = files.len().div_ceil(cores).max(1);
    let checked: Vec<Checked> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(run_len)
            .map(|run| {
                let (done, bar) = (&done, &bar);
                scope.spawn(move || {
                    let mut templates = std::collections::BTreeMap::new();
                    run.iter()
                        .map(|file| {
                            let c = validate::check_file(file, None, &mut templates, cx, true);
                            bar.set(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
                            c
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("an audit reader panicked")).collect()
    });
    drop(bar);
    checked
}

/// The audits without an error, as records; and those with one.
fn counted_or_not(checked: Vec<Checked>) -> (Vec<Completed>, Vec<NotCounted>) {
    let mut audits: Vec<Completed> = Vec::new();
    let mut not_counted: Vec<NotCounted> = Vec::new();
    for checked in checked {
        match checked.record {
            Some(r) => audits.push(r),
            None => {
                let first = checked.findings.into_iter().find(|f| f.rule.severity() == Severity::Error);
                not_counted.push(NotCounted { file: checked.name, first });
            }
        }
    }
    (audits, not_counted)
}
