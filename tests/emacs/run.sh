#!/usr/bin/env bash
# End-to-end test of the README's Emacs recipe with the real server: installs
# Emacs 28 with eglot and markdown-mode from Debian (emacs-nox, elpa-eglot,
# elpa-markdown-mode; skipped when they are there), copies the example corpus
# to a temporary folder and runs tests/emacs/e2e.el in batch Emacs, which
# loads the recipe from README.md itself.
#
#   bash tests/emacs/run.sh
#
# COPYDESK_BIN  the server binary (default: target/debug/copydesk); it is put
#               on PATH as `copydesk`, the command the recipe runs
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${COPYDESK_BIN:-$repo/target/debug/copydesk}"

if [ ! -x "$bin" ]; then
  echo "run.sh: copydesk binary not found at $bin (build it with 'cargo build', or set COPYDESK_BIN)" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-emacs.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

packages=(emacs-nox elpa-eglot elpa-markdown-mode)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "run.sh: ${missing[*]} missing and no apt-get to install them" >&2
    exit 2
  fi
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    sudo=(sudo)
  fi
  echo "Installing ${missing[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$tmp/apt.log" 2>&1; then
    cat "$tmp/apt.log" >&2
    echo "run.sh: could not install ${missing[*]} with apt-get" >&2
    exit 2
  fi
fi
echo "Using $(emacs --version | head -n 1) ($(command -v emacs))"

mkdir -p "$tmp/bin" "$tmp/home" "$tmp/outside"
ln -s "$bin" "$tmp/bin/copydesk"
cp -R "$repo/examples" "$tmp/corpus"

log="$tmp/e2e.log"
set +e
# -q: no user init file, but Debian's site files and its elpa packages, as a
# user's Emacs has them; HOME keeps the user's ~/.emacs.d out of the test.
HOME="$tmp/home" PATH="$tmp/bin:$PATH" \
  COPYDESK_README="$repo/README.md" COPYDESK_CORPUS="$tmp/corpus" COPYDESK_OUTSIDE="$tmp/outside" \
  COPYDESK_EVENTS_LOG="$tmp/events.log" \
  timeout 300 emacs --batch -q -l "$here/e2e.el" </dev/null >"$log" 2>"$tmp/stderr.log"
code=$?
set -e
cat "$log"
last="$(tail -n 1 "$log")"
if [ "$code" -ne 0 ] || ! [[ "$last" =~ ^[0-9]+\ passed,\ 0\ failed$ ]]; then
  echo "run.sh: Emacs e2e failed (exit $code)" >&2
  echo "--- Emacs messages (last 40 lines)" >&2
  tail -n 40 "$tmp/stderr.log" >&2
  if [ -f "$tmp/events.log" ]; then
    echo "--- eglot's events with copydesk (last 60 lines)" >&2
    tail -n 60 "$tmp/events.log" >&2
  fi
  exit 1
fi
