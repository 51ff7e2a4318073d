//! Running a rule set over rows, one at a time (SPEC §4, issue 5). Cells are
//! read as Table Schema reads them: a cell equal to a missing value is null
//! (only `required` applies); otherwise it must cast to the field's type, then
//! meet each constraint. Row rules follow; group rules run when a group (the
//! rows sharing `groups.by`) ends, so memory holds one group at a time.

use super::cast::{Kind, Value};
use super::{GroupRule, RowRule, RuleSet, Severity, When, kind, literal};
use crate::calendar::Calendar;
use crate::calendar::offset::Offset;
use crate::error::InputError;
use chrono::NaiveDate;
use regex::Regex;
use std::borrow::Cow;

/// One problem in one cell, row or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Physical line where the record starts (1 = the header).
    pub line: u64,
    /// Data record number (0 = the header).
    pub record: u64,
    /// 1-based column in the file, when the problem is in one cell.
    pub column: Option<usize>,
    pub field: String,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// A table being checked, as the engine sees it: where its fields' columns
/// are, and the current record's cells. The engine reads no file: the CSV
/// reader (`io::csvin::CsvFile`) is such a table.
pub trait Table {
    /// The table's name in messages (a file, `<stdin>`).
    fn name(&self) -> &str;
    /// The 0-based column holding field `name`, through any column mapping.
    fn position(&self, name: &str) -> Result<Option<usize>, InputError>;
    /// The physical line the current record starts on.
    fn line(&self) -> u64;
    /// The current record's number (1 = the first after the header).
    fn record(&self) -> u64;
    /// A cell of the current record exactly as written.
    fn raw(&self, index: usize) -> Cow<'_, str>;
    /// About how many records the table holds, when that can be told.
    fn expected_records(&self) -> Option<usize>;
}

/// What the rules need from outside the file.
pub struct Context<'a> {
    pub today: NaiveDate,
    pub calendar: &'a Calendar,
    pub count_event_day: bool,
}

struct Column {
    name: String,
    index: Option<usize>,
    kind: Kind,
    missing: Missing,
    required: bool,
    unique: Option<Seen>,
    one_of: Option<(Vec<Value>, String)>,
    pattern: Option<(Pattern, String)>,
    minimum: Option<(Value, String)>,
    maximum: Option<(Value, String)>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    is_text: bool,
    /// A rule reads this column's text (conditions, groups, the primary key).
    keep_raw: bool,
}

/// A `pattern` constraint, matched against the whole cell: a dense DFA (one
/// table step a byte, the fastest way to test short cells) when the pattern's
/// DFA is small, else the `regex` crate (linear time either way).
enum Pattern {
    Dfa(Box<regex_automata::dfa::dense::DFA<Vec<u32>>>),
    Regex(Regex),
}

impl Pattern {
    fn new(p: &str) -> Result<Pattern, String> {
        use regex_automata::dfa::{StartKind, dense};
        // Compile with `regex` first: it gives the clearest error for a bad pattern.
        let re = Regex::new(&format!("^(?:{p})$")).map_err(|e| e.to_string())?;
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .dfa_size_limit(Some(1 << 20))
                    .determinize_size_limit(Some(1 << 20)),
            )
            .build(&format!("(?:{p})$"));
        Ok(match dfa {
            Ok(d) => Pattern::Dfa(Box::new(d)),
            Err(_) => Pattern::Regex(re),
        })
    }

    fn is_match(&self, s: &str) -> bool {
        use regex_automata::{Anchored, Input, dfa::Automaton};
        match self {
            Pattern::Dfa(d) => {
                let input = Input::new(s).anchored(Anchored::Yes);
                matches!(d.try_search_fwd(&input), Ok(Some(m)) if m.offset() == s.len())
            }
            Pattern::Regex(r) => r.is_match(s),
        }
    }
}

/// The missing values of a column, with the lengths they come in, so most cells
/// are passed over after one bit test.
struct Missing {
    values: Vec<String>,
    lengths: u64,
}

impl Missing {
    fn new(values: Vec<String>) -> Missing {
        let lengths = values.iter().fold(0u64, |m, v| if v.len() < 63 { m | 1 << v.len() } else { m | 1 << 63 });
        Missing { values, lengths }
    }

