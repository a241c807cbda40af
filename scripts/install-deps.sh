#!/usr/bin/env bash
# Installs whatever lintel needs to build and test, and nothing that is already there.
# Idempotent and quiet when everything is present. Debian packages through apt-get (as root,
# or through sudo), the tree-sitter runtime and grammars through `npm ci --ignore-scripts`
# from the pinned lockfile in third_party/tree-sitter.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(g++ cmake make pkg-config libyaml-dev libre2-dev libfmt-dev libtomlplusplus-dev
          nlohmann-json3-dev catch2 python3 python3-jsonschema nodejs npm ccache)
# `--fuzz` (make fuzz): clang and its runtime libraries (libFuzzer, ASan, UBSan) too.
for arg in "$@"; do
  case "$arg" in
    --fuzz) packages+=(clang libclang-rt-dev) ;;
    *) echo "install-deps: unknown option '$arg' (known: --fuzz)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# nodejs/npm may come from another source than Debian (the machine image ships its own).
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}"); missing=("${missing[@]/npm/}")
fi
list=()
for p in "${missing[@]}"; do [ -n "$p" ] && list+=("$p"); done
if [ ${#list[@]} -gt 0 ]; then
  echo "install-deps: installing ${list[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${list[@]}" >/dev/null
fi

ts="$here/third_party/tree-sitter"
stamp="$ts/node_modules/.lintel-stamp"
if [ ! -f "$stamp" ] || [ "$ts/package-lock.json" -nt "$stamp" ]; then
  echo "install-deps: npm ci (tree-sitter runtime and grammars)"
  (cd "$ts" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$stamp"
fi
