//! The monthly selection as a job (docs/select.md): read the staff list, the
//! caseload (a cases file, an SSD involvements extract, or Ofsted Annex A) and
//! the audit history; read the ledger under its lock; select
//! ([`crate::select::select`]); draft the notices; write the month's picks to
//! the ledger; and return everything the command shows (`tables`).

mod notices;
mod tables;

use crate::calendar::Calendar;
use crate::calendar::dates::Month;
use crate::error::{InputError, Warning};
use crate::io::columns::ColumnMap;
use crate::io::csvin::display_name;
use crate::io::ledger::{self, LedgerLock};
use crate::io::notice;
use crate::model::history::{self, Stage};
use crate::model::{Names, cases, staff};
use crate::select::policy::{LineManagement, Resolved};
use crate::select::{self, History, Ledger, Params, Selection};
use crate::words::count;
use chrono::NaiveDate;
use std::path::Path;

/// What a selection is made from.
pub struct Request<'a> {
    pub staff: &'a str,
    /// The cases file; without it, the caseload comes from `annex_a`.
    pub cases: Option<&'a str>,
    pub annex_a: &'a [String],
    pub history: &'a [String],
    pub month: Month,
    pub seed: &'a str,
    pub policy: &'a Resolved,
    pub ledger: Option<&'a Path>,
    /// `--redo`: the month's selections in the ledger are voided first.
    pub redo: bool,
    /// Notices are drafted with this template.
    pub notices: Option<&'a notice::Template>,
    /// Each auditor's rows will be written to a file of their own: two ids
    /// that would share a file name stop the run before the ledger changes.
    pub by_auditor: bool,
    pub today: NaiveDate,
    pub map: &'a ColumnMap,
    pub calendar: &'a Calendar,
}

/// A month's selection and everything read to make it.
pub struct Selected {
    pub staff: staff::Staff,
    pub cases: cases::Cases,
    pub names: Names,
    pub history: History,
    pub selection: Selection,
    /// The month's audit-timetable dates: (column, date).
    pub timetable: Vec<(String, NaiveDate)>,
    /// Draft messages: (file name, bytes).
    pub notices: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Warning>,
    pub month: Month,
    pub policy: String,
}

/// Makes the month's selection (and writes it to the ledger, if one is named).
pub fn run(r: &Request) -> anyhow::Result<Selected> {
    let mut names = Names::default();
    let mut warnings = Vec::new();
    let staff = read_staff(r, &mut names, &mut warnings)?;
    let cases = read_caseload(r, &staff, &mut names, &mut warnings)?;
    let mut hist = read_history(r, &cases, &mut warnings)?;
    // The ledger is locked before it is read and until the new picks are written.
    let lock = r.ledger.map(LedgerLock::acquire).transpose()?;
    let (pins, missing) = match &lock {
        Some(lock) => read_ledger(r, lock, &cases, &mut hist, &mut warnings)?,
        None => Default::default(),
    };
    let params = Params { month: r.month, seed: r.seed, policy: r.policy };
    let sel = select::select(&staff, &cases, &names, &hist, &pins, &params);
    let timetable = select::timetable(r.policy, r.month, r.calendar);
    let mut done = Selected {
        staff,
        cases,
        names,
        history: hist,
        selection: sel,
        timetable,
        notices: Vec::new(),
        warnings,
        month: r.month,
        policy: r.policy.policy.name.clone(),
    };
    // The notices are drafted, and file names checked, before the ledger is
    // written, so that a template or names that fail stop the run with
    // nothing changed.
    if let Some(template) = r.notices {
        let (notices, w) = done.render_notices(template, r.today)?;
        done.notices = notices;
        done.warnings.extend(w);
    }
    done.warnings.extend(done.selection.warnings.iter().cloned());
    if r.by_auditor {
        crate::io::output::file_stems(done.auditors(), "--by-auditor")?;
    }
    if let Some(lock) = &lock {
        done.write_ledger(lock, &missing, r)?;
    }
    Ok(done)
}

fn read_staff(r: &Request, names: &mut Names, warnings: &mut Vec<Warning>) -> anyhow::Result<staff::Staff> {
    let (staff, w) = staff::from_csv(super::open_input(r.staff, "staff", r.map, "staff_id")?, names)?;
    warnings.extend(w);
    if !staff.line_management {
        let file = display_name(r.staff);
        if r.policy.policy.line_management != LineManagement::NotRecorded {
            let why = staff::no_line_management(crate::ssd::is_preset(r.map.preset()));
            let opt_out = "if it is truly not recorded, a policy may say 'line_management: not-recorded'";
            return Err(InputError::at(file, 1, None, format!("{why}; {opt_out}")).into());
        }
        warnings.push(Warning::file(
            &file,
            format!(
                "no manager_id column, and policy {} says line management is not recorded: auditors are kept off \
                 only their own files",
                r.policy.policy.name
            ),
        ));
    }
    Ok(staff)
}

