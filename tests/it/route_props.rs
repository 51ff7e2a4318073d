//! Properties of `route` on random synthetic authorities:
//! - making someone unavailable never moves an earlier step later (the steps
//!   before the first one naming them are unchanged, and the step that takes
//!   the concern comes no earlier);
//! - the output is the same whatever order the input rows come in.

use caseaudit::calendar::{Calendar, Region};
use caseaudit::io::columns::ColumnMap;
use caseaudit::io::csvin::CsvFile;
use caseaudit::model::Names;
use caseaudit::model::availability::{Absence, Availability, Away};
use caseaudit::model::cases;
use caseaudit::model::staff;
use caseaudit::route::policy;
use caseaudit::route::{Call, Router, Via, Who};
use chrono::{NaiveDateTime, NaiveTime};
use proptest::prelude::*;

/// A random authority: teams of a manager and workers, two service managers,
/// cases, absences in the week of Monday 7 December 2026, and a rota.
#[derive(Debug, Clone)]
struct Authority {
    staff: Vec<String>,
    cases: Vec<String>,
    away: Vec<String>,
    rota: Vec<String>,
    concerns: Vec<String>,
}

const WEEK: [&str; 5] = ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"];
const KINDS: [&str; 3] = ["meeting", "leave", "sick"];

fn authority() -> impl Strategy<Value = Authority> {
    (1usize..4, prop::collection::vec(1usize..4, 3), any::<u64>()).prop_map(|(teams, sizes, seed)| {
        let mut rng = seed;
        let mut next = move |n: usize| {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((rng >> 33) as usize) % n.max(1)
        };
        let mut staff = vec!["H1,Head,Head of Service,Leadership,North,,".to_string()];
        staff.push("SM1,SM One,Service Manager,Leadership,North,H1,".into());
        staff.push("SM2,SM Two,Service Manager,Leadership,South,,".into());
        let mut people = vec!["SM1".to_string(), "SM2".to_string()];
        let mut workers = Vec::new();
        for (t, &size) in sizes.iter().enumerate().take(teams) {
            let cover = format!("TM{}", (t + 1) % teams);
            let cover = if teams > 1 && next(2) == 0 { cover } else { String::new() };
            staff.push(format!("TM{t},Manager {t},Team Manager,Team {t},North,H1,{cover}"));
            people.push(format!("TM{t}"));
            for k in 0..size {
                staff.push(format!("W{t}{k},Worker {t}{k},Social Worker,Team {t},North,TM{t},"));
                people.push(format!("W{t}{k}"));
                workers.push((t, format!("W{t}{k}")));
            }
        }
        let mut cases = Vec::new();
        for (n, (_, w)) in workers.iter().enumerate() {
            let family = if next(3) == 0 { "F1" } else { "" };
            let closed = next(4) == 0;
            let (status, closed_on) = if closed { ("closed", "2026-01-01") } else { ("open", "") };
            cases.push(format!("C{n:02},{w},,{status},2025-0{}-01,{closed_on},{family}", 1 + next(9)));
        }
        let mut away = Vec::new();
        for _ in 0..next(8) {
            let who = &people[next(people.len())];
            let (a, b) = (next(5), next(5));
            let (from, to) = (a.min(b), a.max(b));
            let kind = KINDS[next(3)];
            if kind == "meeting" {
                let h = 9 + next(7);
                away.push(format!("{who},{} {h:02}:00,{} {:02}:30,meeting,", WEEK[from], WEEK[from], h + 1));
            } else {
                away.push(format!("{who},{},{},{kind},", WEEK[from], WEEK[to]));
            }
        }
        let mut rota = Vec::new();
        for (t, day) in (0..teams).flat_map(|t| WEEK.iter().map(move |d| (t, d))) {
            if next(4) != 0 {
                let members: Vec<&(usize, String)> = workers.iter().filter(|w| w.0 == t).collect();
                let duty = &members[next(members.len())].1;
                let cover = if next(3) == 0 { format!("TM{}", next(teams)) } else { String::new() };
                rota.push(format!("{day},Team {t},{duty},{cover}"));
            }
        }
        let mut concerns = Vec::new();
        for n in 0..cases.len() {
            let day = WEEK[next(5)];
            let h = 7 + next(13);
            let urgent = next(2) == 0;
            let via = if next(3) == 0 { "contact-service" } else { "admin" };
            concerns.push(format!("C{n:02},{day} {h:02}:{:02},{urgent},{via}", next(60)));
        }
        Authority { staff, cases, away, rota, concerns }
    })
}

const STAFF_HEADER: &str = "staff_id,name,role,team,area,manager_id,covering_manager_id";
const CASES_HEADER: &str = "case_id,worker_id,team,status,opened,closed,family_id";
const AWAY_HEADER: &str = "staff_id,from,to,absence,back";
const ROTA_HEADER: &str = "date,team,duty_worker_id,covering_manager_id";
const CONCERNS_HEADER: &str = "case_id,received_at,urgent,via";

