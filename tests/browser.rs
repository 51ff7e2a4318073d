//! What the real browser saw (`.ci/browser-check` runs this with
//! CASEAUDIT_BROWSER_DIR set, after Chromium has dumped the rendered page and
//! its network log): no request left the machine, the charts are there with
//! their error bars, the themes section is there, and the headline figures
//! and their intervals in the DOM are the CSV summary's.

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
    // The error bars, as the browser drew them: three lines a bar on the bar
    // charts (the themes' and the teams'), one a point on the trend's.
    for chart in ["themes", "by-team", "trend"] {
        let at = dom.find(&format!("id=\"chart-{chart}\"")).unwrap_or_else(|| panic!("the {chart} chart is drawn"));
        let figure = &dom[at..at + dom[at..].find("</figure>").unwrap()];
        let said: usize =
            figure.split("data-error-bars=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        let drawn = figure.matches("stroke=\"#0B0C0C\"").count();
        assert!(said > 0 && drawn == said, "{chart}: {drawn} error-bar lines drawn, {said} said");
    }
    // The themes section, its chart and what it names most often.
    let themes = &dom[dom.find("id=\"themes\"").expect("a themes section")..];
    assert!(themes.contains("Themes: strengths and barriers") && themes.contains("id=\"chart-themes\""));
    assert!(themes.contains("<strong>Strengths</strong> most often mentioned: Management oversight"));
    // The headline: each figure in the DOM equals the CSV's, and so does
    // each interval: "(91.0–95.1%, n=600)" beside a percentage.
    let csv = std::fs::read_to_string(dir().join("summary.csv")).unwrap();
    let (mut checked, mut intervals) = (0, 0);
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (measure, value) = (cells[0], cells[1]);
        if measure == "period" {
            continue;
        }
        let at = dom.find(&format!("data-measure=\"{measure}\"")).unwrap_or_else(|| panic!("{measure} is in the DOM"));
        let figure = &dom[at..at + dom[at..].find("</div>").unwrap()];
        let shown = figure.split("<span class=\"value\">").nth(1).and_then(|s| s.split('<').next()).unwrap();
        let shown = shown.trim_end_matches('%');
        assert_eq!(shown, value.trim_end_matches('%'), "{measure}");
        if let [n, low, high] = cells[2..]
            && !low.is_empty()
            && low != "c"
        {
            let want = format!("<span class=\"ci\">({low}–{high}%, n={n})</span>");
            assert!(figure.contains(&want), "{measure}: {want} in {figure}");
            intervals += 1;
        }
        checked += 1;
    }
    assert!(checked >= 8 && intervals >= 3, "{checked} figures and {intervals} intervals checked");
}
