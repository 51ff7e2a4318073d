//! Finding themes in free text, plainly enough to explain each finding.
//!
//! The text is read as words: letters and digits, with an apostrophe inside
//! a word (`child's`, `isn't`; a curly one is read as straight); anything
//! else, a hyphen too, separates words, so `multi-agency` is `multi agency`.
//! A phrase matches where its words come in a row, in any case, within one
//! clause. A clause ends at `.`, `;`, `:`, `!`, `?`, `,` or a line break, and
//! before `but`, `however`, `although`, `though`, `whereas`, so that "no
//! drift, and the chronology is up to date" does not negate the chronology.
//!
//! A mention is negated when a cue of the theme file's `negation` lies wholly
//! within the `window` words before it ("no evidence of management
//! oversight"), or within `window_after` words after it ("the child's voice
//! is not captured"), in the same clause. A word ending in `n't` is the cue
//! `not`. A negated mention counts for the theme the file names under
//! `negated`, or for none.

use super::{Negation, Theme};
use regex::Regex;
use std::collections::HashMap;

/// A word of a text: where it is, what it is (lower case, the apostrophe
/// straight), and the clause it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    start: usize,
    end: usize,
    text: String,
    clause: usize,
}

const CLAUSE_WORDS: [&str; 5] = ["but", "however", "although", "though", "whereas"];

fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut clause = 0;
    let mut current: Option<Word> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '\u{2019}');
        let inside = apostrophe && current.is_some() && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inside {
            let w = current.get_or_insert_with(|| Word { start: at, end: at, text: String::new(), clause });
            w.text.extend(if apostrophe { '\''.to_lowercase() } else { c.to_lowercase() });
            w.end = at + c.len_utf8();
            continue;
        }
        if let Some(w) = current.take() {
            out.push(w);
        }
        if matches!(c, '.' | ';' | ':' | '!' | '?' | ',' | '\n') {
            clause += 1;
        }
    }
    out.extend(current);
    // A clause word starts a new clause: it and the words after it move on by one.
    let mut shift = 0;
    for w in &mut out {
        if CLAUSE_WORDS.contains(&w.text.as_str()) {
            shift += 1;
        }
        w.clause += shift;
    }
    out
}

/// A phrase or a cue as words; `None` when it holds no word.
fn phrase_words(s: &str) -> Option<Vec<String>> {
    let w: Vec<String> = words(s).into_iter().map(|w| w.text).collect();
    (!w.is_empty()).then_some(w)
}

/// The word a cue reads: `isn't` is `not`.
fn cue_word(w: &str) -> &str {
    if w.ends_with("n't") { "not" } else { w }
}

/// One mention of a theme in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The theme whose phrase or pattern matched.
    pub theme: usize,
    /// The phrase or pattern, as the theme file writes it.
    pub phrase: String,
    /// Where it is in the text (bytes).
    pub start: usize,
    pub end: usize,
    /// The negation cue that negates it, as the theme file writes it.
    pub negation: Option<String>,
    /// The theme it counts for: its own, the one its theme names under
    /// `negated`, or none.
    pub counts_for: Option<usize>,
}