    fn contains(&self, s: &str) -> bool {
        let bit = 1u64 << s.len().min(63);
        self.lengths & bit != 0 && self.values.iter().any(|m| m == s)
    }
}

/// Values seen so far, as 128-bit fingerprints (two independent 64-bit hashes):
/// 16 bytes a row, whatever the text, and no two different values ever seen to
/// collide (the chance is about n²/2¹²⁹).
type Seen = hashbrown::HashSet<u128, foldhash::fast::FixedState>;

fn fingerprint<'p>(parts: impl IntoIterator<Item = &'p str>) -> u128 {
    use std::hash::{BuildHasher, Hasher};
    let mut a = foldhash::fast::FixedState::with_seed(0x5eed_0001).build_hasher();
    let mut b = foldhash::fast::FixedState::with_seed(0x5eed_0002).build_hasher();
    for p in parts {
        a.write(p.as_bytes());
        a.write_u8(0xff);
        b.write(p.as_bytes());
        b.write_u8(0xff);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// The text a value is compared by for `unique` (`01` and `1` as integers are
/// the same value).
fn unique_text<'v>(value: Option<&Value>, raw: &'v str) -> std::borrow::Cow<'v, str> {
    match value {
        None | Some(Value::Text(_)) => std::borrow::Cow::Borrowed(raw),
        Some(v) => std::borrow::Cow::Owned(v.key()),
    }
}

enum Check {
    RequiredIf {
        field: usize,
        when: Cond,
        severity: Severity,
    },
    NotBefore {
        field: usize,
        other: usize,
        severity: Severity,
    },
    Within {
        field: usize,
        of: usize,
        limit: Offset,
        text: String,
        when: Option<Cond>,
        unless: Option<Cond>,
        severity: Severity,
    },
    NotFuture {
        fields: Vec<usize>,
        severity: Severity,
    },
}

struct Cond {
    field: usize,
    one_of: Option<Vec<String>>,
}

struct GroupRow {
    line: u64,
    record: u64,
    raw: Vec<String>,
    values: Vec<Option<Value>>,
}

enum GCheck {
    Before { field: usize, date: usize, first: Vec<String>, then: Vec<String>, severity: Severity },
    NoGap { start: usize, end: usize, only: Option<Cond>, allow: Offset, allow_text: String, severity: Severity },
    AtLeast { field: usize, one_of: Vec<String>, count: usize, label: String, severity: Severity },
}

struct Groups {
    by: usize,
    order_by: Option<usize>,
    /// Columns held per row (indices into `Engine::columns`), and where each sits in a GroupRow.
    held: Vec<usize>,
    checks: Vec<GCheck>,
    current: Option<String>,
    rows: Vec<GroupRow>,
    finished: hashbrown::HashSet<String, foldhash::fast::FixedState>,
}

pub struct Engine<'a> {
    columns: Vec<Column>,
    primary_key: Option<(Vec<usize>, Seen)>,
    checks: Vec<Check>,
    groups: Option<Groups>,
    cx: &'a Context<'a>,
    /// This row's cast values, by column.
    values: Vec<Option<Value>>,
    missing: Vec<bool>,
    raw: Vec<String>,
}

fn in_list(list: &[String], text: &str) -> bool {
    let t = text.trim();
    list.iter().any(|x| x.trim().eq_ignore_ascii_case(t))
}

