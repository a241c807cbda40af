# Hostile input (issue #8): every file in fixtures/hostile, plus what cannot be committed (FIFOs,
# devices, symlink loops, unreadable and oversized files, 1 MB lines, 100k-deep nesting) made
# here at run time. Each scan must finish, say what it skipped or limited, and write its report.
source "$(dirname "$0")/lib.bash"
H="fixtures/hostile"
cd "$SRC"

# scan_json NAME ARGS...: a JSON report of the given paths in $TMP/NAME.json, the exit code checked
# to be 0 or 1 (never 2 or a crash), and a time limit so a hang fails instead of blocking CI.
scan_json() {
  local name=$1; shift
  timeout 120 "$LINTEL" scan --format json --fail-on never --verbose "$@" > "$TMP/$name.json" 2> "$TMP/$name.err"
  local rc=$?
  if [ "$rc" -eq 0 ]; then ok "$name: scan completes"; else fail "$name: exit $rc"; head -5 "$TMP/$name.err"; fi
}
# has_finding NAME RULE LINE COL MESSAGE-SUBSTRING
has_finding() {
  if python3 - "$TMP/$1.json" "$2" "$3" "$4" "$5" <<'PY'
import json, sys
_, path, rule, line, col, text = sys.argv
d = json.load(open(path))
hit = [f for f in d["findings"] if f["rule"] == rule and (line == "-" or f["line"] == int(line))
       and (col == "-" or f["column"] == int(col)) and text in f["message"]]
sys.exit(0 if hit else 1)
PY
  then ok "$1: $2 at $3:$4 \"$5\""; else fail "$1: no $2 at $3:$4 \"$5\""; head -c 600 "$TMP/$1.json"; echo; fi
}
count_rule() { python3 -c 'import json,sys; print(sum(f["rule"]==sys.argv[2] for f in json.load(open(sys.argv[1]))["findings"]))' "$TMP/$1.json" "$2"; }

# --- limits ---------------------------------------------------------------------------------
scan_json laughs "$H/compose.billion-laughs.yaml"
has_finding laughs LNT001 11 14 "alias expansion limit exceeded: aliases expand to more than"
has_finding laughs DC003 - - "has no healthcheck"   # the rest of the file is still checked

scan_json deepyaml "$H/compose.deep-nesting.yaml"
has_finding deepyaml LNT001 4 - "nesting depth limit exceeded: more than 512 nested collections"

scan_json deephcl "$H/deep-nesting.tf"
has_finding deephcl LNT001 2 - "nesting depth limit exceeded: more than 200 nested"

# Found by fuzz_terraform (a timeout under its sanitizers): 5000 unbalanced levels with a stray
# `,` deep inside, so tree-sitter's error recovery wraps the whole file. Made here, not committed:
# it takes a few tenths of a second, and the fixtures are scanned by timing-free output tests.
mkdir -p "$TMP/deeperr"
python3 -c 'import sys; sys.stdout.write("locals {\n  deep = " + "["*4999 + "]"*2399 + ",   " + "]"*2596 + "\n}\n")' > "$TMP/deeperr/main.tf"
scan_json deephclerr "$TMP/deeperr/main.tf"
# `locals {` is the first level, so the 200th `[` (column 10 + 199) is the one past the limit.
has_finding deephclerr LNT001 2 209 "nesting depth limit exceeded: more than 200 nested brackets"
# 5,000 unclosed brackets of each kind, and a mix. The 200th bracket after `a = ` (the 201st
# level) is column 7 + 199 units; `{ ` is spaced, since `{{` would make the file an unrendered
# template, which is skipped. (The resource before them is lost to tree-sitter's recovery from
# the brackets left open, as without the limit.)
n=0
for open in '[' '{ ' '(' '[{('; do
  n=$((n + 1))
  python3 - "$open" > "$TMP/deeperr/main.tf" <<'PY'
import sys
sys.stdout.write('resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n\nlocals {\n  a = '
                 + sys.argv[1] * 5000 + "\n")
