import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatProblem, parseConfig } from '../../core/config/parse';
import { newRunDirName, resolveRunsRoot } from '../../core/monitor/runDirectory';
import type { Alert } from '../../core/alerts/types';
import { BranchRefusedError, planBranch } from '../../trainer/checkpoint/branchPlan';
import { Disposable } from '../dispose';
import { readSettings } from '../settings';
import { Run } from './run';
import { TrainerProcess } from './trainerProcess';

/** Owns every run of this window: at most one per config, the latest one started or opened. */
export class RunManager extends Disposable {
  private readonly runs = new Map<string, Run>();
  private readonly runsEmitter = this.register(new vscode.EventEmitter<Run>());
  private readonly changeEmitter = this.register(new vscode.EventEmitter<Run>());
  /** A run was started or opened for a config (replacing any earlier one). */
  readonly onDidAddRun = this.runsEmitter.event;
  /** A run's status or frames changed. */
  readonly onDidChangeRun = this.changeEmitter.event;
  private readonly alertsEmitter = this.register(new vscode.EventEmitter<{ readonly run: Run; readonly fired: readonly Alert[] }>());
  /** A run's alerts fired, cleared or changed evidence (`fired`: those that fired just now, live). */
  readonly onDidChangeRunAlerts = this.alertsEmitter.event;
  /** Same, with only the run, for listeners that redraw everything. */
  readonly onDidChangeAlerts: vscode.Event<Run> = (listener, thisArgs, disposables) => this.alertsEmitter.event(({ run }) => listener.call(thisArgs, run), undefined, disposables);

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register({ dispose: () => this.disposeRuns() });
  }

  get(configUri: vscode.Uri): Run | undefined {
    return this.runs.get(configUri.toString());
  }

  all(): Run[] {
    return [...this.runs.values()];
  }

  /** Validates the config as it is in the editor (saved first), then starts a trainer on it. */
  async start(configUri: vscode.Uri): Promise<Run | undefined> {
    const existing = this.get(configUri);
    if (existing?.isActive) {
      void vscode.window.showInformationMessage(`genmon: ${existing.fileName} is already training (iteration ${existing.status.iteration}).`);
      return existing;
    }
    const document = await vscode.workspace.openTextDocument(configUri);
    if (document.isDirty && !(await document.save())) {
      void vscode.window.showErrorMessage(`genmon: could not save ${path.basename(configUri.fsPath)} before starting.`);
      return undefined;
    }
    const parsed = parseConfig(document.getText(), configUri.fsPath);
    const errors = parsed.problems.filter((problem) => problem.severity === 'error');
    if (!parsed.config || errors.length > 0) {
      const first = errors[0];
      const detail = first ? formatProblem(first, path.basename(configUri.fsPath)) : 'the config is not valid';
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      const choice = await vscode.window.showErrorMessage(`genmon: cannot start training — ${detail}${more}`, 'Show Problems');
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }

    const settings = readSettings(configUri);
    const runDir = path.join(resolveRunsRoot(configUri.fsPath, settings.runDirectory), newRunDirName(new Date()));
    const args = ['train', configUri.fsPath, '--run-dir', runDir];
    if (settings.backend !== 'auto') args.push('--backend', settings.backend);
    return this.launch(configUri, runDir, args);
  }

  /**
   * Starts a branch run: a new run directory beside the parent's that continues from the parent's
   * checkpoint at `checkpointIteration` (`genmon train --resume … --branch-run-dir …`). The parent's
   * files are only read. The branch keeps the parent's backend, so it computes as the parent did.
   */
  startBranch(configUri: vscode.Uri, parentRunDir: string, checkpointIteration: number, maxIterations?: number): Run | undefined {
    const existing = this.get(configUri);
    if (existing?.isActive) {
      void vscode.window.showInformationMessage(`genmon: ${existing.fileName} is training in this window; stop it before resuming from a checkpoint.`);
      return undefined;
    }
    const runDir = path.join(path.dirname(parentRunDir), newRunDirName(new Date()));
    // The trainer checks the same; asking first puts the reason in a message instead of the trainer's output.
    try {
      planBranch(parentRunDir, String(checkpointIteration), runDir);
    } catch (error) {
      if (!(error instanceof BranchRefusedError)) throw error;
      void vscode.window.showErrorMessage(`genmon: ${error.message}`);
      return undefined;
    }
    const args = ['train', '--resume', parentRunDir, '--from-checkpoint', String(checkpointIteration), '--branch-run-dir', runDir];
    if (maxIterations !== undefined) args.push('--max-iterations', String(maxIterations));
    return this.launch(configUri, runDir, args);
  }

  async stop(configUri: vscode.Uri): Promise<boolean> {
    const run = this.get(configUri);
    if (!run?.isActive) return false;
    await run.stop();
    return true;
  }

  /** Shows a run directory that no process of this window writes (a reloaded window, a finished run). */
  open(configUri: vscode.Uri, runDir: string): Run {
    const existing = this.get(configUri);
    if (existing && (existing.runDir === runDir || existing.isActive)) return existing;
    return this.add(new Run(configUri, runDir, undefined, this.log));
  }

  /** Stops every trainer and waits (bounded) for them, so closing VS Code leaves no process behind. */
  async stopAll(): Promise<void> {
    await Promise.all(this.all().map((run) => run.stop()));
  }

  private launch(configUri: vscode.Uri, runDir: string, trainArgs: readonly string[]): Run {
    const settings = readSettings(configUri);
    mkdirSync(runDir, { recursive: true });
    const args = [...trainArgs, '--exit-with-parent'];
    if (settings.tfjsNodePath) args.push('--tfjs-node-path', settings.tfjsNodePath);
    const trainer = new TrainerProcess({
      nodePath: settings.nodePath || process.execPath,
      cliPath: vscode.Uri.joinPath(this.extensionUri, 'dist', 'cli.js').fsPath,
      args,
      // A branch's config may have moved since its parent ran; the run's own folder always exists.
      cwd: existsSync(path.dirname(configUri.fsPath)) ? path.dirname(configUri.fsPath) : runDir,
    });
    this.log.info(`[${path.basename(configUri.fsPath)}] started trainer pid ${trainer.pid ?? '?'} writing ${runDir}`);
    return this.add(new Run(configUri, runDir, trainer, this.log));
  }

  private add(run: Run): Run {
    const key = run.configUri.toString();
    const previous = this.runs.get(key);
    this.runs.set(key, run);
    previous?.dispose();
    let lastPhase = run.status.phase;
    run.onDidChange(() => {
      const phase = run.status.phase;
      if (phase !== lastPhase && phase === 'error') {
        void vscode.window
          .showErrorMessage(`genmon: training ${run.fileName} failed — ${run.status.message ?? 'see the trainer output'}`, 'Show Output')
          .then((choice) => {
            if (choice === 'Show Output') this.log.show(true);
          });
      }
      lastPhase = phase;
      this.changeEmitter.fire(run);
    });
    run.alerts.onDidChange(({ fired }) => this.alertsEmitter.fire({ run, fired }));
    this.runsEmitter.fire(run);
    return run;
  }

  private disposeRuns(): void {
    for (const run of this.runs.values()) run.dispose();
    this.runs.clear();
  }
}
