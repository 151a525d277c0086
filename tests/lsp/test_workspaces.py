"""Several workspaces under one editor folder (#15): every copydesk.toml
found below a workspace folder, or below a folder added later, governs its
subtree; a document is analysed with its governing workspace's registry,
and one that no configuration governs with the defaults."""

import os

import pytest
import pytest_lsp
from conftest import BINARY, diagnostics_for, start_session, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

TEXT = "Andrej Volan met Ana Ruiz at the port. Later Andrej Vloan and Ana Ruis spoke to reporters.\n"
VOLAN = '[[actor]]\nid = "andrej-volan"\nname = "Andrej Volan"\ndescription = "President of Valdoria."\n'
RUIZ = '[[actor]]\nid = "ana-ruiz"\nname = "Ana Ruiz"\ndescription = "Port workers union leader."\n'


def write(root, files):
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@pytest.fixture
def parent(tmp_path):
    """A folder with no configuration of its own holding two desks with
    different registries, and an article no configuration governs."""
    root = tmp_path / "newsroom"
    write(
        root,
        {
            "desk-a/copydesk.toml": 'registry = ["actors.toml"]\n',
            "desk-a/actors.toml": VOLAN,
            "desk-a/a.md": TEXT,
            "desk-b/copydesk.toml": 'registry = ["people.toml"]\n',
            "desk-b/people.toml": RUIZ,
            "desk-b/b.md": TEXT,
            "loose.md": TEXT,
        },
    )
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]))
async def client(lsp_client: LanguageClient, parent):
    lsp_client.init_result = await start_session(lsp_client, "visual-studio-code", parent)
    lsp_client.parent = parent
    yield
    await lsp_client.shutdown_session()


def open_file(client, path):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=path.read_text())
        )
    )
    return uri


def shown(diagnostics):
    """(rule, line, start, end, message) of each diagnostic, in text order."""
    return sorted(
        ((d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message) for d in diagnostics),
        key=lambda d: d[1:3],
    )


async def hover(client, uri, character):
    result = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=character)
        )
    )
    return result.contents.value if result else None


UNKNOWN_RUIZ = ("unknown-actor", 0, 17, 25, "‘Ana Ruiz’ is not in the registry")
UNKNOWN_RUIS = ("unknown-actor", 0, 62, 70, "‘Ana Ruis’ is not in the registry")
MISSPELLED_VOLAN = ("misspelled-name", 0, 45, 57, "‘Andrej Vloan’ looks like a misspelling of ‘Andrej Volan’")
MISSPELLED_RUIZ = ("misspelled-name", 0, 62, 70, "‘Ana Ruis’ looks like a misspelling of ‘Ana Ruiz’")


@pytest.mark.asyncio
async def test_each_desk_is_analysed_with_its_own_registry(client):
    caps = client.init_result.capabilities.workspace.workspace_folders
    assert caps.supported and caps.change_notifications
    a = open_file(client, client.parent / "desk-a" / "a.md")
    b = open_file(client, client.parent / "desk-b" / "b.md")
    loose = open_file(client, client.parent / "loose.md")
    assert shown(await diagnostics_for(client, a)) == [UNKNOWN_RUIZ, MISSPELLED_VOLAN, UNKNOWN_RUIS]
    assert shown(await diagnostics_for(client, b)) == [MISSPELLED_RUIZ]
    # No configuration governs it: the defaults, with no registry.
    assert shown(await diagnostics_for(client, loose)) == [UNKNOWN_RUIZ, UNKNOWN_RUIS]

    card = await hover(client, a, 2)
    assert card.startswith("### Andrej Volan\n*person* · `andrej-volan`"), card
    assert "President of Valdoria." in card
    assert await hover(client, b, 2) is None, "desk-b's registry has no Andrej Volan"
    card = await hover(client, b, 19)
    assert card.startswith("### Ana Ruiz\n*person* · `ana-ruiz`"), card
    assert "Port workers union leader." in card
    assert (await hover(client, a, 19)).startswith("**unknown-actor**"), "desk-a's registry has no Ana Ruiz"


