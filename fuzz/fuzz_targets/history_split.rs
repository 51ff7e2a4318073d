//! Differential: a history file read in one go and in two halves at once
//! (`select` does the second for large files) must give the same entries,
//! warnings or error, whatever the bytes. Any difference or panic is a bug.
//!
//!   (cd fuzz && cargo +nightly fuzz run history_split -- -max_total_time=600)
#![no_main]

use caseaudit::io::columns::ColumnMap;
use caseaudit::model::history;
use libfuzzer_sys::fuzz_target;

type Row = (String, Option<chrono::NaiveDate>, String, &'static str, String, String);

fn row(e: history::Entry<'_>) -> Row {
    (e.case_id.into(), e.date, e.month.to_string(), e.kind.as_str(), e.worker_id.into(), e.auditor_id.into())
}

fuzz_target!(|data: &[u8]| {
    // A header that reads, then the fuzzer's bytes: most inputs reach the rows.
    let mut bytes = b"case_id,date,kind,worker_id,auditor_id,month\n".to_vec();
    bytes.extend_from_slice(data);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.csv");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let map = ColumnMap::default();
    let mut one = Vec::new();
    let whole = history::for_each(&path, &map, |e| one.push(row(e))).map(|w| (one, w)).map_err(|e| e.to_string());
    let split = history::for_each_split(&path, &map, 0, Vec::new, |v, e| v.push(row(e)))
        .map(|(parts, w)| (parts.concat(), w))
        .map_err(|e| e.to_string());
    assert_eq!(whole, split);
});