PY
  col=$((7 + 199 * (${#open} == 2 ? 2 : 1)))
  scan_json "unclosed$n" "$TMP/deeperr/main.tf"
  has_finding "unclosed$n" LNT001 6 "$col" "nesting depth limit exceeded: more than 200 nested brackets"
done

# Nine nested `sh -c` strings: the limit (8) is a finding on the RUN line, not silence.
scan_json deepshc "$H/deep-sh-c.Dockerfile"
has_finding deepshc LNT001 4 - "shell nesting limit exceeded: more than 8 nested \`sh -c\` strings"

# 100k levels of HCL brackets: no stack overflow in lintel's walkers, one limit finding.
mkdir -p "$TMP/deep"
python3 -c 'import sys; n=100000; sys.stdout.write("locals {\n  x = " + "["*n + "]"*n + "\n}\n")' > "$TMP/deep/main.tf"
python3 -c 'import sys; n=100000; sys.stdout.write("services:\n  a:\n    image: x:1\nx-d: " + "["*n + "]"*n + "\n")' > "$TMP/deep/compose.yaml"
scan_json deep100k "$TMP/deep"
if [ "$(count_rule deep100k LNT001)" -eq 2 ]; then ok "100k-deep HCL and YAML: one LNT001 each"; else fail "100k-deep: $(count_rule deep100k LNT001) LNT001"; fi

# Deeply nested JSON baseline: refused with a message, no crash.
python3 -c 'import sys; n=100000; sys.stdout.write("["*n + "]"*n)' > "$TMP/deep.json"
expect_exit 2 "deep JSON baseline is refused" -- "$LINTEL" scan --baseline "$TMP/deep.json" "$H/crlf.Dockerfile"
expect_contains "$TMP/err" "lintel: baseline '$TMP/deep.json'" "deep baseline message names the file"

# Over the size limit (3 MB, made here): skipped with a notification naming the limit.
mkdir -p "$TMP/big"
python3 -c 'import sys; sys.stdout.write("FROM alpine:latest\n" + ("# " + "x"*98 + "\n")*31000)' > "$TMP/big/Dockerfile"
scan_json big "$TMP/big"
expect_contains "$TMP/big.err" "bytes is over the 2097152-byte size limit" "3 MB file: size-limit notification"
if [ "$(count_rule big DF001)" -eq 0 ]; then ok "3 MB file: not linted"; else fail "3 MB file linted"; fi

# A 1 MB line: linted, positions after it right.
python3 -c 'import sys; sys.stdout.write("FROM alpine:3.20\nLABEL x=\"" + "a"*(1<<20) + "\"\nFROM alpine:latest\n")' > "$TMP/big/long.Dockerfile"
scan_json longline "$TMP/big/long.Dockerfile"
has_finding longline DF001 3 6 "alpine:latest"

# --- encodings and line endings -------------------------------------------------------------
scan_json utf16le "$H/utf16le-bom.Dockerfile"
has_finding utf16le DF001 1 6 "alpine:latest"
scan_json utf16be "$H/utf16be-bom.Dockerfile"
has_finding utf16be DF001 1 6 "alpine:latest"
scan_json utf16yaml "$H/compose.utf16le-bom.yaml"
has_finding utf16yaml DC001 3 12 "alpine:latest"
expect_not_contains "$TMP/utf16le.err" "binary file" "UTF-16 is not called binary"
scan_json utf8bom "$H/utf8-bom.Dockerfile"
has_finding utf8bom DF001 1 6 "alpine:latest"
scan_json crlf "$H/crlf.Dockerfile"
has_finding crlf DF001 3 6 "alpine:latest"
# BuildKit ends lines at LF only: a CR-only Dockerfile is one comment line, so no findings.
scan_json cr "$H/cr.Dockerfile"
if [ "$(count_rule cr DF001)" -eq 0 ]; then ok "CR-only Dockerfile is one comment line (as BuildKit)"; else fail "CR-only Dockerfile"; fi
scan_json cryaml "$H/compose.cr.yaml"
has_finding cryaml DC001 3 12 "alpine:latest"
scan_json badutf8 "$H/compose.invalid-utf8.yaml"
has_finding badutf8 LNT001 5 11 "invalid UTF-8"
has_finding badutf8 DC001 3 12 "alpine:latest"
scan_json badutf8df "$H/invalid-utf8.Dockerfile"
has_finding badutf8df DF001 1 6 "alpine:latest"
scan_json nul "$H/nul-bytes.Dockerfile"
expect_contains "$TMP/nul.err" "skipped $H/nul-bytes.Dockerfile: binary file (NUL byte)" "NUL bytes: skipped as binary"
scan_json empty "$H/empty.Dockerfile" "$H/compose.empty.yaml" "$H/empty.tf"
if [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$TMP/empty.json")" -eq 0 ]; then
  ok "empty files: no findings"; else fail "empty files gave findings"; fi

# --- the whole folder at once, in SARIF: completes, URIs percent-encoded --------------------
timeout 120 "$LINTEL" scan --format sarif --fail-on never --output "$TMP/all.sarif" "$H" 2> "$TMP/all.err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$TMP/all.sarif" ]; then ok "fixtures/hostile scans into a SARIF file"; else fail "fixtures/hostile SARIF: exit $rc"; fi
expect_contains "$TMP/all.sarif" '"uri": "fixtures/hostile/name%20with%20spaces/Dockerfile"' "SARIF URI: spaces percent-encoded"
expect_contains "$TMP/all.sarif" '"uri": "fixtures/hostile/n%C3%B6n-%C3%A4scii%20%E6%97%A5%E6%9C%AC/Dockerfile"' "SARIF URI: non-ASCII percent-encoded"

# --- files that are not regular files, or not readable -----------------------------------------
W="$TMP/weird"; mkdir -p "$W/sub"
printf 'FROM alpine:latest\n' > "$W/Dockerfile"
mkfifo "$W/fifo.Dockerfile"
ln -s loop-a "$W/loop-b.Dockerfile"; ln -s loop-b.Dockerfile "$W/loop-a"
ln -s .. "$W/sub/up"
ln -s "$W/missing" "$W/dangling.Dockerfile"
scan_json weird "$W"
has_finding weird DF001 1 6 "alpine:latest"
expect_contains "$TMP/weird.err" "fifo.Dockerfile: not a regular file" "FIFO in a folder: skipped, never opened"
expect_contains "$TMP/weird.err" "loop-b.Dockerfile: symbolic link not followed" "symlink loop: skipped"
expect_contains "$TMP/weird.err" "dangling.Dockerfile: symbolic link not followed" "dangling symlink: skipped"
# Named on the command line: a FIFO and a character device are not opened either.
expect_exit 0 "explicit FIFO is not opened" -- timeout 20 "$LINTEL" scan --verbose --fail-on never "$W/fifo.Dockerfile"
expect_contains "$TMP/err" "fifo.Dockerfile: not a regular file" "explicit FIFO: notification"
expect_exit 0 "explicit /dev/zero is not read" -- timeout 20 "$LINTEL" scan --verbose --fail-on never /dev/zero
expect_contains "$TMP/err" "/dev/zero: not a regular file" "explicit device: notification"
expect_exit 2 "explicit symlink loop is an error" -- timeout 20 "$LINTEL" scan --fail-on never "$W/loop-a"
expect_contains "$TMP/err" "Too many levels of symbolic links" "explicit symlink loop: errno text"
# Permission denied (root reads anything: checked only when not root).
printf 'FROM alpine:latest\n' > "$W/locked.Dockerfile"; chmod 000 "$W/locked.Dockerfile"
if [ "$(id -u)" -ne 0 ]; then
  scan_json locked "$W/locked.Dockerfile"
  has_finding locked LNT002 - - "Permission denied"
else
  echo "running as root: permission-denied check skipped"; ok "permission denied (skipped as root)"
fi
chmod 644 "$W/locked.Dockerfile"

# --- signals: SIGINT/SIGTERM stop the scan, no report replaces the previous one -------------------
# lintel blocks reading its configuration from a FIFO, is signalled there, then gets the
# configuration: the scan must stop at once, exit 128+signal, and leave --output untouched.
for sig in INT TERM; do
  want=$([ $sig = INT ] && echo 130 || echo 143)
  S="$TMP/sig$sig"; mkdir -p "$S"
  printf 'FROM alpine:latest\n' > "$S/Dockerfile"
  printf 'previous report\n' > "$S/report.sarif"
  mkfifo "$S/config.toml"
  "$LINTEL" scan --config "$S/config.toml" --format sarif --output "$S/report.sarif" "$S/Dockerfile" 2> "$S/err" &
  pid=$!
  exec 3> "$S/config.toml"   # returns once lintel has opened the FIFO (handlers are installed)
  kill -$sig $pid
  # kill marks the signal pending at once; wait until lintel's handler has taken it.
  for _ in $(seq 200); do
    grep -qE '^(SigPnd|ShdPnd):\s*0+$' /proc/$pid/status 2>/dev/null && \
      [ "$(grep -cE '^(SigPnd|ShdPnd):\s*0+$' /proc/$pid/status)" -eq 2 ] && break
    sleep 0.05
  done
  exec 3>&-
  # lintel may open its configuration again (to hash it for the cache): feed it empty reads
  # until it exits, so the test never blocks on the FIFO.
  ( while kill -0 $pid 2>/dev/null; do timeout 1 sh -c ': > "$1"' sh "$S/config.toml"; done ) 2>/dev/null &
  feeder=$!
  wait $pid; rc=$?
  wait $feeder
  if [ "$rc" -eq "$want" ]; then ok "SIG$sig: exit $want"; else fail "SIG$sig: exit $rc, wanted $want"; cat "$S/err"; fi
  expect_contains "$S/err" "interrupted by SIG$sig" "SIG$sig: message"
  expect_contains "$S/report.sarif" "previous report" "SIG$sig: previous --output kept"
  if ls -A "$S" | grep -q '^\.lintel-'; then fail "SIG$sig: temporary file left"; else ok "SIG$sig: no temporary file left"; fi
done
finish
