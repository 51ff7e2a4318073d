//! Standard Safeguarding Dataset (SSD) extracts as input (SPEC §2, issue 6):
//! the CSV tables of Data to Insight's SSD data model, one file per table, found
//! by file name (`ssd_cla_episodes.csv`, `ssd_cla_episodes_2026-11.csv`) or by
//! their column prefix (`clae_`). `--columns ssd` switches this on.
//!
//! - [`read`] reads the tables `due` needs into rows of the columns we use;
//! - [`children`] turns them into each child's events, with the team and worker
//!   of the child's open involvement;
//! - [`current`] picks the open involvement that speaks for a child, for `due`
//!   and for `select`'s caseload from `ssd_involvements`.
//!
//! Column names drift between SSD versions (`clae_cla_episode_start` became
//! `clae_cla_episode_start_date`): each column lists the names it goes by.

use crate::annexa::{Child, Value};
use crate::error::InputError;
use crate::io::columns::{ColumnMap, normalise};
use crate::io::csvin::CsvFile;
use crate::timescales::track::Event;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// One SSD table: its name, its column prefix, and the columns we read as
/// (our name, the SSD names, is it a date). The first column names the child,
/// except where a table reaches the child through another id.
#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    pub prefix: &'static str,
    pub columns: &'static [Column],
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub date: bool,
}

const fn text(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, date: false }
}

const fn date(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, date: true }
}

/// The tables `caseaudit` reads (SSD data model, `data/objects/ssd_*.yml`).
pub const TABLES: [TableSpec; 16] = [
    TableSpec {
        name: "ssd_person",
        prefix: "pers_",
        columns: &[text("person", &["pers_person_id"]), date("dob", &["pers_dob"])],
    },
    TableSpec {
        name: "ssd_cin_episodes",
        prefix: "cine_",
        columns: &[
            text("person", &["cine_person_id"]),
            date("referral", &["cine_referral_date"]),
            text("nfa", &["cine_referral_nfa"]),
            date("closed", &["cine_close_date"]),
        ],
    },
    TableSpec {
        name: "ssd_cin_assessments",
        prefix: "cina_",
        columns: &[text("person", &["cina_person_id"]), date("authorised", &["cina_assessment_auth_date"])],
    },
    TableSpec {
        name: "ssd_cin_visits",
        prefix: "cinv_",
        columns: &[text("person", &["cinv_person_id"]), date("visit", &["cinv_cin_visit_date"])],
    },
    TableSpec {
        name: "ssd_s47_enquiry",
        prefix: "s47e_",
        columns: &[text("person", &["s47e_person_id"]), date("start", &["s47e_s47_start_date"])],
    },
    TableSpec {
        name: "ssd_initial_cp_conference",
        prefix: "icpc_",
        columns: &[text("person", &["icpc_person_id"]), date("icpc", &["icpc_icpc_date"])],
    },
    TableSpec {
        name: "ssd_cp_plans",
        prefix: "cppl_",
        columns: &[
            text("person", &["cppl_person_id"]),
            date("start", &["cppl_cp_plan_start_date"]),
            date("end", &["cppl_cp_plan_end_date"]),
        ],
    },
    TableSpec {
        name: "ssd_cp_visits",
        prefix: "cppv_",
        columns: &[text("person", &["cppv_person_id"]), date("visit", &["cppv_cp_visit_date"])],
    },
    TableSpec {
        name: "ssd_cp_reviews",
        prefix: "cppr_",
        columns: &[text("person", &["cppr_person_id"]), date("review", &["cppr_cp_review_date"])],
    },
    TableSpec {
        name: "ssd_cla_episodes",
        prefix: "clae_",
        columns: &[
            text("person", &["clae_person_id"]),
            text("episode", &["clae_cla_episode_id"]),
            text("cla", &["clae_cla_id"]),
            date("start", &["clae_cla_episode_start_date", "clae_cla_episode_start"]),
            text("reason", &["clae_cla_episode_start_reason"]),
            date("ceased", &["clae_cla_episode_ceased", "clae_cla_episode_ceased_date"]),
            text("ceased_reason", &["clae_cla_episode_ceased_reason", "clae_cla_episode_cease_reason"]),
        ],
    },
    TableSpec {
        name: "ssd_cla_reviews",
        prefix: "clar_",
        columns: &[
            text("person", &["clar_person_id"]),
            text("episode", &["clar_cla_episode_id"]),
            text("cla", &["clar_cla_id"]),
            date("review", &["clar_cla_review_date"]),
            text("cancelled", &["clar_cla_review_cancelled"]),
        ],
    },
    TableSpec {
        name: "ssd_cla_visits",
        prefix: "clav_",
        columns: &[
            text("person", &["clav_person_id"]),
            text("episode", &["clav_cla_episode_id"]),
            text("cla", &["clav_cla_id"]),
            date("visit", &["clav_cla_visit_date"]),
        ],
    },
    TableSpec {
        name: "ssd_cla_health",
        prefix: "clah_",
        columns: &[
            text("person", &["clah_person_id"]),
            text("kind", &["clah_health_check_type"]),
            date("check", &["clah_health_check_date"]),
        ],
    },
    TableSpec {
        name: "ssd_care_leavers",
        prefix: "clea_",
        columns: &[
            text("person", &["clea_person_id"]),
            date("contact", &["clea_care_leaver_latest_contact"]),
            date("pathway", &["clea_pathway_plan_review_date"]),
            text("team", &["clea_care_leaver_allocated_team_name", "clea_care_leaver_allocated_team"]),
            text("worker", &["clea_care_leaver_worker_name", "clea_care_leaver_worker_id"]),
        ],
    },
    TableSpec {
        name: "ssd_involvements",
        prefix: "invo_",
        columns: &[
            text("person", &["invo_person_id"]),
            text("worker", &["invo_professional_id"]),
            text("team", &["invo_professional_team"]),
            date("start", &["invo_involvement_start_date"]),
            date("end", &["invo_involvement_end_date"]),
        ],
    },
    TableSpec {
        name: "ssd_professionals",
        prefix: "prof_",
        columns: &[
            text("worker", &["prof_professional_id"]),
            text("name", &["prof_professional_name"]),
            text("role", &["prof_professional_job_title"]),
        ],
    },
];

