//! regkb: a regulation, its annotations, precedent cases and risk points, turned
//! into a searchable static site. See `docs/architecture.md` for the data flow.

pub mod citation;
pub mod cmd;
pub mod content;
pub mod diagnostic;
pub mod numerals;
pub mod regulation;
pub mod search;
