#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit from
# PyPI on a scratch repository, as a newsroom would install them: pre-commit
# builds copydesk from this repository at its HEAD commit (language: rust).
# Proves: `copydesk` fails the commit on a finding in a changed article;
# `copydesk-fix` fixes the article and never touches the registry or the
# configuration, though pre-commit sends them too (types_or: text).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="$work/cache"
scratch="$work/newsroom"
mkdir -p "$scratch/articles"
cd "$scratch"
git init -q
git config user.email desk@example.org
git config user.name desk
cat > copydesk.toml <<'TOML'
registry = ["actors.toml"]
include = ["articles/**/*.md"]
TOML
cat > actors.toml <<'TOML'
[[actor]]
id = "ana-ruiz"
name = "Ana Ruiz"
kind = "person"
variants = ["Ana Ruis"]
TOML
printf 'Ana Ruis said the ferries would sail.\n' > articles/ferries.md
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: copydesk
YAML
git add -A
fail() { echo "pre-commit e2e: $*" >&2; exit 1; }
set +e
out=$("$work/venv/bin/pre-commit" run --all-files 2>&1)
status=$?
set -e
[ "$status" = 1 ] || fail "the copydesk hook exited $status, expected 1: $out"
grep -q "articles/ferries.md:1:1: warning\[name-variant\] ‘Ana Ruis’ is a variant spelling of Ana Ruiz" <<<"$out" \
  || fail "no name-variant finding in: $out"
grep -q "actors.toml" <<<"$out" && fail "the registry was checked as an article: $out"
cp actors.toml "$work/actors.before"
cp copydesk.toml "$work/config.before"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: copydesk-fix
YAML
git add -A
set +e
"$work/venv/bin/pre-commit" run --all-files >/dev/null 2>&1
set -e
[ "$(cat articles/ferries.md)" = "Ana Ruiz said the ferries would sail." ] || fail "not fixed: $(cat articles/ferries.md)"
cmp -s actors.toml "$work/actors.before" || fail "copydesk-fix rewrote actors.toml"
cmp -s copydesk.toml "$work/config.before" || fail "copydesk-fix rewrote copydesk.toml"
echo "pre-commit e2e: copydesk fails on the article's finding; copydesk-fix fixes the article, leaves the registry and configuration alone"
