"""Corpus-wide spelling consistency (#14): a mention spelling a registered
person other than as house style, where the workspace's articles spell that
person more than one way, gets a `corpus-spelling` diagnostic with exact
article counts, a quick fix to the house spelling and an action listing the
other articles; titles, a surname alone and a registered alias (a
transliteration) are no splits; the counts follow edits of open documents
(an open article counts once, as it is now, never also as it is on disk)."""

import pytest
import pytest_lsp
from conftest import BINARY, ROOT, apply_edits, encoding_of, range_of, wait_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REGISTRY = (ROOT / "tests" / "fixtures" / "spellings_actors.toml").read_text(encoding="utf-8")

ARTICLES = {
    "a1.md": "Harbour Commissioner Hanne Sattler opened the new ferry quay on Monday. Sattler said the work ran late.\n",
    "a2.md": "The quay inspection was led by Hanne Sattler, who praised the welders.\n",
    "a3.md": "Hanne Sattler met Mirela Kostadinowa to go through the tide tables.\n",
    "a4.md": "Mirela Kostadinova and Hanne Sattler toured the dredger at dawn.\n",
    "a5.md": "Hanne Satler declined to comment on the dredging contract.\n",
}

EDITED = "edit.md"
EDITED_TEXT = (
    "The Harbour Commissioner, Hanne Satler, signed the lease on Friday. "
    "Commissioner Sattler later said Mirela Kostadinowa would chair the board.\n"
)


def make_desk(root, articles):
    """A workspace at `root` with the test registry and `articles`."""
    (root / "articles").mkdir(parents=True)
    (root / "copydesk.toml").write_text('registry = ["actors.toml"]\n', encoding="utf-8")
    (root / "actors.toml").write_text(REGISTRY, encoding="utf-8")
    for name, text in articles.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def desk(tmp_path):
    return make_desk(tmp_path / "desk", {**ARTICLES, EDITED: EDITED_TEXT})


async def start(lsp_client, profile, root):
    """Initialises a session on the workspace at `root`."""
    for method in ("client/registerCapability", "workspace/codeLens/refresh", "workspace/semanticTokens/refresh"):
        lsp_client.feature(method)(lambda *args: None)
    params = types.InitializeParams(
        capabilities=client_capabilities(profile),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        root_uri=root.as_uri(),
    )
    lsp_client.init_result = await lsp_client.initialize_session(params)
    lsp_client.desk = root


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BINARY, "lsp"]), params=["visual-studio-code", "neovim@v0.11.0"]
)
async def client(lsp_client: LanguageClient, request, desk):
    await start(lsp_client, request.param, desk)
    yield
    await lsp_client.shutdown_session()


def open_article(client, name, text=None):
    path = client.desk / "articles" / name
    text = path.read_text(encoding="utf-8") if text is None else text
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    return uri, text


def change(client, uri, version, text):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def corpus(diags):
    return [d for d in diags if d.code == "corpus-spelling"]


async def corpus_diagnostics(client, uri, message):
    """The document's corpus-spelling diagnostics once one says `message`
    (with `message` None: once it has none)."""

    def ready():
        if uri not in client.diagnostics:
            return False
        found = corpus(client.diagnostics[uri])
        return any(d.message == message for d in found) if message else not found

    try:
        await wait_for(ready, what=f"corpus-spelling diagnostics of {uri}")
    except AssertionError:
        raise AssertionError([d.message for d in client.diagnostics.get(uri, [])])
    return corpus(client.diagnostics[uri])


def message(here, house):
    return f"Hanne Sattler is spelled ‘Satler’ {here}; ‘Sattler’, the house spelling, {house}"


@pytest.mark.asyncio
async def test_the_minority_spelling_gets_the_counts_a_fix_and_the_other_articles(client):
    uri, text = open_article(client, EDITED)
    enc = encoding_of(client)
    expected = message("here and in 1 other article", "in 5 articles")
    found = await corpus_diagnostics(client, uri, expected)
    # Only "Satler": not the title, not "Commissioner Sattler" (a surname
    # after a title), not the registered transliteration "Kostadinowa".
    assert len(found) == 1
    diag = found[0]
    assert diag.range == range_of(text, "Satler", enc)
    assert diag.severity == types.DiagnosticSeverity.Information
    assert diag.source == "copydesk"

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag]),
        )
    )
    fix = next(a for a in actions if a.title == "Spell it ‘Sattler’ (house spelling)")
    edit = fix.edit
    edits = (
        [e for c in edit.document_changes if c.text_document.uri == uri for e in c.edits]
        if edit.document_changes
        else edit.changes[uri]
    )
    assert [(e.range, e.new_text) for e in edits] == [(diag.range, "Sattler")]
    assert apply_edits(text, edits, enc) == EDITED_TEXT.replace("Hanne Satler", "Hanne Sattler")

    show = next(a for a in actions if a.title == "Show the 1 other article spelling ‘Satler’")
    assert show.command == "copydesk.showMentions"
    assert list(show.arguments[:2]) == [uri, {"line": diag.range.start.line, "character": diag.range.start.character}]
    locations = show.arguments[2]
    a5 = client.desk / "articles" / "a5.md"
    assert [loc["uri"] for loc in locations] == [a5.as_uri()]
    satler = range_of(ARTICLES["a5.md"], "Satler", enc)
    assert locations[0]["range"] == {
        "start": {"line": satler.start.line, "character": satler.start.character},
        "end": {"line": satler.end.line, "character": satler.end.character},
    }


