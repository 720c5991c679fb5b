//! Integration tests: one binary, a module per feature.

mod bad_input;
mod regulations;
mod serve;
mod site;
mod support;
