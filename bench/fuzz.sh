#!/usr/bin/env bash
# Fuzzes regkb's parsers (docs/fuzzing.md): builds the targets in fuzz/ with
# nightly cargo-fuzz, seeds each corpus from the knowledge base's own files, runs
# every target for MINUTES (default 10), two at a time, and prints for each the
# minutes run, executions, corpus entries and the crash files it wrote.
#   bench/fuzz.sh [MINUTES] [TARGET...]
# Needs the nightly toolchain and `cargo install cargo-fuzz`; not part of test.sh
# or .ci/run. A run that crashes is started again for the time left (at most
# RESTARTS times), so one bug does not end a target's run.
# Environment: JOBS (fuzzers at once, 2), NICE (10), SANITIZER (none; address
# finds memory errors in unsafe code, at half the speed), RESTARTS (20).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
shift || true
JOBS=${JOBS:-2}
NICE=${NICE:-10}
SANITIZER=${SANITIZER:-none}
RESTARTS=${RESTARTS:-20}

cd fuzz
nice -n "$NICE" cargo +nightly fuzz build -s "$SANITIZER" 2>&1 | grep -v '^ *Compiling' || true
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
bin_dir=target/$triple/release
if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo +nightly fuzz list); fi
mkdir -p logs

# Real inputs as seeds, copied at run time so the repository stays small.
seed() {
  local target=$1 dir=corpus/$1 f
  mkdir -p "$dir" "artifacts/$target"
  local -a files=()
  case $target in
    config_toml) mapfile -t files < <(find .. -name config.toml -not -path '../fuzz/*' -not -path '../target/*' -not -path '../node_modules/*') ;;
    regulation_parser) mapfile -t files < <(find ../content ../tests/fixtures -path '*regulations*' \( -name '*.md' -o -name '*.txt' \)) ;;
    numerals) for s in 十九 一百零五 一百一十 二〇二四 三千二百零一 １０ 10 两千 壹佰; do printf '%s' "$s" >"$dir/seed-$s"; done ;;
    decode) mapfile -t files < <(find ../content/cases ../tests/fixtures/bad/gbk-file -name '*.md') ;;
    *) mapfile -t files < <(find ../content ../tests/fixtures -name '*.md') ;;
  esac
  for f in "${files[@]}"; do
    [ -f "$f" ] && cp -n "$f" "$dir/seed-$(echo "${f#../}" | tr '/' '_')"
  done
  return 0
}

max_len() {
  case $1 in
    regulation_parser) echo 32768 ;;
    frontmatter) echo 16384 ;;
    numerals) echo 64 ;;
    *) echo 8192 ;;
  esac
}

# Runs one target until its time is up, restarting after a crash; writes a line
# "target minutes executions corpus crashes..." to logs/<target>.summary.
run() {
  local target=$1 log=logs/$1.log start now left executions=0 restarts=0 rc before
  seed "$target"
  local seeds
  seeds=$(find "corpus/$target" -type f | wc -l)
  start=$(date +%s)
  : >"$log"
  while :; do
    now=$(date +%s)
    left=$((start + MINUTES * 60 - now))
    [ "$left" -ge 5 ] || break
    rc=0
    before=$(find "artifacts/$target" -type f | wc -l)
    nice -n "$NICE" "$bin_dir/$target" "corpus/$target" -max_total_time="$left" \
      -max_len="$(max_len "$target")" -dict=regkb.dict -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="artifacts/$target/" >logs/$target.run 2>&1 || rc=$?
    cat "logs/$target.run" >>"$log"
    executions=$((executions + $(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$target.run" | tail -1 | grep . || echo 0)))
    [ "$rc" -ne 0 ] || break
    # A failure that left no input behind (a bad flag, say) would fail again.
    if [ "$(find "artifacts/$target" -type f | wc -l)" -eq "$before" ]; then
      echo "bench/fuzz.sh: $target exited $rc without a crash input; see fuzz/$log" >&2
      break
    fi
    restarts=$((restarts + 1))
    [ "$restarts" -le "$RESTARTS" ] || break
  done
  rm -f "logs/$target.run"
  local minutes crashes
  minutes=$(awk -v s=$(($(date +%s) - start)) 'BEGIN { printf "%.1f", s / 60 }')
  crashes=$(find "artifacts/$target" -type f -newermt "@$start" | sort | tr '\n' ' ')
  echo "$target $minutes $executions $seeds $(find "corpus/$target" -type f | wc -l) ${crashes:--}" >"logs/$target.summary"
}

running=0
for target in "${targets[@]}"; do
  run "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

printf '%-20s %8s %12s %9s %10s %8s\n' target minutes executions corpus-in corpus-out crashes
for target in "${targets[@]}"; do
  read -r name minutes executions seeds corpus crashes <"logs/$target.summary"
  count=0
  [ "$crashes" = - ] || count=$(wc -w <<<"$crashes")
  printf '%-20s %8s %12s %9s %10s %8s\n' "$name" "$minutes" "$executions" "$seeds" "$corpus" "$count"
done
for target in "${targets[@]}"; do
  read -r _ _ _ _ _ crashes <"logs/$target.summary"
  [ "$crashes" = - ] && continue
  echo "$target crashes (replay: fuzz/$bin_dir/$target FILE; minimise: cargo +nightly fuzz tmin -s $SANITIZER $target FILE):"
  for f in $crashes; do echo "  fuzz/$f"; done
done
