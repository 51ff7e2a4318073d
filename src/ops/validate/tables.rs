//! The findings as `validate` shows them: one row a finding (CSV, JSON,
//! a workbook), or on a terminal as compiler-style diagnostics that quote
//! the line and point at the column.

use super::Validated;
use crate::io::diagnostics::{self, Diagnostic};
use crate::io::output::{Cell, Section};
use crate::yaml;

const COLUMNS: [&str; 8] = ["file", "line", "column", "record", "rule", "severity", "message", "hint"];

impl Validated {
    /// One row a finding, file by file.
    pub fn table(&self) -> Section {
        let mut rows = Vec::new();
        for c in &self.checked {
            let file: std::rc::Rc<str> = c.name.as_str().into();
            for f in &c.findings {
                rows.push(vec![
                    Cell::Shared(file.clone()),
                    // A whole-file problem (unreadable) has no position.
                    if f.line == 0 { Cell::Empty } else { Cell::Int(i64::from(f.line)) },
                    if f.line == 0 { Cell::Empty } else { Cell::Int(i64::from(f.column)) },
                    Cell::text(f.record.as_str()),
                    Cell::Static(f.rule.code()),
                    Cell::Static(f.rule.severity().as_str()),
                    Cell::text(f.message.as_str()),
                    Cell::text(f.hint.as_str()),
                ]);
            }
        }
        let columns = COLUMNS.iter().map(|c| c.to_string()).collect();
        Section { name: "findings", title: "", columns, rows }
    }

    /// Every finding as a diagnostic, with the source line it is on.
    pub fn diagnostics(&self, color: bool) -> String {
        let mut out = String::new();
        for c in &self.checked {
            let lines: Vec<&str> = c.text.as_deref().map(yaml::tree::lines).unwrap_or_default();
            for f in &c.findings {
                let d = Diagnostic {
                    file: &c.name,
                    line: f.line,
                    column: f.column,
                    width: f.width,
                    severity: f.rule.severity().as_str(),
                    code: f.rule.code(),
                    message: &f.message,
                    hint: &f.hint,
                    source_line: (f.line as usize).checked_sub(1).and_then(|i| lines.get(i).copied()),
                };
                diagnostics::render(&d, color, &mut out);
            }
        }
        out
    }
}