/// The events each table can record, by (table, date column, event): an
/// obligation met only by an event no table read records is untracked. A plan
/// start stands for its conference, but only ssd_initial_cp_conference
/// records conferences that started no plan, so only it makes `icpcc` judged.
const RECORDS: [(&str, &str, &str); 18] = [
    ("ssd_cin_episodes", "referral", "referral"),
    ("ssd_cin_episodes", "closed", "case-closed"),
    ("ssd_cin_assessments", "authorised", "assessment-completed"),
    ("ssd_cin_visits", "visit", "cin-visit"),
    ("ssd_s47_enquiry", "start", "strategy-discussion"),
    ("ssd_initial_cp_conference", "icpc", "icpcc"),
    ("ssd_cp_plans", "end", "cp-plan-ended"),
    ("ssd_cp_visits", "visit", "cp-visit"),
    ("ssd_cp_reviews", "review", "rcpcc"),
    ("ssd_cla_episodes", "start", "became-looked-after"),
    ("ssd_cla_episodes", "start", "placement-move"),
    ("ssd_cla_episodes", "ceased", "ceased-looked-after"),
    ("ssd_cla_reviews", "review", "cla-review"),
    ("ssd_cla_visits", "visit", "cla-visit"),
    ("ssd_cla_health", "check", "health-assessment"),
    ("ssd_cla_health", "check", "dental-check"),
    ("ssd_care_leavers", "contact", "care-leaver-contact"),
    ("ssd_care_leavers", "pathway", "pathway-plan-review"),
];

/// Tables whose rows can reach the child through a looked-after episode id
/// instead of a person id.
const JOINED: [&str; 2] = ["ssd_cla_reviews", "ssd_cla_visits"];

