# --cache (cold == warm, a warm run reads entries instead of linting, cross-file invalidation),
# --shard K/N (a partition of the files; merged shards == the unsharded run), lintel merge, and
# the docs/examples manifests lint clean. (--jobs 1 == --jobs N is in outputs.sh.)
source "$(dirname "$0")/lib.bash"
case "$LINTEL" in /*) ;; *) LINTEL="$PWD/$LINTEL" ;; esac
cd "$SRC"

# A small project with both kinds of cross-file facts.
W="$TMP/tree"
mkdir -p "$W/app" "$W/infra"
cat > "$W/compose.yaml" <<'EOF'
services:
  api:
    build: ./app
    image: example/api:1.0
EOF
cat > "$W/app/Dockerfile" <<'EOF'
FROM python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
USER 1000
CMD ["python", "-m", "app"]
EOF
cat > "$W/infra/main.tf" <<'EOF'
resource "aws_security_group" "ssh" {
  name = "ssh"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }
}
EOF
cat > "$W/infra/variables.tf" <<'EOF'
variable "admin_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}
EOF
cp fixtures/secrets/*/bad.* "$W/" 2>/dev/null || true

scan() {  # scan ARGS... : the tree's SARIF and text on stdout of two files
  (cd "$W" && "$LINTEL" scan --fail-on never "$@")
}

# --- cache: cold == warm ------------------------------------------------------------------------
scan --format sarif --no-cache > "$TMP/nocache.sarif"
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/cold.sarif" 2> "$TMP/cold.err"
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/warm.sarif" 2> "$TMP/warm.err"
if cmp -s "$TMP/nocache.sarif" "$TMP/cold.sarif"; then ok "cold cached run == uncached run (SARIF)"; else fail "cold cached run differs from an uncached run"; diff "$TMP/nocache.sarif" "$TMP/cold.sarif" | head; fi
if cmp -s "$TMP/cold.sarif" "$TMP/warm.sarif"; then ok "warm run == cold run (SARIF)"; else fail "warm run differs from cold run"; diff "$TMP/cold.sarif" "$TMP/warm.sarif" | head; fi
expect_contains "$TMP/cold.err" " 0 hits," "cold run has no cache hits"
expect_contains "$TMP/warm.err" " 0 misses," "warm run has no cache misses"
scan --format text --cache "$TMP/c" > "$TMP/warm.txt"
scan --format text --no-cache > "$TMP/nocache.txt"
if cmp -s "$TMP/nocache.txt" "$TMP/warm.txt"; then ok "warm run == uncached run (text)"; else fail "warm text differs"; fi
if ls "$TMP/c"/*/*.json > /dev/null 2>&1; then ok "entries stored as DIR/<2 hex>/<hash>.json"; else fail "no cache entries"; ls -R "$TMP/c" | head; fi
expect_contains "$TMP/c/.gitignore" "*" "cache folder ignores itself for git"

# A cache folder inside the scanned tree is never linted (its entries quote findings).
scan --format sarif --cache .lintel-cache > /dev/null
scan --format sarif --cache .lintel-cache > "$TMP/inside.sarif"
expect_not_contains "$TMP/inside.sarif" ".lintel-cache/" "cache folder inside the tree is not scanned"

# The warm run uses the entries instead of linting: doctor every stored message and watch the
# doctored text come out.
/usr/bin/python3 - "$TMP/c" <<'EOF'
import glob, json, sys
for p in glob.glob(sys.argv[1] + "/*/*.json"):
    d = json.load(open(p))
    for f in d["findings"]:
        f["message"] = "FROM-THE-CACHE " + f["message"]
    json.dump(d, open(p, "w"))
