"""The base protocol under abuse, over the real process's pipes: malformed
frames and bodies, end of input and `exit` at awkward moments, cancelled
requests. Plain subprocess tests (pytest-lsp's client cannot send bad bytes):
each checks the exact answer and that the session, or the process, goes on
or ends as promised. Timeouts only bound how long a broken server is waited
for; nothing here measures speed."""

import json
import os
import queue
import subprocess
import threading

import pytest
from conftest import BINARY

WIRE = "articles/wire/2026-02-25-patrol-boats.txt"
WAIT = float(os.environ.get("COPYDESK_TEST_WAIT", 60))  # seconds: generous, for a loaded machine


class Raw:
    """`copydesk lsp` driven byte by byte."""

    def __init__(self, tmp_path, answer_server_requests=True, env=None):
        self.stderr_path = tmp_path / "stderr.txt"
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(
            [BINARY, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env={**os.environ, **(env or {})},
        )
        self.answer = answer_server_requests
        self.messages = queue.Queue()
        self.next_id = 1
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
            if self.answer and "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            self.messages.put(message)

    def send_raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def expect(self, predicate, what):
        """The first message (skipping others) that satisfies `predicate`."""
        while True:
            try:
                message = self.messages.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {what}")
            if predicate(message):
                return message

    def response(self, rid):
        return self.expect(lambda m: m.get("id") == rid and "method" not in m, f"the response to {rid}")

    def initialize(self, corpus):
        rid = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "workspaceFolders": [{"uri": corpus.as_uri(), "name": "corpus"}],
            },
        )
        assert "capabilities" in self.response(rid)["result"]
        self.notify("initialized", {})

    def exit_code(self):
        try:
            return self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("the server did not exit")

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()


@pytest.fixture
def raw(tmp_path):
    servers = []

    def start(**kwargs):
        server = Raw(tmp_path, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def hover_works(server, corpus):
    """Opens the wire story and hovers over a registered name."""
    path = corpus / WIRE
    text = path.read_text(encoding="utf-8")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": path.as_uri(), "languageId": "plaintext", "version": 1, "text": text}},
    )
    line_no = next(i for i, line in enumerate(text.split("\n")) if "Pavel Horak" in line)
    line = text.split("\n")[line_no]
    character = len(line[: line.index("Pavel Horak") + 2].encode("utf-16-le")) // 2
    rid = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": path.as_uri()}, "position": {"line": line_no, "character": character}},
    )
    answer = server.response(rid)
    assert answer.get("result"), answer
    value = answer["result"]["contents"]["value"]
    assert value.startswith("### Pavel Horak\n*person* · `pavel-horak`"), value


def frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


