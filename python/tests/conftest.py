"""Fixtures of the Python package's tests (run over the installed wheel).

Environment (scripts/test sets it):
  COPYDESK_BIN       the standalone `copydesk` binary the results must equal
                     (default: the wheel's `copydesk` command)
  COPYDESK_GENERATE  the `copydesk-generate` binary (feature `generator`),
                     which writes the recipes' corpus
  COPYDESK_WHEEL     the wheel that was installed (its tags are checked)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def cli() -> str:
    """The CLI the module's results are compared with."""
    return os.environ.get("COPYDESK_BIN") or shutil.which("copydesk", path=os.path.dirname(sys.executable)) or "copydesk"


def run_cli(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([cli(), *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=300)


def export_records(folder: Path, out: Path) -> Dict[str, Dict[str, Any]]:
    """`copydesk export --format jsonl` of a workspace folder, by path."""
    done = run_cli("export", "--format", "jsonl", "-o", str(out), cwd=folder)
    assert done.returncode == 0, done.stderr
    lines = (out / "annotations.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["path"]: r for r in map(json.loads, lines)}


def summary_lines(text: str) -> List[str]:
    """The `Found ...`/`No findings ...` and `Linked ...` lines of a summary."""
    return [l for l in text.splitlines() if l.startswith(("Found ", "No findings ", "Linked "))]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated workspace (seeded) and its corpus as JSON Lines, corpus.jsonl."""
    generate = os.environ.get("COPYDESK_GENERATE")
    if not generate:
        pytest.fail("set COPYDESK_GENERATE to the copydesk-generate binary (cargo build --features generator)")
    folder = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [generate, "--actors", "400", "--articles", "60", "--seed", "11", "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    import copydesk

    ws = copydesk.Workspace(folder)
    with open(folder.parent / "corpus.jsonl", "w", encoding="utf-8") as f:
        for path in ws.articles():
            relative = os.path.relpath(path, folder)
            text = Path(path).read_text(encoding="utf-8")
            f.write(json.dumps({"id": relative, "path": relative, "text": text}) + "\n")
    return folder
