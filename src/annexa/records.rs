//! The lists turned into model records: each child's events (for `due`) and
//! the caseload (for `select`).

use super::{LISTS, Workbook};
use crate::error::Warning;
use crate::io::cell::{Entered, uncoded};
use crate::model::event_kind::EventKind;
use crate::model::events::{Case, Event, case_order};
use EventKind as E;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Which list dates are which events (event names, docs/reference/conventions.md), list by list, and
/// whether the column is a snapshot: a "latest" or "last" date is the latest
/// occurrence, and earlier ones are not in the return.
pub(super) const EVENTS: [(u8, &str, EventKind, bool); 18] = [
    (3, "referral_date", E::Referral, false),
    (4, "assessment_authorised", E::AssessmentCompleted, false),
    (5, "s47_start", E::StrategyDiscussion, false),
    (5, "icpc_date", E::Icpcc, false),
    (6, "last_seen", E::CinVisit, true),
    (6, "cin_closed", E::CaseClosed, false),
    (7, "cp_start", E::Icpcc, false),
    (7, "last_visit", E::CpVisit, true),
    (7, "latest_review", E::Rcpcc, true),
    (7, "cp_end", E::CpPlanEnded, false),
    (8, "cla_start", E::BecameLookedAfter, false),
    (8, "latest_review", E::ClaReview, true),
    (8, "last_visit", E::ClaVisit, true),
    (8, "last_health", E::HealthAssessment, true),
    (8, "last_dental", E::DentalCheck, true),
    (8, "cla_end", E::CeasedLookedAfter, false),
    (9, "pathway_review", E::PathwayPlanReview, true),
    (9, "latest_contact", E::CareLeaverContact, true),
];

/// The events the lists read can show: an obligation met only by another event
/// cannot be judged from them (Annex A has no core groups or placement moves)
/// and is reported as untracked, never as overdue.
pub fn recordable(wb: &Workbook) -> std::collections::BTreeSet<EventKind> {
    EVENTS.into_iter().filter(|(n, _, _, _)| wb.lists.contains_key(n)).map(|(_, _, e, _)| e).collect()
}

/// The lists' dates as events, child by child (in case order), with the
/// allocated team and worker. A referral marked NFA starts nothing; a child on
/// a plan (List 7) is a child-protection case for the recording timescale.
pub fn children(wb: &Workbook) -> Vec<Case> {
    let mut out: BTreeMap<String, Case> = BTreeMap::new();
    // Team and worker from the list that speaks for the current work first.
    for n in [8u8, 7, 6, 9, 5, 4, 3] {
        let Some(list) = wb.lists.get(&n) else { continue };
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let child = out.entry(id.to_string()).or_insert_with(|| Case { id: Rc::from(id), ..Case::default() });
            if child.team.is_none() {
                child.team = row.get("team").text().map(String::from);
            }
            if child.worker.is_none() {
                child.worker = row.get("worker").text().map(String::from);
            }
            if child.dob.is_none() {
                child.dob = row.get("date_of_birth").date();
            }
        }
    }
    // Children on a child-protection plan (List 7), looked up once.
    let on_plan: std::collections::BTreeSet<&str> =
        wb.lists.get(&7).map(|l| l.rows.iter().filter_map(|r| r.get("child_id").text()).collect()).unwrap_or_default();
    for (n, column, event, latest) in EVENTS {
        let Some(list) = wb.lists.get(&n) else { continue };
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let Some(date) = row.get(column).date() else { continue };
            let says_yes =
                |column: &str| row.get(column).text().is_some_and(|v| uncoded(v).eq_ignore_ascii_case("yes"));
            if n == 3 && says_yes("referral_nfa") {
                continue;
            }
            let Some(child) = out.get_mut(id) else { continue };
            let mut e = Event::new(event.clone(), date, u64::from(row.row));
            e.dob = child.dob;
            e.latest = latest;
            if on_plan.contains(id) {
                e.details.push("cp".to_string());
            }
            // List 5 lists the strategy discussions that started a section 47
            // enquiry, so each owes a conference (QA induction: Initial child
            // protection case conference), unless the list says the enquiry
            // found one unnecessary.
            if event == E::StrategyDiscussion && says_yes("icpc_unnecessary") {
                e.details.push("icpcc-unnecessary".to_string());
            }
            child.events.push(e);
        }
    }
    let mut cases: Vec<Case> = out.into_values().collect();
    cases.sort_by(|a, b| case_order(&a.id, &b.id));
    cases
}

/// The caseload from Ofsted Annex A lists (docs/reference/input-files.md): one case per child, from the
/// list that speaks for the current work first (8 looked after, 7 child
/// protection, 9 care leavers, 6 children in need, then 5, 4, 3), with the
/// allocated worker matched to `staff.csv` by name. Names that match nobody (or
/// two people) are reported once each, with where they first appear.
pub fn caseload(
    wb: &Workbook,
    staff_names: &crate::model::FastMap<String, Option<u32>>,
    names: &mut crate::model::Names,
) -> (crate::model::cases::Cases, Vec<Warning>) {
    use crate::model::cases::{Allocation, Case as CaseFile, Cases, Span};
    let mut cases = Cases::default();
    let mut services = crate::model::Names::default();
    let mut unmatched: std::collections::BTreeMap<String, (String, u32, usize, bool)> = Default::default();
    for n in [8u8, 7, 9, 6, 5, 4, 3] {
        let Some(list) = wb.lists.get(&n) else { continue };
        let service = LISTS.iter().find(|l| l.number == n).map_or("", |l| l.title);
        for row in &list.rows {
            let Some(id) = row.get("child_id").text() else { continue };
            let worker = match row.get("worker") {
                Entered::Text(name) => match staff_names.get(&crate::model::staff::person_name(name)) {
                    Some(Some(s)) => Allocation::Worker(*s),
                    found => {
                        let e =
                            unmatched.entry(name.clone()).or_insert((list.sheet.clone(), row.row, 0, found.is_some()));
                        e.2 += 1;
                        Allocation::Unknown(name.as_str().into())
                    }
                },
                _ => Allocation::Unallocated,
            };
            let team = row.get("team").text().map(|t| names.intern(t));
            let closed_on = ["cla_end", "cp_end", "cin_closed"].iter().find_map(|c| row.get(c).date());
            let case = CaseFile {
                worker,
                team,
                area: None,
                service: services.intern(service),
                closed: closed_on.is_some(),
                opened: None,
                closed_on,
                restricted: false,
                family: None,
                recorded: Span::default(),
                line: u64::from(row.row),
            };
            // A child on several lists is one case: the first list wins.
            let _ = cases.push(id, &[], case);
        }
    }
    cases.services = services;
    let warnings = unmatched
        .into_iter()
        .map(|(name, (sheet, row, count, twice))| {
            let why = if twice { "matches two people in the staff file" } else { "is not a name in the staff file" };
            let children = crate::words::count(count, "child", "children");
            Warning::new(format!(
                "{sheet} row {row}: allocated worker '{name}' {why} ({children}); their files are left unallocated"
            ))
        })
        .collect();
    (cases, warnings)
}
