//! Reproducible random choice (SPEC §1 "Determinism", §3.6).
//!
//! Each worker gets a ChaCha8 key from a fixed hash of (seed, month, worker). Each
//! case gets its own ChaCha8 stream of that key, numbered by a fixed hash of the
//! case id; the first 64-bit word of the stream is the case's draw. The worker's
//! pick is the eligible case with the smallest draw. So:
//!
//! - the same inputs and seed give the same picks on every platform and release
//!   (ChaCha8 and FNV-1a are fixed algorithms; `rand_chacha` promises value
//!   stability; no library shuffle or `DefaultHasher` is involved);
//! - a worker's draws do not depend on any other worker, so adding or removing a
//!   worker leaves everyone else's ranking alone;
//! - a case's draw does not depend on the other cases in the file, or their order.

use crate::io::dates::Month;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// 64-bit FNV-1a over length-prefixed parts, so ("ab","c") ≠ ("a","bc").
pub fn fnv1a64(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    };
    for p in parts {
        for b in (p.len() as u64).to_le_bytes() {
            eat(b);
        }
        for &b in *p {
            eat(b);
        }
    }
    h
}

/// The draws of one worker in one month.
pub struct WorkerDraws {
    rng: ChaCha8Rng,
}

impl WorkerDraws {
    pub fn new(seed: &str, month: Month, worker_id: &str) -> WorkerDraws {
        let m = month.to_string();
        let mut key = [0u8; 32];
        for (i, chunk) in key.chunks_mut(8).enumerate() {
            let word = fnv1a64(&[
                b"caseaudit-select-v1",
                &[i as u8],
                seed.as_bytes(),
                m.as_bytes(),
                worker_id.as_bytes(),
            ]);
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        WorkerDraws {
            rng: ChaCha8Rng::from_seed(key),
        }
    }

    /// The case's draw: smaller is chosen first.
    pub fn draw(&mut self, case_id: &str) -> u64 {
        self.rng.set_stream(fnv1a64(&[case_id.as_bytes()]));
        self.rng.set_word_pos(0);
        self.rng.next_u64()
    }
}

/// A worker's priority when two workers could take the same case or two siblings:
/// smaller goes first. Depends only on (seed, month, worker).
pub fn worker_priority(seed: &str, month: Month, worker_id: &str) -> u64 {
    WorkerDraws::new(seed, month, worker_id).draw("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a 64 of the empty input is the offset basis; of "a" with our 8-byte
        // length prefix it is fixed forever.
        assert_eq!(fnv1a64(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(&[b"a"]), fnv1a64(&[b"a"]));
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
    }

    #[test]
    fn draws_are_pinned() {
        // Golden values: if these change, every authority's selection changes.
        let m = Month::parse("2026-11").unwrap();
        let mut d = WorkerDraws::new("2026-11", m, "W001");
        let got = [d.draw("C001"), d.draw("C002"), d.draw("C001")];
        assert_eq!(got[0], got[2], "a draw depends only on the case");
        assert_eq!(got, GOLDEN);
    }

    const GOLDEN: [u64; 3] = [
        12878114707970310082,
        194081508694054289,
        12878114707970310082,
    ];
}
