//! `select --notices DIR` (docs/reference/input-files.md): one draft message per auditor and per
//! service manager, parsed back here: every selected file appears exactly once
//! in its auditor's message and once in its service manager's; a second run is
//! byte-identical; nothing is addressed without an `email` column.

use crate::common;

use common::{EXAMPLE_SELECT, output};
use std::collections::BTreeMap;
use std::path::Path;

struct Message {
    headers: BTreeMap<String, String>,
    body: Vec<String>,
}

fn parse(bytes: &[u8]) -> Message {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends CRLF");
    let (head, body) = text.split_once("\r\n\r\n").expect("headers, a blank line, the body");
    let headers = head
        .split("\r\n")
        .map(|l| l.split_once(": ").map(|(k, v)| (k.to_string(), v.to_string())).expect("Name: value"))
        .collect();
    Message { headers, body: body.lines().map(String::from).collect() }
}

/// The case ids a message lists (`- C012: ...`).
fn cases(m: &Message) -> Vec<String> {
    m.body.iter().filter_map(|l| l.strip_prefix("- C").map(|r| format!("C{}", r.split(':').next().unwrap()))).collect()
}

/// The selection's rows, and the notices written: file name → bytes.
type Written = (Vec<BTreeMap<String, String>>, BTreeMap<String, Vec<u8>>);

fn run(dir: &Path, extra: &[&str]) -> Written {
    let notices = dir.join("notices");
    let csv = dir.join("selection.csv");
    let args = [
        &["-q", "--today", "2026-12-02", "-o", csv.to_str().unwrap()],
        &EXAMPLE_SELECT[..],
        &["--notices", notices.to_str().unwrap()],
        extra,
    ]
    .concat();
    let o = output(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let selection = common::parse_csv(&std::fs::read_to_string(csv).unwrap());
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(&notices).unwrap() {
        let p = e.unwrap().path();
        files.insert(p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap());
    }
    (selection, files)
}

#[test]
fn each_auditor_and_service_manager_gets_one_message_listing_their_files() {
    let d = tempfile::tempdir().unwrap();
    let (selection, files) = run(d.path(), &[]);
    let auditors: std::collections::BTreeSet<&str> =
        selection.iter().map(|r| r["auditor_id"].as_str()).filter(|a| !a.is_empty()).collect();
    let names: Vec<&String> = files.keys().collect();
    let expect_auditors: Vec<String> = auditors.iter().map(|a| format!("auditor-{a}.eml")).collect();
    assert_eq!(names.iter().filter(|n| n.starts_with("auditor-")).count(), auditors.len(), "{names:?}");
    for want in &expect_auditors {
        assert!(files.contains_key(want), "{want} in {names:?}");
    }
    assert_eq!(
        names.iter().filter(|n| n.starts_with("service-manager-")).map(|n| n.as_str()).collect::<Vec<_>>(),
        ["service-manager-SM01.eml", "service-manager-SM02.eml"]
    );

    let messages: BTreeMap<&String, Message> = files.iter().map(|(n, b)| (n, parse(b))).collect();
    for m in messages.values() {
        assert_eq!(m.headers["Date"], "Wed, 02 Dec 2026 00:00:00 +0000");
        assert_eq!(m.headers["Content-Type"], "text/plain; charset=utf-8");
        assert_eq!(m.headers["X-Unsent"], "1");
        assert!(!m.headers.contains_key("To") && !m.headers.contains_key("From"), "no addresses without email");
        assert!(m.headers["Subject"].contains("November 2026"));
    }
    // Every selected file: once in its auditor's message, and in no other
    // auditor's; once across the service managers' messages.
    for r in &selection {
        let case = &r["case_id"];
        let in_auditors: Vec<&String> = messages
            .iter()
            .filter(|(n, m)| n.starts_with("auditor-") && cases(m).contains(case))
            .map(|(n, _)| *n)
            .collect();
        if r["auditor_id"].is_empty() {
            assert!(in_auditors.is_empty(), "{case}");
        } else {
            assert_eq!(in_auditors, [&format!("auditor-{}.eml", r["auditor_id"])], "{case}");
            let m = &messages[&format!("auditor-{}.eml", r["auditor_id"])];
            assert_eq!(cases(m).iter().filter(|c| *c == case).count(), 1, "{case}");
        }
        let in_managers: usize = messages
            .iter()
            .filter(|(n, _)| n.starts_with("service-manager-"))
            .map(|(_, m)| cases(m).iter().filter(|c| *c == case).count())
            .sum();
        assert_eq!(in_managers, 1, "{case}");
    }
    // The steps the procedure asks of an auditor, and the month's dates.
    let first = messages.values().next().unwrap();
    assert!(first.body.iter().any(|l| l.contains("Confirm with the allocated worker")));
    assert!(first.body.iter().any(|l| l == "- tools to pmu: 18/12/2026"));

    // A second run writes the same bytes.
    let again = tempfile::tempdir().unwrap();
    assert_eq!(run(again.path(), &[]).1, files);
}

#[test]
fn a_template_of_ones_own_and_a_bad_one() {
    let d = tempfile::tempdir().unwrap();
    let t = d.path().join("notice.txt");
    std::fs::write(
        &t,
        "Subject: {{ kind }} {{ recipient.id }}\n\n{% for f in files %}{{ f.case_id }} {{ f.match }}\n{% endfor %}",
    )
    .unwrap();
    let (_, files) = run(d.path(), &["--notice-template", t.to_str().unwrap()]);
    let m = parse(&files["service-manager-SM02.eml"]);
    assert_eq!(m.headers["Subject"], "service_manager SM02");
    assert!(!m.body.is_empty() && m.body.iter().all(|l| l.starts_with('C')), "{:?}", m.body);

    // A field that does not exist stops the run before anything is written.
    std::fs::write(&t, "Subject: x\n\n{{ recipient.phone }}").unwrap();
    let ledger = d.path().join("ledger.csv");
    let notices = d.path().join("bad");
    let o = output(
        &[
            &EXAMPLE_SELECT[..],
            &["--ledger", ledger.to_str().unwrap(), "--notices", notices.to_str().unwrap()],
            &["--notice-template", t.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("notice template"), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!ledger.exists() || std::fs::read_to_string(&ledger).unwrap().lines().count() <= 1);
}
