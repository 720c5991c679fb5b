//! Unit tests of the ranking over a hand-made case table.

use super::*;

#[test]
fn placeholder() {}
