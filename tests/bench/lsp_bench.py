#!/usr/bin/env python3
"""Measures `copydesk lsp` as an editor sees it, over stdio, with no
dependencies: time to index the workspace, didChange → publishDiagnostics
latency while typing in a 20 KB article, hover and references latency, and
the server's peak memory. Prints one JSON object.

--first-diagnostics ARTICLE: start → first diagnostics of one article.
--reload ARTICLE: with ARTICLE open, edits one actor of the workspace's
registry on disk (adds a variant that ARTICLE uses, then removes it), tells
the server as an editor's file watcher does, and times each save → the
article's new diagnostics; then the resident memory at rest."""

import argparse
import json
import os
import pathlib
import queue
import statistics
import subprocess
import sys
import threading
import time


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 1
        self.responses = {}
        self.diagnostics = {}  # (uri, version) -> arrival time
        self.published = []  # (arrival time, uri, diagnostics), in order
        self.progress_end = None
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = out.read(1)
                if not byte:
                    return
                header += byte
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            message = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cond:
                if "id" in message and "method" in message:
                    self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                elif "id" in message:
                    self.responses[message["id"]] = (now, message)
                elif message.get("method") == "textDocument/publishDiagnostics":
                    p = message["params"]
                    self.diagnostics[(p["uri"], p.get("version"))] = now
                    self.published.append((now, p["uri"], p["diagnostics"]))
                elif message.get("method") == "$/progress" and message["params"]["value"].get("kind") == "end":
                    self.progress_end = now
                self.cond.notify_all()

    def _send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()

    def request(self, method, params):
        with self.cond:
            rid = self.next_id
            self.next_id += 1
            start = time.perf_counter()
            self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
            self.cond.wait_for(lambda: rid in self.responses, timeout=120)
            end, message = self.responses.pop(rid)
        return end - start, message.get("result")

    def notify(self, method, params):
        with self.cond:
            self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, predicate, timeout=600):
        with self.cond:
            return self.cond.wait_for(predicate, timeout=timeout)

    def peak_rss_mb(self):
        return self._status_mb("VmHWM:")

    def rss_mb(self):
        return self._status_mb("VmRSS:")

    def _status_mb(self, field):
        for line in pathlib.Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
        return None


def initialize(server, corpus):
    """The handshake of an editor opening `corpus` as its one folder."""
    server.request("initialize", {
        "processId": os.getpid(),
        "capabilities": {"window": {"workDoneProgress": True}, "general": {"positionEncodings": ["utf-16"]}},
        "workspaceFolders": [{"uri": corpus.as_uri(), "name": "bench"}],
    })
    server.notify("initialized", {})


def open_article(binary, corpus, article):
    """A server started on `corpus` with `article` opened right after
    `initialized`: (server, uri, start time)."""
    start = time.perf_counter()
    server = Server(binary)
    initialize(server, corpus)
    uri = article.as_uri()
    text = article.read_text(encoding="utf-8")
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.wait(lambda: (uri, 1) in server.diagnostics)
    return server, uri, start


def first_diagnostics(binary, corpus, article):
    """Start → first diagnostics of one article opened right after
    `initialized`, as an editor opening one file does; then the resident
    memory once the workspace is indexed."""
    server, uri, start = open_article(binary, corpus, article)
    first = server.diagnostics[(uri, 1)] - start
    server.wait(lambda: server.progress_end is not None)
    indexed = server.progress_end - start
    time.sleep(0.5)
    rss, peak = server.rss_mb(), server.peak_rss_mb()
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=30)
    print(json.dumps({
        "first_diagnostics_s": round(first, 3),
        "indexed_s": round(indexed, 3),
        "rss_mb": round(rss, 1) if rss else None,
        "peak_rss_mb": round(peak, 1) if peak else None,
    }))


def codes(diagnostics):
    return sorted(str(d.get("code")) for d in diagnostics)


