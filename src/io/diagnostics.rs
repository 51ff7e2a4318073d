//! Findings as people read them, the way compilers show errors:
//!
//! ```text
//! audits/C0012.yaml:14:13: error[evidence-missing]: question q4 is answered Yes but lists no evidence
//!    |
//! 14 |     answer: "Yes"
//!    |             ^^^^^
//!    = hint: list the evidence as "what - when - where" ...
//! ```
//!
//! Colour (bold red errors, yellow warnings) only when asked, which the caller
//! does only on a terminal without `NO_COLOR`.

use std::fmt::Write;

/// One diagnostic to print.
pub struct Diagnostic<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub width: u32,
    pub severity: &'a str,
    pub code: &'a str,
    pub message: &'a str,
    pub hint: &'a str,
    /// The text of the offending line, if known.
    pub source_line: Option<&'a str>,
}

/// Appends `d` to `out`.
pub fn render(d: &Diagnostic, color: bool, out: &mut String) {
    let (sev_on, bold, blue, off) = match (color, d.severity) {
        (false, _) => ("", "", "", ""),
        (true, "error") => ("\x1b[1;31m", "\x1b[1m", "\x1b[1;34m", "\x1b[0m"),
        (true, _) => ("\x1b[1;33m", "\x1b[1m", "\x1b[1;34m", "\x1b[0m"),
    };
    let position = if d.line == 0 { d.file.to_string() } else { format!("{}:{}:{}", d.file, d.line, d.column) };
    let _ = writeln!(out, "{bold}{position}{off}: {sev_on}{}[{}]{off}: {bold}{}{off}", d.severity, d.code, d.message);
    if let Some(src) = d.source_line.filter(|_| d.line > 0) {
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        // Tabs would misalign the caret: show them as single spaces.
        let shown: String = src.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
        let len = shown.chars().count();
        let start = (d.column as usize).saturating_sub(1).min(len);
        let width = (d.width as usize).clamp(1, (len - start).max(1));
        let _ = writeln!(out, "{blue}{pad} |{off}");
        let _ = writeln!(out, "{blue}{number} |{off} {shown}");
        let _ = writeln!(out, "{blue}{pad} |{off} {}{sev_on}{}{off}", " ".repeat(start), "^".repeat(width));
        if !d.hint.is_empty() {
            let _ = writeln!(out, "{blue}{pad} ={off} {bold}hint:{off} {}", d.hint);
        }
    } else if !d.hint.is_empty() {
        let _ = writeln!(out, "  = hint: {}", d.hint);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_value() {
        let mut s = String::new();
        let d = Diagnostic {
            file: "a.yaml",
            line: 14,
            column: 13,
            width: 5,
            severity: "error",
            code: "evidence-missing",
            message: "q4 is answered Yes but lists no evidence",
            hint: "list it",
            source_line: Some("    answer: \"Yes\""),
        };
        render(&d, false, &mut s);
        assert_eq!(
            s,
            "a.yaml:14:13: error[evidence-missing]: q4 is answered Yes but lists no evidence\n   |\n14 |     answer: \"Yes\"\n   |             ^^^^^\n   = hint: list it\n"
        );
    }

    #[test]
    fn positions_past_the_line_do_not_panic() {
        let mut s = String::new();
        let d = Diagnostic {
            file: "a",
            line: 1,
            column: 99,
            width: 40,
            severity: "warning",
            code: "x",
            message: "m",
            hint: "",
            source_line: Some("ab"),
        };
        render(&d, true, &mut s);
        assert!(s.contains('^'));
    }
}
