//! `caseaudit report`: the monthly collation and the quarterly QA report
//! (SPEC §10), as tables in every format, one workbook, or one self-contained
//! web page ([`html`]).

mod html;

/// The built-in page template, for `show report default`.
pub const BUILT_IN: [(&str, &str); 1] = [("default", html::DEFAULT_TEMPLATE)];

use crate::Outcome;
use crate::calendar::dates::Month;
use crate::error::UsageError;
use crate::error::Warning;
use crate::global::Global;
use crate::io::output::{self, Cell, Format, Report, Section};
use crate::model::audit::Completed;
use crate::model::{Names, history, staff};
use crate::report::{self, Inputs, Selected, Table, Value};

pub const REPORT_HELP: &str = "\
Examples:
  caseaudit report audits/2026-11/ --ledger ledger.csv --staff staff.csv \\
      --month 2026-11
  caseaudit report audits/ --ledger ledger.csv --staff staff.csv \\
      --quarter 2026-Q3 -o qa-report.html
  caseaudit report audits/ --from 2026-07 --to 2026-09 --table standards \\
      --format csv

Counts from 1 to 4 (--threshold) are shown as 'c', and percentages of fewer
than 5 audits too, as published statistics do. No child is named; workers
only with --by-worker. An audit with an error (as `validate` finds) is not
counted; it is listed in the not-counted table with its first error.

Exit codes: 0 reported; 1 with --strict, an audit was not counted or the
period has no audit; 2 an input could not be read.";

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Completed audits: files or directories (searched for *.yaml, *.yml)
    #[arg(required = true, value_name = "AUDITS")]
    pub audits: Vec<String>,
    /// The selection ledger or audit history: what was selected and prepared
    #[arg(long, value_name = "FILE")]
    pub ledger: Vec<String>,
    /// Staff list: the teams expected to have an audited file, and each worker's team
    #[arg(long, value_name = "FILE")]
    pub staff: Option<String>,
    /// The policy: caseworker roles, the timetable (returned_by) and inadequate_target
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = crate::global::NameOrFile(&crate::global::POLICIES), hide_possible_values = true)]
    pub policy: String,
    /// One month, YYYY-MM [default: the month before today]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["quarter", "from"])]
    pub month: Option<String>,
    /// A quarter, YYYY-Qn (Q1 is January to March)
    #[arg(long, value_name = "YYYY-Qn", conflicts_with = "from")]
    pub quarter: Option<String>,
    /// First month of a range
    #[arg(long, value_name = "YYYY-MM", requires = "to")]
    pub from: Option<String>,
    /// Last month of a range
    #[arg(long, value_name = "YYYY-MM", requires = "from")]
    pub to: Option<String>,
    /// The table to write in CSV, JSON or JSON Lines
    #[arg(long, value_name = "NAME")]
    pub table: Option<String>,
    /// Hide counts below this, and percentages of fewer audits (0: hide nothing)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub threshold: u64,
    /// Add a table by worker (workers are otherwise not named)
    #[arg(long)]
    pub by_worker: bool,
    /// A minijinja template for the web page (copy `caseaudit show report default` and restyle it)
    #[arg(long, value_name = "FILE")]
    pub template: Option<String>,
}

