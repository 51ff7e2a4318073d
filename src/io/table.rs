//! The rows every command writes, whatever the format: cells that keep their
//! type (a date, a number to one decimal place), named sections of rows, and
//! the report they make. Below the writers (`output`, `xlsx`), which both
//! read them, and above nothing of `io`.

use chrono::NaiveDate;

/// Tenths as a decimal: 462 → `46.2`, 1000 → `100.0`, -5 → `-0.5`.
pub fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.unsigned_abs() / 10, t.unsigned_abs() % 10)
}

/// `YYYY-MM-DD`, without chrono's general formatter (a hot path in `due`).
pub fn iso(d: NaiveDate) -> String {
    String::from_utf8(iso_bytes(d).to_vec()).expect("ASCII digits")
}

/// A whole number's decimal digits, written into `buf` without allocating.
pub(crate) fn int_bytes(i: i64, buf: &mut [u8; 24]) -> &[u8] {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// `YYYY-MM-DD` as bytes; years are 1800–2200 wherever dates come from here.
pub fn iso_bytes(d: NaiveDate) -> [u8; 10] {
    use chrono::Datelike;
    /// "00" to "99", two bytes each.
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let y = d.year().clamp(0, 9999) as usize;
    let pair = |n: usize| [PAIRS[2 * n], PAIRS[2 * n + 1]];
    let ([a, b], [c, e], [m0, m1], [d0, d1]) =
        (pair(y / 100), pair(y % 100), pair(d.month() as usize), pair(d.day() as usize));
    [a, b, c, e, b'-', m0, m1, b'-', d0, d1]
}

/// One cell of output. JSON keeps the type; CSV and tables print text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Text shared between many rows (a rule, a source).
    Shared(std::rc::Rc<str>),
    /// Fixed text (a status word).
    Static(&'static str),
    /// A cell copied from the input (`check --annotate`): written exactly as it
    /// was read, never neutralised, so the copy holds the same data as the file.
    /// The guard against formula injection is for the cells the tool writes.
    Verbatim(String),
    Date(NaiveDate),
    Bool(bool),
    Int(i64),
    /// A number to one decimal place, held in tenths (462 is 46.2), so that
    /// every format prints the same digits.
    Tenths(i64),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() { Cell::Empty } else { Cell::Text(s) }
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Shared(s) => s.to_string(),
            Cell::Static(s) => s.to_string(),
            Cell::Verbatim(s) => s.clone(),
            Cell::Date(d) => iso(*d),
            Cell::Bool(b) => b.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Tenths(t) => tenths(*t),
            Cell::Empty => String::new(),
        }
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) => serde_json::Value::String(s.clone()),
            Cell::Shared(s) => serde_json::Value::String(s.to_string()),
            Cell::Static(s) => serde_json::Value::String(s.to_string()),
            Cell::Verbatim(s) => serde_json::Value::String(s.clone()),
            Cell::Date(_) => serde_json::Value::String(self.plain()),
            Cell::Bool(b) => serde_json::Value::Bool(*b),
            Cell::Int(i) => serde_json::Value::from(*i),
            Cell::Tenths(t) => serde_json::from_str(&tenths(*t)).unwrap_or(serde_json::Value::Null),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

/// A cell borrowed, not built: what [`super::output::RowStream::fields`]
/// takes, so that a row costs no allocation (`due` writes a million).
/// `Text` is any text cell (even empty); `Empty` is no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    Text(&'a str),
    /// Text with its CSV field already made (by
    /// [`super::output::csv_field`]), for text every row repeats.
    Made(&'a str, &'a [u8]),
    Verbatim(&'a str),
    Date(NaiveDate),
    Bool(bool),
    Int(i64),
    Tenths(i64),
    Empty,
}

impl Field<'_> {
    /// The cell it stands for.
    pub fn cell(self) -> Cell {
        match self {
            Field::Text(s) | Field::Made(s, _) => Cell::Text(s.to_string()),
            Field::Verbatim(s) => Cell::Verbatim(s.to_string()),
            Field::Date(d) => Cell::Date(d),
            Field::Bool(b) => Cell::Bool(b),
            Field::Int(i) => Cell::Int(i),
            Field::Tenths(t) => Cell::Tenths(t),
            Field::Empty => Cell::Empty,
        }
    }

    /// A date, or no value.
    pub fn opt_date(d: Option<NaiveDate>) -> Field<'static> {
        d.map_or(Field::Empty, Field::Date)
    }
}

impl Cell {
    /// The cell, borrowed.
    pub fn field(&self) -> Field<'_> {
        match self {
            Cell::Text(s) => Field::Text(s),
            Cell::Shared(s) => Field::Text(s),
            Cell::Static(s) => Field::Text(s),
            Cell::Verbatim(s) => Field::Verbatim(s),
            Cell::Date(d) => Field::Date(*d),
            Cell::Bool(b) => Field::Bool(*b),
            Cell::Int(i) => Field::Int(*i),
            Cell::Tenths(t) => Field::Tenths(*t),
            Cell::Empty => Field::Empty,
        }
    }
}

/// A named table of rows.
#[derive(Debug, Clone)]
pub struct Section {
    pub name: &'static str,
    /// Heading shown above the table in terminal output.
    pub title: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What a command prints: one or more sections.
#[derive(Debug, Clone)]
pub struct Report {
    pub sections: Vec<Section>,
    /// JSON shape: a plain array when there is one section and this is false;
    /// otherwise an object keyed by section name.
    pub json_object: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day from 1800 to 2300 as chrono writes it.
    #[test]
    fn iso_dates() {
        let mut d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
        while d.format("%Y").to_string() != "2300" {
            assert_eq!(iso(d), d.format("%Y-%m-%d").to_string());
            d = d.succ_opt().unwrap();
        }
    }
}
