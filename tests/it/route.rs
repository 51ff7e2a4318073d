//! `route`: each step of the procedure "Concerns on an open case" on a small
//! synthetic authority, through the library (the domain is pure: records and
//! a moment in, steps out). Synthetic people only.

use caseaudit::calendar::{Calendar, Region};
use caseaudit::io::columns::ColumnMap;
use caseaudit::io::csvin::CsvFile;
use caseaudit::model::Names;
use caseaudit::model::availability::{Absence, Availability, Away, OPEN_ENDED};
use caseaudit::model::cases::{self, Cases};
use caseaudit::model::rota::{Duty, Rota};
use caseaudit::model::staff::{self, Staff};
use caseaudit::route::policy::{self, Routing};
use caseaudit::route::{Action, Call, Missing, NotRouted, Presence, Recipient, Role, Route, Router, Via, Who};
use chrono::{NaiveDate, NaiveDateTime};

pub const STAFF: &str = "\
staff_id,name,role,team,area,manager_id,covering_manager_id,active,email
H1,Head One,Head of Service,Leadership,North,,,true,
H2,Head Two,Head of Service,Leadership,South,,,true,
SM1,Service Manager One,Service Manager,Leadership,North,H1,,true,sm1@example.invalid
SM2,Service Manager Two,Service Manager,Leadership,South,H2,,true,
G1,Group Manager,Group Manager,Management,North,H1,,true,
G2,Group Manager South,Group Manager,Management,South,H2,,true,
TMA,Team Manager A,Team Manager,Team A,North,G1,TMB,true,tma@example.invalid
TMB,Team Manager B,Team Manager,Team B,North,G1,TMA,true,
TMC,Team Manager C,Team Manager,Team C,South,G2,,true,
WA1,Worker A1,Social Worker,Team A,North,TMA,,true,wa1@example.invalid
WA2,Worker A2,Social Worker,Team A,North,TMA,,true,
WB1,Worker B1,Social Worker,Team B,North,TMB,,true,
WC1,Worker C1,Social Worker,Team C,South,TMC,,true,
WL,Worker Left,Social Worker,Team A,North,TMA,,false,
";

pub const CASES: &str = "\
case_id,worker_id,team,status,opened,closed,family_id
CA1,WA1,,open,2025-01-01,,
CA2,WA2,,open,2025-01-01,,
CU,,Team A,open,2025-01-01,,
CX,GONE,Team A,open,2025-01-01,,
CL,WL,,open,2025-01-01,,
CS1,WA1,,closed,2024-01-01,2025-06-01,F1
CS2,WA2,,open,2025-02-01,,F1
CS3,WB1,,open,2025-03-01,,F1
CS4,WC1,,closed,2024-01-01,2025-06-01,F9
CC1,WC1,,open,2025-01-01,,
";

pub struct World {
    pub staff: Staff,
    pub cases: Cases,
    pub names: Names,
    pub routing: Routing,
    pub calendar: Calendar,
}

fn csv(name: &str, text: &str, kind: &'static str) -> CsvFile {
    CsvFile::from_reader(
        name.into(),
        Box::new(std::io::Cursor::new(text.as_bytes().to_vec())),
        kind,
        &ColumnMap::default(),
    )
    .unwrap()
}

pub fn world_of(staff_csv: &str, cases_csv: &str) -> World {
    let mut names = Names::default();
    let (staff, _) = staff::from_csv(csv("staff.csv", staff_csv, "staff"), &mut names).unwrap();
    let (cases, _) = cases::from_csv(csv("cases.csv", cases_csv, "cases"), &staff, &mut names).unwrap();
    let routing = policy::parse("default", policy::BUILT_IN[0].1).unwrap();
    World { staff, cases, names, routing, calendar: Calendar::new(Region::EnglandAndWales, Default::default()) }
}

