#!/usr/bin/env bash
# Build benchmark: wall time and peak RSS of `regkb build` on synthetic knowledge
# bases (examples/gen.rs) of CASES cases (default "1000 10000"; add 100000 for the
# large one: several minutes and several GB a run), RUNS runs each, medians; the
# REGKB_TIMINGS=1 stage lines of each size's first run; then the bundled knowledge
# base rebuilt after one edit, by `regkb build` and by a running `regkb serve`.
# Figures only; nothing here passes or fails. Measures whatever target/release holds.
#   bench/build.sh [RUNS]        (RUNS default 5; env CASES, BENCH_DIR, and
#                                 LARGE_RUNS: runs of sizes from 100000 up, default RUNS)
# Each timed build writes a fresh output directory (the previous one is moved aside
# and deleted at the end, and `sync` runs before the build), so no run pays for
# deleting or flushing another's files. Sites stay in BENCH_DIR/kb-N/public for
# bench/usb.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cases=${CASES:-1000 10000}
work=${BENCH_DIR:-bench-out/build}
mkdir -p "$work"
cargo build --release --quiet --bin regkb --example gen
regkb=$PWD/target/release/regkb
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
aside=()
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill "$serve_pid" 2> /dev/null; rm -rf "${aside[@]}"; }
trap cleanup EXIT
pages_of() { grep -o '[0-9]* 个页面\|built [0-9]* pages' "$1" | grep -o '[0-9]*' | head -1; }
stages=()
printf '%-8s %-6s %12s %14s %10s   %s\n' cases runs "wall (s)" "peak RSS (MB)" pages "single runs (s)"
for n in $cases; do
  kb="$work/kb-$n"
  ./target/release/examples/gen --cases "$n" --out "$kb" 2> /dev/null
  walls=(); rss=()
  r=$runs; [ "$n" -ge 100000 ] && r=${LARGE_RUNS:-$runs}
  for i in $(seq "$r"); do
    if [ -e "$kb/public" ]; then mv "$kb/public" "$kb/public.old.$i"; aside+=("$kb/public.old.$i"); fi
    sync
    REGKB_TIMINGS=1 /usr/bin/time -f '%e %M' -o "$work/time.txt" "$regkb" build --root "$kb" --output "$kb/public" --as-of 2026-11-28 > "$work/out.txt" 2> "$work/err.txt"
    [ "$i" = 1 ] && stages+=("$n cases, run 1: $(grep -E '^ +[a-z ,]+: ([0-9]+ ms|tantivy)' "$work/err.txt" | sed 's/^ *//' | paste -sd ';' | sed 's/;/; /g')")
    read -r w m < "$work/time.txt"
    walls+=("$w"); rss+=("$m")
  done
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-8s %-6s %12s %14.0f %10s   %s\n' "$n" "$r" "$w" "$(echo "$m / 1024" | bc -l)" "$(pages_of "$work/out.txt")" "${walls[*]}"
done
echo "REGKB_TIMINGS=1 stages (stderr of one run; sub-stages of the similar cases included):"
printf '  %s\n' "${stages[@]}"
# One edit, one rebuild: what `regkb serve` does after a save.
kb="$work/kb-edit"; rm -rf "$kb"; mkdir -p "$kb"; cp -r config.toml content templates "$kb"/
"$regkb" build --root "$kb" --output "$kb/public" --as-of 2026-11-28 > /dev/null
edit_walls=()
for i in $(seq "$runs"); do
  echo "<!-- edit $i -->" >> "$kb/content/cases/2025-007.md"
  /usr/bin/time -f '%e' -o "$work/time.txt" "$regkb" build --root "$kb" --output "$kb/public" --as-of 2026-11-28 > /dev/null
  edit_walls+=("$(cat "$work/time.txt")")
done
echo "bundled knowledge base, regkb build after one edit: median $(printf '%s\n' "${edit_walls[@]}" | median) s over $runs runs (${edit_walls[*]})"
# The same through a running `regkb serve`: it polls the sources every 300 ms and
# prints "rebuilt: N pages in M ms" (the build's own clock) after each rebuild. From
# outside: the time from the edit to that line (detection + fingerprint + build).
port=$((18000 + $$ % 2000))
log="$work/serve.log"
"$regkb" --lang en serve --root "$kb" --output "$kb/public-serve" --as-of 2026-11-28 --port "$port" > "$log" 2>&1 &
serve_pid=$!
rebuilt() { grep -c '^rebuilt: ' "$log" || true; }
for _ in $(seq 600); do grep -q '^serving ' "$log" && break; kill -0 "$serve_pid" 2> /dev/null || break; sleep 0.1; done
if ! grep -q '^serving ' "$log"; then
  echo "regkb serve did not start (see $log)"
else
  sleep 1  # the watcher's first fingerprint
  own=(); seen=()
  for i in $(seq "$runs"); do
    before=$(rebuilt)
    start=$(date +%s.%N)
    echo "<!-- serve edit $i -->" >> "$kb/content/cases/2025-007.md"
    for _ in $(seq 3000); do [ "$(rebuilt)" -gt "$before" ] && break; sleep 0.01; done
    end=$(date +%s.%N)
    ms=$(grep '^rebuilt: ' "$log" | tail -1 | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')
    own+=("$ms"); seen+=("$(echo "($end - $start) * 1000" | bc -l | cut -d. -f1)")
    sleep 0.5
  done
  echo "bundled knowledge base, regkb serve after one edit: median $(printf '%s\n' "${own[@]}" | median) ms by serve's own line (${own[*]}), median $(printf '%s\n' "${seen[@]}" | median) ms from the edit to that line (${seen[*]}; includes the 300 ms polling), $runs runs"
fi
