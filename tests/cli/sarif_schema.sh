# SARIF from a scan of every fixture validates against the SARIF 2.1.0 schema.
source "$(dirname "$0")/lib.bash"
cd "$SRC"
schema="$SRC/../shared/schemas/sarif-schema-2.1.0.json"
if [ ! -f "$schema" ]; then fail "schema not found at $schema"; finish; exit; fi
"$LINTEL" scan --format sarif --fail-on never fixtures > "$TMP/all.sarif"
if /usr/bin/python3 - "$schema" "$TMP/all.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
for e in errors[:10]:
    print("  ", list(e.path), e.message[:200])
results = doc["runs"][0]["results"]
assert results, "no results"
rule_ids = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
for r in results:
    assert rule_ids[r["ruleIndex"]] == r["ruleId"], r
    assert "lintel/v1" in r["partialFingerprints"]
    assert not r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/")
sys.exit(1 if errors else 0)
PY
then ok "SARIF validates against the 2.1.0 schema, ruleIndex and fingerprints consistent"; else fail "SARIF schema validation"; fi
finish