impl<'a> Engine<'a> {
    /// Compiles `set` against the header of `file`. Fields with no column are
    /// reported as `missing-label` findings (their rules are skipped).
    pub fn new<T: Table>(
        set: &RuleSet,
        file: &T,
        cx: &'a Context<'a>,
    ) -> Result<(Engine<'a>, Vec<Finding>), InputError> {
        let mut columns = Vec::new();
        let mut out = Vec::new();
        let default_missing = set.missing_values.clone().unwrap_or_else(|| vec![String::new()]);
        let pk = set.primary_key();
        for f in &set.fields {
            let k = kind(f).map_err(|e| InputError::file(file.name(), format!("field '{}': {e}", f.name)))?;
            let c = &f.constraints;
            let index = file.position(&f.name)?;
            if index.is_none() {
                out.push(Finding {
                    line: 1,
                    record: 0,
                    column: None,
                    field: f.name.clone(),
                    rule: "missing-label",
                    severity: Severity::Error,
                    message: format!(
                        "no column '{}' (the rule set checks it); add it, or map your header with --columns",
                        f.name
                    ),
                });
            }
            let lit = |l: &super::Literal| literal(&k, l).map_err(|e| InputError::file(file.name(), e));
            let one_of = match &c.one_of {
                Some(v) => Some((
                    v.iter().map(lit).collect::<Result<Vec<_>, _>>()?,
                    v.iter().map(|l| l.physical()).collect::<Vec<_>>().join(", "),
                )),
                None => None,
            };
            let pattern = match &c.pattern {
                Some(p) => Some((
                    Pattern::new(p)
                        .map_err(|e| InputError::file(file.name(), format!("field '{}': bad pattern: {e}", f.name)))?,
                    p.clone(),
                )),
                None => None,
            };
            let minimum = c.minimum.as_ref().map(|l| lit(l).map(|v| (v, l.physical()))).transpose()?;
            let maximum = c.maximum.as_ref().map(|l| lit(l).map(|v| (v, l.physical()))).transpose()?;
            columns.push(Column {
                name: f.name.clone(),
                index,
                is_text: matches!(k, Kind::Text(_) | Kind::Any),
                kind: k,
                missing: Missing::new(f.missing_values.clone().unwrap_or_else(|| default_missing.clone())),
                required: c.required,
                unique: c.unique.then(Default::default),
                one_of,
                pattern,
                minimum,
                maximum,
                min_length: c.min_length,
                max_length: c.max_length,
                keep_raw: false,
            });
        }
        let at = |name: &str| columns.iter().position(|c| c.name == name).expect("rule fields were checked at load");
        let cond = |w: &When| Cond { field: at(&w.field), one_of: w.one_of.clone() };
        let parse = |t: &str| Offset::parse(t).map_err(|e| InputError::file(file.name(), e));
        let mut checks = Vec::new();
        for r in &set.rules {
            checks.push(match r {
                RowRule::RequiredIf { field, when, severity } => {
                    Check::RequiredIf { field: at(field), when: cond(when), severity: *severity }
                }
                RowRule::NotBefore { field, other, severity } => {
                    Check::NotBefore { field: at(field), other: at(other), severity: *severity }
                }
                RowRule::Within { field, of, limit, when, unless, severity, .. } => Check::Within {
                    field: at(field),
                    of: at(of),
                    limit: parse(limit)?,
                    text: limit.clone(),
                    when: when.as_ref().map(cond),
                    unless: unless.as_ref().map(cond),
                    severity: *severity,
                },
                RowRule::NotFuture { fields, severity } => {
                    Check::NotFuture { fields: fields.iter().map(|f| at(f)).collect(), severity: *severity }
                }
            });
        }
        let groups = match &set.groups {
            None => None,
            Some(g) => {
                let mut held: Vec<usize> = Vec::new();
                let mut hold = |i: usize| {
                    if let Some(p) = held.iter().position(|&h| h == i) {
                        p
                    } else {
                        held.push(i);
                        held.len() - 1
                    }
                };
                let order_by = g.order_by.as_deref().map(|o| hold(at(o)));
                let mut gchecks = Vec::new();
                for r in &g.rules {
                    gchecks.push(match r {
                        GroupRule::Before { field, date, first, then, severity } => GCheck::Before {
                            field: hold(at(field)),
                            date: hold(at(date)),
                            first: first.clone(),
                            then: then.clone(),
                            severity: *severity,
                        },
                        GroupRule::NoGap { start, end, only, allow, severity } => {
                            let allow_text = allow.clone().unwrap_or_else(|| "1 day".into());
                            GCheck::NoGap {
                                start: hold(at(start)),
                                end: hold(at(end)),
                                only: only
                                    .as_ref()
                                    .map(|w| Cond { field: hold(at(&w.field)), one_of: w.one_of.clone() }),
                                allow: parse(&allow_text)?,
                                allow_text,
                                severity: *severity,
                            }
                        }
                        GroupRule::AtLeast { field, one_of, count, label, severity } => GCheck::AtLeast {
                            field: hold(at(field)),
                            one_of: one_of.clone(),
                            count: count.unwrap_or(1),
                            label: label.clone().unwrap_or_else(|| format!("{field} {}", one_of.join("/"))),
                            severity: *severity,
                        },
                    });
                }
                Some(Groups {
                    by: at(&g.by),
                    order_by,
                    held,
                    checks: gchecks,
                    current: None,
                    rows: Vec::new(),
                    finished: Default::default(),
                })
            }
        };
        let primary_key: Option<(Vec<usize>, Seen)> =
            (!pk.is_empty()).then(|| (pk.iter().map(|k| at(k)).collect(), Default::default()));
        // What the rules read, beyond each cell's own checks.
        let mut reads: Vec<usize> = primary_key.iter().flat_map(|(c, _)| c.clone()).collect();
        for c in &checks {
            match c {
                Check::RequiredIf { field, when, .. } => reads.extend([*field, when.field]),
                Check::NotBefore { field, other, .. } => reads.extend([*field, *other]),
                Check::Within { field, of, when, unless, .. } => {
                    reads.extend([*field, *of]);
                    reads.extend(when.iter().chain(unless).map(|w| w.field));
                }
                Check::NotFuture { fields, .. } => reads.extend(fields),
            }
        }
        if let Some(g) = &groups {
            reads.push(g.by);
            reads.extend(&g.held);
        }
        for r in reads {
            columns[r].keep_raw = true;
        }
        let n = columns.len();
        let engine = Engine {
            columns,
            primary_key,
            checks,
            groups,
            cx,
            values: vec![None; n],
            missing: vec![true; n],
            raw: vec![String::new(); n],
        };
        Ok((engine, out))
    }

