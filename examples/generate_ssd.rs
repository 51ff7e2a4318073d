//! Generates a synthetic Standard Safeguarding Dataset extract (the tables
//! `due --columns ssd --events DIR` reads, and `select` with `--columns ssd`)
//! for benchmarks: children in need with visits and assessments, children on
//! protection plans with visits and reviews, looked-after children with
//! episodes, reviews, visits and health checks, care leavers; each child with a
//! history of worker involvements. Ids only, no personal data; dates written
//! the way SQL Server exports DATETIME.
//!
//! cargo run --release --example generate_ssd -- CHILDREN OUT_DIR

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::io::{BufWriter, Write};

struct Tables {
    files: Vec<(&'static str, BufWriter<std::fs::File>)>,
}

impl Tables {
    fn new(dir: &std::path::Path, heads: &[(&'static str, &str)]) -> std::io::Result<Tables> {
        let mut files = Vec::new();
        for (name, head) in heads {
            let mut f = BufWriter::new(std::fs::File::create(dir.join(format!("{name}.csv")))?);
            writeln!(f, "{head}")?;
            files.push((*name, f));
        }
        Ok(Tables { files })
    }

    fn row(&mut self, table: &str, line: std::fmt::Arguments) -> std::io::Result<()> {
        let f = &mut self.files.iter_mut().find(|(n, _)| *n == table).expect("a table").1;
        f.write_fmt(line)?;
        f.write_all(b"\n")
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate_ssd CHILDREN OUT_DIR");
        std::process::exit(2);
    }
    let children: u64 = args[1].parse().expect("CHILDREN is a number");
    let dir = std::path::Path::new(&args[2]);
    std::fs::create_dir_all(dir)?;
    let mut t = Tables::new(
        dir,
        &[
            ("ssd_person", "pers_legacy_id,pers_person_id,pers_sex,pers_dob"),
            (
                "ssd_professionals",
                "prof_professional_id,prof_staff_id,prof_professional_name,prof_professional_job_title,prof_professional_department",
            ),
            (
                "ssd_involvements",
                "invo_involvements_id,invo_professional_id,invo_professional_role_id,invo_professional_team,invo_involvement_start_date,invo_involvement_end_date,invo_person_id",
            ),
            (
                "ssd_cin_episodes",
                "cine_referral_id,cine_person_id,cine_referral_date,cine_referral_nfa,cine_close_date",
            ),
            (
                "ssd_cin_assessments",
                "cina_assessment_id,cina_person_id,cina_assessment_start_date,cina_assessment_auth_date",
            ),
            ("ssd_cin_visits", "cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date"),
            ("ssd_s47_enquiry", "s47e_s47_enquiry_id,s47e_person_id,s47e_s47_start_date"),
            ("ssd_initial_cp_conference", "icpc_icpc_id,icpc_person_id,icpc_icpc_date"),
            ("ssd_cp_plans", "cppl_cp_plan_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date"),
            ("ssd_cp_visits", "cppv_cp_visit_id,cppv_person_id,cppv_cp_visit_date"),
            ("ssd_cp_reviews", "cppr_cp_review_id,cppr_person_id,cppr_cp_review_date"),
            (
                "ssd_cla_episodes",
                "clae_cla_episode_id,clae_person_id,clae_cla_episode_start_date,clae_cla_episode_start_reason,clae_cla_episode_ceased,clae_cla_episode_ceased_reason,clae_cla_id",
            ),
            ("ssd_cla_reviews", "clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_review_cancelled"),
            ("ssd_cla_visits", "clav_cla_visit_id,clav_person_id,clav_cla_visit_date"),
            ("ssd_cla_health", "clah_health_check_id,clah_person_id,clah_health_check_type,clah_health_check_date"),
            (
                "ssd_care_leavers",
                "clea_table_id,clea_person_id,clea_care_leaver_latest_contact,clea_pathway_plan_review_date,clea_care_leaver_allocated_team_name,clea_care_leaver_worker_name",
            ),
        ],
    )?;
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut r = |n: u64| rng.next_u64() % n.max(1);
    let epoch = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let date = |d: u64| (epoch + chrono::Days::new(d)).format("%Y-%m-%d 00:00:00.000").to_string();
    let teams = ["Assessment Team", "Child Protection Team", "Looked After Team", "Leaving Care Team"];
    let workers = (children / 20).max(4);
    for w in 0..workers {
        let title = if w % 10 == 0 { "Team Manager" } else { "Social Worker" };
        let team = teams[(w % 4) as usize];
        t.row("ssd_professionals", format_args!("PR{w:06},S{w:06},Worker {w},{title},{team}"))?;
    }
    let mut id = 0u64;
    for c in 0..children {
        let p = format!("P{c:07}");
        let born = 365 * 2 + r(365 * 16);
        let dob = (chrono::NaiveDate::from_ymd_opt(2008, 1, 1).unwrap() + chrono::Days::new(born))
            .format("%Y-%m-%d 00:00:00.000");
        t.row("ssd_person", format_args!(",{p},{},{dob}", 1 + r(2)))?;
        let kind = r(8);
        let team = teams[(kind % 4) as usize];
        // One to four involvements, the last open.
        let mut start = r(600);
        let n_inv = 1 + r(4);
        for k in 0..n_inv {
            id += 1;
            let w = r(workers);
            let end = if k + 1 == n_inv { String::new() } else { date(start + 30 + r(200)) };
            t.row(
                "ssd_involvements",
                format_args!("IN{id},PR{w:06},Allocated Social Worker,{team},{},{end},{p}", date(start)),
            )?;
            start += 30 + r(200);
        }
        let mut day = r(600);
        id += 1;
        t.row("ssd_cin_episodes", format_args!("RF{id},{p},{},N,", date(day)))?;
        match kind {
            0..=2 => {
                t.row("ssd_cin_assessments", format_args!("A{id},{p},{},{}", date(day), date(day + 20 + r(40))))?;
                for _ in 0..(3 + r(10)) {
                    day += 10 + r(30);
                    id += 1;
                    t.row("ssd_cin_visits", format_args!("V{id},{p},{}", date(day)))?;
                }
            }
            3 | 4 => {
                t.row("ssd_s47_enquiry", format_args!("S{id},{p},{}", date(day)))?;
                day += 5 + r(20);
                t.row("ssd_initial_cp_conference", format_args!("I{id},{p},{}", date(day)))?;
                t.row("ssd_cp_plans", format_args!("CP{id},{p},{},", date(day)))?;
                let plan = day;
                for _ in 0..(5 + r(20)) {
                    day += 7 + r(10);
                    id += 1;
                    t.row("ssd_cp_visits", format_args!("CV{id},{p},{}", date(day)))?;
                }
                let mut review = plan + 85 + r(10);
                while review < day {
                    id += 1;
                    t.row("ssd_cp_reviews", format_args!("CR{id},{p},{}", date(review)))?;
                    review += 170 + r(20);
                }
            }
            5 | 6 => {
                let cla = format!("L{id}");
                let moved = day + 30 + r(200);
                t.row("ssd_cla_episodes", format_args!("E{id}a,{p},{},S,{},X1,{cla}", date(day), date(moved)))?;
                t.row("ssd_cla_episodes", format_args!("E{id}b,{p},{},P,,,{cla}", date(moved)))?;
                t.row("ssd_cla_health", format_args!("H{id}a,{p},Initial Health Assessment,{}", date(day + 15)))?;
                t.row("ssd_cla_health", format_args!("H{id}b,{p},Dental Check,{}", date(day + 25)))?;
                let mut review = day + 18 + r(5);
                for k in 0..(1 + r(5)) {
                    id += 1;
                    t.row("ssd_cla_reviews", format_args!("R{id},{cla},{},N", date(review)))?;
                    review += if k == 0 { 85 } else { 175 } + r(10);
                }
                for _ in 0..(4 + r(12)) {
                    day += 20 + r(25);
                    id += 1;
                    t.row("ssd_cla_visits", format_args!("CLV{id},{p},{}", date(day)))?;
                }
            }
            _ => {
                t.row(
                    "ssd_care_leavers",
                    format_args!("CL{id},{p},{},{},Leaving Care Team,Adviser {}", date(day + 200), date(day), r(50)),
                )?;
            }
        }
    }
    for (_, f) in &mut t.files {
        f.flush()?;
    }
    Ok(())
}
