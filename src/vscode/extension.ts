import * as vscode from 'vscode';
import { AlertCodeActions } from './alerts/alertCodeActions';
import { registerAlertCommands } from './alerts/alertCommands';
import { AlertDiagnostics } from './alerts/alertDiagnostics';
import { AlertNotifications } from './alerts/alertNotifications';
import { AlertRulesFollower } from './alerts/alertRulesFollower';
import { ALERTS_VIEW_ID, AlertsView } from './alerts/alertsView';
import { registerCommands } from './commands';
import { ConfigCodeLensProvider } from './config/configCodeLens';
import { ConfigDiagnostics } from './config/configDiagnostics';
import { CONFIG_SELECTOR, isConfigUri } from './config/configDocuments';
import { ConfigHoverProvider } from './config/configHover';
import { registerMagnetCommands } from './magnet/sampleUniformly';
import { DisposableStore } from './dispose';
import { ProjectionPanels } from './panels/projection/registration';
import { RunManager } from './runs/runManager';
import { registerRunsCommands } from './runs/runsCommands';
import { RUNS_VIEW_ID, RunsView } from './runs/runsView';
import { readNotifyLevel } from './settings';
import { RunStatusBar } from './statusBar';

let owner: DisposableStore | undefined;
let runManager: RunManager | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const store = new DisposableStore();
  owner = store;
  const log = store.add(vscode.window.createOutputChannel('genmon', { log: true }));
  const runs = store.add(new RunManager(context.extensionUri, log));
  runManager = runs;
  const panels = store.add(new ProjectionPanels(context.extensionUri, runs, log));
  store.add(new ConfigDiagnostics());
  store.add(new RunStatusBar(runs));
  const codeLens = store.add(new ConfigCodeLensProvider(runs));
  store.add(vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, codeLens));
  store.add(vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new ConfigHoverProvider()));
  for (const command of registerCommands(runs, panels, log)) store.add(command);
  store.add(new AlertDiagnostics(runs));
  store.add(vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new AlertCodeActions(runs), AlertCodeActions.metadata));
  store.add(new AlertNotifications(runs, readNotifyLevel));
  const alertsView = store.add(new AlertsView(runs));
  store.add(vscode.window.registerTreeDataProvider(ALERTS_VIEW_ID, alertsView));
  for (const command of registerAlertCommands(runs, panels, log)) store.add(command);
  for (const command of registerMagnetCommands(runs, panels, log)) store.add(command);
  store.add(new AlertRulesFollower(runs));
  const runsView = store.add(new RunsView(runs));
  store.add(vscode.window.registerTreeDataProvider(RUNS_VIEW_ID, runsView));
  for (const command of registerRunsCommands(runs, runsView, panels)) store.add(command);

  // Drives the editor-title play/stop buttons.
  const updateContext = () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const run = isConfigUri(uri) ? runs.get(uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'genmon.activeConfigRunning', run?.isActive === true);
    void vscode.commands.executeCommand('setContext', 'genmon.activeConfigPaused', run?.isPaused === true);
  };
  store.add(vscode.window.onDidChangeActiveTextEditor(updateContext));
  store.add(runs.onDidChangeRun(updateContext));
  store.add(runs.onDidAddRun(updateContext));
  updateContext();

  context.subscriptions.push(store);
  log.info(`genmon ${String(context.extension.packageJSON.version)} active`);
}

/** Waits (bounded by VS Code) for trainers to write their last snapshot before the host goes away. */
export async function deactivate(): Promise<void> {
  try {
    await runManager?.stopAll();
  } finally {
    owner?.dispose();
    owner = undefined;
    runManager = undefined;
  }
}
