//! Notices as draft e-mail messages (`.eml`, RFC 5322, plain UTF-8 text): a
//! template (minijinja; `--notice-template` replaces the built-in) renders the
//! subject and body from the fields docs/select.md lists, and the message is
//! written with a `Date:` from `--today`, so the same run gives the same bytes.
//! `X-Unsent: 1` makes Outlook open it as a draft. Nothing is ever sent.

use chrono::NaiveDate;
use serde::Serialize;

/// The built-in template: its first line is `Subject: ...`, then a blank line,
/// then the body.
pub const TEMPLATE: &str = include_str!("../../templates/notice.txt");

/// The built-in notice templates, by name (`caseaudit show notice default`).
pub const BUILT_IN: [(&str, &str); 1] = [("default", TEMPLATE)];

/// What a template sees.
#[derive(Debug, Serialize)]
pub struct Fields {
    /// `auditor` or `service_manager`.
    pub kind: &'static str,
    pub recipient: Person,
    /// `November 2026`.
    pub month: String,
    /// `2026-11`.
    pub month_id: String,
    pub policy: String,
    pub files: Vec<FileFields>,
    /// The month's timetable dates, `dd/mm/yyyy`.
    pub dates: Vec<DateField>,
}

#[derive(Debug, Serialize)]
pub struct Person {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct FileFields {
    pub case_id: String,
    pub worker_id: String,
    pub worker_name: String,
    pub team: String,
    pub auditor_id: String,
    pub auditor_name: String,
    pub restricted: bool,
    /// The selection's `match`: `not-sampled` is prepared, not chosen for audit.
    #[serde(rename = "match")]
    pub matched: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateField {
    /// `list to service manager`.
    pub name: String,
    pub date: String,
}

/// A notice template, checked when it is read.
pub struct Template {
    env: minijinja::Environment<'static>,
}

impl Template {
    /// Compiles `text` (`name` names it in errors).
    pub fn new(name: &str, text: String) -> Result<Template, String> {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_template_owned("notice", text).map_err(|e| format!("{name}: {}", describe(&e)))?;
        Ok(Template { env })
    }

    /// The message for `fields`, dated `today`, addressed `to` when given.
    pub fn message(&self, fields: &Fields, to: Option<&str>, today: NaiveDate) -> Result<Vec<u8>, String> {
        let t = self.env.get_template("notice").expect("added in new");
        let text = t.render(fields).map_err(|e| describe(&e))?;
        let (subject, body) = match text.trim_start().strip_prefix("Subject:") {
            Some(rest) => {
                let (s, b) = rest.split_once('\n').unwrap_or((rest, ""));
                (s.trim().to_string(), b.trim_start_matches(['\r', '\n']).to_string())
            }
            None => return Err("the template's first line must be 'Subject: ...'".into()),
        };
        Ok(eml(to, &subject, &body, today))
    }
}

fn describe(e: &minijinja::Error) -> String {
    match e.line() {
        Some(line) => format!("line {line}: {}", e.detail().unwrap_or(&e.kind().to_string())),
        None => e.to_string(),
    }
}

/// An RFC 5322 message: CRLF line ends, headers then the body.
fn eml(to: Option<&str>, subject: &str, body: &str, today: NaiveDate) -> Vec<u8> {
    let mut out = String::new();
    out.push_str(&format!("Date: {}\r\n", today.format("%a, %d %b %Y 00:00:00 +0000")));
    if let Some(to) = to {
        out.push_str(&format!("To: {to}\r\n"));
    }
    out.push_str(&format!("Subject: {}\r\n", header_text(subject)));
    out.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: 8bit\r\nX-Unsent: 1\r\n\r\n");
    for line in body.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A header's text: as it is when plain ASCII, else an RFC 2047 encoded word.
fn header_text(s: &str) -> String {
    let s: String = s.chars().filter(|c| !c.is_control()).collect();
    if s.is_ascii() {
        return s;
    }
    let mut out = String::from("=?utf-8?Q?");
    for b in s.bytes() {
        match b {
            b' ' => out.push('_'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b',' | b'-' | b':' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// An address fit for a `To:` header: one address, no spaces or line breaks.
pub fn address(s: &str) -> Option<&str> {
    let s = s.trim();
    let ok = s.contains('@') && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, ',' | ';'));
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_plain_or_encoded() {
        assert_eq!(header_text("Case file audit, November 2026"), "Case file audit, November 2026");
        assert_eq!(header_text("Zoë\r\nBcc: x"), "=?utf-8?Q?Zo=C3=ABBcc:_x?=");
        assert_eq!(address(" a.b@example.org "), Some("a.b@example.org"));
        assert_eq!(address("a@b.org\r\nBcc: c@d.org"), None);
        assert_eq!(address("not an address"), None);
    }

    #[test]
    fn a_message_is_dated_and_ends_lines_with_crlf() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let m = String::from_utf8(eml(None, "S", "line 1\nline 2\n", day)).unwrap();
        assert!(m.starts_with("Date: Wed, 02 Dec 2026 00:00:00 +0000\r\nSubject: S\r\n"), "{m}");
        assert!(m.ends_with("\r\n\r\nline 1\r\nline 2\r\n"), "{m}");
        assert!(!m.contains("To:"));
    }
}
