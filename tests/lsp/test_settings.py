"""Editor settings from `initializationOptions` survive a
`workspace/didChangeConfiguration` that carries no copydesk settings (#15):
eglot sends an empty `{}` right after starting a server, and a client may
send other servers' sections. A payload with copydesk settings still
replaces them."""

import pytest
import pytest_lsp
from conftest import BINARY, diagnostics_for, open_document, start_session
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ARTICLE = "articles/wire/2026-02-25-patrol-boats.txt"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient, corpus):
    # eglot's shape: the settings themselves, no `copydesk` key
    await start_session(lsp_client, "neovim@v0.11.0", corpus, initialization_options={"rules": {"unknown-actor": "info"}})
    lsp_client.corpus = corpus
    yield
    await lsp_client.shutdown_session()


def unknown(diagnostics):
    """(name's line, severity) of each unknown-actor finding."""
    return sorted((d.range.start.line, d.severity) for d in diagnostics if d.code == "unknown-actor")


def append(client, uri, text, version, addition):
    end = text.count("\n")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=end, character=0), end=types.Position(line=end, character=0)),
                    text=addition,
                )
            ],
        )
    )
    return text + addition


def configure(client, settings):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))


INFO = types.DiagnosticSeverity.Information


@pytest.mark.asyncio
async def test_a_change_without_copydesk_settings_keeps_the_initialization_options(client):
    uri, text = await open_document(client, ARTICLE)
    line = text.count("\n")  # the line the edits below add
    found = await diagnostics_for(client, uri, lambda ds: unknown(ds))
    assert unknown(found) == [(14, INFO)]  # a hint by default

    # eglot's empty settings, then another server's section; each followed
    # by an edit, whose publication shows the settings in force after it
    configure(client, {})
    text = append(client, uri, text, 2, "Security analyst Ivo Brandt agreed.\n")
    found = await diagnostics_for(client, uri, lambda ds: len(unknown(ds)) == 2)
    assert unknown(found) == [(14, INFO), (line, INFO)]

    configure(client, {"pylsp": {"plugins": {}}})
    text = append(client, uri, text, 3, "Security analyst Ola Brenner agreed.\n")
    found = await diagnostics_for(client, uri, lambda ds: len(unknown(ds)) == 3)
    assert unknown(found) == [(14, INFO), (line, INFO), (line + 1, INFO)]

    # copydesk settings replace them: back to the default level, a hint
    configure(client, {"copydesk": {"rules": {}}})
    found = await diagnostics_for(
        client, uri, lambda ds: unknown(ds) and all(s == types.DiagnosticSeverity.Hint for _, s in unknown(ds))
    )
    assert len(unknown(found)) == 3
