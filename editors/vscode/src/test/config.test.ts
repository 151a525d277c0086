// Unit tests of src/config.ts and of the manifest against the server's
// sources, with Node's built-in test runner: `npm run test:unit` compiles
// to out/ and runs `node --test out/test/`. No VS Code needed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  configSearchDirs,
  DEFAULT_REGISTRY,
  didChangeConfigurationSettings,
  documentSelector,
  effectiveRegistry,
  firstRegistryEntry,
  initializationOptions,
  isGlob,
  isInsideWorkspace,
  parseShowMentionsArgs,
  resolveServerCommand,
  statusText,
} from '../config';

const EXTENSION_DIR = path.join(__dirname, '..', '..');
const REPO = path.join(EXTENSION_DIR, '..', '..');

describe('documentSelector', () => {
  test('articles by language and registry/config files by pattern, file scheme only', () => {
    assert.deepEqual(documentSelector(), [
      { scheme: 'file', language: 'news-article' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', pattern: '**/*.{toml,jsonl,ndjson}' },
    ]);
  });
});

describe('initializationOptions', () => {
  test('rules and registry pass through', () => {
    assert.deepEqual(
      initializationOptions({ rules: { 'unknown-actor': 'off', 'repeated-word': 'error' }, registry: ['extra.toml'] }),
      { rules: { 'unknown-actor': 'off', 'repeated-word': 'error' }, registry: ['extra.toml'] },
    );
  });

  test('empty when nothing is set', () => {
    assert.deepEqual(initializationOptions({}), { rules: {}, registry: [] });
    assert.deepEqual(initializationOptions({ rules: null, registry: null, maxFileSize: null }), { rules: {}, registry: [] });
  });

  test('values the server could not deserialize are dropped, unknown ids and levels kept for the server to report', () => {
    assert.deepEqual(
      initializationOptions({
        rules: { 'name-variant': ' Warning ', 'no-such-rule': 'loud', bad: 3, '': 'off' },
        registry: ['a.toml', 7, '  ', ' b.jsonl '],
        maxFileSize: 'big',
      }),
      { rules: { 'name-variant': 'warning', 'no-such-rule': 'loud' }, registry: ['a.toml', 'b.jsonl'] },
    );
    assert.deepEqual(initializationOptions({ rules: ['off'], registry: 'a.toml' }), { rules: {}, registry: [] });
  });

  test('annotator only when a non-empty string, trimmed', () => {
    assert.equal(initializationOptions({ annotator: ' ana ' }).annotator, 'ana');
    assert.equal('annotator' in initializationOptions({ annotator: '  ' }), false);
    assert.equal('annotator' in initializationOptions({ annotator: 7 }), false);
  });

  test('maxFileSize only when a positive integer', () => {
    assert.equal(initializationOptions({ maxFileSize: 1000 }).maxFileSize, 1000);
    assert.equal('maxFileSize' in initializationOptions({ maxFileSize: 0 }), false);
    assert.equal('maxFileSize' in initializationOptions({ maxFileSize: 1.5 }), false);
  });

  test('didChangeConfiguration wraps the same object under "copydesk"', () => {
    assert.deepEqual(didChangeConfigurationSettings({ rules: { 'vague-attribution': 'hint' }, registry: ['r.toml'] }), {
      copydesk: { rules: { 'vague-attribution': 'hint' }, registry: ['r.toml'] },
    });
  });
});

describe('effectiveRegistry', () => {
  test('user settings may name any file', () => {
    assert.deepEqual(effectiveRegistry({ globalValue: ['/srv/desk/actors.toml', '~/people.toml'] }, true), {
      registry: ['/srv/desk/actors.toml', '~/people.toml'],
      refused: [],
    });
  });

  test('workspace settings override, but only with paths inside the workspace', () => {
    assert.deepEqual(
      effectiveRegistry(
        {
          globalValue: ['/srv/desk/actors.toml'],
          workspaceValue: ['extra/*.jsonl', '../outside.toml', '/etc/passwd', 'C:\\x.toml', '~/p.toml', 'a/../../b.toml', 'ok/people.toml'],
        },
        true,
      ),
      {
        registry: ['extra/*.jsonl', 'ok/people.toml'],
        refused: ['../outside.toml', '/etc/passwd', 'C:\\x.toml', '~/p.toml', 'a/../../b.toml'],
      },
    );
    assert.deepEqual(effectiveRegistry({ globalValue: ['/a.toml'], workspaceFolderValue: ['b.toml'], workspaceValue: ['c.toml'] }, true), {
      registry: ['b.toml'],
      refused: [],
    });
  });

  test('untrusted workspace: workspace values ignored, user values kept', () => {
    assert.deepEqual(effectiveRegistry({ globalValue: ['/a.toml'], workspaceValue: ['b.toml'] }, false), {
      registry: ['/a.toml'],
      refused: [],
    });
  });

  test('isInsideWorkspace', () => {
    assert.equal(isInsideWorkspace('actors.toml'), true);
    assert.equal(isInsideWorkspace('registry\\people.toml'), true);
    assert.equal(isInsideWorkspace('..\\x.toml'), false);
    assert.equal(isInsideWorkspace('\\\\server\\share\\x.toml'), false);
    assert.equal(isInsideWorkspace('d:x.toml'), false);
  });
});

describe('resolveServerCommand', () => {
  const files = (...paths: string[]) => {
    const set = new Set(paths);
    return (p: string) => set.has(p);
  };

  test('empty setting: copydesk on PATH, absolute, with `lsp`', () => {
    assert.deepEqual(
      resolveServerCommand('', 'linux', files('/usr/local/bin/copydesk'), { PATH: '/usr/bin:/usr/local/bin', HOME: '/home/ed' }),
      { ok: true, command: '/usr/local/bin/copydesk', args: ['lsp'] },
    );
  });

  test('empty setting: falls back to ~/.cargo/bin, or $CARGO_HOME/bin', () => {
    assert.deepEqual(resolveServerCommand('', 'darwin', files('/Users/ed/.cargo/bin/copydesk'), { PATH: '/usr/bin', HOME: '/Users/ed' }), {
      ok: true,
      command: '/Users/ed/.cargo/bin/copydesk',
      args: ['lsp'],
    });
    assert.deepEqual(
      resolveServerCommand('', 'linux', files('/opt/cargo/bin/copydesk'), { PATH: '', HOME: '/home/ed', CARGO_HOME: '/opt/cargo' }),
      { ok: true, command: '/opt/cargo/bin/copydesk', args: ['lsp'] },
    );
  });

  test('missing binary: the message names the fix', () => {
    const r = resolveServerCommand('', 'linux', files(), { PATH: '/usr/bin:/bin', HOME: '/home/ed' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(
      r.message,
      'copydesk binary not found: install it with `cargo install --locked --path .` or set copydesk.server.path',
    );
    assert.deepEqual(r.tried, ['/usr/bin/copydesk', '/bin/copydesk', '/home/ed/.cargo/bin/copydesk']);
  });

  test('absolute setting: used as is, `~` expanded', () => {
    assert.deepEqual(resolveServerCommand(' /opt/copydesk/bin/copydesk ', 'linux', files('/opt/copydesk/bin/copydesk')), {
      ok: true,
      command: '/opt/copydesk/bin/copydesk',
      args: ['lsp'],
    });
    assert.deepEqual(resolveServerCommand('~/src/copydesk/target/debug/copydesk', 'linux', files('/home/ed/src/copydesk/target/debug/copydesk'), { HOME: '/home/ed' }), {
      ok: true,
      command: '/home/ed/src/copydesk/target/debug/copydesk',
      args: ['lsp'],
    });
    const missing = resolveServerCommand('/nope/copydesk', 'linux', files(), { PATH: '/usr/local/bin' });
    assert.ok(!missing.ok);
    assert.match(missing.message, /^copydesk binary not found at \/nope\/copydesk: install it with `cargo install --locked --path \.`/);
    assert.deepEqual(missing.tried, ['/nope/copydesk']);
  });

  test('relative path setting is refused; a bare name is looked up on PATH', () => {
    const rel = resolveServerCommand('target/debug/copydesk', 'linux', () => true, { PATH: '/usr/bin' });
    assert.ok(!rel.ok);
    assert.match(rel.message, /must be an absolute path/);
    assert.deepEqual(resolveServerCommand('copydesk-nightly', 'linux', files('/usr/bin/copydesk-nightly'), { PATH: '/usr/bin' }), {
      ok: true,
      command: '/usr/bin/copydesk-nightly',
      args: ['lsp'],
    });
  });

  test('Windows: Path, PATHEXT, backslashes, USERPROFILE', () => {
    assert.deepEqual(
      resolveServerCommand('', 'win32', files('C:\\Tools\\copydesk.exe'), { Path: 'C:\\Windows;C:\\Tools', PATHEXT: '.COM;.EXE' }),
      { ok: true, command: 'C:\\Tools\\copydesk.exe', args: ['lsp'] },
    );
    assert.deepEqual(
      resolveServerCommand('', 'win32', files('C:\\Users\\ed\\.cargo\\bin\\copydesk.exe'), { PATH: '', USERPROFILE: 'C:\\Users\\ed' }),
      { ok: true, command: 'C:\\Users\\ed\\.cargo\\bin\\copydesk.exe', args: ['lsp'] },
    );
    assert.deepEqual(resolveServerCommand('D:\\bin\\copydesk', 'win32', files('D:\\bin\\copydesk.exe')), {
      ok: true,
      command: 'D:\\bin\\copydesk.exe',
      args: ['lsp'],
    });
  });
});

describe('firstRegistryEntry', () => {
  test('the first entry of the top-level registry array', () => {
    assert.equal(firstRegistryEntry('# config\nregistry = ["people.toml", "more/*.jsonl"]\ninclude = ["**/*.md"]\n'), 'people.toml');
    assert.equal(firstRegistryEntry(fs.readFileSync(path.join(REPO, 'examples', 'copydesk.toml'), 'utf8')), 'actors.toml');
  });

  test('multi-line arrays, comments, literal and escaped strings', () => {
    assert.equal(firstRegistryEntry('registry = [\n  # the desk\n  \'registry/actors.toml\',\n  "b.toml",\n]\n'), 'registry/actors.toml');
    assert.equal(firstRegistryEntry('registry=["reg\\u00EDstro/a\\"b.toml"]'), 'regístro/a"b.toml');
    assert.equal(firstRegistryEntry('\uFEFF"registry" = ["x.toml"]'), 'x.toml');
  });

  test('default when absent, empty, only in a table, or malformed', () => {
    assert.equal(firstRegistryEntry(''), DEFAULT_REGISTRY);
    assert.equal(firstRegistryEntry('include = ["*.md"]\nregistry = []\n'), DEFAULT_REGISTRY);
    assert.equal(firstRegistryEntry('[rules]\nregistry = ["no.toml"]\n'), DEFAULT_REGISTRY);
    assert.equal(firstRegistryEntry('registry = ["unterminated\n'), DEFAULT_REGISTRY);
    assert.equal(firstRegistryEntry('registries = ["no.toml"]\n'), DEFAULT_REGISTRY);
  });

  test('isGlob', () => {
    assert.equal(isGlob('registry/*.jsonl'), true);
    assert.equal(isGlob('{a,b}.toml'), true);
    assert.equal(isGlob('actors.toml'), false);
  });
});

describe('configSearchDirs', () => {
  test('from the active file up to its workspace root, then the other roots', () => {
    assert.deepEqual(configSearchDirs('/ws/a/articles/x.md', ['/other', '/ws/a'], 'linux'), [
      '/ws/a/articles',
      '/ws/a',
      '/other',
    ]);
    assert.deepEqual(configSearchDirs(undefined, ['/ws/a', '/ws/b'], 'linux'), ['/ws/a', '/ws/b']);
    assert.deepEqual(configSearchDirs('/elsewhere/x.md', ['/ws'], 'linux'), ['/ws']);
    assert.deepEqual(configSearchDirs('C:\\ws\\a\\x.md', ['C:\\ws'], 'win32'), ['C:\\ws\\a', 'C:\\ws']);
  });
});

describe('parseShowMentionsArgs', () => {
  const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } };

  test('the server code lens arguments: uri, position, locations', () => {
    assert.deepEqual(
      parseShowMentionsArgs(['file:///ws/actors.toml', { line: 3, character: 0 }, [{ uri: 'file:///ws/a.md', range }]]),
      { uri: 'file:///ws/actors.toml', position: { line: 3, character: 0 }, locations: [{ uri: 'file:///ws/a.md', range }] },
    );
    assert.deepEqual(parseShowMentionsArgs(['file:///ws/actors.toml', { line: 0, character: 0 }, []])?.locations, []);
  });

  test('anything else is refused', () => {
    assert.equal(parseShowMentionsArgs([]), undefined);
    assert.equal(parseShowMentionsArgs(['u', { line: -1, character: 0 }, []]), undefined);
    assert.equal(parseShowMentionsArgs(['u', { line: 0, character: 0 }, [{ uri: 'x' }]]), undefined);
    assert.equal(parseShowMentionsArgs([1, { line: 0, character: 0 }, []]), undefined);
  });
});

describe('statusText', () => {
  test('starting, running with the server version, failed with the message', () => {
    assert.match(statusText({ phase: 'starting' }).text, /starting/);
    assert.equal(statusText({ phase: 'running', version: '0.1.0' }).text, 'copydesk');
    assert.match(statusText({ phase: 'running', version: '0.1.0' }).tooltip, /copydesk language server 0\.1\.0/);
    assert.equal(statusText({ phase: 'failed', message: 'boom' }).tooltip, 'boom');
  });
});

describe('manifest (package.json) against the server sources', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8')) as {
    contributes: {
      semanticTokenTypes: { id: string }[];
      semanticTokenModifiers: { id: string }[];
      semanticTokenScopes: { scopes: Record<string, string[]> }[];
      configuration: { properties: Record<string, { properties?: Record<string, unknown> }> };
    };
  };
  const rustList = (file: string, constant: string): string[] => {
    const text = fs.readFileSync(path.join(REPO, file), 'utf8');
    const m = new RegExp(`${constant}: &\\[&str\\] = &\\[([^\\]]*)\\]`).exec(text);
    assert.ok(m?.[1], `${constant} in ${file}`);
    return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1] ?? '');
  };

  test('semantic token types and modifiers match the server legend, and every type has scopes', () => {
    const types = rustList('src/lsp/features/tokens.rs', 'TOKEN_TYPES');
    const modifiers = rustList('src/lsp/features/tokens.rs', 'TOKEN_MODIFIERS');
    assert.deepEqual(manifest.contributes.semanticTokenTypes.map((t) => t.id), types);
    assert.deepEqual(manifest.contributes.semanticTokenModifiers.map((m) => m.id), modifiers);
    const scopes = manifest.contributes.semanticTokenScopes[0]?.scopes ?? {};
    for (const t of types) assert.ok((scopes[t]?.length ?? 0) > 0, `scopes for ${t}`);
    for (const selector of Object.keys(scopes)) {
      const [type, ...mods] = selector.split('.');
      assert.ok(types.includes(type ?? ''), selector);
      for (const m of mods) assert.ok(modifiers.includes(m), selector);
    }
  });

  test('copydesk.rules describes every rule the server has', () => {
    // Every `declare_rule!` names its id as `id: "rule-id",`.
    const ids = fs
      .readdirSync(path.join(REPO, 'src', 'rules'))
      .filter((f) => f.endsWith('.rs'))
      .flatMap((f) => [...fs.readFileSync(path.join(REPO, 'src', 'rules', f), 'utf8').matchAll(/^\s+id: "([a-z-]+)",$/gm)])
      .map((m) => m[1] ?? '')
      .sort();
    assert.ok(ids.length >= 13, `rule ids found: ${ids.join(', ')}`);
    // The server's own diagnostic, which needs the whole workspace and so is
    // no rule, is set in the same place.
    const serverOnly = /pub const CORPUS_SPELLING: &str = "([a-z-]+)";/.exec(
      fs.readFileSync(path.join(REPO, 'src', 'analysis', 'spellings.rs'), 'utf8'),
    )?.[1];
    assert.equal(serverOnly, 'corpus-spelling');
    const described = Object.keys(manifest.contributes.configuration.properties['copydesk.rules']?.properties ?? {}).sort();
    assert.deepEqual(described, [...ids, serverOnly].sort());
  });
});
