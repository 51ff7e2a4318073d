use super::*;
use crate::calendar::Region;
use crate::model::census::{Assessment, Dated, Episode, Section47};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> Option<Dated> {
    Some(Dated { date: d(s), line: 1 })
}

fn tally(children: &[Child]) -> Vec<(u64, u64, u64)> {
    let cal = Calendar::new(Region::EnglandAndWales, Default::default());
    let mut t = Tally::new(CensusYear::ending(d("2024-03-31")), d("2024-03-31"), &cal, false);
    for c in children {
        t.add(c);
    }
    t.figures().iter().map(|f| (f.numerator, f.denominator, f.not_counted)).collect()
}

fn child(episodes: Vec<Episode>) -> Child {
    Child { id: "A".into(), episodes, ..Child::default() }
}

#[test]
fn assessments_within_45_working_days() {
    let a = |start: Option<&str>, done: &str| Assessment { start: start.and_then(at), authorised: at(done), line: 1 };
    // Monday 4 September 2023 + 45 working days (9 weeks) = Monday 6 November.
    let e = Episode {
        assessments: vec![
            a(Some("2023-09-04"), "2023-11-06"),
            a(Some("2023-09-04"), "2023-11-07"),
            a(None, "2023-11-08"),
            a(Some("2023-09-04"), "2023-03-30"),
            a(Some("2023-12-04"), "2023-11-30"),
        ],
        ..Episode::default()
    };
    assert_eq!(tally(&[child(vec![e])])[0], (1, 2, 2));
}

#[test]
fn conferences_within_15_working_days_and_those_with_no_enquiry() {
    let s = |start: &str, icpc: &str| Section47 { start: at(start), icpc: at(icpc), ..Section47::default() };
    // Friday 1 December 2023 + 15 working days: 22 December.
    let e = Episode {
        section47s: vec![s("2023-12-01", "2023-12-22"), s("2023-12-01", "2024-01-02")],
        icpc: at("2023-12-22"),
        ..Episode::default()
    };
    let lone = Episode { icpc: at("2023-10-10"), ..Episode::default() };
    assert_eq!(tally(&[child(vec![e, lone])])[1], (1, 2, 1));
}

#[test]
fn plans_lasting_two_years_repeat_plans_and_re_referrals() {
    let plan = |start: &str, end: Option<&str>, previous: Option<u32>| CpPlan {
        start: at(start),
        end: end.and_then(at),
        previous,
        ..CpPlan::default()
    };
    let e1 = Episode {
        referral: at("2023-01-10"),
        cp_plans: vec![plan("2021-05-01", Some("2023-05-01"), Some(0)), plan("2021-06-01", Some("2023-05-31"), None)],
        ..Episode::default()
    };
    let e2 = Episode {
        referral: at("2023-12-01"),
        cp_plans: vec![plan("2023-12-20", None, None), plan("2023-12-21", None, Some(0))],
        ..Episode::default()
    };
    let t = tally(&[child(vec![e1, e2])]);
    assert_eq!(t[3], (1, 2, 0));
    // Both plans of December have earlier plans in the file.
    assert_eq!(t[4], (2, 2, 0));
    // 1 December 2023 is within 12 months of 10 January 2023.
    assert_eq!(t[5], (1, 1, 0));
    let lone = Episode { cp_plans: vec![plan("2023-12-20", None, None)], ..Episode::default() };
    assert_eq!(tally(&[child(vec![lone])])[4], (0, 0, 1));
}

#[test]
fn reviews_judged() {
    let year = d("2023-04-01");
    let j = |start: &str, reviews: &[&str], end: &str| {
        let reviews: Vec<NaiveDate> = reviews.iter().map(|r| d(r)).collect();
        judge_reviews(d(start), &reviews, d(end), year)
    };
    use Judged::*;
    // Started in the year: 3 months, then 6.
    assert_eq!(j("2023-05-10", &["2023-08-10", "2024-02-10"], "2024-03-31"), OnTime);
    assert_eq!(j("2023-05-10", &["2023-08-11"], "2024-03-31"), Late);
    assert_eq!(j("2023-05-10", &["2023-08-10"], "2024-02-10"), OnTime);
    assert_eq!(j("2023-05-10", &["2023-08-10"], "2024-02-11"), Late);
    assert_eq!(j("2023-05-10", &[], "2023-08-10"), OnTime);
    // Started before: the first listed review is sure only by 3 months from
    // the start (on time) or after 30 September 2023 (late).
    assert_eq!(j("2023-02-01", &["2023-05-01", "2023-11-01"], "2024-03-31"), OnTime);
    assert_eq!(j("2022-01-01", &["2023-10-01", "2024-03-01"], "2024-03-31"), Late);
    assert_eq!(j("2022-01-01", &["2023-06-01", "2023-12-01"], "2024-03-31"), CannotTell);
    assert_eq!(j("2022-01-01", &["2023-06-01", "2024-01-01"], "2024-03-31"), Late);
    assert_eq!(j("2022-01-01", &[], "2023-09-30"), CannotTell);
    assert_eq!(j("2022-01-01", &[], "2023-10-01"), Late);
}
