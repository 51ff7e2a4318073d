//! Ofsted Annex A lists as input (SPEC §2, issue 6): a workbook with a sheet per
//! list (`.xlsx`, read with calamine) or one CSV per list. Each list is found by
//! its sheet name (`List 3`) or, failing that, by its headers; headers match
//! whatever their case, spacing (non-breaking spaces too), curly quotes,
//! doubled brackets or trailing spaces, and `Age` stands for `Age of Child
//! (Years)`. Dates come as date cells, Excel serial numbers or text (UK or ISO);
//! `#N/A` and other error cells, and text that is not a date where a date
//! belongs, are read as missing with a warning naming the sheet, row and column.
//! A formula's saved value is used, with a warning (it may be stale).

use crate::calendar::dates::parse_date;
use crate::error::InputError;
use crate::io::cell::{Entered, uncoded};
use crate::model::events::case_order;
use crate::model::events::{Case, Event};
use crate::words::normalise;
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The columns `caseaudit` reads, per list: (our name, the Annex A headers).
/// The first alias is the Annex A guidance's own header.
pub struct ListSpec {
    pub number: u8,
    pub title: &'static str,
    pub columns: &'static [(&'static str, &'static [&'static str])],
}

const COMMON: [(&str, &[&str]); 5] = [
    ("child_id", &["child unique id", "child id", "unique child id"]),
    ("date_of_birth", &["date of birth", "dob"]),
    ("age", &["age of child (years)", "age"]),
    ("team", &["allocated team"]),
    ("worker", &["allocated worker"]),
];

macro_rules! list {
    ($n:literal, $title:literal, [$(($name:literal, [$($alias:literal),*])),* $(,)?]) => {
        ListSpec {
            number: $n,
            title: $title,
            columns: &[
                COMMON[0], COMMON[1], COMMON[2], COMMON[3], COMMON[4],
                $(($name, &[$($alias),*])),*
            ],
        }
    };
}

/// Lists 3 to 9, the ones with statutory dates (SPEC §2).
pub const LISTS: [ListSpec; 7] = [
    list!(
        3,
        "referrals",
        [("referral_date", ["date of referral"]), ("referral_nfa", ["referral nfa?", "referral nfa"])]
    ),
    list!(
        4,
        "assessments",
        [
            ("assessment_start", ["continuous assessment start date", "assessment start date"]),
            (
                "assessment_authorised",
                [
                    "continuous assessment date of authorisation",
                    "assessment completion date",
                    "assessment authorisation date"
                ]
            ),
        ]
    ),
    list!(
        5,
        "section 47 enquiries and ICPCs",
        [
            (
                "s47_start",
                ["strategy discussion initiating section 47 enquiry start date", "section 47 enquiry start date"]
            ),
            ("icpc_unnecessary", ["was an initial child protection conference deemed unnecessary?"]),
            ("icpc_date", ["date of initial child protection conference"]),
        ]
    ),
    list!(
        6,
        "children in need",
        [
            ("cin_start", ["cin start date"]),
            ("last_seen", ["date child was last seen"]),
            ("cin_closed", ["cin closure date"]),
        ]
    ),
    list!(
        7,
        "child protection",
        [
            ("cp_start", ["child protection plan start date"]),
            ("last_visit", ["date of the last statutory visit", "date of last statutory visit"]),
            ("latest_review", ["date of latest review conference"]),
            ("cp_end", ["child protection plan end date"]),
        ]
    ),
    list!(
        8,
        "children looked after",
        [
            ("cla_start", ["date started to be looked after"]),
            ("latest_review", ["date of latest statutory review"]),
            ("last_visit", ["date of last social work visit"]),
            ("last_health", ["date of last health assessment"]),
            ("last_dental", ["date of last dental check"]),
            ("cla_end", ["date ceased to be looked after"]),
        ]
    ),
    list!(
        9,
        "care leavers",
        [
            (
                "pathway_review",
                [
                    "date of latest pathway plan review",
                    "date of last pathway plan review",
                    "latest pathway plan review date"
                ]
            ),
            ("latest_contact", ["date of latest contact", "date of last contact", "latest contact date"]),
        ]
    ),
];

/// Our columns that hold dates: all but the few that hold ids, text or flags
/// (so a date column added to [`LISTS`] needs nothing here).
fn is_date(name: &str) -> bool {
    !matches!(name, "child_id" | "age" | "team" | "worker" | "referral_nfa" | "icpc_unnecessary")
}

