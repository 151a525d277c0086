// Checks the packaged extension, copydesk.vsix (built by `npm run package`),
// without VS Code: the files it ships, its manifest, that the grammar is the
// repository's, and that the bundled dist/extension.js activates against a
// stand-in `vscode` module: it registers its commands, reports a missing
// server binary with the fix, and turns the server's code-lens command into
// `editor.action.showReferences`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';

const here = dirname(fileURLToPath(import.meta.url));
const EXTENSION_DIR = join(here, '..');
const VSIX = join(EXTENSION_DIR, 'copydesk.vsix');
const GRAMMAR = join(EXTENSION_DIR, '..', '..', 'grammars', 'news-article.tmLanguage.json');

/** Every file of a zip archive: name → contents. */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

let files;
let manifest;

before(async () => {
  files = await readZip(VSIX);
  manifest = JSON.parse(files.get('extension/package.json').toString('utf8'));
});

describe('copydesk.vsix contents', () => {
  test('ships the bundle, the grammar, the manifest and docs; no sources or node_modules', () => {
    for (const name of [
      'extension.vsixmanifest',
      '[Content_Types].xml',
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/syntaxes/news-article.tmLanguage.json',
      'extension/language-configuration.json',
    ]) {
      assert.ok(files.has(name), `${name} in the vsix (has: ${[...files.keys()].join(', ')})`);
    }
    assert.ok([...files.keys()].some((n) => /^extension\/readme\.md$/i.test(n)), 'README');
    assert.ok([...files.keys()].some((n) => /^extension\/license(\.txt)?$/i.test(n)), 'LICENSE');
    for (const name of files.keys()) {
      assert.doesNotMatch(name, /node_modules|\/src\/|\/out\/|\.ts$|\.map$|tsconfig|eslint/, `${name} should not ship`);
    }
  });

  test('the grammar is the one in grammars/, byte for byte', () => {
    assert.deepEqual(files.get('extension/syntaxes/news-article.tmLanguage.json'), readFileSync(GRAMMAR));
  });

  test('the bundle contains vscode-languageclient and leaves only `vscode` external', () => {
    const js = files.get('extension/dist/extension.js').toString('utf8');
    assert.match(js, /require\("vscode"\)/);
    assert.doesNotMatch(js, /require\("vscode-languageclient/);
    assert.match(js, /\bBaseLanguageClient\b/);
  });
});

describe('manifest inside the vsix', () => {
  test('identity, engine, entry point, activation', () => {
    assert.equal(manifest.name, 'copydesk');
    assert.equal(manifest.publisher, 'copydesk');
    assert.equal(manifest.engines.vscode, '^1.82.0');
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/copydesk.toml', 'onLanguage:news-article']);
    assert.equal(manifest.dependencies?.['vscode-languageclient'], '9.0.1');
  });

  test('the news-article language and its grammar', () => {
    assert.deepEqual(manifest.contributes.languages.map((l) => [l.id, l.extensions]), [['news-article', ['.article']]]);
    assert.ok(files.has(`extension/${manifest.contributes.languages[0].configuration.replace(/^\.\//, '')}`));
    const [grammar] = manifest.contributes.grammars;
    assert.equal(grammar.language, 'news-article');
    assert.equal(grammar.scopeName, 'text.news-article');
    assert.ok(files.has(`extension/${grammar.path.replace(/^\.\//, '')}`), grammar.path);
  });

  test('settings with their scopes', () => {
    const props = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), [
      'copydesk.annotator',
      'copydesk.maxFileSize',
      'copydesk.registry',
      'copydesk.rules',
      'copydesk.server.path',
      'copydesk.trace.server',
    ]);
    assert.equal(props['copydesk.server.path'].scope, 'machine');
    assert.equal(props['copydesk.server.path'].default, '');
    assert.deepEqual(props['copydesk.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(props['copydesk.rules'].type, 'object');
    assert.deepEqual(props['copydesk.rules'].additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
    assert.equal(props['copydesk.registry'].type, 'array');
    assert.equal(props['copydesk.registry'].scope, 'machine-overridable');
  });

  test('commands', () => {
    const titles = manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]);
    assert.deepEqual(titles, [
      ['copydesk.restartServer', 'copydesk: Restart Server'],
      ['copydesk.showOutput', 'copydesk: Show Output'],
      ['copydesk.openRegistry', 'copydesk: Open Registry'],
    ]);
  });

  test('workspace trust and virtual workspaces', () => {
    assert.deepEqual(
      { ...manifest.capabilities.untrustedWorkspaces, description: undefined },
      { supported: 'limited', restrictedConfigurations: ['copydesk.server.path', 'copydesk.registry'], description: undefined },
    );
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
  });

  test('semantic token scopes for the server legend', () => {
    const scopes = manifest.contributes.semanticTokenScopes[0].scopes;
    for (const type of ['person', 'organization', 'group', 'place', 'statistic']) {
      assert.ok(scopes[type]?.length > 0, type);
    }
    assert.deepEqual(
      manifest.contributes.semanticTokenModifiers.map((m) => m.id),
      ['variant', 'unknown', 'ambiguous', 'unsourced'],
    );
  });
});

/** A stand-in for the `vscode` module: just what activation touches, recorded. */
function fakeVscode(settings) {
  const calls = { commands: new Map(), errors: [], executed: [], output: [], status: null };
  class Position {
    constructor(line, character) {
      Object.assign(this, { line, character });
    }
  }
  class Range {
    constructor(sl, sc, el, ec) {
      Object.assign(this, { start: new Position(sl, sc), end: new Position(el, ec) });
    }
  }
  class Location {
    constructor(uri, range) {
      Object.assign(this, { uri, range });
    }
  }
  class ThemeColor {
    constructor(id) {
      this.id = id;
    }
  }
  const disposable = { dispose() {} };
  const event = () => disposable;
  const vscode = {
    Position,
    Range,
    Location,
    ThemeColor,
    StatusBarAlignment: { Left: 1, Right: 2 },
    Uri: { parse: (s) => ({ uri: s }), file: (p) => ({ fsPath: p }) },
    window: {
      createOutputChannel: (name) => ({ name, appendLine: (l) => calls.output.push(l), show() {}, dispose() {} }),
      createStatusBarItem: (id) => {
        calls.status = { id, show() {}, dispose() {} };
        return calls.status;
      },
      showErrorMessage: (message, ...actions) => {
        calls.errors.push({ message, actions });
        return Promise.resolve(undefined);
      },
      showWarningMessage: () => Promise.resolve(undefined),
    },
    commands: {
      registerCommand: (id, fn) => {
        calls.commands.set(id, fn);
        return disposable;
      },
      executeCommand: (...args) => {
        calls.executed.push(args);
        return Promise.resolve();
      },
    },
    workspace: {
      isTrusted: true,
      onDidChangeConfiguration: event,
      onDidGrantWorkspaceTrust: event,
      getConfiguration: () => ({
        get: (key, fallback) => (key in settings ? settings[key] : fallback),
        inspect: (key) => (key in settings ? { globalValue: settings[key] } : {}),
      }),
    },
  };
  // vscode-languageclient extends and reads many more vscode classes and
  // enums when it loads; anything not defined above is an empty stand-in.
  const stubs = new Map();
  const stub = (name) => {
    if (!stubs.has(name)) {
      const cls = { [name]: class {} }[name];
      stubs.set(
        name,
        new Proxy(cls, {
          get: (target, prop, receiver) =>
            prop in target || typeof prop === 'symbol' || prop === 'then'
              ? Reflect.get(target, prop, receiver)
              : stub(`${name}.${prop}`),
        }),
      );
    }
    return stubs.get(name);
  };
  const withStubs = (obj, name) =>
    new Proxy(obj, {
      get: (target, prop) => {
        if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule') return target[prop];
        if (!(prop in target)) return stub(`${name}.${prop}`);
        const value = target[prop];
        return value && typeof value === 'object' && !Array.isArray(value) ? withStubs(value, `${name}.${prop}`) : value;
      },
    });
  return { vscode: withStubs(vscode, 'vscode'), calls };
}

describe('bundled extension against a stand-in vscode', () => {
  let dir;
  let ext;
  let calls;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'copydesk-vsix-'));
    const bundle = join(dir, 'extension.js');
    writeFileSync(bundle, files.get('extension/dist/extension.js'));
    const fake = fakeVscode({ 'server.path': join(dir, 'no-such-copydesk') });
    calls = fake.calls;
    const require = createRequire(bundle);
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'vscode' ? fake.vscode : load.call(this, request, ...rest);
    };
    try {
      ext = require(bundle);
    } finally {
      Module._load = load;
    }
    ext.activate({ subscriptions: [] });
    // Activation starts the client asynchronously; let it settle.
    for (let i = 0; i < 20 && calls.errors.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('activation registers the commands, the code-lens one included', () => {
    assert.deepEqual([...calls.commands.keys()].sort(), [
      'copydesk.openRegistry',
      'copydesk.restartServer',
      'copydesk.showMentions',
      'copydesk.showOutput',
    ]);
    assert.equal(calls.status.id, 'copydesk.status');
  });

  test('a missing binary is reported with the fix, and the status bar says so', () => {
    assert.equal(calls.errors.length, 1);
    assert.equal(
      calls.errors[0].message,
      `copydesk binary not found at ${join(dir, 'no-such-copydesk')}: install it with \`cargo install --locked --path .\` or fix copydesk.server.path`,
    );
    assert.deepEqual(calls.errors[0].actions, ['Open Settings', 'Show Output']);
    assert.equal(calls.status.text, '$(error) copydesk');
  });

  test('copydesk.showMentions opens the references peek at the lens', async () => {
    const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 22 } };
    await calls.commands.get('copydesk.showMentions')('file:///ws/actors.toml', { line: 2, character: 0 }, [
      { uri: 'file:///ws/articles/a.md', range },
    ]);
    assert.equal(calls.executed.length, 1);
    const [command, uri, position, locations] = calls.executed[0];
    assert.equal(command, 'editor.action.showReferences');
    assert.deepEqual(uri, { uri: 'file:///ws/actors.toml' });
    assert.deepEqual({ ...position }, { line: 2, character: 0 });
    assert.equal(locations.length, 1);
    assert.deepEqual(locations[0].uri, { uri: 'file:///ws/articles/a.md' });
    assert.deepEqual(JSON.parse(JSON.stringify(locations[0].range)), range);
  });

  test('deactivate resolves with no client running', async () => {
    await ext.deactivate();
  });
});