fn world() -> World {
    world_of(STAFF, CASES)
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Monday 7 December 2026, mid-morning.
const MONDAY: &str = "2026-12-07 10:00";

impl World {
    fn id(&self, s: &str) -> u32 {
        self.staff.get(s).unwrap_or_else(|| panic!("no staff {s}"))
    }
    fn team(&self, name: &str) -> u32 {
        self.staff.members.iter().find(|m| self.names.show(m.team) == name).unwrap().team
    }
    fn away(&self, who: &str, from: &str, to: &str, kind: Absence) -> Away {
        let to = if to.is_empty() { OPEN_ENDED } else { t(to) };
        Away { staff: self.id(who), from: t(from), to, kind, back: None }
    }
    fn route(
        &self,
        away: Vec<Away>,
        rota: &Rota,
        case: &str,
        at: &str,
        urgent: bool,
        via: Via,
    ) -> Result<Route, NotRouted> {
        let av = Availability::new(away);
        let r = Router::new(&self.staff, &self.cases, &av, rota, &self.routing, &self.calendar);
        r.route(Call { case: self.cases.get(case).unwrap(), at: t(at), urgent, via })
    }
    /// The steps as (action, recipient, role, staff id or "", available).
    fn steps(&self, route: &Route) -> Vec<(Action, Recipient, Role, String, bool)> {
        route
            .steps
            .iter()
            .map(|s| {
                let id = match &s.who {
                    Who::Staff(i, _) => self.staff.member(*i).id.clone(),
                    Who::NotInStaff(id) => id.to_string(),
                    Who::Tray | Who::Nobody(_) => String::new(),
                };
                (s.action, s.recipient, s.role, id, s.who.available())
            })
            .collect()
    }
    fn reached(&self, route: &Route) -> Option<String> {
        route.reached.map(|n| match &route.steps[n].who {
            Who::Staff(i, _) => self.staff.member(*i).id.clone(),
            other => panic!("reached a step with nobody: {other:?}"),
        })
    }
}

fn rota_for(w: &World, day: &str, team: &str, duty: Option<&str>, covering: Option<&str>) -> Rota {
    Rota::from_days([(
        d(day),
        w.team(team),
        Duty { worker: duty.map(|s| w.id(s)), covering: covering.map(|s| w.id(s)) },
    )])
}

#[test]
fn an_available_worker_takes_the_call() {
    let w = world();
    let r = w.route(vec![], &Rota::default(), "CA1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(w.steps(&r), vec![(Action::Transfer, Recipient::To, Role::AllocatedWorker, "WA1".into(), true)]);
    assert_eq!(w.reached(&r).as_deref(), Some("WA1"));
    assert!(!r.out_of_hours());
}

#[test]
fn short_medium_and_long_absences_say_when_the_worker_is_back() {
    let w = world();
    let back =
        |away: Away| match &w.route(vec![away], &Rota::default(), "CA1", MONDAY, false, Via::Admin).unwrap().steps[0]
            .who
        {
            Who::Staff(_, Presence::Away { kind, back }) => (*kind, *back),
            other => panic!("{other:?}"),
        };
    // A meeting until 11:30: back at 11:30 the same day.
    assert_eq!(
        back(w.away("WA1", "2026-12-07 09:30", "2026-12-07 11:30", Absence::Meeting)),
        (Absence::Meeting, Some(t("2026-12-07 11:30")))
    );
    // Leave to the end of Friday 11th: back Monday 14th at 09:00.
    assert_eq!(
        back(w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave)),
        (Absence::Leave, Some(t("2026-12-14 09:00")))
    );
    // Leave to the end of Wednesday 23rd: Christmas, the Boxing Day holiday on
    // Monday 28th, so back Tuesday 29th.
    assert_eq!(
        back(w.away("WA1", "2026-12-07 00:00", "2026-12-24 00:00", Absence::Leave)),
        (Absence::Leave, Some(t("2026-12-24 09:00")))
    );
    assert_eq!(
        back(w.away("WA1", "2026-12-07 00:00", "2026-12-25 00:00", Absence::Leave)),
        (Absence::Leave, Some(t("2026-12-29 09:00")))
    );
    // Sick with no return date: back not known.
    assert_eq!(back(w.away("WA1", "2026-12-01 00:00", "", Absence::Sick)), (Absence::Sick, None));
    // Sick with a return date the whiteboard gives.
    let mut sick = w.away("WA1", "2026-12-01 00:00", "", Absence::Sick);
    sick.back = Some(t("2026-12-09 09:00"));
    assert_eq!(back(sick), (Absence::Sick, Some(t("2026-12-09 09:00"))));
}

#[test]
fn a_message_goes_to_the_worker_copying_the_team_manager() {
    let w = world();
    let away = vec![w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave)];
    let r = w.route(away, &Rota::default(), "CA1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(
        w.steps(&r),
        vec![
            (Action::Transfer, Recipient::To, Role::AllocatedWorker, "WA1".into(), false),
            (Action::Message, Recipient::To, Role::AllocatedWorker, "WA1".into(), false),
            (Action::Message, Recipient::Cc, Role::TeamManager, "TMA".into(), true),
        ]
    );
    // The message is taken: exit 0.
    assert_eq!(w.reached(&r).as_deref(), Some("WA1"));
}