/// A problem with one cell (or a list), named by sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub sheet: String,
    /// The spreadsheet row (1 = the header row); 0 for the whole list.
    pub row: u32,
    /// The column letter (`H`), empty for the whole list.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            0 => write!(f, "{}: {}", self.sheet, self.message),
            r => write!(f, "{}!{}{}: {}", self.sheet, self.column, r, self.message),
        }
    }
}

/// One list's rows, by our column names.
#[derive(Debug, Clone)]
pub struct List {
    pub number: u8,
    pub sheet: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The spreadsheet row.
    pub row: u32,
    pub values: BTreeMap<&'static str, Entered>,
}

impl Row {
    pub fn get(&self, name: &str) -> &Entered {
        self.values.get(name).unwrap_or(&Entered::Missing)
    }
}

#[derive(Debug, Default)]
pub struct Workbook {
    pub lists: BTreeMap<u8, List>,
    pub warnings: Vec<Warning>,
}

impl Workbook {
    /// Which of Lists 3-9 were read and which were not: "Lists 5, 7 read;
    /// not found: 3, 4, 6, 8, 9 (what they would show is not reported)".
    pub fn summary(&self) -> String {
        let list = |ns: Vec<u8>| ns.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
        let found = list(self.lists.keys().copied().collect());
        let missing: Vec<u8> = LISTS.iter().map(|l| l.number).filter(|n| !self.lists.contains_key(n)).collect();
        match missing.is_empty() {
            true => format!("Lists {found} read"),
            false => format!("Lists {found} read; not found: {} (what they would show is not reported)", list(missing)),
        }
    }
}

/// The spreadsheet name of a 0-based column: 0 → A, 27 → AB.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// The list a sheet holds: by its name (`List 3`, `list3`, `L3`), else by its
/// headers (most of a list's own columns present).
fn which_list(sheet: &str, headers: &[String]) -> Option<&'static ListSpec> {
    let name = normalise(sheet).replace('_', "");
    let by_name = name.strip_prefix("list").or_else(|| name.strip_prefix('l')).and_then(|n| {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<u8>().ok()
    });
    if let Some(n) = by_name {
        return LISTS.iter().find(|l| l.number == n);
    }
    LISTS
        .iter()
        .map(|l| {
            let own = &l.columns[COMMON.len()..];
            let found = own.iter().filter(|(_, aliases)| headers.iter().any(|h| is_alias(aliases, h))).count();
            (found * 2 > own.len() && found > 0, found, l)
        })
        .filter(|(enough, _, _)| *enough)
        .max_by_key(|(_, found, l)| (*found, std::cmp::Reverse(l.number)))
        .map(|(_, _, l)| l)
}

/// Whether a normalised header is one of a column's aliases (written in
/// [`LISTS`] as people type them, and normalised the same way to compare).
fn is_alias(aliases: &[&str], header: &str) -> bool {
    aliases.iter().any(|a| normalise(a) == header)
}

/// Reads an Annex A workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
pub fn read_workbook(path: &str) -> Result<Workbook, InputError> {
    // A password-protected .xlsx is an encrypted OLE container, not a zip.
    let mut magic = [0u8; 8];
    let is_ole = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok_and(|_| magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let zip_named = [".xlsx", ".xlsm"].iter().any(|e| path.to_ascii_lowercase().ends_with(e));
    if is_ole && zip_named {
        return Err(InputError::file(
            path,
            "is password-protected (an encrypted workbook); open it in Excel and save a copy without a password",
        ));
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| InputError::file(path, workbook_error(&e)))?;
    let mut out = Workbook::default();
    for sheet in wb.sheet_names().to_owned() {
        let range = match wb.worksheet_range(&sheet) {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(Warning {
                    sheet: sheet.clone(),
                    row: 0,
                    column: String::new(),
                    message: format!("cannot be read: {}", workbook_error(&e)),
                });
                continue;
            }
        };
        let formulas = wb.worksheet_formula(&sheet).ok();
        let Some((top, left)) = range.start() else { continue };
        let mut rows = range.rows();
        let Some(header) = rows.next() else { continue };
        let formula_at = |r: u32, c: u32| -> Option<String> {
            let f = formulas.as_ref()?.get_value((r, c))?;
            (!f.is_empty()).then(|| f.clone())
        };
        // Spreadsheet rows count from 1, and the header is the first.
        let body = rows.enumerate().map(|(i, cells)| (top + 2 + i as u32, cells));
        let sheet = Sheet {
            name: &sheet,
            left: left as usize,
            header,
            formula_at: &|row, col| formula_at(row - 1, col as u32),
        };
        read_sheet(&sheet, body, &mut out);
    }
    Ok(out)
}

