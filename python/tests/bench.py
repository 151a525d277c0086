"""Throughput of ``Workspace.analyze_many`` against the CLI on the same
corpus (BENCHMARKS.md, "Python package").

    python python/tests/bench.py WORKSPACE CORPUS.jsonl COPYDESK_BIN [RUNS]

Times, fastest of RUNS (default 3): ``copydesk export --stdin-jsonl`` (the
binary, records written to /dev/null) and ``analyze_many`` over the same
lines, yielding JSON lines (``as_json=True``, the CLI's output) and
yielding dictionaries (the JSON parsed by ``json.loads``). Prints MB/s and articles/s,
and the Python process's peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import copydesk


def fastest(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    folder, corpus, binary = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    with open(corpus, "rb") as f:
        raw = f.read()
    items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    megabytes = sum(len(i["text"].encode()) for i in items) / 1e6

    def cli() -> None:
        with open(corpus, "rb") as stdin, open(os.devnull, "wb") as out:
            subprocess.run([binary, "export", "--stdin-jsonl"], stdin=stdin, stdout=out, cwd=folder, check=True)

    start = time.perf_counter()
    ws = copydesk.Workspace(folder)
    load = time.perf_counter() - start

    def module(as_json: bool) -> None:
        for _ in ws.analyze_many(items, as_json=as_json):
            pass

    # Interleaved, so a neighbour's load on a shared machine hits each alike.
    times = {"cli": float("inf"), "json": float("inf"), "dicts": float("inf")}
    for _ in range(runs):
        times["cli"] = min(times["cli"], fastest(1, cli))
        times["json"] = min(times["json"], fastest(1, lambda: module(True)))
        times["dicts"] = min(times["dicts"], fastest(1, lambda: module(False)))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(items)} articles, {megabytes:.1f} MB of text; {len(ws.registry)} actors; {os.cpu_count()} cores")
    print(f"registry load (Workspace): {load:.2f} s")
    for name, key in [
        ("copydesk export --stdin-jsonl (binary)", "cli"),
        ("analyze_many(as_json=True)", "json"),
        ("analyze_many (dictionaries)", "dicts"),
    ]:
        seconds = times[key]
        ratio = seconds / times["cli"]
        print(f"{name}: {seconds:.2f} s, {megabytes / seconds:.1f} MB/s, {len(items) / seconds:.0f} articles/s, {ratio:.2f}x CLI time")
    print(f"peak RSS of the Python process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
