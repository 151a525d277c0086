"""Human annotation in the editor (#19), over stdio in both client profiles:
code actions append a decision to the workspace's annotation store, the
store reloads the workspace, and every feature reflects the decision."""

import asyncio
import json
import subprocess

import pytest
from conftest import BINARY, ROOT, apply_edits, encoding_of, position_in, range_of, wait_for
from lsprotocol import types

FIXTURE = ROOT / "tests" / "fixtures" / "annotations"
PORT = (FIXTURE / "articles" / "port.md").read_text(encoding="utf-8")


@pytest.fixture
def corpus_template():
    """conftest's client opens a copy of this workspace instead of the
    examples (the CLI tests, tests/annotations.rs, use it too)."""
    return FIXTURE


@pytest.fixture
def initialization_options():
    """The annotator's name, from the editor's settings."""
    return {"copydesk": {"annotator": "ana"}}


INITIAL = ["ambiguous-name", "corpus-spelling", "name-variant", "unsourced-statistic", "unsourced-statistic"]


@pytest.fixture
async def annotating(client):
    """The client with the port story open, indexed and published: every
    rule's finding and the corpus note on ‘Hogen’ (a registered variant
    spelled so nowhere else)."""
    client.desk = client.corpus
    client.port = open_port(client)
    await indexed(client, 1)
    await published(client, client.port, INITIAL)
    return client


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


def open_port(client):
    uri = (client.desk / "articles" / "port.md").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=PORT)
        )
    )
    return uri


async def published(client, uri, expected):
    """Waits until the document's diagnostics have exactly the codes
    `expected` (sorted): decisions reload the workspace, and the corpus
    notes come back when its indexing ends."""
    return await diagnostics(client, uri, lambda d: codes(d) == sorted(expected))


async def diagnostics(client, uri, predicate):
    return await wait_for(
        lambda: client.diagnostics.get(uri) if uri in client.diagnostics and predicate(client.diagnostics[uri]) else None,
        what=f"diagnostics for {uri}",
    )


async def indexed(client, runs):
    """Waits until `runs` indexing runs of the workspace have ended (one at
    start, one after each reload)."""
    await wait_for(
        lambda: sum(1 for r in client.progress_reports.values() if r and r[-1].kind == "end") >= runs,
        what=f"{runs} indexing runs",
    )


def codes(diags):
    return sorted(d.code for d in diags)


async def actions_at(client, uri, rng):
    return await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(uri), range=rng, context=types.CodeActionContext(diagnostics=[]))
    )


def store_edits(action, store_uri):
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == store_uri for e in change.edits]
    return edit.changes[store_uri]


def record(client, action):
    """Applies the action's edit to the store as an editor would, saves it,
    and tells the server the file changed. Returns the new line."""
    store = client.desk / "notes.jsonl"
    before = store.read_text(encoding="utf-8")
    after = apply_edits(before, store_edits(action, store.as_uri()), encoding_of(client))
    store.write_text(after, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=store.as_uri(), type=types.FileChangeType.Changed)])
    )
    assert after.startswith(before)
    return json.loads(after[len(before):])


async def references(client, uri, text, needle):
    return await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(uri),
            position=position_in(text, needle, encoding_of(client), 1),
            context=types.ReferenceContext(include_declaration=False),
        )
    )


