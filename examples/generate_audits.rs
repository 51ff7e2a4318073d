//! Generates completed audits for `report`: quality-practice and good-practice
//! audits over September to November 2026, a staff file and a ledger, with
//! patterns planted for the tests (synthetic ids only):
//! - team T9 has caseworkers but no audited file;
//! - standard q7 is not met in every other quality-practice audit;
//! - 3 in every 25 good-practice audits (12%) are inadequate;
//! - every tenth audit of September and October is dated after the timetable;
//! - every fifth good-practice audit is moderated after the third week;
//! - themes in what the auditors wrote ([`planted`]), at rates that differ by
//!   team, with negated mentions ("No evidence of the child's voice", "No
//!   drift", "The plan is not SMART") that must not count for their theme.
//!
//! cargo run --release --example generate_audits -- AUDITS OUT_DIR

use std::fmt::Write as _;
use std::path::Path;

pub const MONTHS: [&str; 3] = ["2026-09", "2026-10", "2026-11"];
pub const TEAMS: usize = 8;

/// What was generated, for a test to compute the figures from.
#[derive(Debug, Clone)]
pub struct Spec {
    pub quality: bool,
    pub month: &'static str,
    pub team: String,
    /// (question, answer) in template order.
    pub answers: Vec<(String, &'static str)>,
    /// The overall grade (good practice).
    pub overall: &'static str,
    pub late: bool,
    pub moderated_late: bool,
    /// The themes of the built-in file that the audit's free text counts
    /// for, as planted.
    pub themes: Vec<&'static str>,
}

/// Sentences for the free text of audit `i`, the `n`th of team `t`: (the
/// sentences, the themes they count for). Management oversight comes at a
/// rate of one in `t + 1` audits of team `t`, and drift in odd teams only;
/// the negated sentences count for the other theme the file names, or none.
pub fn planted(i: usize, t: usize, n: usize) -> (Vec<&'static str>, Vec<&'static str>) {
    let (mut text, mut themes) = (Vec::new(), Vec::new());
    let mut plant = |yes: bool, sentence: &'static str, theme: Option<&'static str>| {
        if yes {
            text.push(sentence);
            themes.extend(theme);
        }
    };
    plant(i.is_multiple_of(5), "The child's voice is clear in the recording.", Some("childs-voice"));
    plant(i % 7 == 3, "No evidence of the child's voice.", Some("childs-voice-missing"));
    plant(n.is_multiple_of(t + 1), "Management oversight is regular.", Some("management-oversight"));
    plant(t % 2 == 1 && n % 3 == 1, "Some drift in the plan.", Some("drift-and-delay"));
    plant(n % 3 == 2, "No drift.", None);
    plant(i % 4 == 1, "The police shared information promptly.", Some("partner-police"));
    plant(i % 6 == 5, "The plan is not SMART.", Some("plans-not-smart"));
    plant(i % 9 == 4, "No concerns, and the school is engaged.", Some("partner-education"));
    themes.sort_unstable();
    themes.dedup();
    (text, themes)
}

const QP: [&str; 14] = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14"];
const GP: [&str; 22] = [
    "a_child_seen",
    "a_seen_alone",
    "a_child_voice",
    "a_needs",
    "a_network",
    "a_tools",
    "a_analysis",
    "a_shared",
    "p_informed",
    "p_outcomes",
    "p_smart",
    "p_with_family",
    "p_change",
    "i_child_seen",
    "i_seen_alone",
    "i_child_voice",
    "i_tools",
    "r_latest",
    "r_effective",
    "s_hypothesis",
    "s_alternatives",
    "s_working",
];
const GRADED: [&str; 4] = ["assessment", "planning", "intervention", "review"];

/// A made-up name for staff member `k`, for tests that look for names where
/// none should be.
pub fn staff_name(k: usize) -> String {
    const FIRST: [&str; 8] = ["Avery", "Blake", "Corin", "Dana", "Ellis", "Frankie", "Greer", "Harper"];
    const LAST: [&str; 7] = ["Ashdown", "Brackley", "Cromarty", "Dunmore", "Eskdale", "Fenwick", "Garside"];
    format!("{} {}", FIRST[k % 8], LAST[(k / 8) % 7])
}

fn month_day(month: &str, plus: u32, day: u32) -> String {
    let (y, m): (i32, u32) = (month[..4].parse().expect("year"), month[5..].parse().expect("month"));
    let m0 = m - 1 + plus;
    format!("{:04}-{:02}-{day:02}", y + (m0 / 12) as i32, m0 % 12 + 1)
}

fn uk(iso: &str) -> String {
    format!("{}/{}/{}", &iso[8..10], &iso[5..7], &iso[..4])
}

/// Writes `n` audits under `out/audits`, `out/staff.csv` and `out/ledger.csv`;
/// returns what each audit holds, in file order.
pub fn write(n: usize, out: &Path) -> std::io::Result<Vec<Spec>> {
    let dir = out.join("audits");
    std::fs::create_dir_all(&dir)?;
    let mut staff = String::from("staff_id,name,role,team,manager_id\n");
    writeln!(staff, "H1,{},Head of Service,Leadership,", staff_name(0)).expect("string");
    writeln!(staff, "GA,{},Group Manager,Audit,H1\nGB,{},Group Manager,Audit,H1", staff_name(1), staff_name(2))
        .expect("string");
    for t in 1..=TEAMS + 1 {
        writeln!(staff, "TM{t},{},Team Manager,T{t},H1", staff_name(10 * t)).expect("string");
        for k in 1..=4 {
            writeln!(staff, "W{t}_{k},{},Social Worker,T{t},TM{t}", staff_name(10 * t + k)).expect("string");
        }
    }
    std::fs::write(out.join("staff.csv"), staff)?;
    let mut ledger = String::from("case_id,date,kind,worker_id,auditor_id,month\n");
    let mut specs = Vec::with_capacity(n);
    let (mut nq, mut ng) = (0usize, 0usize);
    let mut of_team = [0usize; TEAMS + 1];
    for i in 0..n {
        let month = MONTHS[i % 3];
        let t = 1 + (i / 3) % TEAMS;
        let (sentences, themes) = planted(i, t, of_team[t]);
        of_team[t] += 1;
        // The auditor's words: the sentences, split between two fields.
        let (first, second) = sentences.split_at(sentences.len() / 2);
        let words = |s: &[&str]| if s.is_empty() { "Reviewed.".to_string() } else { s.join(" ") };
        let worker = format!("W{t}_{}", 1 + i % 4);
        let case = format!("C{i:05}");
        let quality = i % 2 == 0;
        let late = i % 10 == 7 && month != "2026-11";
        let audit_date = if late { month_day(month, 1, 25) } else { month_day(month, 0, 15) };
        let evidence = uk(&month_day(month, 0, 1));
        writeln!(ledger, "{case},{},selected,{worker},GA,{month}", month_day(month, 0, 1)).expect("string");
        if i % 4 != 3 {
            writeln!(ledger, "{case},{},prepared,{worker},GA,{month}", month_day(month, 0, 3)).expect("string");
        }
        let mut y = String::new();
        let mut answers = Vec::new();
        let (mut overall, mut moderated_late) = ("", false);
        if quality {
            writeln!(y, "template: quality-practice\nversion: 1\nheader:\n  team: T{t}\n  allocated_worker: {worker}\n  team_manager: TM{t}\n  service_user: {case}\n  case_ref: {case}\n  auditor: GA\n  audit_month: {month}\ncase_status: open\nanswers:").expect("string");
            for q in QP {
                let a = match q {
                    "q7" if nq % 2 == 0 => "No",
                    "q12" | "q13" if nq % 4 == 1 => "N/A",
                    "q14" => "N/A",
                    _ => "Yes",
                };
                match a {
                    "Yes" => {
                        writeln!(y, "  {q}:\n    answer: \"Yes\"\n    evidence: [\"Case note - {evidence} - Mosaic\"]")
                    }
                    other => writeln!(y, "  {q}:\n    answer: \"{other}\"\n    comment: Not evident on the file."),
                }
                .expect("string");
                answers.push((q.to_string(), a));
            }
            writeln!(y, "comments:\n  team_manager:\n    text: \"{}\"\n    date: {audit_date}\n    signature: TM{t}\n  auditor:\n    text: \"{}\"\naudit_date: {audit_date}\nsignature: GA", words(first), words(second)).expect("string");
            nq += 1;
        } else {
            overall = match ng % 25 {
                0..=2 => "Inadequate",
                3..=14 => "Good",
                _ => "Requires Improvement",
            };
            let voice_missed = overall == "Requires Improvement" && ng % 7 == 0;
            writeln!(y, "template: good-practice\nversion: 1\nheader:\n  child_ref: {case}\n  allocated_worker: {worker}\n  practice_manager: TM{t}\n  team: T{t}\n  auditor: GA\n  audit_month: {month}\nanswers:").expect("string");
            for q in GP {
                let a = match q {
                    "a_child_voice" if voice_missed => "No",
                    _ => "Yes",
                };
                if q.ends_with("child_seen") {
                    writeln!(y, "  {q}:\n    answer: \"{a}\"\n    evidence: [\"Visit - {evidence} - Mosaic\"]")
                        .expect("string");
                } else {
                    writeln!(y, "  {q}: \"{a}\"").expect("string");
                }
                answers.push((q.to_string(), a));
            }
            writeln!(y, "grades:").expect("string");
            for s in GRADED {
                writeln!(y, "  {s}: {overall}").expect("string");
            }
            moderated_late = ng % 5 == 0;
            let moderated = if moderated_late { month_day(month, 0, 28) } else { month_day(month, 0, 20) };
            let moderated = if late { month_day(month, 1, 26) } else { moderated };
            writeln!(y, "  overall: {overall}\nsafeguarding_concerns: no\ncomments:\n  overall: \"{}\"\nactions:\n  - action: Update the plan\n    owner: {worker}\n    due: {}\nmoderation:\n  moderator: H1\n  date: {moderated}\n  attendees: GA, TM{t}, {worker}\n  reflection: \"{}\"\naudit_date: {audit_date}", words(first), if late { month_day(month, 1, 27) } else { month_day(month, 0, 22) }, words(second)).expect("string");
            moderated_late = moderated_late || late;
            ng += 1;
        }
        std::fs::write(dir.join(format!("{case}.yaml")), y)?;
        specs.push(Spec { quality, month, team: format!("T{t}"), answers, overall, late, moderated_late, themes });
    }
    std::fs::write(out.join("ledger.csv"), ledger)?;
    Ok(specs)
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: generate_audits AUDITS OUT_DIR");
        std::process::exit(2);
    }
    write(args[1].parse().expect("AUDITS is a number"), Path::new(&args[2])).map(|_| ())
}
