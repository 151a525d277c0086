#!/usr/bin/env bash
# End-to-end test of the Neovim plugin (editors/neovim) with the real server:
# installs Neovim 0.11.4 from PyPI into tests/neovim/.venv (once), copies the
# example corpus to a temporary folder and runs tests/neovim/e2e.lua headless,
# once with the 0.11 native configuration (vim.lsp.config/enable) and once
# through vim.lsp.start (the Neovim 0.10 path).
#
#   bash tests/neovim/run.sh
#
# COPYDESK_BIN     the server binary (default: target/debug/copydesk)
# COPYDESK_NVIM_VENV  the venv to use (default: tests/neovim/.venv)
# COPYDESK_NVIM_MODES modes to run (default: "native start")
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="${COPYDESK_NVIM_VENV:-$here/.venv}"
bin="${COPYDESK_BIN:-$repo/target/debug/copydesk}"
modes="${COPYDESK_NVIM_MODES:-native start}"

if [ ! -x "$bin" ]; then
  echo "run.sh: copydesk binary not found at $bin (build it with 'cargo build', or set COPYDESK_BIN)" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

python="${PYTHON:-python3}"
# (Re)create the venv unless it is a working one (a half-made or copied venv
# may lack pip, or its python may be the system's).
if ! "$venv/bin/python" -c 'import sys, pip; sys.exit(sys.prefix == sys.base_prefix)' >/dev/null 2>&1; then
  "$python" -m venv --clear "$venv"
fi
# Quick when the pinned version is already there.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
nvim="$venv/bin/nvim"
if [ ! -x "$nvim" ]; then
  echo "run.sh: $nvim missing after installing $(grep -v '^#' "$here/requirements.txt")" >&2
  exit 2
fi
echo "Using $("$nvim" --version | head -n 1) ($nvim)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Keep the user's Neovim configuration, state and logs out of the test.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
unset NVIM_APPNAME VIMINIT

total=0
status=0
for mode in $modes; do
  corpus="$tmp/corpus-$mode"
  cp -R "$repo/examples" "$corpus"
  log="$tmp/$mode.log"
  set +e
  COPYDESK_BIN="$bin" COPYDESK_CORPUS="$corpus" COPYDESK_NVIM_MODE="$mode" \
    timeout 300 "$nvim" --headless -u NONE -i NONE -l "$here/e2e.lua" </dev/null 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  set -e
  last="$(tail -n 1 "$log")"
  if [ "$code" -ne 0 ] || ! [[ "$last" =~ ^([0-9]+)\ passed,\ 0\ failed$ ]]; then
    echo "run.sh: Neovim e2e ($mode) failed (exit $code)" >&2
    if [ -f "$XDG_STATE_HOME/nvim/lsp.log" ]; then
      echo "--- lsp.log (last 40 lines)" >&2
      tail -n 40 "$XDG_STATE_HOME/nvim/lsp.log" >&2
    fi
    status=1
    continue
  fi
  total=$((total + BASH_REMATCH[1]))
done

if [ "$status" -ne 0 ]; then
  exit "$status"
fi
echo "$total passed, 0 failed"
