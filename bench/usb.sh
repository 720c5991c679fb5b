#!/usr/bin/env bash
# USB-stick copy of built sites (figures printed, not asserted): file count and
# size, then a FAT32 image file (`mkfs.vfat -F 32`, 4 KB clusters, on a sparse file
# from `truncate`, sized to fit) and the site copied into it with mtools' `mcopy -s`
# (no mounting), RUNS times (default 3) on a fresh image each time, median printed.
# The copy is checked: the image must hold the same number of files and bytes.
# This measures FAT32's and mtools' cost of many small files (clusters, long
# names, directory entries), not a real stick's write speed.
#   bench/usb.sh [SITE_DIR…]     (default: bench-out/search-site, and
#                                 bench-out/kb-100000/public when it exists)
# Needs Debian's dosfstools (mkfs.vfat) and mtools (mcopy, mdir).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
work=${BENCH_DIR:-bench-out/usb}
mkdir -p "$work"
for tool in mkfs.vfat mcopy mdir; do
  command -v "$tool" > /dev/null || { echo "$tool missing: apt-get install dosfstools mtools"; exit 2; }
done
export MTOOLS_SKIP_CHECK=1
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
sites=("$@")
if [ ${#sites[@]} -eq 0 ]; then
  sites=(bench-out/search-site)
  [ -d bench-out/kb-100000/public ] && sites+=(bench-out/kb-100000/public)
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
  # Largest directory, in entries: FAT limits a directory to 65,536 32-byte slots.
  read -r big_n big_dir <<< "$(find "$site" -mindepth 1 -printf '%h\n' | sort | uniq -c | sort -rn | head -1)"
  echo "== $site"
  echo "files: $files in $dirs directories; largest directory: $big_dir ($big_n entries)"
  echo "size: $bytes bytes of file data; du: $(du -sb "$site" | cut -f1) bytes apparent, $(du -sk "$site" | cut -f1) KB in blocks ($(du -sh "$site" | cut -f1))"
  echo "on FAT32 (4 KB clusters, estimated): $data bytes of clusters + $entries bytes of directory entries"
  mb=$(( (data + entries * 2) * 5 / 4 / 1048576 + 64 ))
  [ "$mb" -lt 300 ] && mb=300  # FAT32 needs at least 65,525 clusters: 256 MB at 4 KB
  img="$work/site.img"
  walls=(); synced=()
  for i in $(seq "$RUNS"); do
    rm -f "$img"; truncate -s "${mb}M" "$img"
    mkfs.vfat -F 32 -s 8 -n REGKB "$img" > /dev/null
    sync
    start=$(date +%s.%N)
    if ! mcopy -s -Q -i "$img" "$site"/* ::/ 2> "$work/mcopy.err"; then
      echo "mcopy failed in run $i: $(head -3 "$work/mcopy.err" | tr '\n' ' ')"
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