EOF
scan --format text --cache "$TMP/c" > "$TMP/doctored.txt"
expect_contains "$TMP/doctored.txt" "FROM-THE-CACHE" "warm run reads results from the cache (no re-lint)"
# A corrupt or truncated entry is a miss: the file is linted again and the entry rewritten.
for p in "$TMP"/c/*/*.json; do printf '{"format":"lintel-cache/1","key":' > "$p"; done
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/repaired.sarif" 2> "$TMP/repaired.err"
if cmp -s "$TMP/nocache.sarif" "$TMP/repaired.sarif"; then ok "corrupt entries are misses, output == uncached"; else fail "corrupt entries changed the output"; fi
expect_contains "$TMP/repaired.err" " 0 hits," "corrupt entries are not hits"
scan --format sarif --cache "$TMP/c" > "$TMP/rewarm.sarif"
if cmp -s "$TMP/nocache.sarif" "$TMP/rewarm.sarif"; then ok "rewritten entries give the same output"; else fail "rewritten entries differ"; fi

# A different configuration is a different key. (Named paths: this run must not prune the
# entries of the default configuration, which the next checks rely on.)
scan --format text --cache "$TMP/c" --select DC003 compose.yaml app > "$TMP/select.txt"
scan --format text --no-cache --select DC003 compose.yaml app > "$TMP/select-nocache.txt"
if cmp -s "$TMP/select.txt" "$TMP/select-nocache.txt"; then ok "--select with the cache == without"; else fail "--select with the cache differs"; fi

# --- cross-file invalidation ---------------------------------------------------------------------
hc='Dockerfile \"app/Dockerfile\" declares no HEALTHCHECK'
expect_contains "$TMP/warm.sarif" "$hc" "compose finding from its Dockerfile (before)"
sed -i 's|^CMD|HEALTHCHECK CMD ["python", "-m", "app.health"]\nCMD|' "$W/app/Dockerfile"
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/df-edit.sarif" 2> "$TMP/df-edit.err"
expect_contains "$TMP/df-edit.err" " 2 misses," "Dockerfile edit: only the Dockerfile and its compose file are re-linted"
scan --format sarif --no-cache > "$TMP/df-edit-nocache.sarif"
expect_not_contains "$TMP/df-edit.sarif" "$hc" "editing the Dockerfile changes the compose file's cached result"
if cmp -s "$TMP/df-edit.sarif" "$TMP/df-edit-nocache.sarif"; then ok "after the Dockerfile edit, warm == uncached"; else fail "after the Dockerfile edit, warm differs from uncached"; fi

has_tf002() {  # SARIF: a TF002 result on infra/main.tf?
  /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
hits = [r for r in d["runs"][0]["results"] if r["ruleId"] == "TF002"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "infra/main.tf"]
sys.exit(0 if hits else 1)' "$1"
}
if has_tf002 "$TMP/warm.sarif"; then fail "open ingress reported while the variable is private"; else ok "no open ingress while the variable is private"; fi
sed -i 's|10.0.0.0/8|0.0.0.0/0|' "$W/infra/variables.tf"
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/tf-edit.sarif" 2> "$TMP/tf-edit.err"
expect_contains "$TMP/tf-edit.err" " 2 misses," ".tf edit: only the module's two files are re-linted"
scan --format sarif --no-cache > "$TMP/tf-edit-nocache.sarif"
if has_tf002 "$TMP/tf-edit.sarif"; then ok "editing variables.tf changes the cached result of main.tf"; else fail "main.tf result not invalidated by variables.tf"; fi
if cmp -s "$TMP/tf-edit.sarif" "$TMP/tf-edit-nocache.sarif"; then ok "after the .tf edit, warm == uncached"; else fail "after the .tf edit, warm differs from uncached"; fi

# Adding the missing .dockerignore flips DF's sibling check: an 'exists' dependency.
touch "$W/app/.dockerignore"
scan --format sarif --cache "$TMP/c" --verbose > "$TMP/ign.sarif" 2> "$TMP/ign.err"
expect_contains "$TMP/ign.err" " 1 misses," "new .dockerignore: the Dockerfile beside it is re-linted"
scan --format sarif --no-cache > "$TMP/ign-nocache.sarif"
if cmp -s "$TMP/ign.sarif" "$TMP/ign-nocache.sarif"; then ok "adding a .dockerignore: warm == uncached"; else fail "adding a .dockerignore: warm differs"; fi

# Config key: cache = true means .lintel-cache; --no-cache turns it off.
printf 'cache = true\n' > "$W/.lintel.toml"
rm -rf "$W/.lintel-cache"
scan --format text > /dev/null
if [ -d "$W/.lintel-cache" ]; then ok "config cache = true uses .lintel-cache"; else fail "config cache = true made no .lintel-cache"; fi
rm -rf "$W/.lintel-cache"
scan --format text --no-cache > /dev/null
if [ ! -d "$W/.lintel-cache" ]; then ok "--no-cache overrides the config"; else fail "--no-cache still wrote a cache"; fi
rm -f "$W/.lintel.toml"

# A whole-tree run prunes entries nobody used; a partial run (named paths) keeps them.
scan --format text --cache "$TMP/c" --select DC003,TF002 compose.yaml app infra > /dev/null
before=$(ls "$TMP"/c/*/*.json | wc -l)
scan --format text --cache "$TMP/c" > /dev/null
after=$(ls "$TMP"/c/*/*.json | wc -l)
if [ "$after" -lt "$before" ]; then ok "whole-tree run prunes stale entries ($before -> $after)"; else fail "no pruning ($before -> $after)"; fi

# --- shards ------------------------------------------------------------------------------------
"$LINTEL" scan --format sarif --fail-on never fixtures > "$TMP/all.sarif"
"$LINTEL" scan --list-files fixtures | sort > "$TMP/all.files"
: > "$TMP/union.files"
for k in 1 2 3; do
  "$LINTEL" scan --format sarif --fail-on never --shard "$k/3" fixtures > "$TMP/shard$k.sarif"
  "$LINTEL" scan --list-files --shard "$k/3" fixtures > "$TMP/shard$k.files"
  cat "$TMP/shard$k.files" >> "$TMP/union.files"
  if [ -s "$TMP/shard$k.files" ]; then ok "shard $k/3 is not empty"; else fail "shard $k/3 is empty"; fi
done
if [ "$(sort "$TMP/union.files")" = "$(cat "$TMP/all.files")" ]; then ok "every file is in exactly one of 3 shards"; else fail "shards are not a partition of the files"; fi
shard_of() { grep -lF -- "$1" "$TMP"/shard?.files | head -1; }
if [ "$(shard_of fixtures/compose/missing-healthcheck/bad.yaml)" = "$(shard_of fixtures/compose/missing-healthcheck/app/Dockerfile)" ]; then ok "a compose file and the Dockerfile it builds share a shard"; else fail "compose file and its Dockerfile in different shards"; fi
tfdir=fixtures/terraform/open-ingress/tfvars-module
if [ "$(grep -lF "$tfdir/" "$TMP"/shard?.files | wc -l)" -eq 1 ]; then ok "a Terraform module stays in one shard"; else fail "Terraform module split across shards"; fi
"$LINTEL" merge "$TMP/shard1.sarif" "$TMP/shard2.sarif" "$TMP/shard3.sarif" --fail-on never > "$TMP/merged.sarif"
if cmp -s "$TMP/all.sarif" "$TMP/merged.sarif"; then ok "merge of shards 1..3 == unsharded SARIF (byte-identical)"; else fail "merged SARIF differs from the unsharded run"; diff "$TMP/all.sarif" "$TMP/merged.sarif" | head -20; fi
"$LINTEL" merge "$TMP/shard3.sarif" "$TMP/shard1.sarif" "$TMP/shard2.sarif" --fail-on never -o "$TMP/merged2.sarif"
if cmp -s "$TMP/all.sarif" "$TMP/merged2.sarif"; then ok "merge does not depend on input order"; else fail "merge depends on input order"; fi
"$LINTEL" scan --format text --fail-on never fixtures > "$TMP/all.txt"
"$LINTEL" merge --format text --fail-on never "$TMP"/shard?.sarif > "$TMP/merged.txt"
if [ "$(grep -v ' in [0-9]* files\?$' "$TMP/all.txt")" = "$(grep -v ' in [0-9]* files\?$' "$TMP/merged.txt")" ]; then ok "merge --format text lists the same findings"; else fail "merge --format text differs"; fi
expect_exit 1 "merge fails on findings like scan" -- "$LINTEL" merge "$TMP/shard1.sarif" "$TMP/shard2.sarif" "$TMP/shard3.sarif"
echo '{"runs": 3}' > "$TMP/bad.sarif"
expect_exit 2 "merge of a non-SARIF file" -- "$LINTEL" merge "$TMP/bad.sarif"
expect_exit 2 "merge of a missing file" -- "$LINTEL" merge "$TMP/nope.sarif"
expect_exit 2 "merge with no inputs" -- "$LINTEL" merge

for bad in 0/4 5/4 x 4 /4 2/ 1/0 -1/4 1.5/4 "1/4/2"; do
  expect_exit 2 "--shard $bad is a usage error" -- "$LINTEL" scan --shard "$bad" fixtures
  expect_contains "$TMP/err" "--shard needs K/N" "--shard $bad: message"
done
expect_exit 0 "--shard 1/1 is the whole run" -- "$LINTEL" scan --shard 1/1 --fail-on never --format sarif fixtures
if cmp -s "$TMP/out" "$TMP/all.sarif"; then ok "--shard 1/1 == unsharded"; else fail "--shard 1/1 differs"; fi

# --- the scaling examples lint clean --------------------------------------------------------------
expect_exit 0 "docs/examples lint clean" -- "$LINTEL" scan docs/examples
expect_contains "$TMP/out" "No findings" "docs/examples: no findings"
finish
