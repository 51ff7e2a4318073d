//! Rule sets for `check` (docs/check.md): the column rules are a
//! Frictionless Table Schema (`fields` with `type`, `format`, `constraints`;
//! `missingValues`; `primaryKey`), so a schema written for other tools works
//! unchanged; `rules` and `groups` add what Table Schema cannot say (required-if,
//! date order, within N working days, and per-child rules over sorted rows).
//!
//! Unknown properties of the schema and its fields are ignored, as Table Schema
//! allows custom ones; unknown constraints and extension rules are errors, since
//! a mistyped constraint would silently check nothing.

pub mod cast;
pub mod engine;
pub mod findings;
mod strptime;

use crate::error::InputError;
use crate::yaml;
use cast::{CellValue, FieldType, Layout, TextFormat};
use serde::Deserialize;

pub const BUILT_IN: [(&str, &str); 4] = [
    ("escr-person", include_str!("../../rules/escr-person.yaml")),
    ("escr-relationships", include_str!("../../rules/escr-relationships.yaml")),
    ("escr-documents", include_str!("../../rules/escr-documents.yaml")),
    ("recording-timeliness", include_str!("../../rules/recording-timeliness.yaml")),
];

/// A scalar as written in a schema (`enum`, `minimum`): text or a number.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Num(f64),
    Text(String),
}

