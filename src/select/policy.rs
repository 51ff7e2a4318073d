//! Selection policies (docs/select.md): two built in, any other as a YAML file
//! checked against `schemas/policy.schema.json`.

use crate::calendar::Roll;
use crate::error::InputError;
use crate::model::roles::Roles;
use crate::words::normalise;
use crate::yaml;
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 2] = [
    ("quality-practice", include_str!("../../policies/quality-practice.yaml")),
    ("good-practice", include_str!("../../policies/good-practice.yaml")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    Random,
    LongestUnaudited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Restricted {
    /// Selected as usual and flagged: the auditor must request access (Good practice audit guidance).
    Flag,
    Exclude,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Files {
    /// Every selected file gets an auditor (Good practice audit guidance).
    All,
    /// At least `per_team` files of each team (Quality Practice Audit §10.2).
    PerTeam,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OtherTeam {
    Required,
    Preferred,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationRules {
    pub files: Files,
    #[serde(default = "one")]
    pub per_team: u32,
    #[serde(default = "required")]
    pub other_team: OtherTeam,
    /// Audits a month for an auditor without `audit_capacity`; absent means no
    /// fixed cap (the allocation spreads files as evenly as the rules allow).
    #[serde(default)]
    pub default_capacity: Option<u32>,
}

fn one() -> u32 {
    1
}
fn required() -> OtherTeam {
    OtherTeam::Required
}
fn yes() -> bool {
    true
}

/// A date of the month's audit timetable, printed as a column of the selection.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimetableDate {
    pub column: String,
    /// 0 = the selection month, 1 = the month after, …
    pub months_after: u32,
    /// Day of that month (clamped to its last day).
    pub day: u32,
    /// Where a date on a non-working day moves; the policy's `roll` by default.
    #[serde(default)]
    pub roll: Option<Roll>,
    pub source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub source: String,
    pub caseworker_roles: Vec<String>,
    /// Roles that may hold cases but whose files are not selected (a student
    /// on placement, say): their cases are excluded as `worker-not-caseworker`
    /// without the warning that a caseholder's role is not in the policy.
    #[serde(default)]
    pub not_selected_roles: Vec<String>,
    pub auditor_roles: Vec<String>,
    /// How long a selected or audited case stays out of selection: "12 months".
    pub window: String,
    /// Service areas in scope; empty means every service.
    #[serde(default)]
    pub services: Vec<String>,
    /// How long after closing a case may still be chosen: "3 months".
    pub recently_closed: String,
    pub restricted: Restricted,
    #[serde(default = "yes")]
    pub one_case_per_family: bool,
    pub choice: Choice,
    pub allocation: AllocationRules,
    #[serde(default)]
    pub timetable: Vec<TimetableDate>,
    /// Whether the staff file must say who manages whom. The allocation's point
    /// is that no auditor line-manages the file, so a staff file without
    /// `manager_id` stops the run, unless the policy says line management is
    /// `not-recorded` (an SSD extract): auditors are then kept off only their
    /// own files, with one warning.
    #[serde(default)]
    pub line_management: LineManagement,
    /// Timetable dates on a non-working day move back to the last working day
    /// before them ("by the 5th" is Friday the 4th when the 5th is a Saturday),
    /// or forward with `roll: forward`.
    #[serde(default)]
    pub roll: Roll,
    /// The timetable column by which completed audits are due back, for
    /// `report`'s "returned on time" (Quality Practice Audit §12.2: to the
    /// performance unit by the 20th).
    #[serde(default)]
    pub returned_by: Option<String>,
    /// The highest acceptable share of inadequate audits, for `report`: "10%".
    #[serde(default)]
    pub inadequate_target: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineManagement {
    #[default]
    Required,
    NotRecorded,
}

/// A policy with its settings parsed and names normalised.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub policy: Policy,
    /// `inadequate_target` in percent (10 when the policy does not say).
    pub inadequate_target: f64,
    pub window_months: u32,
    pub recently_closed_months: u32,
    pub caseworker_roles: Roles,
    pub not_selected_roles: Roles,
    pub auditor_roles: Roles,
    pub services: Vec<String>,
}

impl Resolved {
    pub fn is_caseworker_role(&self, role: &str) -> bool {
        self.caseworker_roles.contains(role)
    }

    pub fn is_auditor_role(&self, role: &str) -> bool {
        self.auditor_roles.contains(role)
    }

    pub fn in_scope(&self, service: &str) -> bool {
        self.services.is_empty() || self.services.contains(&normalise(service))
    }
}

/// Reads a policy from text (`file` names it in errors); `cmd::config::policy`
/// finds the text of a built-in or a file.
pub fn parse(file: &str, text: &str) -> Result<Resolved, InputError> {
    let policy: Policy = yaml::from_str(file, text, "a selection policy; see `caseaudit schema policy`")?;
    let at = |key: &str, value: Option<&str>, message: String| yaml::error_at(file, text, key, value, message);
    let months = |field: &str, v: &str| {
        parse_months(v).filter(|&m| m <= 1200).ok_or_else(|| {
            at(field, Some(v), format!("'{field}: {v}' should be a number of months up to 1200, like \"12 months\""))
        })
    };
    let window_months = months("window", &policy.window)?;
    let recently_closed_months = months("recently_closed", &policy.recently_closed)?;
    if policy.caseworker_roles.is_empty() {
        return Err(at(
            "caseworker_roles",
            None,
            "'caseworker_roles' is empty; name at least one role that holds cases".into(),
        ));
    }
    if policy.auditor_roles.is_empty() {
        return Err(at(
            "auditor_roles",
            None,
            "'auditor_roles' is empty; name at least one role that may audit".into(),
        ));
    }
    for t in &policy.timetable {
        if !(1..=31).contains(&t.day) {
            let (day, message) = (t.day.to_string(), format!("timetable '{}': day {} is not 1–31", t.column, t.day));
            return Err(at("day", Some(&day), message));
        }
        if t.months_after > 24 {
            let n = t.months_after.to_string();
            return Err(at(
                "months_after",
                Some(&n),
                format!("timetable '{}': months_after {n} is more than 24", t.column),
            ));
        }
    }
    let inadequate_target = match &policy.inadequate_target {
        None => 10.0,
        Some(t) => {
            t.trim().trim_end_matches('%').trim().parse::<f64>().ok().filter(|p| (0.0..=100.0).contains(p)).ok_or_else(
                || {
                    at(
                        "inadequate_target",
                        Some(t),
                        format!("'inadequate_target: {t}' should be a percentage, like \"10%\""),
                    )
                },
            )?
        }
    };
    if let Some(col) = &policy.returned_by
        && !policy.timetable.iter().any(|t| &t.column == col)
    {
        let names: Vec<&str> = policy.timetable.iter().map(|t| t.column.as_str()).collect();
        return Err(at(
            "returned_by",
            Some(col),
            format!("'returned_by: {col}' is not a timetable column ({})", names.join(", ")),
        ));
    }
    Ok(Resolved {
        inadequate_target,
        window_months,
        recently_closed_months,
        caseworker_roles: Roles::new(&policy.caseworker_roles),
        not_selected_roles: Roles::new(&policy.not_selected_roles),
        auditor_roles: Roles::new(&policy.auditor_roles),
        services: policy.services.iter().map(|s| normalise(s)).collect(),
        policy,
    })
}

/// "12 months", "3 months", "1 month", "quarter" (3), "year" (12).
pub fn parse_months(s: &str) -> Option<u32> {
    let t = s.trim().to_ascii_lowercase();
    match t.as_str() {
        "quarter" | "a quarter" => return Some(3),
        "year" | "a year" => return Some(12),
        _ => {}
    }
    let (n, unit) = t.split_once(' ')?;
    let n: u32 = n.trim().parse().ok()?;
    matches!(unit.trim(), "month" | "months").then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in(name: &str) -> Resolved {
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name).unwrap();
        parse(name, text).unwrap()
    }

    #[test]
    fn built_ins_parse() {
        for (name, _) in BUILT_IN {
            let p = built_in(name);
            assert_eq!(p.policy.name, name);
        }
        let q = built_in("quality-practice");
        assert_eq!(q.window_months, 12);
        assert!(q.is_caseworker_role("social_worker"));
        let g = built_in("good-practice");
        assert_eq!(g.window_months, 3);
        assert!(g.is_auditor_role("group_manager"));
    }

    #[test]
    fn absurd_windows_are_errors_not_panics() {
        let good = BUILT_IN[1].1;
        assert!(parse("p", &good.replace("window: 3 months", "window: 4000000000 months")).is_err());
        assert!(
            parse(
                "p",
                &good.replace("    months_after: 0\n    day: 21\n", "    months_after: 4000000000\n    day: 21\n")
            )
            .is_err()
        );
    }

    #[test]
    fn months_parse() {
        assert_eq!(parse_months("12 months"), Some(12));
        assert_eq!(parse_months("1 month"), Some(1));
        assert_eq!(parse_months("quarter"), Some(3));
        assert_eq!(parse_months("12 weeks"), None);
    }
}
