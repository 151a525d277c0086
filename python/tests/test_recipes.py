"""The Spark and Dask recipes of examples/recipes, run for real on a
generated corpus (PySpark in local mode, Dask's process scheduler): their
records and totals equal `copydesk check` on the same articles."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from conftest import ROOT, run_cli, summary_lines

RECIPES = ROOT / "examples" / "recipes"


def check_findings(folder: Path) -> Tuple[Dict[str, List[Tuple[Any, ...]]], List[str]]:
    """`copydesk check --format json` findings by path, and the text summary."""
    done = run_cli("check", "--format", "json", ".", cwd=folder)
    assert done.returncode in (0, 1), done.stderr
    by_path: Dict[str, List[Tuple[Any, ...]]] = {}
    for f in json.loads(done.stdout)["findings"]:
        by_path.setdefault(f["path"], []).append(key(f))
    text = run_cli("check", ".", cwd=folder)
    return by_path, summary_lines(text.stdout)


def key(finding: Dict[str, Any]) -> Tuple[Any, ...]:
    return tuple(finding[k] for k in ("rule", "severity", "line", "column", "end_line", "end_column", "message", "actor"))


def records_in(out: Path) -> Dict[str, List[Tuple[Any, ...]]]:
    """The recipe's records (every part file), findings by path."""
    found: Dict[str, List[Tuple[Any, ...]]] = {}
    for part in sorted(out.glob("part-*")):
        data = part.read_bytes()
        text = gzip.decompress(data) if part.suffix == ".gz" else data
        for line in text.decode("utf-8").splitlines():
            record = json.loads(line)
            assert record["id"] == record["path"]
            assert record["path"] not in found, "an article was written twice"
            found[record["path"]] = [key(f) for f in record["findings"]]
    return found


def run_recipe(args: List[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=600, cwd=ROOT)


def assert_equal_to_check(corpus: Path, out: Path, stdout: str) -> None:
    expected, summary = check_findings(corpus)
    got = records_in(out)
    assert len(got) == 60
    assert {p: f for p, f in got.items() if f} == expected
    assert sum(map(len, expected.values())) > 20  # the seeded corpus has findings of several rules
    assert summary_lines(stdout) == summary and len(summary) == 2


def test_spark_recipe_equals_check(corpus: Path, tmp_path: Path):
    out = tmp_path / "spark-records"
    spark_submit = Path(sys.executable).parent / "spark-submit"
    done = run_recipe(
        [str(spark_submit), "--master", "local[2]", "--conf", "spark.ui.enabled=false", str(RECIPES / "spark_check.py"),
         "--workspace", str(corpus), "--corpus", str(corpus.parent / "corpus.jsonl"), "--out", str(out),
         "--partitions", "3", "--gzip"]
    )
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Analysed 60 articles once each." in done.stdout.splitlines()
    assert len(list(out.glob("part-*.gz"))) >= 3
    assert_equal_to_check(corpus, out, done.stdout)


def test_dask_recipe_equals_check(corpus: Path, tmp_path: Path):
    out = tmp_path / "dask-records"
    done = run_recipe(
        [sys.executable, str(RECIPES / "dask_check.py"), "--workspace", str(corpus),
         "--corpus", str(corpus.parent / "corpus.jsonl"), "--out", str(out), "--blocksize", "100KiB"]
    )
    assert done.returncode == 1, done.stderr[-3000:]
    assert len(list(out.glob("part-*.jsonl"))) >= 3
    assert_equal_to_check(corpus, out, done.stdout)


def test_a_broken_registry_stops_the_recipe_before_any_work(corpus: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "copydesk.toml").write_text('registry = ["actors.toml"]\n', encoding="utf-8")
    (broken / "actors.toml").write_text('[[actor]]\nid = "Not An Id"\nname = "X"\n', encoding="utf-8")
    done = run_recipe(
        [sys.executable, str(RECIPES / "dask_check.py"), "--workspace", str(broken),
         "--corpus", str(corpus.parent / "corpus.jsonl"), "--out", str(tmp_path / "none")]
    )
    assert done.returncode == 1
    assert "CopydeskError" in done.stderr and "actors.toml:2:6: error" in done.stderr
    assert not (tmp_path / "none").exists()