/// What is wrong with a theme file's phrase, pattern or cue: (its key, the
/// value, the message).
pub type Problem = (&'static str, String, String);

/// A phrase or cue as words, and as the file writes it.
type Words = (Vec<String>, String);

#[derive(Debug)]
pub struct Matcher {
    /// Phrases by their first word: (the words, the theme, as written).
    phrases: HashMap<String, Vec<(Vec<String>, usize, String)>>,
    patterns: Vec<(Regex, usize, String)>,
    before: Vec<Words>,
    after: Vec<Words>,
    window: usize,
    window_after: usize,
    /// Each theme's `negated` theme.
    negated: Vec<Option<usize>>,
}

/// Whether `cue` occurs, word for word, within `ws`.
fn holds(ws: &[&str], cue: &[String]) -> bool {
    cue.len() <= ws.len() && ws.windows(cue.len()).any(|w| w.iter().zip(cue).all(|(a, b)| cue_word(a) == b))
}

impl Matcher {
    /// Builds the matcher; an error is (the key, the value, what is wrong).
    pub fn new(themes: &[Theme], negation: &Negation) -> Result<Matcher, Problem> {
        let mut phrases: HashMap<String, Vec<(Vec<String>, usize, String)>> = HashMap::new();
        let mut patterns = Vec::new();
        for (i, t) in themes.iter().enumerate() {
            for p in &t.phrases {
                let w = phrase_words(p)
                    .ok_or_else(|| ("phrases", p.clone(), format!("theme '{}': phrase '{p}' has no word", t.id)))?;
                phrases.entry(w[0].clone()).or_default().push((w, i, p.clone()));
            }
            for p in &t.patterns {
                let re = Regex::new(&format!(r"(?i)\b(?:{p})\b")).map_err(|e| {
                    ("patterns", p.clone(), format!("theme '{}': pattern '{p}' is not valid: {e}", t.id))
                })?;
                if Regex::new(p).is_ok_and(|bare| bare.is_match("")) {
                    return Err(("patterns", p.clone(), format!("theme '{}': pattern '{p}' matches empty text", t.id)));
                }
                patterns.push((re, i, p.clone()));
            }
        }
        let cues = |list: &[String]| -> Result<Vec<Words>, Problem> {
            list.iter()
                .map(|c| {
                    phrase_words(c)
                        .map(|w| (w, c.clone()))
                        .ok_or_else(|| ("before", c.clone(), format!("negation cue '{c}' has no word")))
                })
                .collect()
        };
        let negated = themes.iter().map(|t| t.negated.as_ref().and_then(|n| themes.iter().position(|x| &x.id == n)));
        Ok(Matcher {
            phrases,
            patterns,
            before: cues(&negation.before)?,
            after: cues(&negation.after)?,
            window: negation.window,
            window_after: negation.window_after,
            negated: negated.collect(),
        })
    }

    /// Every mention in `text`, in order of where it starts (then theme).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let ws = words(text);
        // (first word, last word, theme, as written)
        let mut hits: Vec<(usize, usize, usize, &str)> = Vec::new();
        for (i, w) in ws.iter().enumerate() {
            for (phrase, theme, written) in self.phrases.get(&w.text).into_iter().flatten() {
                let Some(run) = ws.get(i..i + phrase.len()) else { continue };
                if run.iter().zip(phrase).all(|(a, b)| a.text == *b && a.clause == w.clause) {
                    hits.push((i, i + phrase.len() - 1, *theme, written));
                }
            }
        }
        for (re, theme, written) in &self.patterns {
            for m in re.find_iter(text) {
                let first = ws.iter().position(|w| w.end > m.start());
                let last = ws.iter().rposition(|w| w.start < m.end());
                if let (Some(f), Some(l)) = (first, last)
                    && f <= l
                {
                    hits.push((f, l, *theme, written));
                }
            }
        }
        // Longest first, so that a phrase inside a longer one of the same
        // theme ("supervision" in "reflective supervision") is one mention.
        hits.sort_by_key(|&(f, l, theme, _)| (theme, f, std::cmp::Reverse(l)));
        let mut kept: Vec<(usize, usize, usize, &str)> = Vec::new();
        for h in hits {
            if !kept.iter().any(|k| k.2 == h.2 && k.0 <= h.0 && h.1 <= k.1) {
                kept.push(h);
            }
        }
        kept.sort_by_key(|&(f, l, theme, _)| (f, theme, l));
        kept.into_iter()
            .map(|(f, l, theme, written)| {
                let negation = self.negation(&ws, f, l);
                let counts_for = if negation.is_some() { self.negated[theme] } else { Some(theme) };
                Mention {
                    theme,
                    phrase: written.to_string(),
                    start: ws[f].start,
                    end: ws[l].end,
                    negation: negation.map(str::to_string),
                    counts_for,
                }
            })
            .collect()
    }

    /// The cue that negates the words `first..=last` of `ws`, if one does.
    fn negation(&self, ws: &[Word], first: usize, last: usize) -> Option<&str> {
        let clause = ws[first].clause;
        let before: Vec<&str> = ws[first.saturating_sub(self.window)..first]
            .iter()
            .filter(|w| w.clause == clause)
            .map(|w| w.text.as_str())
            .collect();
        if let Some((_, c)) = self.before.iter().find(|(cue, _)| holds(&before, cue)) {
            return Some(c);
        }
        let end = (last + 1 + self.window_after).min(ws.len());
        let after: Vec<&str> =
            ws[last + 1..end].iter().filter(|w| w.clause == ws[last].clause).map(|w| w.text.as_str()).collect();
        self.after.iter().find(|(cue, _)| holds(&after, cue)).map(|(_, c)| c.as_str())
    }
}

/// A short excerpt of `text` around bytes `start..end`: the words within
/// about 60 characters either side, on one line, with `…` where it is cut.
pub fn excerpt(text: &str, start: usize, end: usize) -> String {
    const AROUND: usize = 60;
    let mut from = start.saturating_sub(AROUND);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + AROUND).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    // Whole words: start after a space, end before one.
    if from > 0 {
        from = text[from..start].find(char::is_whitespace).map_or(from, |k| from + k + 1);
    }
    if to < text.len() {
        to = text[end..to].rfind(char::is_whitespace).map_or(to, |k| end + k);
    }
    let body: String = text[from..to].split_whitespace().collect::<Vec<_>>().join(" ");
    let (open, close) = (if from > 0 { "…" } else { "" }, if to < text.len() { "…" } else { "" });
    format!("{open}{body}{close}")
}

