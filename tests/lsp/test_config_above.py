"""A copydesk.toml above the folder the editor opened (#15): the server uses
the nearest configuration at or above the folder, as `copydesk check` run
there does, and its workspace is that configuration's whole folder (index,
references, watched reloads); a folder with no configuration above gets the
defaults."""

import asyncio
import os

import pytest
import pytest_lsp
from conftest import BINARY, diagnostics_for, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from test_workspaces import MISSPELLED_RUIZ, MISSPELLED_VOLAN, RUIZ, TEXT, UNKNOWN_RUIS, UNKNOWN_RUIZ, VOLAN
from test_workspaces import hover, open_file, shown, write

WATCHED = "**/*.{toml,jsonl,ndjson,md,markdown,txt,article}"
# Once the wire copy is indexed with the same registry, a.md's ‘Vloan’ is
# the only odd spelling of Andrej Volan in the configuration's articles.
CORPUS_VLOAN = (
    "corpus-spelling",
    0,
    52,
    57,
    "Andrej Volan is spelled ‘Vloan’ only here; ‘Volan’, the house spelling, in 2 articles",
)


async def settled(client, uri, expected):
    """The diagnostics of `uri` once they are `expected` (else the last
    ones, which the caller's assertion then shows)."""
    try:
        await diagnostics_for(client, uri, lambda d: shown(d) == expected, timeout=10)
    except AssertionError:
        pass
    return shown(client.diagnostics.get(uri, []))


@pytest.fixture
def desk(tmp_path):
    """A desk whose configuration sits above its articles folder, with a
    registry in a folder of its own, wire copy beside the articles, a
    draft and a note its globs leave out, a nested desk below the articles
    and a sibling desk beside them."""
    root = tmp_path / "desk"
    write(
        root,
        {
            "copydesk.toml": 'registry = ["registry/people.toml"]\n'
            'include = ["articles/**/*.md", "wire/**/*.md"]\nexclude = ["articles/drafts/**"]\n',
            "registry/people.toml": VOLAN + RUIZ,
            "articles/a.md": TEXT,
            "articles/drafts/d.md": "Andrej Volan resigned.\n",
            "articles/notes.txt": "Andrej Volan resigned.\n",
            "wire/w.md": "Reporters asked Andrej Volan.\n",
            "articles/local/copydesk.toml": 'registry = ["people.toml"]\n',
            "articles/local/people.toml": RUIZ,
            "articles/local/l.md": TEXT,
            "sports/copydesk.toml": 'registry = ["people.toml"]\n',
            "sports/people.toml": RUIZ,
            "sports/s.md": TEXT,
        },
    )
    return root


async def start(lsp_client: LanguageClient, folder, relative_patterns=True, **params):
    """Opens `folder` (None: no folder, `rootUri` null) as VS Code does,
    with relative watch patterns if asked and further InitializeParams
    `params`; records the watchers the server registers."""
    lsp_client.registrations = []

    @lsp_client.feature("client/registerCapability")
    def registered(params):
        lsp_client.registrations.extend(params.registrations)

    for method in ("workspace/codeLens/refresh", "workspace/semanticTokens/refresh"):
        lsp_client.feature(method)(lambda *args: None)
    capabilities = client_capabilities("visual-studio-code")
    capabilities.workspace.did_change_watched_files.relative_pattern_support = relative_patterns
    return await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)] if folder else None,
            root_uri=folder.as_uri() if folder else None,
            **params,
        )
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient, desk):
    await start(lsp_client, desk / "articles")
    yield
    await lsp_client.shutdown_session()


def index_ends(client):
    """The messages of finished indexing progress, sorted."""
    return sorted(r[-1].message for r in client.progress_reports.values() if r and getattr(r[-1], "kind", None) == "end")


async def watchers(client, count):
    """The glob patterns of the client's first `count` registrations (made
    in any order): plain ones, then relative ones."""
    await wait_for(lambda: len(client.registrations) >= count, what=f"{count} registrations")
    patterns = [w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]]
    return [p for p in patterns if isinstance(p, str)] + [p for p in patterns if not isinstance(p, str)]


async def references(client, uri, character):
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=character),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    return sorted((r.uri, r.range.start.line, r.range.start.character, r.range.end.character) for r in found)


def notify(client, path, change=types.FileChangeType.Changed):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=path.as_uri(), type=change)])
    )


