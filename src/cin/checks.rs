//! What a child's dates say against each other: findings, not errors (the
//! return is read on), each naming the element and the line. An assessment
//! that starts before its referral, or after the census's reference date, is
//! a date someone mistyped, and deadlines counted from it would be wrong.

use crate::error::Warning;
use crate::model::census::{Child, Dated};
use chrono::NaiveDate;

pub fn check(c: &Child, reference: Option<NaiveDate>, file: &str, out: &mut Vec<Warning>) {
    let mut say = |d: &Dated, message: String| out.push(Warning::at(file, d.line, None, message));
    for e in &c.episodes {
        let mut dated: Vec<(&str, Dated)> = Vec::new();
        let add = |dated: &mut Vec<(&'static str, Dated)>, name, d: &Option<Dated>| {
            if let Some(d) = d {
                dated.push((name, *d));
            }
        };
        add(&mut dated, "CINreferralDate", &e.referral);
        add(&mut dated, "CINclosureDate", &e.closure);
        add(&mut dated, "DateOfInitialCPC", &e.icpc);
        for a in &e.assessments {
            add(&mut dated, "AssessmentActualStartDate", &a.start);
            add(&mut dated, "AssessmentAuthorisationDate", &a.authorised);
        }
        for p in &e.cin_plans {
            add(&mut dated, "CINPlanStartDate", &p.start);
            add(&mut dated, "CINPlanEndDate", &p.end);
        }
        for s in &e.section47s {
            add(&mut dated, "S47ActualStartDate", &s.start);
            add(&mut dated, "DateOfInitialCPC", &s.icpc);
        }
        for p in &e.cp_plans {
            add(&mut dated, "CPPstartDate", &p.start);
            add(&mut dated, "CPPendDate", &p.end);
            for r in &p.reviews {
                dated.push(("CPPreviewDate", *r));
            }
        }
        // A census looks back from its reference date: a date after it has not
        // happened yet (the target date of a conference may, and is not here).
        if let Some(reference) = reference {
            for (name, d) in &dated {
                if d.date > reference {
                    say(d, format!("<{name}> {} is after the census's <ReferenceDate> {reference}", d.date));
                }
            }
        }
        let before =
            |say: &mut dyn FnMut(&Dated, String), name: &str, d: &Option<Dated>, of: &str, o: &Option<Dated>| {
                if let (Some(d), Some(o)) = (d, o)
                    && d.date < o.date
                {
                    say(d, format!("<{name}> {} is before <{of}> {} (line {})", d.date, o.date, o.line));
                }
            };
        for a in &e.assessments {
            before(&mut say, "AssessmentActualStartDate", &a.start, "CINreferralDate", &e.referral);
            before(&mut say, "AssessmentAuthorisationDate", &a.authorised, "AssessmentActualStartDate", &a.start);
        }
        for s in &e.section47s {
            before(&mut say, "S47ActualStartDate", &s.start, "CINreferralDate", &e.referral);
            before(&mut say, "DateOfInitialCPC", &s.icpc, "S47ActualStartDate", &s.start);
        }
        for p in &e.cp_plans {
            before(&mut say, "CPPendDate", &p.end, "CPPstartDate", &p.start);
            for r in &p.reviews {
                before(&mut say, "CPPreviewDate", &Some(*r), "CPPstartDate", &p.start);
            }
        }
        before(&mut say, "CINclosureDate", &e.closure, "CINreferralDate", &e.referral);
        // One plan listed twice: it is read once.
        for (i, p) in e.cp_plans.iter().enumerate() {
            if let Some(first) =
                e.cp_plans[..i].iter().find(|q| q.start.is_some() && q.start.map(|d| d.date) == p.start.map(|d| d.date))
            {
                let start = p.start.expect("found by its start");
                say(
                    &start,
                    format!(
                        "a second child protection plan starting {} in one episode (the first is on line {}); read once",
                        start.date, first.line
                    ),
                );
            }
        }
    }
}
