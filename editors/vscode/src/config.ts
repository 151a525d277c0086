// Pure logic of the extension: no `vscode` import, so it is unit-tested with
// Node's test runner alone (src/test/config.test.ts). extension.ts is the glue.

import * as path from 'node:path';

/** Languages whose documents the server analyses as articles. */
export const ARTICLE_LANGUAGES = ['news-article', 'markdown', 'plaintext'] as const;

/** The levels a rule can be set to (`copydesk.rules`). */
export const RULE_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** Fallback registry file when copydesk.toml names none (the server's default). */
export const DEFAULT_REGISTRY = 'actors.toml';

/** The fix named in every "binary missing" message. */
export const INSTALL_HINT = 'install it with `cargo install --locked --path .` or set copydesk.server.path';

/** A vscode-languageclient document filter (structurally `vscode.DocumentFilter`). */
export interface DocumentFilter {
  readonly scheme: string;
  readonly language?: string;
  readonly pattern?: string;
}

/**
 * The documents the client syncs to the server: articles (`news-article`,
 * `markdown`, `plaintext`) and, whatever language they open as, the
 * configuration and registry files (`copydesk.toml`, `*.toml`, `*.jsonl`,
 * `*.ndjson`), so that their diagnostics, code lenses, references and
 * renames work while they are edited. Only the `file` scheme: the server
 * reads the workspace from disk. The server ignores `.toml`/`.jsonl` files
 * that are not a configured registry.
 */
export function documentSelector(): DocumentFilter[] {
  return [
    ...ARTICLE_LANGUAGES.map((language) => ({ scheme: 'file', language })),
    { scheme: 'file', pattern: '**/*.{toml,jsonl,ndjson}' },
  ];
}

/** The `copydesk.*` settings the server cares about, as read from VS Code. */
export interface Settings {
  /** `copydesk.rules`: rule id → level. */
  readonly rules?: unknown;
  /** `copydesk.registry`, already filtered by {@link effectiveRegistry}. */
  readonly registry?: unknown;
  /** `copydesk.maxFileSize` (bytes); null or absent = server default. */
  readonly maxFileSize?: unknown;
  /** `copydesk.annotator`: the name recorded with annotation decisions. */
  readonly annotator?: unknown;
}

/** What the server reads (src/lsp/state.rs `UserSettings`). */
export interface ServerSettings {
  rules: Record<string, string>;
  registry: string[];
  maxFileSize?: number;
  annotator?: string;
}

/**
 * `initializationOptions` for the server: `{rules, registry, maxFileSize?, annotator?}`.
 * Values of the wrong type are dropped here, because the server rejects the
 * whole object when one field does not deserialize; unknown rule ids and
 * levels are passed on so that the server reports them by name.
 */
export function initializationOptions(settings: Settings): ServerSettings {
  const rules: Record<string, string> = {};
  if (isPlainObject(settings.rules)) {
    for (const [id, level] of Object.entries(settings.rules)) {
      if (typeof level === 'string' && id.trim() !== '') {
        rules[id.trim()] = level.trim().toLowerCase();
      }
    }
  }
  const registry = Array.isArray(settings.registry)
    ? settings.registry.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim())
    : [];
  const out: ServerSettings = { rules, registry };
  const max = settings.maxFileSize;
  if (typeof max === 'number' && Number.isSafeInteger(max) && max > 0) {
    out.maxFileSize = max;
  }
  if (typeof settings.annotator === 'string' && settings.annotator.trim() !== '') {
    out.annotator = settings.annotator.trim();
  }
  return out;
}

/** The `workspace/didChangeConfiguration` settings: `{copydesk: {...}}`. */
export function didChangeConfigurationSettings(settings: Settings): { copydesk: ServerSettings } {
  return { copydesk: initializationOptions(settings) };
}

/** `WorkspaceConfiguration.inspect('registry')`, the parts used here. */
export interface RegistryInspection {
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/** The registry files to send, and the workspace entries refused. */
export interface EffectiveRegistry {
  readonly registry: string[];
  readonly refused: string[];
}

/**
 * `copydesk.registry` as sent to the server. User settings may name any
 * file. Workspace (and folder) settings override them, but only with paths
 * relative to the workspace that stay inside it: a repository's
 * `.vscode/settings.json` must not point the server at files elsewhere on the
 * machine. In an untrusted workspace, workspace values are ignored entirely
 * (the setting is also listed in `restrictedConfigurations`).
 */
export function effectiveRegistry(inspection: RegistryInspection, trusted: boolean): EffectiveRegistry {
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()) : undefined;
  const workspace = trusted ? (strings(inspection.workspaceFolderValue) ?? strings(inspection.workspaceValue)) : undefined;
  if (workspace === undefined) {
    return { registry: strings(inspection.globalValue) ?? [], refused: [] };
  }
  const registry: string[] = [];
  const refused: string[] = [];
  for (const entry of workspace) {
    (isInsideWorkspace(entry) ? registry : refused).push(entry);
  }
  return { registry, refused };
}