#[test]
fn the_covering_manager_is_copied_when_the_team_manager_is_away() {
    let w = world();
    let away = vec![
        w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave),
        w.away("TMA", "2026-12-07 00:00", "2026-12-08 00:00", Absence::Sick),
    ];
    let r = w.route(away.clone(), &Rota::default(), "CA1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(w.steps(&r)[2], (Action::Message, Recipient::Cc, Role::CoveringManager, "TMB".into(), true));
    // The rota's covering manager for the day overrides the staff file's.
    let rota = rota_for(&w, "2026-12-07", "Team A", None, Some("TMC"));
    let r = w.route(away, &rota, "CA1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(w.steps(&r)[2].3, "TMC");
}

#[test]
fn an_urgent_call_goes_down_the_chain_one_step_at_a_time() {
    let w = world();
    let rota = rota_for(&w, "2026-12-07", "Team A", Some("WA2"), None);
    let leave = |who: &str| w.away(who, "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave);
    // Each person in the chain, away in turn, passes the call to the next.
    let chain = [
        ("WA2", Role::DutyWorker),
        ("TMA", Role::TeamManager),
        ("TMB", Role::CoveringManager),
        ("TMC", Role::AnyTeamManager),
        ("SM1", Role::ServiceManager),
        ("SM2", Role::AnyServiceManager),
    ];
    let mut away = vec![leave("WA1")];
    for (n, (who, role)) in chain.iter().enumerate() {
        let r = w.route(away.clone(), &rota, "CA1", MONDAY, true, Via::Admin).unwrap();
        let steps = w.steps(&r);
        assert_eq!(steps.len(), n + 2, "{who}: {steps:?}");
        let last = steps.last().unwrap();
        assert_eq!((last.2, last.3.as_str(), last.4), (*role, *who, true), "{who}");
        assert_eq!(w.reached(&r).as_deref(), Some(*who));
        // Everyone before is away.
        assert!(steps[..n + 1].iter().all(|s| !s.4));
        away.push(leave(who));
    }
    // Everyone away: the chain is exhausted.
    let r = w.route(away, &rota, "CA1", MONDAY, true, Via::Admin).unwrap();
    assert_eq!(r.reached, None);
    assert_eq!(r.steps.last().unwrap().who, Who::Nobody(Missing::NoOneElse));
}

#[test]
fn the_duty_worker_comes_from_the_rota_for_the_day() {
    let w = world();
    let away = vec![w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave)];
    // On the rota for Monday: WA2. On Tuesday, nobody is named.
    let rota = rota_for(&w, "2026-12-07", "Team A", Some("WA2"), None);
    let r = w.route(away.clone(), &rota, "CA1", MONDAY, true, Via::Admin).unwrap();
    assert_eq!(w.steps(&r)[1], (Action::Transfer, Recipient::To, Role::DutyWorker, "WA2".into(), true));
    let r = w.route(away.clone(), &rota, "CA1", "2026-12-08 10:00", true, Via::Admin).unwrap();
    assert_eq!(r.steps[1].who, Who::Nobody(Missing::NotOnRota));
    assert_eq!(w.reached(&r).as_deref(), Some("TMA"));
    // No rota at all: said so, not guessed.
    let r = w.route(away, &Rota::default(), "CA1", MONDAY, true, Via::Admin).unwrap();
    assert_eq!(r.steps[1].who, Who::Nobody(Missing::NoRota));
}

#[test]
fn the_contact_service_alerts_the_worker_the_tray_and_the_team_manager() {
    let w = world();
    let r = w.route(vec![], &Rota::default(), "CA1", MONDAY, false, Via::ContactService).unwrap();
    assert_eq!(
        w.steps(&r),
        vec![
            (Action::Alert, Recipient::To, Role::AllocatedWorker, "WA1".into(), true),
            (Action::Alert, Recipient::Tray, Role::WorkTray, "".into(), false),
            (Action::Alert, Recipient::To, Role::TeamManager, "TMA".into(), true),
        ]
    );
    // The team manager away: the covering manager watches the tray.
    let away = vec![w.away("TMA", "2026-12-07 00:00", "2026-12-08 00:00", Absence::Leave)];
    let r = w.route(away, &Rota::default(), "CA1", MONDAY, false, Via::ContactService).unwrap();
    assert_eq!(w.steps(&r)[3], (Action::Alert, Recipient::Tray, Role::CoveringManager, "TMB".into(), true));
    // Nobody in to see the alerts: reached nobody.
    let all = ["WA1", "TMA", "TMB"].map(|s| w.away(s, "2026-12-07 00:00", "2026-12-08 00:00", Absence::Leave));
    let r = w.route(all.to_vec(), &Rota::default(), "CA1", MONDAY, false, Via::ContactService).unwrap();
    assert_eq!(r.reached, None);
}

#[test]
fn a_closed_case_routes_as_the_most_recently_opened_open_sibling() {
    let w = world();
    let r = w.route(vec![], &Rota::default(), "CS1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(w.cases.id(r.case), "CS3", "opened 2025-03-01, after CS2");
    assert_eq!(r.other_siblings.iter().map(|&c| w.cases.id(c)).collect::<Vec<_>>(), ["CS2"]);
    assert_eq!(w.reached(&r).as_deref(), Some("WB1"));
    // A closed case with no open sibling is not this procedure's.
    assert_eq!(w.route(vec![], &Rota::default(), "CS4", MONDAY, false, Via::Admin), Err(NotRouted::Closed));
    // As-of: before CS1 closed, it routes as itself.
    let r = w.route(vec![], &Rota::default(), "CS1", "2025-05-01 10:00", false, Via::Admin).unwrap();
    assert_eq!(w.cases.id(r.case), "CS1");
}

#[test]
fn a_call_at_six_on_friday_is_routed_for_monday_morning() {
    let w = world();
    // WA1 is on leave on Friday 4th only: back, and in, on Monday.
    let away = vec![w.away("WA1", "2026-12-04 00:00", "2026-12-05 00:00", Absence::Leave)];
    let r = w.route(away, &Rota::default(), "CA1", "2026-12-04 18:00", false, Via::Admin).unwrap();
    assert!(r.out_of_hours());
    assert_eq!(r.routed_for, t("2026-12-07 09:00"));
    assert_eq!(w.reached(&r).as_deref(), Some("WA1"));
}

#[test]
fn unallocated_leavers_and_unknown_workers_go_to_the_team_manager() {
    let w = world();
    for case in ["CU", "CX", "CL"] {
        let r = w.route(vec![], &Rota::default(), case, MONDAY, false, Via::Admin).unwrap();
        let steps = w.steps(&r);
        assert!(!steps[0].4, "{case}: the first step cannot take it");
        assert_eq!(steps[1].2, Role::TeamManager, "{case}");
        assert_eq!(steps[1].3, "TMA", "{case}");
        let r = w.route(vec![], &Rota::default(), case, MONDAY, true, Via::Admin).unwrap();
        assert_eq!(w.reached(&r).as_deref(), Some("TMA"), "{case}");
    }
}

#[test]
fn back_to_back_absences_are_followed_to_the_real_return() {
    let w = world();
    let away = vec![
        w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave),
        w.away("WA1", "2026-12-14 09:00", "2026-12-14 12:00", Absence::Meeting),
    ];
    let r = w.route(away, &Rota::default(), "CA1", MONDAY, false, Via::Admin).unwrap();
    assert_eq!(
        r.steps[0].who,
        Who::Staff(w.id("WA1"), Presence::Away { kind: Absence::Leave, back: Some(t("2026-12-14 12:00")) })
    );
}

#[test]
fn coverage_finds_each_kind_of_gap_and_nothing_else() {
    use caseaudit::route::coverage::{GapKind, coverage};
    let w = world();
    let team_a = w.team("Team A");
    let day = |s: &str| d(s);
    // Team A's duty worker: WA2 on Monday to Wednesday, nobody on Thursday.
    let rota = Rota::from_days(
        ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-11"]
            .map(|s| (day(s), team_a, Duty { worker: Some(w.id("WA2")), covering: None })),
    );
    let away = vec![
        // Tuesday: the manager and the cover both on leave.
        w.away("TMA", "2026-12-08 00:00", "2026-12-09 00:00", Absence::Leave),
        w.away("TMB", "2026-12-08 00:00", "2026-12-09 00:00", Absence::Leave),
        // Wednesday 14:00–15:00: every team manager and the duty worker out.
        w.away("TMA", "2026-12-09 14:00", "2026-12-09 15:00", Absence::Meeting),
        w.away("TMB", "2026-12-09 13:00", "2026-12-09 15:30", Absence::Meeting),
        w.away("TMC", "2026-12-09 14:00", "2026-12-09 16:00", Absence::Meeting),
        w.away("WA2", "2026-12-09 09:00", "2026-12-09 17:00", Absence::Sick),
        // Noise that opens no gap: a worker not on duty, a manager alone.
        w.away("WA1", "2026-12-07 00:00", "2026-12-12 00:00", Absence::Leave),
        w.away("TMA", "2026-12-11 10:00", "2026-12-11 11:00", Absence::Meeting),
    ];
    let av = Availability::new(away);
    let r = Router::new(&w.staff, &w.cases, &av, &rota, &w.routing, &w.calendar);
    let gaps: Vec<(String, String, String, GapKind)> = coverage(&r, &[team_a], day("2026-12-07"), day("2026-12-11"))
        .into_iter()
        .map(|g| (g.day.to_string(), g.from.format("%H:%M").to_string(), g.to.format("%H:%M").to_string(), g.kind))
        .collect();
    let g = |d: &str, f: &str, t: &str, k| (d.to_string(), f.to_string(), t.to_string(), k);
    assert_eq!(
        gaps,
        [
            g("2026-12-08", "09:00", "17:00", GapKind::NoManagerCover),
            g("2026-12-09", "09:00", "17:00", GapKind::NoDutyWorker),
            g("2026-12-09", "14:00", "15:00", GapKind::NoManagerCover),
            g("2026-12-09", "14:00", "15:00", GapKind::ServiceManagerOnly),
            g("2026-12-10", "09:00", "17:00", GapKind::NoDutyWorker),
        ]
    );
}

#[test]
fn an_outlook_or_google_calendar_reads_as_the_whiteboard() {
    use caseaudit::model::availability::ics;
    let w = world();
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Leave\r\nDTSTART;VALUE=DATE:20260706\r\nDTEND;VALUE=DATE:20260711\r\n\
ORGANIZER:mailto:TMA@example.invalid\r\nX-MICROSOFT-CDO-BUSYSTATUS:OOF\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Supervision\r\nDTSTART:20260707T080000Z\r\nDTEND:20260707T090000Z\r\n\
ATTENDEE;PARTSTAT=ACCEPTED:mailto:wa1@example.invalid\r\nATTENDEE;PARTSTAT=DECLINED:mailto:sm1@example.invalid\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3\r\nSUMMARY:WB1 off sick\r\nDTSTART;VALUE=DATE:20260708\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:4\r\nSUMMARY:WC1 lunch\r\nDTSTART:20260707T120000Z\r\nDTEND:20260707T130000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:5\r\nSUMMARY:Team meeting\r\nDTSTART:20260707T120000Z\r\nDTEND:20260707T130000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:6\r\nSUMMARY:WA2 weekly meeting\r\nDTSTART:20260707T130000Z\r\nDTEND:20260707T140000Z\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let (away, warnings) = ics::parse("cal.ics", text, &w.staff).unwrap();
    let got: Vec<(String, String, String, Absence)> = Availability::new(away.clone())
        .of(w.id("TMA"))
        .iter()
        .chain(away.iter().filter(|a| a.staff != w.id("TMA")))
        .map(|a| (w.staff.member(a.staff).id.clone(), a.from.to_string(), a.to.to_string(), a.kind))
        .collect();
    assert_eq!(
        got,
        [
            // All day, out of office: leave, 6 to 10 July.
            ("TMA".into(), "2026-07-06 00:00:00".into(), "2026-07-11 00:00:00".into(), Absence::Leave),
            // 08:00 UTC in July is 09:00 in the UK; the declined attendee is not away.
            ("WA1".into(), "2026-07-07 09:00:00".into(), "2026-07-07 10:00:00".into(), Absence::Meeting),
            // A one-day event without an end; "sick" in the summary.
            ("WB1".into(), "2026-07-08 00:00:00".into(), "2026-07-09 00:00:00".into(), Absence::Sick),
            ("WA2".into(), "2026-07-07 14:00:00".into(), "2026-07-07 15:00:00".into(), Absence::Meeting),
        ]
    );
    let said: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(said.iter().any(|s| s.contains("1 of 6 events name nobody")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("1 of 6 events repeat")), "{said:?}");
    // Not a calendar at all: one line naming the file.
    let e = ics::parse("notes.ics", "hello", &w.staff).unwrap_err().to_string();
    assert!(e.starts_with("notes.ics") && !e.contains('\n'), "{e}");
}
