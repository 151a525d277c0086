"""Check a corpus on Spark with the copydesk Python package (docs/ci.md).

    spark-submit spark_check.py --workspace newsroom/ --corpus corpus.jsonl --out records/

The corpus is JSON Lines, one article a line as for ``copydesk check
--stdin-jsonl``: ``{"id": ..., "text": "...", "path": "a.md"?, "date":
"YYYY-MM-DD"?}``, on any file system Spark reads (local, HDFS, S3).

- Every executor needs only ``pip install copydesk`` (a manylinux2014
  wheel: glibc 2.17 and up); nothing is piped, nothing is found on a PATH.
- The workspace (copydesk.toml and its registry) is loaded once on the
  driver, so a broken registry stops the job before it starts with its
  file:line:column, and ships with the job: a ``Workspace`` pickles as its
  configuration and registry files, and each executor process loads it once.
- Each partition is analysed with ``Workspace.analyze_many`` (all cores of
  the executor, without the GIL); an error fails the task and the job.
- The analysis runs once: the records are written, then counted from what
  was written (the ``analysed`` accumulator says how many articles were
  analysed; it equals the corpus size).

Writes the export records (JSON Lines, like ``copydesk export
--stdin-jsonl``) to ``--out`` and prints the summary ``copydesk check``
prints for the same articles.
"""

from __future__ import annotations

import argparse
import json
from typing import Iterable, Iterator

import copydesk
from pyspark.sql import SparkSession


def analyse_partition(ws: copydesk.Workspace, lines: Iterable[str], analysed) -> Iterator[str]:
    """The export records of one partition's corpus lines, as JSON lines."""
    items = (json.loads(line) for line in lines if line.strip())
    for record in ws.analyze_many(items, as_json=True):
        analysed.add(1)
        yield record


def totals_of_partition(lines: Iterable[str]) -> Iterator[copydesk.Totals]:
    """The totals of one partition of written records."""
    totals = copydesk.Totals()
    for line in lines:
        totals.add(json.loads(line))
    yield totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workspace", required=True, help="copydesk.toml, or the folder holding it")
    parser.add_argument("--corpus", required=True, help="JSON Lines corpus (any path Spark reads)")
    parser.add_argument("--out", required=True, help="folder for the records (must not exist)")
    parser.add_argument("--partitions", type=int, default=None, help="input partitions (default: Spark's)")
    parser.add_argument("--gzip", action="store_true", help="write the records gzip-compressed (part-*.gz)")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("copydesk check").getOrCreate()
    sc = spark.sparkContext
    ws = copydesk.Workspace(args.workspace)  # fails here, on the driver, if the registry is broken
    analysed = sc.accumulator(0)

    lines = sc.textFile(args.corpus, args.partitions) if args.partitions else sc.textFile(args.corpus)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.gzip else None
    lines.mapPartitions(lambda part: analyse_partition(ws, part, analysed)).saveAsTextFile(args.out, codec)
    totals = sc.textFile(args.out).mapPartitions(totals_of_partition).fold(copydesk.Totals(), lambda a, b: a + b)

    print(totals)
    print(f"Analysed {analysed.value} articles once each.")
    spark.stop()
    return 1 if totals.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
