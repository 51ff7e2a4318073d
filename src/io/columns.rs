//! Header matching and `--columns FILE` mappings (SPEC §1).
//!
//! Headers match ignoring case, surrounding spaces, non-breaking spaces, and the
//! difference between spaces, hyphens and underscores (`Staff ID` = `staff_id`).
//! A mapping file is YAML, either flat (`case_id: Child Unique ID`) or sectioned by
//! file kind (`cases: {case_id: Child Unique ID}`); a sectioned entry wins.
//! `--columns NAME` names a built-in preset instead ([`PRESETS`]): a preset's
//! header, when a file lacks it, falls back to our own column name.

use crate::error::InputError;
use crate::words::normalise;
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Entry {
    Header(String),
    Section(BTreeMap<String, String>),
}

/// Our columns, by the kind of file that has them (the section names of a
/// mapping file). `check` files have the rule set's own fields, so any name.
pub const COLUMNS: [(&str, &[&str]); 6] = [
    ("staff", &["staff_id", "name", "role", "team", "area", "manager_id", "active", "audit_capacity"]),
    (
        "cases",
        &[
            "case_id",
            "worker_id",
            "team",
            "service",
            "area",
            "status",
            "opened",
            "closed",
            "restricted",
            "family_id",
            "recorded_by",
            "involvement_role",
        ],
    ),
    ("history", &["case_id", "date", "kind", "worker_id", "auditor_id", "month"]),
    ("events", &["case_id", "event", "date", "dob", "detail", "team", "worker", "latest", "recorded_due"]),
    ("closures", &["date", "name"]),
    ("selection", &["case_id", "worker_id", "team", "auditor_id", "month"]),
];

/// Built-in column presets for `--columns NAME`.
pub const PRESETS: [(&str, &str); 2] =
    [("ssd", include_str!("../../columns/ssd.yaml")), ("ssda903", include_str!("../../columns/ssda903.yaml"))];

/// Where each canonical column is found in a local export.
#[derive(Debug, Default, Clone)]
pub struct ColumnMap {
    flat: BTreeMap<String, String>,
    sections: BTreeMap<String, BTreeMap<String, String>>,
    /// The built-in preset this map is, if any.
    preset: Option<&'static str>,
}

impl ColumnMap {
    /// A built-in preset by name, else a mapping file.
    pub fn load(name_or_path: &str) -> Result<ColumnMap, InputError> {
        let preset = PRESETS.iter().find(|(n, _)| *n == name_or_path).map(|(n, _)| *n);
        let (name, text) = super::config::built_in_or_file(name_or_path, &PRESETS, "column preset")?;
        let mut map = ColumnMap::parse(&name, &text)?;
        map.preset = preset;
        Ok(map)
    }

    /// The built-in preset this map is (`ssd`), if it is one.
    pub fn preset(&self) -> Option<&'static str> {
        self.preset
    }

    fn parse(name: &str, text: &str) -> Result<ColumnMap, InputError> {
        let raw: BTreeMap<String, Entry> = yaml::from_str(name, text, "a map of `our_name: their header`")?;
        let mut map = ColumnMap::default();
        // A key the tool does not read is a mistake that would otherwise pass
        // in silence: the column it was meant for would not be found.
        let unknown = |key: &str, message: String| yaml::error_at(name, text, key, None, message);
        for (k, v) in raw {
            match v {
                Entry::Header(h) => {
                    let ours = normalise(&k);
                    if !COLUMNS.iter().any(|(_, cols)| cols.contains(&ours.as_str())) {
                        let all = COLUMNS.iter().flat_map(|(_, cols)| cols.iter().copied());
                        let hint = crate::words::did_you_mean(&ours, all);
                        return Err(unknown(
                            &k,
                            format!(
                                "'{k}' is not a column caseaudit reads{hint}; a rule set's own field names go under 'check:'"
                            ),
                        ));
                    }
                    map.flat.insert(ours, h);
                }
                Entry::Section(s) => {
                    let kind = normalise(&k);
                    let Some((_, known)) = COLUMNS.iter().find(|(n, _)| *n == kind) else {
                        let kinds: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).chain(["check"]).collect();
                        let hint = crate::words::did_you_mean(&kind, kinds.iter().copied());
                        if kind == "check" {
                            let s = s.into_iter().map(|(ours, theirs)| (normalise(&ours), theirs)).collect();
                            map.sections.insert(kind, s);
                            continue;
                        }
                        return Err(unknown(
                            &k,
                            format!(
                                "'{k}' is not a kind of file caseaudit reads{hint}; sections are {}",
                                kinds.join(", ")
                            ),
                        ));
                    };
                    let mut section = BTreeMap::new();
                    for (ours, theirs) in s {
                        let n = normalise(&ours);
                        if !known.contains(&n.as_str()) {
                            let hint = crate::words::did_you_mean(&n, known.iter().copied());
                            return Err(unknown(
                                &ours,
                                format!(
                                    "'{ours}' is not a column of {kind} files{hint}; they have {}",
                                    known.join(", ")
                                ),
                            ));
                        }
                        section.insert(n, theirs);
                    }
                    map.sections.insert(kind, section);
                }
            }
        }
        Ok(map)
    }

    /// The header to look for, in the export of `kind`, for the canonical `column`,
    /// and whether it must be there (a mapping file's sectioned entry; a
    /// preset's headers may be missing, and our own name is then looked for).
    pub fn header_for(&self, kind: &str, column: &str) -> Option<(&str, bool)> {
        let c = normalise(column);
        match self.sections.get(kind).and_then(|s| s.get(&c)) {
            Some(h) => Some((h.as_str(), self.preset.is_none())),
            None => self.flat.get(&c).map(|h| (h.as_str(), false)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_ignores_case_space_and_separators() {
        assert_eq!(normalise("  Staff ID "), "staff_id");
        assert_eq!(normalise("staff_id"), "staff_id");
        assert_eq!(normalise("Social-Worker"), "social_worker");
        assert_eq!(normalise("Social\u{a0}\u{a0}Worker"), "social_worker");
        assert_eq!(normalise("Date of Adoption Order "), "date_of_adoption_order");
    }
}
