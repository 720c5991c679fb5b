#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, JS unit tests, and the
# browser tests (headless Debian chromium) against a fresh build of the bundled site.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --release
node --test tests/js/
site="$(mktemp -d)/site"
cargo run --release --quiet -- build --output "$site"
node tests/browser/run.mjs "$site"
node tests/browser/similar.mjs "$site"
