#!/usr/bin/env bash
# Runs every libFuzzer harness of a LINTEL_FUZZ build one after another (the machine may be
# shared: one process at a time, niced), each for SECONDS, with seed corpora copied from
# fixtures/ into a temporary folder (nothing generated is committed). Writes a summary table
# (executions, coverage, crashes per harness) to <build-dir>/fuzz-summary.txt and stdout.
#
#   bash tests/fuzz/run.sh <build-dir> [seconds] [harness...]
#
# Crash, leak, timeout and out-of-memory inputs are kept in <build-dir>/fuzz-artifacts/<harness>/;
# each one found should become a fix and a regression fixture (fixtures/hostile or a unit test).
# Exit 1 when any harness found something.
set -uo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: run.sh <build-dir> [seconds] [harness...]}" && pwd)
seconds=${2:-60}
shift 2 2>/dev/null || shift $#
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(dockerfile yaml yaml_models terraform shell secrets config baseline lint)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# seed DIR FILE [PREFIX-BYTE]: copies FILE into DIR, optionally behind one selector byte.
seed() {
  local dir=$1 file=$2 n
  n="$dir/$(printf '%s' "$file" | md5sum | cut -c1-16)"
  if [ $# -ge 3 ]; then { printf "\\x$3"; cat "$file"; } > "$n"; else cp "$file" "$n"; fi
}
files() { find "$src/fixtures" -type f "$@" -size -256k 2>/dev/null; }

make_corpus() {
  local h=$1 dir="$work/$1" f
  mkdir -p "$dir"
  case "$h" in
    dockerfile) files \( -iname '*dockerfile*' -o -iname '*containerfile*' \) | while read -r f; do seed "$dir" "$f"; done ;;
    yaml) files \( -name '*.yml' -o -name '*.yaml' \) | while read -r f; do seed "$dir" "$f"; done ;;
    yaml_models)
      files -path '*/compose/*' \( -name '*.yml' -o -name '*.yaml' \) | while read -r f; do seed "$dir" "$f" 00; done
      files -path '*/kubernetes/*' \( -name '*.yml' -o -name '*.yaml' \) | while read -r f; do seed "$dir" "$f" 02; done
      files -path '*/actions/*' \( -name '*.yml' -o -name '*.yaml' \) | while read -r f; do seed "$dir" "$f" 03; done ;;
    terraform) files \( -name '*.tf' -o -name '*.tfvars' \) | while read -r f; do seed "$dir" "$f"; done ;;
    shell)
      files -name '*.sh' | while read -r f; do seed "$dir" "$f"; done
      # The shell of Dockerfile RUN instructions, one seed per file.
      files -iname '*dockerfile*' | while read -r f; do
        grep -aE '^\s*RUN ' "$f" | sed -E 's/^\s*RUN //' > "$dir/run-$(printf '%s' "$f" | md5sum | cut -c1-16)"
      done ;;
    secrets) files -path '*/secrets/*' | while read -r f; do seed "$dir" "$f" 03; done ;;
    config)
      cp "$src/docs/examples/lintel.toml" "$dir/example.toml" 2>/dev/null
      printf 'select = ["DF", "SEC001"]\nignore = ["DF028"]\nfail-on = "warning"\nexclude = ["vendor/**"]\n\n[severity]\nDF001 = "note"\n\n[[per-path]]\nglobs = ["tests/**"]\nignore = ["SEC"]\n' > "$dir/small.toml" ;;
    baseline)
      printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"lintel"}},"results":[{"ruleId":"DF001","partialFingerprints":{"lintel/v1":"0123456789abcdef:0"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"Dockerfile"}}}],"suppressions":[{"kind":"external"}]}]}]}\n' > "$dir/sarif.json"
      printf '{"version":"0.1.0","findings":[{"rule":"DF001","path":"a/Dockerfile","line":1,"fingerprint":"0123456789abcdef:0","suppressed":false}]}\n' > "$dir/lintel.json" ;;
    lint)
      files -path '*/dockerfile/*' | while read -r f; do seed "$dir" "$f" 00; done
      files -path '*/compose/*' | while read -r f; do seed "$dir" "$f" 01; done
      files -path '*/kubernetes/*' | while read -r f; do seed "$dir" "$f" 02; done
      files -name '*.tf' | while read -r f; do seed "$dir" "$f" 03; done
      files -name '*.tfvars' | while read -r f; do seed "$dir" "$f" 04; done
      files -path '*/actions/*' | while read -r f; do seed "$dir" "$f" 05; done
      files -path '*/secrets/*' | while read -r f; do seed "$dir" "$f" 07; done ;;
  esac
}

summary="$build/fuzz-summary.txt"
printf '%-12s %10s %8s %8s %9s %s\n' harness execs cov ft seconds findings > "$summary"
status=0
for h in "${harnesses[@]}"; do
  bin="$build/tests/fuzz/fuzz_$h"
  [ -x "$bin" ] || { echo "run.sh: $bin missing (build target fuzz_all)" >&2; status=1; continue; }
  make_corpus "$h"
  art="$build/fuzz-artifacts/$h"
  mkdir -p "$art" "$build/fuzz-corpus/$h"
  log="$build/fuzz-$h.log"
  echo "fuzz: $h for ${seconds}s (seeds: $(ls "$work/$h" | wc -l))"
  # -timeout=2: an input taking more than 2 s is a finding; RSS limit catches memory blow-ups.
  nice -n 10 "$bin" "$build/fuzz-corpus/$h" "$work/$h" -max_total_time="$seconds" -timeout=2 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$art/" > "$log" 2>&1
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
  found=$(ls "$art" 2>/dev/null | wc -l)
  [ "$found" -gt 0 ] && status=1
  printf '%-12s %10s %8s %8s %9s %s\n' "$h" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$seconds" "$found" >> "$summary"
done
cat "$summary"
exit $status
