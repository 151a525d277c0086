"""Fixtures: a copy of the example corpus, and a client connected to the real
`copydesk lsp` binary over stdio, once per client capability profile
(Neovim 0.11 negotiates UTF-8 positions, VS Code UTF-16)."""

import asyncio
import os
import pathlib
import shutil
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("COPYDESK_BIN", str(ROOT / "target" / "debug" / "copydesk"))
PROFILES = ["neovim@v0.11.0", "visual-studio-code"]


@pytest.fixture(scope="session")
def corpus_template():
    return ROOT / "examples"


@pytest.fixture
def corpus(tmp_path, corpus_template):
    """A private copy of the examples, so tests may edit files freely."""
    target = tmp_path / "corpus"
    shutil.copytree(corpus_template, target)
    return target


async def start_session(lsp_client: LanguageClient, profile: str, folder: pathlib.Path, **params):
    """Initializes a session with `folder` as the one workspace folder (and
    root), in the client capability `profile`; `params` are further
    InitializeParams. Returns the server's InitializeResult."""
    # Requests a real editor answers; pygls's test client has no handlers.
    for method in ("client/registerCapability", "workspace/codeLens/refresh", "workspace/semanticTokens/refresh"):
        lsp_client.feature(method)(lambda *args: None)
    return await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(profile),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
            root_uri=folder.as_uri(),
            **params,
        )
    )


@pytest.fixture
def initialization_options():
    """The editor's settings sent with `initialize` (a test module may
    override this fixture)."""
    return None


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]), params=PROFILES)
async def client(lsp_client: LanguageClient, request, corpus, initialization_options):
    result = await start_session(lsp_client, request.param, corpus, initialization_options=initialization_options)
    lsp_client.corpus = corpus
    lsp_client.profile = request.param
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


def encoding_of(client) -> str:
    return client.init_result.capabilities.position_encoding


def column(line: str, index: int, encoding: str) -> int:
    """The column of character `index` of `line` in the negotiated encoding,
    computed independently of the server."""
    prefix = line[:index]
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    return len(prefix.encode("utf-16-le")) // 2


def find(text: str, needle: str, occurrence: int = 0):
    """(line, start character index, end character index) of `needle`."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return line, at - line_start, at - line_start + len(needle)


def range_of(text: str, needle: str, encoding: str, occurrence: int = 0) -> types.Range:
    line_no, start, end = find(text, needle, occurrence)
    line = text.split("\n")[line_no]
    return types.Range(
        start=types.Position(line=line_no, character=column(line, start, encoding)),
        end=types.Position(line=line_no, character=column(line, end, encoding)),
    )


def position_in(text: str, needle: str, encoding: str, offset: int = 1, occurrence: int = 0) -> types.Position:
    """A position `offset` characters into `needle`."""
    line_no, start, _ = find(text, needle, occurrence)
    line = text.split("\n")[line_no]
    return types.Position(line=line_no, character=column(line, start + offset, encoding))


async def open_document(client, relative: str, language: str = "plaintext") -> tuple[str, str]:
    path = client.corpus / relative
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri, text


async def wait_for(predicate, timeout: float = 20.0, what: str = "condition"):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def diagnostics_for(client, uri: str, predicate=lambda d: True, timeout: float = 20.0):
    return await wait_for(
        lambda: client.diagnostics.get(uri) if uri in client.diagnostics and predicate(client.diagnostics[uri]) else None,
        timeout,
        f"diagnostics for {uri}",
    )


def apply_edits(text: str, edits, encoding: str) -> str:
    """Applies LSP text edits (independently of the server's own code)."""
    lines = text.split("\n")

    def offset(pos):
        line = lines[pos.line] if pos.line < len(lines) else ""
        before = sum(len(l) + 1 for l in lines[: pos.line])
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return before + i
            units += len(ch.encode("utf-8")) if encoding == "utf-8" else len(ch.encode("utf-16-le")) // 2
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
