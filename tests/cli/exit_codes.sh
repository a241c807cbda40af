# Exit codes and error messages: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O errors.
source "$(dirname "$0")/lib.bash"
cd "$TMP"
printf 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > clean.Dockerfile
printf 'FROM alpine:3.20\nUSER 10001\nHEALTHCHECK CMD true\nMAINTAINER me\nCMD ["true"]\n' > info.Dockerfile
printf 'FROM alpine:latest\nUSER 10001\nHEALTHCHECK CMD true\nCMD ["true"]\n' > error.Dockerfile

expect_exit 0 "clean file" -- "$LINTEL" scan clean.Dockerfile
expect_exit 0 "info finding below the default threshold" -- "$LINTEL" scan info.Dockerfile
expect_contains "$TMP/out" "info.Dockerfile:4:1: info DF028" "info finding is printed"
expect_exit 1 "info finding with --fail-on info" -- "$LINTEL" scan --fail-on info info.Dockerfile
expect_exit 1 "error finding" -- "$LINTEL" scan error.Dockerfile
expect_contains "$TMP/out" "error.Dockerfile:1:6: error DF001" "error finding is printed with line and column"
expect_exit 1 "error finding with --fail-on error" -- "$LINTEL" scan --fail-on error error.Dockerfile
expect_exit 0 "--fail-on never" -- "$LINTEL" scan --fail-on never error.Dockerfile
expect_exit 0 "--ignore the only failing rule" -- "$LINTEL" scan --ignore DF001 error.Dockerfile
expect_exit 0 "--ignore by peer alias" -- "$LINTEL" scan --ignore hadolint:DL3007 error.Dockerfile
expect_exit 0 "--select another rule" -- "$LINTEL" scan --select DF028 error.Dockerfile
expect_exit 1 "--select by prefix" -- "$LINTEL" scan --select DF0 error.Dockerfile
expect_exit 2 "missing path" -- "$LINTEL" scan does-not-exist
expect_contains "$TMP/err" "lintel: cannot read 'does-not-exist': No such file or directory" "missing path message"
expect_exit 2 "unknown option" -- "$LINTEL" scan --frobnicate
expect_contains "$TMP/err" "unknown option '--frobnicate'" "unknown option message"
expect_exit 2 "unknown rule in --select" -- "$LINTEL" scan --select NOPE123 clean.Dockerfile
expect_exit 2 "bad --fail-on" -- "$LINTEL" scan --fail-on sometimes clean.Dockerfile
expect_exit 2 "bad --format" -- "$LINTEL" scan --format xml clean.Dockerfile
expect_exit 2 "no command" -- "$LINTEL"
# A report that cannot be written (a full disk) fails the run, whatever the findings.
if [ -w /dev/full ]; then
  if "$LINTEL" scan --fail-on never --format sarif error.Dockerfile > /dev/full 2> "$TMP/err"; then
    fail "report to a full disk: exit 0"
  else
    code=$?
    if [ "$code" -eq 2 ]; then ok "report to a full disk (exit 2)"; else fail "report to a full disk: exit $code, wanted 2"; fi
  fi
  expect_contains "$TMP/err" "cannot write the report to standard output: No space left on device" "full disk message"
  "$LINTEL" scan --fail-on never --format sarif -o a.sarif error.Dockerfile
  "$LINTEL" merge --fail-on never a.sarif > /dev/full 2>/dev/null
  code=$?
  if [ "$code" -eq 2 ]; then ok "merge to a full disk (exit 2)"; else fail "merge to a full disk: exit $code, wanted 2"; fi
fi
expect_exit 0 "version" -- "$LINTEL" version
expect_contains "$TMP/out" "lintel " "version output"
finish
