//! Interned ids for national-scale files: every id lives in one text buffer (one
//! allocation, not a million), and the index stores only numbers.

use std::hash::BuildHasher;

#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    len: u32,
}

/// A set of ids, numbered 0, 1, 2, … in the order first seen.
#[derive(Default, Clone)]
pub struct IdArena {
    text: String,
    spans: Vec<Span>,
    index: hashbrown::HashTable<u32>,
}

impl std::fmt::Debug for IdArena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdArena").field("ids", &self.spans.len()).finish_non_exhaustive()
    }
}

fn hash(id: &str) -> u64 {
    foldhash::fast::FixedState::default().hash_one(id)
}

impl IdArena {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get_str(&self, i: u32) -> &str {
        let s = self.spans[i as usize];
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        self.index.find(hash(id), |&i| self.get_str(i) == id).copied()
    }

    /// The id's number, and whether it is new.
    pub fn insert(&mut self, id: &str) -> (u32, bool) {
        let n = self.spans.len() as u32;
        let (text, spans) = (&self.text, &self.spans);
        let at = |i: u32| {
            let s = spans[i as usize];
            &text[s.start as usize..(s.start + s.len) as usize]
        };
        match self.index.entry(hash(id), |&i| at(i) == id, |&i| hash(at(i))) {
            hashbrown::hash_table::Entry::Occupied(e) => (*e.get(), false),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(n);
                self.spans.push(Span { start: self.text.len() as u32, len: id.len() as u32 });
                self.text.push_str(id);
                (n, true)
            }
        }
    }

    /// Makes room for about `n` ids of about `bytes` bytes each.
    pub fn reserve(&mut self, n: usize, bytes: usize) {
        self.spans.reserve(n);
        self.text.reserve(n * bytes);
        let (text, spans) = (&self.text, &self.spans);
        self.index.reserve(n, |&i| {
            let s = spans[i as usize];
            hash(&text[s.start as usize..(s.start + s.len) as usize])
        });
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
    }
}
