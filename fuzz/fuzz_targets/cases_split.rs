//! Differential: a cases file read in one go and in two halves at once
//! (`select` and `route` do the second for large files) must give the same
//! cases, numbers, names, warnings or error, whatever the bytes. Any difference
//! or panic is a bug.
//!
//!   (cd fuzz && cargo +nightly fuzz run cases_split -- -max_total_time=600)
#![no_main]

use caseaudit::io::columns::ColumnMap;
use caseaudit::io::csvin::CsvFile;
use caseaudit::model::{Names, cases, staff};
use libfuzzer_sys::fuzz_target;

const STAFF: &str = "staff_id,name,role,team,area,manager_id\nTM,T,Team Manager,T1,N,\nW1,W,Social Worker,T1,N,TM\n";

fn read(path: &str, min_size: u64) -> Result<(Vec<String>, Vec<String>), String> {
    let map = ColumnMap::default();
    let mut names = Names::default();
    let s = CsvFile::from_reader("s.csv".into(), Box::new(STAFF.as_bytes()), "staff", &map).unwrap();
    let (staff, _) = staff::from_csv(s, &mut names).unwrap();
    let f = CsvFile::open(path, "cases", &map).map_err(|e| e.to_string())?;
    let (cases, w) = cases::read_split(f, path, &map, &staff, &mut names, min_size).map_err(|e| e.to_string())?;
    let shown = (0..cases.list.len() as u32)
        .map(|i| {
            let c = &cases.list[i as usize];
            let name = |n: Option<u32>| n.map(|n| names.show(n).to_string());
            format!(
                "{} {:?} {:?} {:?} {} {:?} {:?} {:?}",
                cases.id(i),
                c.worker,
                name(c.team),
                name(c.area),
                cases.service(i),
                (c.closed, c.opened, c.closed_on, c.restricted, c.line),
                cases.family(i),
                cases.recorded_by(i)
            )
        })
        .collect();
    Ok((shown, w.iter().map(|w| w.to_string()).collect()))
}

fuzz_target!(|data: &[u8]| {
    // A header that reads, then the fuzzer's bytes: most inputs reach the rows.
    let mut bytes =
        b"case_id,worker_id,team,service,area,status,opened,closed,restricted,family_id,recorded_by\n".to_vec();
    bytes.extend_from_slice(data);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.csv");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    assert_eq!(read(&path, u64::MAX), read(&path, 0));
});