/// The caseload: a cases file, an SSD `ssd_involvements` extract (one case
/// per child, from its open involvements), or Ofsted Annex A.
fn read_caseload(
    r: &Request,
    staff: &staff::Staff,
    names: &mut Names,
    warnings: &mut Vec<Warning>,
) -> anyhow::Result<cases::Cases> {
    let (cases, w) = match r.cases {
        Some(path) => {
            let f = super::open_input(path, "cases", r.map, "case_id")?;
            let involvements = crate::ssd::table_by_headers(f.headers()).is_some_and(|t| t.name == "ssd_involvements");
            if r.map.preset() == Some("ssd") && involvements {
                let caseworker = |s: u32| r.policy.is_caseworker_role(&staff.member(s).role);
                let inv = cases::Involvements { day: r.today, caseworker: &caseworker };
                crate::ssd::caseload(f, staff, names, &inv)?
            } else {
                cases::read(f, path, r.map, staff, names)?
            }
        }
        None => {
            let wb = crate::annexa::read(r.annex_a)?;
            let path = r.annex_a.join(", ");
            warnings.extend(wb.warnings.iter().map(|w| w.clone().in_file(&path)));
            if wb.lists.len() < crate::annexa::LISTS.len() {
                warnings.push(Warning::file(&path, wb.summary()));
            }
            let index = staff::name_index(r.staff, r.map, staff)?;
            crate::annexa::caseload(&wb, &index, names)
        }
    };
    warnings.extend(w);
    Ok(cases)
}

/// What the history files say about each case, up to the month.
fn read_history(r: &Request, cases: &cases::Cases, warnings: &mut Vec<Warning>) -> anyhow::Result<History> {
    let (map, month) = (r.map, r.month);
    let mut hist = History::new(cases.list.len(), month);
    for path in r.history {
        // A large history is read in two halves at once, each into its own
        // summary; the summaries keep maxima, so merging them is exact.
        let (parts, w) = history::for_each_split(
            path,
            map,
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

    Ok(hist)
}

/// This month's selections already in the ledger (which stand), and those
/// whose case has gone (each is replaced).
type Pins = (Vec<select::Pin>, Vec<(String, String)>);

fn read_ledger(
    r: &Request,
    lock: &LedgerLock,
    cases: &cases::Cases,
    hist: &mut History,
    warnings: &mut Vec<Warning>,
) -> anyhow::Result<Pins> {
    let path = lock.path().to_string_lossy().into_owned();
    if !lock.path().exists() || std::fs::metadata(lock.path()).map(|m| m.len() == 0).unwrap_or(true) {
        return Ok(Default::default());
    }
    let mut ledger = Ledger::new(r.redo);
    warnings.extend(history::for_each(&path, r.map, |e| ledger.entry(cases.get(e.case_id), &e, hist))?);
    let Ledger { pins, missing, voided, .. } = ledger;
    if voided > 0 {
        let month = r.month;
        warnings.push(Warning::file(
            &path,
            format!(
                "--redo voids {} for {month}; the month is selected afresh",
                count(voided, "selection", "selections")
            ),
        ));
    }
    Ok((pins, missing))
}

impl Selected {
    /// The ids of the auditors with a file this month.
    fn auditors(&self) -> impl Iterator<Item = &str> {
        self.selection.picks.iter().filter_map(|p| p.auditor).map(|a| self.staff.member(a).id.as_str())
    }

    /// Appends the month's new picks to the ledger, each replacement with the
    /// pick it replaces (which is marked `replaced`), in one atomic write.
    fn write_ledger(&mut self, lock: &LedgerLock, missing: &[(String, String)], r: &Request) -> anyhow::Result<()> {
        let (staff, cases, sel, month) = (&self.staff, &self.cases, &self.selection, self.month);
        let ledger_path = lock.path().to_string_lossy().into_owned();
        let replacements = select::replaced::replacements(sel, staff, cases, missing);
        for rep in &replacements {
            self.warnings.push(Warning::file(&ledger_path, rep.words(month)));
        }
        let rows: Vec<ledger::LedgerRow> = sel
            .picks
            .iter()
            .filter(|p| !p.from_ledger)
            .map(|p| {
                let worker = &staff.member(p.worker).id;
                let replaces = replacements.iter().find(|rep| rep.worker == *worker && rep.new.is_some());
                ledger::LedgerRow {
                    cells: [
                        cases.id(p.case).to_string(),
                        r.today.format("%Y-%m-%d").to_string(),
                        Stage::Selected.as_str().to_string(),
                        worker.clone(),
                        p.auditor.map(|a| staff.member(a).id.clone()).unwrap_or_default(),
                        month.to_string(),
                    ],
                    replaces: replaces.map(|rep| rep.old.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let month_text = month.to_string();
        let replaced = replacements
            .iter()
            .filter(|rep| rep.new.is_some())
            .map(|rep| (rep.old.clone(), month_text.clone()))
            .collect();
        let change = ledger::Change { void: r.redo.then_some(month_text.as_str()), replaced, rows };
        ledger::write(lock, &change)
    }
}
