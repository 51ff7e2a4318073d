//! The catalogue: the Annex A lists `caseaudit` reads, the columns of each and
//! the headers they go by, and how a sheet is recognised as one of them.

use crate::words::normalise;

/// The columns `caseaudit` reads, per list: (our name, the Annex A headers).
/// The first alias is the Annex A guidance's own header.
pub struct ListSpec {
    pub number: u8,
    pub title: &'static str,
    pub columns: &'static [(&'static str, &'static [&'static str])],
}

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

pub(super) const COMMON: [(&str, &[&str]); 5] = [
    ("child_id", CHILD_ID),
    ("date_of_birth", &["date of birth", "dob"]),
    ("age", &["age of child (years)", "age"]),
    ("team", &["allocated team"]),
    ("worker", &["allocated worker"]),
];

/// Lists 3 to 9, the ones with statutory dates (docs/reference/input-files.md).
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
pub(super) fn is_date(name: &str) -> bool {
    !matches!(name, "child_id" | "age" | "team" | "worker" | "referral_nfa" | "icpc_unnecessary")
}

/// The list a sheet holds: by its name (`List 3`, `list3`, `L3`), else by its
/// headers (most of a list's own columns present).
/// The headers of the child's id, in every list.
pub(super) const CHILD_ID: &[&str] = &["child unique id", "child id", "unique child id"];

pub(super) fn which_list(sheet: &str, headers: &[String]) -> Option<&'static ListSpec> {
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
            let found = own.iter().filter(|(_, aliases)| position(aliases, headers).is_some()).count();
            (found * 2 > own.len() && found > 0, found, l)
        })
        .filter(|(enough, _, _)| *enough)
        .max_by_key(|(_, found, l)| (*found, std::cmp::Reverse(l.number)))
        .map(|(_, _, l)| l)
}

/// The first of the (normalised) `headers` that is one of a column's aliases
/// (written in [`LISTS`] as people type them, and normalised once here).
pub(super) fn position(aliases: &[&str], headers: &[String]) -> Option<usize> {
    let wanted: Vec<String> = aliases.iter().map(|a| normalise(a)).collect();
    headers.iter().position(|h| wanted.contains(h))
}
