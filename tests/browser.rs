//! What the real browser saw (`.ci/browser-check` runs this with
//! CASEAUDIT_BROWSER_DIR set, after Chromium has dumped the rendered page and
//! its network log): no request left the machine, the charts are there, and
//! the headline figures in the DOM are the CSV summary's.

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(std::env::var("CASEAUDIT_BROWSER_DIR").expect("run by .ci/browser-check"))
}

#[test]
#[ignore = "needs Chromium; run by .ci/browser-check"]
fn the_page_loads_nothing_and_shows_the_csv_figures() {
    let dom = std::fs::read_to_string(dir().join("dom.html")).unwrap();
    let netlog = std::fs::read_to_string(dir().join("netlog.json")).unwrap();
    // Every request the page made (the browser's own housekeeping, whose
    // initiator is "not an origin", aside) is for the file itself.
    let log: serde_json::Value = serde_json::from_str(&netlog).unwrap();
    let start_job = &log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"];
    let mut outside = Vec::new();
    for e in log["events"].as_array().unwrap() {
        let p = &e["params"];
        let (Some(url), Some(initiator)) = (p["url"].as_str(), p["initiator"].as_str()) else { continue };
        if &e["type"] == start_job
            && initiator != "not an origin"
            && !url.starts_with("file://")
            && !url.starts_with("data:")
        {
            outside.push(url.to_string());
        }
    }
    assert!(outside.is_empty(), "the page asked for: {outside:?}");
    for attr in ["src=\"http", "href=\"http", "url(", "@import"] {
        assert!(!dom.contains(attr), "the page refers to something outside it: {attr}");
    }
    assert!(dom.matches("<svg").count() >= 2, "the charts are drawn");
    assert!(!dom.contains("<script"), "no script");
    // The headline: each figure in the DOM equals the CSV's.
    let csv = std::fs::read_to_string(dir().join("summary.csv")).unwrap();
    let mut checked = 0;
    for line in csv.lines().skip(1) {
        let (measure, value) = line.split_once(',').unwrap();
        if measure == "period" {
            continue;
        }
        let at = dom.find(&format!("data-measure=\"{measure}\"")).unwrap_or_else(|| panic!("{measure} is in the DOM"));
        let shown = dom[at..].split("<span class=\"value\">").nth(1).and_then(|s| s.split('<').next()).unwrap();
        let shown = shown.trim_end_matches('%');
        assert_eq!(shown, value.trim_end_matches('%'), "{measure}");
        checked += 1;
    }
    assert!(checked >= 8, "{checked} figures checked");
}
