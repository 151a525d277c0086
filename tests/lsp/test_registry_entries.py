"""Writing registry entries from the editor: the code action that fills an
unknown person's entry from what the workspace's articles say of them, and
completion of the id of the entry being written in a registry file."""

import pytest
from conftest import apply_edits, diagnostics_for, encoding_of, open_document, position_in
from lsprotocol import types

WIRE = "articles/wire/2026-02-25-patrol-boats.txt"


def doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


def edits_for(action, target):
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == target for e in change.edits]
    return edit.changes[target]


@pytest.mark.asyncio
async def test_an_unknown_person_entry_is_filled_from_the_workspace(client):
    # A second article, open in the editor and not yet saved, names him too.
    note = client.corpus / "articles" / "wire" / "harbour-note.md"
    note_text = "---\ndate: 2026-02-26\n---\nNaval analyst Dag Emmerich said the harbour was quiet.\n"
    note.write_text(note_text, encoding="utf-8")
    await open_document(client, "articles/wire/harbour-note.md")
    uri, _ = await open_document(client, WIRE)
    enc = encoding_of(client)
    diags = await diagnostics_for(client, uri, lambda ds: any(d.code == "unknown-actor" for d in ds))
    emmerich = next(d for d in diags if d.code == "unknown-actor")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(text_document=doc(uri), range=emmerich.range, context=types.CodeActionContext(diagnostics=[emmerich]))
    )
    titles = [a.title for a in actions]
    # "Add to the registry" stays as it was; the new action comes after it.
    fill_title = "Fill Dag Emmerich’s registry entry from the workspace (2 mentions in 2 articles)"
    assert titles.index("Add Dag Emmerich to the registry") + 1 == titles.index(fill_title), titles
    fill = next(a for a in actions if a.title == fill_title)
    registry_uri = (client.corpus / "actors.toml").as_uri()
    registry = (client.corpus / "actors.toml").read_text(encoding="utf-8")
    grown = apply_edits(registry, edits_for(fill, registry_uri), enc)
    assert grown.endswith(
        "\n# 2 mentions in 2 articles: articles/wire/2026-02-25-patrol-boats.txt, articles/wire/harbour-note.md\n"
        '# seen as: "Naval analyst" (1)\n'
        '# seen as: "Security analyst" (1)\n'
        '[[actor]]\nid = "dag-emmerich"\nname = "Dag Emmerich"\nkind = "person"\ndescription = "Naval analyst"\n'
    ), grown[-400:]


@pytest.mark.asyncio
async def test_the_id_of_a_new_registry_entry_is_completed_from_its_name(client):
    path = client.corpus / "actors.toml"
    text = path.read_text(encoding="utf-8") + '\n[[actor]]\nid = "ilse"\nname = "Ilse Varnholt"\n'
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="toml", version=1, text=text))
    )
    enc = encoding_of(client)
    position = position_in(text, 'id = "ilse"', enc, offset=len('id = "ilse'))
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc(uri), position=position))
    items = result.items if hasattr(result, "items") else result
    assert [i.label for i in items] == ["ilse-varnholt"]
    assert items[0].detail == "id from the name Ilse Varnholt"
    completed = apply_edits(text, [items[0].text_edit], enc)
    assert completed.endswith('\n[[actor]]\nid = "ilse-varnholt"\nname = "Ilse Varnholt"\n')

    # A second entry named like a registered actor gets an id of its own.
    again = text + '\n[[actor]]\nid = "andrej"\nname = "Andrej Volan"\n'
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=again)],
        )
    )
    # (The example registry's own `id = "andrej-volan"` comes first.)
    position = position_in(again, 'id = "andrej"\n', enc, offset=len('id = "andrej'))
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc(uri), position=position))
    items = result.items if hasattr(result, "items") else result
    assert [i.label for i in items] == ["andrej-volan-2"]
