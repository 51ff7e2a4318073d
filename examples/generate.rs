//! Generates a synthetic authority (or all of England) for benchmarks:
//! `staff.csv`, `cases.csv` and `audits.csv`. No real person's data: ids only.
//!
//! cargo run --release --example generate -- WORKERS OUT_DIR [CASES_PER_WORKER] [HISTORY_PER_CASE]
//!
//! 30000 workers, 33 cases each and 5 history rows per case is the SPEC §7 target
//! (all of England: ~1,000,000 cases and ~5,000,000 history rows).
//!
//! Shape: local authorities of ~200 caseworkers in 4 areas; each area has 8 teams
//! of 6 caseworkers under a team manager, a group manager per 2 teams, a head of
//! service and a service manager; one director per authority.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::fs::File;
use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate WORKERS OUT_DIR [CASES_PER_WORKER] [HISTORY_PER_CASE]");
        std::process::exit(2);
    }
    let workers: usize = args[1].parse().expect("WORKERS is a number");
    let out = std::path::Path::new(&args[2]);
    let per_worker: usize = args.get(3).map_or(33, |s| s.parse().expect("a number"));
    let per_case: usize = args.get(4).map_or(5, |s| s.parse().expect("a number"));
    std::fs::create_dir_all(out)?;
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut r = |n: u64| rng.next_u64() % n;

    const TEAM: usize = 6;
    const TEAMS_PER_AREA: usize = 8;
    const AREAS_PER_LA: usize = 4;
    let services = [
        "Assessment and Intervention",
        "Children's Disability Team",
        "FSP North",
        "FSP South",
        "Early Help",
        "Looked After Children",
        "Leaving Care Team",
        "Youth Justice",
    ];
    let roles = [
        "Social Worker",
        "Social Worker",
        "Social Worker",
        "Senior Practitioner",
        "Advanced Practitioner",
        "Personal Advisor",
        "Family Support Worker",
    ];

    let mut staff = BufWriter::new(File::create(out.join("staff.csv"))?);
    writeln!(staff, "staff_id,name,role,team,area,manager_id,active,audit_capacity")?;
    let mut cases = BufWriter::new(File::create(out.join("cases.csv"))?);
    writeln!(cases, "case_id,worker_id,team,service,area,status,opened,closed,restricted,family_id,recorded_by")?;
    let mut hist = BufWriter::new(File::create(out.join("audits.csv"))?);
    writeln!(hist, "case_id,date,kind,worker_id,auditor_id,month")?;

    let mut w = 0usize;
    let mut case_no = 0usize;
    let mut la = 0usize;
    while w < workers {
        la += 1;
        let director = format!("L{la}-D");
        writeln!(staff, "{director},Director {director},Director,L{la} Directorate,L{la},,true,")?;
        for area in 0..AREAS_PER_LA {
            if w >= workers {
                break;
            }
            let area_name = format!("L{la}-A{area}");
            let head = format!("L{la}-A{area}-H");
            writeln!(staff, "{head},Head {head},Head of Service,{area_name} Leadership,{area_name},{director},true,")?;
            let sm = format!("L{la}-A{area}-SM");
            writeln!(staff, "{sm},Manager {sm},Service Manager,{area_name} Leadership,{area_name},{head},true,")?;
            for team in 0..TEAMS_PER_AREA {
                if w >= workers {
                    break;
                }
                let gm = format!("L{la}-A{area}-G{}", team / 2);
                if team % 2 == 0 {
                    writeln!(staff, "{gm},Manager {gm},Group Manager,{area_name} Management,{area_name},{head},true,")?;
                }
                let team_name = format!("{area_name}-T{team}");
                let tm = format!("{team_name}-TM");
                writeln!(staff, "{tm},Manager {tm},Team Manager,{team_name},{area_name},{gm},true,")?;
                let service = services[team % services.len()];
                let members: Vec<String> = (0..TEAM.min(workers - w)).map(|k| format!("W{}", w + k + 1)).collect();
                for id in &members {
                    let role = roles[r(roles.len() as u64) as usize];
                    let active = if r(100) < 2 { "false" } else { "true" };
                    writeln!(staff, "{id},Worker {id},{role},{team_name},{area_name},{tm},{active},")?;
                    let mut family = 0usize;
                    for k in 0..per_worker {
                        case_no += 1;
                        let cid = format!("C{case_no:07}");
                        let opened = format!("{:02}/{:02}/{}", 1 + r(28), 1 + r(12), 2019 + r(7));
                        let (status, closed) = if r(100) < 6 {
                            ("closed", format!("{}-{:02}-{:02}", 2026, 1 + r(11), 1 + r(28)))
                        } else {
                            ("open", String::new())
                        };
                        let restricted = if r(100) == 0 { "true" } else { "false" };
                        // Siblings: about a third of cases share a family with the next one.
                        let fam = if k % 3 != 2 {
                            family += 1;
                            format!("F{case_no}")
                        } else {
                            format!("F{}", case_no - 1)
                        };
                        let _ = family;
                        let recorded = if r(10) == 0 {
                            format!("{id};{}", members[r(members.len() as u64) as usize])
                        } else {
                            String::new()
                        };
                        writeln!(
                            cases,
                            "{cid},{id},,{service},,{status},{opened},{closed},{restricted},{fam},{recorded}"
                        )?;
                        for _ in 0..per_case {
                            let y = 2021 + r(6);
                            let m = 1 + r(12);
                            let kind = ["prepared", "selected", "audited", "moderated"][r(4) as usize];
                            writeln!(hist, "{cid},{y}-{m:02}-{:02},{kind},{id},{gm},{y}-{m:02}", 1 + r(28))?;
                        }
                    }
                }
                w += members.len();
            }
        }
    }
    staff.flush()?;
    cases.flush()?;
    hist.flush()?;
    eprintln!("{workers} caseworkers in {la} authorities, {case_no} cases, {} history rows", case_no * per_case);
    Ok(())
}
