//! Compiling a rule set: each field's type, missing values, constraints and
//! pattern, the row rules and the group rules, resolved to column positions in
//! the table once, before the first row.

use super::plan::{Check, Cond, GCheck, Groups, Missing, Pattern};
use super::seen::Keys;
use super::{Column, Context, Engine, Table};
use crate::calendar::offset::Offset;
use crate::check::cast::FieldType;
use crate::check::{GroupRule, Literal, RowRule, RuleSet, When, kind, literal};
use crate::error::InputError;
use crate::words::normalise;

impl<'a> Engine<'a> {
    /// Compiles `set` against the header of `file`. A column the rule set
    /// needs ([`RuleSet::needs_column`]) that the file lacks is an input
    /// error naming the headers found: the export has the wrong shape, which
    /// is not a finding about its data. The fields the rule set can do without
    /// and the file lacks are returned, to be named in a note.
    pub fn new<T: Table>(
        set: &RuleSet,
        file: &T,
        cx: &'a Context<'a>,
    ) -> Result<(Engine<'a>, Vec<String>), InputError> {
        // 1. Each field's column, and the fields the file lacks.
        let mut columns = Vec::new();
        let (mut needed, mut absent) = (Vec::new(), Vec::new());
        for f in &set.fields {
            let column = column(set, f, file)?;
            if column.index.is_none() {
                if set.needs_column(&f.name) { &mut needed } else { &mut absent }.push(f.name.clone());
            }
            columns.push(column);
        }
        if !needed.is_empty() {
            return Err(missing_columns(file, &needed, &columns));
        }
        // 2. The row rules and the group rules, by column.
        let at = |name: &str| columns.iter().position(|c| c.name == name).expect("rule fields were checked at load");
        let parse = |t: &str| Offset::parse(t).map_err(|e| InputError::file(file.name(), e));
        let checks = set.rules.iter().map(|r| row_check(r, &at, &parse)).collect::<Result<Vec<_>, _>>()?;
        let groups = set.groups.as_ref().map(|g| group_checks(g, &columns, &at, &parse)).transpose()?;
        let pk = set.primary_key();
        let primary_key: Option<(Vec<usize>, Keys)> =
            (!pk.is_empty()).then(|| (pk.iter().map(|k| at(k)).collect(), Default::default()));
        // 3. What the rules read, beyond each cell's own checks: those cells are kept.
        let mut reads: Vec<usize> = primary_key.iter().flat_map(|(c, _)| c.clone()).collect();
        reads.extend(checks.iter().flat_map(Check::reads));
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
            key: Vec::new(),
        };
        Ok((engine, absent))
    }
}

/// The column of field `f`: where the file has it, how findings name it, and
/// its cell checks (type, missing values, constraints).
fn column<T: Table>(set: &RuleSet, f: &crate::check::FieldDef, file: &T) -> Result<Column, InputError> {
    let k = kind(f).map_err(|e| InputError::file(file.name(), format!("field '{}': {e}", f.name)))?;
    let c = &f.constraints;
    let index = file.position(&f.name)?;
    // The header as written, on one line.
    let written = index
        .and_then(|i| file.headers().get(i))
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| f.name.clone());
    let alias = (normalise(&written) != normalise(&f.name)).then(|| f.name.clone());
    let header = format!("'{written}'");
    let label = match &alias {
        Some(name) => format!("{header} ({name})"),
        None => header.clone(),
    };
    let lit = |l: &Literal| literal(&k, l).map_err(|e| InputError::file(file.name(), e));
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
            p.to_string(),
        )),
        None => None,
    };
    let minimum = c.minimum.as_ref().map(|l| lit(l).map(|v| (v, l.physical()))).transpose()?;
    let maximum = c.maximum.as_ref().map(|l| lit(l).map(|v| (v, l.physical()))).transpose()?;
    let default_missing = || set.missing_values.clone().unwrap_or_else(|| vec![String::new()]);
    let is_text = matches!(k, FieldType::Text(_) | FieldType::Any);
    let lengths = is_text && (c.min_length.is_some() || c.max_length.is_some());
    Ok(Column {
        constrained: one_of.is_some() || pattern.is_some() || minimum.is_some() || maximum.is_some() || lengths,
        name: f.name.clone(),
        label,
        header,
        alias,
        index,
        is_text,
        kind: k,
        missing: Missing::new(f.missing_values.clone().unwrap_or_else(default_missing)),
        required: c.required,
        unique: c.unique.then(Default::default),
        one_of,
        pattern,
        minimum,
        maximum,
        min_length: c.min_length,
        max_length: c.max_length,
        keep_raw: false,
    })
}