@pytest.mark.asyncio
async def test_the_configuration_above_the_opened_folder_governs_it(client, desk):
    a = open_file(client, desk / "articles" / "a.md")
    # Both names are in the registry the configuration above names: each is
    # linked, and only the misspellings are reported.
    expected = [MISSPELLED_VOLAN, CORPUS_VLOAN, MISSPELLED_RUIZ]
    assert await settled(client, a, expected) == expected
    # The configuration's articles, not only the opened folder's: a.md and
    # the wire copy; its exclude and include leave out the draft and the
    # note, and the nested and sibling desks index their own.
    # (The nested and sibling desks are workspaces of their own, as when
    # the configuration's folder is opened.)
    await wait_for(lambda: len(index_ends(client)) == 3, what="the indexes")
    assert index_ends(client) == ["1 articles, 1 actors", "1 articles, 1 actors", "2 articles, 2 actors"]
    card = await hover(client, a, 2)
    assert card.startswith("### Andrej Volan\n*person* · `andrej-volan`"), card
    assert "President of Valdoria." in card
    assert "**Mentions in workspace:** 2 in 2 articles" in card, card
    wire = (desk / "wire" / "w.md").as_uri()
    assert await references(client, a, 2) == [(a, 0, 0, 12), (wire, 0, 16, 28)]
    assert await references(client, a, 19) == [(a, 0, 17, 25)]


@pytest.mark.asyncio
async def test_desks_below_and_beside_keep_their_own_configurations(client, desk):
    local = open_file(client, desk / "articles" / "local" / "l.md")
    sports = open_file(client, desk / "sports" / "s.md")
    assert shown(await diagnostics_for(client, local)) == [MISSPELLED_RUIZ]
    assert shown(await diagnostics_for(client, sports)) == [MISSPELLED_RUIZ]
    assert await hover(client, local, 2) is None, "the nested desk's registry has no Andrej Volan"


@pytest.mark.asyncio
async def test_the_configuration_and_registry_above_are_watched_and_reloaded(client, desk):
    # The client watches its folder; the server asks it to watch the
    # configuration's folder above it too (the sibling desk is in it).
    assert await watchers(client, 2) == [
        "**/copydesk.toml",
        WATCHED,
        {"baseUri": desk.as_uri(), "pattern": WATCHED},
    ]

    a = open_file(client, desk / "articles" / "a.md")
    expected = [MISSPELLED_VOLAN, CORPUS_VLOAN, MISSPELLED_RUIZ]
    assert await settled(client, a, expected) == expected
    (desk / "registry" / "people.toml").write_text(VOLAN, encoding="utf-8")
    notify(client, desk / "registry" / "people.toml")
    expected = [UNKNOWN_RUIZ, MISSPELLED_VOLAN, CORPUS_VLOAN, UNKNOWN_RUIS]
    assert await settled(client, a, expected) == expected
    config = desk / "copydesk.toml"
    config.write_text(config.read_text(encoding="utf-8") + '[rules]\nunknown-actor = "off"\n', encoding="utf-8")
    notify(client, config)
    expected = [MISSPELLED_VOLAN, CORPUS_VLOAN]
    assert await settled(client, a, expected) == expected
    # Deleted: the folder falls back to the defaults (no registry).
    config.unlink()
    notify(client, config, types.FileChangeType.Deleted)
    expected = [UNKNOWN_RUIZ, UNKNOWN_RUIS]
    assert await settled(client, a, expected) == expected


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def bare_client(lsp_client: LanguageClient):
    lsp_client.started = lambda folder, **kw: start(lsp_client, folder, **kw)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_folder_with_no_configuration_above_gets_the_defaults(bare_client, tmp_path):
    # An actors.toml above the folder is not the defaults' registry (that
    # is the opened folder's own actors.toml, as for `check` run there).
    write(tmp_path / "loose", {"actors.toml": VOLAN + RUIZ, "articles/a.md": TEXT})
    await bare_client.started(tmp_path / "loose" / "articles", relative_patterns=True)
    a = open_file(bare_client, tmp_path / "loose" / "articles" / "a.md")
    assert shown(await diagnostics_for(bare_client, a)) == [UNKNOWN_RUIZ, UNKNOWN_RUIS]
    assert await hover(bare_client, a, 2) is None
    # Nothing above to watch.
    assert await watchers(bare_client, 1) == ["**/copydesk.toml", WATCHED]


