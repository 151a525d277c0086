// VS Code glue: starts `copydesk lsp` through vscode-languageclient, keeps its
// settings in sync, and implements the extension's commands. The decisions
// (which documents, which settings, which binary) live in config.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  configSearchDirs,
  DEFAULT_REGISTRY,
  didChangeConfigurationSettings,
  documentSelector,
  effectiveRegistry,
  firstRegistryEntry,
  initializationOptions,
  isGlob,
  parseShowMentionsArgs,
  resolveServerCommand,
  statusText,
  type ClientPhase,
  type Settings,
} from './config';

const SECTION = 'copydesk';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
/** Serialises start/stop/restart so that two restarts never overlap. */
let lifecycle: Promise<void> = Promise.resolve();
/** Workspace registry entries already warned about, to warn once. */
let warnedRefused = '';

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel('copydesk');
  status = vscode.window.createStatusBarItem('copydesk.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'copydesk';
  status.command = 'copydesk.showOutput';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', () => enqueue(async () => {
      await stopClient();
      await startClient();
    })),
    vscode.commands.registerCommand('copydesk.showOutput', () => {
      output.show(true);
    }),
    vscode.commands.registerCommand('copydesk.openRegistry', openRegistry),
    vscode.commands.registerCommand('copydesk.showMentions', showMentions),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.server.path`)) {
        void enqueue(async () => {
          await stopClient();
          await startClient();
        });
      } else if (
        e.affectsConfiguration(`${SECTION}.rules`) ||
        e.affectsConfiguration(`${SECTION}.registry`) ||
        e.affectsConfiguration(`${SECTION}.maxFileSize`) ||
        e.affectsConfiguration(`${SECTION}.annotator`)
      ) {
        void pushSettings();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void pushSettings()),
  );

  void enqueue(startClient);
}

export function deactivate(): Promise<void> {
  return enqueue(stopClient);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(task, task);
  return lifecycle;
}

function setStatus(state: ClientPhase): void {
  const { text, tooltip } = statusText(state);
  status.text = text;
  status.tooltip = tooltip;
  status.backgroundColor = state.phase === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  status.show();
}

/** The settings the server gets, with workspace registry paths filtered. */
function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const registry = effectiveRegistry(config.inspect<unknown>('registry') ?? {}, vscode.workspace.isTrusted);
  const refused = registry.refused.join(', ');
  if (refused !== '' && refused !== warnedRefused) {
    warnedRefused = refused;
    const message = `copydesk.registry in workspace settings may only name files inside the workspace; ignored: ${refused}. Set such paths in your user settings.`;
    output.appendLine(message);
    void vscode.window.showWarningMessage(message);
  }
  return {
    rules: config.get<unknown>('rules'),
    registry: registry.registry,
    maxFileSize: config.get<unknown>('maxFileSize'),
    annotator: config.get<unknown>('annotator'),
  };
}

async function pushSettings(): Promise<void> {
  if (client === undefined || !client.isRunning()) return;
  const settings = didChangeConfigurationSettings(readSettings());
  try {
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings });
  } catch (e) {
    output.appendLine(`could not send the settings to the server: ${String(e)}`);
  }
}

function isExecutableFile(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function startClient(): Promise<void> {
  setStatus({ phase: 'starting' });
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>('server.path', '');
  const resolved = resolveServerCommand(setting, process.platform, isExecutableFile, process.env);
  if (!resolved.ok) {
    output.appendLine(resolved.message);
    if (resolved.tried.length > 0) output.appendLine(`looked for: ${resolved.tried.join(', ')}`);
    failed(resolved.message);
    return;
  }
  output.appendLine(`starting ${resolved.command} ${resolved.args.join(' ')}`);

  const serverOptions: ServerOptions = {
    run: { command: resolved.command, args: resolved.args },
    debug: { command: resolved.command, args: resolved.args },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: initializationOptions(readSettings()),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    markdown: { isTrusted: false, supportHtml: false },
  };
  // The id `copydesk` makes the client read `copydesk.trace.server` itself.
  const next = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  next.onDidChangeState((e) => {
    if (client === next && e.newState === State.Stopped) setStatus({ phase: 'stopped' });
  });
  client = next;
  try {
    await next.start();
    setStatus({ phase: 'running', version: next.initializeResult?.serverInfo?.version });
  } catch (e) {
    const message = `copydesk language server failed to start: ${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(message);
    failed(message);
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current === undefined) return;
  try {
    if (current.needsStop()) await current.stop(2000);
  } catch (e) {
    output.appendLine(`stopping the server: ${String(e)}`);
  }
  try {
    await current.dispose(2000);
  } catch {
    // already stopped
  }
}

function failed(message: string): void {
  setStatus({ phase: 'failed', message });
  void vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output').then((choice) => {
    if (choice === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
    } else if (choice === 'Show Output') {
      output.show(true);
    }
  });
}

/** The server's code lens command: shows the mentions in the peek view. */
async function showMentions(...args: unknown[]): Promise<void> {
  const parsed = parseShowMentionsArgs(args);
  if (parsed === undefined) {
    output.appendLine(`copydesk.showMentions: unexpected arguments ${JSON.stringify(args)}`);
    return;
  }
  const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(parsed.uri),
    new vscode.Position(parsed.position.line, parsed.position.character),
    parsed.locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range))),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the first registry file named in the workspace's copydesk.toml (the
 * nearest one above the active file, else the one at a workspace root, else
 * any), or actors.toml when there is no configuration.
 */
async function openRegistry(): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('copydesk: open a folder that contains copydesk.toml to open its registry.');
    return;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const dirs = configSearchDirs(
    active?.scheme === 'file' ? active.fsPath : undefined,
    folders.map((f) => f.uri.fsPath),
    process.platform,
  );
  let configUri: vscode.Uri | undefined;
  for (const dir of dirs) {
    const candidate = vscode.Uri.joinPath(vscode.Uri.file(dir), 'copydesk.toml');
    if (await exists(candidate)) {
      configUri = candidate;
      break;
    }
  }
  configUri ??= (await vscode.workspace.findFiles('**/copydesk.toml', '**/node_modules/**', 1))[0];

  const base = configUri !== undefined ? vscode.Uri.file(path.dirname(configUri.fsPath)) : (folders[0] as vscode.WorkspaceFolder).uri;
  const entry =
    configUri !== undefined
      ? firstRegistryEntry(Buffer.from(await vscode.workspace.fs.readFile(configUri)).toString('utf8'))
      : DEFAULT_REGISTRY;

  let target: vscode.Uri | undefined;
  if (isGlob(entry)) {
    target = (await vscode.workspace.findFiles(new vscode.RelativePattern(base, entry), null, 1))[0];
  } else {
    const candidate = /^([A-Za-z]:)?[\\/]/.test(entry) ? vscode.Uri.file(entry) : vscode.Uri.joinPath(base, entry);
    target = (await exists(candidate)) ? candidate : undefined;
  }
  if (target === undefined) {
    const where = configUri !== undefined ? vscode.workspace.asRelativePath(configUri) : 'the default configuration';
    void vscode.window.showErrorMessage(
      `copydesk: registry \`${entry}\` (from ${where}) not found. The “Add … to the registry” code action creates it.`,
    );
    return;
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
}