@pytest.mark.asyncio
async def test_edits_replace_the_documents_contribution(client):
    uri, _ = open_article(client, EDITED)
    await corpus_diagnostics(client, uri, message("here and in 1 other article", "in 5 articles"))

    # The edited article no longer writes "Sattler": 4 articles do, and its
    # "Satler" still counts once (its copy on disk is not added again).
    change(client, uri, 2, "Hanne Satler signed the lease on Friday.\n")
    await corpus_diagnostics(client, uri, message("here and in 1 other article", "in 4 articles"))

    # Another open article's counts follow this one's edits.
    other, _ = open_article(client, "a5.md")
    await corpus_diagnostics(client, other, message("here and in 1 other article", "in 4 articles"))
    change(client, uri, 3, "Hanne Sattler signed the lease on Friday.\n")
    await corpus_diagnostics(client, uri, None)
    await corpus_diagnostics(client, other, message("only here", "in 5 articles"))


@pytest.mark.asyncio
async def test_aliases_titles_and_surnames_alone_are_no_split(client):
    text = (
        "Harbour Commissioner Hanne Sattler and Mirela Kostadinowa met. "
        "Commissioner Sattler spoke first; Kostadinova, as others spell her, second. "
        "HANNE SATTLER, the headline said. Hanne Satler left.\n"
    )
    uri, _ = open_article(client, EDITED, text)
    enc = encoding_of(client)
    found = await corpus_diagnostics(client, uri, message("here and in 1 other article", "in 5 articles"))
    assert [d.range for d in found] == [range_of(text, "Satler", enc)]


@pytest.mark.asyncio
async def test_articles_changed_on_disk_change_the_counts(client):
    uri, _ = open_article(client, EDITED)
    await corpus_diagnostics(client, uri, message("here and in 1 other article", "in 5 articles"))
    a5 = client.desk / "articles" / "a5.md"
    a5.write_text(ARTICLES["a5.md"].replace("Satler", "Sattler"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=a5.as_uri(), type=types.FileChangeType.Changed)])
    )
    await corpus_diagnostics(client, uri, message("only here", "in 6 articles"))


@pytest.mark.asyncio
async def test_the_editor_settings_set_its_level_or_turn_it_off(client):
    uri, _ = open_article(client, EDITED)
    expected = message("here and in 1 other article", "in 5 articles")
    await corpus_diagnostics(client, uri, expected)

    def configure(level):
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"copydesk": {"rules": {"corpus-spelling": level}}})
        )

    configure("hint")
    await wait_for(
        lambda: [d.severity for d in corpus(client.diagnostics.get(uri, []))] == [types.DiagnosticSeverity.Hint],
        what="a hint",
    )
    configure("off")
    await corpus_diagnostics(client, uri, None)


class History(dict):
    """`client.diagnostics` that also keeps every publication, in order."""

    def __init__(self):
        super().__init__()
        self.published = []

    def __setitem__(self, uri, diagnostics):
        self.published.append((uri, list(diagnostics)))
        super().__setitem__(uri, diagnostics)


BIG = 3000


@pytest.fixture
def big_desk(tmp_path):
    # Long enough that indexing takes a while on a fast machine too.
    filler = "The ferry union met the port authority again to discuss the winter rota. " * 40
    articles = {f"b{i:05}.md": f"{filler}\n\nHanne Sattler inspected berth {i}.\n" for i in range(BIG)}
    return make_desk(tmp_path / "big", {**articles, EDITED: EDITED_TEXT})


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "lsp"]), params=["visual-studio-code"])
async def big_client(lsp_client: LanguageClient, request, big_desk):
    lsp_client.diagnostics = History()
    await start(lsp_client, request.param, big_desk)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_counts_are_never_partial_while_the_workspace_is_indexed(big_client):
    client = big_client
    # Opened right after `initialized`: the index of 3000 articles is far
    # from complete when the article is first published.
    uri, _ = open_article(client, EDITED)
    whole = message("only here", f"in {BIG + 1} articles")
    await corpus_diagnostics(client, uri, whole)
    mine = [diags for published_uri, diags in client.diagnostics.published if published_uri == uri]
    assert len(mine) >= 2, "published once before indexing ended (else this test proves nothing)"
    assert corpus(mine[0]) == [], "the first publication, while indexing, has no corpus counts"
    assert {d.message for diags in mine for d in corpus(diags)} == {whole}
