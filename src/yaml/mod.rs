//! YAML text to values, with positions. This reads no files: a policy, a rule set,
//! a timescale set or a template arrives here as text from the edge (`io::config`),
//! and the domain module that owns the format parses it.
//!
//! Typed values come through `serde-saphyr`, which gives line and column for every
//! error and enforces a budget against YAML bombs (deep nesting, alias expansion);
//! [`tree`] keeps every node's position, for checks that report every problem.

pub mod tree;

use crate::error::InputError;
use serde::de::DeserializeOwned;

/// Parses `text` (read from `file`) as one YAML document of type `T`.
/// `what` names the expected shape for the error message.
pub fn from_str<T: DeserializeOwned>(file: &str, text: &str, what: &str) -> Result<T, InputError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_anchors: 1_000,
            max_events: 1_000_000,
        },
    };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|e| {
        let (line, column) = match e.location() {
            Some(loc) if loc.line() > 0 => (Some(loc.line()), Some(loc.column() as usize)),
            _ => (None, None),
        };
        let message = e.without_snippet().to_string();
        // The crate's message repeats the position; we print it once, in front.
        let message = strip_position(&message);
        InputError { file: file.to_string(), line, column, message: format!("{message} (expected {what})") }
    })
}

fn strip_position(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    match first.rfind(" at line ") {
        Some(i) => first[..i].trim_end_matches(',').to_string(),
        None => first.to_string(),
    }
}

/// Where `key: value` is written in a YAML (or JSON) text: the 1-based line
/// and column of the value, or of the key when `value` is `None`. A check made
/// after parsing (`window: six months`, `type: strng`) names its place this
/// way, since the parsed value no longer carries one. Keys may be quoted, and
/// in block or flow style; the first match is taken.
pub fn locate(text: &str, key: &str, value: Option<&str>) -> Option<(u64, usize)> {
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let mut from = 0;
        while let Some(found) = line[from..].find(key) {
            let at = from + found;
            from = at + key.len().max(1);
            let before = line[..at].trim_end_matches(['"', '\'']).chars().last();
            if !before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-')) {
                continue;
            }
            let after = line[at + key.len()..].trim_start_matches(['"', '\'']);
            let Some(rest) = after.trim_start().strip_prefix(':') else { continue };
            let Some(v) = value else { return Some((i as u64 + 1, at + 1)) };
            let shown = rest.trim_start().trim_start_matches(['"', '\'']);
            if shown.starts_with(v) {
                let column = line.len() - shown.len() + 1;
                return Some((i as u64 + 1, column));
            }
        }
    }
    None
}

/// An error at `key: value` in `file`'s `text`, or about the whole file when
/// the place cannot be found.
pub fn error_at(file: &str, text: &str, key: &str, value: Option<&str>, message: String) -> InputError {
    match locate(text, key, value) {
        Some((line, column)) => InputError::at(file, line, Some(column), message),
        None => InputError::file(file, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_are_found_where_written() {
        let text = "# window: ignored\nname: x\nwindow: six months\nfields:\n  - {name: a, type: strng}\n  - \"pattern\": \"C[0-9\"\n";
        assert_eq!(locate(text, "window", Some("six months")), Some((3, 9)));
        assert_eq!(locate(text, "window", None), Some((3, 1)));
        assert_eq!(locate(text, "type", Some("strng")), Some((5, 21)));
        assert_eq!(locate(text, "pattern", Some("C[0-9")), Some((6, 17)));
        assert_eq!(locate(text, "name", Some("a")), Some((5, 12)));
        assert_eq!(locate(text, "missing", None), None);
    }
}
