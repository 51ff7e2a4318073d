use super::*;
use chrono::NaiveDate;

fn read(xml: &str) -> Result<(Census, Vec<Child>, Vec<Warning>), InputError> {
    let mut c = Census::new("c.xml", Box::new(std::io::Cursor::new(xml.as_bytes().to_vec())))?;
    let mut children = Vec::new();
    while let Some(child) = c.next_child()? {
        children.push(child);
    }
    let findings = c.take_findings();
    Ok((c, children, findings))
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const HEAD: &str = "<Message>\n<Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year>\
<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>\n<Children>\n";

fn census(children: &str) -> String {
    format!("{HEAD}{children}</Children>\n</Message>\n")
}

#[test]
fn a_child_with_two_episodes() {
    let xml = census(
        "<Child><ChildIdentifiers><LAchildID>A1</LAchildID><PersonBirthDate>2015-03-27</PersonBirthDate>\
         <Sex>M</Sex></ChildIdentifiers>\n\
         <CINdetails><CINreferralDate>2023-05-02</CINreferralDate><ReferralNFA>false</ReferralNFA>\n\
         <Assessments><AssessmentActualStartDate>2023-05-03</AssessmentActualStartDate>\
         <AssessmentAuthorisationDate>2023-06-30</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment/></Assessments>\n\
         <Section47><S47ActualStartDate>2023-06-01</S47ActualStartDate><InitialCPCtarget>2023-06-22</InitialCPCtarget>\
         <DateOfInitialCPC>2023-06-20</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>\n\
         <ChildProtectionPlans><CPPstartDate>2023-06-20</CPPstartDate><NumberOfPreviousCPP>1</NumberOfPreviousCPP>\
         <Reviews><CPPreviewDate>2023-09-12</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>\n\
         <CINdetails><CINreferralDate>2024-01-10</CINreferralDate></CINdetails></Child>\n",
    );
    let (c, children, findings) = read(&xml).unwrap();
    assert_eq!(c.header.reference_date.map(|r| r.date), Some(d("2024-03-31")));
    assert_eq!(c.header.year, Some(2024));
    assert!(findings.is_empty(), "{findings:?}");
    let [child] = children.as_slice() else { panic!() };
    assert_eq!((child.id.as_str(), child.birth.map(|b| b.date)), ("A1", Some(d("2015-03-27"))));
    assert_eq!(child.episodes.len(), 2);
    let e = &child.episodes[0];
    assert_eq!((e.number, e.line), (1, 5));
    assert_eq!(e.assessments[0].authorised.map(|a| (a.date, a.line)), Some((d("2023-06-30"), 6)));
    assert_eq!(e.section47s[0].target.map(|t| t.date), Some(d("2023-06-22")));
    assert_eq!(e.cp_plans[0].previous, Some(1));
    assert_eq!(e.cp_plans[0].reviews.len(), 1);
    assert_eq!(child.episodes[1].number, 2);
}

#[test]
fn a_bad_date_is_a_finding_naming_element_and_line() {
    let xml = census(
        "<Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>\n\
         <CINdetails>\n<CINreferralDate>2023-13-45</CINreferralDate>\n<CINclosureDate>1970-01-01</CINclosureDate>\
         </CINdetails></Child>\n",
    );
    let (_, children, findings) = read(&xml).unwrap();
    assert_eq!(children[0].episodes[0].referral, None);
    let said: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert!(said[0].starts_with("c.xml:6: <CINreferralDate> '2023-13-45'"), "{said:?}");
    assert!(said[1].starts_with("c.xml:7: <CINclosureDate> '1970-01-01': 1970-01-01 is outside"), "{said:?}");
}

#[test]
fn malformed_xml_is_an_error_at_line_and_column() {
    let xml = census("<Child><ChildIdentifiers><LAchildID>A1</LAchildID>\n  </Child>\n");
    let e = read(&xml).err().unwrap();
    assert_eq!((e.line, e.column), (Some(5), Some(3)), "{e}");
    assert!(e.message.starts_with("malformed XML"), "{e}");
    let cut = &census("<Child><ChildIdentifiers>")[..HEAD.len() + 10];
    let e = read(cut).err().unwrap();
    assert_eq!(
        e.to_string(),
        "c.xml:4:8: malformed XML: syntax error: tag not closed: `>` not found before end of input"
    );
    let e = read(&census("<Child>")[..HEAD.len() + 7]).err().unwrap();
    assert_eq!(e.to_string(), "c.xml:4:8: malformed XML: the file ends inside <Child> (opened on line 4)");
}

#[test]
fn other_xml_says_what_it_is() {
    let e = read("<?xml version=\"1.0\"?>\n<Workbook><Sheet/></Workbook>").err().unwrap();
    assert_eq!(
        e.to_string(),
        "c.xml:2: is XML, but not a CIN census: its root element is <Workbook> (a CIN census is a <Message> whose <Collection> is CIN)"
    );
    let e = read(&HEAD.replace(">CIN<", ">School Census<")).err().unwrap();
    assert!(e.to_string().contains("its <Collection> is 'School Census'"), "{e}");
    // An empty element is inside the root like any other.
    let e = read("<Message><Header><CollectionDetails><Collection>SC</Collection></CollectionDetails></Header><Pupils/></Message>").err().unwrap();
    assert!(e.to_string().contains("its <Collection> is 'SC'"), "{e}");
    assert!(looks_like_xml(b"\xef\xbb\xbf  \n<Message>"));
    assert!(!looks_like_xml(b"case_id,event,date\n"));
}

#[test]
fn stray_text_is_a_note() {
    let xml = census(
        "<Child><ChildIdentifiers><LAchildID>A1</LAchildID>PersonBirthDate\n\
         <PersonBirthDate>2015-03-27</PersonBirthDate></ChildIdentifiers></Child>\n",
    );
    let (_, children, findings) = read(&xml).unwrap();
    assert_eq!(children[0].birth.map(|b| b.date), Some(d("2015-03-27")));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].level, crate::error::Level::Note);
    assert!(findings[0].message.contains("stray text 'PersonBirthDate'"), "{:?}", findings[0]);
}

