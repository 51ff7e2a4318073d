//! Input and output at the edge: CSV readers, configuration files, column mappings,
//! and the writers. Everything that touches a file or a terminal lives here.

pub mod cell;
pub mod columns;
pub mod config;
pub mod csvin;
pub mod diagnostics;
pub mod ics;
pub mod ledger;
pub mod notice;
pub mod output;
pub mod path;
pub mod progress;
pub mod sheet;
pub mod table;
pub mod xlsx;