impl Literal {
    fn physical(&self) -> String {
        match self {
            Literal::Bool(b) => b.to_string(),
            Literal::Int(i) => i.to_string(),
            Literal::Num(f) => f.to_string(),
            Literal::Text(s) => s.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Constraints {
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub unique: bool,
    #[serde(default, rename = "enum")]
    pub one_of: Option<Vec<Literal>>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub minimum: Option<Literal>,
    #[serde(default)]
    pub maximum: Option<Literal>,
    #[serde(default)]
    pub min_length: Option<usize>,
    #[serde(default)]
    pub max_length: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDef {
    pub name: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub constraints: Constraints,
    #[serde(default)]
    pub true_values: Option<Vec<String>>,
    #[serde(default)]
    pub false_values: Option<Vec<String>>,
    #[serde(default)]
    pub decimal_char: Option<String>,
    #[serde(default)]
    pub group_char: Option<String>,
    #[serde(default)]
    pub bare_number: Option<bool>,
    /// Table Schema v2 lets a field have its own missing values.
    #[serde(default)]
    pub missing_values: Option<Vec<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn names(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// A condition on another column's text: `{field: case_type, in: [CP]}`;
/// without `in`, the column must simply be filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct When {
    pub field: String,
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<String>>,
}

pub use crate::error::Severity;

/// Row rules beyond Table Schema.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum RowRule {
    /// `field` must be filled in when `when` holds.
    RequiredIf {
        field: String,
        when: When,
        #[serde(default)]
        severity: Severity,
    },
    /// The date in `field` is not before the date in `other`.
    NotBefore {
        field: String,
        other: String,
        #[serde(default)]
        severity: Severity,
    },
    /// The date in `field` is no later than `limit` after the date in `of`
    /// (`5 working days`, `2 days`, `1 month`), when `when` holds / unless `unless` holds.
    Within {
        field: String,
        of: String,
        limit: String,
        #[serde(default)]
        when: Option<When>,
        #[serde(default)]
        unless: Option<When>,
        #[serde(default)]
        source: Option<String>,
        #[serde(default)]
        severity: Severity,
    },
    /// Dates that may not be after today (`--today`).
    NotFuture {
        fields: Vec<String>,
        #[serde(default)]
        severity: Severity,
    },
}

/// Rules over each group of rows sharing a key (a child), in file order or
/// sorted by `order_by`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groups {
    pub by: String,
    #[serde(default)]
    pub order_by: Option<String>,
    pub rules: Vec<GroupRule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum GroupRule {
    /// Each row whose `field` is in `then` needs a row in `first` dated on or
    /// before it (Business support record audit: contact/referral followed by assessment).
    Before {
        field: String,
        date: String,
        first: Vec<String>,
        then: Vec<String>,
        #[serde(default)]
        severity: Severity,
    },
    /// Consecutive periods (`start`..`end`) leave no gap longer than `allow`
    /// (Business support record audit: no gap between teams' involvements on transfer).
    NoGap {
        start: String,
        end: String,
        #[serde(default, rename = "where")]
        only: Option<When>,
        #[serde(default)]
        allow: Option<String>,
        #[serde(default)]
        severity: Severity,
    },
    /// At least `count` (default 1) rows whose `field` is in `in`.
    AtLeast {
        field: String,
        #[serde(rename = "in")]
        one_of: Vec<String>,
        #[serde(default)]
        count: Option<usize>,
        #[serde(default)]
        label: Option<String>,
        #[serde(default)]
        severity: Severity,
    },
}

/// A rule set file: a Table Schema plus the extensions.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleSet {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub missing_values: Option<Vec<String>>,
    #[serde(default)]
    pub primary_key: Option<OneOrMany>,
    #[serde(default)]
    pub rules: Vec<RowRule>,
    #[serde(default)]
    pub groups: Option<Groups>,
}

/// Reads a rule set, YAML or JSON, from text (`file` names it in errors);
/// `cmd::config::rule_set` finds the text of a built-in or a file.
pub fn parse(file: &str, text: &str) -> Result<RuleSet, InputError> {
    let set: RuleSet = yaml::from_str(file, text, "a rule set: a Table Schema; see `caseaudit schema rules`")?;
    compile_check(file, text, &set)?;
    Ok(set)
}

/// A field's type and options, read.
pub fn kind(f: &FieldDef) -> Result<FieldType, String> {
    let ty = f.kind.as_deref().unwrap_or("string");
    let format = f.format.as_deref().unwrap_or("default");
    let layout = || match format {
        "default" => Ok(Layout::Default),
        "any" => Ok(Layout::Any),
        p if p.contains('%') => cast::check_pattern(p).map(|_| Layout::Pattern(p.to_string())),
        other => Err(format!("format '{other}' is not 'default', 'any' or a pattern such as '%d/%m/%Y'")),
    };
    let one_char = |s: &Option<String>, default: Option<char>, what: &str| -> Result<Option<char>, String> {
        match s.as_deref() {
            None => Ok(default),
            Some("") => Ok(None),
            Some(c) if c.chars().count() == 1 => Ok(c.chars().next()),
            Some(c) => Err(format!("{what} '{c}' must be one character")),
        }
    };
    Ok(match ty {
        "string" => FieldType::Text(match format {
            "default" => TextFormat::Default,
            "email" => TextFormat::Email,
            "uri" => TextFormat::Uri,
            "uuid" => TextFormat::Uuid,
            "binary" => TextFormat::Binary,
            other => {
                return Err(format!("format '{other}' is not a string format (default, email, uri, uuid, binary)"));
            }
        }),
        "integer" => FieldType::Integer {
            bare: f.bare_number.unwrap_or(true),
            group: one_char(&f.group_char, None, "groupChar")?,
        },
        "number" => FieldType::Number {
            decimal: one_char(&f.decimal_char, Some('.'), "decimalChar")?.unwrap_or('.'),
            group: one_char(&f.group_char, None, "groupChar")?,
            bare: f.bare_number.unwrap_or(true),
        },
        "boolean" => FieldType::Boolean {
            yes: f.true_values.clone().unwrap_or_else(|| ["true", "True", "TRUE", "1"].map(String::from).to_vec()),
            no: f.false_values.clone().unwrap_or_else(|| ["false", "False", "FALSE", "0"].map(String::from).to_vec()),
        },
        "date" => FieldType::Date(layout()?),
        "datetime" => FieldType::DateTime(layout()?),
        "time" => FieldType::Time(layout()?),
        "year" => FieldType::Year,
        "yearmonth" => FieldType::YearMonth,
        "any" => FieldType::Any,
        other => {
            return Err(format!(
                "type '{other}' is not one caseaudit checks ({}); geopoint, object, array and duration are not supported",
                cast::TYPES.join(", ")
            ));
        }
    })
}

/// A schema literal read as the field's type.
pub fn literal(k: &FieldType, l: &Literal) -> Result<CellValue, String> {
    let s = l.physical();
    k.cast(&s).ok_or_else(|| k.why_not(&s).unwrap_or_else(|| format!("'{s}' is not {}", k.describe())))
}

/// What the shape cannot say: known types and formats, valid patterns and
/// limits, and every column a rule names is a field.
fn compile_check(file: &str, text: &str, set: &RuleSet) -> Result<(), InputError> {
    let err = |m: String| InputError::file(file, m);
    let bad = |m: String| Err(err(m));
    // Where a mistake is written, found in the text (the parsed set has no places).
    let at = |key: &str, value: &str, m: String| Err(yaml::error_at(file, text, key, Some(value), m));
    if set.fields.is_empty() {
        return bad("'fields' is empty".into());
    }
    let mut seen: Vec<&str> = Vec::new();
    for f in &set.fields {
        if seen.contains(&f.name.as_str()) {
            return at("name", &f.name, format!("field '{}' is listed twice", f.name));
        }
        seen.push(&f.name);
        let k = match kind(f) {
            Ok(k) => k,
            Err(e) => {
                let m = format!("field '{}': {e}", f.name);
                return match f.kind.as_deref() {
                    Some(ty) if !cast::TYPES.contains(&ty) => at("type", ty, m),
                    _ => at("name", &f.name, m),
                };
            }
        };
        let c = &f.constraints;
        if let Some(p) = &c.pattern
            && let Err(e) = regex::Regex::new(&format!("^(?:{p})$"))
        {
            return at(
                "pattern",
                p,
                format!(
                    "field '{}': pattern '{p}' is not a valid regular expression: {}",
                    f.name,
                    first_line(&e.to_string())
                ),
            );
        }
        for l in c.one_of.iter().flatten().chain(&c.minimum).chain(&c.maximum) {
            if let Err(e) = literal(&k, l) {
                return at("name", &f.name, format!("field '{}': {e}", f.name));
            }
        }
    }
    let known = |name: &str| seen.contains(&name);
    for r in &set.rules {
        if let RowRule::Within { limit, .. } = r
            && let Err(e) = offset(limit)
        {
            return at("limit", limit, e);
        }
    }
    for r in set.groups.iter().flat_map(|g| &g.rules) {
        if let GroupRule::NoGap { allow: Some(a), .. } = r
            && let Err(e) = offset(a)
        {
            return at("allow", a, e);
        }
    }
    let named: Vec<&str> = set.named().into_iter().map(|(n, _)| n).collect();
    if let Some(n) = named.iter().find(|n| !known(n)) {
        let hint = crate::words::did_you_mean(n, seen.iter().copied());
        let m = format!("a rule names '{n}', which is not one of the fields{hint}");
        let place = ["field", "of", "other", "by", "order_by", "date", "start", "end"]
            .iter()
            .find_map(|k| yaml::locate(text, k, Some(n)));
        return match place {
            Some((line, column)) => Err(InputError::at(file, line, Some(column), m)),
            None => bad(m),
        };
    }
    Ok(())
}

fn offset(text: &str) -> Result<crate::calendar::offset::Offset, String> {
    match crate::calendar::offset::Offset::parse(text) {
        Ok(o) if o.before => Err(format!("limit '{text}' must be after, not before")),
        Ok(o) => Ok(o),
        Err(e) => Err(format!("limit {e}")),
    }
}

fn first_line(s: &str) -> String {
    s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

impl RuleSet {
    pub fn primary_key(&self) -> Vec<String> {
        self.primary_key.as_ref().map(OneOrMany::names).unwrap_or_default()
    }

    /// Whether the export must have field `name` as a column (docs/check.md:
    /// "Which columns an export must have"). It must when the field is
    /// `required`, part of the primary key, or what a row or group rule checks,
    /// compares, groups or orders by: without the column that rule checks
    /// nothing, and a file with the wrong columns would pass. A field that is
    /// only checked cell by cell (type, `enum`, `pattern`, `unique`...), or
    /// only read in a rule's condition (`when`, `unless`, `where`), may be
    /// absent: its cells are then blank on every row, as a column of blanks
    /// would be.
    /// Every field whose column the file must have ([`needs_column`](Self::needs_column)),
    /// in the rule set's order: what a file's header row is found by.
    pub fn needed_columns(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let named = self.named();
        for n in self.fields.iter().map(|f| f.name.as_str()).chain(named.iter().map(|(n, _)| *n)) {
            if self.needs_column(n) && !out.iter().any(|o| o == n) {
                out.push(n.to_string());
            }
        }
        out
    }

    pub fn needs_column(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.name == name && f.constraints.required)
            || self.named().iter().any(|(n, how)| *n == name && *how == Read::Checked)
    }

    /// Every field the primary key and the rules name, and how each is read.
    fn named(&self) -> Vec<(&str, Read)> {
        use Read::Checked;
        let mut named: Vec<(&str, Read)> = Vec::new();
        fn cond(w: &When) -> (&str, Read) {
            (w.field.as_str(), Read::Condition)
        }
        for key in self.primary_key.iter().flat_map(|p| match p {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v.as_slice(),
        }) {
            named.push((key, Checked));
        }
        for r in &self.rules {
            match r {
                RowRule::RequiredIf { field, when, .. } => named.extend([(field.as_str(), Checked), cond(when)]),
                RowRule::NotBefore { field, other, .. } => {
                    named.extend([(field.as_str(), Checked), (other.as_str(), Checked)])
                }
                RowRule::Within { field, of, when, unless, .. } => {
                    named.extend([(field.as_str(), Checked), (of.as_str(), Checked)]);
                    named.extend(when.iter().chain(unless).map(cond));
                }
                RowRule::NotFuture { fields, .. } => named.extend(fields.iter().map(|f| (f.as_str(), Checked))),
            }
        }
        if let Some(g) = &self.groups {
            named.push((&g.by, Checked));
            named.extend(g.order_by.as_deref().map(|o| (o, Checked)));
            for r in &g.rules {
                match r {
                    GroupRule::Before { field, date, .. } => {
                        named.extend([(field.as_str(), Checked), (date.as_str(), Checked)])
                    }
                    GroupRule::NoGap { start, end, only, .. } => {
                        named.extend([(start.as_str(), Checked), (end.as_str(), Checked)]);
                        named.extend(only.iter().map(cond));
                    }
                    GroupRule::AtLeast { field, .. } => named.push((field, Checked)),
                }
            }
        }
        named
    }
}

/// How a rule reads a field it names: what it checks (or a key), or only in
/// a condition on whether it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Checked,
    Condition,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which columns an export must have: the rule docs/check.md gives, field by field,
    /// over a rule set using every rule.
    #[test]
    fn the_columns_a_rule_set_needs() {
        let set = parse(
            "r.yaml",
            "primaryKey: key\n\
             fields:\n\
             \x20 - {name: key}\n\
             \x20 - {name: must, constraints: {required: true}}\n\
             \x20 - {name: checked, type: integer, constraints: {unique: true, minimum: 1}}\n\
             \x20 - {name: team}\n\
             \x20 - {name: kind}\n\
             \x20 - {name: start, type: date}\n\
             \x20 - {name: end, type: date}\n\
             \x20 - {name: done, type: date}\n\
             \x20 - {name: seen, type: date}\n\
             \x20 - {name: cp}\n\
             \x20 - {name: urgent}\n\
             \x20 - {name: child}\n\
             \x20 - {name: sort, type: date}\n\
             \x20 - {name: doc}\n\
             \x20 - {name: doc_date, type: date}\n\
             \x20 - {name: gap_start, type: date}\n\
             \x20 - {name: gap_end, type: date}\n\
             \x20 - {name: gap_kind}\n\
             \x20 - {name: relation}\n\
             rules:\n\
             \x20 - required_if: {field: team, when: {field: kind, in: [involvement]}}\n\
             \x20 - not_before: {field: end, other: start}\n\
             \x20 - within: {field: done, of: start, limit: 2 days, when: {field: cp, in: [yes]}, unless: {field: urgent}}\n\
             \x20 - not_future: {fields: [seen]}\n\
             groups:\n\
             \x20 by: child\n\
             \x20 order_by: sort\n\
             \x20 rules:\n\
             \x20   - before: {field: doc, date: doc_date, first: [contact], then: [assessment]}\n\
             \x20   - no_gap: {start: gap_start, end: gap_end, where: {field: gap_kind, in: [involvement]}}\n\
             \x20   - at_least: {field: relation, in: [GP]}\n",
        )
        .expect("a rule set");
        let needed: Vec<&str> = set.fields.iter().map(|f| f.name.as_str()).filter(|n| set.needs_column(n)).collect();
        assert_eq!(
            needed,
            [
                "key",
                "must",
                "team",
                "start",
                "end",
                "done",
                "seen",
                "child",
                "sort",
                "doc",
                "doc_date",
                "gap_start",
                "gap_end",
                "relation"
            ]
        );
        // Checked cell by cell only, or read only in a condition: may be absent.
        for optional in ["checked", "kind", "cp", "urgent", "gap_kind"] {
            assert!(!set.needs_column(optional), "{optional}");
        }
    }

    /// The built-in rule sets: every column needed but recording-timeliness's
    /// child_protection ("blank or no otherwise").
    #[test]
    fn built_in_rule_sets_need_all_but_child_protection() {
        for (name, text) in BUILT_IN {
            let set = parse(name, text).expect("built-in");
            let optional: Vec<&str> =
                set.fields.iter().map(|f| f.name.as_str()).filter(|n| !set.needs_column(n)).collect();
            let want: &[&str] = if name == "recording-timeliness" { &["child_protection"] } else { &[] };
            assert_eq!(optional, want, "{name}");
        }
    }
}
