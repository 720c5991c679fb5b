#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, JS unit tests, browser tests.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --release
if [ -d tests/js ]; then node --test tests/js/; fi
if [ -f tests/browser/run.mjs ]; then node tests/browser/run.mjs; fi
