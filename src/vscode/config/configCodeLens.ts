import * as vscode from 'vscode';
import { Disposable } from '../dispose';
import type { RunManager } from '../runs/runManager';

/** Start/stop and panel actions above the first line of an experiment config. */
export class ConfigCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly runs: RunManager) {
    super();
    this.register(runs.onDidAddRun(() => this.changeEmitter.fire()));
    // Iteration counts change constantly; only phase changes are worth redrawing lenses for.
    const phases = new Map<string, string>();
    this.register(
      runs.onDidChangeRun((run) => {
        const key = run.configUri.toString();
        if (phases.get(key) !== run.status.phase) {
          phases.set(key, run.status.phase);
          this.changeEmitter.fire();
        }
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const run = this.runs.get(document.uri);
    const lenses: vscode.CodeLens[] = [];
    if (run?.isActive) {
      lenses.push(
        run.isPaused
          ? new vscode.CodeLens(top, { title: '$(debug-continue) Resume', command: 'genmon.resumeTraining', arguments: [document.uri] })
          : new vscode.CodeLens(top, { title: '$(debug-pause) Pause', command: 'genmon.pauseTraining', arguments: [document.uri] }),
      );
      lenses.push(new vscode.CodeLens(top, { title: '$(debug-stop) Stop Training', command: 'genmon.stopTraining', arguments: [document.uri] }));
    } else {
      lenses.push(new vscode.CodeLens(top, { title: '$(play) Start Training', command: 'genmon.startTraining', arguments: [document.uri] }));
    }
    lenses.push(new vscode.CodeLens(top, { title: '$(graph-scatter) Show Projection', command: 'genmon.showProjection', arguments: [document.uri] }));
    if (run) {
      // Lenses are redrawn on phase changes only, so a live iteration count here would go stale.
      const status = run.status;
      const title = run.isActive ? status.phase : `${status.phase} at iteration ${status.iteration}`;
      lenses.push(new vscode.CodeLens(top, { title, command: 'genmon.showOutput' }));
    }
    return lenses;
  }
}
