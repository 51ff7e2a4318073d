//! One thin file per subcommand: read inputs, call the domain, hand rows to the
//! writer. Logic that grows here belongs further down.

pub mod check;
pub mod completions;
pub mod date;
pub mod due;
pub mod form;
pub mod holidays;
pub mod log;
pub mod report;
pub mod route;
pub mod schema;
pub mod select;
pub mod show;
pub mod validate;