fn text(header: &str, rows: &[String]) -> String {
    let mut s = format!("{header}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

fn csv(text: String, kind: &'static str) -> CsvFile {
    CsvFile::from_reader(kind.into(), Box::new(std::io::Cursor::new(text.into_bytes())), kind, &ColumnMap::default())
        .unwrap()
}

fn moment(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

/// Routes every concern with `extra` absences added; returns, per concern,
/// the steps (as printable tuples) and the step that takes it.
fn routes(a: &Authority, extra: &[(String, NaiveDateTime)]) -> Vec<Option<(Vec<String>, Option<usize>)>> {
    let mut names = Names::default();
    let (staff, _) = staff::from_csv(csv(text(STAFF_HEADER, &a.staff), "staff"), &mut names).unwrap();
    let (cases, _) = cases::from_csv(csv(text(CASES_HEADER, &a.cases), "cases"), &staff, &mut names).unwrap();
    let (mut away, _) =
        caseaudit::model::availability::from_csv(csv(text(AWAY_HEADER, &a.away), "availability"), &staff).unwrap();
    for (who, at) in extra {
        let day = at.date();
        let end = day.succ_opt().unwrap().and_time(NaiveTime::MIN);
        away.push(Away {
            staff: staff.get(who).unwrap(),
            from: day.and_time(NaiveTime::MIN),
            to: end,
            kind: Absence::Sick,
            back: None,
        });
    }
    let (rota, _) =
        caseaudit::model::rota::from_csv(csv(text(ROTA_HEADER, &a.rota), "rota"), &staff, &mut names).unwrap();
    let routing = policy::parse("default", policy::BUILT_IN[0].1).unwrap();
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let av = Availability::new(away);
    let r = Router::new(&staff, &cases, &av, &rota, &routing, &cal);
    a.concerns
        .iter()
        .map(|c| {
            let f: Vec<&str> = c.split(',').collect();
            let via = if f[3] == "admin" { Via::Admin } else { Via::ContactService };
            let call = Call { case: cases.get(f[0]).unwrap(), at: moment(f[1]), urgent: f[2] == "true", via };
            r.route(call).ok().map(|route| {
                let steps = route
                    .steps
                    .iter()
                    .map(|s| {
                        let who = match &s.who {
                            Who::Staff(i, _) => staff.member(*i).id.clone(),
                            other => format!("{other:?}"),
                        };
                        format!("{:?} {:?} {:?} {who} {}", s.action, s.recipient, s.role, s.who.available())
                    })
                    .collect();
                (steps, route.reached)
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn making_someone_unavailable_never_moves_an_earlier_step_later(a in authority(), pick in any::<prop::sample::Index>(), day in 0usize..5) {
        let before = routes(&a, &[]);
        let people: Vec<String> = a.staff.iter().map(|s| s.split(',').next().unwrap().to_string()).collect();
        let who = pick.get(&people).clone();
        let at = moment(&format!("{} 09:00", WEEK[day]));
        let after = routes(&a, &[(who.clone(), at)]);
        for (b, a2) in before.iter().zip(&after) {
            let (Some((steps_b, reached_b)), Some((steps_a, reached_a))) = (b, a2) else {
                prop_assert_eq!(b.is_none(), a2.is_none());
                continue;
            };
            // Up to the first step naming them, nothing changes.
            let first = steps_b.iter().position(|s| s.contains(&format!(" {who} "))).unwrap_or(steps_b.len());
            prop_assert_eq!(&steps_b[..first.min(steps_b.len())], &steps_a[..first.min(steps_a.len())]);
            // The step that takes it comes no earlier (nobody = after every step).
            let rank = |r: &Option<usize>| r.unwrap_or(usize::MAX);
            prop_assert!(rank(reached_a) >= rank(reached_b), "{who}: {reached_b:?} → {reached_a:?}\n{steps_b:?}\n{steps_a:?}");
        }
    }
}

/// Runs the binary's `route` in-process on files written in the given row
/// orders; returns the bytes written.
fn run_files(a: &Authority, dir: &std::path::Path, coverage: bool) -> Vec<u8> {
    let write = |name: &str, header: &str, rows: &[String]| {
        let p = dir.join(name);
        std::fs::write(&p, text(header, rows)).unwrap();
        p.to_string_lossy().into_owned()
    };
    let staff = write("staff.csv", STAFF_HEADER, &a.staff);
    let cases = write("cases.csv", CASES_HEADER, &a.cases);
    let away = write("away.csv", AWAY_HEADER, &a.away);
    let rota = write("rota.csv", ROTA_HEADER, &a.rota);
    let concerns = write("concerns.csv", CONCERNS_HEADER, &a.concerns);
    let out = dir.join("out.csv").to_string_lossy().into_owned();
    let mut args: Vec<String> = [
        "caseaudit",
        "--quiet",
        "route",
        "--staff",
        &staff,
        "--cases",
        &cases,
        "--availability",
        &away,
        "--rota",
        &rota,
        "-o",
        &out,
    ]
    .map(String::from)
    .to_vec();
    if coverage {
        args.extend(["--coverage", "--from", WEEK[0], "--to", WEEK[4]].map(String::from));
    } else {
        args.extend(["--concerns".to_string(), concerns, "--explain".into()]);
    }
    let _ = caseaudit::run(args);
    std::fs::read(dir.join("out.csv")).unwrap_or_default()
}

fn shuffled(rows: &[String], seed: u64) -> Vec<String> {
    let mut v = rows.to_vec();
    let mut s = seed | 1;
    for i in (1..v.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        v.swap(i, (s % (i as u64 + 1)) as usize);
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_output_is_the_same_whatever_order_the_rows_come_in(a in authority(), seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        let mixed = Authority {
            staff: shuffled(&a.staff, seed),
            cases: shuffled(&a.cases, seed ^ 1),
            away: shuffled(&a.away, seed ^ 2),
            rota: shuffled(&a.rota, seed ^ 3),
            concerns: a.concerns.clone(),
        };
        for coverage in [false, true] {
            let first = run_files(&a, dir.path(), coverage);
            prop_assert!(!first.is_empty());
            let second = run_files(&mixed, dir.path(), coverage);
            prop_assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
        }
    }
}

#[test]
fn the_generator_makes_routable_authorities() {
    // A guard on the generator itself: its files load and route.
    use proptest::strategy::ValueTree;
    let a = authority().new_tree(&mut proptest::test_runner::TestRunner::deterministic()).unwrap().current();
    assert!(routes(&a, &[]).iter().any(Option::is_some));
}
