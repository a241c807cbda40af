# A selection parses only the formats its rules read: `--select SEC` reports no parse error
# (LNT001) and still finds the secrets of a broken file, with the same SEC findings as a full
# scan (templates' secrets scanned alike, suppressions scoped alike).
source "$(dirname "$0")/lib.bash"
mkdir -p "$TMP/p" && cd "$TMP/p" || exit 1

# A compose file that is not valid YAML (an unclosed flow sequence), with a token in it.
cat > compose.yaml <<'EOF'
# lintel:ignore-file LNT001
services:
  web:
    image: nginx:1.27
    environment:
      GITHUB_TOKEN: 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
    ports: [80:80
EOF
# The same without the suppression, under another name compose recognises.
sed 1d compose.yaml > docker-compose.yml
# A manifest template that does not parse before rendering: its Kubernetes rules are skipped,
# its secrets are scanned, whatever is selected.
cat > secret.yaml <<'EOF'
apiVersion: v1
kind: Secret
metadata:
  name: {{ .Values.name }}
stringData:
  token: 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
  broken: [
EOF
# A suppression above a multi-line RUN covers the whole instruction (the Dockerfile's model).
cat > Dockerfile <<'EOF'
FROM alpine:3.20
# lintel:ignore SEC003
RUN echo start && \
    export GITHUB_TOKEN=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 && \
    echo done
EOF

# rules FILE [PREFIX]: "rule path line suppressed" of each finding in a JSON report, sorted.
rules() {
  /usr/bin/python3 - "$@" <<'PY'
import json, sys
prefix = sys.argv[2] if len(sys.argv) > 2 else ""
for f in json.load(open(sys.argv[1]))["findings"]:
    if f["rule"].startswith(prefix):
        print(f["rule"], f["path"], f["line"], f["suppressed"])
PY
}

"$LINTEL" scan --no-config --format json --fail-on never . > "$TMP/all.json"
"$LINTEL" scan --no-config --format json --fail-on never --select SEC . > "$TMP/sec.json"
rules "$TMP/all.json" > "$TMP/all.txt"
rules "$TMP/sec.json" > "$TMP/sec.txt"

expect_contains "$TMP/all.txt" "LNT001 docker-compose.yml" "a full scan reports the parse error"
expect_not_contains "$TMP/sec.txt" "LNT001" "--select SEC reports no parse error"
expect_contains "$TMP/sec.txt" "SEC003 docker-compose.yml 5 False" "--select SEC finds the token in the broken file"
expect_contains "$TMP/sec.txt" "SEC003 secret.yaml 6 False" "--select SEC scans the unrendered template's secrets"
expect_contains "$TMP/all.txt" "SEC003 secret.yaml 6 False" "a full scan scans the unrendered template's secrets"
expect_not_contains "$TMP/all.txt" "K8S" "a full scan skips the Kubernetes rules of the unrendered template"
expect_not_contains "$TMP/all.txt" "LNT001 secret.yaml" "a full scan reports no parse error in the unrendered template"
expect_contains "$TMP/sec.txt" "SEC003 Dockerfile 4 True" "--select SEC: the suppression covers the whole RUN"
if [ "$(rules "$TMP/all.json" SEC)" = "$(cat "$TMP/sec.txt")" ] && [ -s "$TMP/sec.txt" ]; then
  ok "--select SEC gives the SEC findings of a full scan"
else
  fail "--select SEC differs from the SEC findings of a full scan"; diff <(rules "$TMP/all.json" SEC) "$TMP/sec.txt" | head -10
fi

# LNT001 stays on for the formats the selected rules read, and everywhere when selected itself.
for sel in DC DF LNT001; do
  "$LINTEL" scan --no-config --format json --fail-on never --select $sel docker-compose.yml > "$TMP/$sel.json"
  rules "$TMP/$sel.json" > "$TMP/$sel.txt"
done
expect_contains "$TMP/DC.txt" "LNT001 docker-compose.yml" "--select DC reports the compose parse error"
expect_not_contains "$TMP/DF.txt" "LNT001" "--select DF does not parse compose files"
expect_contains "$TMP/LNT001.txt" "LNT001 docker-compose.yml" "--select LNT001 parses every format"

# A suppression of LNT001 in a file not parsed is not unused.
"$LINTEL" scan --no-config --format json --fail-on never --select SEC,LNT004 compose.yaml > "$TMP/unused.json"
rules "$TMP/unused.json" > "$TMP/unused.txt"
expect_contains "$TMP/unused.txt" "SEC003 compose.yaml" "--select SEC,LNT004 finds the token"
expect_not_contains "$TMP/unused.txt" "LNT004" "no LNT004 for an LNT001 suppression in a file not parsed"
"$LINTEL" scan --no-config --format json --fail-on never --select DC,LNT004 compose.yaml > "$TMP/used.json"
rules "$TMP/used.json" > "$TMP/used.txt"
expect_contains "$TMP/used.txt" "LNT001 compose.yaml" "--select DC parses the file and reports its parse error"
expect_not_contains "$TMP/used.txt" "LNT004" "the LNT001 suppression is used when compose files are parsed"
finish
