"""Every language-server feature, end to end over stdio, in both position
encodings, on a copy of the example corpus."""

import json
import subprocess

import pytest
from conftest import (
    BINARY,
    apply_edits,
    diagnostics_for,
    encoding_of,
    open_document,
    position_in,
    range_of,
    wait_for,
)
from lsprotocol import types

FERRY = "articles/regions/port-sarn-ferry-walkout.txt"
WIRE = "articles/wire/2026-02-25-patrol-boats.txt"
KESSEL = "articles/politics/2026-02-27-de-la-vega-kessel.md"


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


@pytest.mark.asyncio
async def test_encoding_is_negotiated(client):
    expected = "utf-8" if client.profile.startswith("neovim") else "utf-16"
    assert encoding_of(client) == expected
    caps = client.init_result.capabilities
    assert caps.rename_provider.prepare_provider is True
    assert list(caps.semantic_tokens_provider.legend.token_types) == ["person", "organization", "group", "place", "statistic"]


@pytest.mark.asyncio
async def test_workspace_indexing_reports_progress(client):
    def finished():
        for reports in client.progress_reports.values():
            if reports and getattr(reports[-1], "kind", None) == "end":
                return reports
        return None

    reports = await wait_for(finished, what="indexing progress end")
    assert reports[0].kind == "begin"
    assert reports[0].title == "copydesk: indexing articles"
    assert reports[-1].message == "7 articles, 14 actors"


@pytest.mark.asyncio
async def test_diagnostics_have_exact_ranges_after_emoji(client):
    uri, text = await open_document(client, FERRY)
    enc = encoding_of(client)
    diags = await diagnostics_for(client, uri)
    by_code = {}
    for d in diags:
        by_code.setdefault(d.code, []).append(d)
        assert d.source == "copydesk"
    satler = by_code["inconsistent-name"][0]
    assert satler.range == range_of(text, "Satler", enc)
    assert satler.severity == types.DiagnosticSeverity.Warning
    assert satler.message == "‘Satler’ is spelled ‘Sattler’ elsewhere in this article (2×); use one spelling"
    assert satler.data["rule"] == "inconsistent-name"
    assert by_code["repeated-word"][0].range == range_of(text, "to to", enc)
    assert by_code["unknown-actor"][0].range == range_of(text, "Ondrej Sattler", enc)
    assert by_code["unknown-actor"][0].data["suggestion"]["id"] == "ondrej-sattler"
    assert by_code["vague-attribution"][0].severity == types.DiagnosticSeverity.Hint
    assert sorted(by_code) == [
        "inconsistent-name",
        "repeated-word",
        "unattributed-quote",
        "unknown-actor",
        "unsourced-statistic",
        "vague-attribution",
    ]


@pytest.mark.asyncio
async def test_hover_shows_the_actor_card_and_rule_docs(client):
    uri, text = await open_document(client, WIRE)
    await diagnostics_for(client, uri)
    enc = encoding_of(client)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=position_in(text, "Lena Markovic", enc, 2))
    )
    value = hover.contents.value
    assert value.startswith("### Lena Marković\n*person* · `lena-markovic`")
    assert "**On 2026-02-25:** Member of the National Assembly (since 2025-12-01)" in value
    assert "**Variants (not house style):** Lena Markovic, Markovic" in value
    assert "[Q99000003](https://www.wikidata.org/wiki/Q99000003)" in value
    assert "**name-variant** (warning)" in value
    assert hover.range == range_of(text, "Lena Markovic", enc)


@pytest.mark.asyncio
async def test_a_quotation_shows_its_speaker_and_leads_to_them(client):
    uri, text = await open_document(client, FERRY)
    await diagnostics_for(client, uri)
    enc = encoding_of(client)
    quote = "“Nobody in this town wins a standoff with the sea,”"
    inside = position_in(text, "wins a standoff", enc, 2)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=inside))
    assert hover.contents.value == "**Quotation** (direct) — said by **Talib Talib** (`talib-talib`); cue “said”"
    assert hover.range == range_of(text, quote, enc)
    result = await client.text_document_definition_async(types.DefinitionParams(text_document=doc(uri), position=inside))
    location = result if isinstance(result, types.Location) else result[0]
    assert location.uri == uri
    speaker = text[: text.index("Talib said")].count("Talib")
    assert location.range == range_of(text, "Talib", enc, speaker)
    # A quotation nobody says.
    caption = position_in(text, "Six sailings a day", enc, 2)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=caption))
    assert "**Quotation** (direct) — no speaker found in this or the adjacent sentence" in hover.contents.value


