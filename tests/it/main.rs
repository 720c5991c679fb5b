//! Integration tests: one binary, a module per feature.

mod analysis;
mod bad_input;
mod content;
mod fuzz_regressions;
mod heldout;
mod regulations;
mod schema;
mod serve;
mod similar;
mod site;
mod support;
