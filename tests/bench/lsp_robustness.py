#!/usr/bin/env python3
"""Figures for issue #12 ("never crash, never hang"), over stdio with no
dependencies: `workspace/symbol` on a large registry and a hover sent right
after it, and how many times a burst of keystrokes publishes diagnostics.
Prints one JSON object.

    tests/bench/lsp_robustness.py --binary target/debug/copydesk \\
        --corpus target/bench/100000-10 --keystrokes 2000

The corpus is a `copydesk-generate` workspace (its `actors.toml` is the
registry); the keystrokes are typed into a copy of its first article."""

import argparse
import json
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from lsp_bench import Server  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--keystrokes", type=int, default=2000)
    ap.add_argument("--query", default="a")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus).resolve()
    server = Server(args.binary)
    server.request("initialize", {
        "processId": os.getpid(),
        "capabilities": {"window": {"workDoneProgress": True}, "general": {"positionEncodings": ["utf-16"]}},
        "workspaceFolders": [{"uri": corpus.as_uri(), "name": "bench"}],
    })
    server.notify("initialized", {})
    server.wait(lambda: server.progress_end is not None)

    article = sorted((corpus / "articles").rglob("*.md"))[0]
    text = article.read_text(encoding="utf-8")
    uri = (corpus / "articles" / "typing.md").as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.wait(lambda: (uri, 1) in server.diagnostics)

    # workspace/symbol, and a hover sent right behind it (not after its answer).
    with server.cond:
        sid, hid = server.next_id, server.next_id + 1
        server.next_id += 2
        sent = time.perf_counter()
        server._send({"jsonrpc": "2.0", "id": sid, "method": "workspace/symbol", "params": {"query": args.query}})
        server._send({"jsonrpc": "2.0", "id": hid, "method": "textDocument/hover",
                      "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
        server.cond.wait_for(lambda: sid in server.responses and hid in server.responses, timeout=600)
    symbol_s = server.responses[sid][0] - sent
    hover_s = server.responses[hid][0] - sent
    found = len(server.responses[sid][1].get("result") or [])
    print(f"workspace/symbol {symbol_s:.3f} s, hover right after {hover_s:.3f} s", file=sys.stderr, flush=True)

    # A burst of keystrokes at the end of the first line after the front matter.
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if i > 0 and l.strip() and not l.startswith(("---", "date", "title")))
    column = len(lines[line].encode("utf-16-le")) // 2
    before = sum(1 for (u, _) in server.diagnostics if u == uri)
    burst = b""
    for k in range(args.keystrokes):
        at = {"line": line, "character": column + k}
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": k + 2},
            "contentChanges": [{"range": {"start": at, "end": at}, "text": "the "[k % 4]}],
        }}).encode()
        burst += b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    # Written without the client's lock: a slow server may fill the pipes
    # both ways, and the reader thread must go on reading meanwhile.
    started = time.perf_counter()
    server.proc.stdin.write(burst)
    server.proc.stdin.flush()
    final = args.keystrokes + 1
    server.wait(lambda: (uri, final) in server.diagnostics, timeout=600)
    typed_s = time.perf_counter() - started
    print(f"version {final} published {typed_s:.3f} s after the first keystroke", file=sys.stderr, flush=True)
    time.sleep(1)
    publishes = sum(1 for (u, _) in server.diagnostics if u == uri) - before
    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=30)
    print(json.dumps({
        "actors_file_mb": round((corpus / "actors.toml").stat().st_size / 1e6, 1),
        "workspace_symbol_s": round(symbol_s, 3),
        "workspace_symbol_results": found,
        "hover_after_symbol_s": round(hover_s, 3),
        "keystrokes": args.keystrokes,
        "publishes": publishes,
        "last_version_published_after_s": round(typed_s, 3),
    }))


if __name__ == "__main__":
    sys.exit(main())
