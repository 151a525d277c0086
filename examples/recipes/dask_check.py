"""Check a corpus with Dask and the copydesk Python package (docs/ci.md).

    python dask_check.py --workspace newsroom/ --corpus corpus.jsonl --out records/

The corpus is JSON Lines, one article a line as for ``copydesk check
--stdin-jsonl``: ``{"id": ..., "text": "...", "path": "a.md"?, "date":
"YYYY-MM-DD"?}``. ``--scheduler`` names a ``dask.distributed`` scheduler
address; without it the local multiprocessing scheduler runs the job.

The workspace (copydesk.toml and its registry) is loaded once here, so a
broken registry stops the run with its file:line:column before any work;
it ships with the task graph (a ``Workspace`` pickles as its configuration
and registry files) and each worker process loads it once. Each partition
is analysed with ``Workspace.analyze_many`` (every core, without the GIL).
The records are written and counted in one pass.

Writes the export records (JSON Lines, one file per partition) to ``--out``
and prints the summary ``copydesk check`` prints for the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import List

import copydesk
import dask
import dask.bag as db


def analyse_partition(lines: List[str], ws: copydesk.Workspace, out: str, index: int) -> List[copydesk.Totals]:
    """Analyses one partition, writes its records, returns its totals."""
    totals = copydesk.Totals()
    items = (json.loads(line) for line in lines if line.strip())
    path = os.path.join(out, f"part-{index:05}.jsonl")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        for line in ws.analyze_many(items, as_json=True):
            totals.add(json.loads(line))
            f.write(line + "\n")
    os.replace(path + ".tmp", path)
    return [totals]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", required=True, help="copydesk.toml, or the folder holding it")
    parser.add_argument("--corpus", required=True, help="JSON Lines corpus (a path or glob Dask reads)")
    parser.add_argument("--out", required=True, help="folder for the records")
    parser.add_argument("--blocksize", default="64MiB", help="bytes of corpus per partition")
    parser.add_argument("--scheduler", default=None, help="a dask.distributed scheduler address")
    args = parser.parse_args()

    ws = copydesk.Workspace(args.workspace)  # fails here if the registry is broken
    os.makedirs(args.out, exist_ok=True)
    lines = db.read_text(args.corpus, blocksize=args.blocksize)
    shipped = dask.delayed(ws)  # one node of the graph, sent to each worker once
    parts = [
        dask.delayed(analyse_partition)(part, shipped, args.out, i) for i, part in enumerate(lines.to_delayed())
    ]
    if args.scheduler:
        from dask.distributed import Client

        with Client(args.scheduler):
            results = dask.compute(*parts)
    else:
        results = dask.compute(*parts, scheduler="processes")
    totals = sum((t for part in results for t in part), copydesk.Totals())
    print(totals)
    return 1 if totals.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
