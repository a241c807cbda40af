# The real-world corpus scans with no crash and no parse error on its (valid) Dockerfiles.
source "$(dirname "$0")/lib.bash"
corpus="$SRC/../shared/corpus/realworld"
if [ ! -d "$corpus" ]; then echo "corpus not present at $corpus: skipped"; ok "corpus absent (skipped)"; finish; exit; fi
cd "$SRC/.."
"$LINTEL" scan --format json --fail-on never shared/corpus/realworld > "$TMP/corpus.json" 2> "$TMP/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "corpus scan completes (exit 0 with --fail-on never)"; else fail "corpus scan exit $rc"; head "$TMP/err"; fi
if /usr/bin/python3 - "$TMP/corpus.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [f for f in d["findings"] if f["rule"] in ("LNT001", "LNT003")
       and ("Dockerfile" in f["path"] or f["path"].endswith((".dockerfile", ".Dockerfile")))]
for f in bad[:20]:
    print("  ", f["path"], f["line"], f["rule"], f["message"])
print("  findings:", len(d["findings"]))
sys.exit(1 if bad else 0)
PY
then ok "no LNT001/LNT003 on the corpus Dockerfiles"; else fail "parse errors or rule failures on corpus Dockerfiles"; fi
finish
