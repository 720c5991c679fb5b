//! regkb: a regulation, its annotations, precedent cases and risk points, turned
//! into a searchable static site. See `docs/architecture.md` for the data flow.

pub mod analysis;
pub mod anonymize;
pub mod assets;
pub mod citation;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod export;
pub mod library;
pub mod markdown;
pub mod memo;
pub mod numerals;
pub mod regulation;
pub mod render;
pub mod search;
pub mod segment;
pub mod similar;
pub mod site;
pub mod training;
