//! With `--staff`: the auditor is independent of the file's line management
//! ([`Staff::may_audit`], Quality Practice Audit §9.1; Good practice audit
//! guidance).

use super::{Checker, Rule, filled};
use crate::checklist::Role;
use crate::model::staff::NotIndependent;
use crate::yaml::tree::Node;

impl<'a> Checker<'a> {
    /// With `--staff`: the auditor must not be the worker or anyone above them
    /// in line management (Quality Practice Audit §9.1 peer audit; Good practice audit guidance: "not within their
    /// line management responsibility").
    pub(super) fn staff(&mut self, root: &Node) {
        let Some(staff) = self.cx.staff else { return };
        let Some(h) = root.get("header") else { return };
        let field = |role: Role| self.t.header.iter().find(|f| f.role == Some(role)).map(|f| f.id.as_str());
        let (Some(wf), Some(af)) = (field(Role::Worker), field(Role::Auditor)) else { return };
        let mut ids = Vec::new();
        for f in [wf, af] {
            let Some(n) = h.get(f) else { return };
            let Some(id) = filled(Some(n)) else { return };
            match staff.get(id) {
                Some(i) => ids.push((i, n)),
                None => self.push(
                    n,
                    format!("header.{f}"),
                    Rule::UnknownStaff,
                    format!("'{id}' is not a staff_id in the staff file"),
                    "write the staff id (as in staff.csv) so the line-management rule can be checked",
                ),
            }
        }
        let [(worker, _), (auditor, an)] = ids[..] else { return };
        let aid = &staff.member(auditor).id;
        let wid = &staff.member(worker).id;
        match staff.may_audit(auditor, worker) {
            Ok(()) => {}
            Err(NotIndependent::IsTheWorker) => self.push(
                an,
                format!("header.{af}"),
                Rule::AuditorInLine,
                format!("the auditor {aid} is the allocated worker"),
                "a file is audited by someone outside its line management; ask for another auditor",
            ),
            Err(NotIndependent::LineManages(chain)) => {
                let chain: Vec<&str> = chain.iter().map(|&m| staff.member(m).id.as_str()).collect();
                self.push(
                    an,
                    format!("header.{af}"),
                    Rule::AuditorInLine,
                    format!("the auditor {aid} line-manages the worker {wid} ({})", chain.join(" → ")),
                    "a file is audited by someone outside its line management (Quality Practice Audit §9.1, Good practice audit guidance); ask for another auditor",
                );
            }
        }
    }
}