/// A row rule, by column.
fn row_check(
    r: &RowRule,
    at: &dyn Fn(&str) -> usize,
    parse: &dyn Fn(&str) -> Result<Offset, InputError>,
) -> Result<Check, InputError> {
    let cond = |w: &When| Cond { field: at(&w.field), one_of: w.one_of.clone() };
    Ok(match r {
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
    })
}

/// The group rules, over the columns a group holds for each of its rows.
fn group_checks(
    g: &crate::check::Groups,
    columns: &[Column],
    at: &dyn Fn(&str) -> usize,
    parse: &dyn Fn(&str) -> Result<Offset, InputError>,
) -> Result<Groups, InputError> {
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
    let mut checks = Vec::new();
    for r in &g.rules {
        checks.push(match r {
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
                    only: only.as_ref().map(|w| Cond { field: hold(at(&w.field)), one_of: w.one_of.clone() }),
                    allow: parse(&allow_text)?,
                    allow_text,
                    severity: *severity,
                }
            }
            GroupRule::AtLeast { field, one_of, count, label, severity } => GCheck::AtLeast {
                field: hold(at(field)),
                one_of: one_of.clone(),
                count: count.unwrap_or(1),
                label: label.clone().unwrap_or_else(|| format!("{} {}", columns[at(field)].label, one_of.join("/"))),
                severity: *severity,
            },
        });
    }
    Ok(Groups { by: at(&g.by), order_by, held, checks, current: None, rows: Vec::new(), finished: Default::default() })
}

/// `no 'case_id' or 'recorded_date' column (the header row has ...)`, worded
/// as every reader words a missing column (`CsvFile::require`), with the
/// `--columns` line to write when a header looks like the field with its words
/// in another order (`Date Recorded` for `recorded_date`) or mistyped.
fn missing_columns<T: Table>(file: &T, missing: &[String], columns: &[Column]) -> InputError {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let names = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    let (them, headers) = if missing.len() == 1 { ("it", "header") } else { ("them", "headers") };
    // Headers no field has taken, as written and as compared.
    let taken: Vec<usize> = columns.iter().filter_map(|c| c.index).collect();
    let free: Vec<(&str, String)> = file
        .headers()
        .iter()
        .enumerate()
        .filter(|(i, h)| !taken.contains(i) && !h.trim().is_empty())
        .map(|(_, h)| (h.trim(), normalise(h)))
        .collect();
    // The words of a name in any order, less the small ones (`Date of Event`
    // is `event_date`).
    fn words(s: &str) -> Vec<&str> {
        let mut w: Vec<&str> = s.split('_').filter(|w| !["of", "the", "a", "an"].contains(w)).collect();
        w.sort_unstable();
        w
    }
    let guesses: Vec<String> = missing
        .iter()
        .filter_map(|m| {
            let ours = normalise(m);
            let mut same = free.iter().filter(|(_, n)| words(n) == words(&ours));
            let same_words = match (same.next(), same.next()) {
                (Some((h, _)), None) => Some(*h),
                _ => None,
            };
            let nearest = || {
                let n = crate::words::nearest(&ours, free.iter().map(|(_, n)| n.as_str()))?;
                free.iter().find(|(_, x)| x == n).map(|(h, _)| *h)
            };
            // Quoted where YAML would read the header otherwise.
            let yaml = |h: &str| {
                if h.contains([':', '{', '}', '[', ']', ',', '#', '\'', '"']) {
                    format!("'{}'", h.replace('\'', "''"))
                } else {
                    h.to_string()
                }
            };
            same_words.or_else(nearest).map(|h| format!("{m}: {}", yaml(h)))
        })
        .collect();
    let how = if guesses.is_empty() {
        " (under check:)".to_string()
    } else {
        format!(", e.g. check: {{{}}}", guesses.join(", "))
    };
    InputError::at(
        file.name(),
        file.header_line(),
        None,
        format!(
            "no {names} column ({}); add {them}, or map your {headers} to {them} with --columns{how}",
            crate::words::header_row(file.headers(), file.header_line(), file.is_sheet())
        ),
    )
}
