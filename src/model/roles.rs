//! A policy's list of roles, matched the one way every policy matches them:
//! as [`normalise`] compares names, so `Social Worker`, `social-worker` and
//! `social_worker` are one role. The selection policy's caseworker and auditor
//! roles and the routing policy's manager roles are all lists like this.

use crate::words::normalise;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles(Vec<String>);

impl Roles {
    /// The roles a policy lists, as written there.
    pub fn new(listed: &[String]) -> Roles {
        Roles(listed.iter().map(|r| normalise(r)).collect())
    }

    /// Whether a staff member's role (normalised, as [`StaffMember::role`](
    /// crate::model::staff::StaffMember::role) holds it) is one of these.
    pub fn contains(&self, role: &str) -> bool {
        self.0.iter().any(|r| r == role)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The roles, normalised, in the policy's order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The roles joined for a message: `social_worker, senior_practitioner`.
    pub fn join(&self, sep: &str) -> String {
        self.0.join(sep)
    }
}

#[cfg(test)]
mod tests {
    use super::Roles;

    #[test]
    fn roles_match_however_they_are_written() {
        let r = Roles::new(&["Social Worker".to_string(), "personal-adviser".to_string()]);
        assert!(r.contains("social_worker"));
        assert!(r.contains("personal_adviser"));
        assert!(!r.contains("personal_advisor"));
        assert!(!r.contains("senior_social_worker"));
    }
}
