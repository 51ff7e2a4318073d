//! Generates a synthetic children in need census (the DfE's CIN census XML,
//! 2026 layout) for the benchmark and the indicator test: referrals (some a
//! second within, or beyond, 12 months of the first), assessments,
//! section 47 enquiries with their conferences and target dates, child
//! protection plans with their reviews. Every timescale is planted on one
//! side of its limit with a margin that no bank holiday can cross, and
//! [`write`] returns what it planted: the counts each indicator must give.
//! Ids only, no one real. Seeded: the same seed writes the same file.
//!
//! cargo run --release --example generate_cin -- CHILDREN OUT.xml [SEED]

use chrono::{Days, NaiveDate};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The census's reference date, and the first day of its year.
pub const REFERENCE_DATE: &str = "2026-03-31";
pub const YEAR_START: &str = "2025-04-01";

/// What was planted, per indicator in the order `due --indicators` prints
/// them: (numerator, denominator, not counted).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Planted {
    pub assessments: (u64, u64, u64),
    pub icpcs: (u64, u64, u64),
    pub reviews: (u64, u64, u64),
    pub lasted: (u64, u64, u64),
    pub repeats: (u64, u64, u64),
    pub re_referrals: (u64, u64, u64),
}

impl Planted {
    pub fn rows(&self) -> [(u64, u64, u64); 6] {
        [self.assessments, self.icpcs, self.reviews, self.lasted, self.repeats, self.re_referrals]
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).expect("in range")
}

fn minus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).expect("in range")
}

fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

fn yes(n: u64, one: u64, in_: u64) -> bool {
    n % in_ < one
}

struct Gen {
    rng: ChaCha8Rng,
    reference: NaiveDate,
    year_start: NaiveDate,
    planted: Planted,
}

impl Gen {
    fn r(&mut self, n: u64) -> u64 {
        self.rng.next_u64() % n.max(1)
    }

    fn in_year(&self, d: NaiveDate) -> bool {
        self.year_start <= d && d <= self.reference
    }

    fn count(slot: &mut (u64, u64, u64), on_time: bool) {
        slot.1 += 1;
        slot.0 += u64::from(on_time);
    }
}

/// Writes `children` children to `path`; returns the planted counts.
pub fn write(children: usize, seed: u64, path: &Path) -> std::io::Result<Planted> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        reference: date(REFERENCE_DATE),
        year_start: date(YEAR_START),
        planted: Planted::default(),
    };
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(out, "<Message>")?;
    writeln!(out, "  <Header>\n    <CollectionDetails>\n      <Collection>CIN</Collection>\n      <Year>2026</Year>")?;
    writeln!(out, "      <ReferenceDate>{REFERENCE_DATE}</ReferenceDate>\n    </CollectionDetails>")?;
    writeln!(
        out,
        "    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>999</LEA>\n      <SoftwareCode>generate_cin</SoftwareCode>"
    )?;
    writeln!(
        out,
        "      <Release>1</Release>\n      <SerialNo>1</SerialNo>\n      <DateTime>2026-04-10T09:00:00</DateTime>\n    </Source>\n  </Header>"
    )?;
    writeln!(out, "  <Children>")?;
    let mut text = String::new();
    for i in 0..children {
        text.clear();
        child(&mut g, i, &mut text);
        out.write_all(text.as_bytes())?;
    }
    writeln!(out, "  </Children>\n</Message>")?;
    out.flush()?;
    Ok(g.planted)
}

