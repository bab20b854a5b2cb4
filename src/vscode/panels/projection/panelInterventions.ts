import * as vscode from 'vscode';
import { DEFAULT_COMPARE_AFTER_SNAPSHOTS, interventionReports, type InterventionReport } from '../../../core/analysis/beforeAfter';
import { MetricsHistory } from '../../../core/analysis/metricsHistory';
import { RunEventLog } from '../../../core/analysis/runEventLog';
import { Disposable } from '../../dispose';
import type { Run } from '../../runs/run';

/** `genmon.interventions.compareAfterSnapshots`: how many snapshots after an intervention the comparison looks. */
export const COMPARE_AFTER_SETTING = 'interventions.compareAfterSnapshots';

export function readCompareAfterSnapshots(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration('genmon', scope).get<unknown>(COMPARE_AFTER_SETTING, DEFAULT_COMPARE_AFTER_SNAPSHOTS);
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : DEFAULT_COMPARE_AFTER_SNAPSHOTS;
}

/**
 * The interventions of one run and their before/after comparisons, kept current for a Projection
 * panel: recomputed when the stream grows, when its analysis records new metrics and when the
 * setting changes; `onDidChange` fires only when the list actually differs.
 */
export class PanelInterventions extends Disposable {
  private readonly events: RunEventLog;
  private readonly metrics: MetricsHistory;
  private reports: readonly InterventionReport[] = [];
  private reportsKey = '[]';
  private updating = false;
  private updateAgain = false;
  private lastFailure: string | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<readonly InterventionReport[]>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly run: Run,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    // Stream problems are the Run's to report; here they would only repeat them.
    this.events = new RunEventLog(run.runDir, (problem) => log.debug(`[${run.title}] interventions: ${problem}`));
    this.register({ dispose: () => this.events.dispose() });
    this.metrics = new MetricsHistory(run.runDir);
    this.register(run.onDidChange(() => this.update()));
    // Alerts change when the analysis has recorded a snapshot's metrics: the after side may have moved.
    this.register(run.alerts.onDidChange(() => this.update()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`genmon.${COMPARE_AFTER_SETTING}`, run.configUri)) this.recompute();
      }),
    );
    this.update();
  }

  get current(): readonly InterventionReport[] {
    return this.reports;
  }

  /** Coalesced: while one update runs, any number of requests become one more. */
  private update(): void {
    if (this.isDisposed) return;
    if (this.updating) {
      this.updateAgain = true;
      return;
    }
    this.updating = true;
    void this.read().finally(() => {
      this.updating = false;
      if (this.updateAgain) {
        this.updateAgain = false;
        this.update();
      }
    });
  }

  private async read(): Promise<void> {
    try {
      // A stream change also starts the analysis of its new snapshots: waiting for it means the
      // comparison includes their metrics rather than catching up one change later.
      await this.run.alerts.whenIdle();
      if (this.isDisposed) return;
      await this.events.refresh();
      const metrics = await this.metrics.refresh();
      for (const problem of metrics.problems) this.log.info(`[${this.run.title}] interventions: ${problem}`);
      if (this.isDisposed) return;
      this.recompute();
      this.lastFailure = undefined;
    } catch (error) {
      const message = `[${this.run.title}] interventions: ${error instanceof Error ? error.message : String(error)}`;
      // A lasting problem (a metrics file it may not read) is reported once, not on every change.
      if (message !== this.lastFailure) this.log.warn(message);
      this.lastFailure = message;
    }
  }

  private recompute(): void {
    if (this.isDisposed) return;
    const reports = interventionReports(this.events.events, this.metrics.snapshots, readCompareAfterSnapshots(this.run.configUri));
    const key = JSON.stringify(reports);
    if (key === this.reportsKey) return;
    this.reports = reports;
    this.reportsKey = key;
    this.changeEmitter.fire(reports);
  }
}