@pytest.mark.asyncio
async def test_reported_speech_shows_its_speaker(client):
    uri, text = await open_document(client, FERRY)
    await diagnostics_for(client, uri)
    enc = encoding_of(client)
    inside = position_in(text, "transport committee", enc, 2)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=inside))
    assert hover.contents.value.startswith("**Reported speech** (indirect) — said by **Talib Talib** (`talib-talib`)"), hover.contents.value
    assert hover.contents.value.endswith("; cue “said”")
    statement = text[text.index("he would ask the National"):]
    statement = statement[: statement.index(".")]
    assert hover.range == range_of(text, statement, enc)


@pytest.mark.asyncio
async def test_definition_lands_on_the_registry_entry(client):
    uri, text = await open_document(client, WIRE)
    enc = encoding_of(client)
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(uri), position=position_in(text, "Pavel Horak", enc, 1))
    )
    location = result if isinstance(result, types.Location) else result[0]
    registry = (client.corpus / "actors.toml").read_text(encoding="utf-8")
    assert location.uri == (client.corpus / "actors.toml").as_uri()
    header = registry.index('[[actor]]\nid = "pavel-horak"')
    line = registry.count("\n", 0, header)
    assert location.range == types.Range(start=types.Position(line, 0), end=types.Position(line, 9))


@pytest.mark.asyncio
async def test_references_cover_unopened_articles(client):
    uri, text = await open_document(client, WIRE)
    enc = encoding_of(client)
    await wait_for(lambda: any(r and r[-1].kind == "end" for r in client.progress_reports.values()), what="indexing")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(uri),
            position=position_in(text, "Lena Markovic", enc, 1),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    cli = subprocess.run([BINARY, "check", "--format", "json"], cwd=client.corpus, capture_output=True, text=True)
    expected = json.loads(cli.stdout)["summary"]["mentions_by_actor"]["lena-markovic"]
    assert refs[0].uri.endswith("actors.toml")
    assert len(refs) == expected + 1
    files = {r.uri.rsplit("/", 1)[-1] for r in refs}
    assert "2025-10-08-harbour-spending-review.txt" in files
    assert any(r.uri == uri and r.range == range_of(text, "Lena Markovic", enc) for r in refs)


@pytest.mark.asyncio
async def test_completion_offers_house_names_not_variants(client):
    uri, text = await open_document(client, WIRE)
    await diagnostics_for(client, uri)
    lines = text.split("\n")
    end = types.Position(line=len(lines) - 1, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=end, end=end), text="Mark")],
        )
    )
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc(uri), position=types.Position(line=len(lines) - 1, character=4))
    )
    labels = [item.label for item in result.items]
    assert "Lena Marković" in labels
    assert "Lena Markovic" not in labels and "Markovic" not in labels
    item = next(i for i in result.items if i.label == "Lena Marković")
    assert item.detail == "Finance minister until November 2025, now a backbench MP."
    assert item.text_edit.new_text == "Lena Marković"


