//! The routing policy (docs/route.md): the roles, the working day and the urgent
//! chain, as YAML checked against `schemas/routing.schema.json`. The
//! procedure's own chain is the built-in `default`.

use super::Role;
use crate::calendar::dates::parse_time;
use crate::error::InputError;
use crate::model::roles::Roles;
use crate::yaml;
use chrono::NaiveTime;
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 1] = [("default", include_str!("../../policies/routing-default.yaml"))];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub source: String,
    pub team_manager_roles: Vec<String>,
    pub service_manager_roles: Vec<String>,
    pub hours: Hours,
    /// The urgent chain after the allocated worker: the steps that may
    /// follow it (not `allocated-worker` or `work-tray`).
    pub chain: Vec<Role>,
}

/// A policy with its times parsed and its roles normalised.
#[derive(Debug, Clone)]
pub struct Routing {
    pub policy: Policy,
    pub start: NaiveTime,
    pub end: NaiveTime,
    team_manager_roles: Roles,
    service_manager_roles: Roles,
}

impl Routing {
    pub fn is_team_manager(&self, role: &str) -> bool {
        self.team_manager_roles.contains(role)
    }

    pub fn is_service_manager(&self, role: &str) -> bool {
        self.service_manager_roles.contains(role)
    }
}

/// Reads a routing policy from text (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Routing, InputError> {
    let policy: Policy = yaml::from_str(file, text, "a routing policy; see `caseaudit schema routing`")?;
    let at = |key: &str, value: Option<&str>, message: String| yaml::error_at(file, text, key, value, message);
    let time = |key: &str, v: &str| {
        parse_time(v).map_err(|e| at(key, Some(v), format!("'hours: {key}: {v}': {e} (24-hour, like \"09:00\")")))
    };
    let (start, end) = (time("start", &policy.hours.start)?, time("end", &policy.hours.end)?);
    if end <= start {
        return Err(at("end", Some(&policy.hours.end), "'hours': the day ends before it starts".into()));
    }
    for (key, roles) in
        [("team_manager_roles", &policy.team_manager_roles), ("service_manager_roles", &policy.service_manager_roles)]
    {
        if roles.is_empty() {
            return Err(at(key, None, format!("'{key}' is empty; name the role as the staff file writes it")));
        }
    }
    if let Some(r) = policy.chain.iter().find(|r| matches!(r, Role::AllocatedWorker | Role::WorkTray)) {
        let word = r.word();
        return Err(at(
            "chain",
            None,
            format!("'chain' lists {word}, which is not a step of the urgent chain (the worker is always tried first)"),
        ));
    }
    if policy.chain.is_empty() {
        return Err(at("chain", None, "'chain' is empty; an urgent call would reach nobody after the worker".into()));
    }
    Ok(Routing {
        start,
        end,
        team_manager_roles: Roles::new(&policy.team_manager_roles),
        service_manager_roles: Roles::new(&policy.service_manager_roles),
        policy,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_built_in_reads() {
        let r = super::parse("default", super::BUILT_IN[0].1).unwrap();
        assert_eq!(r.policy.chain.len(), 6);
        assert!(r.is_team_manager("team_manager"));
        assert_eq!(r.start.to_string(), "09:00:00");
    }

    #[test]
    fn a_day_that_ends_before_it_starts_is_refused() {
        let text = super::BUILT_IN[0].1.replace("end: \"17:00\"", "end: \"08:00\"");
        let e = super::parse("p.yaml", &text).unwrap_err();
        assert!(e.to_string().contains("ends before it starts"), "{e}");
    }
}
