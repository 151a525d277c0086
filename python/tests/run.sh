#!/usr/bin/env bash
# The Python package end to end (README, "Python"; run by scripts/test):
#   1. the core compiles without its edges: the python crate with
#      --no-default-features builds, and pulls in none of the edge crates
#      (ARCHITECTURE.md, invariant 1);
#   2. `pip wheel .` builds the manylinux2014 wheel (maturin and zig from
#      PyPI; a debug build unless COPYDESK_WHEEL_PROFILE=release);
#   3. a fresh virtual environment installs the wheel and runs
#      python/tests with pytest: the API, errors, equality with the CLI,
#      the wheel's tags and symbols, and the Spark (local mode; Java from
#      Debian's openjdk-17-jre-headless) and Dask recipes on a generated corpus.
#
#   bash python/tests/run.sh
#
# COPYDESK_BIN       the binary results must equal (default target/debug/copydesk)
# COPYDESK_GENERATE  copydesk-generate (default target/debug/copydesk-generate)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
export COPYDESK_BIN="${COPYDESK_BIN:-$repo/target/debug/copydesk}"
export COPYDESK_GENERATE="${COPYDESK_GENERATE:-$repo/target/debug/copydesk-generate}"
for bin in "$COPYDESK_BIN" "$COPYDESK_GENERATE"; do
  if [ ! -x "$bin" ]; then
    echo "run.sh: $bin not found (cargo build --features generator --bins)" >&2
    exit 2
  fi
done

echo "-- the core builds without tokio, tower-lsp, clap or any edge crate"
cargo check --locked --quiet -p copydesk-python --no-default-features
edges=$(cargo tree --locked -p copydesk-python --no-default-features -e normal --prefix none \
  | grep -E '^(tokio|tower-lsp-server|clap|indicatif|similar|dashmap|ropey|mimalloc|libmimalloc-sys) ' || true)
if [ -n "$edges" ]; then
  echo "run.sh: the core (copydesk-python without features) depends on edge crates:" >&2
  echo "$edges" | sort -u >&2
  exit 1
fi

if ! command -v java >/dev/null; then
  echo "-- installing Java for PySpark (openjdk-17-jre-headless)"
  sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
  log="$(mktemp)"
  if ! { "${sudo[@]}" apt-get install -y -qq openjdk-17-jre-headless >"$log" 2>&1 \
    || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq openjdk-17-jre-headless; } >"$log" 2>&1; }; then
    cat "$log" >&2
    exit 2
  fi
  rm -f "$log"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-python.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

echo "-- pip wheel . (manylinux2014, ${COPYDESK_WHEEL_PROFILE:-dev} profile)"
python3 -m venv "$tmp/build"
"$tmp/build/bin/pip" wheel --quiet --disable-pip-version-check --no-deps -w "$tmp/wheels" . \
  --config-settings "maturin.build-args=--profile ${COPYDESK_WHEEL_PROFILE:-dev}"
wheel="$(ls "$tmp"/wheels/copydesk-*.whl)"
export COPYDESK_WHEEL="$wheel"

echo "-- a fresh virtual environment: the wheel, then pytest"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" -r python/tests/requirements.txt
"$tmp/venv/bin/copydesk" --version
# From outside the source tree, so `import copydesk` is the installed wheel.
(cd "$tmp" && "$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/python/tests")