@pytest.mark.asyncio
async def test_a_configuration_above_linked_from_outside_is_refused(bare_client, tmp_path):
    write(tmp_path, {"elsewhere.toml": 'registry = ["people.toml"]\n', "people.toml": VOLAN + RUIZ})
    desk = tmp_path / "linked"
    write(desk, {"people.toml": VOLAN + RUIZ, "articles/a.md": TEXT})
    os.symlink(tmp_path / "elsewhere.toml", desk / "copydesk.toml")
    await bare_client.started(desk / "articles")
    problems = await diagnostics_for(bare_client, (desk / "copydesk.toml").as_uri())
    assert [(d.range.start.line, d.range.start.character, d.severity, d.message) for d in problems] == [
        (
            0,
            0,
            types.DiagnosticSeverity.Error,
            f"is a symbolic link to {tmp_path / 'elsewhere.toml'}, outside its workspace ({desk}); a configuration "
            "found in a workspace must be inside it — replace the link with a copy, or name the file with --config",
        )
    ]
    a = open_file(bare_client, desk / "articles" / "a.md")
    assert shown(await diagnostics_for(bare_client, a)) == [UNKNOWN_RUIZ, UNKNOWN_RUIS]


@pytest.mark.asyncio
async def test_a_file_opened_with_no_folder_is_governed_from_above(bare_client, desk):
    await bare_client.started(None)
    a = open_file(bare_client, desk / "articles" / "a.md")
    expected = [MISSPELLED_VOLAN, CORPUS_VLOAN, MISSPELLED_RUIZ]
    assert await settled(bare_client, a, expected) == expected
    # No folder is open: the configuration's folder is watched for it.
    assert await watchers(bare_client, 2) == [
        "**/copydesk.toml",
        WATCHED,
        {"baseUri": desk.as_uri(), "pattern": WATCHED},
    ]
    wire = (desk / "wire" / "w.md").as_uri()
    assert await references(bare_client, a, 2) == [(a, 0, 0, 12), (wire, 0, 16, 28)]


@pytest.mark.asyncio
async def test_extra_registry_settings_start_from_the_opened_folder(bare_client, desk):
    write(desk / "articles", {"extra.toml": VOLAN.replace("andrej-volan", "ivo-marek").replace("Andrej Volan", "Ivo Marek")})
    write(desk / "articles", {"m.md": "Ivo Marek met Ivo Marke.\n"})
    await bare_client.started(desk / "articles", initialization_options={"registry": ["extra.toml"]})
    m = open_file(bare_client, desk / "articles" / "m.md")
    card = await hover(bare_client, m, 2)
    assert card is not None and card.startswith("### Ivo Marek\n*person* · `ivo-marek`"), card
    misspelled = ("misspelled-name", 0, 14, 23, "‘Ivo Marke’ looks like a misspelling of ‘Ivo Marek’")
    assert await settled(bare_client, m, [misspelled]) == [misspelled]


def change_folders(client, added=(), removed=()):
    folder = lambda path: types.WorkspaceFolder(uri=path.as_uri(), name=path.name)  # noqa: E731
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[folder(p) for p in added], removed=[folder(p) for p in removed]
            )
        )
    )


@pytest.mark.asyncio
async def test_the_workspace_above_goes_with_the_last_folder_it_governs(bare_client, desk):
    registry = desk / "registry" / "people.toml"
    registry.write_text(VOLAN + "[[actor]\n", encoding="utf-8")
    await bare_client.started(desk / "articles")
    problems = await diagnostics_for(bare_client, registry.as_uri(), lambda d: len(d) > 0)
    assert [(d.range.start.line, d.severity) for d in problems] == [(4, types.DiagnosticSeverity.Error)]
    # A second folder under the same configuration joins its workspace:
    # removing the first one keeps it (and its registry's error).
    change_folders(bare_client, added=[desk / "wire"])
    change_folders(bare_client, removed=[desk / "articles"])
    await asyncio.sleep(0.5)
    assert len(bare_client.diagnostics[registry.as_uri()]) == 1
    change_folders(bare_client, removed=[desk / "wire"])
    await wait_for(lambda: list(bare_client.diagnostics[registry.as_uri()]) == [], what="the error cleared")