/// Which SSD table a file holds: by file name (longest table name the name
/// starts with), else by its headers (most columns with the table's prefix).
pub fn which_table(path: &str, headers: &[String]) -> Option<&'static TableSpec> {
    let stem = std::path::Path::new(path).file_stem().map(|s| normalise(&s.to_string_lossy())).unwrap_or_default();
    let by_name = TABLES.iter().filter(|t| stem.starts_with(t.name)).max_by_key(|t| t.name.len());
    if by_name.is_some() {
        return by_name;
    }
    TABLES
        .iter()
        .map(|t| (headers.iter().filter(|h| h.starts_with(t.prefix)).count(), t))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, t)| (*n, std::cmp::Reverse(t.name)))
        .map(|(_, t)| t)
}

/// The hint for an SSD extract given without `--columns ssd`, if its
/// `headers` (normalised) look like one.
pub fn preset_hint(headers: &[String]) -> Option<String> {
    which_table("", headers)
        .map(|t| format!("looks like the SSD table {} (its columns start '{}'); add --columns ssd", t.name, t.prefix))
}

/// Refuses an SSD table given without `--columns ssd`, saying what to add,
/// rather than that the file lacks our `id` column.
pub fn refuse_without_preset(f: &CsvFile, map: &ColumnMap, id: &str) -> Result<(), InputError> {
    if map.preset().is_some() || f.position(id)?.is_some() {
        return Ok(());
    }
    let headers: Vec<String> = f.raw_headers().iter().map(|h| normalise(h)).collect();
    match preset_hint(&headers) {
        Some(hint) => Err(InputError::file(f.name(), hint)),
        None => Ok(()),
    }
}

/// One table's rows, values in the order of its spec's columns.
#[derive(Debug)]
pub struct Table {
    pub spec: &'static TableSpec,
    pub file: String,
    /// Which of the spec's columns the file has.
    pub found: Vec<bool>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    pub line: u64,
    pub values: Vec<Value>,
}

impl Table {
    /// The value of our column `name` in `row` (missing if the file lacks it).
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r Value {
        self.spec.columns.iter().position(|c| c.name == name).and_then(|i| row.values.get(i)).unwrap_or(&Value::Missing)
    }

    /// Whether the file has our column `name`.
    pub fn has(&self, name: &str) -> bool {
        self.spec.columns.iter().zip(&self.found).any(|(c, f)| c.name == name && *f)
    }

    fn index(&self, name: &str) -> usize {
        self.spec.columns.iter().position(|c| c.name == name).expect("a column of the spec")
    }
}

/// The SSD tables read, and what was wrong with their cells.
#[derive(Debug, Default)]
pub struct Extract {
    pub tables: BTreeMap<&'static str, Table>,
    pub warnings: Vec<String>,
}

impl Extract {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }
}

/// Bad cells shown per table and column before the rest are only counted.
const SHOWN: usize = 5;

/// Reads SSD tables from files and folders (every `*.csv` in a folder, in name
/// order). A file named on the command line that is no SSD table we use is an
/// error; a folder's other files are counted in one warning.
pub fn read(paths: &[String]) -> Result<Extract, InputError> {
    let mut out = Extract::default();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| InputError::file(p, crate::io::csvin::io_reason(&e)))?;
        if meta.is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(p)
                .map_err(|e| InputError::file(p, crate::io::csvin::io_reason(&e)))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .map(|f| f.to_string_lossy().into_owned())
                .collect();
            files.sort();
            let mut other = 0usize;
            for f in &files {
                if !read_file(f, &mut out)? {
                    other += 1;
                }
            }
            if files.is_empty() {
                return Err(InputError::file(p, "holds no .csv files (SSD tables are read from ssd_*.csv)"));
            }
            if other > 0 {
                out.warnings.push(format!("{p}: {other} CSV files are not SSD tables caseaudit reads; ignored"));
            }
        } else if !read_file(p, &mut out)? {
            let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
            return Err(InputError::file(
                p,
                format!("is not an SSD table caseaudit reads (name it after the table: {})", names.join(", ")),
            ));
        }
    }
    Ok(out)
}