/// Reads one Annex A list saved as CSV: the list is found by the file's name
/// (`List 3.csv`) or its headers; rows are numbered by physical line.
pub fn read_csv(path: &str) -> Result<Workbook, InputError> {
    let mut f = crate::io::csvin::CsvFile::open(path, "annex-a", &crate::io::columns::ColumnMap::default())?;
    let stem = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let header: Vec<Data> = f.raw_headers().iter().map(|h| Data::String(h.clone())).collect();
    let mut body: Vec<(u32, Vec<Data>)> = Vec::new();
    while f.next_record()? {
        let line = f.row().line() as u32;
        body.push((line, f.fields().map(|c| Data::String(c.into_owned())).collect()));
    }
    let mut out = Workbook::default();
    let sheet = Sheet { name: &stem, left: 0, header: &header, formula_at: &|_, _| None };
    read_sheet(&sheet, body.iter().map(|(l, c)| (*l, c.as_slice())), &mut out);
    if out.lists.is_empty() {
        return Err(InputError::file(
            path,
            "is none of Lists 3-9 (name the file 'List 3.csv'..., or keep the list's headers)",
        ));
    }
    Ok(out)
}

/// Reads Annex A from each path (workbooks and CSV lists), merged; an error
/// when none of Lists 3-9 is found anywhere.
pub fn read(paths: &[String]) -> Result<Workbook, InputError> {
    let mut all = Workbook::default();
    for p in paths {
        let wb = if p.to_ascii_lowercase().ends_with(".csv") { read_csv(p)? } else { read_workbook(p)? };
        all.warnings.extend(wb.warnings);
        for (n, list) in wb.lists {
            match all.lists.entry(n) {
                std::collections::btree_map::Entry::Occupied(_) => all.warnings.push(Warning {
                    sheet: list.sheet,
                    row: 0,
                    column: String::new(),
                    message: format!("a second List {n}; the first is used"),
                }),
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(list);
                }
            }
        }
    }
    if all.lists.is_empty() {
        return Err(InputError::file(
            paths.join(", "),
            "has none of Lists 3-9 (sheets named 'List 3' ... or with their headers)",
        ));
    }
    Ok(all)
}

/// A sheet being read: its name, first column, header cells and formulas.
struct Sheet<'a> {
    name: &'a str,
    left: usize,
    header: &'a [Data],
    /// The formula in (spreadsheet row, 0-based column), if any.
    formula_at: &'a dyn Fn(u32, usize) -> Option<String>,
}

fn read_sheet<'r>(sheet: &Sheet, rows: impl Iterator<Item = (u32, &'r [Data])>, out: &mut Workbook) {
    let headers: Vec<String> = sheet.header.iter().map(|c| normalise(&c.to_string())).collect();
    let Some(spec) = which_list(sheet.name, &headers) else { return };
    let name = sheet.name.to_string();
    let mut list = List { number: spec.number, sheet: name.clone(), rows: Vec::new() };
    let cols = locate(spec, &headers, &name, &mut out.warnings);
    for (row_number, cells) in rows {
        if cells.iter().all(|c| matches!(c, Data::Empty) || matches!(c, Data::String(s) if s.trim().is_empty())) {
            continue;
        }
        let mut values = BTreeMap::new();
        for &(col, index) in &cols {
            let cell = cells.get(index).unwrap_or(&Data::Empty);
            let at = |message: String| Warning {
                sheet: name.clone(),
                row: row_number,
                column: column_letter(sheet.left + index),
                message,
            };
            if let Some(f) = (sheet.formula_at)(row_number, sheet.left + index) {
                out.warnings.push(at(format!(
                    "'{}' is a formula (={f}); its saved value is used",
                    header_text(sheet.header, index)
                )));
            }
            // An event's date must be one deadlines can be worked out from (not
            // a 1900-01-01 placeholder); a date of birth need not.
            let value = read_cell(cell, is_date(col)).and_then(|v| match v {
                Entered::Date(d) if col != "date_of_birth" => crate::calendar::trackable(d).map(|_| v),
                v => Ok(v),
            });
            let value = value.unwrap_or_else(|why| {
                out.warnings.push(at(format!("'{}': {why}; read as missing", header_text(sheet.header, index))));
                Entered::Missing
            });
            values.insert(col, value);
        }
        if values.get("child_id").is_none_or(|v| *v == Entered::Missing) {
            out.warnings.push(Warning {
                sheet: name.clone(),
                row: row_number,
                column: cols
                    .iter()
                    .find(|(n, _)| *n == "child_id")
                    .map(|(_, i)| column_letter(sheet.left + i))
                    .unwrap_or_default(),
                message: "no Child Unique ID; the row is skipped".into(),
            });
            continue;
        }
        list.rows.push(Row { row: row_number, values });
    }
    if out.lists.contains_key(&spec.number) {
        out.warnings.push(Warning {
            sheet: name,
            row: 0,
            column: String::new(),
            message: format!("a second List {}; the first is used", spec.number),
        });
        return;
    }
    out.lists.insert(spec.number, list);
}

