//! Configuration text: a built-in by name, or a file by path. `cmd::config` hands
//! it to the parse function of the domain module that owns the format, so the
//! domain never opens a file.

use crate::error::InputError;

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
                crate::error::io_reason(&e)
            ),
        )
    })?;
    Ok((name_or_path.to_string(), text))
}
