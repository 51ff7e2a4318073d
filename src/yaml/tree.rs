//! YAML read into a small tree that keeps every node's position, for checks that
//! must report *every* problem with its line and column (a completed audit), not
//! stop at the first as `serde` does.
//!
//! Scalars stay text: nothing is typed by the YAML reader, so a hand-typed
//! unquoted `Yes` is the answer "Yes" (YAML 1.1 readers would make it `true`) and
//! `2026-11-20` is the text the date rules read. Resource limits keep a hostile
//! file harmless: nesting is capped at [`MAX_DEPTH`], the nodes built (including
//! those copied by aliases) at [`MAX_NODES`], and the input at [`MAX_BYTES`].

use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, Span};
use std::collections::HashMap;

pub const MAX_DEPTH: usize = 64;
pub const MAX_NODES: usize = 200_000;
/// An audit is a few kilobytes; anything past this is the wrong file.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A node and where it starts (1-based line and column) and how many characters
/// of its first line it covers (for the caret under it).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub column: u32,
    pub width: u32,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value, `~` or `null`.
    Null,
    /// Text, with whether it was written without quotes, and whether such
    /// text was followed on its line by one space and `#...`, which YAML reads
    /// as a comment: free text like `Case #12 is open` is cut to `Case`.
    Scalar {
        text: String,
        plain: bool,
        cut: bool,
    },
    Seq(Vec<Node>),
    /// Keys in file order; duplicates are kept (the caller reports them).
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The value under `key` in a mapping (the first, if a key is repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.text() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What kind of node this is, in words for a message.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "empty",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a set of fields",
        }
    }
}

/// The node as JSON, reading plain scalars as the YAML 1.2 core schema does
/// (`true`/`false` booleans, numbers) and everything else as text: what a JSON
/// Schema tool sees when it loads the same file.
pub fn to_json(n: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &n.value {
        Value::Null => J::Null,
        Value::Scalar { text, plain: false, .. } => J::String(text.clone()),
        Value::Scalar { text, plain: true, .. } => match text.as_str() {
            "true" | "True" | "TRUE" => J::Bool(true),
            "false" | "False" | "FALSE" => J::Bool(false),
            t => core_number(t).unwrap_or_else(|| J::String(text.clone())),
        },
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match to_json(k) {
                        J::String(s) => s,
                        J::Null => "null".to_string(),
                        other => other.to_string(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
    }
}

/// A YAML 1.2 core-schema int or float (decimal forms), as JSON.
fn core_number(t: &str) -> Option<serde_json::Value> {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<i64>().ok().map(serde_json::Value::from);
    }
    let looks_float = digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().filter(|&b| b == b'.').count() <= 1;
    if looks_float {
        return t.parse::<f64>().ok().filter(|f| f.is_finite()).and_then(serde_json::Number::from_f64).map(Into::into);
    }
    None
}

/// Why a text is not one readable YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

fn at(span: &Span) -> (u32, u32, u32) {
    let (s, e) = (span.start, span.end);
    let width = if e.line() == s.line() { e.col().saturating_sub(s.col()).max(1) } else { 1 };
    (s.line() as u32, s.col() as u32 + 1, width as u32)
}

fn err(span: &Span, message: impl Into<String>) -> ParseError {
    let (line, column, _) = at(span);
    ParseError { line, column, message: message.into() }
}

enum Open {
    Seq(Node, Vec<Node>),
    Map(Node, Vec<(Node, Node)>, Option<Node>),
}

/// Parses the first document of `text`; an empty text is `Null`. A second
/// document is an error (one audit per file).
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let mut options = Options::default();
    options.block_nesting_limit = MAX_DEPTH;
    options.flow_nesting_limit = MAX_DEPTH;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let source = lines(text);
    let mut stack: Vec<(Open, usize)> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| ParseError {
            line: e.marker().line() as u32,
            column: e.marker().col() as u32 + 1,
            message: e.info(),
        })?;
        let (line, column, width) = at(&span);
        let shell = |value| Node { line, column, width, value };
        // A finished node and the anchor it defines (0: none).
        let done: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => None,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(err(&span, "a second YAML document starts here; put one audit in each file"));
                }
                None
            }
            // Comments, anchor names and any event a later parser adds carry no data.
            Event::Comment(..) | Event::Anchor(..) => None,
            Event::UnresolvedAlias(name) => return Err(err(&span, format!("'*{name}' refers to no anchor"))),
            Event::Alias(id) => {
                let Some((node, size)) = anchors.get(&id) else {
                    return Err(err(&span, "an alias refers to no anchor"));
                };
                nodes += size;
                if nodes > MAX_NODES {
                    return Err(err(
                        &span,
                        format!("aliases expand to more than {MAX_NODES} values; is this a YAML bomb?"),
                    ));
                }
                let mut copy = node.clone();
                copy.line = line;
                copy.column = column;
                copy.width = width;
                Some((copy, 0))
            }
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = if plain && matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
                    Value::Null
                } else {
                    let cut = plain && comment_follows(&source, &span);
                    Value::Scalar { text: text.into_owned(), plain, cut }
                };
                Some((shell(value), anchor))
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push((Open::Seq(shell(Value::Null), Vec::new()), anchor));
                None
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push((Open::Map(shell(Value::Null), Vec::new(), None), anchor));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some((Open::Seq(mut n, items), anchor)) => {
                    n.value = Value::Seq(items);
                    Some((n, anchor))
                }
                Some((Open::Map(mut n, entries, _), anchor)) => {
                    n.value = Value::Map(entries);
                    Some((n, anchor))
                }
                None => None,
            },
            _ => None,
        };
        let Some((node, anchor)) = done else { continue };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(err(&span, format!("more than {MAX_NODES} values; an audit has a few hundred")));
        }
        if anchor != 0 {
            anchors.insert(anchor, (node.clone(), count(&node)));
        }
        match stack.last_mut() {
            Some((Open::Seq(_, items), _)) => items.push(node),
            Some((Open::Map(_, entries, key), _)) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            None => root = Some(node),
        }
    }
    Ok(root.unwrap_or(Node { line: 1, column: 1, width: 1, value: Value::Null }))
}