fn header_text(header: &[Data], index: usize) -> String {
    header.get(index).map(|h| h.to_string().split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

/// Where each of our columns is; a list without a child id column is unusable.
fn locate(spec: &ListSpec, headers: &[String], sheet: &str, warnings: &mut Vec<Warning>) -> Vec<(&'static str, usize)> {
    let mut cols = Vec::new();
    for (name, aliases) in spec.columns {
        match headers.iter().position(|h| is_alias(aliases, h)) {
            Some(i) => cols.push((*name, i)),
            // Age is derived from the date of birth; nothing needs the column.
            None if *name == "age" => {}
            None => warnings.push(Warning {
                sheet: sheet.to_string(),
                row: 0,
                column: String::new(),
                message: format!(
                    "List {} has no '{}' column; what depends on it is not checked",
                    spec.number, aliases[0]
                ),
            }),
        }
    }
    cols
}

/// A cell as our column wants it; `Err` says why it cannot be used.
fn read_cell(cell: &Data, date: bool) -> Result<Entered, String> {
    match cell {
        Data::Empty => Ok(Entered::Missing),
        Data::Error(e) => Err(format!("the cell holds the error {e}")),
        Data::DateTime(d) if date => crate::calendar::dates::from_excel_serial(d.as_f64())
            .map(Entered::Date)
            .ok_or_else(|| format!("{} is not a date in range", d.as_f64())),
        Data::DateTime(d) => Ok(Entered::Text(d.as_f64().to_string())),
        Data::DateTimeIso(s) if date => {
            parse_date(s.get(..10).unwrap_or(s)).map(Entered::Date).map_err(|e| e.to_string())
        }
        Data::Float(f) if date => {
            crate::calendar::dates::from_excel_serial(*f).map(Entered::Date).ok_or_else(|| format!("{f} is not a date"))
        }
        Data::Int(i) if date => crate::calendar::dates::from_excel_serial(*i as f64)
            .map(Entered::Date)
            .ok_or_else(|| format!("{i} is not a date")),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Entered::Text(format!("{}", *f as i64))),
        Data::Float(f) => Ok(Entered::Text(f.to_string())),
        Data::Int(i) => Ok(Entered::Text(i.to_string())),
        Data::Bool(b) => Ok(Entered::Text(if *b { "Yes" } else { "No" }.into())),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            let t: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            let t = t.trim();
            if t.is_empty() {
                return Ok(Entered::Missing);
            }
            if matches!(t, "#N/A" | "#VALUE!" | "#REF!" | "#DIV/0!" | "#NAME?" | "#NUM!" | "#NULL!") {
                return Err(format!("the cell holds {t}"));
            }
            if date {
                return parse_date(t).map(Entered::Date).map_err(|e| e.to_string());
            }
            Ok(Entered::Text(t.to_string()))
        }
    }
}

fn workbook_error(e: &calamine::Error) -> String {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") || lower.contains("cfb") {
        "is password-protected (encrypted); save an unprotected copy".into()
    } else if lower.contains("zip") || lower.contains("invalid") {
        format!("is not a readable workbook (damaged, or not really .xlsx): {text}")
    } else {
        format!("cannot be read as a workbook: {text}")
    }
}

