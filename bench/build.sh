#!/usr/bin/env bash
# Build benchmark: wall time and peak RSS of `regkb build` on synthetic knowledge
# bases of 1k and 10k cases (examples/gen.rs), RUNS runs each, medians printed.
# Figures only; nothing here passes or fails. Usage: bench/build.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=${BENCH_DIR:-/tmp/regkb-bench}
mkdir -p "$work"
cargo build --release --quiet --bin regkb --example gen
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-8s %-6s %12s %14s %10s\n' cases runs "wall (s)" "peak RSS (MB)" pages
for n in 1000 10000; do
  kb="$work/kb-$n"
  ./target/release/examples/gen --cases "$n" --out "$kb" 2>/dev/null
  walls=(); rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/time.txt" ./target/release/regkb build --root "$kb" --output "$kb/public" --as-of 2026-11-28 > "$work/out.txt"
    read -r w m < "$work/time.txt"
    walls+=("$w"); rss+=("$m")
  done
  pages=$(grep -o 'built [0-9]* pages' "$work/out.txt" | grep -o '[0-9]*')
  w=$(printf '%s\n' "${walls[@]}" | median)
  m=$(printf '%s\n' "${rss[@]}" | median)
  printf '%-8s %-6s %12s %14.0f %10s\n' "$n" "$runs" "$w" "$(echo "$m / 1024" | bc -l)" "$pages"
done
# One edit, one rebuild: what `regkb serve` does after a save.
kb="$work/kb-edit"; rm -rf "$kb"; mkdir -p "$kb"; cp -r config.toml content templates "$kb"/
edit_walls=()
for i in $(seq "$runs"); do
  echo "<!-- edit $i -->" >> "$kb/content/cases/2025-007.md"
  /usr/bin/time -f '%e' -o "$work/time.txt" ./target/release/regkb build --root "$kb" --output "$kb/public" --as-of 2026-11-28 > /dev/null
  edit_walls+=("$(cat "$work/time.txt")")
done
echo "bundled knowledge base, rebuild after one edit: median $(printf '%s\n' "${edit_walls[@]}" | median) s over $runs runs"
