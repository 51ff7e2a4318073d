//! Header matching and `--columns FILE` mappings (SPEC §1).
//!
//! Headers match ignoring case, surrounding spaces, non-breaking spaces, and the
//! difference between spaces, hyphens and underscores (`Staff ID` = `staff_id`).
//! A mapping file is YAML, either flat (`case_id: Child Unique ID`) or sectioned by
//! file kind (`cases: {case_id: Child Unique ID}`); a sectioned entry wins.
//! `--columns NAME` names a built-in preset instead ([`PRESETS`]): a preset's
//! header, when a file lacks it, falls back to our own column name.

use crate::error::InputError;
use crate::io::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Normalises a header or role name for comparison.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_sep = false;
    for ch in name.chars() {
        let c = match ch {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' | ' ' | '-' | '_' => None,
            c => Some(c),
        };
        match c {
            None => pending_sep = !out.is_empty(),
            Some(c) => {
                if pending_sep {
                    out.push('_');
                    pending_sep = false;
                }
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Entry {
    Header(String),
    Section(BTreeMap<String, String>),
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
}

impl ColumnMap {
    /// A built-in preset by name, else a mapping file.
    pub fn load(name_or_path: &str) -> Result<ColumnMap, InputError> {
        let preset = PRESETS.iter().find(|(n, _)| *n == name_or_path).map(|(n, _)| *n);
        let (name, text) = yaml::built_in_or_file(name_or_path, &PRESETS, "column preset")?;
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
        for (k, v) in raw {
            match v {
                Entry::Header(h) => {
                    map.flat.insert(normalise(&k), h);
                }
                Entry::Section(s) => {
                    let s = s.into_iter().map(|(ours, theirs)| (normalise(&ours), theirs)).collect();
                    map.sections.insert(normalise(&k), s);
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
