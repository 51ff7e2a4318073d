//! The values a `unique` column or a primary key has seen so far.

/// A set of 128-bit fingerprints (see [`super::cells::fingerprint`]), open
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
