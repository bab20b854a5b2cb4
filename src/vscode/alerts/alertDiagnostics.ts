import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { alertConfigPaths } from '../../core/alerts/alertLocation';
import type { Alert, AlertSeverity } from '../../core/alerts/types';
import { rangeOfPath } from '../../core/config/parse';
import { toVscodeRange } from '../config/configDocuments';
import { Disposable } from '../dispose';
import type { RunManager } from '../runs/runManager';

/** Source of alert diagnostics; code actions recognise theirs by it. */
export const ALERT_DIAGNOSTIC_SOURCE = 'genmon alerts';

const SEVERITY: Readonly<Record<AlertSeverity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The config line an alert belongs on (alertLocation.ts), or the first line when the config has none of its keys. */
export function alertRange(text: string, alert: Alert): vscode.Range {
  for (const path of alertConfigPaths(alert)) {
    const range = rangeOfPath(text, path, true);
    if (range) return toVscodeRange(range);
  }
  return new vscode.Range(0, 0, 0, 0);
}

/**
 * Active alerts of each run as diagnostics on its config: in the Problems panel and as squiggles on
 * the line a person would change, updated as alerts fire and clear and as the config is edited.
 */
export class AlertDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('genmon-alerts'));
  private readonly watched = new Set<string>();

  constructor(private readonly runs: RunManager) {
    super();
    this.register(runs.onDidAddRun((run) => this.watch(run.configUri)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.refresh(event.document.uri)));
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document.uri)));
    for (const run of runs.all()) this.watch(run.configUri);
  }

  private watch(configUri: vscode.Uri): void {
    const key = configUri.toString();
    this.refresh(configUri);
    if (this.watched.has(key)) return;
    this.watched.add(key);
    // The run for a config changes when a new one starts; listen through the manager, not one run.
    this.register(this.runs.onDidChangeAlerts((run) => run.configUri.toString() === key && this.refresh(configUri)));
  }

  refresh(configUri: vscode.Uri): void {
    const run = this.runs.get(configUri);
    if (!run) return;
    const active = run.alerts.active;
    if (active.length === 0) {
      this.collection.delete(configUri);
      return;
    }
    const text = configText(configUri);
    this.collection.set(
      configUri,
      active.map((alert) => {
        const diagnostic = new vscode.Diagnostic(text === undefined ? new vscode.Range(0, 0, 0, 0) : alertRange(text, alert), `${alert.message} (${run.title})`, SEVERITY[alert.severity]);
        diagnostic.source = ALERT_DIAGNOSTIC_SOURCE;
        diagnostic.code = alert.id;
        return diagnostic;
      }),
    );
  }
}

/** The editor's text when the config is open (it may be unsaved), else the file's. */
function configText(uri: vscode.Uri): string | undefined {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return fs.readFileSync(uri.fsPath, 'utf8');
  } catch {
    return undefined;
  }
}