/** Whether `entry` is a relative path (or glob) that cannot leave its root. */
export function isInsideWorkspace(entry: string): boolean {
  if (entry.startsWith('~') || path.posix.isAbsolute(entry) || path.win32.isAbsolute(entry) || /^[A-Za-z]:/.test(entry)) {
    return false;
  }
  return !entry.split(/[\\/]+/).includes('..');
}

/** Environment variables {@link resolveServerCommand} looks at. */
export interface ServerEnv {
  readonly PATH?: string | undefined;
  readonly Path?: string | undefined;
  readonly PATHEXT?: string | undefined;
  readonly HOME?: string | undefined;
  readonly USERPROFILE?: string | undefined;
  readonly CARGO_HOME?: string | undefined;
}

/** The server was found: spawn `command` with `args`. */
export interface ServerFound {
  readonly ok: true;
  readonly command: string;
  readonly args: string[];
}

/** The server was not found; `message` names the fix, `tried` the paths looked at. */
export interface ServerMissing {
  readonly ok: false;
  readonly message: string;
  readonly tried: string[];
}

export type ServerCommand = ServerFound | ServerMissing;

/**
 * Finds the `copydesk` executable to run as `copydesk lsp`.
 *
 * - `settingPath` (`copydesk.server.path`) empty: `copydesk` on `PATH`, then
 *   Cargo's install folder (`$CARGO_HOME/bin`, else `~/.cargo/bin`), which a
 *   desktop-launched editor often lacks on its `PATH`.
 * - a bare name (no slash): that name on `PATH`.
 * - a path: used as is (`~` expands to the home folder); it must be absolute.
 *
 * On Windows, names without an extension are also tried with each `PATHEXT`
 * extension. `exists(p)` says whether `p` is an executable file.
 */
export function resolveServerCommand(
  settingPath: string,
  platform: NodeJS.Platform,
  exists: (p: string) => boolean,
  env: ServerEnv = {},
): ServerCommand {
  const windows = platform === 'win32';
  const p = windows ? path.win32 : path.posix;
  const home = windows ? (env.USERPROFILE ?? env.HOME) : env.HOME;
  const args = ['lsp'];
  const exts = windows
    ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD')
        .split(';')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '')
    : [];
  const variants = (file: string): string[] =>
    windows && p.extname(file) === '' ? [file, ...exts.map((e) => file + e)] : [file];
  const tried: string[] = [];
  const firstExisting = (candidates: string[]): string | undefined => {
    for (const c of candidates) {
      tried.push(c);
      if (exists(c)) return c;
    }
    return undefined;
  };

  let setting = settingPath.trim();
  if (home !== undefined && (setting === '~' || setting.startsWith('~/') || (windows && setting.startsWith('~\\')))) {
    setting = p.join(home, setting.slice(1));
  }
  const hasSeparator = setting.includes('/') || (windows && setting.includes('\\'));

  if (setting !== '' && hasSeparator) {
    if (!p.isAbsolute(setting)) {
      return {
        ok: false,
        message: `copydesk.server.path must be an absolute path or a command name on PATH, not \`${settingPath}\``,
        tried,
      };
    }
    const found = firstExisting(variants(setting));
    return found !== undefined
      ? { ok: true, command: found, args }
      : {
          ok: false,
          message: `copydesk binary not found at ${setting}: install it with \`cargo install --locked --path .\` or fix copydesk.server.path`,
          tried,
        };
  }

  const name = setting === '' ? 'copydesk' : setting;
  const pathVar = env.PATH ?? env.Path ?? '';
  const dirs = pathVar.split(windows ? ';' : ':').filter((d) => d.trim() !== '');
  if (setting === '') {
    const cargoBin = env.CARGO_HOME !== undefined && env.CARGO_HOME !== '' ? p.join(env.CARGO_HOME, 'bin') : home !== undefined ? p.join(home, '.cargo', 'bin') : undefined;
    if (cargoBin !== undefined) dirs.push(cargoBin);
  }
  for (const dir of dirs) {
    const found = firstExisting(variants(p.join(dir, name)));
    if (found !== undefined) return { ok: true, command: found, args };
  }
  return {
    ok: false,
    message:
      setting === ''
        ? `copydesk binary not found: ${INSTALL_HINT}`
        : `copydesk binary \`${name}\` not found on PATH: install it with \`cargo install --locked --path .\` or fix copydesk.server.path`,
    tried,
  };
}

/**
 * The first registry entry of a `copydesk.toml` (its top-level
 * `registry = [...]` array), or {@link DEFAULT_REGISTRY} when it names none.
 * Only as much TOML as that takes is read: comments, basic and literal
 * strings, arrays over several lines. A malformed file yields the default;
 * the server reports the error itself.
 */
