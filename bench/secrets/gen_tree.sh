#!/usr/bin/env bash
# Builds a ~100 MB tree of ordinary source text for the secrets scanner benchmark by copying
# text files from the system's C/C++ headers and Python standard library (real code, comments
# and docs, not synthetic noise): `bench/secrets/gen_tree.sh [DEST] [MiB]`. Generated under /tmp
# by default and never committed. Files over 2 MiB or with a NUL byte are left out, as the
# engine would skip them.
set -euo pipefail
dest=${1:-/tmp/lintel-secrets-bench}
limit=$(( ${2:-100} * 1048576 ))
rm -rf "$dest"
mkdir -p "$dest"
total=0
while IFS= read -r -d '' f; do
  size=$(stat -c %s "$f")
  [ "$size" -gt 0 ] && [ "$size" -le 2097152 ] || continue
  head -c 8192 "$f" | tr -d '\000' | cmp -s - <(head -c 8192 "$f") || continue
  mkdir -p "$dest/$(dirname "$f")"
  cp "$f" "$dest/$f"
  total=$((total + size))
  [ "$total" -lt "$limit" ] || break
done < <(find /usr/include /usr/lib/python3* -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.py' \
           -o -name '*.txt' -o -name '*.cfg' -o -name '*.json' \) -print0 | sort -z)
echo "$dest: $(find "$dest" -type f | wc -l) files, $((total / 1048576)) MiB"
