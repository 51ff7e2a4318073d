//! Generates a synthetic events file for `due --events` benchmarks: case histories
//! shaped like real ones (a referral and visits; or coming into care, visits,
//! reviews and health checks), grouped by case. Ids only, no personal data.
//!
//! cargo run --release --example generate_events -- EVENTS OUT.csv

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate_events EVENTS OUT.csv");
        std::process::exit(2);
    }
    let target: usize = args[1].parse().expect("EVENTS is a number");
    let mut out = BufWriter::new(std::fs::File::create(&args[2])?);
    writeln!(out, "case_id,event,date,dob,detail")?;
    let mut rng = ChaCha8Rng::seed_from_u64(903);
    let mut r = |n: u64| rng.next_u64() % n;
    let epoch = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut written = 0;
    let mut case = 0;
    while written < target {
        case += 1;
        let mut day = r(700);
        let date = |d: u64| (epoch + chrono::Days::new(d)).format("%d/%m/%Y").to_string();
        let born = chrono::NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + chrono::Days::new(r(365 * 16));
        let dob = born.format("%d/%m/%Y").to_string();
        if r(2) == 0 {
            writeln!(out, "C{case:07},referral,{},,", date(day))?;
            written += 1;
            for _ in 0..(4 + r(8)) {
                day += 10 + r(20);
                writeln!(out, "C{case:07},cin-visit,{},,", date(day))?;
                written += 1;
            }
            writeln!(out, "C{case:07},assessment-completed,{},,", date(day))?;
            written += 1;
        } else {
            writeln!(out, "C{case:07},became-looked-after,{},{dob},", date(day))?;
            written += 1;
            for k in 0..(6 + r(8)) {
                day += 20 + r(40);
                let event =
                    ["cla-visit", "cla-visit", "cla-review", "health-assessment", "dental-check"][(k % 5) as usize];
                let detail = if r(5) == 0 { "permanent" } else { "" };
                writeln!(out, "C{case:07},{event},{},,{detail}", date(day))?;
                written += 1;
            }
            if r(4) == 0 {
                writeln!(out, "C{case:07},ceased-looked-after,{},,", date(day + 30))?;
                written += 1;
            }
        }
    }
    out.flush()?;
    eprintln!("{written} events for {case} cases");
    Ok(())
}
