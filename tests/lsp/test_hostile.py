"""A hostile session over stdio: a handler that fails, a 20 MB document, a
burst of 1,000 keystrokes. The server must answer, stay up, and publish only
what belongs to the latest version of each document."""

import os

import pytest
import pytest_lsp
from conftest import BINARY, diagnostics_for, encoding_of, open_document, position_in, range_of, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.exceptions import JsonRpcInternalError

WIRE = "articles/wire/2026-02-25-patrol-boats.txt"
FERRY = "articles/regions/port-sarn-ferry-walkout.txt"
PROFILE = "visual-studio-code"


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics (uri,
    version) in arrival order: the default one keeps only the latest."""
    client = LanguageClient()
    client.published = []

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append((params.uri, params.version))

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    return client


async def start(lsp_client, corpus):
    for method in ("client/registerCapability", "workspace/codeLens/refresh", "workspace/semanticTokens/refresh"):
        lsp_client.feature(method)(lambda *args: None)
    params = types.InitializeParams(
        capabilities=client_capabilities(PROFILE),
        workspace_folders=[types.WorkspaceFolder(uri=corpus.as_uri(), name="corpus")],
    )
    lsp_client.init_result = await lsp_client.initialize_session(params)
    lsp_client.corpus = corpus


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[BINARY, "lsp"],
        server_env={**os.environ, "COPYDESK_FAIL_HANDLER": "hover"},
        client_factory=recording_client,
    )
)
async def failing_hover(lsp_client: LanguageClient, corpus):
    await start(lsp_client, corpus)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[BINARY, "lsp"],
        server_env={**os.environ, "COPYDESK_FAIL_HANDLER": "analysis"},
        client_factory=recording_client,
    )
)
async def failing_analysis(lsp_client: LanguageClient, corpus):
    await start(lsp_client, corpus)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"], client_factory=recording_client))
async def recorder(lsp_client: LanguageClient, corpus):
    await start(lsp_client, corpus)
    yield
    await lsp_client.shutdown_session()


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


@pytest.mark.asyncio
async def test_a_failing_handler_costs_one_error_response_not_the_server(failing_hover):
    client = failing_hover
    uri, text = await open_document(client, WIRE)
    await diagnostics_for(client, uri)
    enc = encoding_of(client)
    at = position_in(text, "Pavel Horak", enc, 1)
    with pytest.raises(JsonRpcInternalError) as failure:
        await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=at))
    assert "copydesk failed to answer hover: injected failure (COPYDESK_FAIL_HANDLER=hover)" in str(failure.value)
    # The same session goes on answering other requests and publishing.
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=doc(uri), position=at))
    assert found is not None
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="It was the the last boat.")],
        )
    )
    diags = await diagnostics_for(client, uri, lambda ds: any(d.code == "repeated-word" for d in ds))
    assert [(d.code, d.range) for d in diags] == [("repeated-word", range_of("It was the the last boat.", "the the", enc))]
    # And it fails again, the same way, rather than having died.
    with pytest.raises(JsonRpcInternalError):
        await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=at))


@pytest.mark.asyncio
async def test_a_20_mb_document_is_refused_once_and_the_server_stays_responsive(recorder):
    client = recorder
    paragraph = "The port authority said the ferries would run again on Monday — “не сегодня”, said one clerk 🙂.\n"
    big = paragraph * (20_000_000 // len(paragraph.encode("utf-8")) + 1)
    assert len(big.encode("utf-8")) > 20_000_000
    big_uri = (client.corpus / "articles" / "huge.txt").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=big_uri, language_id="plaintext", version=1, text=big)
        )
    )
    warning = await wait_for(
        lambda: [m for m in client.messages if "maxFileSize" in m.message], timeout=60, what="the size warning"
    )
    assert warning[0].type == types.MessageType.Warning
    assert warning[0].message == f"copydesk: {big_uri} is larger than 5000000 bytes (maxFileSize); it is not analysed"
    await wait_for(lambda: big_uri in client.diagnostics, timeout=60, what="the document's diagnostics cleared")
    assert list(client.diagnostics[big_uri]) == []
    # Typing in it: still not analysed, and not said again.
    end = types.Position(line=big.count("\n"), character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=big_uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=end, end=end), text="Ana Ana")],
        )
    )
    assert await client.text_document_hover_async(types.HoverParams(text_document=doc(big_uri), position=end)) is None
    # Meanwhile an ordinary article is analysed as usual.
    uri, text = await open_document(client, WIRE)
    diags = await diagnostics_for(client, uri)
    assert any(d.code == "name-variant" for d in diags)
    assert len([m for m in client.messages if "maxFileSize" in m.message]) == 1
    # Cut below the limit, the document is analysed again.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=big_uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="It was the the last ferry.")],
        )
    )
    diags = await diagnostics_for(client, big_uri, lambda ds: len(ds) > 0, timeout=60)
    assert [d.code for d in diags] == ["repeated-word"]


@pytest.mark.asyncio
async def test_a_burst_of_1000_keystrokes_publishes_only_in_order_and_ends_on_the_last(recorder):
    client = recorder
    uri, text = await open_document(client, FERRY)
    await diagnostics_for(client, uri)
    # Typed on the empty line after the front matter.
    assert text.split("\n")[6] == ""
    typed = "the " * 250
    for k, ch in enumerate(typed):
        at = types.Position(line=6, character=k)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=k + 2),
                content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text=ch)],
            )
        )
    final = len(typed) + 1
    await wait_for(lambda: (uri, final) in client.published, timeout=60, what=f"diagnostics of version {final}")
    versions = [v for u, v in client.published if u == uri]
    assert versions == sorted(versions), "an older version was published after a newer one"
    assert versions[-1] == final
    # Debounced: the burst costs a handful of analyses, not one per change
    # (the first publish is the one of the opened document).
    assert len(versions) - 1 <= len(typed) // 10, f"{len(versions) - 1} publishes for {len(typed)} changes"
    # Computed on the final text: 249 repeated pairs (any earlier version has
    # fewer), the last at characters 992-999 of line 6.
    repeated = [d.range for d in client.diagnostics[uri] if d.code == "repeated-word" and d.range.start.line == 6]
    assert len(repeated) == 249
    line6 = lambda start, end: types.Range(start=types.Position(6, start), end=types.Position(6, end))
    assert repeated[0] == line6(0, 7)
    assert repeated[-1] == line6(992, 999)


@pytest.mark.asyncio
async def test_a_failing_analysis_costs_one_error_diagnostic_not_the_server(failing_analysis):
    client = failing_analysis
    uri, text = await open_document(client, WIRE)
    diags = await diagnostics_for(client, uri)
    assert [(d.code, d.severity, d.range) for d in diags] == [
        ("internal-error", types.DiagnosticSeverity.Error, types.Range(types.Position(0, 0), types.Position(0, 0)))
    ]
    assert diags[0].message == "copydesk failed to answer analysis: injected failure (COPYDESK_FAIL_HANDLER=analysis)"
    # Requests compute their own analysis and still answer.
    enc = encoding_of(client)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=position_in(text, "Pavel Horak", enc, 1))
    )
    assert hover.contents.value.startswith("### Pavel Horak")
    # Every later version fails the same way, and is published.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="It was the the last boat.")],
        )
    )
    await wait_for(lambda: (uri, 2) in client.published, what="version 2 published")
    assert [d.code for d in client.diagnostics[uri]] == ["internal-error"]
