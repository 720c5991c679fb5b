//! Integration tests: one binary, a module per feature.

mod analysis;
mod bad_input;
mod content;
mod heldout;
mod init;
mod regulations;
mod serve;
mod similar;
mod site;
mod support;
