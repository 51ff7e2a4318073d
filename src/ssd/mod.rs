//! Standard Safeguarding Dataset (SSD) extracts as input (SPEC §2, issue 6):
//! the CSV tables of Data to Insight's SSD data model, one file per table, found
//! by file name (`ssd_cla_episodes.csv`, `ssd_cla_episodes_2026-11.csv`) or by
//! their column prefix (`clae_`); and the DfE SSDA903 looked-after return's
//! header, episodes and reviews files, found by their headers and read as the
//! SSD's person, episode and review tables. `--columns ssd` (or `ssda903`)
//! switches this on.
//!
//! - [`read`] streams the tables `due` needs into each child's events, with the
//!   team and worker of the child's open involvement;
//! - [`current`] picks the open involvement that speaks for a child, for `due`
//!   and for `select`'s caseload from `ssd_involvements`.
//!
//! Column names drift between SSD versions (`clae_cla_episode_start` became
//! `clae_cla_episode_start_date`): each column lists the names it goes by.

use crate::error::InputError;
use crate::io::cell::Entered;
use crate::io::columns::ColumnMap;
use crate::io::csvin::Col;
use crate::io::csvin::CsvFile;
use crate::model::FastMap;
use crate::model::Names;
use crate::model::arena::IdArena;
use crate::model::cases::{Cases, Involvement, Involvements, current};
use crate::model::events::case_order;
use crate::model::events::{Case, Event, Pending};
use crate::model::staff::Staff;
use crate::words::normalise;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// One table: its name, its column prefix (SSD) or the headers that mark it
/// (SSDA903, which has no prefixes), the SSD table whose rows it holds, and the
/// columns we read as (our name, the names it goes by, is it a date). The
/// first column names the child, except where a table reaches the child
/// through another id.
#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    pub prefix: &'static str,
    pub signature: &'static [&'static str],
    /// The SSD table this one is read as (itself, for SSD tables).
    pub handler: &'static str,
    pub columns: &'static [Column],
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub date: bool,
    /// Read when there, with no warning when not (the case system's own due
    /// dates: a refinement, not something the table is read for).
    pub optional: bool,
}

const fn text(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, date: false, optional: false }
}

const fn date(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, date: true, optional: false }
}