    /// Whether any rule looks across rows of a group (the caller then holds
    /// annotated rows until [`settled`](Self::settled) passes them).
    pub fn has_groups(&self) -> bool {
        self.groups.is_some()
    }

    /// Records before this one have all their findings.
    pub fn settled(&self) -> u64 {
        match &self.groups {
            Some(g) => g.rows.first().map_or(u64::MAX, |r| r.record),
            None => u64::MAX,
        }
    }

    /// Checks the current record of `file`, appending findings to `out`.
    pub fn row<T: Table>(&mut self, row: &T, out: &mut Vec<Finding>) {
        let (line, record) = (row.line(), row.record());
        if record == 1 {
            self.reserve(row.expected_records());
        }
        let finding = |col: &Column, rule: &'static str, severity: Severity, message: String| Finding {
            line,
            record,
            column: col.index.map(|i| i + 1),
            field: col.name.clone(),
            rule,
            severity,
            message,
        };
        for (i, col) in self.columns.iter_mut().enumerate() {
            self.values[i] = None;
            self.missing[i] = true;
            let Some(index) = col.index else { continue };
            let raw = row.raw(index);
            if col.keep_raw {
                self.raw[i].clear();
                self.raw[i].push_str(&raw);
            }
            if col.missing.contains(&raw) {
                if col.required {
                    let message = if raw.trim().is_empty() {
                        format!("'{}' is required but blank", col.name)
                    } else {
                        format!("'{}' is required, and {} counts as missing", col.name, shown(&raw))
                    };
                    out.push(finding(col, "constraint-error", Severity::Error, message));
                }
                continue;
            }
            self.missing[i] = false;
            // Text is compared as it stands, never copied into a value.
            let value =
                if col.is_text { col.kind.accepts(&raw).then_some(None) } else { col.kind.cast(&raw).map(Some) };

            let Some(value) = value else {
                let shown = shown(&raw);
                out.push(finding(
                    col,
                    "type-error",
                    Severity::Error,
                    format!("'{}': {shown} is not {}", col.name, col.kind.describe()),
                ));
                continue;
            };
            let compare = |limit: &Value| match (&value, limit) {
                (Some(v), l) => v.compare(l),
                (None, Value::Text(t)) => Some(raw.as_ref().cmp(t.as_str())),
                (None, _) => None,
            };
            if let Some((list, text)) = &col.one_of
                && !list.iter().any(|v| compare(v).is_some_and(|o| o.is_eq()))
            {
                out.push(finding(
                    col,
                    "constraint-error",
                    Severity::Error,
                    format!("'{}': {} is not one of {text}", col.name, shown(&raw)),
                ));
            }
            if let Some((re, text)) = &col.pattern
                && !re.is_match(&raw)
            {
                out.push(finding(
                    col,
                    "constraint-error",
                    Severity::Error,
                    format!("'{}': {} does not match the pattern {text}", col.name, shown(&raw)),
                ));
            }
            if let Some((min, text)) = &col.minimum
                && compare(min).is_some_and(|o| o.is_lt())
            {
                out.push(finding(
                    col,
                    "constraint-error",
                    Severity::Error,
                    format!("'{}': {} is below the minimum {text}", col.name, shown(&raw)),
                ));
            }
            if let Some((max, text)) = &col.maximum
                && compare(max).is_some_and(|o| o.is_gt())
            {
                out.push(finding(
                    col,
                    "constraint-error",
                    Severity::Error,
                    format!("'{}': {} is above the maximum {text}", col.name, shown(&raw)),
                ));
            }
            if col.is_text && (col.min_length.is_some() || col.max_length.is_some()) {
                let len = raw.chars().count();
                if col.min_length.is_some_and(|m| len < m) {
                    out.push(finding(
                        col,
                        "constraint-error",
                        Severity::Error,
                        format!(
                            "'{}' has {len} characters; at least {} are needed",
                            col.name,
                            col.min_length.unwrap_or(0)
                        ),
                    ));
                }
                if col.max_length.is_some_and(|m| len > m) {
                    out.push(finding(
                        col,
                        "constraint-error",
                        Severity::Error,
                        format!(
                            "'{}' has {len} characters; at most {} are allowed",
                            col.name,
                            col.max_length.unwrap_or(0)
                        ),
                    ));
                }
            }
            if let Some(seen) = &mut col.unique
                && !seen.insert(fingerprint([unique_text(value.as_ref(), &raw).as_ref()]))
            {
                out.push(finding(
                    col,
                    "unique-error",
                    Severity::Error,
                    format!("'{}': {} appears on an earlier row; each must be unique", col.name, shown(&raw)),
                ));
            }
            self.values[i] = value;
        }
        self.primary_key_row(line, record, out);
        self.row_rules(line, record, out);
        self.group_row(line, record, out);
    }

    /// Sizes the sets `unique` and `primaryKey` fill from the file's size and its
    /// first row, rather than growing them (and copying them) twenty times.
    fn reserve(&mut self, rows: Option<usize>) {
        let Some(rows) = rows else { return };
        for c in &mut self.columns {
            if let Some(seen) = &mut c.unique {
                seen.reserve(rows);
            }
        }
        if let Some((_, seen)) = &mut self.primary_key {
            seen.reserve(rows);
        }
    }

    fn primary_key_row(&mut self, line: u64, record: u64, out: &mut Vec<Finding>) {
        let Some((cols, seen)) = &mut self.primary_key else { return };
        if cols.iter().any(|&c| self.missing[c] || self.columns[c].index.is_none()) {
            return; // reported as required
        }
        let key = match cols.as_slice() {
            // One key column (the usual case): no allocation.
            [c] => fingerprint([unique_text(self.values[*c].as_ref(), &self.raw[*c]).as_ref()]),
            _ => {
                let texts: Vec<std::borrow::Cow<str>> =
                    cols.iter().map(|&c| unique_text(self.values[c].as_ref(), &self.raw[c])).collect();
                fingerprint(texts.iter().map(|t| t.as_ref()))
            }
        };
        if !seen.insert(key) {
            let names: Vec<&str> = cols.iter().map(|&c| self.columns[c].name.as_str()).collect();
            let shown_key: Vec<String> = cols.iter().map(|&c| self.raw[c].clone()).collect();
            out.push(Finding {
                line,
                record,
                column: self.columns[cols[0]].index.map(|i| i + 1),
                field: names.join(","),
                rule: "primary-key",
                severity: Severity::Error,
                message: format!("the key {} = {} appears on an earlier row", names.join(", "), shown_key.join(", ")),
            });
        }
    }

    fn holds(&self, c: &Cond) -> bool {
        if self.missing[c.field] {
            return false;
        }
        c.one_of.as_ref().is_none_or(|list| in_list(list, &self.raw[c.field]))
    }

    fn date(&self, i: usize) -> Option<NaiveDate> {
        self.values[i].as_ref().and_then(Value::as_date)
    }

    fn row_rules(&self, line: u64, record: u64, out: &mut Vec<Finding>) {
        for check in &self.checks {
            let push = |out: &mut Vec<Finding>, col: usize, rule: &'static str, severity: Severity, message: String| {
                let c = &self.columns[col];
                out.push(Finding {
                    line,
                    record,
                    column: c.index.map(|i| i + 1),
                    field: c.name.clone(),
                    rule,
                    severity,
                    message,
                });
            };
            match check {
                Check::RequiredIf { field, when, severity } => {
                    if self.columns[*field].index.is_some() && self.missing[*field] && self.holds(when) {
                        let w = &self.columns[when.field].name;
                        push(
                            out,
                            *field,
                            "required-if",
                            *severity,
                            format!(
                                "'{}' is blank, and is required when '{w}' is {}",
                                self.columns[*field].name,
                                shown(&self.raw[when.field])
                            ),
                        );
                    }
                }
                Check::NotBefore { field, other, severity } => {
                    if let (Some(a), Some(b)) = (self.date(*field), self.date(*other))
                        && a < b
                    {
                        push(
                            out,
                            *field,
                            "not-before",
                            *severity,
                            format!(
                                "'{}' ({a}) is before '{}' ({b})",
                                self.columns[*field].name, self.columns[*other].name
                            ),
                        );
                    }
                }
                Check::Within { field, of, limit, text, when, unless, severity } => {
                    if when.as_ref().is_some_and(|c| !self.holds(c)) || unless.as_ref().is_some_and(|c| self.holds(c)) {
                        continue;
                    }
                    let (Some(done), Some(start)) = (self.date(*field), self.date(*of)) else { continue };
                    let Ok(deadline) = limit.apply(self.cx.calendar, start, self.cx.count_event_day) else { continue };
                    if done > deadline {
                        let (f, o) = (&self.columns[*field].name, &self.columns[*of].name);
                        push(
                            out,
                            *field,
                            "within",
                            *severity,
                            format!("'{f}' ({done}) is more than {text} after '{o}' ({start}): due by {deadline}"),
                        );
                    }
                }
                Check::NotFuture { fields, severity } => {
                    for &f in fields {
                        if let Some(d) = self.date(f)
                            && d > self.cx.today
                        {
                            push(
                                out,
                                f,
                                "not-future",
                                *severity,
                                format!("'{}' ({d}) is after today ({})", self.columns[f].name, self.cx.today),
                            );
                        }
                    }
                }
            }
        }
    }

    fn group_row(&mut self, line: u64, record: u64, out: &mut Vec<Finding>) {
        let Some(g) = &mut self.groups else { return };
        let key = self.raw[g.by].trim().to_string();
        if g.current.as_deref() != Some(key.as_str()) {
            let done = std::mem::take(&mut g.rows);
            if let Some(prev) = g.current.take() {
                evaluate(self.cx.calendar, g, &self.columns, &prev, done, out);
                g.finished.insert(prev);
            }
            if g.finished.contains(&key) {
                let name = self.columns[g.by].name.clone();
                out.push(Finding {
                    line,
                    record,
                    column: self.columns[g.by].index.map(|i| i + 1),
                    field: name.clone(),
                    rule: "unsorted",
                    severity: Severity::Error,
                    message: format!(
                        "the rows are not sorted by '{name}': {} appears again here after other rows; the rules for each {name} were checked up to this row only",
                        shown(&key)
                    ),
                });
                self.groups = None;
                return;
            }
            g.current = Some(key);
        }
        let raw = g.held.iter().map(|&c| self.raw[c].clone()).collect();
        let values = g.held.iter().map(|&c| self.values[c].clone()).collect();
        g.rows.push(GroupRow { line, record, raw, values });
    }

    /// Ends the input: the last group's rules.
    pub fn finish(&mut self, out: &mut Vec<Finding>) {
        if let Some(g) = &mut self.groups
            && let Some(key) = g.current.take()
        {
            let rows = std::mem::take(&mut g.rows);
            evaluate(self.cx.calendar, g, &self.columns, &key, rows, out);
        }
    }
}

