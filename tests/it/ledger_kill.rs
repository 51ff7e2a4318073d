//! A ledger interrupted mid-write is never left corrupt: `select` is killed
//! (SIGKILL, no chance to clean up) at moments spread across its run, and the
//! ledger must afterwards be exactly the old file, or the old file plus this
//! month's complete rows — never a torn row.

use crate::common;
use common::*;
use std::time::{Duration, Instant};

#[test]
fn killed_runs_never_corrupt_the_ledger() {
    let d = Dir::new();
    // Enough data that a run takes a while, and a large ledger so that rewriting
    // it is a real part of the run.
    let mut staff = vec![STAFF_HEADER.to_string(), "SM,S,Service Manager,Leaders,North,,true,".to_string()];
    let mut cases = vec![CASES_HEADER.to_string()];
    for w in 0..1500 {
        staff.push(format!("W{w},W,Social Worker,T{},North,SM,true,", w % 50));
        for k in 0..8 {
            cases.push(format!("C{w}-{k},W{w},,Early Help,,open,,,,,"));
        }
    }
    let s = d.write("staff.csv", &staff.iter().map(String::as_str).collect::<Vec<_>>());
    let c = d.write("cases.csv", &cases.iter().map(String::as_str).collect::<Vec<_>>());
    let mut old = format!("{HISTORY_HEADER}\n");
    for i in 0..200_000 {
        old.push_str(&format!("X{i},2024-01-01,selected,W{},,2024-01\n", i % 1500));
    }
    let ledger = d.path("ledger.csv");

    let start = |month: &str| {
        bin()
            .args(["--today", "2026-11-22", "-q", "select", "--staff", &s, "--cases", &c, "--month", month, "--ledger"])
            .arg(&ledger)
            .args(["-o"])
            .arg(d.path("out.csv"))
            .spawn()
            .unwrap()
    };
    // How long one whole run takes here.
    std::fs::write(&ledger, &old).unwrap();
    let t0 = Instant::now();
    assert!(start("2026-11").wait().unwrap().success());
    let full = t0.elapsed();
    let complete = std::fs::read_to_string(&ledger).unwrap();
    assert!(complete.len() > old.len());

    let mut outcomes = [0usize; 2];
    // Half the kills spread over the whole run, half over its last third, where
    // the ledger is written. Runs are slower when the machine is busy (tests run
    // in parallel), so if none has finished yet, keep lengthening the delay: the
    // invariant is checked on every run, however the timing falls.
    let mut delays: Vec<Duration> =
        (0..12u32).map(|k| full * k / 10).chain((0..12u32).map(|k| full * (20 + k) / 30)).collect();
    let mut k = 0;
    while k < delays.len() {
        let delay = delays[k];
        std::fs::write(&ledger, &old).unwrap();
        let mut child = start("2026-11");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(&ledger).unwrap();
        if now == old {
            outcomes[0] += 1;
        } else {
            assert_eq!(now, complete, "kill {k}: the ledger is neither the old nor the new file");
            outcomes[1] += 1;
        }
        k += 1;
        if k == delays.len() && outcomes[1] == 0 && delays.len() < 40 {
            delays.push(delay * 3 / 2);
        }
    }
    eprintln!("kills before the write: {}, runs completed: {}", outcomes[0], outcomes[1]);
    // A run after all that still works (the lock was released).
    std::fs::write(&ledger, &old).unwrap();
    let mut last = start("2026-11");
    let deadline = Instant::now() + Duration::from_secs(60);
    while last.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "lock left held");
        std::thread::sleep(Duration::from_millis(10));
    }
}
