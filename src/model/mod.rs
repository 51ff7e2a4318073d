//! Typed records, validated at the edge: a record that reaches the domain is valid,
//! and any problem found while loading carries the file, line and column.

pub mod cases;
pub mod history;
pub mod staff;

use crate::io::columns::normalise;

/// A hash map with a fixed, fast hasher. Never iterated for output: results are
/// always ordered explicitly, so the hasher cannot change what is printed.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// Team and area names, interned. Names compare as [`normalise`] does (so `North`
/// and ` north ` are one area); the first spelling seen is the one printed.
#[derive(Debug, Default, Clone)]
pub struct Names {
    index: FastMap<String, u32>,
    shown: Vec<String>,
}

impl Names {
    pub fn intern(&mut self, name: &str) -> u32 {
        let key = normalise(name);
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.shown.len() as u32;
        self.index.insert(key, i);
        self.shown.push(name.trim().to_string());
        i
    }

    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(&normalise(name)).copied()
    }

    pub fn show(&self, i: u32) -> &str {
        &self.shown[i as usize]
    }
}
