//! Reproducible random choice (docs/reference/conventions.md, docs/select.md).
//!
//! Each worker gets their own ChaCha8 generator for each purpose (their priority
//! among workers; their choice among the cases allocated to them; among the cases
//! they recorded on), keyed by a fixed hash (64-bit FNV-1a) of (purpose, seed,
//! month, worker id). Choices use our own unbiased sampling on `next_u64` — never a
//! library shuffle, whose algorithm may change between versions. So:
//!
//! - the same inputs and seed give the same picks on every platform and release
//!   (ChaCha8 and FNV-1a are fixed algorithms and `rand_chacha` promises value
//!   stability; golden tests pin the values);
//! - a worker's draws depend on nobody else's, so adding or removing a worker
//!   leaves every other worker's ranking alone;
//! - candidates are put in case-id order before drawing, so the row order of
//!   `cases.csv` cannot change a pick.

use crate::calendar::dates::Month;
use crate::hash::Fnv1a64;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// What a generator is for; each has its own stream.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Priority,
    OwnCases,
    RecordedCases,
}

impl Purpose {
    fn tag(self) -> &'static [u8] {
        match self {
            Purpose::Priority => b"priority",
            Purpose::OwnCases => b"own-cases",
            Purpose::RecordedCases => b"recorded-cases",
        }
    }
}

/// One worker's generator for one purpose in one month.
pub struct WorkerRng(ChaCha8Rng);

/// The generators of one purpose in one month, for any worker: each of the
/// key's four words hashes (tag, word, purpose, seed, month, worker id), and
/// all but the worker id is hashed once here.
pub struct Streams([Fnv1a64; 4]);

impl Streams {
    pub fn new(seed: &str, month: Month, purpose: Purpose) -> Streams {
        let m = month.to_string();
        Streams(std::array::from_fn(|i| {
            let mut h = Fnv1a64::default();
            for part in [b"caseaudit-select-v1", purpose.tag(), &[i as u8], seed.as_bytes(), m.as_bytes()] {
                h.part(part);
            }
            h
        }))
    }

    /// The worker's generator.
    pub fn worker(&self, worker_id: &str) -> WorkerRng {
        let mut key = [0u8; 32];
        for (chunk, prefix) in key.chunks_mut(8).zip(self.0) {
            let mut h = prefix;
            h.part(worker_id.as_bytes());
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
        WorkerRng(ChaCha8Rng::from_seed(key))
    }
}

impl WorkerRng {
    /// One worker's generator on its own (the selection makes them by
    /// [`Streams`]).
    #[cfg(test)]
    pub fn new(seed: &str, month: Month, worker_id: &str, purpose: Purpose) -> WorkerRng {
        Streams::new(seed, month, purpose).worker(worker_id)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform number in `0..n` (n > 0), by rejection: draws at or above the
    /// largest multiple of n are redrawn, so there is no modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        let limit = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next_u64();
            if x < limit {
                return x % n;
            }
        }
    }
}

/// A worker's priority when two workers could take the same case or siblings'
/// cases: smaller goes first.
#[cfg(test)]
pub fn worker_priority(seed: &str, month: Month, worker_id: &str) -> u64 {
    WorkerRng::new(seed, month, worker_id, Purpose::Priority).next_u64()
}

/// Walks `items` in a seeded random order (a lazy Fisher–Yates shuffle) and
/// returns the first for which `take` is true. `items` is reordered in place; the
/// prefix examined is in the order it was drawn.
pub fn first_in_random_order<T>(
    rng: &mut WorkerRng,
    items: &mut [T],
    mut take: impl FnMut(&T) -> bool,
) -> Option<usize> {
    let n = items.len();
    for i in 0..n {
        let j = i + rng.below((n - i) as u64) as usize;
        items.swap(i, j);
        if take(&items[i]) {
            return Some(i);
        }
    }
    None
}

/// Shuffles `items` fully (Fisher–Yates with [`WorkerRng::below`]).
pub fn shuffle<T>(rng: &mut WorkerRng, items: &mut [T]) {
    let _ = first_in_random_order(rng, items, |_| false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Month {
        Month::parse("2026-11").unwrap()
    }

    /// Golden values: if these change, every authority's selection changes.
    #[test]
    fn draws_are_pinned() {
        let mut r = WorkerRng::new("2026-11", m(), "W001", Purpose::OwnCases);
        let got = [r.next_u64(), r.below(33), r.below(7)];
        assert_eq!(got, GOLDEN);
        assert_eq!(worker_priority("2026-11", m(), "W001"), GOLDEN_PRIORITY);
    }

    const GOLDEN: [u64; 3] = [14357975138595636929, 29, 5];
    const GOLDEN_PRIORITY: u64 = 2129153237499659665;

    #[test]
    fn purposes_and_workers_have_separate_streams() {
        let a = WorkerRng::new("s", m(), "W1", Purpose::OwnCases).next_u64();
        let b = WorkerRng::new("s", m(), "W1", Purpose::RecordedCases).next_u64();
        let c = WorkerRng::new("s", m(), "W2", Purpose::OwnCases).next_u64();
        let d = WorkerRng::new("s", m().plus(1), "W1", Purpose::OwnCases).next_u64();
        assert!(a != b && a != c && a != d);
    }

    #[test]
    fn streams_give_each_worker_the_generator_new_gives() {
        let streams = Streams::new("s", m(), Purpose::RecordedCases);
        for id in ["W1", "W2", "a much longer worker id"] {
            let mut a = streams.worker(id);
            let mut b = WorkerRng::new("s", m(), id, Purpose::RecordedCases);
            assert_eq!([a.next_u64(), a.next_u64()], [b.next_u64(), b.next_u64()]);
        }
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut r = WorkerRng::new("s", m(), "W1", Purpose::OwnCases);
        let mut counts = [0u32; 6];
        for _ in 0..60_000 {
            counts[r.below(6) as usize] += 1;
        }
        for c in counts {
            assert!((9_000..11_000).contains(&c), "{counts:?}");
        }
    }
}
