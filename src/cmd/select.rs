//! `caseaudit select`: the monthly selection (SPEC §3).
//!
//! Reads staff, cases, history and the ledger; calls [`crate::select::select`];
//! appends the new picks to the ledger; prints the selection (and, with
//! `--explain`, the exclusions).

use crate::Outcome;
use crate::calendar::dates::Month;
use crate::cli::Global;
use crate::error::{InputError, UsageError, Warning};
use crate::io::csvin::display_name;
use crate::io::ledger::{self, LedgerLock};
use crate::io::notice;
use crate::io::output::{self, Cell, Report, Section};
use crate::model::history::{self, Stage};
use crate::model::{Names, cases, staff};
use crate::select::policy::LineManagement;
use crate::select::{self, History, Ledger, Params};
use crate::words::count;

pub const SELECT_HELP: &str = "\
Examples:
  caseaudit select --staff staff.csv --cases cases.csv \\
      --history audits.csv --month 2026-11
  caseaudit select --staff staff.csv --cases cases.csv --month 2026-11 \\
      --policy good-practice --ledger ledger.csv --explain
  caseaudit select ... --format json -o selection.json

Reason codes (--explain): unallocated, worker-not-in-staff,
worker-not-caseworker, out-of-scope, closed-too-long, closed-date-missing,
restricted, audited-recently, selected-recently, not-recorded-by-worker,
sibling-selected, taken-by-another-worker, no-eligible-case,
no-independent-auditor, auditors-at-capacity, no-auditor,
pinned-auditor-not-allowed, pinned-without-auditor.

Exit codes: 0 selected; 1 with --strict, a caseworker without a file, a
file without an auditor, no caseworkers at all, an input with no rows, or
workers holding cases outside the caseworker roles; 2 an input could not be
read (or a staff file without manager_id).";

#[derive(Debug, clap::Args)]
pub struct SelectArgs {
    /// Staff list: staff_id, role, team, area, manager_id, active, audit_capacity
    #[arg(long, value_name = "FILE")]
    pub staff: String,
    /// Caseload: case_id, worker_id, team, service, area, status, closed, restricted, family_id, recorded_by
    #[arg(long, value_name = "FILE", required_unless_present = "annex_a")]
    pub cases: Option<String>,
    /// Take the caseload from Ofsted Annex A (a workbook or CSV lists, repeatable):
    /// child, allocated team and worker, the worker matched to --staff by name
    #[arg(long, value_name = "FILE", conflicts_with = "cases")]
    pub annex_a: Vec<String>,
    /// Audit history: case_id, date, kind, worker_id, auditor_id, month (repeatable)
    #[arg(long, value_name = "FILE")]
    pub history: Vec<String>,
    /// The audit month, YYYY-MM [default: this month]
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// quality-practice, good-practice, or a policy YAML file
    #[arg(long, value_name = "NAME|FILE", default_value = "quality-practice", value_parser = crate::cli::NameOrFile(&crate::cli::POLICIES), hide_possible_values = true)]
    pub policy: String,
    /// Seed for the random choice [default: the month, so re-runs match]
    #[arg(long, value_name = "S")]
    pub seed: Option<String>,
    /// Ledger of selections: read, then this month's picks appended (locked, atomic)
    #[arg(long, value_name = "FILE")]
    pub ledger: Option<std::path::PathBuf>,
    /// Also list every excluded case and unfilled worker, with a reason code
    /// (a second table: in CSV, which holds one table a file, give --excluded)
    #[arg(long)]
    pub explain: bool,
    /// Write the excluded cases and unfilled workers to FILE (CSV, or JSON by
    /// its extension), atomically; implies --explain
    #[arg(long, value_name = "FILE")]
    pub excluded: Option<std::path::PathBuf>,
    /// Also write each auditor's rows of the selection to DIR/STAFF_ID.EXT, in
    /// the format of -o (CSV without it)
    #[arg(long, value_name = "DIR")]
    pub by_auditor: Option<std::path::PathBuf>,
    /// Write draft e-mail messages (.eml) into DIR: one per auditor listing
    /// their files, one per service manager listing the files prepared in
    /// their service; nothing is sent
    #[arg(long, value_name = "DIR")]
    pub notices: Option<std::path::PathBuf>,
    /// The notices' text: a template file replacing the built-in (see the
    /// README for its fields; `caseaudit show notice default` prints it)
    #[arg(long, value_name = "FILE", requires = "notices")]
    pub notice_template: Option<String>,
    /// Void this month's selections in the ledger and select afresh (after a
    /// change of policy, say), under the ledger's lock, in one atomic write
    #[arg(long, requires = "ledger")]
    pub redo: bool,
}

