//! Themes from what auditors wrote (Good practice audit guidance: Stage 3,
//! "an analysis of the themes from the practice ... the strengths and
//! barriers to effective interventions ... the relationship with partner
//! agencies"). A theme file (YAML, `caseaudit schema themes`; the built-in
//! `default` is `caseaudit show themes default`) names each theme, its kind
//! and the phrases or patterns that mark it; [`matcher`] finds them in the
//! free text of the counted audits, whole words and any case, with the common
//! forms of negation ("no evidence of", "not", "lack of") handled; and
//! [`tables`] counts the audits that mention each.
//!
//! Matching is plain and explainable: no model and no network, and
//! `report --explain-themes` shows which phrase matched where, and why a
//! negated one did not count.

pub mod matcher;
pub mod tables;

use crate::error::InputError;
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 1] = [("default", include_str!("default.yaml"))];

/// What a theme says about practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Strength,
    Barrier,
    PartnerAgency,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Strength => "strength",
            Kind::Barrier => "barrier",
            Kind::PartnerAgency => "partner-agency",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// Where the theme comes from, by short title (docs/sources.md).
    #[serde(default)]
    pub source: String,
    /// Words or phrases, matched as whole words in any case; a hyphen or
    /// a run of spaces matches either (`multi-agency` is `multi agency`).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Regular expressions, for what a phrase cannot say (`s\.?47`);
    /// matched in any case, at word boundaries.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// The theme a negated mention counts for instead ("no evidence of
    /// management oversight" is a barrier); without it, a negated mention
    /// counts for nothing.
    #[serde(default)]
    pub negated: Option<String>,
}

/// The words that make a mention negated, and how far they reach.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negation {
    /// Cues before the phrase: "no evidence of", "lack of", "not".
    pub before: Vec<String>,
    /// Cues after it: "not" ("the child's voice is not captured").
    #[serde(default)]
    pub after: Vec<String>,
    /// How many words before the phrase a cue may be (it must lie wholly
    /// within them), in the same clause.
    #[serde(default = "five")]
    pub window: usize,
    /// How many words after the phrase a cue may be, in the same clause.
    #[serde(default = "three")]
    pub window_after: usize,
}

fn five() -> usize {
    5
}

fn three() -> usize {
    3
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub name: String,
    pub version: u32,
    pub negation: Negation,
    pub themes: Vec<Theme>,
}

/// A theme file, checked, with its matcher built.
#[derive(Debug)]
pub struct Themes {
    pub name: String,
    pub themes: Vec<Theme>,
    pub matcher: matcher::Matcher,
}

impl Themes {
    /// The position of theme `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }
}

/// Reads a theme file from text (`file` names it in errors).
pub fn parse(file: &str, text: &str) -> Result<Themes, InputError> {
    let f: File = crate::yaml::from_str(file, text, "a theme file; see `caseaudit schema themes`")?;
    let bad = |key: &str, value: Option<&str>, m: String| crate::yaml::error_at(file, text, key, value, m);
    let mut seen: Vec<&str> = Vec::new();
    for t in &f.themes {
        let id_ok = !t.id.is_empty()
            && t.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !t.id.starts_with('-');
        if !id_ok {
            return Err(bad(
                "id",
                Some(&t.id),
                format!("theme id '{}' should be lower-case words joined by '-'", t.id),
            ));
        }
        if seen.contains(&t.id.as_str()) {
            return Err(bad("id", Some(&t.id), format!("theme id '{}' is used twice", t.id)));
        }
        seen.push(&t.id);
        if t.phrases.is_empty() && t.patterns.is_empty() {
            return Err(bad("id", Some(&t.id), format!("theme '{}' has no phrases and no patterns", t.id)));
        }
    }
    for t in &f.themes {
        if let Some(n) = &t.negated
            && (n == &t.id || !seen.contains(&n.as_str()))
        {
            let why = if n == &t.id { "itself" } else { "no theme of this file" };
            return Err(bad("negated", Some(n), format!("theme '{}': 'negated' names {why} ('{n}')", t.id)));
        }
    }
    let matcher = matcher::Matcher::new(&f.themes, &f.negation).map_err(|(key, value, m)| bad(key, Some(&value), m))?;
    Ok(Themes { name: f.name, themes: f.themes, matcher })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(theme: &str) -> String {
        format!("name: t\nversion: 1\nnegation:\n  before: [\"not\"]\nthemes:\n{theme}")
    }

    #[test]
    fn the_built_in_file_reads() {
        let t = parse("default", BUILT_IN[0].1).unwrap();
        assert!(t.themes.len() >= 12);
        for kind in [Kind::Strength, Kind::Barrier, Kind::PartnerAgency] {
            assert!(t.themes.iter().any(|x| x.kind == kind), "{kind:?}");
        }
        assert!(t.themes.iter().all(|x| !x.source.is_empty()), "each theme cites its source");
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let cases = [
            ("  - {id: Voice, label: V, kind: strength, phrases: [voice]}\n", "lower-case"),
            (
                "  - {id: v, label: V, kind: strength, phrases: [voice]}\n  - {id: v, label: W, kind: barrier, phrases: [w]}\n",
                "used twice",
            ),
            ("  - {id: v, label: V, kind: strength}\n", "no phrases"),
            ("  - {id: v, label: V, kind: strength, phrases: [voice], negated: w}\n", "no theme"),
            ("  - {id: v, label: V, kind: strength, phrases: [voice], negated: v}\n", "itself"),
            ("  - {id: v, label: V, kind: strength, patterns: [\"(\"]}\n", "pattern"),
            ("  - {id: v, label: V, kind: strength, patterns: [\"x*\"]}\n", "empty"),
            ("  - {id: v, label: V, kind: strength, phrases: [\"--\"]}\n", "no word"),
            ("  - {id: v, label: V, kind: good, phrases: [voice]}\n", "partner-agency"),
        ];
        for (theme, says) in cases {
            let e = parse("t.yaml", &one(theme)).unwrap_err().to_string();
            assert!(e.contains(says), "{theme}: {e}");
        }
    }
}
