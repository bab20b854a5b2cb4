import * as vscode from 'vscode';
import { CONFIG_FILE_PATTERN } from '../../core/monitor/runDirectory';

export const CONFIG_GLOB = '**/*.genmon.{yaml,yml}';
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: CONFIG_GLOB },
  { scheme: 'untitled', pattern: CONFIG_GLOB },
];

export function isConfigUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
  return uri !== undefined && (uri.scheme === 'file' || uri.scheme === 'untitled') && CONFIG_FILE_PATTERN.test(uri.path);
}

export function isConfigDocument(document: vscode.TextDocument): boolean {
  return isConfigUri(document.uri);
}

export function toVscodeRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * The config a command is about: the one it was invoked on (CodeLens, editor title), the active editor's,
 * the only one open, or the user's pick among the workspace's configs.
 */
export async function resolveConfigTarget(arg: unknown, candidates: readonly vscode.Uri[] = []): Promise<vscode.Uri | undefined> {
  if (arg instanceof vscode.Uri && isConfigUri(arg)) return arg;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (isConfigUri(active)) return active;
  const open = vscode.workspace.textDocuments.filter(isConfigDocument).map((document) => document.uri);
  const pool = uniqueUris([...candidates, ...open]);
  if (pool.length === 1) return pool[0];
  const found = pool.length > 0 ? pool : await vscode.workspace.findFiles(CONFIG_GLOB, '**/node_modules/**', 200);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    void vscode.window.showWarningMessage('genmon: no experiment config (*.genmon.yaml) is open or in the workspace.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: 'Which experiment config?' },
  );
  return picked?.uri;
}

function uniqueUris(uris: readonly vscode.Uri[]): vscode.Uri[] {
  const seen = new Map<string, vscode.Uri>();
  for (const uri of uris) seen.set(uri.toString(), uri);
  return [...seen.values()];
}
