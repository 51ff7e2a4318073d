//! The month's draft notices (Good practice audit guidance: Overview;
//! Quality Practice Audit §8): one per auditor listing their files, one per
//! service manager listing the files prepared in their service. Nothing is
//! sent; the words are a template the user may replace.

use super::Selected;
use crate::error::Warning;
use crate::io::{notice, output};
use crate::select;
use crate::words::count;
use chrono::NaiveDate;

/// One draft message per auditor and per service manager: (file name, bytes);
/// and warnings.
type Rendered = (Vec<(String, Vec<u8>)>, Vec<Warning>);

impl Selected {
    /// One draft message per auditor and per service manager: (file name,
    /// bytes). What the drafts lack (an address, a service manager) is a
    /// warning.
    pub(super) fn render_notices(&self, template: &notice::Template, today: NaiveDate) -> anyhow::Result<Rendered> {
        let (staff, cases, sel, due) = (&self.staff, &self.cases, &self.selection, &self.timetable);
        let cx = self;
        let mut out = Vec::new();
        let mut no_address: Vec<&str> = Vec::new();
        let (list, orphans) = select::notices::notices(sel, staff);
        let stems = output::file_stems(list.iter().map(|n| staff.member(n.to).id.as_str()), "--notices")?;
        let person = |s: u32| notice::Person { id: staff.member(s).id.clone(), name: staff.member(s).name.clone() };
        let month_name = crate::calendar::dates::MONTH_NAMES[cx.month.month as usize - 1];
        let month = format!("{}{} {}", month_name[..1].to_uppercase(), &month_name[1..], cx.month.year);
        let dates: Vec<notice::DateField> = due
            .iter()
            .map(|(c, d)| notice::DateField { name: c.replace('_', " "), date: d.format("%d/%m/%Y").to_string() })
            .collect();
        for n in &list {
            let files = n
                .picks
                .iter()
                .map(|p| notice::FileFields {
                    case_id: cases.id(p.case).to_string(),
                    worker_id: staff.member(p.worker).id.clone(),
                    worker_name: staff.member(p.worker).name.clone(),
                    team: cx.names.show(p.team).to_string(),
                    auditor_id: p.auditor.map(|a| staff.member(a).id.clone()).unwrap_or_default(),
                    auditor_name: p.auditor.map(|a| staff.member(a).name.clone()).unwrap_or_default(),
                    restricted: cases.list[p.case as usize].restricted,
                    matched: p.matched.code(),
                })
                .collect();
            let fields = notice::Fields {
                kind: n.kind.as_str(),
                recipient: person(n.to),
                month: month.clone(),
                month_id: cx.month.to_string(),
                policy: cx.policy.to_string(),
                files,
                dates: dates.clone(),
            };
            let to = notice::address(&staff.member(n.to).email);
            if to.is_none() {
                no_address.push(staff.member(n.to).id.as_str());
            }
            let bytes = template.message(&fields, to, today).map_err(|e| anyhow::anyhow!("notice template: {e}"))?;
            let kind = n.kind.as_str().replace('_', "-");
            out.push((format!("{kind}-{}.eml", stems[staff.member(n.to).id.as_str()]), bytes));
        }
        let mut warnings = Vec::new();
        if !no_address.is_empty() {
            no_address.sort_unstable();
            no_address.dedup();
            let why = if staff.emails {
                "no e-mail address, or one that is not a single address, in the staff file's email column"
            } else {
                "the staff file has no email column (map yours with --columns: 'staff: {email: Your Header}')"
            };
            warnings.push(Warning::new(format!(
                "notices: {} no To: line ({why}): {}; add the address before sending",
                count(no_address.len(), "recipient's notice has", "recipients' notices have"),
                crate::words::listed(&no_address, 20)
            )));
        }
        if orphans > 0 {
            warnings.push(Warning::new(format!(
                "notices: {} no {} above {} worker in line management, so no service manager's notice lists {}",
                count(orphans, "file has", "files have"),
                select::notices::SERVICE_MANAGER,
                if orphans == 1 { "its" } else { "their" },
                if orphans == 1 { "it" } else { "them" }
            )));
        }
        Ok((out, warnings))
    }
}
