//! A stable hash, the same on every machine and in every release: the seeded
//! choice of files (`select`) and the UIDs of calendar entries (`due --format
//! ics`) are built on it. `std`'s hashers promise no such thing.

/// 64-bit FNV-1a over length-prefixed parts, so ("ab","c") ≠ ("a","bc").
pub fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut h = Fnv1a64::default();
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// [`fnv1a64`] a part at a time: parts that many hashes begin with are
/// hashed once, and the state copied.
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a64 {
    /// Takes in one part, length first.
    pub fn part(&mut self, p: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        for &b in (p.len() as u64).to_le_bytes().iter().chain(p) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_length_prefixed() {
        assert_eq!(fnv1a64(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a64(&[b"ab", b"c"]), fnv1a64(&[b"a", b"bc"]));
    }

    #[test]
    fn a_part_at_a_time_is_the_same_hash() {
        let mut h = Fnv1a64::default();
        h.part(b"caseaudit");
        let mut g = h;
        g.part(b"W001");
        assert_eq!(g.finish(), fnv1a64(&[b"caseaudit", b"W001"]));
        assert_eq!(h.finish(), fnv1a64(&[b"caseaudit"]));
    }
}
