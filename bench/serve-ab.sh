#!/usr/bin/env bash
# Wall time of `regkb serve` rebuilds, two binaries side by side (a shared machine
# varies from hour to hour; sets alternate between A and B, so compare medians
# of neighbouring sets). Each set serves a copy of the bundled knowledge base,
# appends EDITS edits to one case 1.5 s apart, and prints the rebuild times the
# server reports (ms, sorted) with their median (of an even count, the lower
# middle one). Figures only.
#   bench/serve-ab.sh BINARY_A BINARY_B [SETS] [EDITS]   (defaults: 3 sets, 8 edits)
set -euo pipefail
cd "$(dirname "$0")/.."
a=$(realpath "$1")
b=$(realpath "$2")
sets=${3:-3}
edits=${4:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r content config.toml "$work"/
[ -d templates ] && cp -r templates "$work"/
case_file=$(ls "$work"/content/cases/*.md | head -1)
port=$((20000 + RANDOM % 20000))
one_set() { # $1 binary, $2 label
  port=$((port + 1))
  local log="$work/serve-$port.log"
  "$1" --lang en serve --root "$work" --output "$work/public" --as-of 2026-11-28 \
    --port "$port" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 300); do grep -q '^serving ' "$log" && break; sleep 0.1; done
  sleep 1
  for i in $(seq "$edits"); do
    echo "<!-- edit $i -->" >>"$case_file"
    sleep 1.5
  done
  kill -TERM "$pid"
  wait "$pid" || true
  # The first line is the start-up build; the rest are the rebuilds.
  local ms
  ms=$(grep '^rebuilt' "$log" | tail -n +2 | grep -o 'in [0-9]*' | grep -o '[0-9]*' | sort -n)
  local n
  n=$(echo "$ms" | wc -l)
  echo "$2 rebuilds (ms): $(echo "$ms" | paste -sd' ')  median $(echo "$ms" | sed -n "$(((n + 1) / 2))p")"
}
for s in $(seq "$sets"); do
  one_set "$a" "set $s A"
  one_set "$b" "set $s B"
done
echo "A = $a"
echo "B = $b"
