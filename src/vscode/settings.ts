import * as vscode from 'vscode';
import type { BackendChoice } from '../core/config/types';
import type { NotifyLevel } from './alerts/alertNotifications';

export interface GenmonSettings {
  readonly runDirectory: string;
  readonly backend: BackendChoice;
  readonly tfjsNodePath: string;
  readonly nodePath: string;
}

const BACKENDS: readonly BackendChoice[] = ['auto', 'wasm', 'cpu', 'tensorflow'];
const NOTIFY_LEVELS: readonly NotifyLevel[] = ['error', 'warning', 'info', 'off'];

/** `genmon.alerts.notify`: the lowest alert severity that shows a notification. */
export function readNotifyLevel(): NotifyLevel {
  const level = vscode.workspace.getConfiguration('genmon').get<string>('alerts.notify', 'error');
  return (NOTIFY_LEVELS as readonly string[]).includes(level) ? (level as NotifyLevel) : 'error';
}

/** The `genmon.*` settings in effect for a config (folder settings apply to the config's folder). */
export function readSettings(scope?: vscode.Uri): GenmonSettings {
  const config = vscode.workspace.getConfiguration('genmon', scope);
  const backend = config.get<string>('trainer.backend', 'auto');
  return {
    runDirectory: config.get<string>('runDirectory', '.genmon/runs/${configName}'),
    backend: (BACKENDS as readonly string[]).includes(backend) ? (backend as BackendChoice) : 'auto',
    tfjsNodePath: config.get<string>('trainer.tfjsNodePath', '').trim(),
    nodePath: config.get<string>('trainer.nodePath', '').trim(),
  };
}