pub fn run(args: &SelectArgs, g: &Global) -> anyhow::Result<Outcome> {
    let map = g.column_map()?;
    // A bad notice template stops the run before the ledger changes.
    let notice_template = match (&args.notices, &args.notice_template) {
        (None, _) => None,
        (Some(_), None) => {
            Some(notice::Template::new("<built-in notice>", notice::TEMPLATE.to_string()).map_err(UsageError)?)
        }
        (Some(_), Some(path)) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| InputError::file(path, crate::io::csvin::io_reason(&e)))?;
            Some(notice::Template::new(path, text).map_err(|e| InputError::file(path, e))?)
        }
    };
    let policy = super::config::policy(&args.policy)?;
    let today = g.today();
    let month = match &args.month {
        Some(m) => Month::parse(m).map_err(|e| crate::error::UsageError(format!("--month: {e}")))?,
        None => Month::of(today),
    };
    let seed = args.seed.clone().unwrap_or_else(|| month.to_string());

    if args.explain && args.excluded.is_none() && g.output().resolved_format() == output::Format::Csv {
        return Err(crate::error::UsageError(
            "--explain adds a second table, and a CSV file holds one: name a file for the exclusions with \
             --excluded FILE, or use --format json or table"
                .into(),
        )
        .into());
    }
    if let Some(path) = &args.excluded {
        output::OutputOptions { format: None, path: Some(path.clone()), ..g.output() }.check()?;
    }
    let stdin: Vec<&str> = [("--staff", Some(args.staff.as_str())), ("--cases", args.cases.as_deref())]
        .into_iter()
        .chain(args.history.iter().map(|h| ("--history", Some(h.as_str()))))
        .filter(|(_, p)| *p == Some("-"))
        .map(|(name, _)| name)
        .collect();
    if stdin.len() > 1 {
        return Err(crate::error::UsageError(format!(
            "{} each read standard input ('-'), which holds only one file; give a file for all but one",
            stdin.join(" and ")
        ))
        .into());
    }
    let mut names = Names::default();
    let mut warnings = Vec::new();
    let (staff, w) = staff::from_csv(super::open_input(&args.staff, "staff", &map, "staff_id")?, &mut names)?;
    warnings.extend(w);
    if !staff.line_management {
        let file = display_name(&args.staff);
        if policy.policy.line_management != LineManagement::NotRecorded {
            let why = staff::no_line_management(crate::ssd::is_preset(map.preset()));
            let opt_out = "if it is truly not recorded, a policy may say 'line_management: not-recorded'";
            return Err(InputError::at(file, 1, None, format!("{why}; {opt_out}")).into());
        }
        warnings.push(Warning::file(
            &file,
            format!(
                "no manager_id column, and policy {} says line management is not recorded: auditors are kept off \
                 only their own files",
                policy.policy.name
            ),
        ));
    }
    let (cases, w) = match &args.cases {
        Some(path) => {
            let f = super::open_input(path, "cases", &map, "case_id")?;
            // With --columns ssd, an ssd_involvements extract is the caseload:
            // one case per child, from its open involvements.
            let involvements = crate::ssd::table_by_headers(f.headers()).is_some_and(|t| t.name == "ssd_involvements");
            if map.preset() == Some("ssd") && involvements {
                let caseworker = |s: u32| policy.is_caseworker_role(&staff.member(s).role);
                let inv = cases::Involvements { day: today, caseworker: &caseworker };
                crate::ssd::caseload(f, &staff, &mut names, &inv)?
            } else {
                cases::read(f, path, &map, &staff, &mut names)?
            }
        }
        None => {
            let wb = crate::annexa::read(&args.annex_a)?;
            let path = args.annex_a.join(", ");
            warnings.extend(wb.warnings.iter().map(|w| w.clone().in_file(&path)));
            if wb.lists.len() < crate::annexa::LISTS.len() {
                warnings.push(Warning::file(&path, wb.summary()));
            }
            let index = staff::name_index(&args.staff, &map, &staff)?;
            crate::annexa::caseload(&wb, &index, &mut names)
        }
    };
    warnings.extend(w);

    let mut hist = History::new(cases.list.len(), month);
    for path in &args.history {
        // A large history is read in two halves at once, each into its own
        // summary; the summaries keep maxima, so merging them is exact.
        let (parts, w) = history::for_each_split(
            path,
            &map,
            crate::io::csvin::SPLIT_FROM,
            || (History::new(cases.list.len(), month), String::new(), None),
            |(part, last_id, last): &mut (History, String, Option<u32>), e| {
                // Histories are usually sorted by case: remember the last lookup.
                if *last_id != e.case_id {
                    last_id.clear();
                    last_id.push_str(e.case_id);
                    // Exports are often in the same order as the cases file: try
                    // the next case before hashing.
                    let next = last.map(|c| c + 1).filter(|&c| (c as usize) < cases.list.len());
                    *last = match next {
                        Some(c) if cases.id(c) == e.case_id => Some(c),
                        _ => cases.get(e.case_id),
                    };
                }
                if let Some(ci) = *last {
                    part.record(ci, &e);
                }
            },
        )?;
        warnings.extend(w);
        for (part, _, _) in parts {
            hist.merge(part);
        }
    }

    // The ledger is locked before it is read and until the new picks are written.
    let lock = args.ledger.as_deref().map(LedgerLock::acquire).transpose()?;
    let mut pins = Vec::new();
    let mut missing: Vec<(String, String)> = Vec::new();
    if let Some(lock) = &lock {
        let path = lock.path().to_string_lossy().into_owned();
        if lock.path().exists() && std::fs::metadata(lock.path()).map(|m| m.len() > 0).unwrap_or(false) {
            let mut ledger = Ledger::new(args.redo);
            warnings.extend(history::for_each(&path, &map, |e| ledger.entry(cases.get(e.case_id), &e, &mut hist))?);
            let Ledger { pins: kept, missing: gone, voided, .. } = ledger;
            pins = kept;
            missing = gone;
            if voided > 0 {
                warnings.push(Warning::file(
                    &path,
                    format!(
                        "--redo voids {} for {month}; the month is selected afresh",
                        count(voided, "selection", "selections")
                    ),
                ));
            }
        }
    }

    let params = Params { month, seed: &seed, policy: &policy };
    let sel = select::select(&staff, &cases, &names, &hist, &pins, &params);
    let due = select::timetable(&policy, month, &g.calendar()?);
    // The notices are rendered before the ledger is written, so that a template
    // that fails stops the run with nothing changed.
    let mut notices = Vec::new();
    if let Some(template) = &notice_template {
        let cx = Notices { staff: &staff, cases: &cases, names: &names, policy: &policy.policy.name, month };
        let (rendered, w) = render_notices(template, &sel, &cx, &due, today)?;
        notices = rendered;
        warnings.extend(w);
    }
    warnings.extend(sel.warnings.iter().cloned());
    // Two auditors whose lists would share a file name stop the run here,
    // before the ledger changes.
    if args.by_auditor.is_some() {
        output::file_stems(
            sel.picks.iter().filter_map(|p| p.auditor).map(|a| staff.member(a).id.as_str()),
            "--by-auditor",
        )?;
    }

    if let Some(lock) = &lock {
        let ledger_path = lock.path().to_string_lossy().into_owned();
        let replacements = select::replaced::replacements(&sel, &staff, &cases, &missing);
        for r in &replacements {
            warnings.push(Warning::file(&ledger_path, r.words(month)));
        }
        let rows: Vec<ledger::LedgerRow> = sel
            .picks
            .iter()
            .filter(|p| !p.from_ledger)
            .map(|p| {
                let worker = &staff.member(p.worker).id;
                let replaces = replacements.iter().find(|r| r.worker == *worker && r.new.is_some());
                ledger::LedgerRow {
                    cells: [
                        cases.id(p.case).to_string(),
                        today.format("%Y-%m-%d").to_string(),
                        Stage::Selected.as_str().to_string(),
                        worker.clone(),
                        p.auditor.map(|a| staff.member(a).id.clone()).unwrap_or_default(),
                        month.to_string(),
                    ],
                    replaces: replaces.map(|r| r.old.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let month_text = month.to_string();
        let replaced =
            replacements.iter().filter(|r| r.new.is_some()).map(|r| (r.old.clone(), month_text.clone())).collect();
        let change = ledger::Change { void: args.redo.then_some(month_text.as_str()), replaced, rows };
        ledger::write(lock, &change)?;
    }

    let mut columns: Vec<String> = [
        "month",
        "case_id",
        "worker_id",
        "team",
        "service",
        "area",
        "auditor_id",
        "auditor_team",
        "match",
        "restricted",
        "last_audited",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    columns.extend(due.iter().map(|(c, _)| c.clone()));
    // Names come last, so the SPEC §8 columns keep their places.
    columns.extend(["worker_name".to_string(), "auditor_name".to_string()]);
    let rows: Vec<Vec<Cell>> = sel
        .picks
        .iter()
        .map(|p| {
            let case = &cases.list[p.case as usize];
            let mut row = vec![
                Cell::text(month.to_string()),
                Cell::text(cases.id(p.case)),
                Cell::text(staff.member(p.worker).id.clone()),
                Cell::text(names.show(p.team)),
                Cell::text(cases.service(p.case)),
                Cell::text(names.show(p.area)),
                Cell::text(p.auditor.map(|a| staff.member(a).id.clone()).unwrap_or_default()),
                Cell::text(p.auditor.map(|a| names.show(staff.member(a).team).to_string()).unwrap_or_default()),
                Cell::text(p.matched.code()),
                Cell::Bool(case.restricted),
                Cell::opt_date(hist.last_audited(p.case)),
            ];
            row.extend(due.iter().map(|(_, d)| Cell::Date(*d)));
            row.push(Cell::text(staff.member(p.worker).name.clone()));
            row.push(Cell::text(p.auditor.map(|a| staff.member(a).name.clone()).unwrap_or_default()));
            row
        })
        .collect();
    if let Some(dir) = &args.by_auditor {
        by_auditor(dir, &g.output(), &columns, &rows, &sel, &staff)?;
    }
    let mut sections = vec![Section { name: "selection", title: "Selection", columns, rows }];
    if args.explain || args.excluded.is_some() {
        sections.push(Section {
            name: "excluded",
            title: "Excluded cases and unfilled workers",
            columns: ["case_id", "worker_id", "reason", "detail"].iter().map(|s| s.to_string()).collect(),
            rows: select::excluded::in_order(&sel.excluded, &staff, &cases)
                .into_iter()
                .map(|e| {
                    vec![
                        Cell::text(e.case_id(&cases)),
                        Cell::text(e.worker_id(&staff, &cases)),
                        Cell::text(e.reason.code()),
                        Cell::text(e.detail(&staff, &cases)),
                    ]
                })
                .collect(),
        });
    }
    // One table a CSV file: the exclusions go to their own file when named.
    if let Some(path) = &args.excluded {
        let excluded = sections.pop().expect("pushed above");
        let opts = output::OutputOptions { format: None, path: Some(path.clone()), ..g.output() };
        output::emit(&Report { sections: vec![excluded], json_object: false }, &opts)?;
    }
    // A workbook holds several tables: a summary of the month comes last, so
    // the first sheet is the selection (what `form --from` reads).
    if g.output().resolved_format() == output::Format::Xlsx {
        let n = |i: usize| Cell::Int(i as i64);
        let mut rows = vec![
            vec![Cell::text("month"), Cell::text(month.to_string())],
            vec![Cell::text("policy"), Cell::text(policy.policy.name.clone())],
            vec![Cell::text("caseworkers"), n(sel.caseworkers())],
            vec![Cell::text("files selected"), n(sel.picks.len())],
            vec![Cell::text("caseworkers without a file"), n(sel.unfilled)],
            vec![Cell::text("files allocated to an auditor"), n(sel.allocated())],
            vec![Cell::text("files needing an auditor without one"), n(sel.unallocated)],
        ];
        rows.extend(due.iter().map(|(c, d)| vec![Cell::text(c.clone()), Cell::Date(*d)]));
        let columns = vec!["item".to_string(), "value".to_string()];
        sections.push(Section { name: "summary", title: "Summary", columns, rows });
    }
    output::emit(&Report { sections, json_object: true }, &g.output())?;
    if let Some(dir) = &args.notices {
        make_dir(dir)?;
        for (name, bytes) in &notices {
            output::write_atomic(&dir.join(name), bytes)?;
        }
    }

    g.warn_all(&warnings);
    // Workers who hold cases outside the caseworker roles are counted too,
    // so that the summary never reads as complete when they were left out.
    let caseworkers = sel.caseworkers();
    let of = match sel.outside {
        0 => count(caseworkers, "caseworker", "caseworkers"),
        n => format!("{} who hold cases ({n} not in a caseworker role)", count(caseworkers + n, "worker", "workers")),
    };
    g.summary(&format!(
        "{month}: {} of {of} {} a file; {} allocated to an auditor, {} without one ({} policy)",
        sel.picks.len(),
        if caseworkers + sel.outside == 1 { "has" } else { "have" },
        count(sel.allocated(), "file", "files"),
        sel.unallocated,
        policy.policy.name
    ));
    if g.strict && sel.incomplete() {
        for why in sel.why_incomplete(&staff, &cases) {
            g.reason(&format!("{month} --strict: {why}"));
        }
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

/// What the notices are written from.
struct Notices<'a> {
    staff: &'a staff::Staff,
    cases: &'a cases::Cases,
    names: &'a Names,
    policy: &'a str,
    month: Month,
}

/// One draft message per auditor and per service manager: (file name, bytes);
/// and warnings.
type Rendered = (Vec<(String, Vec<u8>)>, Vec<Warning>);

fn render_notices(
    template: &notice::Template,
    sel: &select::Selection,
    cx: &Notices,
    due: &[(String, chrono::NaiveDate)],
    today: chrono::NaiveDate,
) -> anyhow::Result<Rendered> {
    let (staff, cases) = (cx.staff, cx.cases);
    let mut out = Vec::new();
    let mut no_address: Vec<&str> = Vec::new();
    let (list, orphans) = select::notices::notices(sel, staff);
    let stems = output::file_stems(list.iter().map(|n| staff.member(n.to).id.as_str()), "--notices")?;
    let person = |s: u32| notice::Person { id: staff.member(s).id.clone(), name: staff.member(s).name.clone() };
    let month_name = crate::calendar::dates::MONTH_NAMES[cx.month.month as usize - 1];
    let month = format!("{}{} {}", month_name[..1].to_uppercase(), &month_name[1..], cx.month.year);
    let dates: Vec<notice::DateField> = due
        .iter()
        .map(|(c, d)| notice::DateField { name: c.replace('_', " "), date: d.format("%d/%m/%Y").to_string() })
        .collect();
    for n in &list {
        let files = n
            .picks
            .iter()
            .map(|p| notice::FileFields {
                case_id: cases.id(p.case).to_string(),
                worker_id: staff.member(p.worker).id.clone(),
                worker_name: staff.member(p.worker).name.clone(),
                team: cx.names.show(p.team).to_string(),
                auditor_id: p.auditor.map(|a| staff.member(a).id.clone()).unwrap_or_default(),
                auditor_name: p.auditor.map(|a| staff.member(a).name.clone()).unwrap_or_default(),
                restricted: cases.list[p.case as usize].restricted,
                matched: p.matched.code(),
            })
            .collect();
        let fields = notice::Fields {
            kind: n.kind.as_str(),
            recipient: person(n.to),
            month: month.clone(),
            month_id: cx.month.to_string(),
            policy: cx.policy.to_string(),
            files,
            dates: dates.clone(),
        };
        let to = notice::address(&staff.member(n.to).email);
        if to.is_none() {
            no_address.push(staff.member(n.to).id.as_str());
        }
        let bytes = template.message(&fields, to, today).map_err(|e| anyhow::anyhow!("notice template: {e}"))?;
        let kind = n.kind.as_str().replace('_', "-");
        out.push((format!("{kind}-{}.eml", stems[staff.member(n.to).id.as_str()]), bytes));
    }
    let mut warnings = Vec::new();
    if !no_address.is_empty() {
        no_address.sort_unstable();
        no_address.dedup();
        let why = if staff.emails {
            "no e-mail address, or one that is not a single address, in the staff file's email column"
        } else {
            "the staff file has no email column (map yours with --columns: 'staff: {email: Your Header}')"
        };
        warnings.push(Warning::new(format!(
            "notices: {} no To: line ({why}): {}; add the address before sending",
            count(no_address.len(), "recipient's notice has", "recipients' notices have"),
            crate::words::listed(&no_address, 20)
        )));
    }
    if orphans > 0 {
        warnings.push(Warning::new(format!(
            "notices: {} no {} above {} worker in line management, so no service manager's notice lists {}",
            count(orphans, "file has", "files have"),
            select::notices::SERVICE_MANAGER,
            if orphans == 1 { "its" } else { "their" },
            if orphans == 1 { "it" } else { "them" }
        )));
    }
    Ok((out, warnings))
}

/// Writes each auditor's rows of the selection (`rows`, in `sel.picks` order)
/// to `dir/ID.ext`, in the format `-o` would use, each file atomically.
fn by_auditor(
    dir: &std::path::Path,
    opts: &output::OutputOptions,
    columns: &[String],
    rows: &[Vec<Cell>],
    sel: &select::Selection,
    staff: &staff::Staff,
) -> anyhow::Result<()> {
    // As -o would write; with neither -o nor --format, CSV (not a terminal's table).
    let format =
        if opts.format.is_none() && opts.path.is_none() { output::Format::Csv } else { opts.resolved_format() };
    let ext = output::EXTENSIONS.iter().find(|(_, f)| *f == format).map_or("txt", |(e, _)| *e);
    let mut mine: std::collections::BTreeMap<&str, Vec<Vec<Cell>>> = Default::default();
    for (pick, row) in sel.picks.iter().zip(rows) {
        if let Some(a) = pick.auditor {
            mine.entry(staff.member(a).id.as_str()).or_default().push(row.clone());
        }
    }
    let stems = output::file_stems(mine.keys().copied(), "--by-auditor")?;
    make_dir(dir)?;
    for (id, rows) in mine {
        let path = dir.join(format!("{}.{ext}", stems[id]));
        let opts = output::OutputOptions { format: Some(format), path: Some(path), ..opts.clone() };
        let section = Section { name: "selection", title: "Selection", columns: columns.to_vec(), rows };
        output::emit(&Report { sections: vec![section], json_object: false }, &opts)?;
    }
    Ok(())
}

/// Creates the folder `--notices` or `--by-auditor` names, if missing.
fn make_dir(dir: &std::path::Path) -> Result<(), InputError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| InputError::file(dir.display().to_string(), crate::io::csvin::io_reason(&e)))
}
