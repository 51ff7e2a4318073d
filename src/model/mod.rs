//! Typed records, validated at the edge: a record that reaches the domain is valid,
//! and any problem found while loading carries the file, line and column.

pub mod arena;
pub mod audit;
pub mod availability;
pub mod cases;
pub mod census;
pub mod closures;
pub mod event_kind;
pub mod events;
pub mod history;
pub mod roles;
pub mod rota;
pub mod staff;

use crate::words::normalise;

/// A hash map with a fixed, fast hasher. Never iterated for output: results are
/// always ordered explicitly, so the hasher cannot change what is printed.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Team and area names, interned. Names compare as [`normalise`] does (so `North`
/// and ` north ` are one area); the first spelling seen is the one printed.
#[derive(Debug, Default, Clone)]
pub struct Names {
    index: FastMap<String, u32>,
    /// Exact spellings already seen, to skip normalising repeats.
    exact: FastMap<String, u32>,
    shown: Vec<String>,
}

impl Names {
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.exact.get(name) {
            return i;
        }
        let key = normalise(name);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.shown.len() as u32;
                self.index.insert(key, i);
                self.shown.push(name.trim().to_string());
                i
            }
        };
        self.exact.insert(name.to_string(), i);
        i
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    pub fn show(&self, i: u32) -> &str {
        &self.shown[i as usize]
    }
}