def reload(binary, corpus, article, rounds):
    """Save → new diagnostics of an open article, for edits of one actor of
    a JSON Lines registry: a variant the article uses is added to the actor
    in the middle of the file, then removed again (`rounds` times each),
    each edit saved whole (write, rename) and announced with
    workspace/didChangeWatchedFiles. The server patches its last good
    lexicon and rebuilds the whole one in the background; each edit waits
    for that (`settle` seconds) before the next, as an editor's saves are
    seconds apart. Then the resident memory at rest."""
    registry = corpus / "actors.jsonl"
    original = registry.read_text(encoding="utf-8")
    lines = original.split("\n")
    middle = len(lines) // 2
    actor = json.loads(lines[middle])
    variant = actor["name"] + "-Bench"
    edited_actor = dict(actor, variants=actor.get("variants", []) + [variant])
    edited = "\n".join(lines[:middle] + [json.dumps(edited_actor, ensure_ascii=False)] + lines[middle + 1:])
    article.write_text(f"---\ndate: 2026-01-05\n---\n{variant} said the port would reopen.\n", encoding="utf-8")
    server, uri, _ = open_article(binary, corpus, article)
    server.wait(lambda: server.progress_end is not None)
    before = codes(next(d for _, u, d in reversed(server.published) if u == uri))
    times = {"edit": [], "revert": []}
    try:
        for _ in range(rounds):
            for kind, content in (("edit", edited), ("revert", original)):
                seen = len(server.published)
                temp = registry.with_suffix(".jsonl.tmp")
                temp.write_text(content, encoding="utf-8")
                os.replace(temp, registry)
                saved = time.perf_counter()
                server.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": registry.as_uri(), "type": 2}]})
                want_variant = kind == "edit"
                def changed():
                    for _, u, d in server.published[seen:]:
                        if u == uri and ("name-variant" in codes(d)) == want_variant:
                            return True
                    return False
                if not server.wait(changed, timeout=120):
                    raise SystemExit(f"no new diagnostics after the {kind}")
                arrived = next(t for t, u, d in server.published[seen:]
                               if u == uri and ("name-variant" in codes(d)) == want_variant)
                times[kind].append(arrived - saved)
                time.sleep(settle_seconds())
    finally:
        registry.write_text(original, encoding="utf-8")
    rss, peak = server.rss_mb(), server.peak_rss_mb()
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=60)
    print(json.dumps({
        "diagnostics_before": before,
        "edit_to_diagnostics_s": [round(t, 3) for t in times["edit"]],
        "revert_to_diagnostics_s": [round(t, 3) for t in times["revert"]],
        "rss_at_rest_mb": round(rss, 1) if rss else None,
        "peak_rss_mb": round(peak, 1) if peak else None,
    }))


def settle_seconds():
    return float(os.environ.get("COPYDESK_BENCH_SETTLE", "20"))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--edits", type=int, default=500)
    ap.add_argument("--first-diagnostics", metavar="ARTICLE",
                    help="only measure start → first diagnostics of ARTICLE, and memory")
    ap.add_argument("--reload", metavar="ARTICLE",
                    help="only measure a saved registry edit → new diagnostics of ARTICLE (written), and memory")
    ap.add_argument("--rounds", type=int, default=2, help="edits and reverts with --reload")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus).resolve()
    if args.reload:
        return reload(args.binary, corpus, pathlib.Path(args.reload).resolve(), args.rounds)
    if args.first_diagnostics:
        return first_diagnostics(args.binary, corpus, pathlib.Path(args.first_diagnostics).resolve())
    server = Server(args.binary)

    start = time.perf_counter()
    initialize(server, corpus)
    server.wait(lambda: server.progress_end is not None)
    indexed = server.progress_end - start

    # A 20 KB article made of generated paragraphs.
    articles = sorted((corpus / "articles").rglob("*.md"))
    text = "---\ndate: 2025-06-01\n---\n"
    for path in articles:
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        text += body
        if len(text.encode()) >= 20_000:
            break
    path = corpus / "articles" / "bench-20k.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.wait(lambda: (uri, 1) in server.diagnostics)

    lines = text.split("\n")
    target = next(i for i, l in enumerate(lines) if len(l) > 200)
    latencies = []
    for k in range(args.edits):
        version = k + 2
        pos = {"line": target, "character": 100 + k % 50}
        change = {"range": {"start": pos, "end": pos}, "text": "x" if k % 2 == 0 else ""}
        if k % 2 == 1:
            change["range"]["end"] = {"line": target, "character": 101 + (k - 1) % 50}
            change["range"]["start"] = {"line": target, "character": 100 + (k - 1) % 50}
        sent = time.perf_counter()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        server.wait(lambda: (uri, version) in server.diagnostics, timeout=60)
        latencies.append(server.diagnostics[(uri, version)] - sent)

    # Hover and references on a mention: the first registry name in the text.
    forms = [f for f in (corpus / "forms.txt").read_text(encoding="utf-8").splitlines() if " " in f]
    final_text = text
    line_no, col = None, None
    for i, l in enumerate(final_text.split("\n")):
        for f in forms[:2000]:
            j = l.find(f)
            if j >= 0:
                line_no, col = i, len(l[:j].encode("utf-16-le")) // 2 + 1
                break
        if line_no is not None:
            break
    hovers, refs = [], []
    position = {"line": line_no or 0, "character": col or 0}
    for _ in range(200):
        t, _ = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
        hovers.append(t)
    found = 0
    for _ in range(20):
        t, result = server.request("textDocument/references", {"textDocument": {"uri": uri}, "position": position, "context": {"includeDeclaration": True}})
        refs.append(t)
        found = len(result or [])
    rss = server.peak_rss_mb()
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=30)
    ms = lambda s: round(s * 1000, 2)
    print(json.dumps({
        "indexed_s": round(indexed, 3),
        "articles": len(articles),
        "diagnostics_p50_ms": ms(statistics.median(latencies)),
        "diagnostics_p99_ms": ms(percentile(latencies, 99)),
        "hover_p50_ms": ms(statistics.median(hovers)),
        "hover_p99_ms": ms(percentile(hovers, 99)),
        "references_p50_ms": ms(statistics.median(refs)),
        "references_found": found,
        "peak_rss_mb": round(rss, 1) if rss else None,
        "edits": args.edits,
    }))


if __name__ == "__main__":
    sys.exit(main())
