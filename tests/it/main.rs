//! Integration tests: one binary, a module per feature.

mod analysis;
mod bad_input;
mod regulations;
mod site;
mod support;
