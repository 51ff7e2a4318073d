//! A selection as the tables `select` shows: the picks, the exclusions
//! (`--explain`), each auditor's rows, and a summary of the month.

use super::Selected;
use crate::io::output::{Cell, Section};
use crate::model::staff;
use crate::select;
use crate::words::count;

impl Selected {
    /// The selection's columns (docs/reference/conventions.md), the timetable's, then the names.
    pub fn columns(&self) -> Vec<String> {
        const COLUMNS: [&str; 11] = [
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
        ];
        let mut columns: Vec<String> = COLUMNS.iter().map(|s| s.to_string()).collect();
        columns.extend(self.timetable.iter().map(|(c, _)| c.clone()));
        // Names come last, so the documented columns keep their places.
        columns.extend(["worker_name".to_string(), "auditor_name".to_string()]);
        columns
    }

    /// One row a pick, in the selection's order.
    pub fn rows(&self) -> Vec<Vec<Cell>> {
        let (staff, cases, names) = (&self.staff, &self.cases, &self.names);
        let person = |s: Option<u32>, f: fn(&staff::StaffMember) -> String| s.map(|s| f(staff.member(s)));
        let month = self.month.to_string();
        let width = self.columns().len();
        self.selection
            .picks
            .iter()
            .map(|p| {
                let mut row = Vec::with_capacity(width);
                row.extend([
                    Cell::text(month.clone()),
                    Cell::text(cases.id(p.case)),
                    Cell::text(staff.member(p.worker).id.clone()),
                    Cell::text(names.show(p.team)),
                    Cell::text(cases.service(p.case)),
                    Cell::text(names.show(p.area)),
                    Cell::text(person(p.auditor, |m| m.id.clone()).unwrap_or_default()),
                    Cell::text(p.auditor.map(|a| names.show(staff.member(a).team).to_string()).unwrap_or_default()),
                    Cell::text(p.matched.code()),
                    Cell::Bool(cases.list[p.case as usize].restricted),
                    Cell::opt_date(self.history.last_audited(p.case)),
                ]);
                row.extend(self.timetable.iter().map(|(_, d)| Cell::Date(*d)));
                row.push(Cell::text(staff.member(p.worker).name.clone()));
                row.push(Cell::text(person(p.auditor, |m| m.name.clone()).unwrap_or_default()));
                row
            })
            .collect()
    }

    /// The selection as a table.
    pub fn table(&self) -> Section {
        Section { name: "selection", title: "Selection", columns: self.columns(), rows: self.rows() }
    }

    /// Each auditor's rows of the selection, by staff id.
    pub fn by_auditor(&self) -> std::collections::BTreeMap<&str, Vec<Vec<Cell>>> {
        let mut mine: std::collections::BTreeMap<&str, Vec<Vec<Cell>>> = Default::default();
        for (pick, row) in self.selection.picks.iter().zip(self.rows()) {
            if let Some(a) = pick.auditor {
                mine.entry(self.staff.member(a).id.as_str()).or_default().push(row);
            }
        }
        mine
    }

    /// Every excluded case and unfilled worker, with the reason (`--explain`).
    pub fn excluded(&self) -> Section {
        let (staff, cases) = (&self.staff, &self.cases);
        Section {
            name: "excluded",
            title: "Excluded cases and unfilled workers",
            columns: ["case_id", "worker_id", "reason", "detail"].iter().map(|s| s.to_string()).collect(),
            rows: select::excluded::in_order(&self.selection.excluded, staff, cases)
                .into_iter()
                .map(|e| {
                    vec![
                        Cell::text(e.case_id(cases)),
                        Cell::text(e.worker_id(staff, cases)),
                        Cell::text(e.reason.code()),
                        Cell::text(e.detail(staff, cases)),
                    ]
                })
                .collect(),
        }
    }

    /// A summary of the month, for a workbook's last sheet.
    pub fn summary(&self) -> Section {
        let sel = &self.selection;
        let n = |i: usize| Cell::Int(i as i64);
        let mut rows = vec![
            vec![Cell::text("month"), Cell::text(self.month.to_string())],
            vec![Cell::text("policy"), Cell::text(self.policy.clone())],
            vec![Cell::text("caseworkers"), n(sel.caseworkers())],
            vec![Cell::text("files selected"), n(sel.picks.len())],
            vec![Cell::text("caseworkers without a file"), n(sel.unfilled)],
            vec![Cell::text("files allocated to an auditor"), n(sel.allocated())],
            vec![Cell::text("files needing an auditor without one"), n(sel.unallocated)],
        ];
        rows.extend(self.timetable.iter().map(|(c, d)| vec![Cell::text(c.clone()), Cell::Date(*d)]));
        let columns = vec!["item".to_string(), "value".to_string()];
        Section { name: "summary", title: "Summary", columns, rows }
    }

    /// The month in a line: how many files for how many workers, and the
    /// auditors. Workers who hold cases outside the caseworker roles are
    /// counted too, so that it never reads as complete when they were left out.
    pub fn line(&self) -> String {
        let sel = &self.selection;
        let caseworkers = sel.caseworkers();
        let of = match sel.outside {
            0 => count(caseworkers, "caseworker", "caseworkers"),
            n => {
                format!("{} who hold cases ({n} not in a caseworker role)", count(caseworkers + n, "worker", "workers"))
            }
        };
        format!(
            "{}: {} of {of} {} a file; {} allocated to an auditor, {} without one ({} policy)",
            self.month,
            sel.picks.len(),
            if caseworkers + sel.outside == 1 { "has" } else { "have" },
            count(sel.allocated(), "file", "files"),
            sel.unallocated,
            self.policy
        )
    }

    /// Why `--strict` fails, if it does: one line each, naming the ids.
    pub fn strict_failures(&self) -> Vec<String> {
        if !self.selection.incomplete() {
            return Vec::new();
        }
        let month = self.month;
        self.selection
            .why_incomplete(&self.staff, &self.cases)
            .into_iter()
            .map(|w| format!("{month} --strict: {w}"))
            .collect()
    }
}
