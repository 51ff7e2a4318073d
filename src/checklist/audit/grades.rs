//! Section and overall grades, and the limiting judgements that cap them (Good
//! practice audit guidance).

use super::{Answered, Checker, Rule, blank, quoted_list};
use crate::yaml::tree::Node;

impl<'a> Checker<'a> {
    /// Section and overall grades, and the limiting judgements (Good practice audit guidance). Returns
    /// the overall grade.
    pub(super) fn grades(&mut self, root: &'a Node, answered: &[Answered<'a>]) -> Option<(&'a str, &'a Node)> {
        let t = self.t;
        let g = t.grades.as_ref()?;
        let graded: Vec<&str> = t.sections.iter().filter(|s| s.graded).map(|s| s.id.as_str()).collect();
        let mut known = graded.clone();
        if g.overall {
            known.push("overall");
        }
        let Some(node) = root.get("grades") else {
            self.push(
                root,
                "grades",
                Rule::MissingField,
                "the audit has no 'grades'".into(),
                format!("grade {} from {}", known.join(", "), quoted_list(&g.scale)),
            );
            return None;
        };
        self.fields(node, "grades", &known, "'grades'");
        let mut overall = None;
        for id in known {
            let path = format!("grades.{id}");
            let n = node.get(id);
            let what = if id == "overall" { "the overall grade".to_string() } else { format!("section {id}") };
            let Some(grade) = self.scalar(n, &path) else {
                if blank(n) {
                    self.push(
                        n.unwrap_or(node),
                        path,
                        Rule::MissingGrade,
                        format!("{what} is not graded"),
                        format!("grade it {}", quoted_list(&g.scale)),
                    );
                }
                continue;
            };
            let n = n.expect("a value was read");
            if !g.scale.iter().any(|s| s == grade) {
                let hint = match g.scale.iter().find(|s| s.eq_ignore_ascii_case(grade)) {
                    Some(s) => format!("write \"{s}\" exactly"),
                    None => format!("grade it {}", quoted_list(&g.scale)),
                };
                self.push(n, path, Rule::GradeNotAllowed, format!("'{grade}' is not a grade"), hint);
                continue;
            }
            if id == "overall" {
                overall = Some((grade, n));
            }
            if grade != g.best() {
                continue;
            }
            // "Cases should only be graded as Good if Limiting Judgements are met."
            for a in answered.iter().filter(|a| a.q.limiting && (id == "overall" || a.section == id)) {
                if !a.q.meets(t).iter().any(|m| m == a.answer) {
                    let line = a.node.line;
                    self.push(
                        n,
                        &path,
                        Rule::LimitingJudgement,
                        format!(
                            "{what} is {grade}, but {} is answered {} (line {line}): {grade} needs every limiting judgement met",
                            a.q.id, a.answer
                        ),
                        format!("grade it lower, or correct {}; where seeing a child alone is not appropriate, answer \"N/A\" rather than \"No\"", a.q.id),
                    );
                }
            }
        }
        overall
    }
}
