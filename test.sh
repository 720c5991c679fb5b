#!/usr/bin/env bash
# The whole test suite: Rust unit and integration tests, JS unit tests, and the
# browser tests (headless Debian chromium) against a fresh build of the bundled site.
# On a fresh clone it first installs what the tests need: the npm lock file
# (playwright-core, axe-core); when run as root on Debian, chromium, fonts-noto-cjk,
# poppler-utils (pdftotext, for the print test) and libxml2-utils (xmllint); the
# Akoma Ntoso XSD into target/akn-xsd/ (tests/akn-xsd.sh, with pip); otherwise it
# says what is missing and how to get it.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends chromium fonts-noto-cjk poppler-utils
  else
    echo "test.sh: the browser tests need Debian's chromium, fonts-noto-cjk and poppler-utils:" >&2
    echo "  sudo apt-get install chromium fonts-noto-cjk poppler-utils" >&2
    exit 1
  fi
fi
if ! command -v xmllint >/dev/null 2>&1 || ! python3 -m pip --version >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends libxml2-utils python3-pip
  else
    echo "test.sh: the Akoma Ntoso test needs xmllint and pip: sudo apt-get install libxml2-utils python3-pip" >&2
    exit 1
  fi
fi
tests/akn-xsd.sh

cargo test --release
cargo build --release --bin regkb
site="$(mktemp -d)/site"
cargo run --release --quiet -- build --output "$site"
REGKB_SITE="$site" node --test tests/js/
node tests/browser/run.mjs "$site"
node tests/browser/similar.mjs "$site"
node tests/browser/training.mjs "$site"
node tests/browser/a11y.mjs "$site"
node tests/browser/print.mjs "$site"
node tests/browser/moved.mjs "$site"
# Search at a size where lists are cut into impact tiers, phrase lists rank first and
# few matches read their impacts from v/ rows: 3000 synthetic cases (examples/gen.rs),
# the browser's top 10 = the CLI's for every parity and held-out query.
gsite="$(mktemp -d)"
cargo run --release --quiet --example gen -- --cases 3000 --out "$gsite/kb" 2> /dev/null
cargo run --release --quiet -- build --root "$gsite/kb" --output "$gsite/public" --as-of 2026-11-28 > /dev/null
node tests/browser/run.mjs "$gsite/public"
# A regulation with two versions (an illustrative amendment, tests/fixtures/kb-versions).
vsite="$(mktemp -d)/site"
cargo run --release --quiet -- build --root tests/fixtures/kb-versions --output "$vsite"
node tests/browser/versions.mjs "$vsite"