export function firstRegistryEntry(configText: string): string {
  const lines = configText.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*\[/.test(line)) break; // first table: the top level is over
    const key = /^\s*(?:registry|"registry"|'registry')\s*=\s*/.exec(line);
    if (key === null) continue;
    const rest = [line.slice(key[0].length), ...lines.slice(i + 1)].join('\n');
    return firstString(rest) ?? DEFAULT_REGISTRY;
  }
  return DEFAULT_REGISTRY;
}

/** The first string of the TOML array (or the lone string) at the start of `text`. */
function firstString(text: string): string | undefined {
  let i = 0;
  const skip = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i] ?? '')) i++;
      if (text[i] === '#') {
        while (i < text.length && text[i] !== '\n') i++;
      } else {
        return;
      }
    }
  };
  skip();
  if (text[i] === '[') {
    i++;
    skip();
  }
  const quote = text[i];
  if (quote === "'") {
    const end = text.indexOf("'", i + 1);
    return end < 0 ? undefined : nonEmpty(text.slice(i + 1, end));
  }
  if (quote !== '"') return undefined;
  let out = '';
  for (i++; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return nonEmpty(out);
    if (c === '\n') return undefined;
    if (c === '\\') {
      const e = text[++i];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
      } else if (e === 'u' || e === 'U') {
        const len = e === 'u' ? 4 : 8;
        const code = Number.parseInt(text.slice(i + 1, i + 1 + len), 16);
        if (Number.isNaN(code)) return undefined;
        out += String.fromCodePoint(code);
        i += len;
      } else {
        return undefined;
      }
    } else if (c !== undefined) {
      out += c;
    }
  }
  return undefined;
}

function nonEmpty(s: string): string | undefined {
  return s.trim() === '' ? undefined : s;
}

/** Whether a registry entry is a glob pattern rather than a file name. */
export function isGlob(entry: string): boolean {
  return /[*?[\]{}]/.test(entry);
}

/** The folders to look for `copydesk.toml` in: from `file`'s folder up to `root`, nearest first. */
export function configSearchDirs(file: string | undefined, roots: readonly string[], platform: NodeJS.Platform): string[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const dirs: string[] = [];
  const root = file === undefined ? undefined : roots.filter((r) => isWithin(p, r, file)).sort((a, b) => b.length - a.length)[0];
  if (file !== undefined && root !== undefined) {
    let dir = p.dirname(file);
    for (;;) {
      dirs.push(dir);
      if (p.relative(root, dir) === '') break;
      const up = p.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const r of roots) if (!dirs.some((d) => p.relative(d, r) === '')) dirs.push(r);
  return dirs;
}

function isWithin(p: typeof path.posix, root: string, file: string): boolean {
  const rel = p.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !p.isAbsolute(rel);
}

/** A position or range as the server sends them (LSP, UTF-16). */
export interface LspPosition {
  line: number;
  character: number;
}
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** The arguments of the server's `copydesk.showMentions` code lens. */
export interface ShowMentionsArgs {
  uri: string;
  position: LspPosition;
  locations: { uri: string; range: LspRange }[];
}

/**
 * Validates the arguments of `copydesk.showMentions`
 * (`[uri, position, [{uri, range}]]`, src/lsp/features/symbols.rs), or
 * undefined when they are not that shape.
 */
export function parseShowMentionsArgs(args: readonly unknown[]): ShowMentionsArgs | undefined {
  const [uri, position, locations] = args;
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return undefined;
  const out: ShowMentionsArgs['locations'] = [];
  for (const l of locations as unknown[]) {
    if (!isPlainObject(l) || typeof l.uri !== 'string' || !isRange(l.range)) return undefined;
    out.push({ uri: l.uri, range: l.range });
  }
  return { uri, position, locations: out };
}

function isPosition(v: unknown): v is LspPosition {
  return isPlainObject(v) && isIndex(v.line) && isIndex(v.character);
}

function isRange(v: unknown): v is LspRange {
  return isPlainObject(v) && isPosition(v.start) && isPosition(v.end);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The status-bar text and tooltip for each phase of the client. */
export type ClientPhase =
  | { phase: 'starting' }
  | { phase: 'running'; version: string | undefined }
  | { phase: 'stopped' }
  | { phase: 'failed'; message: string };

export function statusText(state: ClientPhase): { text: string; tooltip: string } {
  switch (state.phase) {
    case 'starting':
      return { text: '$(sync~spin) copydesk: starting…', tooltip: 'copydesk: starting the language server' };
    case 'running':
      return {
        text: 'copydesk',
        tooltip: `copydesk language server ${state.version ?? '(version unknown)'}: running. Click to show its output.`,
      };
    case 'stopped':
      return { text: '$(circle-slash) copydesk', tooltip: 'copydesk language server stopped. Run “copydesk: Restart Server” to start it.' };
    case 'failed':
      return { text: '$(error) copydesk', tooltip: state.message };
  }
}