/// The months of the period asked for.
fn period(args: &ReportArgs, today: chrono::NaiveDate) -> Result<Vec<Month>, UsageError> {
    let month = |s: &str, what: &str| Month::parse(s).map_err(|e| UsageError(format!("{what} {e}")));
    let (first, last) = if let Some(m) = &args.month {
        let m = month(m, "--month")?;
        (m, m)
    } else if let Some(q) = &args.quarter {
        let bad = || UsageError(format!("--quarter '{q}' should be YYYY-Qn, like 2026-Q3"));
        let (y, n) = q.trim().split_once(['-', ' ']).ok_or_else(bad)?;
        let n: u32 = n.trim_start_matches(['Q', 'q']).parse().map_err(|_| bad())?;
        if !(1..=4).contains(&n) {
            return Err(bad());
        }
        let first = month(&format!("{y}-{:02}", 3 * n - 2), "--quarter")?;
        (first, first.plus(2))
    } else if let (Some(f), Some(t)) = (&args.from, &args.to) {
        (month(f, "--from")?, month(t, "--to")?)
    } else {
        let m = Month::of(today).plus(-1);
        (m, m)
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

pub fn run(args: &ReportArgs, g: &Global) -> anyhow::Result<Outcome> {
    let today = g.today();
    let months = period(args, today)?;
    let policy = crate::ops::config::policy(&args.policy)?;
    let calendar = g.calendar()?;
    let map = g.column_map()?;
    // The staff file: teams with caseworkers, and each worker's team.
    let mut names = Names::default();
    let staff = match &args.staff {
        Some(p) => {
            let (staff, warnings) = staff::from_csv(crate::ops::open_input(p, "staff", &map, "staff_id")?, &mut names)?;
            g.warn_all(&warnings);
            Some(staff)
        }
        None => None,
    };
    let mut teams: Vec<String> = staff
        .iter()
        .flat_map(|s| s.members.iter())
        .filter(|m| m.active && policy.is_caseworker_role(&m.role))
        .map(|m| names.show(m.team).to_string())
        .collect();
    teams.sort();
    teams.dedup();
    let mut ledger: Vec<Selected> = Vec::new();
    for path in &args.ledger {
        let warnings = history::for_each(path, &map, |e| {
            let team = staff
                .as_ref()
                .and_then(|s| Some(s.member(s.get(e.worker_id)?).team))
                .map(|t| names.show(t).to_string())
                .unwrap_or_default();
            ledger.push(Selected { case: e.case_id.to_string(), month: e.month, stage: e.kind, team });
        })?;
        g.warn_all(&warnings);
    }
    // The audits: checked as `validate` checks them; those with an error are not counted.
    let files = crate::ops::validate::expand(&args.audits, &|w| g.warn(w))?;
    let cx = crate::checklist::audit::Context {
        today,
        calendar: &calendar,
        count_event_day: g.count_event_day,
        staff: staff.as_ref(),
    };
    // Audits are read and checked on every core, in contiguous runs, and
    // kept in file order, so the output does not depend on the split.
    let bar = crate::io::progress::Progress::count("reading audits", files.len() as u64);
    let done = std::sync::atomic::AtomicU64::new(0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let run_len = files.len().div_ceil(cores).max(1);
    let checked: Vec<crate::ops::validate::Checked> = std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(run_len)
            .map(|run| {
                let (cx, done, bar) = (&cx, &done, &bar);
                scope.spawn(move || {
                    let mut templates = std::collections::BTreeMap::new();
                    run.iter()
                        .map(|file| {
                            let c = crate::ops::validate::check_file(file, None, &mut templates, cx, true);
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
    let mut audits: Vec<Completed> = Vec::new();
    let mut not_counted: Vec<Vec<Cell>> = Vec::new();
    let mut not_counted_files: Vec<String> = Vec::new();
    for checked in checked {
        match checked.record {
            Some(r) => audits.push(r),
            None => {
                let first = checked.findings.iter().find(|f| f.rule.severity() == crate::error::Severity::Error);
                not_counted_files.push(checked.name.clone());
                not_counted.push(vec![
                    Cell::text(checked.name.clone()),
                    first.map_or(Cell::Empty, |f| Cell::Int(i64::from(f.line))),
                    Cell::text(first.map(|f| f.rule.code()).unwrap_or_default()),
                    Cell::text(first.map(|f| f.message.clone()).unwrap_or_default()),
                ]);
            }
        }
    }
    let returned_col = policy.policy.returned_by.clone();
    let returned_by = |m: Month| {
        let dates = crate::select::timetable(&policy, m, &calendar);
        match &returned_col {
            Some(c) => dates.into_iter().find(|(k, _)| k == c).map(|(_, d)| d),
            None => None,
        }
    };
    let inputs = Inputs {
        audits: &audits,
        ledger: &ledger,
        teams: &teams,
        months: &months,
        returned_by: &returned_by,
        today,
        calendar: &calendar,
        inadequate_target: policy.inadequate_target,
        by_worker: args.by_worker,
    };
    let mut tables = report::tables(&inputs);
    report::suppress(&mut tables, args.threshold);
    let counted = audits.iter().filter(|a| a.month.is_some_and(|m| months.contains(&m))).count();
    let mut sections: Vec<Section> = tables.iter().map(section).collect();
    sections.push(Section {
        name: "not-counted",
        title: "Audits not counted",
        columns: ["file", "line", "rule", "first_error"].map(String::from).to_vec(),
        rows: not_counted.clone(),
    });
    let opts = g.output();
    match opts.resolved_format() {
        Format::Html => {
            let page = html::page(&tables, &sections, &months, args.template.as_deref(), today)?;
            match &opts.path {
                Some(p) => output::write_atomic(p, page.as_bytes())?,
                None => {
                    use std::io::Write;
                    crate::io::output::stdout().write_all(page.as_bytes())?
                }
            }
        }
        Format::Csv | Format::Json | Format::Jsonl => {
            let name = args.table.as_deref().unwrap_or("summary");
            let Some(pos) = sections.iter().position(|s| s.name == name) else {
                let names: Vec<&str> = sections.iter().map(|s| s.name).collect();
                let hint = crate::words::did_you_mean(name, names.iter().copied());
                return Err(
                    UsageError(format!("no table named '{name}'{hint}; there are: {}", names.join(", "))).into()
                );
            };
            let one = sections.swap_remove(pos);
            output::emit(&Report { sections: vec![one], json_object: false }, &opts)?;
        }
        _ => {
            if let Some(name) = &args.table {
                sections.retain(|s| s.name == name);
            }
            output::emit(&Report { sections, json_object: true }, &opts)?;
        }
    }
    let first = months.first().map(|m| m.to_string()).unwrap_or_default();
    g.summary(&format!(
        "report: {} counted for {first}{}; {} not counted",
        crate::words::count(counted, "audit", "audits"),
        months.last().filter(|_| months.len() > 1).map(|l| format!(" to {l}")).unwrap_or_default(),
        not_counted.len()
    ));
    if counted == 0 {
        g.warn(&Warning::new("no audit in the period; check the folder and --month").strict());
    }
    if g.strict && !not_counted.is_empty() {
        let files: Vec<&str> = not_counted_files.iter().map(String::as_str).collect();
        g.reason(&format!(
            "report --strict: {} not counted (see --table not-counted for why): {}",
            crate::words::count(files.len(), "audit was", "audits were"),
            crate::words::listed(&files, 20)
        ));
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

/// A table as an output section: a percentage is a number with one decimal
/// place (blank with no denominator), a hidden cell `c`.
fn section(t: &Table) -> Section {
    let rows = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    Value::Text(s) => Cell::text(s.clone()),
                    Value::Month(m) => Cell::text(m.to_string()),
                    Value::Count(n) | Value::Number(n) => Cell::Int(*n as i64),
                    Value::Verdict { yes, .. } => Cell::Static(if *yes { "yes" } else { "no" }),
                    Value::Pct { num, den } => match Value::tenths(*num, *den) {
                        Some(t) => Cell::Tenths(t),
                        None => Cell::Empty,
                    },
                    Value::Hidden => Cell::Static("c"),
                })
                .collect()
        })
        .collect();
    Section { name: t.name, title: t.title, columns: t.columns.iter().map(|c| c.to_string()).collect(), rows }
}
