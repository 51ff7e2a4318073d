//! Words in messages: counts with the right plural (`1 error`, `2 errors`), and
//! "did you mean": the known name nearest to a mistyped one (`quality-practise`
//! → `quality-practice`, `refferal` → `referral`), offered only when it is close
//! enough to be the same word mistyped (edit distance from `strsim`).

/// `str::trim`, skipped when the first and last bytes are plainly not white
/// space (nearly every cell): the Unicode-aware trim is a hot spot at scale.
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain = |c: u8| c.is_ascii() && !c.is_ascii_whitespace();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if plain(f) && plain(l) => s,
        _ => s.trim(),
    }
}

/// A header, sheet or role name as compared, the one way every reader compares
/// them: lower case; words joined by one `_` whatever separated them (spaces of
/// any kind, line breaks, `-`, `_`); straight quotes; no doubled closing
/// bracket (an Annex A template typo). `Staff ID`, `staff-id` and `staff_id`
/// are one name; `Episodes ‘Missing’` is `episodes_'missing'`.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_sep = false;
    for ch in name.chars() {
        let c = match ch {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' | '\n' | '\r' | ' ' | '-' | '_' => None,
            '‘' | '’' => Some('\''),
            '“' | '”' => Some('"'),
            ')' if !pending_sep && out.ends_with(')') => continue,
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

/// Up to `most` items joined with commas, then "and N more": ids in a
/// message, which must stay one line however many there are.
pub fn listed(items: &[&str], most: usize) -> String {
    let mut out = items.iter().take(most).copied().collect::<Vec<_>>().join(", ");
    if items.len() > most {
        out.push_str(&format!(" and {} more", items.len() - most));
    }
    out
}

/// A header row as messages describe it, the one way every reader does:
/// "the header row has 3 columns: 'a', 'b', 'c'" (the first 20 when there
/// are more), with its line (or a sheet's row) when that is not the first.
pub fn header_row(headers: &[String], line: u64, sheet: bool) -> String {
    const SHOWN: usize = 20;
    let n = headers.len();
    let names: Vec<String> = headers.iter().take(SHOWN).map(|h| format!("'{}'", h.trim())).collect();
    let more = if n > SHOWN { format!(" and {} more", n - SHOWN) } else { String::new() };
    let list = match n {
        0 => "no columns".to_string(),
        1 => format!("1 column: {}", names.join(", ")),
        _ => format!("{n} columns: {}{more}", names.join(", ")),
    };
    match line {
        0 | 1 => format!("the header row has {list}"),
        at => format!("the header row, {} {at}, has {list}", if sheet { "row" } else { "line" }),
    }
}

/// `n` and the noun in the number it takes: `count(1, "child", "children")`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How alike two names must be (normalised Damerau–Levenshtein, 0 to 1) for one
/// to be offered as what the other meant.
const CLOSE: f64 = 0.7;

/// The candidate nearest to `word`, if it is close enough (ties: the first).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.trim().to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(&word, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= CLOSE)
        .fold(None, |best: Option<(f64, &str)>, (score, c)| match best {
            Some((b, _)) if b >= score => best,
            _ => Some((score, c)),
        })
        .map(|(_, c)| c)
}

/// `" (did you mean 'x'?)"`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_way_to_compare_names() {
        assert_eq!(normalise("Staff ID"), "staff_id");
        assert_eq!(normalise(" staff-id "), "staff_id");
        assert_eq!(normalise("Date of Adoption Order "), "date_of_adoption_order");
        assert_eq!(normalise("Child\u{a0}Unique\nID"), "child_unique_id");
        assert_eq!(normalise("(Y/N))"), "(y/n)");
        assert_eq!(normalise("Episodes ‘Missing’"), "episodes_'missing'");
    }

    #[test]
    fn plurals() {
        assert_eq!(count(1, "child", "children"), "1 child");
        assert_eq!(count(0, "child", "children"), "0 children");
        assert_eq!(count(2, "error", "errors"), "2 errors");
    }

    #[test]
    fn close_names_only() {
        let policies = ["quality-practice", "good-practice"];
        assert_eq!(nearest("quality-practise", policies), Some("quality-practice"));
        assert_eq!(nearest("Good-Practice", policies), Some("good-practice"));
        assert_eq!(nearest("monthly", policies), None);
        assert_eq!(did_you_mean("refferal", ["contact", "referral"]), " (did you mean 'referral'?)");
        assert_eq!(did_you_mean("xyz", ["contact", "referral"]), "");
    }
}
