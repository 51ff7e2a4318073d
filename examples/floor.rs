//! The floor of a job (issue 30): the time to do nothing but read its input
//! files as CSV records (`csv::ByteRecord`), once on one core and once in two
//! halves on two, as a job may. No job can be faster than its floor; how many
//! times its floor a job takes is a figure no peer's speed can flatter.
//!
//!   cargo run --release --example floor -- [--cores 1|2] FILE...
//!
//! Prints, for the files together: `one-core SECONDS`, `two-cores SECONDS`,
//! `bytes N`, `records N`. With `--cores`, reads only that way and prints
//! `records N`, so that `bench/run.sh` can time the whole process beside the
//! job's, as hyperfine times every command.

use std::io::{Read, Seek, SeekFrom};
use std::time::Instant;

/// Reads `len` bytes of `path` from `at` as CSV (the first part with the
/// header, the second without), counting records.
fn read_part(path: &str, at: u64, len: u64) -> u64 {
    let mut f = std::fs::File::open(path).expect("open");
    f.seek(SeekFrom::Start(at)).expect("seek");
    let mut r =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).buffer_capacity(1 << 16).from_reader(f.take(len));
    let mut rec = csv::ByteRecord::new();
    let mut n = 0;
    while r.read_byte_record(&mut rec).expect("CSV") {
        n += 1;
    }
    n
}

/// Where a file splits in two: just after the first line end at or after the
/// middle (the generated files quote no line ends).
fn middle(path: &str) -> u64 {
    let size = std::fs::metadata(path).expect("size").len();
    let mut f = std::fs::File::open(path).expect("open");
    f.seek(SeekFrom::Start(size / 2)).expect("seek");
    let mut buf = vec![0u8; 1 << 20];
    let n = f.read(&mut buf).expect("read");
    size / 2 + buf[..n].iter().position(|&b| b == b'\n').map_or(0, |i| i as u64 + 1)
}

/// Every file on one core, one after another.
fn one_core(files: &[String]) -> u64 {
    files.iter().map(|f| read_part(f, 0, u64::MAX)).sum()
}

/// Every file in two halves at once, the files one after another.
fn two_cores(files: &[String]) -> u64 {
    std::thread::scope(|s| {
        let halves: Vec<_> = files
            .iter()
            .map(|f| {
                let mid = middle(f);
                let (a, b) = (s.spawn(move || read_part(f, 0, mid)), s.spawn(move || read_part(f, mid, u64::MAX)));
                (a, b)
            })
            .collect();
        halves.into_iter().map(|(a, b)| a.join().unwrap() + b.join().unwrap()).sum()
    })
}

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let cores = match files.first().map(String::as_str) {
        Some("--cores") if files.len() > 2 => Some(files.drain(..2).nth(1).unwrap_or_default()),
        _ => None,
    };
    if files.is_empty() || cores.as_deref().is_some_and(|c| c != "1" && c != "2") {
        eprintln!("usage: floor [--cores 1|2] FILE...");
        std::process::exit(2);
    }
    match cores.as_deref() {
        Some("1") => return println!("records {}", one_core(&files)),
        Some(_) => return println!("records {}", two_cores(&files)),
        None => {}
    }
    let bytes: u64 = files.iter().map(|f| std::fs::metadata(f).expect("size").len()).sum();
    let start = Instant::now();
    let records = one_core(&files);
    let one = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let two = two_cores(&files);
    let two_cores = start.elapsed().as_secs_f64();
    assert_eq!(two, records, "the halves read the same records");
    println!("one-core {one:.3}");
    println!("two-cores {two_cores:.3}");
    println!("bytes {bytes}");
    println!("records {records}");
}
