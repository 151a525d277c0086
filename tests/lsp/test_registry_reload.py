"""An edit of a large registry (#16): the server builds the edited
registry's lexicon on its last good one (the earlier automaton, renumbered,
and a small one for the new forms), and what it publishes is exactly what
`copydesk check` reports for the same files with no cache at all. A second
edit right after lands on that patched lexicon; a broken edit keeps the last
good registry and is reported at its line and column."""

import atexit
import json
import os
import shutil
import subprocess
import tempfile

import pytest
import pytest_lsp
from conftest import BINARY, diagnostics_for
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from test_config_above import notify, start
from test_workspaces import open_file, shown, write

# Enough people that one actor's edit is a small share of the forms, so
# the server patches rather than builds a whole automaton.
PEOPLE = 300
ARTICLE = "---\ndate: 2026-03-02\n---\nAna Ruis met Nadia Okafor7 at the port. Ana Ruys said 40% of boats left.\n"


def registry(variants, extra_line=""):
    lines = [json.dumps({"id": "ana-ruiz", "name": "Ana Ruiz", "variants": variants})]
    lines += [json.dumps({"id": f"person-{i}", "name": f"Nadia Okafor{i}", "aliases": [f"N. Okafor{i}"]}) for i in range(PEOPLE)]
    return "\n".join(lines[:150] + ([extra_line] if extra_line else []) + lines[150:]) + "\n"


@pytest.fixture
def desk(tmp_path):
    root = tmp_path / "desk"
    write(root, {"copydesk.toml": 'registry = ["actors.jsonl"]\n', "actors.jsonl": registry(["Ana Ruis"]), "story.md": ARTICLE})
    return root


# The server's cache folder: its own, so the user's is neither used nor filled.
CACHE = tempfile.mkdtemp(prefix="copydesk-reload-cache-")
atexit.register(shutil.rmtree, CACHE, True)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[BINARY, "lsp"], server_env={**os.environ, "COPYDESK_CACHE_DIR": CACHE})
)
async def client(lsp_client: LanguageClient, desk):
    await start(lsp_client, desk)
    yield
    await lsp_client.shutdown_session()


def check(desk):
    """What `copydesk check` reports for story.md, with no cache, as the
    server shows it: (rule, line, start, end, message), 0-based."""
    out = subprocess.run(
        [BINARY, "check", "--format", "json", "--fail-on", "never", "story.md"],
        cwd=desk, capture_output=True, text=True, env={**os.environ, "COPYDESK_CACHE_DIR": ""},
    )
    findings = json.loads(out.stdout)["findings"]
    assert all(f["line"] == f["end_line"] for f in findings)
    return sorted(((f["rule"], f["line"] - 1, f["column"] - 1, f["end_column"] - 1, f["message"]) for f in findings), key=lambda d: d[1:3])


def variant_findings(diagnostics):
    return sorted(d.range.start.character for d in diagnostics if d.code == "name-variant")


async def edited(client, desk, uri, variants, want, extra_line=""):
    """Saves the registry with `variants` for Ana Ruiz, tells the server
    as a file watcher does, and returns the article's diagnostics once the
    `name-variant` findings start at `want`."""
    (desk / "actors.jsonl").write_text(registry(variants, extra_line), encoding="utf-8")
    notify(client, desk / "actors.jsonl")
    diagnostics = await diagnostics_for(client, uri, lambda d: variant_findings(d) == want, timeout=30)
    return shown(diagnostics)


@pytest.mark.asyncio
async def test_an_edit_of_a_large_registry_is_published_exactly_as_check_reports_it(client, desk):
    uri = open_file(client, desk / "story.md")
    ruis, ruys = ARTICLE.split("---\n")[-1].index("Ana Ruis"), ARTICLE.split("---\n")[-1].index("Ana Ruys")
    first = shown(await diagnostics_for(client, uri, lambda d: variant_findings(d) == [ruis]))
    assert first == check(desk)

    # One actor's variants change: "Ana Ruis" is no longer registered,
    # "Ana Ruys" is.
    after = await edited(client, desk, uri, ["Ana Ruys"], [ruys])
    assert after == check(desk)
    assert after != first

    # A second edit at once, built on the first edit's lexicon.
    both = await edited(client, desk, uri, ["Ana Ruis", "Ana Ruys"], [ruis, ruys])
    assert both == check(desk)

    # A broken line: reported where it is; the last good registry stays.
    registry_uri = (desk / "actors.jsonl").as_uri()
    (desk / "actors.jsonl").write_text(registry(["Ana Ruys"], '{"id": "broken", "name": '), encoding="utf-8")
    notify(client, desk / "actors.jsonl")
    problems = await diagnostics_for(client, registry_uri, lambda d: len(d) > 0, timeout=30)
    assert problems[0].severity == types.DiagnosticSeverity.Error
    assert problems[0].range.start.line == 150
    assert problems[0].message.startswith("invalid registry line:")
    assert shown(client.diagnostics[uri]) == both

    # Fixed: the first edit's registry again, the same diagnostics.
    assert await edited(client, desk, uri, ["Ana Ruys"], [ruys]) == after