/// Reads one file if it is a table we use; `false` if it is not.
fn read_file(path: &str, out: &mut Extract) -> Result<bool, InputError> {
    let mut f = CsvFile::open(path, "ssd", &ColumnMap::default())?;
    let headers: Vec<String> = f.raw_headers().iter().map(|h| normalise(h)).collect();
    let Some(spec) = which_table(path, &headers) else { return Ok(false) };
    let name = f.name().to_string();
    if let Some(first) = out.tables.get(spec.name) {
        out.warnings.push(format!("{name}: a second {} table (the first is {}); ignored", spec.name, first.file));
        return Ok(true);
    }
    let cols: Vec<Option<usize>> =
        spec.columns.iter().map(|c| c.aliases.iter().find_map(|a| headers.iter().position(|h| h == a))).collect();
    // Dates and the child's id matter; the rest (codes, flags, join ids) only
    // refine, and a table reaching the child through an episode id needs one.
    let found = |n: &str| spec.columns.iter().zip(&cols).any(|(c, at)| c.name == n && at.is_some());
    for (c, at) in spec.columns.iter().zip(&cols) {
        let joined = JOINED.contains(&spec.name) && (found("episode") || found("cla"));
        let needed = c.date || (c.name == "person" && !joined);
        if at.is_none() && needed {
            out.warnings.push(format!("{name}: no '{}' column; what depends on it is not read", c.aliases[0]));
        }
    }
    let mut bad: BTreeMap<usize, usize> = BTreeMap::new();
    let mut rows = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let mut values = Vec::with_capacity(cols.len());
        for (i, (c, at)) in spec.columns.iter().zip(&cols).enumerate() {
            let Some(index) = *at else {
                values.push(Value::Missing);
                continue;
            };
            let t = row.raw(index);
            let t = crate::io::csvin::trim(&t);
            let value = if t.is_empty() || t.eq_ignore_ascii_case("null") {
                Value::Missing
            } else if c.date {
                match crate::io::dates::parse_date(t) {
                    Ok(d) => Value::Date(d),
                    Err(e) => {
                        let n = bad.entry(i).or_default();
                        *n += 1;
                        if *n <= SHOWN {
                            out.warnings.push(format!(
                                "{name}:{}:{}: '{}': {e}; read as missing",
                                row.line(),
                                index + 1,
                                c.aliases[0]
                            ));
                        }
                        Value::Missing
                    }
                }
            } else {
                Value::Text(t.to_string())
            };
            values.push(value);
        }
        rows.push(Row { line: row.line(), values });
    }
    for (i, n) in bad {
        if n > SHOWN {
            out.warnings.push(format!(
                "{name}: {} more bad '{}' dates, read as missing",
                n - SHOWN,
                spec.columns[i].aliases[0]
            ));
        }
    }
    if f.saw_windows_1252() {
        out.warnings.push(format!("{name}: not UTF-8; read as Windows-1252"));
    }
    let found = cols.iter().map(Option::is_some).collect();
    out.tables.insert(spec.name, Table { spec, file: name, found, rows });
    Ok(true)
}

/// An involvement: who worked with a child, in which team, from when to when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Involvement {
    pub worker: String,
    pub team: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl Involvement {
    /// Open on `day`: started by then (or no start given) and not yet ended.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| e > day)
    }
}

/// The involvement that speaks for the child on `day`: among the open ones,
/// those `preferred` (e.g. held by a caseworker) first, then the latest start,
/// then the last listed. `None` when none is open.
pub fn current(list: &[Involvement], day: NaiveDate, preferred: impl Fn(&Involvement) -> bool) -> Option<usize> {
    list.iter()
        .enumerate()
        .filter(|(_, i)| i.open_on(day))
        .max_by_key(|(n, i)| (preferred(i), i.start, *n))
        .map(|(n, _)| n)
}