#[test]
fn dates_against_each_other() {
    let xml = census(
        "<Child><ChildIdentifiers><LAchildID>A1</LAchildID></ChildIdentifiers>\n<CINdetails>\n\
         <CINreferralDate>2024-01-24</CINreferralDate>\n<Assessments>\n\
         <AssessmentActualStartDate>2023-12-25</AssessmentActualStartDate>\n</Assessments>\n<Assessments>\n\
         <AssessmentActualStartDate>2028-04-28</AssessmentActualStartDate>\n</Assessments>\n</CINdetails></Child>\n",
    );
    let (_, _, findings) = read(&xml).unwrap();
    let said: Vec<String> = findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "c.xml:11: <AssessmentActualStartDate> 2028-04-28 is after the census's <ReferenceDate> 2024-03-31",
            "c.xml:8: <AssessmentActualStartDate> 2023-12-25 is before <CINreferralDate> 2024-01-24 (line 6)",
        ]
    );
}

#[test]
fn the_shared_test_returns_read() {
    for f in ["CIN2rows.xml", "CIN_Census_2021.xml", "CIN_Census_2024.xml", "CIN_Census_2026.xml", "fake_CIN_data.xml"]
    {
        let path = format!("tests/data/cin-census/{f}");
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let (c, children, _) = read(&text).unwrap();
        assert!(!children.is_empty(), "{f}");
        assert_eq!(c.header.collection, "CIN");
    }
}

/// Each episode is a case of its own, with its number; a conference on a day
/// no plan began says `no-plan`; what the census year cannot show, and a
/// date that could not be read, are unseen.
#[test]
fn episodes_as_cases() {
    use crate::model::census::CensusYear;
    use crate::model::event_kind::EventKind as E;
    let xml = census(
        "<Child><ChildIdentifiers><LAchildID>A1</LAchildID><PersonBirthDate>2015-03-27</PersonBirthDate></ChildIdentifiers>\n\
         <CINdetails><CINreferralDate>2023-05-02</CINreferralDate><DateOfInitialCPC>2023-06-20</DateOfInitialCPC>\n\
         <Section47><S47ActualStartDate>2023-06-01</S47ActualStartDate><DateOfInitialCPC>2023-06-20</DateOfInitialCPC>\
         <ICPCnotRequired>false</ICPCnotRequired></Section47>\n\
         <Section47><S47ActualStartDate>2023-08-01</S47ActualStartDate><DateOfInitialCPC>2023-08-21</DateOfInitialCPC></Section47>\n\
         <ChildProtectionPlans><CPPstartDate>2023-06-20</CPPstartDate><Reviews><CPPreviewDate>2023-09-12</CPPreviewDate>\
         <CPPreviewDate>2023-09-12</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails>\n\
         <CINdetails><CINreferralDate>2024-01-10</CINreferralDate><CINclosureDate>soon</CINclosureDate>\
         <ReferralNFA>true</ReferralNFA></CINdetails></Child>\n",
    );
    let (_, children, _) = read(&xml).unwrap();
    let year = CensusYear::ending(d("2024-03-31"));
    let cases = cases(&children[0], Some(year));
    assert_eq!(cases.len(), 2);
    assert_eq!((cases[0].id.as_ref(), cases[0].episode, cases[1].episode), ("A1", Some(1), Some(2)));
    let events: Vec<(String, NaiveDate, Vec<String>)> =
        cases[0].events.iter().map(|e| (e.event.to_string(), e.date, e.details.clone())).collect();
    let cp = |more: &[&str]| more.iter().map(|s| s.to_string()).chain(["cp".to_string()]).collect::<Vec<_>>();
    assert_eq!(
        events,
        [
            ("referral".to_string(), d("2023-05-02"), cp(&[])),
            ("strategy-discussion".into(), d("2023-06-01"), cp(&[])),
            // The enquiry's conference, the episode's and the plan's start: one.
            ("icpcc".into(), d("2023-06-20"), cp(&[])),
            ("strategy-discussion".into(), d("2023-08-01"), cp(&[])),
            ("icpcc".into(), d("2023-08-21"), cp(&["no-plan"])),
            // The same review twice is one.
            ("rcpcc".into(), d("2023-09-12"), cp(&[])),
        ]
    );
    assert_eq!(cases[0].dob, Some(d("2015-03-27")));
    // The year's window: assessments, conferences and reviews from 1 April 2023.
    assert!(cases[0].unseen.iter().all(|u| u.before == d("2023-04-01")));
    assert_eq!(cases[0].unseen.len(), 3);
    // The second episode: a referral with no further action starts nothing;
    // its closure cannot be read, so nothing in it can be judged.
    assert!(cases[1].events.is_empty());
    assert!(cases[1].unseen.iter().any(|u| u.event == E::CaseClosed && u.before == NaiveDate::MAX));
}