/// Whether the rest of the line after `span` is a comment that looks like
/// text cut short: one space, then `#` (`see case note #12`). Two or more
/// spaces before the `#` are how a comment is written on purpose: yamllint's
/// default, and what `caseaudit form` writes after a field, so text typed over
/// the form's `""` without quotes is whole (docs/reference/input-files.md).
fn comment_follows(source: &[&str], span: &Span) -> bool {
    let Some(line) = span.end.line().checked_sub(1).and_then(|l| source.get(l)) else { return false };
    let rest: String = line.chars().skip(span.end.col()).collect();
    rest.starts_with([' ', '\t']) && rest[1..].starts_with('#')
}

fn count(n: &Node) -> usize {
    match &n.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(k, v)| count(k) + count(v)).sum::<usize>(),
        _ => 1,
    }
}

/// The lines of `text` as YAML counts them: a line ends at LF, CRLF or a lone CR
/// (old Mac files), so line N here is the line a position names.
pub fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r']) {
        out.push(&rest[..i]);
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Why a file of `size` bytes is refused (`exact`: the size is the file's, not
/// just what was read before giving up).
pub fn too_large(size: u64, exact: bool) -> String {
    let limit = MAX_BYTES / 1_048_576;
    let size = size as f64 / 1_048_576.0;
    let size = if exact { format!("{size:.1} MB") } else { format!("over {limit} MB") };
    format!("is {size}; an audit is a few kilobytes (limit {limit} MB): is this the right file?")
}

/// Decodes a file's bytes as text: UTF-8 (a BOM is dropped), UTF-16 with a BOM
/// (Notepad's "Unicode"), else Windows-1252 (Notepad's "ANSI"). Binary files and
/// files over [`MAX_BYTES`] are refused with the reason.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len() as u64, false));
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!("is not valid {} text", enc.name()));
        }
        return Ok(text.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) || bytes.starts_with(b"PK\x03\x04") {
        return Err("is not a text file (it looks binary: a spreadsheet, PDF or image?); an audit is YAML text".into());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(n: &Node) -> (&str, u32, u32) {
        (n.text().unwrap(), n.line, n.column)
    }

    #[test]
    fn positions_are_one_based_and_point_at_values() {
        let t = parse("a: 1\nb:\n  c: \"Yes\"\n  d: [x, y]\ne:\n").unwrap();
        assert_eq!(scalar(t.get("a").unwrap()), ("1", 1, 4));
        let c = t.get("b").unwrap().get("c").unwrap();
        assert_eq!(scalar(c), ("Yes", 3, 6));
        assert_eq!(c.width, 5);
        assert!(matches!(&c.value, Value::Scalar { plain: false, .. }));
        let Value::Seq(d) = &t.get("b").unwrap().get("d").unwrap().value else { panic!() };
        assert_eq!(scalar(&d[1]), ("y", 4, 10));
        assert!(t.get("e").unwrap().is_null());
    }

    #[test]
    fn plain_yes_and_dates_stay_text() {
        let t = parse("answer: Yes\nwhen: 2026-11-20\nflag: no\n").unwrap();
        assert_eq!(t.get("answer").unwrap().text(), Some("Yes"));
        assert_eq!(t.get("when").unwrap().text(), Some("2026-11-20"));
        assert_eq!(t.get("flag").unwrap().text(), Some("no"));
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("a: 1\nb: [unclosed\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        let e = parse("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("second")), (2, true));
    }

    #[test]
    fn bombs_are_refused() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let names: Vec<char> = ('a'..='l').collect();
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 10].join(", ");
            s.push_str(&format!("{0}: &{0} [{refs}]\n", pair[1]));
        }
        assert!(parse(&s).unwrap_err().message.contains("bomb"));
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&deep).is_err());
        let deep_block: String = (0..200).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        assert!(parse(&deep_block).is_err());
    }

    #[test]
    fn lines_end_where_yaml_says() {
        assert_eq!(lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\n"), ["a"]);
        let t = parse("a: 1\rb: 2\r").unwrap();
        assert_eq!(t.get("b").unwrap().line, 2);
    }

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        assert_eq!(decode(b"a: \xA3").unwrap(), "a: \u{a3}");
        assert_eq!(decode(b"\xFF\xFEa\0:\0 \x001\0").unwrap(), "a: 1");
        assert!(decode(b"a\0b").unwrap_err().contains("binary"));
        assert!(decode(&vec![b' '; MAX_BYTES + 1]).unwrap_err().contains("MB"));
    }
}
