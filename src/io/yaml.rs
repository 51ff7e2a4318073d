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

/// The text of a built-in (by name) or of a file (by path), and the name to
/// give it in messages: `<built-in policy quality-practice>` or the path.
/// `what` names the kind ("policy", "rule set") for the error when it is neither.
pub fn built_in_or_file(
    name_or_path: &str,
    built_in: &[(&str, &str)],
    what: &str,
) -> Result<(String, String), InputError> {
    if let Some((n, t)) = built_in.iter().find(|(n, _)| *n == name_or_path) {
        return Ok((format!("<built-in {what} {n}>"), (*t).to_string()));
    }
    let text = std::fs::read_to_string(name_or_path).map_err(|e| {
        let names: Vec<&str> = built_in.iter().map(|(n, _)| *n).collect();
        let hint = crate::words::did_you_mean(name_or_path, names.iter().copied());
        InputError::file(
            name_or_path,
            format!(
                "is neither a built-in {what} ({}) nor a readable file: {}{hint}",
                names.join(", "),
                crate::io::csvin::io_reason(&e)
            ),
        )
    })?;
    Ok((name_or_path.to_string(), text))
}
