#!/usr/bin/env bash
# Instructions of one `regkb serve` rebuild of the bundled knowledge base, counted by
# valgrind's callgrind (deterministic where wall time on a shared machine is not):
# serve is run once with no edit and once with EDITS edits (each waits for its
# rebuild), and the difference divided by EDITS is printed. Compare two binaries
# by running it for each. Figures only; it takes a few minutes (callgrind is ~50x).
#   bench/serve-instructions.sh [BINARY] [EDITS]   (default target/release/regkb, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/regkb}")
edits=${2:-2}
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r content config.toml "$work"/
[ -d templates ] && cp -r templates "$work"/
port=$((20000 + RANDOM % 20000))
count() { # $1 edits → total instructions of serve
  local log="$work/serve-$1.log"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg-$1.out" "$bin" --lang en serve \
    --root "$work" --output "$work/public" --as-of 2026-11-28 --port $((port + $1)) >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1200); do grep -q '^serving ' "$log" && break; sleep 0.5; done
  local case_file
  case_file=$(ls "$work"/content/cases/*.md | head -1)
  for i in $(seq "$1"); do
    local n
    n=$(grep -c '^rebuilt' "$log" || true)
    echo "<!-- edit $i -->" >>"$case_file"
    for _ in $(seq 1200); do [ "$(grep -c '^rebuilt' "$log" || true)" -gt "$n" ] && break; sleep 0.5; done
  done
  kill -TERM $pid
  wait $pid || true
  grep -o 'refs: *[0-9,]*' "$log" | tr -d ', ' | cut -d: -f2
}
base=$(count 0)
with=$(count "$edits")
echo "serve start-up and first build: $base instructions"
echo "one serve rebuild: $(( (with - base) / edits )) instructions (mean of $edits edits, $bin)"