@pytest.mark.asyncio
async def test_an_added_folder_brings_its_own_configurations(client, tmp_path):
    extra = tmp_path / "wire"
    write(
        extra,
        {
            "copydesk.toml": 'registry = ["actors.toml"]\n[rules]\nunknown-actor = "off"\n',
            "actors.toml": VOLAN,
            "inner/copydesk.toml": 'registry = ["people.toml"]\n',
            "inner/people.toml": RUIZ,
            "w.md": TEXT,
            "inner/i.md": TEXT,
        },
    )
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=extra.as_uri(), name="wire")], removed=[]
            )
        )
    )
    w = open_file(client, extra / "w.md")
    inner = open_file(client, extra / "inner" / "i.md")
    assert shown(await diagnostics_for(client, w, lambda d: len(d) == 1)) == [MISSPELLED_VOLAN]
    assert shown(await diagnostics_for(client, inner, lambda d: len(d) == 1)) == [MISSPELLED_RUIZ]


@pytest.mark.asyncio
async def test_a_configuration_linked_from_outside_is_refused(client, tmp_path):
    (tmp_path / "elsewhere.toml").write_text('registry = ["actors.toml"]\n', encoding="utf-8")
    desk = client.parent / "desk-c"
    write(desk, {"actors.toml": VOLAN, "c.md": TEXT})
    os.symlink(tmp_path / "elsewhere.toml", desk / "copydesk.toml")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(desk / "copydesk.toml").as_uri(), type=types.FileChangeType.Created)]
        )
    )
    problems = await diagnostics_for(client, (desk / "copydesk.toml").as_uri())
    assert [(d.range.start.line, d.range.start.character, d.severity) for d in problems] == [
        (0, 0, types.DiagnosticSeverity.Error)
    ]
    assert problems[0].message == (
        f"is a symbolic link to {tmp_path / 'elsewhere.toml'}, outside its workspace ({desk}); a configuration "
        "found in a workspace must be inside it — replace the link with a copy, or name the file with --config"
    )
    # Its registry is not loaded: the article has no linked names.
    c = open_file(client, desk / "c.md")
    diagnostics = await diagnostics_for(client, c)
    assert all(d.code != "misspelled-name" for d in diagnostics)


@pytest.mark.asyncio
async def test_a_configuration_created_at_the_root_leaves_the_desks_to_themselves(client):
    """A copydesk.toml that appears in the open folder makes it a workspace
    of its own; its index and references stop at the desks below, which
    keep their own registries (desk-a has an Andrej Volan of its own)."""
    root = client.parent
    write(root, {"actors.toml": VOLAN + RUIZ.replace("ana-ruiz", "ana-ruiz-2").replace("Ana Ruiz", "Ana Ruizova"),
                 "copydesk.toml": 'registry = ["actors.toml"]\n'})
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=(root / "copydesk.toml").as_uri(), type=types.FileChangeType.Created)]
        )
    )

    def root_indexed():
        for reports in client.progress_reports.values():
            end = reports[-1] if reports else None
            if getattr(end, "kind", None) == "end" and end.message.endswith(" articles, 2 actors"):
                return end.message
        return None

    # The root's registry has two actors: its index holds loose.md alone,
    # not the desks' articles.
    assert await wait_for(root_indexed, what="the root's index") == "1 articles, 2 actors"
    loose = open_file(client, root / "loose.md")
    # Now linked with the root's registry: the misspelling is seen.
    assert shown(await diagnostics_for(client, loose)) == [UNKNOWN_RUIZ, MISSPELLED_VOLAN, UNKNOWN_RUIS]
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=loose),
            position=types.Position(line=0, character=2),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert [(r.uri, r.range.start.character, r.range.end.character) for r in found] == [(loose, 0, 12)]
    a = open_file(client, root / "desk-a" / "a.md")
    assert shown(await diagnostics_for(client, a)) == [UNKNOWN_RUIZ, MISSPELLED_VOLAN, UNKNOWN_RUIS]
