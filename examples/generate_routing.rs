//! Generates a synthetic authority for `route --coverage`: `staff.csv`,
//! `cases.csv`, `availability.csv` and a year's `rota.csv` (2027), with a few
//! gaps planted and noise that can never make one. Ids only, no one real.
//!
//! cargo run --release --example generate_routing -- WORKERS OUT_DIR
//!
//! Shape: teams of a team manager and 7 workers (worker 0 is the duty
//! worker every day); each team manager is covered by the next team's; a
//! service manager per 16 teams beside the group manager's line. Workers
//! other than the duty worker take leave, meetings and sickness at random:
//! they are not on the chain, so they cannot open a gap. The gaps planted
//! are [`PLANTED`].

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The planted gaps, as `team,date,from,to,gap` lines of the coverage CSV.
pub const PLANTED: [&str; 8] = [
    "Team 0017,2027-03-08,09:00,17:00,no-manager-cover",
    "Team 0017,2027-03-09,09:00,17:00,no-manager-cover",
    "Team 0017,2027-03-10,09:00,17:00,no-manager-cover",
    "Team 0017,2027-03-11,09:00,17:00,no-manager-cover",
    "Team 0017,2027-03-12,09:00,17:00,no-manager-cover",
    "Team 0042,2027-05-05,09:00,17:00,no-duty-worker",
    "Team 0099,2027-06-14,09:00,17:00,no-duty-worker",
    "Team 0123,2027-09-01,10:00,12:00,no-duty-worker",
];

pub const TEAM_SIZE: usize = 7;

/// Writes the four files for `workers` caseworkers into `out`.
pub fn write(workers: usize, out: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(out)?;
    let teams = workers.div_ceil(TEAM_SIZE).max(124);
    let mut rng = ChaCha8Rng::seed_from_u64(2027);
    let mut r = |n: u64| rng.next_u64() % n;
    let file = |name: &str| -> std::io::Result<BufWriter<File>> { Ok(BufWriter::new(File::create(out.join(name))?)) };

    let mut staff = file("staff.csv")?;
    writeln!(staff, "staff_id,name,role,team,area,manager_id,covering_manager_id")?;
    writeln!(staff, "H,Head,Head of Service,Leadership,Area,,")?;
    for s in 0..teams.div_ceil(16) {
        writeln!(staff, "SM{s:03},Service Manager {s},Service Manager,Leadership,Area,H,")?;
        writeln!(staff, "G{s:03},Group Manager {s},Group Manager,Management,Area,H,")?;
    }
    for t in 0..teams {
        let cover = (t + 1) % teams;
        writeln!(staff, "TM{t:04},Manager {t},Team Manager,Team {t:04},Area,G{:03},TM{cover:04}", t / 16)?;
        for w in 0..TEAM_SIZE {
            writeln!(staff, "W{t:04}_{w},Worker {t} {w},Social Worker,Team {t:04},Area,TM{t:04},")?;
        }
    }
    staff.flush()?;

    let mut cases = file("cases.csv")?;
    writeln!(cases, "case_id,worker_id,status,opened")?;
    for t in 0..teams {
        for w in 0..TEAM_SIZE {
            writeln!(cases, "C{t:04}_{w},W{t:04}_{w},open,2026-0{}-01", 1 + r(9))?;
        }
    }
    cases.flush()?;

    // Every weekday of 2027 (bank holidays too: a row for a day off is harmless).
    let days: Vec<chrono::NaiveDate> = chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
        .expect("a date")
        .iter_days()
        .take_while(|d| d.format("%Y").to_string() == "2027")
        .filter(|d| chrono::Datelike::weekday(d).num_days_from_monday() < 5)
        .collect();
    let mut rota = file("rota.csv")?;
    writeln!(rota, "date,team,duty_worker_id,covering_manager_id")?;
    for t in 0..teams {
        for d in &days {
            if t == 42 && d.to_string() == "2027-05-05" {
                continue;
            }
            writeln!(rota, "{d},Team {t:04},W{t:04}_0,")?;
        }
    }
    rota.flush()?;

    let mut away = file("availability.csv")?;
    writeln!(away, "staff_id,from,to,absence,back")?;
    for t in 0..teams {
        for w in 1..TEAM_SIZE {
            // About two weeks' leave, a few meetings, and now and then a sick day.
            let start = days[r(days.len() as u64 - 10) as usize];
            writeln!(away, "W{t:04}_{w},{start},{},leave,", start + chrono::Days::new(11))?;
            for _ in 0..3 {
                let d = days[r(days.len() as u64) as usize];
                let h = 9 + r(6);
                writeln!(away, "W{t:04}_{w},{d} {h:02}:00,{d} {:02}:30,meeting,", h + 1)?;
            }
            if r(4) == 0 {
                let d = days[r(days.len() as u64) as usize];
                writeln!(away, "W{t:04}_{w},{d},{d},sick,")?;
            }
        }
    }
    // The planted gaps.
    writeln!(away, "TM0017,2027-03-08,2027-03-12,leave,")?;
    writeln!(away, "TM0018,2027-03-06,2027-03-14,leave,")?;
    writeln!(away, "W0099_0,2027-06-14,2027-06-14,sick,")?;
    writeln!(away, "W0123_0,2027-09-01 10:00,2027-09-01 12:00,meeting,")?;
    away.flush()
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate_routing WORKERS OUT_DIR");
        std::process::exit(2);
    }
    write(args[1].parse().expect("WORKERS is a number"), Path::new(&args[2]))
}