/// The code at the start of a coded value: `S`, `S - Started to be looked
/// after`, `s) S` all give `S`.
fn code(value: &str) -> String {
    crate::annexa::uncoded(value)
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

fn yes(v: &Value) -> bool {
    v.text().is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "y" | "yes" | "true" | "1"))
}

/// Each child's events from the tables read (ordered by person id), with the
/// team and worker of their open involvement on `day` (a `caseworker`'s
/// first, judged by job title, normalised; else the care-leaver table's); and
/// the events the tables read could record at all, so that an obligation only
/// an unread table could meet is reported untracked.
pub fn children(
    x: &Extract,
    day: NaiveDate,
    caseworker: &dyn Fn(&str) -> bool,
) -> (BTreeMap<String, Child>, BTreeSet<&'static str>) {
    let mut out: BTreeMap<String, Child> = BTreeMap::new();
    let recordable: BTreeSet<&'static str> =
        RECORDS.iter().filter(|(t, c, _)| x.table(t).is_some_and(|t| t.has(c))).map(|(_, _, e)| *e).collect();
    if let Some(t) = x.table("ssd_person") {
        for r in &t.rows {
            if let Some(p) = t.get(r, "person").text() {
                out.entry(p.to_string()).or_default().dob = t.get(r, "dob").date();
            }
        }
    }
    // Looked-after episode and CLA ids → the child, for reviews and visits.
    let mut episode_child: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    if let Some(t) = x.table("ssd_cla_episodes") {
        for r in &t.rows {
            let Some(p) = t.get(r, "person").text() else { continue };
            for key in ["episode", "cla"] {
                if let Some(id) = t.get(r, key).text() {
                    episode_child.insert((key, id), p);
                }
            }
        }
    }
    let mut on_plan: BTreeSet<String> = BTreeSet::new();
    let mut unjoined: BTreeMap<&str, usize> = BTreeMap::new();
    let push = |out: &mut BTreeMap<String, Child>, person: &str, event: &'static str, date, line| {
        let child = out.entry(person.to_string()).or_default();
        child.events.push(Event { event: Rc::from(event), date, dob: None, details: Vec::new(), line });
    };
    for t in x.tables.values() {
        // A table whose date column is missing records nothing.
        for r in &t.rows {
            let person = match t.get(r, "person").text() {
                Some(p) => Some(p),
                None if JOINED.contains(&t.spec.name) => ["episode", "cla"]
                    .iter()
                    .find_map(|k| t.get(r, k).text().and_then(|id| episode_child.get(&(*k, id)).copied())),
                None => None,
            };
            let Some(person) = person else {
                if JOINED.contains(&t.spec.name) {
                    *unjoined.entry(t.spec.name).or_default() += 1;
                }
                continue;
            };
            let d = |name: &str| t.get(r, name).date();
            match t.spec.name {
                "ssd_cin_episodes" => {
                    if let Some(dt) = d("referral").filter(|_| !yes(t.get(r, "nfa"))) {
                        push(&mut out, person, "referral", dt, r.line);
                    }
                    if let Some(dt) = d("closed") {
                        push(&mut out, person, "case-closed", dt, r.line);
                    }
                }
                "ssd_cin_assessments" => {
                    if let Some(dt) = d("authorised") {
                        push(&mut out, person, "assessment-completed", dt, r.line);
                    }
                }
                "ssd_cin_visits" => {
                    if let Some(dt) = d("visit") {
                        push(&mut out, person, "cin-visit", dt, r.line);
                    }
                }
                "ssd_s47_enquiry" => {
                    if let Some(dt) = d("start") {
                        push(&mut out, person, "strategy-discussion", dt, r.line);
                    }
                }
                "ssd_initial_cp_conference" => {
                    if let Some(dt) = d("icpc") {
                        push(&mut out, person, "icpcc", dt, r.line);
                    }
                }
                "ssd_cp_plans" => {
                    // The plan starts at its conference; duplicates are merged below.
                    if let Some(dt) = d("start") {
                        push(&mut out, person, "icpcc", dt, r.line);
                    }
                    match d("end") {
                        Some(dt) => push(&mut out, person, "cp-plan-ended", dt, r.line),
                        None if d("start").is_some_and(|s| s <= day) => {
                            on_plan.insert(person.to_string());
                        }
                        None => {}
                    }
                }
                "ssd_cp_visits" => {
                    if let Some(dt) = d("visit") {
                        push(&mut out, person, "cp-visit", dt, r.line);
                    }
                }
                "ssd_cp_reviews" => {
                    if let Some(dt) = d("review") {
                        push(&mut out, person, "rcpcc", dt, r.line);
                    }
                }
                "ssd_cla_episodes" => cla_episode(t, r, person, &mut |e, dt| push(&mut out, person, e, dt, r.line)),
                "ssd_cla_reviews" => {
                    if let Some(dt) = d("review").filter(|_| !yes(t.get(r, "cancelled"))) {
                        push(&mut out, person, "cla-review", dt, r.line);
                    }
                }
                "ssd_cla_visits" => {
                    if let Some(dt) = d("visit") {
                        push(&mut out, person, "cla-visit", dt, r.line);
                    }
                }
                "ssd_cla_health" => {
                    let kind = t.get(r, "kind").text().unwrap_or("").to_ascii_lowercase();
                    let event = if kind.contains("dental") {
                        Some("dental-check")
                    } else if kind.contains("health") || kind.contains("medical") {
                        Some("health-assessment")
                    } else {
                        None
                    };
                    if let (Some(e), Some(dt)) = (event, d("check")) {
                        push(&mut out, person, e, dt, r.line);
                    }
                }
                "ssd_care_leavers" => {
                    if let Some(dt) = d("contact") {
                        push(&mut out, person, "care-leaver-contact", dt, r.line);
                    }
                    if let Some(dt) = d("pathway") {
                        push(&mut out, person, "pathway-plan-review", dt, r.line);
                    }
                }
                _ => {}
            }
        }
    }
    allocate(x, day, caseworker, &mut out);
    for (id, child) in out.iter_mut() {
        child.events.sort_by(|a, b| (a.date, &a.event, a.line).cmp(&(b.date, &b.event, b.line)));
        child.events.dedup_by(|a, b| a.date == b.date && a.event == b.event);
        let details = if on_plan.contains(id) { vec!["cp".to_string()] } else { Vec::new() };
        for e in &mut child.events {
            e.dob = child.dob;
            e.details.clone_from(&details);
        }
    }
    (out, recordable)
}

