//! Writing the site: build into a temporary directory next to the output and
//! swap it in only when everything succeeded; serve it with live reload.

pub mod build;
pub mod publish;
pub mod resolve;
pub mod search_docs;
pub mod serve;

pub use build::{BuildOptions, BuildSummary, build};