@pytest.mark.asyncio
async def test_a_linked_surname_stays_linked_after_edits_above_it_and_exports_as_human(annotating):
    client, uri, enc = annotating, annotating.port, encoding_of(annotating)
    actions = await actions_at(client, uri, range_of(PORT, "Wallace", enc))
    titles = [a.title for a in actions if a.kind == "refactor.annotate"]
    # Candidates: the bearers of “Wallace”, neither titled, in office nor
    # mentioned before: registry order.
    assert titles == [
        "Link ‘Wallace’ to Ben Wallace",
        "Link ‘Wallace’ to Kate Wallace",
        "‘Wallace’ is not a mention",
        "Accept ambiguous-name here",
        "Dismiss ambiguous-name here",
    ]
    line = record(client, actions[[a.title for a in actions].index("Link ‘Wallace’ to Ben Wallace")])
    assert line["path"] == "articles/port.md"
    assert line["decision"] == "link" and line["actor"] == "ben-wallace" and line["annotator"] == "ana"
    assert line["anchor"] == {"before": "--\ndate: 2026-02-10\n---\n", "text": "Wallace", "after": " said the harbour would ", "offset": 25}
    await published(client, uri, ["corpus-spelling", "name-variant", "unsourced-statistic", "unsourced-statistic"])

    # An unrelated edit above it: a new first paragraph.
    edited = PORT.replace("---\nWallace", "---\nA new first paragraph about the port.\n\nWallace")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
        )
    )
    try:
        await wait_for(lambda: client.diagnostics.get(uri) and client.diagnostics[uri][0].range.start.line == 7, what="republished", timeout=5)
    except AssertionError:
        raise AssertionError(repr(client.diagnostics.get(uri)))
    assert codes(client.diagnostics[uri]) == ["corpus-spelling", "name-variant", "unsourced-statistic", "unsourced-statistic"]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=position_in(edited, "Wallace said", enc, 1))
    )
    assert "Ben Wallace" in hover.contents.value and "Kate" not in hover.contents.value

    # Saved, the article exports the link as a person's.
    (client.desk / "articles" / "port.md").write_text(edited, encoding="utf-8")
    out = subprocess.run([BINARY, "export", "--format", "jsonl", "-o", "out"], cwd=client.desk, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    port = json.loads((client.desk / "out" / "annotations.jsonl").read_text(encoding="utf-8").splitlines()[0])
    wallace = next(m for m in port["mentions"] if m["text"] == "Wallace")
    assert (wallace["actor"], wallace["source"], wallace["annotator"]) == ("ben-wallace", "human", "ana")
    assert wallace["byte_start"] == edited.index("Wallace")


@pytest.mark.asyncio
async def test_a_rejected_link_leaves_references_and_the_spelling_statistics(annotating):
    client, uri, enc = annotating, annotating.port, encoding_of(annotating)
    before = await references(client, uri, PORT, "Ida Hogan said")
    assert len(before) == 4  # Hogen and Ida Hogan here, two in the quay story
    assert any(r.uri == uri and r.range == range_of(PORT, "Hogen", enc) for r in before)
    stats = subprocess.run([BINARY, "check", "--statistics"], cwd=client.desk, capture_output=True, text=True).stdout
    assert "Ida Hogan (ida-hogan): Hogan: 2 articles, Hogen: 1 article" in stats

    actions = await actions_at(client, uri, range_of(PORT, "Hogen", enc))
    reject = next(a for a in actions if a.title == "‘Hogen’ is not a mention")
    assert record(client, reject)["decision"] == "not-a-mention"
    await published(client, uri, ["ambiguous-name", "unsourced-statistic", "unsourced-statistic"])
    await indexed(client, 2)
    after = await references(client, uri, PORT, "Ida Hogan said")
    assert len(after) == 3
    assert not any(r.uri == uri and r.range == range_of(PORT, "Hogen", enc) for r in after)
    stats = subprocess.run([BINARY, "check", "--statistics"], cwd=client.desk, capture_output=True, text=True).stdout
    assert "Spellings that differ" not in stats, stats
    assert "3  Ida Hogan (ida-hogan)\n" in stats, stats


@pytest.mark.asyncio
async def test_a_speaker_set_to_nobody_and_a_missed_mention_added(annotating):
    client, uri, enc = annotating, annotating.port, encoding_of(annotating)
    quote = "“We will rebuild the harbour quickly and the fleet will return,”"
    cursor = position_in(PORT, "We will rebuild", enc, 3)
    actions = await actions_at(client, uri, types.Range(start=cursor, end=cursor))
    titles = [a.title for a in actions if a.kind == "refactor.annotate"]
    # Ida Hogan says it; the article names nobody else who could.
    assert titles == ["Set speaker: nobody named"]
    line = record(client, actions[-1])
    assert (line["decision"], line["actor"], line["anchor"]["text"]) == ("speaker", None, quote)

    async def hover_text(needle):
        hover = await client.text_document_hover_async(
            types.HoverParams(text_document=doc(uri), position=position_in(PORT, needle, enc, 1))
        )
        return hover.contents.value if hover else ""

    await wait_for_hover(client, hover_text, "rebuild", "decided by ana")
    assert (await hover_text("rebuild")).endswith(
        "**Quotation** (direct) — no speaker found in this or the adjacent sentence (speaker decided by ana, annotation store)"
    )
    # The rules see the decision: the quotation is now unattributed.
    await published(
        client,
        uri,
        ["ambiguous-name", "corpus-spelling", "name-variant", "unattributed-quote", "unsourced-statistic", "unsourced-statistic"],
    )

    # “Still” selected: a mention the automaton missed, offered with the
    # actors the article mentions.
    actions = await actions_at(client, uri, range_of(PORT, "Still", enc))
    titles = [a.title for a in actions if a.kind == "refactor.annotate"]
    assert titles == ["Mark ‘Still’ as a mention of Ida Hogan"]
    line = record(client, actions[-1])
    assert (line["decision"], line["actor"], line["anchor"]["text"]) == ("link", "ida-hogan", "Still")
    await wait_for_hover(client, hover_text, "Still", "Ida Hogan")

    # A figure sourced in the print edition.
    cursor = position_in(PORT, "12 ferries", enc, 1)
    actions = await actions_at(client, uri, types.Range(start=cursor, end=cursor))
    titles = [a.title for a in actions if a.kind == "refactor.annotate"]
    assert titles == ["Mark the figure sourced", "Confirm the figure is unsourced"]
    assert record(client, actions[-2])["decision"] == "sourced"
    diags = await diagnostics(client, uri, lambda d: codes(d).count("unsourced-statistic") == 1)
    assert [d.range for d in diags if d.code == "unsourced-statistic"] == [range_of(PORT, "About 300 boats", enc)]


async def wait_for_hover(client, hover_text, needle, expected):
    """Waits until the hover at `needle` says `expected` (the store reload
    is asynchronous)."""
    for _ in range(200):
        if expected in await hover_text(needle):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"hover at {needle!r} never said {expected!r}: {await hover_text(needle)!r}")


@pytest.mark.asyncio
async def test_a_stale_decision_is_shown_with_its_store_line(annotating):
    client, uri = annotating, annotating.port
    store = client.desk / "notes.jsonl"
    stale = {"path": "articles/port.md", "anchor": {"text": "Sirhan Sirhan", "offset": 3}, "decision": "link",
             "actor": "ben-wallace", "annotator": "bo"}
    store.write_text("\n" + json.dumps(stale) + "\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=store.as_uri(), type=types.FileChangeType.Changed)])
    )
    diags = await published(client, uri, INITIAL + ["stale-annotation"])
    note = next(d for d in diags if d.code == "stale-annotation")
    assert note.message.startswith("stale annotation of ‘Sirhan Sirhan’ (")
    assert note.message.split(" (", 1)[1].startswith(f"{store}:2): its text and the text around it are no longer")
    assert note.range.start == types.Position(line=0, character=0)
    assert note.related_information[0].location.uri == store.as_uri()
    assert note.related_information[0].location.range.start == types.Position(line=1, character=0)
