//! Where the cells and lines of a buffer end: the places of a few bytes,
//! found a word at a time.

/// The places in `bytes` of any of `N` bytes (commas and line ends, say),
/// found eight bytes at a time (a row's cells are short: a search started at
/// each would cost more than it skips).
pub(super) struct Seps<'a, const N: usize> {
    bytes: &'a [u8],
    /// Where the eight bytes of `found` start.
    at: usize,
    /// The high bit of each byte of those eight that is one sought.
    found: u64,
    /// Each byte sought, in every byte of a word.
    sought: [u64; N],
}

impl<'a, const N: usize> Seps<'a, N> {
    pub(super) fn new(bytes: &'a [u8], sought: [u8; N]) -> Seps<'a, N> {
        let sought = sought.map(|b| u64::from_le_bytes([b; 8]));
        let mut s = Seps { bytes, at: 0, found: 0, sought };
        s.found = s.load(0);
        s
    }

    /// The bytes sought among the eight from `at`.
    #[inline]
    fn load(&self, at: usize) -> u64 {
        const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        // The high bit of each byte of `v` that is zero, exactly.
        let zero = |v: u64| !(((v & LOW) + LOW) | v | LOW);
        let (v, mask) = match self.bytes.get(at..at + 8) {
            Some(word) => (u64::from_le_bytes(word.try_into().unwrap_or_default()), u64::MAX),
            None => self.tail(at),
        };
        self.sought.iter().fold(0, |found, &b| found | zero(v ^ b)) & mask
    }

    /// The last, short word from `at`, and the mask of its bytes.
    #[cold]
    fn tail(&self, at: usize) -> (u64, u64) {
        let mut word = [0u8; 8];
        let n = self.bytes.len() - at;
        word[..n].copy_from_slice(&self.bytes[at..]);
        (u64::from_le_bytes(word), (1u64 << (n * 8)) - 1)
    }
}

impl<const N: usize> Iterator for Seps<'_, N> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.found == 0 {
            self.at += 8;
            if self.at >= self.bytes.len() {
                return None;
            }
            self.found = self.load(self.at);
        }
        let i = self.at + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_found_in_every_place() {
        let bytes = b"a,bc\n,,defghijklmn,o\np";
        let want: Vec<usize> = (0..bytes.len()).filter(|&i| matches!(bytes[i], b',' | b'\n')).collect();
        for n in 0..=bytes.len() {
            let got: Vec<usize> = Seps::new(&bytes[..n], *b",\n").collect();
            assert_eq!(got, want.iter().copied().filter(|&i| i < n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn four_bytes_are_found_as_two_are() {
        let bytes = b"\"a,b\"\r\n,\"\",x\ry\n\"\"\"";
        for n in 0..=bytes.len() {
            let want: Vec<usize> = (0..n).filter(|&i| matches!(bytes[i], b',' | b'"' | b'\r' | b'\n')).collect();
            assert_eq!(Seps::new(&bytes[..n], *b",\"\r\n").collect::<Vec<_>>(), want);
        }
    }
}
