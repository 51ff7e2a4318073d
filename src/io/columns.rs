//! Header matching and `--columns FILE` mappings (docs/reference/conventions.md).
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
    Section(BTreeMap<String, Value>),
}

/// A section's value: a header, or (for `header_row`) a row number.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Value {
    Number(u64),
    Text(String),
}

/// Our columns, by the kind of file that has them (the section names of a
/// mapping file). `check` files have the rule set's own fields, so any name.
/// Every column any command reads is here, so every one can be mapped (a
/// debug build checks it as each is looked up).
pub const COLUMNS: [(&str, &[&str]); 9] = [
    (
        "staff",
        &[
            "staff_id",
            "name",
            "role",
            "team",
            "area",
            "manager_id",
            "active",
            "audit_capacity",
            "email",
            "covering_manager_id",
        ],
    ),
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
    ("availability", &["staff_id", "from", "to", "absence", "back"]),
    ("rota", &["date", "team", "duty_worker_id", "covering_manager_id"]),
    ("concerns", &["case_id", "received_at", "urgent", "via"]),
];

/// The columns a file of each kind cannot be read without. A file's header
/// row is the first of its first rows that holds them all (after mapping), so
/// a report's title rows above the header are passed over.
pub const REQUIRED: [(&str, &[&str]); 10] = [
    ("staff", &["staff_id", "role", "team"]),
    ("cases", &["case_id", "worker_id"]),
    ("history", &["case_id", "kind"]),
    ("events", &["case_id", "event", "date"]),
    ("closures", &["date"]),
    ("selection", &["case_id"]),
    ("availability", &["staff_id", "from", "to", "absence"]),
    ("rota", &["date", "team", "duty_worker_id"]),
    ("concerns", &["case_id", "received_at"]),
    // An Ofsted Annex A list saved as CSV (its other columns depend on the list).
    ("annex-a", &["child_unique_id"]),
];

/// Other spellings case systems and spreadsheets use for our columns, tried
/// (in this order) when a file has neither a mapping for the column nor our
/// own name; a note says which header was read. Kept to names that cannot mean
/// another column of the same kind of file.
pub const SPELLINGS: [(&str, &str, &[&str]); 16] = [
    ("staff", "staff_id", &["worker_id", "employee_id", "employee_number", "staff_number", "staff_no"]),
    ("staff", "name", &["worker_name", "staff_name", "full_name", "employee_name"]),
    ("staff", "role", &["job_title", "job_role", "post_title"]),
    ("staff", "team", &["team_name"]),
    ("staff", "area", &["locality", "area_name"]),
    ("staff", "manager_id", &["line_manager_id", "manager_staff_id", "line_manager_staff_id"]),
    ("staff", "email", &["e_mail", "email_address", "e_mail_address", "work_email", "work_email_address"]),
    ("staff", "covering_manager_id", &["covering_manager", "cover_manager_id"]),
    ("staff", "audit_capacity", &["capacity", "audits_a_month"]),
    ("cases", "case_id", &["child_id", "child_unique_id", "person_id"]),
    ("cases", "worker_id", &["allocated_worker_id"]),
    ("cases", "recorded_by", &["recorded_by_ids"]),
    ("cases", "area", &["locality", "area_name"]),
    ("history", "case_id", &["child_id", "child_unique_id", "person_id"]),
    ("events", "case_id", &["child_id", "child_unique_id", "person_id"]),
    ("annex-a", "child_unique_id", &["child_id", "unique_child_id"]),
];

/// The columns a file of `kind` cannot be read without (none for a kind
/// without a fixed shape, such as a rule set's `check` file).
pub fn required(kind: &str) -> &'static [&'static str] {
    REQUIRED.iter().find(|(k, _)| *k == kind).map_or(&[], |(_, c)| *c)
}

/// The other spellings of `column` in files of `kind`.
pub fn spellings(kind: &str, column: &str) -> &'static [&'static str] {
    SPELLINGS.iter().find(|(k, c, _)| *k == kind && *c == column).map_or(&[], |(_, _, s)| *s)
}

/// Whether `column` is one of ours for files of `kind` (any name is, for a
/// kind whose columns are not fixed).
pub fn is_known(kind: &str, column: &str) -> bool {
    COLUMNS.iter().find(|(k, _)| *k == kind).is_none_or(|(_, cols)| cols.contains(&column))
}

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
    /// `header_row:` of a section: the row each kind of file has its header on.
    header_rows: BTreeMap<String, u64>,
    /// `--header-row N`: the row every file has its header on, unless its
    /// section says otherwise.
    header_row: Option<u64>,
    /// The columns a kind of file needs, where the command knows them at run
    /// time (a rule set's fields), in place of [`REQUIRED`].
    needed: BTreeMap<String, Vec<String>>,
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

    /// A mapping file's text (`name` names it in errors).
    pub fn load_text(name: &str, text: &str) -> Result<ColumnMap, InputError> {
        ColumnMap::parse(name, text)
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
                    // A rule set's fields (`check:`) may have any name.
                    let known = match COLUMNS.iter().find(|(n, _)| *n == kind) {
                        Some((_, known)) => Some(*known),
                        None if kind == "check" => None,
                        None => {
                            let kinds: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).chain(["check"]).collect();
                            let hint = crate::words::did_you_mean(&kind, kinds.iter().copied());
                            return Err(unknown(
                                &k,
                                format!(
                                    "'{k}' is not a kind of file caseaudit reads{hint}; sections are {}",
                                    kinds.join(", ")
                                ),
                            ));
                        }
                    };
                    let mut section = BTreeMap::new();
                    for (ours, theirs) in s {
                        let n = normalise(&ours);
                        let theirs = match (n.as_str(), theirs) {
                            ("header_row", Value::Number(row)) if row >= 1 => {
                                map.header_rows.insert(kind.clone(), row);
                                continue;
                            }
                            ("header_row", _) => {
                                let message = format!("'{ours}' in '{k}' is the row number of the header: 1 or more");
                                return Err(unknown(&ours, message));
                            }
                            (_, Value::Text(t)) => t,
                            (_, Value::Number(v)) => v.to_string(),
                        };
                        if let Some(known) = known
                            && !known.contains(&n.as_str())
                        {
                            let hint = crate::words::did_you_mean(&n, known.iter().copied());
                            return Err(unknown(
                                &ours,
                                format!(
                                    "'{ours}' is not a column of {kind} files{hint}; they have {}, and header_row",
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

    /// The same map, with `--header-row N` for every file whose section does
    /// not give its own.
    pub fn with_header_row(mut self, row: Option<u64>) -> ColumnMap {
        self.header_row = row;
        self
    }

    /// The same map, saying that files of `kind` need the columns `names`
    /// (a rule set's, for `check`): the header is the row that has them.
    pub fn with_needed(mut self, kind: &str, names: Vec<String>) -> ColumnMap {
        self.needed.insert(kind.to_string(), names);
        self
    }

    /// The columns a file of `kind` cannot be read without.
    pub fn needed(&self, kind: &str) -> Vec<&str> {
        match self.needed.get(kind) {
            Some(names) => names.iter().map(String::as_str).collect(),
            None => required(kind).to_vec(),
        }
    }

    /// The row (1-based) a file of `kind` has its header on, when it is given
    /// rather than found.
    pub fn header_row(&self, kind: &str) -> Option<u64> {
        self.header_rows.get(kind).copied().or(self.header_row)
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