@pytest.mark.asyncio
async def test_code_actions_fix_the_text_and_grow_the_registry(client):
    uri, text = await open_document(client, WIRE)
    enc = encoding_of(client)
    diags = await diagnostics_for(client, uri)
    vloan = next(d for d in diags if d.code == "misspelled-name")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(uri), range=vloan.range, context=types.CodeActionContext(diagnostics=[vloan]))
    )
    titles = [a.title for a in actions]
    assert titles == [
        "Replace with ‘Andrej Volan’",
        "Record ‘Andrej Vloan’ as a variant of Andrej Volan",
        "Disable misspelled-name on this line",
        # corpus-spelling: the rest of the corpus spells him ‘Volan’.
        "Spell it ‘Volan’ (house spelling)",
        # Annotation (test_annotations.py): the misspelling as a mention,
        # its actor first, then who the article mentions last; the
        # speaker of the statement it is in; the finding itself.
        "Mark ‘Andrej Vloan’ as a mention of Andrej Volan",
        "Mark ‘Andrej Vloan’ as a mention of Lena Marković",
        "Mark ‘Andrej Vloan’ as a mention of Pavel Horak",
        "Set speaker: Lena Marković",
        "Set speaker: Pavel Horak",
        "Set speaker: National Assembly of Valdoria",
        "Set speaker: Civic Renewal Party",
        "Set speaker: nobody named",
        "Accept misspelled-name here",
        "Dismiss misspelled-name here",
    ]
    fix = actions[0]

    def edits_for(action, target):
        edit = action.edit
        if edit.document_changes:
            return [e for change in edit.document_changes if change.text_document.uri == target for e in change.edits]
        return edit.changes[target]

    fixed = apply_edits(text, edits_for(fix, uri), enc)
    assert "President Andrej Volan, whose office" in fixed and "Vloan" not in fixed

    registry_uri = (client.corpus / "actors.toml").as_uri()
    registry = (client.corpus / "actors.toml").read_text(encoding="utf-8")
    recorded = apply_edits(registry, edits_for(actions[1], registry_uri), enc)
    assert 'name = "Andrej Volan"\nvariants = ["Andrej Vloan"]' in recorded

    disabled = apply_edits(text, edits_for(actions[2], uri), enc)
    assert "<!-- copydesk-disable-next-line misspelled-name -->\nThe bill still" in disabled or "<!-- copydesk-disable-next-line misspelled-name -->\n" in disabled

    emmerich = next(d for d in diags if d.code == "unknown-actor")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(uri), range=emmerich.range, context=types.CodeActionContext(diagnostics=[emmerich]))
    )
    add = next(a for a in actions if a.title == "Add Dag Emmerich to the registry")
    grown = apply_edits(registry, edits_for(add, registry_uri), enc)
    assert grown.endswith('\n[[actor]]\nid = "dag-emmerich"\nname = "Dag Emmerich"\nkind = "person"\ndescription = "Security analyst"\n')


@pytest.mark.asyncio
async def test_rename_changes_registry_and_every_mention(client):
    uri, text = await open_document(client, WIRE)
    enc = encoding_of(client)
    await diagnostics_for(client, uri)
    await wait_for(lambda: any(r and r[-1].kind == "end" for r in client.progress_reports.values()), what="indexing")
    position = position_in(text, "Pavel Horak", enc, 2)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(uri), position=position))
    assert prepared.placeholder == "Pavel Horak"
    assert prepared.range == range_of(text, "Pavel Horak", enc)
    edit = await client.text_document_rename_async(types.RenameParams(text_document=doc(uri), position=position, new_name="Pavel Horák"))
    changes = {c.text_document.uri.rsplit("/", 1)[-1]: c for c in edit.document_changes} if edit.document_changes else {}
    if not changes:
        changes = {u.rsplit("/", 1)[-1]: types.TextDocumentEdit(text_document=types.OptionalVersionedTextDocumentIdentifier(uri=u, version=None), edits=e) for u, e in edit.changes.items()}
    registry = (client.corpus / "actors.toml").read_text(encoding="utf-8")
    renamed = apply_edits(registry, changes["actors.toml"].edits, enc)
    assert 'name = "Pavel Horák"' in renamed and 'name = "Pavel Horak"' not in renamed
    wire = apply_edits(text, changes["2026-02-25-patrol-boats.txt"].edits, enc)
    assert "Defence Minister Pavel Horák" in wire
    assert "Horák said" in wire  # the surname alone follows the house name
    if edit.document_changes:
        assert changes["2026-02-25-patrol-boats.txt"].text_document.version == 1


@pytest.mark.asyncio
async def test_semantic_tokens_mark_variants_and_statistics(client):
    uri, text = await open_document(client, WIRE)
    enc = encoding_of(client)
    await diagnostics_for(client, uri)
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc(uri)))
    decoded, line, col = [], 0, 0
    data = tokens.data
    for i in range(0, len(data), 5):
        dl, ds, length, ty, mods = data[i : i + 5]
        line += dl
        col = ds if dl else col + ds
        decoded.append((line, col, length, ty, mods))
    target = range_of(text, "Lena Markovic", enc)
    assert (target.start.line, target.start.character, target.end.character - target.start.character, 0, 1) in decoded
    assert any(ty == 4 for (_, _, _, ty, _) in decoded), "statistics are tokens too"


