"""The module's API over the installed wheel: records equal the CLI's."""

from __future__ import annotations

import datetime
import json
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import copydesk
from copydesk import _ship
from conftest import EXAMPLES, export_records, run_cli


@pytest.fixture(scope="module")
def ws() -> copydesk.Workspace:
    return copydesk.Workspace(EXAMPLES)


def test_the_command_and_the_module_are_one_version():
    done = subprocess.run(
        [str(Path(sys.executable).parent / "copydesk"), "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"copydesk {copydesk.__version__}"
    assert copydesk.__version__ == "0.1.0"


def test_the_wheels_command_checks_like_the_binary():
    wheel = subprocess.run(
        [str(Path(sys.executable).parent / "copydesk"), "check", "."], cwd=EXAMPLES, capture_output=True, text=True
    )
    binary = run_cli("check", ".", cwd=EXAMPLES)
    assert (wheel.returncode, wheel.stdout) == (binary.returncode, binary.stdout) == (1, binary.stdout)
    assert "Found 21 findings (11 warnings, 4 info, 6 hints) in 6 of 7 articles." in wheel.stdout.splitlines()


def test_analyze_equals_export_for_every_example_article(ws, tmp_path):
    exported = export_records(EXAMPLES, tmp_path / "out")
    assert len(exported) == 7
    for path in ws.articles():
        relative = os.path.relpath(path, EXAMPLES)
        text = Path(path).read_text(encoding="utf-8")
        assert ws.analyze(text, path=relative) == exported[relative], relative
    assert sum(len(r["findings"]) for r in exported.values()) == 21


def test_analyze_many_equals_export_stdin_jsonl_in_order_with_ids(ws):
    texts = [Path(p).read_text(encoding="utf-8") for p in ws.articles()]
    items = [{"id": i, "text": t, "date": "2025-06-30"} for i, t in enumerate(texts * 3)]
    stream = run_cli("export", "--stdin-jsonl", cwd=EXAMPLES, stdin="".join(json.dumps(i) + "\n" for i in items))
    assert stream.returncode == 0, stream.stderr
    expected = [json.loads(line) for line in stream.stdout.splitlines()]
    got = list(ws.analyze_many(items, batch_size=4))
    assert [r["id"] for r in got] == list(range(21))
    assert got == expected
    # As JSON: the very lines the CLI writes.
    assert list(ws.analyze_many(iter(items), batch_size=5, as_json=True)) == stream.stdout.splitlines()


def test_a_record_has_the_export_shape(ws):
    text = "Oleg Bondar said the vote was close. \u201cWe lost,\u201d Bondar said.\n"
    record = ws.analyze(text, date=datetime.date(2026, 3, 1))
    assert sorted(record) == ["findings", "mentions", "metadata", "quotes", "text"]
    assert [(m["actor"], m["text"], m["start"], m["end"], m["form"]) for m in record["mentions"]] == [
        ("oleg-bondar", "Oleg Bondar", 0, 11, "name"),
        ("oleg-bondar", "Bondar", 48, 54, "surname"),
    ]
    assert [(q["text"], q["kind"], q["cue"]["text"], q["speaker"]["actor"]) for q in record["quotes"]] == [
        ("the vote was close", "indirect", "said", "oleg-bondar"),
        ("\u201cWe lost,\u201d", "direct", "said", "oleg-bondar"),
    ]
    assert record["metadata"]["date"] is None  # the date argument is a default, not front matter
    assert text[record["mentions"][1]["start"] : record["mentions"][1]["end"]] == "Bondar"


def test_date_is_the_default_date_and_a_bad_one_is_refused(ws):
    with pytest.raises(ValueError, match=r'date "2026-02-30" cannot be used'):
        ws.analyze("text", date="2026-02-30")
    with pytest.raises(TypeError, match="date must be"):
        ws.analyze("text", date=20260301)
    with pytest.raises(ValueError, match=r"item 1: date \"soon\""):
        list(ws.analyze_many(["a", {"text": "b", "date": "soon"}]))


def test_registry_lookups(ws):
    registry = ws.registry
    assert len(registry) == 14 and "oleg-bondar" in registry and "nobody" not in registry
    bondar = registry.actor("oleg-bondar")
    assert (bondar["name"], bondar["kind"], bondar["variants"], Path(bondar["path"])) == (
        "Oleg Bondar",
        "person",
        ["Oleh Bondar"],
        EXAMPLES / "actors.toml",
    )
    assert bondar["roles"][0]["from"] == "2022-09-10" and bondar["roles"][0]["to"] is None
    assert registry.actor("nobody") is None
    assert [(a["id"], a["form"]) for a in registry.lookup("Bondar")] == [("oleg-bondar", "surname")]
    assert [(a["id"], a["form"]) for a in registry.lookup("Oleh Bondar")] == [("oleg-bondar", "variant")]
    assert [a["id"] for a in registry.lookup("Lena Markovic")] == ["lena-markovic"]  # without diacritics
    assert registry.lookup("Nobody Atall") == []
    assert registry.ids()[: len(registry)] == registry.ids() and len(registry.ids()) == 14
    standalone = copydesk.Registry([EXAMPLES / "actors.toml"])
    assert standalone.ids() == registry.ids()


def write_workspace(folder: Path, registry: str) -> Path:
    folder.mkdir()
    (folder / "copydesk.toml").write_text('registry = ["actors.toml"]\n', encoding="utf-8")
    (folder / "actors.toml").write_text(registry, encoding="utf-8")
    return folder


def test_a_broken_registry_raises_with_file_line_and_column(tmp_path):
    folder = write_workspace(tmp_path / "ws", '[[actor]]\nid = "a"\nname = "A"\n\n[[actor]]\nid = "a"\nname = "B"\n')
    with pytest.raises(copydesk.CopydeskError) as raised:
        copydesk.Workspace(folder)
    problem = raised.value.problems[0]
    assert (Path(problem["path"]).name, problem["line"], problem["column"], problem["level"]) == (
        "actors.toml",
        6,
        6,
        "error",
    )
    # The same problem, worded as the CLI words it.
    cli = run_cli("check", ".", cwd=folder)
    assert cli.returncode == 2
    # The same problem as the CLI reports it (which names paths relative to where it runs).
    assert str(raised.value).replace(f"{folder}/", "") + "\n" == cli.stderr
    assert cli.stderr.startswith("actors.toml:6:6: error: duplicate actor id `a`")


def test_a_missing_configuration_raises(tmp_path):
    with pytest.raises(copydesk.CopydeskError, match=r"copydesk\.toml.*cannot read configuration"):
        copydesk.Workspace(tmp_path)


def test_a_workspace_pickles_as_its_configuration_and_registry(ws, tmp_path):
    shipped = pickle.loads(pickle.dumps(ws))
    assert shipped.config_path != ws.config_path and Path(shipped.config_path).name == "copydesk.toml"
    assert shipped.registry.ids() == ws.registry.ids()
    text = (EXAMPLES / "articles/politics/2026-02-14-budget-vote.md").read_text(encoding="utf-8")
    assert shipped.analyze(text, path="a.md") == ws.analyze(text, path="a.md")
    assert pickle.loads(pickle.dumps(ws)) is shipped  # loaded once per process
    # Its temporary folder is gone once loaded (workers end with os._exit,
    # which would leave it behind), yet it ships again, and has no articles.
    assert not Path(shipped.root).exists()
    assert shipped.articles() == []
    assert pickle.loads(pickle.dumps(shipped)) is shipped


def test_a_worker_that_ends_with_os_exit_leaves_no_folder_behind(ws, tmp_path):
    payload = pickle.dumps(ws)
    script = (
        "import os, pickle, sys, tempfile\n"
        "tempfile.tempdir = sys.argv[1]\n"
        "shipped = pickle.loads(sys.stdin.buffer.read())\n"
        "print(len(shipped.registry.ids()), flush=True)\n"
        "os._exit(0)\n"
    )
    spool = tmp_path / "spool"
    spool.mkdir()
    done = subprocess.run([sys.executable, "-c", script, str(spool)], input=payload, capture_output=True, check=True)
    assert int(done.stdout) == len(ws.registry.ids())
    assert list(spool.iterdir()) == []


def test_an_unpickled_workspace_writes_nothing_outside_its_folder(tmp_path):
    for name in ["../escape.toml", "/tmp/escape.toml", "a/../../escape.toml"]:
        with pytest.raises(ValueError, match="not a path inside a workspace"):
            _ship.unbundle("copydesk.toml", {"copydesk.toml": b"", name: b""})
    assert not (tmp_path.parent / "escape.toml").exists()


def test_analyze_many_releases_the_gil(ws):
    text = (EXAMPLES / "articles/politics/2026-02-14-budget-vote.md").read_text(encoding="utf-8")
    batch = [(text, "a.md", None, None)] * 400
    done = threading.Event()
    results = []

    def analyse() -> None:
        try:
            results.append(ws._ws.analyze_batch_json(batch))
        finally:
            done.set()

    worker = threading.Thread(target=analyse)
    ticks = 0
    start = time.perf_counter()
    worker.start()
    while not done.is_set() and time.perf_counter() - start < 120:
        ticks += 1
    worker.join()
    elapsed = time.perf_counter() - start
    assert len(results) == 1 and len(results[0]) == 400
    # Python code ran all along the batch: a held GIL would allow almost none.
    assert elapsed > 0.05 and ticks > 20_000, (elapsed, ticks)
