//! Integration tests: one binary, a module per feature.

mod analysis;
mod bad_input;
mod content;
mod export_akn;
mod export_json;
mod fuzz_regressions;
mod guard;
mod heldout;
mod hostile;
mod init;
mod regulations;
mod scale;
mod schema;
mod serve;
mod similar;
mod site;
mod support;
mod training;
mod versions;
