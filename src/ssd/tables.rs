//! The catalogue: the SSD tables (and SSDA903 files) `caseaudit` reads, the
//! columns it reads from each and the names they go by, the events each can
//! record, and how a file is recognised as one of them.

use crate::error::InputError;
use crate::io::columns::ColumnMap;
use crate::io::csvin::CsvFile;
use crate::model::event_kind::EventKind;
use crate::words::normalise;
use EventKind as E;

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
        columns: &[
            text("person", &["s47e_person_id"]),
            date("start", &["s47e_s47_start_date"]),
            text("nfa", &["s47e_s47_nfa"]),
        ],
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
pub(super) const RECORDS: [(&str, &str, EventKind); 18] = [
    ("ssd_cin_episodes", "referral", E::Referral),
    ("ssd_cin_episodes", "closed", E::CaseClosed),
    ("ssd_cin_assessments", "authorised", E::AssessmentCompleted),
    ("ssd_cin_visits", "visit", E::CinVisit),
    ("ssd_s47_enquiry", "start", E::StrategyDiscussion),
    ("ssd_initial_cp_conference", "icpc", E::Icpcc),
    ("ssd_cp_plans", "end", E::CpPlanEnded),
    ("ssd_cp_visits", "visit", E::CpVisit),
    ("ssd_cp_reviews", "review", E::Rcpcc),
    ("ssd_cla_episodes", "start", E::BecameLookedAfter),
    ("ssd_cla_episodes", "start", E::PlacementMove),
    ("ssd_cla_episodes", "ceased", E::CeasedLookedAfter),
    ("ssd_cla_reviews", "review", E::ClaReview),
    ("ssd_cla_visits", "visit", E::ClaVisit),
    ("ssd_cla_health", "check", E::HealthAssessment),
    ("ssd_cla_health", "check", E::DentalCheck),
    ("ssd_care_leavers", "contact", E::CareLeaverContact),
    ("ssd_care_leavers", "pathway", E::PathwayPlanReview),
];

/// Tables whose rows can reach the child through a looked-after episode id
/// instead of a person id.
pub(super) const JOINED: [&str; 2] = ["ssd_cla_reviews", "ssd_cla_visits"];

/// Which table a file holds: by file name (the longest SSD table name the
/// name starts with), else by its headers: most columns with an SSD table's
/// prefix, else all of an SSDA903 file's marking headers.
pub fn which_table(path: &str, headers: &[String]) -> Option<&'static TableSpec> {
    // A workbook's sheet is named like a file (`book.xlsx#ssd_person`).
    let stem = match crate::error::workbook_path(path) {
        Some((_, Some(sheet))) => normalise(sheet),
        _ => std::path::Path::new(path).file_stem().map(|s| normalise(&s.to_string_lossy())).unwrap_or_default(),
    };
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
pub(super) fn family(table: &TableSpec) -> (&'static str, &'static str) {
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