@pytest.mark.asyncio
async def test_symbols_and_code_lens(client):
    uri, text = await open_document(client, WIRE)
    await diagnostics_for(client, uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(uri)))
    names = [s.name for s in symbols]
    assert names[:2] == ["Valdoria", "Pavel Horak"] or "Pavel Horak" in names
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="avol"))
    assert found[0].name == "Andrej Volan"
    await wait_for(lambda: any(r and r[-1].kind == "end" for r in client.progress_reports.values()), what="indexing")
    registry_uri = (client.corpus / "actors.toml").as_uri()
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=doc(registry_uri)))
    registry = (client.corpus / "actors.toml").read_text(encoding="utf-8")
    talib_line = registry.count("\n", 0, registry.index('[[actor]]\nid = "talib-talib"'))
    talib = next(l for l in lenses if l.range.start.line == talib_line)
    assert talib.command is None, "lenses are resolved lazily"
    talib = await client.code_lens_resolve_async(talib)
    cli = subprocess.run([BINARY, "check", "--format", "json"], cwd=client.corpus, capture_output=True, text=True)
    count = json.loads(cli.stdout)["summary"]["mentions_by_actor"]["talib-talib"]
    assert talib.command.title == f"{count} mentions in 2 articles"
    assert count == 5


@pytest.mark.asyncio
async def test_registry_edits_change_diagnostics_and_broken_registry_keeps_the_last_good(client):
    uri, text = await open_document(client, WIRE)
    diags = await diagnostics_for(client, uri)
    assert any(d.code == "misspelled-name" for d in diags)
    registry_path = client.corpus / "actors.toml"
    registry_uri, registry = await open_document(client, "actors.toml", "toml")
    anchor = 'name = "Andrej Volan"\n'
    line = registry.count("\n", 0, registry.index(anchor)) + 1
    at = types.Position(line=line, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=registry_uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text='variants = ["Andrej Vloan"]\n')],
        )
    )
    diags = await diagnostics_for(client, uri, lambda ds: any(d.code == "name-variant" and "Vloan" in d.message for d in ds))
    assert not any(d.code == "misspelled-name" for d in diags)

    broken = types.Position(line=0, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=registry_uri, version=3),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=broken, end=broken), text='[[actor]]\nid = "Bad Id"\nname = "X"\n\n')],
        )
    )
    registry_diags = await diagnostics_for(client, registry_uri, lambda ds: len(ds) > 0)
    assert registry_diags[0].message == "actor id `Bad Id` must use only lowercase letters, digits and hyphens"
    assert registry_diags[0].range.start == types.Position(line=1, character=5)
    assert registry_diags[0].severity == types.DiagnosticSeverity.Error
    # The last good registry (with the variant) is still in effect.
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(uri), position=position_in(text, "Andrej Vloan", encoding_of(client), 2))
    )
    assert "Andrej Vloan" in hover.contents.value and "### Andrej Volan" in hover.contents.value
    assert registry_path.read_text(encoding="utf-8") == registry, "the server never writes files"


@pytest.mark.asyncio
async def test_bad_requests_get_empty_answers(client):
    uri, text = await open_document(client, WIRE)
    await diagnostics_for(client, uri)
    far = types.Position(line=10_000, character=5)
    assert await client.text_document_hover_async(types.HoverParams(text_document=doc(uri), position=far)) is None
    unknown = (client.corpus / "nope.md").as_uri()
    assert await client.text_document_hover_async(types.HoverParams(text_document=doc(unknown), position=far)) is None
    assert await client.text_document_definition_async(types.DefinitionParams(text_document=doc(unknown), position=far)) is None
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=far, end=types.Position(line=20_000, character=0)), text=" the the")],
        )
    )
    diags = await diagnostics_for(client, uri, lambda ds: any(d.code == "repeated-word" for d in ds))
    assert any(d.message == "‘the’ is repeated" for d in diags)


@pytest.mark.asyncio
@pytest.mark.parametrize("attempt", range(4))
async def test_registry_edit_right_after_startup_is_never_lost(client, attempt):
    """Regression: a reload triggered by an early registry edit used to race
    the initial load, and the older snapshot could win."""
    await test_registry_edits_change_diagnostics_and_broken_registry_keeps_the_last_good(client)
