//! A spreadsheet cell as a return reader sees it (Annex A, the SSD tables), and
//! the coded values those returns use.

use chrono::NaiveDate;

/// A coded value without its code: `a) Male` → `Male`, `b) No` → `No`.
pub fn uncoded(s: &str) -> &str {
    let t = s.trim();
    match t.find(") ") {
        Some(i) if i <= 2 && t[..i].chars().all(|c| c.is_ascii_lowercase()) => t[i + 2..].trim(),
        _ => t,
    }
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Entered {
    Missing,
    Text(String),
    Date(NaiveDate),
}

impl Entered {
    pub fn text(&self) -> Option<&str> {
        match self {
            Entered::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Entered::Date(d) => Some(*d),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::uncoded;

    #[test]
    fn codes_come_off() {
        assert_eq!(uncoded("a) Male"), "Male");
        assert_eq!(uncoded("b) No"), "No");
        assert_eq!(uncoded("q) 6: Police"), "6: Police");
        assert_eq!(uncoded("Yes"), "Yes");
        assert_eq!(uncoded("N1) odd"), "N1) odd");
    }
}
