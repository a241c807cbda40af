# Inline suppressions, baselines, configuration, ignore files, `lintel init` and the CI formats,
# driven through the binary as users run it.
source "$(dirname "$0")/lib.bash"
schema="$SRC/../shared/schemas/sarif-schema-2.1.0.json"
cd "$TMP"

validate_sarif() {  # FILE DESCRIPTION
  if [ ! -f "$schema" ]; then fail "$2: schema not found at $schema"; return; fi
  if /usr/bin/python3 "$SRC/tests/cli/sarif_schema.py" "$schema" "$1" >"$TMP/schema.log" 2>&1; then ok "$2"; else
    fail "$2"; head -20 "$TMP/schema.log" | sed 's/^/  /'; fi
}

# --- inline suppressions -------------------------------------------------------------------
mkdir s && cd s
printf '# hadolint ignore=DL3007\nFROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > peer.Dockerfile
printf 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\n# lintel:ignore DF001,DF999 reason\nCMD ["true"]\n' > unknown.Dockerfile
expect_exit 0 "hadolint pragma suppresses the only failing finding" -- "$LINTEL" scan peer.Dockerfile
expect_contains "$TMP/out" "1 suppressed" "the summary counts the suppressed finding"
expect_not_contains "$TMP/out" "DF001" "the suppressed finding is not printed"
expect_exit 1 "--no-inline-ignores brings it back" -- "$LINTEL" scan --no-inline-ignores peer.Dockerfile
expect_contains "$TMP/out" "peer.Dockerfile:2:6: error DF001" "finding printed without suppressions"
expect_exit 1 "LNT005 for an unknown rule in lintel:ignore (a warning)" -- "$LINTEL" scan unknown.Dockerfile
expect_contains "$TMP/out" "unknown.Dockerfile:4:3: warning LNT005" "LNT005 at the pragma"
expect_contains "$TMP/out" "unknown.Dockerfile:4:3: info LNT004" "LNT004 for the unused DF001"

"$LINTEL" scan --format json peer.Dockerfile > "$TMP/peer.json"
expect_contains "$TMP/peer.json" '"suppressed": true' "JSON marks the finding suppressed"
"$LINTEL" scan --format sarif peer.Dockerfile > "$TMP/peer.sarif"
expect_contains "$TMP/peer.sarif" '"kind": "inSource"' "SARIF carries an inSource suppression"
validate_sarif "$TMP/peer.sarif" "SARIF with suppressed results validates"

# Exit codes under each fail-on value: a suppressed error never fails; the unused-suppression
# note (info) fails only --fail-on info.
printf '# lintel:ignore DF001\nFROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\n# lintel:ignore DF028\nCMD ["true"]\n' > mixed.Dockerfile
for level in error warning never; do
  expect_exit 0 "suppressed error, --fail-on $level" -- "$LINTEL" scan --fail-on "$level" mixed.Dockerfile
done
expect_exit 1 "--fail-on info fails on the LNT004 note" -- "$LINTEL" scan --fail-on info mixed.Dockerfile
expect_exit 0 "--fail-on info passes with LNT004 ignored" -- "$LINTEL" scan --fail-on info --ignore LNT004 mixed.Dockerfile
expect_exit 1 "--fail-on error without inline ignores" -- "$LINTEL" scan --fail-on error --no-inline-ignores mixed.Dockerfile
cd ..

# --- baselines ------------------------------------------------------------------------------
mkdir b && cd b
printf 'FROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > Dockerfile
expect_exit 1 "finding before the baseline" -- "$LINTEL" scan --write-baseline base.sarif Dockerfile
validate_sarif base.sarif "the written baseline is valid SARIF"
printf '# build image\n\n# a comment\nFROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > Dockerfile
expect_exit 0 "baseline matches after lines were inserted above" -- "$LINTEL" scan --baseline base.sarif Dockerfile
expect_contains "$TMP/out" "1 suppressed" "the baselined finding is counted as suppressed"
"$LINTEL" scan --format sarif --baseline base.sarif Dockerfile > "$TMP/baselined.sarif"
expect_contains "$TMP/baselined.sarif" '"kind": "external"' "baselined result has an external suppression"
validate_sarif "$TMP/baselined.sarif" "SARIF with baselined results validates"
printf 'FROM debian:latest\n' >> Dockerfile
expect_exit 1 "a new finding still fails" -- "$LINTEL" scan --baseline base.sarif Dockerfile
expect_contains "$TMP/out" "Dockerfile:8:6: error DF001" "the new finding is printed"
"$LINTEL" scan --format json --fail-on never Dockerfile > base.json
expect_exit 0 "a lintel JSON report works as a baseline" -- "$LINTEL" scan --baseline base.json Dockerfile
expect_exit 2 "missing baseline file" -- "$LINTEL" scan --baseline nope.sarif Dockerfile
printf '{"x": 1}' > bad.json
expect_exit 2 "baseline that is neither SARIF nor lintel JSON" -- "$LINTEL" scan --baseline bad.json Dockerfile
cd ..