/// A looked-after episode's events: `S` starts care, `P`/`T`/`B`/`U` move
/// placement (`L`, legal status only, neither); an episode ending for any
/// reason but `X1` (a new episode the same day) ends care.
fn cla_episode(t: &Table, r: &Row, _person: &str, push: &mut dyn FnMut(&'static str, NaiveDate)) {
    let reason = t.get(r, "reason").text().map(code).unwrap_or_default();
    if let Some(start) = t.get(r, "start").date() {
        match reason.as_str() {
            "S" => push("became-looked-after", start),
            "P" | "T" | "B" | "U" => push("placement-move", start),
            _ => {}
        }
    }
    if let Some(ceased) = t.get(r, "ceased").date() {
        let why = t.get(r, "ceased_reason").text().map(code).unwrap_or_default();
        if why != "X1" {
            push("ceased-looked-after", ceased);
        }
    }
}

/// Sets each child's team and worker from their open involvement on `day`
/// (the worker's name when `ssd_professionals` gives it), else from the care
/// leavers table.
fn allocate(x: &Extract, day: NaiveDate, caseworker: &dyn Fn(&str) -> bool, out: &mut BTreeMap<String, Child>) {
    // Professional id → (name, holds a caseload).
    let mut profs: BTreeMap<&str, (Option<&str>, bool)> = BTreeMap::new();
    if let Some(t) = x.table("ssd_professionals") {
        for r in &t.rows {
            if let Some(w) = t.get(r, "worker").text() {
                let role = t.get(r, "role").text().is_some_and(|r| caseworker(&normalise(r)));
                profs.insert(w, (t.get(r, "name").text(), role));
            }
        }
    }
    if let Some(t) = x.table("ssd_involvements") {
        let mut by_child: BTreeMap<&str, Vec<Involvement>> = BTreeMap::new();
        let (pi, wi, ti, si, ei) =
            (t.index("person"), t.index("worker"), t.index("team"), t.index("start"), t.index("end"));
        for r in &t.rows {
            let (Some(p), Some(w)) = (r.values[pi].text(), r.values[wi].text()) else { continue };
            by_child.entry(p).or_default().push(Involvement {
                worker: w.to_string(),
                team: r.values[ti].text().unwrap_or("").to_string(),
                start: r.values[si].date(),
                end: r.values[ei].date(),
            });
        }
        for (p, list) in by_child {
            let Some(child) = out.get_mut(p) else { continue };
            let holds_cases = |i: &Involvement| profs.get(i.worker.as_str()).is_some_and(|p| p.1);
            if let Some(i) = current(&list, day, holds_cases) {
                let inv = &list[i];
                let name = profs.get(inv.worker.as_str()).and_then(|p| p.0);
                child.worker = Some(name.map_or_else(|| inv.worker.clone(), String::from));
                child.team = Some(inv.team.clone()).filter(|t| !t.is_empty());
            }
        }
    }
    if let Some(t) = x.table("ssd_care_leavers") {
        for r in &t.rows {
            let Some(child) = t.get(r, "person").text().and_then(|p| out.get_mut(p)) else { continue };
            if child.worker.is_none() && child.team.is_none() {
                child.team = t.get(r, "team").text().map(String::from);
                child.worker = t.get(r, "worker").text().map(String::from);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn inv(worker: &str, start: Option<&str>, end: Option<&str>) -> Involvement {
        Involvement { worker: worker.into(), team: String::new(), start: start.map(d), end: end.map(d) }
    }

    #[test]
    fn the_latest_open_involvement_speaks_for_the_child() {
        let list = [
            inv("a", Some("2025-01-01"), None),
            inv("b", Some("2026-03-01"), None),
            inv("c", Some("2026-06-01"), Some("2026-11-01")),
            inv("d", Some("2027-01-01"), None),
        ];
        let day = d("2026-11-22");
        assert_eq!(current(&list, day, |_| true), Some(1));
        // A preferred involvement (a caseworker's) wins over a later one.
        assert_eq!(current(&list, day, |i| i.worker == "a"), Some(0));
        // Ended the day before: not open; ends today: not open either.
        assert!(!inv("x", None, Some("2026-11-22")).open_on(day));
        assert!(inv("x", None, Some("2026-11-23")).open_on(day));
        // Starts in the future: not yet.
        assert_eq!(current(&list[3..], day, |_| true), None);
    }

    #[test]
    fn tables_are_known_by_name_or_prefix() {
        assert_eq!(which_table("x/ssd_cla_episodes.csv", &[]).map(|t| t.name), Some("ssd_cla_episodes"));
        assert_eq!(which_table("SSD_CLA_Episodes_2026-11.csv", &[]).map(|t| t.name), Some("ssd_cla_episodes"));
        assert_eq!(which_table("ssd_cin_episodes.csv", &[]).map(|t| t.name), Some("ssd_cin_episodes"));
        let h: Vec<String> = ["clav_cla_visit_id", "clav_person_id", "clav_cla_visit_date"].map(String::from).to_vec();
        assert_eq!(which_table("export7.csv", &h).map(|t| t.name), Some("ssd_cla_visits"));
        assert!(which_table("staff.csv", &["staff_id".into(), "role".into()]).is_none());
        assert_eq!(code("S - Started to be looked after"), "S");
        assert_eq!(code("x1"), "X1");
        assert_eq!(code("b) P"), "P");
    }
}
