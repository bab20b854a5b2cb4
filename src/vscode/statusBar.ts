import * as vscode from 'vscode';
import type { RunStatusView } from '../protocol/projectionPanel';
import { Disposable } from './dispose';
import { isConfigUri } from './config/configDocuments';
import type { Run } from './runs/run';
import type { RunManager } from './runs/runManager';

const PHASE_ICONS: Record<RunStatusView['phase'], string> = {
  waiting: '$(watch)',
  starting: '$(loading~spin)',
  running: '$(pulse)',
  paused: '$(debug-pause)',
  stopping: '$(loading~spin)',
  completed: '$(pass)',
  stopped: '$(debug-stop)',
  error: '$(error)',
  interrupted: '$(warning)',
};

/** The status of the run that belongs to the active config, or else of the run changed last. */
export class RunStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('genmon.run', vscode.StatusBarAlignment.Left, 50));
  private shown: Run | undefined;

  constructor(private readonly runs: RunManager) {
    super();
    this.item.name = 'genmon training run';
    this.register(runs.onDidAddRun((run) => this.show(run)));
    this.register(
      runs.onDidChangeRun((run) => {
        if (!this.shown || run === this.shown || !this.shown.isActive) this.show(run);
      }),
    );
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const uri = editor?.document.uri;
        const run = isConfigUri(uri) ? runs.get(uri) : undefined;
        if (run) this.show(run);
      }),
    );
  }

  private show(run: Run): void {
    this.shown = run;
    const status = run.status;
    const progress = status.maxIterations ? `it ${status.iteration}/${status.maxIterations}` : `it ${status.iteration}`;
    const speed = status.phase === 'running' && status.stepsPerSecond ? ` · ${status.stepsPerSecond.toFixed(0)} it/s` : '';
    this.item.text = `${PHASE_ICONS[status.phase]} ${run.title} · ${status.phase} · ${progress}${speed}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**genmon** — ${run.fileName}\n\n`);
    tooltip.appendMarkdown(`- state: ${status.phase}\n- iteration: ${status.iteration}\n`);
    if (status.backend) tooltip.appendMarkdown(`- backend: ${status.backend}\n`);
    tooltip.appendMarkdown(`- run directory: \`${run.runDir}\`\n`);
    if (status.message) tooltip.appendMarkdown(`\n${status.message}\n`);
    this.item.tooltip = tooltip;
    this.item.command = { title: 'Show Projection', command: 'genmon.showProjection', arguments: [run.configUri] };
    this.item.backgroundColor =
      status.phase === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}
