import * as vscode from 'vscode';
import type { RunManager } from '../runs/runManager';
import { alertCommands } from './alertActions';
import { ALERT_DIAGNOSTIC_SOURCE } from './alertDiagnostics';

/** Quick fixes on alert diagnostics in a config: Pause training, Augment this group…, Show in panel. */
export class AlertCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly runs: RunManager) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const run = this.runs.get(document.uri);
    if (!run) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== ALERT_DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
      const alert = run.alerts.find(diagnostic.code);
      if (!alert) continue;
      for (const command of alertCommands(document.uri, alert, run.isActive)) {
        const action = new vscode.CodeAction(command.title, vscode.CodeActionKind.QuickFix);
        action.command = command;
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}
