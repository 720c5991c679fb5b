#!/usr/bin/env bash
# USB-stick copy of built sites (figures printed, not asserted): file count and
# size, then a FAT32 image file (`mkfs.vfat -F 32`, 4 KB clusters, on a sparse file
# from `truncate`, sized to fit) and the site copied into it with mtools' `mcopy -s`
# (no mounting), RUNS times (default 3) on a fresh image each time, median printed.
# The copy is checked: the image must hold the same number of files and bytes.
# This measures FAT32's and mtools' cost of many small files (clusters, long
# names, directory entries), not a real stick's write speed.
#   bench/usb.sh [SITE_DIR…]     (default: the 10k and 100k sites bench/build.sh
#                                 leaves in BENCH_DIR/kb-N/public, those that exist)
# Env: RUNS (3), COPY_TIMEOUT (seconds a copy may take before it is given up: 900).
# Two FAT limits are checked first and printed: a directory holds at most 65,536
# 32-byte entries (a long name takes one per 13 characters plus its 8.3 entry), so
# a site with a bigger directory cannot be copied at all and is not tried; and
# mtools gives every long name an 8.3 alias with a numeric tail (2025-S~1,
# 2025-S~2, …), searching the directory for each candidate, so thousands of names
# sharing their first six characters in one directory make mcopy slow far beyond
# the bytes (Windows' and Linux's own FAT drivers switch to hashed aliases).
# Needs Debian's dosfstools (mkfs.vfat) and mtools (mcopy, mdir).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
COPY_TIMEOUT=${COPY_TIMEOUT:-900}
builds=${BENCH_DIR:-bench-out/build}
work=bench-out/usb
mkdir -p "$work"
for tool in mkfs.vfat mcopy mdir; do
  command -v "$tool" > /dev/null || { echo "$tool missing: apt-get install dosfstools mtools"; exit 2; }
done
export MTOOLS_SKIP_CHECK=1
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  for n in 10000 100000; do [ -d "$builds/kb-$n/public" ] && sites+=("$builds/kb-$n/public"); done
  [ ${#sites[@]} -eq 0 ] && { echo "no site: run bench/build.sh first (CASES=\"10000 100000\"), or name SITE_DIRs"; exit 2; }
fi
for site in "${sites[@]}"; do
  [ -d "$site" ] || { echo "== $site: not a directory, skipped"; continue; }
  files=$(find "$site" -type f | wc -l)
  dirs=$(find "$site" -mindepth 1 -type d | wc -l)
  bytes=$(find "$site" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  # FAT32 with 4 KB clusters: every file takes whole clusters; a directory takes 32
  # bytes per 8.3 entry plus 32 per 13 characters of its long name.
  on_fat=$(find "$site" -mindepth 1 -printf '%y %s %f\n' | awk '
    { name = substr($0, index(substr($0, index($0, " ") + 1), " ") + index($0, " ") + 1)
      if ($1 == "f") data += int(($2 + 4095) / 4096) * 4096
      slots += 1 + int((length(name) + 12) / 13) }
    END { printf "%d %d\n", data, slots * 32 }')
  read -r data entries <<< "$on_fat"
  # Per directory: its 32-byte entries (with . and ..), and the most names that
  # share an 8.3 basis (first six characters, upper case) there.
  read -r slots_max slots_dir share_max share_dir <<< "$(find "$site" -mindepth 1 -printf '%h/ %f\n' | awk '
    { d = $1; name = substr($0, length(d) + 2); n[d]++
      slots[d] += 1 + int((length(name) + 12) / 13)
      b = name; sub(/\.[^.]*$/, "", b); share[d SUBSEP toupper(substr(b, 1, 6))]++ }
    END { for (d in slots) if (slots[d] + 2 > sm) { sm = slots[d] + 2; sd = d }
          for (k in share) if (share[k] > hm) { hm = share[k]; split(k, p, SUBSEP); hd = p[1] }
          print sm, sd, hm, hd }')"
  echo "== $site"
  echo "files: $files in $dirs directories"
  echo "largest FAT directory: $slots_dir with $slots_max of the 65,536 entries a FAT directory can hold"
  echo "most names sharing an 8.3 basis in one directory: $share_max in $share_dir"
  [ -d "$site/pagefind" ] && echo "note: $site/pagefind/ (Pagefind's index, not regkb's) is copied too"
  echo "size: $bytes bytes of file data; du: $(du -sb "$site" | cut -f1) bytes apparent, $(du -sk "$site" | cut -f1) KB in blocks ($(du -sh "$site" | cut -f1))"
  echo "on FAT32 (4 KB clusters, estimated): $data bytes of clusters + $entries bytes of directory entries"
  mb=$(( (data + entries * 2) * 5 / 4 / 1048576 + 64 ))
  [ "$mb" -lt 300 ] && mb=300  # FAT32 needs at least 65,525 clusters: 256 MB at 4 KB
  if [ "$slots_max" -gt 65536 ]; then
    echo "not copied: $slots_dir needs $slots_max directory entries, more than FAT32 allows"
    continue
  fi
  img="$work/site.img"
  walls=(); synced=()
  for i in $(seq "$RUNS"); do
    rm -f "$img"; truncate -s "${mb}M" "$img"
    mkfs.vfat -F 32 -s 8 -n REGKB "$img" > /dev/null
    sync
    start=$(date +%s.%N)
    if ! timeout "$COPY_TIMEOUT" mcopy -s -Q -i "$img" "$site"/* ::/ 2> "$work/mcopy.err"; then
      got=$(mdir -/ -b -i "$img" ::/ 2> /dev/null | grep -vc '/$' || true)
      printf 'mcopy failed or gave up in run %s after %.0f s with %s of %s files copied: %s\n' "$i" \
        "$(echo "$(date +%s.%N) - $start" | bc -l)" "$got" "$files" "$(head -3 "$work/mcopy.err" | tr '\n' ' ')"
      walls=(); break
    fi
    mid=$(date +%s.%N)
    sync "$img"
    end=$(date +%s.%N)
    walls+=("$(echo "$mid - $start" | bc -l)"); synced+=("$(echo "$end - $start" | bc -l)")
    printf 'run %s: mcopy %.2f s, with fsync of the image %.2f s\n' "$i" "${walls[-1]}" "${synced[-1]}"
  done
  if [ ${#walls[@]} -gt 0 ]; then
    on_img=$(mdir -/ -b -i "$img" ::/ | grep -vc '/$' || true)
    # mdir's grand total: "N files  1 234 567 bytes" (N counts directories, . and ..).
    img_bytes=$(mdir -/ -i "$img" ::/ | awk '/^Total files listed/ {t = 1; next} t && /bytes$/ {sub(/^ *[0-9]+ files */, ""); sub(/ *bytes$/, ""); gsub(/ /, ""); print; exit}')
    free=$(mdir -i "$img" ::/ | awk '/bytes free/ {sub(/ *bytes free.*/, ""); gsub(/ /, ""); print}')
    printf 'copy into a %s MB FAT32 image: median %.2f s (mcopy), %.2f s with fsync, %s runs\n' \
      "$mb" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${synced[@]}" | median)" "$RUNS"
    [ "$on_img" -eq "$files" ] && [ "$img_bytes" = "$bytes" ] && same=same || same=DIFFERENT
    echo "image holds $on_img files and $img_bytes bytes ($same as the site: $files files, $bytes bytes); $free bytes free in the image, which takes $(du -k "$img" | cut -f1) KB on the host"
  fi
  rm -f "$img"
done