MALFORMED = {
    "garbage bytes": (b"\x00\xff\xfe\x01 not a header at all \x07\r\n\r\n", -32700),
    "bad JSON": (frame(b'{"jsonrpc": "2.0", "id": 99, "method": "hover", '), -32700),
    "non-numeric Content-Length": (b'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}', -32700),
    "negative Content-Length": (b'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0"}', -32700),
    "no Content-Length": (b'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', -32700),
    "huge Content-Length": (b"Content-Length: 99999999999999\r\n\r\n{}", -32700),
    "a JSON array (batch)": (frame(b'[{"jsonrpc":"2.0","id":98,"method":"shutdown"}]'), -32600),
    "a JSON number": (frame(b"42"), -32600),
    "an object that is no JSON-RPC message": (frame(b'{"hello": "world"}'), -32600),
    "invalid UTF-8": (frame(b'{"jsonrpc":"2.0","method":"x\xff"}'), -32700),
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_message_right_after_initialize_gets_an_error_and_the_session_goes_on(raw, corpus, name):
    payload, code = MALFORMED[name]
    server = raw()
    server.initialize(corpus)
    server.send_raw(payload)
    error = server.expect(lambda m: "error" in m and "method" not in m, "the error response")
    assert error["id"] is None
    assert error["error"]["code"] == code
    hover_works(server, corpus)
    # And it can still be shut down properly.
    assert server.response(server.request("shutdown", None))["result"] is None
    server.notify("exit", None)
    assert server.exit_code() == 0


def test_a_huge_content_length_is_refused_with_a_message_on_stderr(raw, corpus):
    server = raw()
    server.initialize(corpus)
    server.send_raw(b"Content-Length: 99999999999999\r\n\r\n")
    error = server.expect(lambda m: "error" in m, "the error response")
    assert "over the limit of 134217728 bytes" in error["error"]["message"]
    hover_works(server, corpus)
    server.proc.stdin.close()
    server.exit_code()
    assert "copydesk: a message of 99999999999999 bytes is over the limit of 134217728 bytes; it is skipped" in (
        server.stderr_path.read_text()
    )


def test_an_invalid_request_with_an_id_is_answered_with_that_id(raw, corpus):
    server = raw()
    server.initialize(corpus)
    server.send(({"jsonrpc": "2.0", "id": 41, "method": 7}))
    error = server.response(41)
    assert error["error"]["code"] == -32600


def test_end_of_input_right_after_initialized_ends_the_process(raw, corpus):
    # The client never answers client/registerCapability: nothing may wait
    # for that answer once the input has ended.
    server = raw(answer_server_requests=False)
    rid = server.request(
        "initialize",
        {
            "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
            "workspaceFolders": [{"uri": corpus.as_uri(), "name": "corpus"}],
        },
    )
    server.response(rid)
    server.notify("initialized", {})
    server.proc.stdin.close()
    assert server.exit_code() == 1


def test_end_of_input_in_the_middle_of_a_message_ends_the_process(raw, corpus):
    server = raw()
    server.initialize(corpus)
    server.send_raw(b'Content-Length: 500\r\n\r\n{"jsonrpc":')
    server.proc.stdin.close()
    assert server.exit_code() == 1


def test_exit_right_after_initialized_without_shutdown_exits_1(raw, corpus):
    # stdin stays open, and the registerCapability request is never answered.
    server = raw(answer_server_requests=False)
    rid = server.request(
        "initialize",
        {
            "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
            "workspaceFolders": [{"uri": corpus.as_uri(), "name": "corpus"}],
        },
    )
    server.response(rid)
    server.notify("initialized", {})
    server.notify("exit", None)
    assert server.exit_code() == 1


def test_exit_after_shutdown_exits_0(raw, corpus):
    server = raw()
    server.initialize(corpus)
    assert server.response(server.request("shutdown", None))["result"] is None
    server.notify("exit", None)
    assert server.exit_code() == 0


def big_registry(corpus, actors):
    """Replaces the corpus registry with one of `actors` generated actors."""
    (corpus / "copydesk.toml").write_text('registry = ["big.toml"]\ninclude = ["articles/**/*.txt"]\n')
    with open(corpus / "big.toml", "w", encoding="utf-8") as out:
        out.write('[[actor]]\nid = "pavel-horak"\nname = "Pavel Horak"\nkind = "person"\n\n')
        for i in range(actors):
            out.write(f'[[actor]]\nid = "a{i}"\nname = "Ana{i} Marta{i} Aldana{i}"\naliases = ["Alma{i}"]\n\n')


def test_a_cancelled_workspace_symbol_on_a_big_registry_and_the_server_keeps_answering(raw, corpus):
    big_registry(corpus, 20_000)
    server = raw()
    server.initialize(corpus)
    sid = server.request("workspace/symbol", {"query": "a"})
    server.notify("$/cancelRequest", {"id": sid})
    answer = server.response(sid)
    # Cancelled (the usual case), or done before the cancellation arrived.
    assert answer.get("error", {}).get("code") == -32800 or len(answer["result"]) == 200, answer
    hover_works(server, corpus)
    # An uncancelled query is answered in full, best first.
    result = server.response(server.request("workspace/symbol", {"query": "pavel horak"}))["result"]
    assert result[0]["name"] == "Pavel Horak"
    result = server.response(server.request("workspace/symbol", {"query": "alma7"}))["result"]
    assert [s["name"] for s in result[:2]] == ["Ana7 Marta7 Aldana7", "Ana70 Marta70 Aldana70"]