fn child(g: &mut Gen, i: usize, x: &mut String) {
    let ys = g.year_start;
    // The first referral: in the year, or (for a child whose episode ran
    // into it) up to 2.5 years before.
    let before = yes(g.r(100), 35, 100);
    let first = if before { minus(ys, 1 + g.r(900)) } else { plus(ys, g.r(300)) };
    let born = minus(first, 30 + g.r(5000));
    let _ = writeln!(x, "    <Child>\n      <ChildIdentifiers>\n        <LAchildID>GEN{i:07}</LAchildID>");
    let _ = writeln!(
        x,
        "        <UPNunknown>UN1</UPNunknown>\n        <PersonBirthDate>{born}</PersonBirthDate>\n        <Sex>{}</Sex>",
        1 + g.r(2)
    );
    let _ = writeln!(
        x,
        "      </ChildIdentifiers>\n      <ChildCharacteristics>\n        <Ethnicity>WBRI</Ethnicity>\n      </ChildCharacteristics>"
    );
    let mut referrals = vec![first];
    // A second episode: a re-referral within 12 months (at most 300 days
    // on) or beyond them (at least 400 days on), in the year.
    let second = if yes(g.r(100), 25, 100) {
        let gap = if yes(g.r(2), 1, 2) { 20 + g.r(280) } else { 400 + g.r(300) };
        Some(plus(first, gap)).filter(|d| g.in_year(*d))
    } else {
        None
    };
    referrals.extend(second);
    let mut plans_so_far = 0;
    let last = referrals.len() - 1;
    for (n, &referral) in referrals.iter().enumerate() {
        // The first episode closes before the second begins.
        let closes = if n < last { Some(minus(referrals[n + 1], 5)) } else { None };
        episode(g, referral, closes, &mut plans_so_far, x);
        if g.in_year(referral) {
            let again = referrals[..n].iter().any(|&p| days(p, referral) <= 300);
            Gen::count(&mut g.planted.re_referrals, again);
        }
    }
    x.push_str("    </Child>\n");
}

fn episode(g: &mut Gen, referral: NaiveDate, closes: Option<NaiveDate>, plans_so_far: &mut u32, x: &mut String) {
    let reference = g.reference;
    // Nothing after the episode's end (its closure, or the reference date).
    let end = closes.unwrap_or(reference);
    let fits = |d: NaiveDate| d <= end;
    let _ = writeln!(x, "      <CINdetails>\n        <CINreferralDate>{referral}</CINreferralDate>");
    let _ = writeln!(x, "        <ReferralSource>1A</ReferralSource>\n        <PrimaryNeedCode>N1</PrimaryNeedCode>");
    if let Some(c) = closes {
        let _ = writeln!(
            x,
            "        <CINclosureDate>{c}</CINclosureDate>\n        <ReasonForClosure>RC1</ReasonForClosure>"
        );
    }
    // A conference with no enquiry in the file (counted apart).
    let lone_icpc = yes(g.r(100), 3, 100);
    let mut blocks = String::new();
    // The assessment: authorised within 60 days of its start (on time: 45
    // working days are at least 63 days) or after 75 (late: at most 70).
    if yes(g.r(100), 80, 100) {
        let start = plus(referral, g.r(5));
        let on_time = yes(g.r(100), 80, 100);
        let done = plus(start, if on_time { 10 + g.r(50) } else { 75 + g.r(45) });
        let no_start = yes(g.r(100), 4, 100);
        if fits(start) {
            let _ = writeln!(blocks, "        <Assessments>");
            if !no_start {
                let _ = writeln!(blocks, "          <AssessmentActualStartDate>{start}</AssessmentActualStartDate>");
            }
            if fits(done) {
                let _ = writeln!(blocks, "          <AssessmentAuthorisationDate>{done}</AssessmentAuthorisationDate>");
                if g.in_year(done) {
                    if no_start {
                        g.planted.assessments.2 += 1;
                    } else {
                        Gen::count(&mut g.planted.assessments, on_time);
                    }
                }
            }
            let _ = writeln!(
                blocks,
                "          <FactorsIdentifiedAtAssessment>\n            <AssessmentFactors>1C</AssessmentFactors>\n          </FactorsIdentifiedAtAssessment>\n        </Assessments>"
            );
        }
    }
    let mut icpc_at_episode: Option<NaiveDate> = None;
    // A section 47 enquiry: the conference within 20 days (on time: 15
    // working days are at least 21 days) or after 30 (late: at most 26).
    if yes(g.r(100), 30, 100) {
        let start = plus(referral, 1 + g.r(10));
        if fits(start) {
            let not_required = yes(g.r(100), 10, 100);
            let on_time = yes(g.r(100), 75, 100);
            let icpc = plus(start, if on_time { 7 + g.r(13) } else { 30 + g.r(15) });
            let target = plus(start, 21);
            let _ = writeln!(blocks, "        <Section47>\n          <S47ActualStartDate>{start}</S47ActualStartDate>");
            let _ = writeln!(blocks, "          <InitialCPCtarget>{target}</InitialCPCtarget>");
            let held = !not_required && fits(icpc);
            if held {
                let _ = writeln!(blocks, "          <DateOfInitialCPC>{icpc}</DateOfInitialCPC>");
                if g.in_year(icpc) {
                    Gen::count(&mut g.planted.icpcs, on_time);
                }
            }
            let _ =
                writeln!(blocks, "          <ICPCnotRequired>{not_required}</ICPCnotRequired>\n        </Section47>");
            if held {
                // The episode's own conference date, as authorities often repeat it.
                if yes(g.r(2), 1, 2) {
                    icpc_at_episode = Some(icpc);
                }
                if yes(g.r(100), 70, 100) {
                    plan(g, icpc, end, plans_so_far, &mut blocks);
                }
            }
        }
    } else if before_year_plan(g, referral, end) {
        // A plan from before the census year: its conference and enquiry
        // were in an earlier year's return.
        let start = plus(referral, 10);
        plan(g, start, end, plans_so_far, &mut blocks);
    }
    if lone_icpc && icpc_at_episode.is_none() {
        let d = plus(referral, 3);
        if fits(d) && !blocks.contains("<Section47>") {
            icpc_at_episode = Some(d);
            if g.in_year(d) {
                g.planted.icpcs.2 += 1;
            }
        }
    }
    if let Some(d) = icpc_at_episode {
        let _ = writeln!(x, "        <DateOfInitialCPC>{d}</DateOfInitialCPC>");
    }
    x.push_str(&blocks);
    let _ = writeln!(x, "        <ReferralNFA>false</ReferralNFA>\n      </CINdetails>");
}

