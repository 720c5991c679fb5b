#!/usr/bin/env bash
# Search benchmark on a synthetic 10k-case knowledge base (figures printed, not
# asserted): build time and peak RSS with search, index size, bytes a cold and a
# follow-up query load, in-browser latency; then Pagefind over the same pages,
# in the same run.
#   bench/search.sh [SITE_DIR]
# Without SITE_DIR it generates a synthetic knowledge base of N cases (bundled
# content + generated cases, examples/gen.rs; N=10000 by default) and times the
# whole `regkb build` of it: pages, tantivy index and browser export.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
OUT=${OUT:-bench-out/search-site}
PAGEFIND=${PAGEFIND:-pagefind@1.6.0}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet --bin regkb --example gen
mkdir -p bench-out
SITE=${1:-}
if [ -z "$SITE" ]; then
  SITE=$OUT
  KB=bench-out/kb-$N
  "$CARGO_TARGET_DIR/release/examples/gen" --cases "$N" --out "$KB" 2>/dev/null
  # Deleting tens of thousands of files keeps the disk busy for seconds after
  # rm returns: move the old site aside and delete it after the figures.
  if [ -e "$SITE" ]; then rm -rf "$SITE.old"; mv "$SITE" "$SITE.old"; fi
  trap 'rm -rf "$SITE.old"' EXIT
  echo "== whole build: regkb build of $N cases (pages + tantivy index + browser export)"
  /usr/bin/time -f "%e %M" -o bench-out/ours.time "$CARGO_TARGET_DIR/release/regkb" build --root "$KB" --output "$SITE" --as-of 2026-11-28
  read -r wall rss < bench-out/ours.time
  echo "wall ${wall} s, peak RSS $((rss / 1024)) MB"
fi
echo "== index size on disk"
echo "tantivy index:   $(du -sb "$SITE/search/index" | cut -f1) bytes ($(du -sh "$SITE/search/index" | cut -f1) in blocks)"
echo "browser export:  $(du -sb --exclude=index "$SITE/search" | cut -f1) bytes in $(find "$SITE/search" -path "$SITE/search/index" -prune -o -type f -print | wc -l) files"
echo "== CLI"
/usr/bin/time -f "regkb search: %e s, peak RSS %M KB" "$CARGO_TARGET_DIR/release/regkb" search 不可抗力 --site "$SITE" --limit 3
echo "== in the browser (headless chromium, file://)"
node bench/browser-search.mjs "$SITE"
echo "== Pagefind ($PAGEFIND) over the same pages"
if /usr/bin/time -f "%e %M" -o bench-out/pagefind.time npx --yes "$PAGEFIND" --site "$SITE" > bench-out/pagefind.log 2>&1; then
  read -r wall rss < bench-out/pagefind.time
  echo "pagefind build: wall ${wall} s, peak RSS $((rss / 1024)) MB (pages only: our index is built in the run above)"
  echo "pagefind index: $(du -sb "$SITE/pagefind" | cut -f1) bytes in $(find "$SITE/pagefind" -type f | wc -l) files"
  node bench/pagefind-browser.mjs "$SITE"
else
  echo "pagefind could not run (see bench-out/pagefind.log)"
fi
