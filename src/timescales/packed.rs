//! The gathered rows packed: six bytes a row (three `u16`s, end to end) while
//! there are fewer than [`NARROW_CASES`] cases, eight after; once in case
//! order, the tags alone, four bytes a row (see [`super::gather`]).

/// Cases numbered below this fit a narrow row (six bytes).
pub(super) const NARROW_CASES: u32 = 1 << 20;
/// Rows taken by [`Rows::pop`] between givings back of their memory.
const POPPED: usize = 1 << 16;
/// A row's tag is its low bits; its case number the rest.
pub(super) const TAG_BITS: u32 = 28;

/// The rows: six bytes each (three `u16`s, end to end) while there are fewer
/// than [`NARROW_CASES`] cases, eight after.
#[derive(Debug)]
pub(super) enum Rows {
    Narrow(Vec<u16>),
    Wide(Vec<u64>),
}

impl Rows {
    /// The row at `i`: (case, tag).
    pub(super) fn get(&self, i: usize) -> (u32, u32) {
        let v = match self {
            Rows::Narrow(v) => u64::from(v[3 * i]) << 32 | u64::from(v[3 * i + 1]) << 16 | u64::from(v[3 * i + 2]),
            Rows::Wide(v) => v[i],
        };
        ((v >> TAG_BITS) as u32, v as u32 & ((1 << TAG_BITS) - 1))
    }

    pub(super) fn push(&mut self, case: u32, tag: u32) {
        if case >= NARROW_CASES
            && let Rows::Narrow(v) = self
        {
            let wide = v.chunks_exact(3).map(|r| u64::from(r[0]) << 32 | u64::from(r[1]) << 16 | u64::from(r[2]));
            *self = Rows::Wide(wide.collect());
        }
        let v = u64::from(case) << TAG_BITS | u64::from(tag);
        match self {
            Rows::Narrow(rows) => rows.extend([(v >> 32) as u16, (v >> 16) as u16, v as u16]),
            Rows::Wide(rows) => rows.push(v),
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Rows::Narrow(v) => v.len() / 3,
            Rows::Wide(v) => v.len(),
        }
    }

    pub(super) fn reserve(&mut self, n: usize) {
        match self {
            Rows::Narrow(v) => v.reserve(3 * n),
            Rows::Wide(v) => v.reserve(n),
        }
    }

    /// The rows the other way round.
    pub(super) fn reverse(&mut self) {
        match self {
            Rows::Narrow(v) => {
                v.reverse();
                v.chunks_exact_mut(3).for_each(<[u16]>::reverse);
            }
            Rows::Wide(v) => v.reverse(),
        }
    }

    /// Takes the last row, giving back the memory of every [`POPPED`] taken.
    pub(super) fn pop(&mut self) -> Option<(u32, u32)> {
        let i = self.len().checked_sub(1)?;
        let row = self.get(i);
        match self {
            Rows::Narrow(v) => v.truncate(3 * i),
            Rows::Wide(v) => v.truncate(i),
        }
        if i.is_multiple_of(POPPED) {
            match self {
                Rows::Narrow(v) => v.shrink_to_fit(),
                Rows::Wide(v) => v.shrink_to_fit(),
            }
        }
        Some(row)
    }

    pub(super) fn set(&mut self, i: usize, case: u32, tag: u32) {
        let v = u64::from(case) << TAG_BITS | u64::from(tag);
        match self {
            Rows::Narrow(rows) => {
                rows[3 * i..3 * i + 3].copy_from_slice(&[(v >> 32) as u16, (v >> 16) as u16, v as u16])
            }
            Rows::Wide(rows) => rows[i] = v,
        }
    }

    pub(super) fn swap(&mut self, i: usize, j: usize) {
        match self {
            Rows::Narrow(v) => (0..3).for_each(|k| v.swap(3 * i + k, 3 * j + k)),
            Rows::Wide(v) => v.swap(i, j),
        }
    }

    /// The tags alone, once the rows are in case order (their cases are
    /// then known from where they are): narrow rows are packed to four
    /// bytes in place, and the memory they no longer need given back.
    pub(super) fn into_tags(self) -> Tags {
        match self {
            Rows::Narrow(mut v) => {
                let n = v.len() / 3;
                for i in 0..n {
                    // Row i is read (from 3i) before it is written (at 2i).
                    let tag = (u32::from(v[3 * i + 1]) << 16 | u32::from(v[3 * i + 2])) & ((1 << TAG_BITS) - 1);
                    v[2 * i] = (tag >> 16) as u16;
                    v[2 * i + 1] = tag as u16;
                }
                v.truncate(2 * n);
                v.shrink_to_fit();
                Tags::Narrow(v)
            }
            Rows::Wide(v) => Tags::Wide(v.iter().map(|&v| v as u32 & ((1 << TAG_BITS) - 1)).collect()),
        }
    }
}

/// The rows' tags, in case order.
#[derive(Debug)]
pub(super) enum Tags {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Tags {
    pub(super) fn get(&self, i: usize) -> u32 {
        match self {
            Tags::Narrow(v) => u32::from(v[2 * i]) << 16 | u32::from(v[2 * i + 1]),
            Tags::Wide(v) => v[i],
        }
    }
}

/// Deals the rows from `starts[0]` to the last of `starts` to the places
/// between them, a row's place being `place(its case number)`: each place
/// keeps the next free row; a row found out of place is swapped into its
/// place's, and the row it displaces is looked at next. `lines` move with
/// their rows.
pub(super) fn deal(rows: &mut Rows, mut lines: Option<&mut Vec<u64>>, starts: &[u32], place: impl Fn(u32) -> usize) {
    let Some(places) = starts.len().checked_sub(1) else { return };
    let mut next: Vec<u32> = starts[..places].to_vec();
    for p in 0..places {
        let end = starts[p + 1];
        while next[p] < end {
            let i = next[p] as usize;
            let home = place(rows.get(i).0);
            if home == p {
                next[p] += 1;
            } else {
                let j = next[home] as usize;
                rows.swap(i, j);
                if let Some(lines) = lines.as_deref_mut() {
                    lines.swap(i, j);
                }
                next[home] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_rows_past_a_million_cases() {
        let mut rows = Rows::Narrow(Vec::new());
        rows.push(5, (1 << 27) | 7);
        rows.push(NARROW_CASES - 1, (1 << 26) | 3);
        let narrow = rows.into_tags();
        assert_eq!((narrow.get(0), narrow.get(1)), ((1 << 27) | 7, (1 << 26) | 3));
        let mut rows = Rows::Narrow(Vec::new());
        rows.push(5, (1 << 27) | 7);
        rows.push(NARROW_CASES + 3, 9);
        assert!(matches!(rows, Rows::Wide(_)));
        assert_eq!((rows.get(0), rows.get(1)), ((5, (1 << 27) | 7), (NARROW_CASES + 3, 9)));
        let wide = rows.into_tags();
        assert_eq!((wide.get(0), wide.get(1)), ((1 << 27) | 7, 9));
    }
}