# --- configuration --------------------------------------------------------------------------
mkdir -p c/legacy c/sub && cd c
mkdir .git
printf 'FROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > Dockerfile
cp Dockerfile legacy/Dockerfile
printf '[[per-path]]\npaths = ["legacy/**"]\nignore = ["DF001"]\n' > .lintel.toml
expect_exit 1 "per-path ignore keeps the rule elsewhere" -- "$LINTEL" scan
expect_contains "$TMP/out" "Dockerfile:1:6: error DF001" "root Dockerfile reported"
expect_not_contains "$TMP/out" "legacy/Dockerfile" "legacy Dockerfile not reported"
printf 'fail-on = "never"\n' > .lintel.toml
expect_exit 0 "fail-on from the config" -- "$LINTEL" scan
expect_exit 1 "--fail-on overrides the config" -- "$LINTEL" scan --fail-on error
(cd sub && "$LINTEL" scan .. >/dev/null 2>&1); code=$?
if [ "$code" -eq 0 ]; then ok "config found from the scan root"; else fail "config found from the scan root: exit $code"; fi
printf '[severity]\nDF001 = "info"\n' > .lintel.toml
expect_exit 0 "severity override lowers DF001 below the threshold" -- "$LINTEL" scan Dockerfile
expect_contains "$TMP/out" "info DF001" "DF001 printed as info"
printf 'exclude = ["legacy/"]\nignore = ["DF001"]\n' > .lintel.toml
expect_exit 0 "ignore from the config" -- "$LINTEL" scan
expect_exit 0 "the config's ignore applies to --select too" -- "$LINTEL" scan --select DF001
printf 'select = ["DF028"]\n' > .lintel.toml
expect_exit 0 "select from the config" -- "$LINTEL" scan
expect_exit 1 "--select overrides the config's select" -- "$LINTEL" scan --select DF001
printf 'select = ["DF001"]\nfail-on = "eror"\n' > .lintel.toml
expect_exit 2 "bad value in the config" -- "$LINTEL" scan
expect_contains "$TMP/err" ".lintel.toml:2:11: 'fail-on': unknown level" "error with file, line, column and key"
printf 'selekt = ["DF001"]\n' > other.toml
expect_exit 2 "unknown key in --config FILE" -- "$LINTEL" scan --config other.toml
expect_contains "$TMP/err" "other.toml:1:1: unknown key 'selekt'" "unknown key message"
expect_exit 1 "--no-config skips the broken config" -- "$LINTEL" scan --no-config
printf '[rules.DF033]\nallowed-registries = ["ghcr.io"]\n' > .lintel.toml
expect_exit 1 "rule options reach DF033" -- "$LINTEL" scan --select DF033 Dockerfile
expect_contains "$TMP/out" "DF033" "DF033 reports docker.io when only ghcr.io is allowed"
rm .lintel.toml
expect_exit 0 "without options DF033 stays off" -- "$LINTEL" scan --select DF033 Dockerfile
cd ..

# --- ignore files ---------------------------------------------------------------------------
mkdir -p g/gen && cd g
printf 'FROM alpine:latest\n' > gen/Dockerfile
printf 'gen/\n' > .gitignore
expect_exit 0 ".gitignore'd folder is not scanned" -- "$LINTEL" scan --select DF001
expect_exit 1 "--no-ignore-files scans it" -- "$LINTEL" scan --select DF001 --no-ignore-files
expect_exit 1 "an ignored file named explicitly is scanned" -- "$LINTEL" scan --select DF001 gen/Dockerfile
rm .gitignore; printf 'gen/**\n' > .lintelignore
expect_exit 0 ".lintelignore is honoured" -- "$LINTEL" scan --select DF001
cd ..

# --- lintel init ----------------------------------------------------------------------------
mkdir i
expect_exit 0 "lintel init writes .lintel.toml" -- "$LINTEL" init i
expect_contains i/.lintel.toml '# fail-on = "warning"' "template lists the defaults"
expect_exit 0 "the template is a valid configuration" -- "$LINTEL" scan --config i/.lintel.toml i
expect_exit 2 "lintel init refuses to overwrite" -- "$LINTEL" init i
expect_contains "$TMP/err" "already exists" "refusal message"

# --- CI formats -----------------------------------------------------------------------------
mkdir f && cd f
printf 'FROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > 'a&b.Dockerfile'
printf 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > clean.Dockerfile
"$LINTEL" scan --format gitlab 'a&b.Dockerfile' clean.Dockerfile > gl.json
if /usr/bin/python3 -c '
import json, sys
d = json.load(open("gl.json"))
assert len(d) == 1, d
i = d[0]
assert i["check_name"] == "DF001" and i["severity"] == "critical", i
assert i["location"]["path"] == "a&b.Dockerfile" and i["location"]["lines"]["begin"] == 1, i
assert i["fingerprint"] and i["description"].startswith("DF001 "), i
'; then ok "gitlab code-quality report"; else fail "gitlab code-quality report"; cat gl.json; fi
for fmt in junit checkstyle; do
  "$LINTEL" scan --format "$fmt" 'a&b.Dockerfile' clean.Dockerfile > "out.$fmt.xml"
  if /usr/bin/python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
fmt = sys.argv[2]
if fmt == "junit":
    assert root.tag == "testsuites" and root.get("failures") == "1", root.attrib
    suite = root.find("testsuite")
    assert suite.get("name") == "a&b.Dockerfile"
    f = suite.find("testcase/failure")
    assert f.get("type") == "DF001" and "\"alpine:latest\"" in f.get("message"), f.attrib
else:
    assert root.tag == "checkstyle"
    file = root.find("file")
    assert file.get("name") == "a&b.Dockerfile"
    e = file.find("error")
    assert e.get("line") == "1" and e.get("source") == "lintel.DF001" and e.get("severity") == "error", e.attrib
' "out.$fmt.xml" "$fmt"; then ok "$fmt report is well-formed XML with escaped values"; else fail "$fmt report"; cat "out.$fmt.xml"; fi
done
"$LINTEL" scan --format junit clean.Dockerfile > clean.xml
expect_contains clean.xml 'tests="1" failures="0"' "junit without findings has one passing case"
cd ..
finish
