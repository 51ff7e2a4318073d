//! Input and output at the edge: CSV and YAML readers, column mappings,
//! and the writers. Everything that touches a file or a terminal lives here.

pub mod columns;
pub mod csvin;
pub mod diagnostics;
pub mod ics;
pub mod ledger;
pub mod output;
pub mod progress;
pub mod yaml;
pub mod yamltree;