/// Which list dates are which events (SPEC §8 event names), list by list, and
/// whether the column is a snapshot: a "latest" or "last" date is the latest
/// occurrence, and earlier ones are not in the return.
const EVENTS: [(u8, &str, &str, bool); 18] = [
    (3, "referral_date", "referral", false),
    (4, "assessment_authorised", "assessment-completed", false),
    (5, "s47_start", "strategy-discussion", false),
    (5, "icpc_date", "icpcc", false),
    (6, "last_seen", "cin-visit", true),
    (6, "cin_closed", "case-closed", false),
    (7, "cp_start", "icpcc", false),
    (7, "last_visit", "cp-visit", true),
    (7, "latest_review", "rcpcc", true),
    (7, "cp_end", "cp-plan-ended", false),
    (8, "cla_start", "became-looked-after", false),
    (8, "latest_review", "cla-review", true),
    (8, "last_visit", "cla-visit", true),
    (8, "last_health", "health-assessment", true),
    (8, "last_dental", "dental-check", true),
    (8, "cla_end", "ceased-looked-after", false),
    (9, "pathway_review", "pathway-plan-review", true),
    (9, "latest_contact", "care-leaver-contact", true),
];

/// The events the lists read can show: an obligation met only by another event
/// cannot be judged from them (Annex A has no core groups or placement moves)
/// and is reported as untracked, never as overdue.
pub fn recordable(wb: &Workbook) -> std::collections::BTreeSet<&'static str> {
    EVENTS.iter().filter(|(n, _, _, _)| wb.lists.contains_key(n)).map(|(_, _, e, _)| *e).collect()
}

/// The lists' dates as events, child by child (in case order), with the
/// allocated team and worker. A referral marked NFA starts nothing; a child on
/// a plan (List 7) is a child-protection case for the recording timescale.
pub fn children(wb: &Workbook) -> Vec<Case> {
    let mut out: BTreeMap<String, Case> = BTreeMap::new();
    // Team and worker from the list that speaks for the current work first.
    for n in [8u8, 7, 6, 9, 5, 4, 3] {
        let Some(list) = wb.lists.get(&n) else { continue };
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let child = out.entry(id.to_string()).or_insert_with(|| Case { id: Rc::from(id), ..Case::default() });
            if child.team.is_none() {
                child.team = row.get("team").text().map(String::from);
            }
            if child.worker.is_none() {
                child.worker = row.get("worker").text().map(String::from);
            }
            if child.dob.is_none() {
                child.dob = row.get("date_of_birth").date();
            }
        }
    }
    // Children on a child-protection plan (List 7), looked up once.
    let on_plan: std::collections::BTreeSet<&str> =
        wb.lists.get(&7).map(|l| l.rows.iter().filter_map(|r| r.get("child_id").text()).collect()).unwrap_or_default();
    for (n, column, event, latest) in EVENTS {
        let Some(list) = wb.lists.get(&n) else { continue };
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let Some(date) = row.get(column).date() else { continue };
            if n == 3 && row.get("referral_nfa").text().is_some_and(|v| uncoded(v).eq_ignore_ascii_case("yes")) {
                continue;
            }
            let Some(child) = out.get_mut(id) else { continue };
            let mut e = Event::new(Rc::from(event), date, u64::from(row.row));
            e.dob = child.dob;
            e.latest = latest;
            if on_plan.contains(id) {
                e.details.push("cp".to_string());
            }
            child.events.push(e);
        }
    }
    let mut cases: Vec<Case> = out.into_values().collect();
    cases.sort_by(|a, b| case_order(&a.id, &b.id));
    cases
}

