import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveRunsRoot } from '../../core/monitor/runDirectory';
import { readStreamHeader } from '../../core/stream/header';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { isConfigUri } from '../config/configDocuments';
import { readSettings } from '../settings';
import type { Run } from './run';
import type { RunManager } from './runManager';

/** Asks for a run directory, starting in the active config's runs folder when it has one. */
export async function pickRunDirectory(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  let defaultUri: vscode.Uri | undefined;
  if (isConfigUri(active) && active.scheme === 'file') {
    const root = resolveRunsRoot(active.fsPath, readSettings(active).runDirectory);
    if (existsSync(root)) defaultUri = vscode.Uri.file(root);
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Open Run',
    title: 'Open a genmon run directory',
    ...(defaultUri ? { defaultUri } : {}),
  });
  return picked?.[0];
}

/**
 * Shows a run directory written earlier (or by another window, or the CLI). It belongs to the config
 * named in its stream header; a run whose config has gone keeps that name for its panel.
 */
export function openRunDirectory(runs: RunManager, runDir: string): Run | undefined {
  const streamFile = path.join(runDir, STREAM_FILE_NAME);
  if (!existsSync(streamFile)) {
    void vscode.window.showErrorMessage(`genmon: ${runDir} is not a run directory (it has no ${STREAM_FILE_NAME}).`);
    return undefined;
  }
  let configPath: string;
  try {
    const header = readStreamHeader(streamFile);
    const name = typeof (header.config as { name?: unknown })?.name === 'string' ? (header.config as { name: string }).name : 'run';
    configPath = header.configPath ?? path.join(runDir, `${name}.genmon.yaml`);
  } catch (error) {
    void vscode.window.showErrorMessage(`genmon: cannot open ${runDir}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const configUri = vscode.Uri.file(configPath);
  const current = runs.get(configUri);
  if (current?.isActive && current.runDir !== runDir) {
    void vscode.window.showWarningMessage(
      `genmon: ${path.basename(configPath)} is training in this window; stop it before opening another of its runs.`,
    );
    return undefined;
  }
  return runs.open(configUri, runDir);
}
