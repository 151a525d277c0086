"""The README's Helix recipe (#15), checked without Helix.

No Helix build can be installed on this project's machines: Debian bookworm
has no `helix` package, crates.io holds only 0.0.0 placeholders of
helix-term, helix-core and helix-view, and PyPI and npm have no package that
ships `hx`. So these tests check what can be checked short of running it,
on the `toml` block under "**Helix**" in README.md (read from the README, so
the two cannot drift):

- it parses as TOML and uses only the keys Helix documents for
  `[language-server.*]` and `[[language]]` (its book, languages.md, and
  helix-core's LanguageConfiguration, which rejects unknown keys), and the
  language it adds has the keys Helix requires of a new language;
- `.txt` and `.md` articles get the copydesk server, rooted at
  `copydesk.toml`, which `required-root-patterns` demands;
- the server started the way Helix starts it (the recipe's command and
  args, `config` as initializationOptions and again as
  didChangeConfiguration settings, the language name as languageId) gives
  a `.txt` article its findings, at the level the recipe's `config` sets.

What they do not prove: that Helix itself loads the file, finds the root and
shows the diagnostics."""

import fnmatch
import tomllib

import pytest
import pytest_lsp
from conftest import BINARY, ROOT, diagnostics_for, start_session
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

# Helix's documented keys (book/src/languages.md; helix-core
# src/syntax/config.rs, whose LanguageConfiguration denies unknown fields).
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots",
    "auto-format", "diagnostic-severity", "comment-tokens", "comment-token",
    "block-comment-tokens", "indent", "language-servers", "grammar", "formatter", "soft-wrap",
    "text-width", "rulers", "path-completion", "word-completion", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "rainbow-brackets", "code-actions-on-save", "auto-pairs",
    "debugger",
}  # fmt: skip
NEW_LANGUAGE_REQUIRES = {"name", "scope", "file-types"}  # no serde default in Helix
SERVER_KEYS = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
TOP_LEVEL_KEYS = {"language-server", "language", "grammar", "use-grammars"}
# Helix's own languages the recipe may extend, with their built-in file types
# and servers (Helix's languages.toml).
BUILT_IN = {"markdown": {"file-types": ["md", "markdown"], "servers": ["marksman", "markdown-oxide", "rumdl"]}}


def readme_recipe() -> dict:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    at = readme.index("\n**Helix**")
    start = readme.index("```toml\n", at) + len("```toml\n")
    end = readme.index("\n```", start)
    return tomllib.loads(readme[start:end])


RECIPE = readme_recipe()


def language(name: str) -> dict:
    found = [lang for lang in RECIPE["language"] if lang["name"] == name]
    assert len(found) == 1, f"[[language]] {name!r} appears {len(found)} times"
    return found[0]


def language_for(extension: str) -> str:
    """The language Helix picks for a file with `extension`: the recipe's
    own file types first (the user's file overrides), then the built-ins."""
    for lang in RECIPE["language"]:
        if extension in lang.get("file-types", BUILT_IN.get(lang["name"], {}).get("file-types", [])):
            return lang["name"]
    for name, built_in in BUILT_IN.items():
        if extension in built_in["file-types"]:
            return name
    raise AssertionError(f"no Helix language for .{extension}")


def test_the_recipe_uses_only_keys_helix_documents():
    assert set(RECIPE) <= TOP_LEVEL_KEYS
    for name, server in RECIPE["language-server"].items():
        assert set(server) <= SERVER_KEYS, f"[language-server.{name}]: {set(server) - SERVER_KEYS}"
        assert isinstance(server["command"], str)
        assert all(isinstance(a, str) for a in server.get("args", []))
    for lang in RECIPE["language"]:
        assert set(lang) <= LANGUAGE_KEYS, f"[[language]] {lang['name']}: {set(lang) - LANGUAGE_KEYS}"
        if lang["name"] not in BUILT_IN:
            missing = NEW_LANGUAGE_REQUIRES - set(lang)
            assert not missing, f"new language {lang['name']!r} lacks {missing}"
        for server in lang.get("language-servers", []):
            assert server in RECIPE["language-server"] or server in BUILT_IN.get(lang["name"], {}).get("servers", []), (
                f"{lang['name']}: language server {server!r} is defined nowhere"
            )


@pytest.mark.parametrize("extension", ["txt", "md"])
def test_articles_get_copydesk_only_in_a_workspace(extension):
    lang = language(language_for(extension))
    assert "copydesk" in lang["language-servers"]
    assert lang["roots"] == ["copydesk.toml"]
    server = RECIPE["language-server"]["copydesk"]
    assert (server["command"], server["args"]) == ("copydesk", ["lsp"])
    patterns = server["required-root-patterns"]
    assert any(fnmatch.fnmatch("copydesk.toml", p) for p in patterns)
    assert not any(fnmatch.fnmatch(other, p) for p in patterns for other in ("actors.toml", ".git", "notes.md"))


def test_text_is_a_language_of_its_own():
    assert language_for("txt") == "text"
    assert language("text")["file-types"] == ["txt"]


SERVER = RECIPE["language-server"]["copydesk"]
COMMAND = [BINARY if SERVER["command"] == "copydesk" else SERVER["command"], *SERVER["args"]]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=COMMAND))
async def helix_like(lsp_client: LanguageClient, corpus):
    # pytest-lsp has no Helix capability profile; Helix, like Neovim 0.11,
    # negotiates UTF-8 positions. The root is the corpus, the folder of the
    # copydesk.toml that the recipe's `roots` selects.
    await start_session(lsp_client, "neovim@v0.11.0", corpus, initialization_options=SERVER["config"])
    # Helix sends `config` again right after `initialized`
    lsp_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=SERVER["config"]))
    lsp_client.corpus = corpus
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_text_article_as_helix_opens_it_gets_its_findings(helix_like):
    path = helix_like.corpus / "articles/wire/2026-02-25-patrol-boats.txt"
    helix_like.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id=language_for("txt"), version=0, text=path.read_text(encoding="utf-8")
            )
        )
    )
    found = await diagnostics_for(helix_like, path.as_uri(), lambda ds: len(ds) >= 4)
    rules = sorted((d.code, d.range.start.line, d.severity) for d in found if d.code != "corpus-spelling")
    level = {"info": types.DiagnosticSeverity.Information}[SERVER["config"]["rules"]["unknown-actor"]]
    assert rules == [
        ("misspelled-name", 16, types.DiagnosticSeverity.Warning),
        ("name-variant", 12, types.DiagnosticSeverity.Warning),
        ("name-variant", 12, types.DiagnosticSeverity.Warning),
        ("unknown-actor", 14, level),  # a hint by default
    ]
