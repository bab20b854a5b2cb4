import * as path from 'node:path';
import * as vscode from 'vscode';
import { ALERT_LOG_FILE, readAlertLog } from '../../core/alerts/alertLog';
import type { AlertHighlight } from '../../core/analysis/alertHighlight';
import { AnalysisWorker } from '../../core/analysis/analysisWorker';
import type { AlertRulesInput } from '../../core/alerts/rules';
import type { Alert, AlertChange } from '../../core/alerts/types';
import type { SnapshotMetrics } from '../../core/metrics/snapshotMetrics';
import { Disposable } from '../dispose';

export interface RunAlertsChange {
  /** Alerts that fired in this session's analysis (not those read back from the run's log). */
  readonly fired: readonly Alert[];
}

/** What RunAlerts needs of a run. */
export interface AlertSource {
  readonly runDir: string;
  readonly title: string;
  readonly onDidChange: vscode.Event<unknown>;
}

/**
 * The alerts of one run: those recorded beside it (alerts.jsonl), then what its analysis worker
 * finds as the stream grows. Past alerts are kept, so a reopened run lists what happened before.
 */
export class RunAlerts extends Disposable {
  private readonly worker: AnalysisWorker;
  /** Latest version of every alert seen, by id, in order of first appearance. */
  private readonly known = new Map<string, Alert>();
  private latestMetrics: SnapshotMetrics | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<RunAlertsChange>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly source: AlertSource,
    private readonly log: vscode.LogOutputChannel,
    rules?: AlertRulesInput,
  ) {
    super();
    const recorded = readAlertLog(path.join(source.runDir, ALERT_LOG_FILE));
    for (const alert of recorded.alerts) this.known.set(alert.id, alert);
    for (const problem of recorded.problems) log.info(`[${source.title}] ${ALERT_LOG_FILE}: ${problem}`);
    this.worker = new AnalysisWorker({
      runDirectory: source.runDir,
      ...(rules ? { rules } : {}),
      onSnapshot: ({ metrics, changes }) => this.apply(metrics, changes),
      onCaughtUp: ({ active, problems }) => this.settle(active, problems),
      onError: (message) => log.warn(`[${source.title}] alerts: ${message}`),
    });
    this.register({ dispose: () => void this.worker.dispose() });
    this.register(source.onDidChange(() => this.worker.catchUp()));
    this.worker.catchUp();
  }

  /** Every alert of the run, active ones first, newest first within each. */
  get alerts(): readonly Alert[] {
    return [...this.known.values()].sort((a, b) => Number(a.clearedIteration !== null) - Number(b.clearedIteration !== null) || b.firstSeenIteration - a.firstSeenIteration);
  }

  get active(): readonly Alert[] {
    return this.alerts.filter((alert) => alert.clearedIteration === null);
  }

  find(id: string): Alert | undefined {
    return this.known.get(id);
  }

  /** Metrics of the newest snapshot analysed in this session. */
  get metrics(): SnapshotMetrics | undefined {
    return this.latestMetrics;
  }

  /** The points of the snapshot at `offset` (in the stream) that the alert is about. */
  highlight(offset: number, alert: Alert): Promise<AlertHighlight> {
    return this.worker.highlight(offset, alert);
  }

  setRules(rules: AlertRulesInput): void {
    this.worker.setRules(rules);
  }

  whenIdle(): Promise<void> {
    return this.worker.whenIdle();
  }

  private apply(metrics: SnapshotMetrics, changes: readonly AlertChange[]): void {
    this.latestMetrics = metrics;
    const fired: Alert[] = [];
    for (const { change, alert } of changes) {
      this.known.set(alert.id, alert);
      if (change === 'fired') fired.push(alert);
    }
    if (changes.length > 0) this.changeEmitter.fire({ fired });
  }

  /**
   * The worker's engine is the authority on what is active: a resumed run that went back before an
   * alert fired leaves that alert in the log but not in the engine, and it is shown as past.
   */
  private settle(active: readonly Alert[], problems: readonly string[]): void {
    for (const problem of problems) this.log.info(`[${this.source.title}] alerts: ${problem}`);
    const activeIds = new Set(active.map((alert) => alert.id));
    let changed = false;
    for (const alert of active) {
      if (JSON.stringify(this.known.get(alert.id)) !== JSON.stringify(alert)) changed = true;
      this.known.set(alert.id, alert);
    }
    for (const [id, alert] of this.known) {
      if (alert.clearedIteration === null && !activeIds.has(id)) {
        this.known.set(id, { ...alert, clearedIteration: alert.lastSeenIteration });
        changed = true;
      }
    }
    if (changed) this.changeEmitter.fire({ fired: [] });
  }
}
