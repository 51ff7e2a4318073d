//! The children in need census (the DfE's CIN census XML) as typed records:
//! one [`Child`] at a time, with each `CINdetails` episode and the dates it
//! holds, each date with the line it was read from. The reader (`cin`) fills
//! them; `due` turns each episode into a case of its own, and the timeliness
//! indicators are counted from them.
//!
//! A date the return gives but that is not a date is `None` here: the reader
//! has said so, naming the element and line.

use chrono::NaiveDate;

/// A date and the line of the element it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dated {
    pub date: NaiveDate,
    pub line: u64,
}

/// The census's `Header`: which collection and year it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// `Collection`: `CIN` for a CIN census.
    pub collection: String,
    /// `Year`: the collection year (2024 for the census of the year to 31 March 2024).
    pub year: Option<i32>,
    /// `ReferenceDate`: the last day of the census year.
    pub reference_date: Option<Dated>,
    /// `LEA`: the authority's code.
    pub lea: String,
}

/// The census year a return covers: the 12 months that end on its reference
/// date (1 April to 31 March for a return dated 31 March).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CensusYear {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl CensusYear {
    /// The year ending on `reference_date`.
    pub fn ending(reference_date: NaiveDate) -> CensusYear {
        let start = reference_date
            .checked_sub_months(chrono::Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(reference_date);
        CensusYear { start, end: reference_date }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// As the DfE writes it, `2023-24`, for a year from 1 April to 31 March;
    /// any other as its first and last days.
    pub fn label(&self) -> String {
        use chrono::Datelike as _;
        if (self.start.month(), self.start.day(), self.end.month(), self.end.day()) != (4, 1, 3, 31) {
            return format!("{} to {}", self.start, self.end);
        }
        format!("{}-{:02}", self.start.year(), self.end.year().rem_euclid(100))
    }
}

/// One child: `ChildIdentifiers` and the `CINdetails` episodes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Child {
    /// `LAchildID`: the authority's own id for the child (empty when missing).
    pub id: String,
    /// The line of `<Child>`.
    pub line: u64,
    pub birth: Option<Dated>,
    pub expected_birth: Option<Dated>,
    pub episodes: Vec<Episode>,
}

/// One `CINdetails`: a period of need from referral to closure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Episode {
    /// 1 for the child's first `CINdetails` in the file, 2 for the next...
    pub number: u32,
    /// The line of `<CINdetails>`.
    pub line: u64,
    pub referral: Option<Dated>,
    /// `ReferralNFA`: the referral led to no further action.
    pub referral_nfa: bool,
    pub closure: Option<Dated>,
    /// `DateOfInitialCPC` at `CINdetails` level.
    pub icpc: Option<Dated>,
    pub assessments: Vec<Assessment>,
    pub cin_plans: Vec<CinPlan>,
    pub section47s: Vec<Section47>,
    pub cp_plans: Vec<CpPlan>,
    /// Date elements of the episode whose value could not be read, and their
    /// lines: what they would have shown is unknown, not absent.
    pub unreadable: Vec<(&'static str, u64)>,
}

/// One `Assessments` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    pub line: u64,
    pub start: Option<Dated>,
    pub authorised: Option<Dated>,
}

/// One `CINPlanDates` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CinPlan {
    pub line: u64,
    pub start: Option<Dated>,
    pub end: Option<Dated>,
}

/// One `Section47` block: an enquiry, the authority's target date for its
/// initial conference, and the conference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section47 {
    pub line: u64,
    pub start: Option<Dated>,
    /// `InitialCPCtarget`.
    pub target: Option<Dated>,
    pub icpc: Option<Dated>,
    /// `ICPCnotRequired`: the enquiry found no conference was needed.
    pub icpc_not_required: bool,
}

/// One `ChildProtectionPlans` block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CpPlan {
    pub line: u64,
    pub start: Option<Dated>,
    pub end: Option<Dated>,
    /// `NumberOfPreviousCPP`: how many plans the child had before this one
    /// (`None` when missing or not a number).
    pub previous: Option<u32>,
    /// `CPPreviewDate`s, in file order.
    pub reviews: Vec<Dated>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_years() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let y = CensusYear::ending(d("2024-03-31"));
        assert_eq!((y.start, y.label()), (d("2023-04-01"), "2023-24".to_string()));
        assert!(y.contains(d("2023-04-01")) && y.contains(d("2024-03-31")) && !y.contains(d("2023-03-31")));
        let odd = CensusYear::ending(d("2022-07-21"));
        assert_eq!((odd.start, odd.label()), (d("2021-07-22"), "2021-07-22 to 2022-07-21".to_string()));
        assert_eq!(CensusYear::ending(d("2024-12-31")).label(), "2024-01-01 to 2024-12-31");
        // 29 February: the year begins on 1 March.
        assert_eq!(CensusYear::ending(d("2024-02-29")).start, d("2023-03-01"));
    }
}
