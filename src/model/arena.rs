//! Interned ids for national-scale files: every id lives in one text buffer (one
//! allocation, not a million), and the index stores only numbers.
//!
//! Exports are usually sorted by id. While every id comes after the one before
//! (as bytes), no two can be the same and an id is found by binary search, so
//! no hash index is kept: a million random writes to a table several
//! megabytes wide were the largest cost of loading a national caseload. The
//! first id out of order builds the index, and from then on it is used.

use std::hash::BuildHasher;

/// A set of ids, numbered 0, 1, 2, … in the order first seen.
#[derive(Default, Clone)]
pub struct IdArena {
    ids: IdList,
    index: hashbrown::HashTable<u32>,
    /// Some id came before the one above it: `index` holds every id. Until
    /// then the ids are strictly increasing and `index` is empty.
    unsorted: bool,
}

impl std::fmt::Debug for IdArena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdArena").field("ids", &self.ids.len()).finish_non_exhaustive()
    }
}

fn hash(id: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(id)
}

impl IdArena {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn get_str(&self, i: u32) -> &str {
        self.ids.get_str(i)
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        if !self.unsorted {
            let mut span = 0..self.ids.len();
            while !span.is_empty() {
                let mid = span.start + span.len() / 2;
                match self.get_str(mid as u32).cmp(id) {
                    std::cmp::Ordering::Less => span.start = mid + 1,
                    std::cmp::Ordering::Greater => span.end = mid,
                    std::cmp::Ordering::Equal => return Some(mid as u32),
                }
            }
            return None;
        }
        self.index.find(hash(id), |&i| self.get_str(i) == id).copied()
    }

    /// The id's number, and whether it is new.
    pub fn insert(&mut self, id: &str) -> (u32, bool) {
        let n = self.ids.len() as u32;
        if !self.unsorted {
            if n == 0 || self.get_str(n - 1) < id {
                return (self.ids.push(id), true);
            }
            self.index_all();
        }
        let ids = &self.ids;
        match self.index.entry(hash(id), |&i| ids.get_str(i) == id, |&i| hash(ids.get_str(i))) {
            hashbrown::hash_table::Entry::Occupied(e) => (*e.get(), false),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(n);
                (self.ids.push(id), true)
            }
        }
    }

    /// Indexes every id so far, the first time one comes out of order.
    fn index_all(&mut self) {
        self.unsorted = true;
        let room = self.ids.ends.capacity();
        self.reserve_index(room);
        let (ids, index) = (&self.ids, &mut self.index);
        for i in 0..ids.len() as u32 {
            index.insert_unique(hash(ids.get_str(i)), i, |&j| hash(ids.get_str(j)));
        }
    }

    /// The ids alone, once no more are to be looked up: the index is freed.
    pub fn into_list(self) -> IdList {
        self.ids
    }

    /// Makes room for about `n` ids of about `bytes` bytes each.
    pub fn reserve(&mut self, n: usize, bytes: usize) {
        self.ids.ends.reserve(n);
        self.ids.text.reserve(n * bytes);
        if self.unsorted {
            self.reserve_index(n);
        }
    }

    /// Makes room in the index for `n` more ids.
    fn reserve_index(&mut self, n: usize) {
        let ids = &self.ids;
        self.index.reserve(n, |&i| hash(ids.get_str(i)));
    }
}

/// Ids end to end, numbered in order, without an index: the ids of an
/// [`IdArena`] ([`IdArena::into_list`]), or any taken in turn.
#[derive(Debug, Default, Clone)]
pub struct IdList {
    text: String,
    /// Where each id ends in `text` (each starts where the one before ends).
    ends: Vec<u32>,
}

impl IdList {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    #[inline]
    pub fn get_str(&self, i: u32) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i as usize - 1] };
        &self.text[start as usize..self.ends[i as usize] as usize]
    }

    /// Adds `id` after the others; returns its number.
    fn push(&mut self, id: &str) -> u32 {
        self.text.push_str(id);
        self.ends.push(self.text.len() as u32);
        self.ends.len() as u32 - 1
    }
}

impl<'a> FromIterator<&'a str> for IdList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> IdList {
        let mut list = IdList::default();
        for id in ids {
            list.push(id);
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_ids_in_first_seen_order() {
        let mut a = IdArena::default();
        assert_eq!(a.insert("C1"), (0, true));
        assert_eq!(a.insert("C2"), (1, true));
        assert_eq!(a.insert("C1"), (0, false));
        assert_eq!(a.get("C2"), Some(1));
        assert_eq!(a.get("C3"), None);
        assert_eq!(a.get_str(1), "C2");
        assert_eq!(a.len(), 2);
        let list = a.into_list();
        assert_eq!((list.len(), list.get_str(0), list.get_str(1)), (2, "C1", "C2"));
        let again: IdList = ["", "C22", "C1"].into_iter().collect();
        assert_eq!((again.get_str(0), again.get_str(1), again.get_str(2)), ("", "C22", "C1"));
    }

    #[test]
    fn ids_out_of_order_are_indexed_from_then_on() {
        let mut a = IdArena::default();
        for id in ["A", "B", "D"] {
            a.insert(id);
        }
        assert_eq!((a.get("B"), a.get("C"), a.get("0"), a.get("E")), (Some(1), None, None, None));
        assert_eq!(a.insert("C"), (3, true));
        assert_eq!(a.insert("B"), (1, false));
        assert_eq!(a.insert("D"), (2, false));
        assert_eq!((a.get("A"), a.get("C"), a.get("E")), (Some(0), Some(3), None));
        // A repeat of the last id is a repeat, sorted or not.
        let mut b = IdArena::default();
        b.insert("A");
        assert_eq!(b.insert("A"), (0, false));
    }
}
