# Output formats, determinism across --jobs, atomic --output, explain/rules/docs commands.
source "$(dirname "$0")/lib.bash"
cd "$SRC"
"$LINTEL" scan --format sarif --fail-on never --jobs 1 fixtures > "$TMP/j1.sarif"
"$LINTEL" scan --format sarif --fail-on never --jobs 4 fixtures > "$TMP/j4.sarif"
if cmp -s "$TMP/j1.sarif" "$TMP/j4.sarif"; then ok "SARIF identical for --jobs 1 and --jobs 4"; else fail "SARIF differs between --jobs 1 and 4"; fi
"$LINTEL" scan --format sarif --fail-on never --jobs 2 fixtures > "$TMP/again.sarif"
if cmp -s "$TMP/j4.sarif" "$TMP/again.sarif"; then ok "SARIF identical across runs"; else fail "SARIF differs across runs"; fi

"$LINTEL" scan --format text --fail-on never fixtures > "$TMP/text"
sorted=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: ' "$TMP/text" | awk -F: '{printf "%s\t%08d\t%08d\n", $1, $2, $3}')
if [ "$sorted" = "$(printf '%s\n' "$sorted" | sort -t$'\t' -k1,1 -k2,2 -k3,3)" ]; then ok "text output sorted by path, line, column"; else fail "text output not sorted"; fi

# --quiet: the same findings, without the summary line.
"$LINTEL" scan --fail-on never fixtures/demo-project > "$TMP/loud"
"$LINTEL" scan --quiet --fail-on never fixtures/demo-project > "$TMP/quiet"
expect_contains "$TMP/loud" " findings (" "the text report ends with a summary"
expect_not_contains "$TMP/quiet" " findings (" "--quiet drops the summary"
if [ "$(head -n -1 "$TMP/loud")" = "$(cat "$TMP/quiet")" ] && [ -s "$TMP/quiet" ]; then ok "--quiet keeps every finding line"; else fail "--quiet changed the findings"; fi

"$LINTEL" scan --format github --fail-on never fixtures/demo-project > "$TMP/gh"
expect_contains "$TMP/gh" "::error file=fixtures/demo-project/Dockerfile,line=" "github annotations"

"$LINTEL" scan --format json --fail-on never fixtures/demo-project > "$TMP/json"
if /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["findings"], "no findings"' "$TMP/json"; then ok "json output parses and has findings"; else fail "json output"; fi

echo "previous" > "$TMP/report.sarif"
"$LINTEL" scan --format sarif --fail-on never --output "$TMP/report.sarif" fixtures/demo-project > "$TMP/stdout"
if [ ! -s "$TMP/stdout" ] && /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/report.sarif"; then ok "--output writes the report, not stdout"; else fail "--output"; fi
if ls -a "$TMP" | grep -q '^\.lintel-'; then fail "--output left a temporary file"; else ok "--output leaves no temporary file"; fi
# The report is streamed to the file as to stdout: the same bytes, whatever the format.
for fmt in sarif json gitlab; do
  "$LINTEL" scan --format $fmt --fail-on never --output "$TMP/streamed.$fmt" fixtures > /dev/null
  "$LINTEL" scan --format $fmt --fail-on never fixtures > "$TMP/stdout.$fmt"
  if [ -s "$TMP/streamed.$fmt" ] && cmp -s "$TMP/streamed.$fmt" "$TMP/stdout.$fmt"; then ok "--output equals stdout ($fmt)"; else fail "--output differs from stdout ($fmt)"; fi
done

expect_exit 0 "explain by ID" -- "$LINTEL" explain DF001
expect_contains "$TMP/out" "image-latest-tag" "explain prints the slug"
expect_exit 0 "explain by alias" -- "$LINTEL" explain DL3007
expect_contains "$TMP/out" "DF001" "explain by alias finds DF001"
expect_exit 2 "explain unknown" -- "$LINTEL" explain NOPE
expect_exit 0 "rules --format json" -- "$LINTEL" rules --format json
if /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(r["id"]=="DF001" for r in d)' "$TMP/out"; then ok "rules json lists DF001"; else fail "rules json"; fi
expect_exit 0 "docs --out" -- "$LINTEL" docs --out "$TMP/docs"
if diff -r "$TMP/docs" docs/rules > "$TMP/docdiff"; then ok "docs/rules is up to date"; else fail "docs/rules is stale: run build/lintel docs --out docs/rules"; head -20 "$TMP/docdiff"; fi
finish