fn shown(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX { format!("'{}…'", s.chars().take(MAX).collect::<String>()) } else { format!("'{s}'") }
}

fn evaluate(
    cal: &Calendar,
    g: &Groups,
    columns: &[Column],
    key: &str,
    mut rows: Vec<GroupRow>,
    out: &mut Vec<Finding>,
) {
    let (checks, held) = (&g.checks, &g.held);
    let date = |r: &GroupRow, i: usize| r.values[i].as_ref().and_then(Value::as_date);
    if let Some(o) = g.order_by {
        rows.sort_by_key(|r| (date(r, o).is_none(), date(r, o)));
    }
    let col = |i: usize| &columns[held[i]];
    let finding = |r: &GroupRow, i: usize, rule: &'static str, severity: Severity, message: String| Finding {
        line: r.line,
        record: r.record,
        column: col(i).index.map(|x| x + 1),
        field: col(i).name.clone(),
        rule,
        severity,
        message,
    };
    let mut found = Vec::new();
    for check in checks {
        match check {
            GCheck::Before { field, date: d, first, then, severity } => {
                let earliest = rows
                    .iter()
                    .filter(|r| in_list(first, &r.raw[*field]))
                    .filter_map(|r| date(r, *d).map(|x| (x, r.line)))
                    .min();
                for r in rows.iter().filter(|r| in_list(then, &r.raw[*field])) {
                    let what = r.raw[*field].trim();
                    match (earliest, date(r, *d)) {
                        (None, _) => found.push(finding(
                            r,
                            *field,
                            "before",
                            *severity,
                            format!("{key}: '{what}' with no {} before it", first.join(" or ")),
                        )),
                        (Some((e, line)), Some(x)) if x < e => found.push(finding(
                            r,
                            *field,
                            "before",
                            *severity,
                            format!(
                                "{key}: '{what}' dated {x} is before the first {} ({e}, line {line})",
                                first.join(" or ")
                            ),
                        )),
                        _ => {}
                    }
                }
            }
            GCheck::NoGap { start, end, only, allow, allow_text, severity } => {
                let mut periods: Vec<&GroupRow> = rows
                    .iter()
                    .filter(|r| {
                        only.as_ref().is_none_or(|c| c.one_of.as_ref().is_none_or(|l| in_list(l, &r.raw[c.field])))
                    })
                    .filter(|r| date(r, *start).is_some())
                    .collect();
                periods.sort_by_key(|r| date(r, *start));
                let mut reach: Option<(NaiveDate, u64)> = None;
                for r in periods {
                    let s = date(r, *start).expect("filtered");
                    if let Some((last_end, line)) = reach {
                        // The next period may start up to `allow` after the last ends.
                        let limit = allow.apply(cal, last_end, false).unwrap_or(last_end);
                        if s > limit {
                            let days = (s - last_end).num_days() - 1;
                            found.push(finding(
                                r,
                                *start,
                                "no-gap",
                                *severity,
                                format!("{key}: {days} days with no involvement between the one ending {last_end} (line {line}) and this one starting {s} (allowed: {allow_text})"),
                            ));
                        }
                    }
                    match date(r, *end) {
                        Some(e) => {
                            if reach.is_none_or(|(x, _)| e > x) {
                                reach = Some((e, r.line));
                            }
                        }
                        // Still open: nothing after it can leave a gap.
                        None => reach = Some((NaiveDate::MAX, r.line)),
                    }
                }
            }
            GCheck::AtLeast { field, one_of, count, label, severity } => {
                let n = rows.iter().filter(|r| in_list(one_of, &r.raw[*field])).count();
                if n < *count
                    && let Some(r) = rows.iter().min_by_key(|r| r.line)
                {
                    let have = if *count == 1 { "no".to_string() } else { format!("{n} of the {count} needed") };
                    found.push(finding(r, *field, "at-least", *severity, format!("{key}: {have} {label}")));
                }
            }
        }
    }
    found.sort_by_key(|f| (f.line, f.column));
    out.extend(found);
}
