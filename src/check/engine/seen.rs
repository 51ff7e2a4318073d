//! The values a `unique` column or a primary key has seen so far.

/// A key's bytes: each part (a cell's text, or its value's for a typed
/// column) followed by 0xff, which UTF-8 text never holds, so two keys have
/// the same bytes exactly when they have the same parts.
pub(super) fn push_part(key: &mut Vec<u8>, part: &str) {
    key.extend_from_slice(part.as_bytes());
    key.push(0xff);
}

/// A key's 128-bit fingerprint (two independent 64-bit hashes of its parts):
/// 16 bytes a key in [`Seen`], whatever the text, and no two different keys
/// ever seen to collide (the chance is about n²/2¹²⁹).
pub(super) fn fingerprint(key: &[u8]) -> u128 {
    use std::hash::{BuildHasher, Hasher};
    let mut a = foldhash::fast::FixedState::with_seed(0x5eed_0001).build_hasher();
    let mut b = foldhash::fast::FixedState::with_seed(0x5eed_0002).build_hasher();
    for part in key.strip_suffix(&[0xff]).unwrap_or(key).split(|&b| b == 0xff) {
        a.write(part);
        a.write_u8(0xff);
        b.write(part);
        b.write_u8(0xff);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// How many keys may come out of order, beyond one in sixteen of those
/// in order, before every key is fingerprinted into a [`Seen`].
const OUT_OF_ORDER: usize = 1024;

/// The keys seen so far. While each comes after the one before (an export
/// sorted by its key, as case systems write them), no two can be the same,
/// and a new key is told from the last one alone: the keys are kept in order,
/// end to end, and never placed in a table. A key that comes out of order is
/// looked for among them by binary search, and among the others that came
/// out of order by fingerprint. Once many have come out of order (a shuffled
/// export), every key is fingerprinted into a [`Seen`], one random memory
/// access a key: a million keys in a 32 MB table were a third of the run.
#[derive(Debug, Default)]
pub(super) struct Keys {
    /// The keys in order, end to end, and where each ends.
    sorted: Vec<u8>,
    ends: Vec<u32>,
    /// The keys that came out of order; once `hashed`, every key.
    others: Seen,
    hashed: bool,
    /// The least key so far (the first, unless one out of order was less).
    least: Vec<u8>,
    /// How many keys the file is expected to hold.
    expected: usize,
}

impl Keys {
    /// Expects `n` keys in all.
    pub(super) fn reserve(&mut self, n: usize) {
        self.expected = n;
        self.ends.reserve(n);
    }

    /// Adds `key` (made by [`push_part`]); false if it was already there.
    pub(super) fn insert(&mut self, key: &[u8]) -> bool {
        if self.hashed {
            return self.others.insert(fingerprint(key));
        }
        let n = self.ends.len();
        if n == 0 || key > self.last() {
            if n == 0 {
                self.least = key.to_vec();
            }
            self.sorted.extend_from_slice(key);
            match u32::try_from(self.sorted.len()) {
                Ok(end) => self.ends.push(end),
                // Over 4 GB of keys: the table takes them from here.
                Err(_) => {
                    self.sorted.truncate(self.sorted.len() - key.len());
                    self.hash_all();
                    return self.others.insert(fingerprint(key));
                }
            }
            return true;
        }
        if self.in_order_holds(key) {
            return false;
        }
        if !self.others.insert(fingerprint(key)) {
            return false;
        }
        if key < self.least.as_slice() {
            self.least = key.to_vec();
        }
        if self.others.len > OUT_OF_ORDER + n / 16 {
            self.hash_all();
        }
        true
    }

    /// Whether every key here is less than every key of `later`: then no key
    /// of a file's second half can be one of its first half's. False when
    /// that cannot be told (the keys were hashed).
    pub(super) fn all_before(&self, later: &Keys) -> bool {
        if (self.ends.is_empty() && !self.hashed) || (later.ends.is_empty() && !later.hashed) {
            return true;
        }
        !self.hashed && !later.hashed && self.last() < later.least.as_slice()
    }

    /// Whether the keys came out of order too often to be kept in order.
    pub(super) fn hashed(&self) -> bool {
        self.hashed
    }

    /// The greatest key (the last in order).
    fn last(&self) -> &[u8] {
        self.key_at(self.ends.len().saturating_sub(1))
    }

    /// The `i`th key in order.
    fn key_at(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.ends.get(i).map_or(&[], |&end| &self.sorted[start..end as usize])
    }

    /// Whether `key` is among the keys in order (by binary search).
    fn in_order_holds(&self, key: &[u8]) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key_at(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Puts every key in order into the table too, and keeps only the table.
    fn hash_all(&mut self) {
        self.others.reserve(self.expected.max(self.ends.len() + self.others.len));
        let mut start = 0;
        for &end in &self.ends {
            self.others.insert(fingerprint(&self.sorted[start..end as usize]));
            start = end as usize;
        }
        self.hashed = true;
        self.sorted = Vec::new();
        self.ends = Vec::new();
    }
}

/// A set of 128-bit fingerprints (see [`fingerprint`]), open
/// addressed. A fingerprint is already a well-mixed hash, so its low bits place
/// it, and linear probing finds it or its empty slot in the same cache line
/// almost always: one memory access per row where a general hash set takes two
/// (control bytes, then the slot). Never more than three quarters full.
#[derive(Debug, Clone, Default)]
pub(super) struct Seen {
    /// 0 marks an empty slot; the fingerprint 0 itself is kept in `zero`.
    slots: Vec<u128>,
    len: usize,
    zero: bool,
}

impl Seen {
    /// Makes room for `n` fingerprints in all.
    pub(super) fn reserve(&mut self, n: usize) {
        let want = (n.saturating_mul(4) / 3).checked_next_power_of_two().unwrap_or(usize::MAX);
        if want > self.slots.len() {
            self.resize(want);
        }
    }

    /// Adds `fp`; false if it was already there.
    pub(super) fn insert(&mut self, fp: u128) -> bool {
        if fp == 0 {
            return !std::mem::replace(&mut self.zero, true);
        }
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.resize((self.slots.len() * 2).max(16));
        }
        let mask = self.slots.len() - 1;
        let mut i = fp as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = fp;
                    self.len += 1;
                    return true;
                }
                s if s == fp => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.len = 0;
        for fp in old.into_iter().filter(|&fp| fp != 0) {
            self.insert(fp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys in order, out of order and shuffled: each new once, as a
    /// hash set of their texts says, whichever way they are kept.
    #[test]
    fn keys_are_new_once_in_any_order() {
        let key = |i: u64| {
            let mut k = Vec::new();
            push_part(&mut k, &format!("P{i:07}"));
            push_part(&mut k, if i.is_multiple_of(3) { "" } else { "x" });
            k
        };
        let shuffled = |n: u64| (0..n).map(move |i| i.wrapping_mul(7919) % n);
        let runs: Vec<Vec<u64>> = vec![
            (0..5000).collect(),
            (0..5000).chain([17, 4999, 0, 2500]).chain(5000..6000).chain([5500]).collect(),
            shuffled(20_000).chain(shuffled(20_000)).collect(),
            (0..3000).rev().chain(0..10).collect(),
        ];
        for (r, run) in runs.iter().enumerate() {
            let mut keys = Keys::default();
            keys.reserve(run.len());
            let mut set = std::collections::HashSet::new();
            for &i in run {
                assert_eq!(keys.insert(&key(i)), set.insert(i), "run {r}, key {i}");
            }
        }
    }

    #[test]
    fn halves_in_order_have_no_key_in_common() {
        let fill = |range: std::ops::Range<u32>| {
            let mut k = Keys::default();
            for i in range {
                k.insert(format!("{i:05}").as_bytes());
            }
            k
        };
        assert!(fill(0..100).all_before(&fill(100..200)));
        assert!(!fill(0..100).all_before(&fill(99..200)));
        assert!(fill(0..0).all_before(&fill(0..10)) && fill(0..10).all_before(&fill(0..0)));
        // A key out of order below the second half's first.
        let mut later = fill(100..200);
        later.insert(b"00050");
        assert!(!fill(0..100).all_before(&later));
        // Hashed keys cannot tell.
        let mut hashed = fill(0..10);
        hashed.hash_all();
        assert!(!hashed.all_before(&fill(100..200)));
    }

    #[test]
    fn each_fingerprint_is_new_once() {
        let mut s = Seen::default();
        // Many values, growing from empty: each new once, then seen.
        for round in [true, false] {
            for i in 0..10_000u128 {
                assert_eq!(s.insert(i.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c834)), round, "{i}");
            }
        }
        // 0 (the empty mark) and values that share their low bits.
        assert!(s.insert(0) || !s.insert(0));
        assert!(!s.insert(0));
        let mut t = Seen::default();
        t.reserve(4);
        for k in 1..=6u128 {
            assert!(t.insert(k << 64), "same slot, different value {k}");
        }
        for k in 1..=6u128 {
            assert!(!t.insert(k << 64));
        }
        assert!(t.insert(0));
        assert!(!t.insert(0));
    }
}
