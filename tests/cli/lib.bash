# Shared by the CLI tests: `bash test.sh <lintel> <source-dir>`; each check prints and counts.
set -u
LINTEL=$1
SRC=$2
fails=0
checks=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { checks=$((checks + 1)); echo "ok: $1"; }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $1"; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
  local want=$1 what=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok "$what (exit $got)"; else
    fail "$what: exit $got, wanted $want"; sed 's/^/  stdout: /' "$TMP/out" | head -20; sed 's/^/  stderr: /' "$TMP/err" | head -20
  fi
}

expect_contains() {  # FILE TEXT DESCRIPTION
  if grep -qF -- "$2" "$1"; then ok "$3"; else fail "$3: '$2' not in $(basename "$1")"; head -20 "$1" | sed 's/^/  /'; fi
}

expect_not_contains() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' found"; grep -nF -- "$2" "$1" | head -5 | sed 's/^/  /'; else ok "$3"; fi
}

finish() {
  echo "$((checks - fails)) passed, $fails failed"
  [ "$fails" -eq 0 ]
}