/// Whether this episode (referred before the year) holds a plan that began
/// before it: at least 100 days before, so that its first review in the year
/// is past 3 months from its start, and the file cannot tell whether it was
/// on time (its earlier reviews are not in the return).
fn before_year_plan(g: &mut Gen, referral: NaiveDate, end: NaiveDate) -> bool {
    let start = plus(referral, 10);
    start <= minus(g.year_start, 100) && end >= g.year_start && yes(g.r(100), 30, 100)
}

/// A plan from `start` (its conference), running to `end` at the latest.
fn plan(g: &mut Gen, start: NaiveDate, end: NaiveDate, plans_so_far: &mut u32, x: &mut String) {
    let (ys, reference) = (g.year_start, g.reference);
    let before = start < ys;
    // A plan from before the year starts at least 100 days before it (see
    // before_year_plan): one closer is not planted.
    if before && start > minus(ys, 100) {
        return;
    }
    // Ends in the year (or with the episode), or stays open.
    let mut ends = if end < reference || yes(g.r(100), 30, 100) {
        let latest = days(start, end).max(0) as u64;
        Some(plus(start, (60 + g.r(900)).min(latest)))
    } else {
        None
    };
    if let Some(e) = ends {
        // Two years are 730 or 731 days: none ends between 721 and 739 days.
        let lasted = days(start, e);
        if (721..740).contains(&lasted) {
            ends = Some(minus(e, 30));
        }
        if ends.is_some_and(|e| e < ys || e <= start) {
            ends = None;
        }
    }
    if ends.is_none() && end < reference {
        // The episode closed: the plan ended with it.
        ends = Some(end).filter(|e| *e > start && *e >= ys && !(721..740).contains(&days(start, *e)));
        if ends.is_none() {
            return;
        }
    }
    let span_end = ends.unwrap_or(reference);
    // A plan open 86 to 94 days by its span's end is on the edge of 3
    // months: not planted.
    let open_days = days(start, span_end);
    if (86..95).contains(&open_days) {
        return;
    }
    let previous = match g.r(10) {
        0 => None,
        1..=3 => Some(1 + g.r(3) as u32),
        _ => Some(0),
    };
    // Reviews: on time, the first within 85 days (3 months are at least 89)
    // and each next within 175 (6 months are at least 181); late, the first
    // after 100 days, or a later one after 200.
    let late_first = yes(g.r(100), 10, 100);
    let late_later = yes(g.r(100), 10, 100);
    let mut reviews: Vec<NaiveDate> = Vec::new();
    let mut next = if before {
        // Reviews before the year are not in the return.
        plus(ys, 10 + g.r(140))
    } else {
        plus(start, if late_first { 100 + g.r(30) } else { 60 + g.r(25) })
    };
    while next <= span_end {
        reviews.push(next);
        let gap = if late_later && reviews.len() == 2 { 200 + g.r(30) } else { 150 + g.r(25) };
        next = plus(next, gap);
    }
    let _ = writeln!(x, "        <ChildProtectionPlans>\n          <CPPstartDate>{start}</CPPstartDate>");
    if let Some(e) = ends {
        let _ = writeln!(x, "          <CPPendDate>{e}</CPPendDate>");
    }
    let _ = writeln!(
        x,
        "          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>\n          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>"
    );
    if let Some(p) = previous {
        let _ = writeln!(x, "          <NumberOfPreviousCPP>{p}</NumberOfPreviousCPP>");
    }
    if !reviews.is_empty() {
        x.push_str("          <Reviews>\n");
        for r in &reviews {
            let _ = writeln!(x, "            <CPPreviewDate>{r}</CPPreviewDate>");
        }
        x.push_str("          </Reviews>\n");
    }
    x.push_str("        </ChildProtectionPlans>\n");
    // What each indicator must count.
    if open_days >= 95 && span_end >= ys {
        // A late later review (the third) is late only if it was held or due.
        let later_late = late_later && reviews.len() >= 2 && {
            let six_months_on = reviews[1].checked_add_months(chrono::Months::new(6)).expect("in range");
            reviews.get(2).is_some() || span_end > six_months_on
        };
        if before {
            if later_late { Gen::count(&mut g.planted.reviews, false) } else { g.planted.reviews.2 += 1 }
        } else {
            Gen::count(&mut g.planted.reviews, !(late_first || later_late));
        }
    }
    if let Some(e) = ends.filter(|e| g.in_year(*e)) {
        Gen::count(&mut g.planted.lasted, days(start, e) >= 740);
    }
    if g.in_year(start) {
        match (previous, *plans_so_far > 0) {
            (Some(n), _) if n > 0 => Gen::count(&mut g.planted.repeats, true),
            (_, true) => Gen::count(&mut g.planted.repeats, true),
            (Some(_), false) => Gen::count(&mut g.planted.repeats, false),
            (None, false) => g.planted.repeats.2 += 1,
        }
    }
    *plans_so_far += 1;
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate_cin CHILDREN OUT.xml [SEED]");
        std::process::exit(2);
    }
    let children: usize = args[1].parse().expect("CHILDREN is a number");
    let seed: u64 = args.get(3).map_or(2026, |s| s.parse().expect("SEED is a number"));
    let planted = write(children, seed, Path::new(&args[2]))?;
    let names = ["assessments", "icpcs", "reviews", "lasted", "repeats", "re_referrals"];
    for (name, (n, d, apart)) in names.iter().zip(planted.rows()) {
        eprintln!("{name}: {n} of {d}, {apart} not counted");
    }
    Ok(())
}