/// The due date the case system recorded for a review.
const fn recorded(name: &'static str, aliases: &'static [&'static str]) -> Column {
    Column { name, aliases, date: true, optional: true }
}

/// The tables `caseaudit` reads: the SSD's (data model, `data/objects/ssd_*.yml`)
/// and the DfE SSDA903 looked-after return's header, episodes and reviews.
pub const TABLES: [TableSpec; 19] = [
    TableSpec {
        name: "ssd_person",
        prefix: "pers_",
        signature: &[],
        handler: "ssd_person",
        columns: &[text("person", &["pers_person_id"]), date("dob", &["pers_dob"])],
    },
    TableSpec {
        name: "ssd_cin_episodes",
        prefix: "cine_",
        signature: &[],
        handler: "ssd_cin_episodes",
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
        signature: &[],
        handler: "ssd_cin_assessments",
        columns: &[text("person", &["cina_person_id"]), date("authorised", &["cina_assessment_auth_date"])],
    },
    TableSpec {
        name: "ssd_cin_visits",
        prefix: "cinv_",
        signature: &[],
        handler: "ssd_cin_visits",
        columns: &[text("person", &["cinv_person_id"]), date("visit", &["cinv_cin_visit_date"])],
    },
    TableSpec {
        name: "ssd_s47_enquiry",
        prefix: "s47e_",
        signature: &[],
        handler: "ssd_s47_enquiry",
        columns: &[text("person", &["s47e_person_id"]), date("start", &["s47e_s47_start_date"])],
    },
    TableSpec {
        name: "ssd_initial_cp_conference",
        prefix: "icpc_",
        signature: &[],
        handler: "ssd_initial_cp_conference",
        columns: &[text("person", &["icpc_person_id"]), date("icpc", &["icpc_icpc_date"])],
    },
    TableSpec {
        name: "ssd_cp_plans",
        prefix: "cppl_",
        signature: &[],
        handler: "ssd_cp_plans",
        columns: &[
            text("person", &["cppl_person_id"]),
            date("start", &["cppl_cp_plan_start_date"]),
            date("end", &["cppl_cp_plan_end_date"]),
        ],
    },
    TableSpec {
        name: "ssd_cp_visits",
        prefix: "cppv_",
        signature: &[],
        handler: "ssd_cp_visits",
        columns: &[text("person", &["cppv_person_id"]), date("visit", &["cppv_cp_visit_date"])],
    },
    TableSpec {
        name: "ssd_cp_reviews",
        prefix: "cppr_",
        signature: &[],
        handler: "ssd_cp_reviews",
        columns: &[
            text("person", &["cppr_person_id"]),
            date("review", &["cppr_cp_review_date"]),
            recorded("due", &["cppr_cp_review_due", "cppr_cp_review_due_date"]),
        ],
    },
    TableSpec {
        name: "ssd_cla_episodes",
        prefix: "clae_",
        signature: &[],
        handler: "ssd_cla_episodes",
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
        signature: &[],
        handler: "ssd_cla_reviews",
        columns: &[
            text("person", &["clar_person_id"]),
            text("episode", &["clar_cla_episode_id"]),
            text("cla", &["clar_cla_id"]),
            date("review", &["clar_cla_review_date"]),
            recorded("due", &["clar_cla_review_due_date", "clar_cla_review_due"]),
            text("cancelled", &["clar_cla_review_cancelled"]),
        ],
    },
    TableSpec {
        name: "ssd_cla_visits",
        prefix: "clav_",
        signature: &[],
        handler: "ssd_cla_visits",
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
        signature: &[],
        handler: "ssd_cla_health",
        columns: &[
            text("person", &["clah_person_id"]),
            text("kind", &["clah_health_check_type"]),
            date("check", &["clah_health_check_date"]),
        ],
    },
    TableSpec {
        name: "ssd_care_leavers",
        prefix: "clea_",
        signature: &[],
        handler: "ssd_care_leavers",
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
        signature: &[],
        handler: "ssd_involvements",
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
        signature: &[],
        handler: "ssd_professionals",
        columns: &[
            text("worker", &["prof_professional_id"]),
            text("name", &["prof_professional_name"]),
            text("role", &["prof_professional_job_title"]),
        ],
    },
    TableSpec {
        name: "ssda903_header",
        prefix: "",
        signature: &["child", "sex", "dob"],
        handler: "ssd_person",
        columns: &[text("person", &["child"]), date("dob", &["dob"])],
    },
    TableSpec {
        name: "ssda903_episodes",
        prefix: "",
        signature: &["child", "decom", "rne"],
        handler: "ssd_cla_episodes",
        columns: &[
            text("person", &["child"]),
            date("start", &["decom"]),
            text("reason", &["rne"]),
            date("ceased", &["dec"]),
            text("ceased_reason", &["rec"]),
        ],
    },
    TableSpec {
        name: "ssda903_reviews",
        prefix: "",
        signature: &["child", "review"],
        handler: "ssd_cla_reviews",
        columns: &[text("person", &["child"]), date("review", &["review"])],
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

/// Which table a file holds: by file name (the longest SSD table name the
/// name starts with), else by its headers: most columns with an SSD table's
/// prefix, else all of an SSDA903 file's marking headers.
pub fn which_table(path: &str, headers: &[String]) -> Option<&'static TableSpec> {
    let stem = std::path::Path::new(path).file_stem().map(|s| normalise(&s.to_string_lossy())).unwrap_or_default();
    let by_name = TABLES.iter().filter(|t| stem.starts_with(t.name)).max_by_key(|t| t.name.len());
    by_name.or_else(|| table_by_headers(headers))
}

/// Which table a file holds, by its (normalised) headers alone.
pub fn table_by_headers(headers: &[String]) -> Option<&'static TableSpec> {
    let by_prefix = TABLES
        .iter()
        .filter(|t| !t.prefix.is_empty())
        .map(|t| (headers.iter().filter(|h| h.starts_with(t.prefix)).count(), t))
        .filter(|(n, _)| *n >= 2)
        .max_by_key(|(n, t)| (*n, std::cmp::Reverse(t.name)))
        .map(|(_, t)| t);
    by_prefix.or_else(|| {
        TABLES
            .iter()
            .filter(|t| !t.signature.is_empty() && t.signature.iter().all(|c| headers.iter().any(|h| h == c)))
            .max_by_key(|t| t.signature.len())
    })
}

/// The `--columns` preset that reads `table`, and what to call its family.
fn family(table: &TableSpec) -> (&'static str, &'static str) {
    if table.prefix.is_empty() { ("ssda903", "SSDA903") } else { ("ssd", "SSD") }
}

/// Whether a `--columns` preset reads SSD or SSDA903 tables (either reads both).
pub fn is_preset(name: Option<&str>) -> bool {
    matches!(name, Some("ssd" | "ssda903"))
}

/// The hint for an SSD extract given without `--columns ssd`, if its
/// `headers` (normalised) look like one.
pub fn preset_hint(headers: &[String]) -> Option<String> {
    table_by_headers(headers).map(|t| {
        let (preset, label) = family(t);
        let why = match t.prefix {
            "" => format!("its columns are {}", t.signature.join(", ").to_ascii_uppercase()),
            p => format!("its columns start '{p}'"),
        };
        format!("looks like the {label} table {} ({why}); add --columns {preset}", t.name)
    })
}

/// Refuses an SSD table given without `--columns ssd`, saying what to add,
/// rather than that the file lacks our `id` column.
pub fn refuse_without_preset(f: &CsvFile, map: &ColumnMap, id: &str) -> Result<(), InputError> {
    if map.preset().is_some() || f.position(id)?.is_some() {
        return Ok(());
    }
    match preset_hint(f.headers()) {
        Some(hint) => Err(InputError::file(f.name(), hint)),
        None => Ok(()),
    }
}

/// What an SSD extract gave: each child's events (ordered by person id) with
/// the team and worker of their open involvement, the events the tables read
/// can record at all (an obligation only an unread table could meet is
/// untracked), the tables read, and what was wrong with their cells.
#[derive(Debug, Default)]
pub struct Extract {
    pub children: Vec<Case>,
    pub recordable: BTreeSet<&'static str>,
    /// Whether a table read carries the case system's own due dates.
    pub recorded_due: bool,
    /// Table name → the file it was read from.
    pub tables: BTreeMap<&'static str, String>,
    pub warnings: Vec<String>,
}

/// Bad cells shown per table and column before the rest are only counted.
const SHOWN: usize = 5;

/// Tables read first, because the others are joined to them.
const FIRST: [&str; 4] = ["ssd_person", "ssd_professionals", "ssd_cla_episodes", "ssd_involvements"];

/// Reads SSD tables from files and folders (every `*.csv` in a folder) into
/// each child's events, streaming: only the events and the joins are held.
/// The child's team and worker come from the involvement open on `day` (a
/// `caseworker`'s first, judged by normalised job title; else the care
/// leavers table's). A file named on the command line that is no SSD table we
/// use is an error; a folder's other files are counted in one warning.
pub fn read(paths: &[String], day: NaiveDate, caseworker: &dyn Fn(&str) -> bool) -> Result<Extract, InputError> {
    let mut out = Extract::default();
    let mut files: Vec<(CsvFile, &'static TableSpec)> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| InputError::file(p, crate::io::csvin::io_reason(&e)))?;
        if meta.is_dir() {
            let mut found: Vec<String> = std::fs::read_dir(p)
                .map_err(|e| InputError::file(p, crate::io::csvin::io_reason(&e)))?
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .map(|f| f.to_string_lossy().into_owned())
                .collect();
            if found.is_empty() {
                return Err(InputError::file(p, "holds no .csv files (SSD tables are read from ssd_*.csv)"));
            }
            found.sort();
            let mut other = 0usize;
            for f in &found {
                match open(f)? {
                    Some(t) => files.push(t),
                    None => other += 1,
                }
            }
            if other > 0 {
                let what = if other == 1 { "CSV file is not a table" } else { "CSV files are not tables" };
                out.warnings.push(format!("{p}: {other} {what} caseaudit reads; ignored"));
            }
        } else {
            match open(p)? {
                Some(t) => files.push(t),
                None => {
                    let names: Vec<&str> = TABLES.iter().filter(|t| !t.prefix.is_empty()).map(|t| t.name).collect();
                    return Err(InputError::file(
                        p,
                        format!(
                            "is neither an SSD table caseaudit reads (name it after the table: {}) nor an SSDA903 \
                             header, episodes or reviews file (CHILD and DOB, DECOM and RNE, or REVIEW columns)",
                            names.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    let rank = |t: &TableSpec| FIRST.iter().position(|n| *n == t.handler).unwrap_or(FIRST.len());
    // Stable: a table given twice keeps the order it was given in.
    files.sort_by_key(|(_, t)| rank(t));
    let mut state = State { day, ..State::default() };
    for (f, spec) in files {
        if let Some(first) = out.tables.get(spec.name) {
            out.warnings.push(format!("{}: a second {} table (the first is {first}); ignored", f.name(), spec.name));
            continue;
        }
        let name = f.name().to_string();
        let found = read_table(f, spec, &mut state, &mut out.warnings)?;
        for (t, c, e) in RECORDS {
            if t == spec.handler && spec.columns.iter().zip(&found).any(|(col, f)| col.name == c && *f) {
                out.recordable.insert(e);
            }
        }
        out.recorded_due |= spec.columns.iter().zip(&found).any(|(col, f)| col.name == "due" && *f);
        out.tables.insert(spec.name, name);
    }
    if state.unjoined > 0 {
        out.warnings.push(format!(
            "{} CLA review and visit rows have no person id and name no episode in ssd_cla_episodes; skipped",
            state.unjoined
        ));
    }
    out.children = state.finish(caseworker);
    Ok(out)
}

/// Opens `path` if it is an SSD table we use.
fn open(path: &str) -> Result<Option<(CsvFile, &'static TableSpec)>, InputError> {
    let f = CsvFile::open(path, "ssd", &ColumnMap::default())?;
    Ok(which_table(path, f.headers()).map(|t| (f, t)))
}

/// Streams one table's rows into `state`; returns which of the spec's columns
/// the file has.
fn read_table(
    mut f: CsvFile,
    spec: &'static TableSpec,
    state: &mut State,
    warnings: &mut Vec<String>,
) -> Result<Vec<bool>, InputError> {
    let name = f.name().to_string();
    let headers = f.headers();
    let cols: Vec<Option<usize>> =
        spec.columns.iter().map(|c| c.aliases.iter().find_map(|a| headers.iter().position(|h| h == a))).collect();
    // Dates and the child's id matter; the rest (codes, flags, join ids) only
    // refine, and a table reaching the child through an episode id needs one.
    let found = |n: &str| spec.columns.iter().zip(&cols).any(|(c, at)| c.name == n && at.is_some());
    let joined = JOINED.contains(&spec.handler) && (found("episode") || found("cla"));
    for (c, at) in spec.columns.iter().zip(&cols) {
        let needed = (c.date && !c.optional) || (c.name == "person" && !joined);
        if at.is_none() && needed {
            warnings.push(format!("{name}: no '{}' column; what depends on it is not read", c.aliases[0]));
        }
    }
    let mut bad: BTreeMap<usize, usize> = BTreeMap::new();
    let mut values: Vec<Entered> = Vec::with_capacity(cols.len());
    while f.next_record()? {
        let row = f.row();
        values.clear();
        for (i, (c, at)) in spec.columns.iter().zip(&cols).enumerate() {
            let Some(index) = *at else {
                values.push(Entered::Missing);
                continue;
            };
            let raw = row.raw(index);
            let t = crate::words::trim(&raw);
            let value = if t.is_empty() || t.eq_ignore_ascii_case("null") {
                Entered::Missing
            } else if c.date {
                // An event's date must be one deadlines can be worked out from
                // (not a 1900-01-01 placeholder); a date of birth need not.
                let date = crate::calendar::dates::parse_date(t).map_err(|e| e.to_string());
                let event = c.name != "dob";
                match date.and_then(|d| if event { crate::calendar::trackable(d).map(|_| d) } else { Ok(d) }) {
                    Ok(d) => Entered::Date(d),
                    Err(e) => {
                        let n = bad.entry(i).or_default();
                        *n += 1;
                        if *n <= SHOWN {
                            warnings.push(format!(
                                "{name}:{}:{}: '{}': {e}; read as missing",
                                row.line(),
                                index + 1,
                                c.aliases[0]
                            ));
                        }
                        Entered::Missing
                    }
                }
            } else {
                Entered::Text(t.to_string())
            };
            values.push(value);
        }
        state.take(&RowView { spec, values: &values, line: row.line() });
    }
    for (i, n) in bad {
        if n > SHOWN {
            warnings.push(format!(
                "{name}: {} '{}' {}, read as missing",
                crate::words::count(n - SHOWN, "more bad", "more bad"),
                spec.columns[i].aliases[0],
                if n - SHOWN == 1 { "date" } else { "dates" }
            ));
        }
    }
    if f.saw_windows_1252() {
        warnings.push(format!("{name}: not UTF-8; read as Windows-1252"));
    }
    Ok(cols.iter().map(Option::is_some).collect())
}

/// One row as read: values in the order of its spec's columns.
struct RowView<'a> {
    spec: &'static TableSpec,
    values: &'a [Entered],
    line: u64,
}

impl RowView<'_> {
    fn get(&self, name: &str) -> &Entered {
        self.spec
            .columns
            .iter()
            .position(|c| c.name == name)
            .and_then(|i| self.values.get(i))
            .unwrap_or(&Entered::Missing)
    }
    fn text(&self, name: &str) -> Option<&str> {
        self.get(name).text()
    }
    fn date(&self, name: &str) -> Option<NaiveDate> {
        self.get(name).date()
    }
}

/// The code at the start of a coded value: `S`, `S - Started to be looked
/// after`, `s) S` all give `S`.
fn code(value: &str) -> String {
    crate::io::cell::uncoded(value)
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

fn yes(v: &Entered) -> bool {
    v.text().is_some_and(|t| matches!(t.to_ascii_lowercase().as_str(), "y" | "yes" | "true" | "1"))
}

/// What the rows read so far say.
#[derive(Default)]
struct State {
    day: NaiveDate,
    /// Hashed while reading (a lookup per row), sorted by id at the end.
    children: FastMap<String, Case>,
    /// Professional id → (name, job title).
    professionals: FastMap<String, (Option<String>, Option<String>)>,
    /// Looked-after episode ids and CLA ids → the child (looked up by `&str`,
    /// once per review or visit row).
    episode_child: FastMap<String, String>,
    cla_child: FastMap<String, String>,
    involvements: BTreeMap<String, Vec<Involvement>>,
    /// Care leavers' team and worker, used when no involvement is open.
    leaver_allocation: BTreeMap<String, (Option<String>, Option<String>)>,
    on_plan: BTreeSet<String>,
    /// Rows of reviews and visits whose episode id matched no episode.
    unjoined: usize,
    /// One shared name per event.
    names: Vec<Rc<str>>,
}

impl State {
    fn push(&mut self, person: &str, event: &'static str, date: NaiveDate, line: u64) {
        self.push_event(person, event, date, line, |_| {});
    }

    /// The child's case, made on first sight.
    fn child(&mut self, person: &str) -> &mut Case {
        if !self.children.contains_key(person) {
            self.children.insert(person.to_string(), Case { id: Rc::from(person), ..Case::default() });
        }
        self.children.get_mut(person).expect("just inserted")
    }

    /// One shared name per event.
    fn name(&mut self, event: &'static str) -> Rc<str> {
        match self.names.iter().find(|n| &***n == event) {
            Some(n) => Rc::clone(n),
            None => {
                self.names.push(Rc::from(event));
                Rc::from(event)
            }
        }
    }

    fn push_event(&mut self, person: &str, event: &'static str, date: NaiveDate, line: u64, f: impl Fn(&mut Event)) {
        let mut e = Event::new(self.name(event), date, line);
        f(&mut e);
        self.child(person).events.push(e);
    }

    /// A review row: held (an event, with the due date the system recorded for
    /// it), or scheduled and not yet held (only its recorded due date).
    fn review(&mut self, person: &str, event: &'static str, r: &RowView) {
        let due = r.date("due");
        match r.date("review") {
            Some(d) => self.push_event(person, event, d, r.line, |e| e.recorded_due = due),
            None => {
                if let Some(due) = due {
                    let event = self.name(event);
                    self.child(person).pending.push(Pending { event, recorded_due: due });
                }
            }
        }
    }

    fn take(&mut self, r: &RowView) {
        let table = r.spec.handler;
        match table {
            "ssd_professionals" => {
                if let Some(w) = r.text("worker") {
                    let v = (r.text("name").map(String::from), r.text("role").map(String::from));
                    self.professionals.insert(w.to_string(), v);
                }
                return;
            }
            "ssd_involvements" => {
                if let (Some(p), Some(w)) = (r.text("person"), r.text("worker")) {
                    self.involvements.entry(p.to_string()).or_default().push(Involvement {
                        worker: w.to_string(),
                        team: r.text("team").unwrap_or("").to_string(),
                        start: r.date("start"),
                        end: r.date("end"),
                    });
                }
                return;
            }
            _ => {}
        }
        let person = match r.text("person") {
            Some(p) => p.to_string(),
            None if JOINED.contains(&table) => {
                let by_episode = r.text("episode").and_then(|id| self.episode_child.get(id));
                let found = by_episode.or_else(|| r.text("cla").and_then(|id| self.cla_child.get(id))).cloned();
                match found {
                    Some(p) => p,
                    None => {
                        self.unjoined += 1;
                        return;
                    }
                }
            }
            None => return,
        };
        let p = person.as_str();
        let line = r.line;
        match table {
            "ssd_person" => {
                let dob = r.date("dob");
                self.child(p).dob = dob;
            }
            "ssd_cin_episodes" => {
                if let Some(d) = r.date("referral").filter(|_| !yes(r.get("nfa"))) {
                    self.push(p, "referral", d, line);
                }
                if let Some(d) = r.date("closed") {
                    self.push(p, "case-closed", d, line);
                }
            }
            "ssd_cin_assessments" => {
                if let Some(d) = r.date("authorised") {
                    self.push(p, "assessment-completed", d, line);
                }
            }
            "ssd_cin_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, "cin-visit", d, line);
                }
            }
            "ssd_s47_enquiry" => {
                if let Some(d) = r.date("start") {
                    self.push(p, "strategy-discussion", d, line);
                }
            }
            "ssd_initial_cp_conference" => {
                if let Some(d) = r.date("icpc") {
                    self.push(p, "icpcc", d, line);
                }
            }
            "ssd_cp_plans" => {
                // The plan starts at its conference; duplicates are merged in `finish`.
                if let Some(d) = r.date("start") {
                    self.push(p, "icpcc", d, line);
                }
                match r.date("end") {
                    Some(d) => self.push(p, "cp-plan-ended", d, line),
                    None if r.date("start").is_some_and(|s| s <= self.day) => {
                        self.on_plan.insert(person.clone());
                    }
                    None => {}
                }
            }
            "ssd_cp_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, "cp-visit", d, line);
                }
            }
            "ssd_cp_reviews" => self.review(p, "rcpcc", r),
            "ssd_cla_episodes" => {
                if let Some(id) = r.text("episode") {
                    self.episode_child.insert(id.to_string(), person.clone());
                }
                if let Some(id) = r.text("cla") {
                    self.cla_child.insert(id.to_string(), person.clone());
                }
                // S starts care; P/T/B/U move placement; L (legal status only)
                // neither. An episode ending for any reason but X1 (a new
                // episode the same day) ends care.
                let reason = r.text("reason").map(code).unwrap_or_default();
                if let Some(start) = r.date("start") {
                    match reason.as_str() {
                        "S" => self.push(p, "became-looked-after", start, line),
                        "P" | "T" | "B" | "U" => self.push(p, "placement-move", start, line),
                        _ => {}
                    }
                }
                if let Some(ceased) = r.date("ceased")
                    && r.text("ceased_reason").map(code).as_deref() != Some("X1")
                {
                    self.push(p, "ceased-looked-after", ceased, line);
                }
            }
            "ssd_cla_reviews" if !yes(r.get("cancelled")) => self.review(p, "cla-review", r),
            "ssd_cla_visits" => {
                if let Some(d) = r.date("visit") {
                    self.push(p, "cla-visit", d, line);
                }
            }
            "ssd_cla_health" => {
                let kind = r.text("kind").unwrap_or("").to_ascii_lowercase();
                let event = if kind.contains("dental") {
                    Some("dental-check")
                } else if kind.contains("health") || kind.contains("medical") {
                    Some("health-assessment")
                } else {
                    None
                };
                if let (Some(e), Some(d)) = (event, r.date("check")) {
                    self.push(p, e, d, line);
                }
            }
            "ssd_care_leavers" => {
                // One row per care leaver: the latest contact and pathway plan
                // review, not every one (snapshots).
                if let Some(d) = r.date("contact") {
                    self.push_event(p, "care-leaver-contact", d, line, |e| e.latest = true);
                }
                if let Some(d) = r.date("pathway") {
                    self.push_event(p, "pathway-plan-review", d, line, |e| e.latest = true);
                }
                let allocation = (r.text("team").map(String::from), r.text("worker").map(String::from));
                self.leaver_allocation.insert(person, allocation);
            }
            _ => {}
        }
    }

    /// Each child's events in date order, same-day duplicates merged (an ICPC
    /// and the plan it started), with date of birth, the `cp` detail for a
    /// child on a plan, and team and worker.
    fn finish(mut self, caseworker: &dyn Fn(&str) -> bool) -> Vec<Case> {
        let holds_cases = |i: &Involvement| {
            self.professionals.get(&i.worker).and_then(|p| p.1.as_deref()).is_some_and(|r| caseworker(&normalise(r)))
        };
        for (p, list) in &self.involvements {
            let Some(child) = self.children.get_mut(p) else { continue };
            if let Some(i) = current(list, self.day, holds_cases) {
                let inv = &list[i];
                let name = self.professionals.get(&inv.worker).and_then(|p| p.0.clone());
                child.worker = Some(name.unwrap_or_else(|| inv.worker.clone()));
                child.team = Some(inv.team.clone()).filter(|t| !t.is_empty());
            }
        }
        for (p, (team, worker)) in std::mem::take(&mut self.leaver_allocation) {
            if let Some(child) = self.children.get_mut(&p)
                && child.team.is_none()
                && child.worker.is_none()
            {
                child.team = team;
                child.worker = worker;
            }
        }
        for (id, child) in self.children.iter_mut() {
            // The same event twice on one day is one event (an ICPC and the
            // plan it started); the tracker puts a day's events in process order.
            child.events.sort_by(|a, b| (a.date, &a.event, a.line).cmp(&(b.date, &b.event, b.line)));
            child.events.dedup_by(|later, kept| {
                let same = later.date == kept.date && later.event == kept.event;
                if same {
                    kept.recorded_due = kept.recorded_due.or(later.recorded_due);
                }
                same
            });
            let on_plan = self.on_plan.contains(id);
            for e in &mut child.events {
                e.dob = child.dob;
                if on_plan {
                    e.details.push("cp".to_string());
                }
            }
        }
        let mut cases: Vec<Case> = self.children.into_values().collect();
        cases.sort_by(|a, b| case_order(&a.id, &b.id));
        cases
    }
}

/// The caseload from an SSD `ssd_involvements` extract: one row per worker
/// involvement, so one case per child (`invo_person_id`), allocated to the
/// involvement open on `inv.day` (a caseworker's first, then the latest start);
/// everyone involved by then recorded on the file (Quality Practice Audit §4.2). A
/// child with no open involvement is closed on the last end date, left with
/// its last worker, so the policy's "recently closed" window applies.
pub fn caseload(
    mut f: CsvFile,
    staff: &Staff,
    names: &mut Names,
    inv: &Involvements,
) -> Result<(Cases, Vec<String>), InputError> {
    use crate::model::cases::{Allocation, Case as CaseFile, Span};
    let c_id = f.require("case_id")?;
    let c_worker = f.require("worker_id")?;
    let c_team = f.column("team")?;
    let c_start = f.column("opened")?;
    let c_end = f.column("closed")?;
    // Not in the SSD; an authority may add it.
    let c_service = f.column("service")?;
    // Each child's first line, service and involvements, in order of first
    // appearance.
    let mut ids = IdArena::default();
    let mut lists: Vec<(u64, String, Vec<Involvement>)> = Vec::new();
    while f.next_record()? {
        let row = f.row();
        let id = row.required(c_id)?;
        // SQL Server writes an empty cell as NULL.
        let null = |c: Option<Col>| c.is_some_and(|c| row.text(c).eq_ignore_ascii_case("null"));
        let text = |c: Option<Col>| if null(c) { String::new() } else { row.opt_text(c).into_owned() };
        let involvement = Involvement {
            worker: text(Some(c_worker)),
            team: text(c_team),
            start: row.date(c_start)?,
            end: row.date(c_end)?,
        };
        let (n, new) = ids.insert(&id);
        if new {
            lists.push((row.line(), String::new(), Vec::new()));
        }
        let entry = &mut lists[n as usize];
        if entry.1.is_empty() {
            entry.1 = text(c_service);
        }
        entry.2.push(involvement);
    }
    let mut cases = Cases::default();
    let mut services = Names::default();
    let mut unknown = std::collections::BTreeSet::new();
    for (n, (line, service, list)) in lists.iter().enumerate() {
        let service = services.intern(service);
        let staff_of = |i: &Involvement| staff.get(&i.worker);
        let chosen = current(list, inv.day, |i| staff_of(i).is_some_and(|s| (inv.caseworker)(s)));
        let open = chosen.is_some() || list.iter().any(|i| i.end.is_none_or(|e| e > inv.day));
        let closed_on = if open { None } else { list.iter().filter_map(|i| i.end).max() };
        // Closed: the worker whose involvement ended last.
        let chosen = chosen.or_else(|| {
            (!open).then(|| list.iter().enumerate().max_by_key(|(k, i)| (i.end, *k)).map(|(k, _)| k)).flatten()
        });
        let worker = match chosen.map(|k| &list[k]) {
            Some(i) if i.worker.is_empty() => Allocation::Unallocated,
            Some(i) => match staff_of(i) {
                Some(s) => Allocation::Worker(s),
                None => {
                    unknown.insert(i.worker.clone());
                    Allocation::Unknown(i.worker.as_str().into())
                }
            },
            None => Allocation::Unallocated,
        };
        let team = chosen.map(|k| &list[k].team).filter(|t| !t.is_empty()).map(|t| names.intern(t));
        // Everyone involved by `day` (the allocated worker too: a file's
        // recorders must include its worker, Quality Practice Audit §4.2).
        let mut recorded: Vec<u32> = Vec::new();
        for i in list.iter().filter(|i| i.start.is_none_or(|s| s <= inv.day)) {
            if let Some(s) = staff_of(i)
                && !recorded.contains(&s)
            {
                recorded.push(s);
            }
        }
        let case = CaseFile {
            worker,
            team,
            area: None,
            service,
            closed: !open,
            closed_on,
            restricted: false,
            family: None,
            recorded: Span::default(),
            line: *line,
        };
        let _ = cases.push(ids.get_str(n as u32), &recorded, case);
    }
    cases.services = services;
    let mut warnings = Vec::new();
    if f.saw_windows_1252() {
        warnings.push(format!("{}: not UTF-8; read as Windows-1252", f.name()));
    }
    if !unknown.is_empty() {
        warnings.push(format!(
            "{}: {} professionals with open or last involvements are not in the staff file; their files are excluded (worker not in staff)",
            f.name(),
            unknown.len()
        ));
    }
    Ok((cases, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

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
