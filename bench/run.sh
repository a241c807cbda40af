#!/usr/bin/env bash
# lintel's benchmark: times lintel on the real-world corpus (../shared/corpus/realworld) and
# reports files/s and MB/s for a full scan and per domain, the one-file (pre-commit) case from
# process start to exit, --jobs 1 vs all cores, and the floor: the time to read every file.
# Uses hyperfine when installed (Debian package), else medians of repeated runs.
# Never run from tests: timings are reported, not asserted.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lintel=${LINTEL:-$root/build/lintel}
corpus=${CORPUS:-$root/../shared/corpus/realworld}
runs=${RUNS:-5}
[ -x "$lintel" ] || { echo "bench: build lintel first (make build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }

median_ms() {  # median wall time in ms of "$@" over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

files_of() {  # the corpus files of one kind, as lintel classifies them
  "$lintel" scan --list-files "$corpus" | awk -F'\t' -v k="$1" '$1==k {print $2}'
}

total_files=$(find "$corpus" -type f | wc -l)
total_bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
cores=$(nproc)
echo "lintel $("$lintel" version | awk '{print $2}') on $cores cores; corpus: $total_files files, $((total_bytes / 1048576)) MiB"
echo

rate() {  # files bytes ms
  awk -v f="$1" -v b="$2" -v ms="$3" 'BEGIN { if (ms < 1) ms = 1;
    printf "%8.0f files/s %8.1f MB/s", f / (ms / 1000), b / 1048576 / (ms / 1000) }'
}

floor=$(median_ms sh -c "find '$corpus' -type f -print0 | xargs -0 cat > /dev/null")
printf '%-34s %7s ms  %s\n' "read every file (cat, the floor)" "$floor" "$(rate "$total_files" "$total_bytes" "$floor")"

full=$(median_ms "$lintel" scan --format sarif --fail-on never "$corpus")
printf '%-34s %7s ms  %s\n' "full scan, all rules, $cores jobs" "$full" "$(rate "$total_files" "$total_bytes" "$full")"
one=$(median_ms "$lintel" scan --format sarif --fail-on never --jobs 1 "$corpus")
printf '%-34s %7s ms  %s\n' "full scan, --jobs 1" "$one" "$(rate "$total_files" "$total_bytes" "$one")"

for kind in dockerfile compose kubernetes workflow terraform; do
  list=$(mktemp)
  files_of "$kind" > "$list"
  n=$(wc -l < "$list")
  [ "$n" -gt 0 ] || { rm -f "$list"; continue; }
  bytes=$(xargs -d '\n' stat -c %s < "$list" | awk '{s+=$1} END {print s}')
  ms=$(median_ms sh -c "xargs -d '\n' '$lintel' scan --format sarif --fail-on never < '$list'")
  printf '%-34s %7s ms  %s  (%d files)\n' "$kind files only" "$ms" "$(rate "$n" "$bytes" "$ms")" "$n"
  rm -f "$list"
done

one_file=$(find "$corpus" -name Dockerfile -type f | sort | head -1)
if command -v hyperfine >/dev/null 2>&1; then
  echo
  hyperfine -N --warmup 3 --runs 50 --style basic "$lintel scan --fail-on never $one_file" 2>/dev/null |
    sed -n 's/^ *Time (mean ± σ): */one Dockerfile, start to exit: /p'
else
  ms=$(RUNS=21 median_ms "$lintel" scan --fail-on never "$one_file")
  echo "one Dockerfile, start to exit: ${ms} ms (median of 21)"
fi

if [ -x /usr/bin/time ]; then
  peak=$( { /usr/bin/time -v "$lintel" scan --format sarif --fail-on never "$corpus" >/dev/null; } 2>&1 |
          awk -F': ' '/Maximum resident/ {print $2}')
  echo "peak memory, full scan: $((peak / 1024)) MiB"
fi
