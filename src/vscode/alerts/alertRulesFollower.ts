import * as vscode from 'vscode';
import { parseConfig } from '../../core/config/parse';
import { isConfigDocument } from '../config/configDocuments';
import { Disposable } from '../dispose';
import type { RunManager } from '../runs/runManager';

/**
 * Saving a config applies its `alerts:` section to the config's run from its next snapshot, so
 * thresholds can be tuned while training goes on. A config that does not parse changes nothing
 * (its problems are shown already); until a save, a run keeps the rules it started with.
 */
export class AlertRulesFollower extends Disposable {
  constructor(runs: RunManager) {
    super();
    this.register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (!isConfigDocument(document)) return;
        const run = runs.get(document.uri);
        const config = run && parseConfig(document.getText(), document.uri.fsPath).config;
        if (run && config) run.alerts.setRules(config.alerts);
      }),
    );
  }
}
