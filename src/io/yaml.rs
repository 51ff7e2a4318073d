//! YAML input through `serde-saphyr`, which gives line and column for every error
//! and enforces a budget against YAML bombs (deep nesting, alias expansion).

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