/// The caseload from Ofsted Annex A lists (issue 6): one case per child, from the
/// list that speaks for the current work first (8 looked after, 7 child
/// protection, 9 care leavers, 6 children in need, then 5, 4, 3), with the
/// allocated worker matched to `staff.csv` by name. Names that match nobody (or
/// two people) are reported once each, with where they first appear.
pub fn caseload(
    wb: &Workbook,
    staff_names: &crate::model::FastMap<String, Option<u32>>,
    names: &mut crate::model::Names,
) -> (crate::model::cases::Cases, Vec<String>) {
    use crate::model::cases::{Allocation, Case as CaseFile, Cases, Span};
    let mut cases = Cases::default();
    let mut services = crate::model::Names::default();
    let mut unmatched: std::collections::BTreeMap<String, (String, u32, usize, bool)> = Default::default();
    for n in [8u8, 7, 9, 6, 5, 4, 3] {
        let Some(list) = wb.lists.get(&n) else { continue };
        let service = LISTS.iter().find(|l| l.number == n).map_or("", |l| l.title);
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let worker = match row.get("worker") {
                Entered::Text(name) => match staff_names.get(&crate::model::staff::person_name(name)) {
                    Some(Some(s)) => Allocation::Worker(*s),
                    found => {
                        let e =
                            unmatched.entry(name.clone()).or_insert((list.sheet.clone(), row.row, 0, found.is_some()));
                        e.2 += 1;
                        Allocation::Unknown(name.as_str().into())
                    }
                },
                _ => Allocation::Unallocated,
            };
            let team = row.get("team").text().map(|t| names.intern(t));
            let closed_on = ["cla_end", "cp_end", "cin_closed"].iter().find_map(|c| row.get(c).date());
            let case = CaseFile {
                worker,
                team,
                area: None,
                service: services.intern(service),
                closed: closed_on.is_some(),
                closed_on,
                restricted: false,
                family: None,
                recorded: Span::default(),
                line: u64::from(row.row),
            };
            // A child on several lists is one case: the first list wins.
            let _ = cases.push(id, &[], case);
        }
    }
    cases.services = services;
    let warnings = unmatched
        .into_iter()
        .map(|(name, (sheet, row, count, twice))| {
            let why = if twice { "matches two people in the staff file" } else { "is not a name in the staff file" };
            let children = crate::words::count(count, "child", "children");
            format!("{sheet} row {row}: allocated worker '{name}' {why} ({children}); their files are left unallocated")
        })
        .collect();
    (cases, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn headers_match_however_they_are_typed() {
        assert_eq!(normalise("Date of Adoption Order "), normalise("date of adoption order"));
        assert_eq!(
            normalise("Unaccompanied  (UASC) within the Last 12 Months (Y/N))"),
            normalise("unaccompanied (uasc) within the last 12 months (y/n)")
        );
        assert_eq!(normalise("Child\u{a0}Unique ID"), normalise("child unique id"));
        assert_eq!(normalise("Episodes ‘Missing’"), normalise("episodes 'missing'"));
        assert_eq!(uncoded("a) Male"), "Male");
        assert_eq!(uncoded("b) No"), "No");
        assert_eq!(uncoded("q) 6: Police"), "6: Police");
        assert_eq!(uncoded("Yes"), "Yes");
        assert_eq!(uncoded("N1) odd"), "N1) odd");
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(33), "AH");
    }

    #[test]
    fn cells_as_dates() {
        let d = |y, m, dd| Ok(Entered::Date(NaiveDate::from_ymd_opt(y, m, dd).unwrap()));
        assert_eq!(read_cell(&Data::Float(44090.0), true), d(2020, 9, 16));
        assert_eq!(read_cell(&Data::String("16/09/2020".into()), true), d(2020, 9, 16));
        assert_eq!(read_cell(&Data::String("2020-09-16".into()), true), d(2020, 9, 16));
        assert!(read_cell(&Data::String("09/16/2020".into()), true).is_err());
        assert!(read_cell(&Data::String("#N/A".into()), false).is_err());
        assert_eq!(read_cell(&Data::Float(9212044.0), false), Ok(Entered::Text("9212044".into())));
        assert_eq!(
            read_cell(&Data::String("Dustin\u{a0}Hazlett".into()), false),
            Ok(Entered::Text("Dustin Hazlett".into()))
        );
    }

    #[test]
    fn lists_are_found_by_name_or_headers() {
        assert_eq!(which_list("List 3", &[]).map(|l| l.number), Some(3));
        assert_eq!(which_list("list8", &[]).map(|l| l.number), Some(8));
        let headers: Vec<String> = [
            "Child Unique ID",
            "CP Plan",
            "Child Protection Plan Start Date",
            "Date of latest review conference",
            "Date of the Last Statutory Visit",
        ]
        .iter()
        .map(|h| normalise(h))
        .collect();
        assert_eq!(which_list("Sheet1", &headers).map(|l| l.number), Some(7));
        assert!(which_list("Notes", &["anything".into()]).is_none());
    }
}