#[cfg(test)]
mod tests {
    use super::super::{Kind, Negation, Theme};
    use super::*;

    fn theme(id: &str, phrases: &[&str], negated: Option<&str>) -> Theme {
        Theme {
            id: id.into(),
            label: id.into(),
            kind: Kind::Strength,
            source: String::new(),
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            patterns: Vec::new(),
            negated: negated.map(String::from),
        }
    }

    fn matcher() -> Matcher {
        let themes = [
            theme("voice", &["child's voice", "voice of the child", "wishes and feelings"], Some("no-voice")),
            theme("no-voice", &["voice is missing"], None),
            theme("oversight", &["management oversight", "oversight", "supervision"], Some("no-oversight")),
            theme("no-oversight", &["supervision overdue"], None),
            theme("drift", &["drift", "delay"], None),
            theme("multi", &["multi-agency"], None),
            theme("chronology", &["chronology"], None),
        ];
        let negation = Negation {
            before: ["no evidence of", "lack of", "no", "not", "without"].map(String::from).to_vec(),
            after: ["not", "missing"].map(String::from).to_vec(),
            window: 5,
            window_after: 3,
        };
        Matcher::new(&themes, &negation).unwrap()
    }

    /// (theme, counts for, the cue) of each mention.
    fn found(text: &str) -> Vec<(usize, Option<usize>, Option<String>)> {
        matcher().find(text).into_iter().map(|m| (m.theme, m.counts_for, m.negation)).collect()
    }

    #[test]
    fn whole_words_in_any_case() {
        assert_eq!(found("The CHILD'S VOICE is clear."), [(0, Some(0), None)]);
        assert_eq!(found("The child’s voice is clear."), [(0, Some(0), None)], "a curly apostrophe");
        assert!(found("Supervisions and delays, drifting").is_empty(), "no part of a word");
        assert_eq!(
            found("Good multi agency work; multi-agency meeting held"),
            [(5, Some(5), None), (5, Some(5), None)]
        );
        assert!(found("the child's. Voice").is_empty(), "not across a clause");
        let m = matcher().find("Regular management oversight.");
        assert_eq!((m.len(), m[0].phrase.as_str()), (1, "management oversight"), "one mention, the longest phrase");
    }

    #[test]
    fn negation_before_and_after_in_the_same_clause() {
        let neg = |cue: &str| Some(cue.to_string());
        assert_eq!(found("No evidence of the child's voice."), [(0, Some(1), neg("no evidence of"))]);
        assert_eq!(found("There is a lack of management oversight"), [(2, Some(3), neg("lack of"))]);
        assert_eq!(found("The child's voice is not captured"), [(0, Some(1), neg("not"))]);
        assert_eq!(found("The child's voice isn't captured"), [(0, Some(1), neg("not"))]);
        assert_eq!(found("Supervision was not recorded"), [(2, Some(3), neg("not"))]);
        assert_eq!(found("No drift"), [(4, None, neg("no"))], "a negated barrier counts for nothing");
        assert_eq!(found("no evidence of supervision or management oversight")[1], (2, Some(3), neg("no evidence of")));
        // Another clause is not negated.
        assert_eq!(found("No drift, and the chronology is up to date")[1], (6, Some(6), None));
        assert_eq!(found("Not seen at home but the child's voice is clear")[0], (0, Some(0), None));
        // Too far back.
        assert_eq!(found("Not one of the visits missed the wishes and feelings")[0].2, None);
    }

    #[test]
    fn patterns_and_excerpts() {
        let mut themes = vec![theme("s47", &[], None)];
        themes[0].patterns = vec![r"s\.?\s?47".into()];
        let negation = Negation { before: vec!["no".into()], after: vec![], window: 5, window_after: 3 };
        let m = Matcher::new(&themes, &negation).unwrap();
        let text = "A S47 enquiry; then no s.47 after that";
        let found = m.find(text);
        assert_eq!(found.len(), 2);
        assert_eq!((&text[found[0].start..found[0].end], found[0].negation.as_deref()), ("S47", None));
        assert_eq!(found[1].negation.as_deref(), Some("no"));
        let long = "word ".repeat(30) + "the child's voice is clear " + &"more ".repeat(30);
        let at = long.find("child's").unwrap();
        let e = excerpt(&long, at, at + 13);
        assert!(e.starts_with('…') && e.ends_with('…') && e.contains("the child's voice is clear"), "{e}");
        assert!(e.chars().count() < 140);
        assert_eq!(excerpt("Short  text\nhere", 0, 5), "Short text here");
    }
}
