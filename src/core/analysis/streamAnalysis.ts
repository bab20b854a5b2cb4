/**
 * Analyses a run's stream as it grows and records the results beside it: metrics.jsonl (one line
 * per snapshot) and alerts.jsonl (alert changes and the engine's state). Reopening a run carries on
 * after the last snapshot recorded, so no snapshot is analysed twice and a run analysed by one
 * window (or by `genmon analyze`) is not redone by the next.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlertLog } from '../alerts/alertLog';
import type { AlertRules, AlertRulesInput } from '../alerts/rules';
import type { Alert, AlertChange } from '../alerts/types';
import type { SnapshotMetricsOptions } from '../metrics/computeSnapshotMetrics';
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import { FrameScanner } from '../stream/frame-scanner';
import { READ_CHUNK_BYTES, readStreamFd } from '../stream/reader';
import { STREAM_FILE_NAME, type HeaderRecord } from '../../protocol/stream';
import { MetricsLog } from './metricsLog';
import type { AnalysisContext } from './analysisContext';
import type { PlayerMetrics } from './playerMetrics';
import { RunAnalyzer } from './runAnalyzer';

export interface AnalysedSnapshotReport {
  readonly offset: number;
  readonly iteration: number;
  readonly metrics: SnapshotMetrics;
  readonly changes: readonly AlertChange[];
  readonly missing: readonly string[];
  /** Multi-player runs: each player's metrics. */
  readonly players?: readonly PlayerMetrics[];
}

export interface CatchUpResult {
  readonly analysed: readonly AnalysedSnapshotReport[];
  /** Alerts active after the last snapshot. */
  readonly active: readonly Alert[];
  /** Stream problems met on the way (corrupt frames skipped), and header problems. */
  readonly problems: readonly string[];
}

export interface StreamAnalysisOptions {
  readonly rules?: AlertRulesInput | AlertRules;
  readonly metrics?: SnapshotMetricsOptions;
  /** Called after each snapshot is analysed and recorded (a worker reports progress with it). */
  readonly onSnapshot?: (report: AnalysedSnapshotReport) => void;
}

export class StreamAnalysis {
  private readonly metricsLog: MetricsLog;
  private readonly alertLog: AlertLog;
  private readonly streamFile: string;
  private readonly scanner = new FrameScanner({ decode: true });
  private offset = 0;
  private analyzer: RunAnalyzer | undefined;
  /** Snapshots at or before this offset were analysed in an earlier session. */
  private readonly doneUpTo: number;
  private rules: AlertRulesInput | AlertRules | undefined;
  /** Problems found when the logs were opened; reported once by the first catchUp. */
  private openingProblems: string[];

  constructor(
    readonly runDirectory: string,
    private readonly options: StreamAnalysisOptions = {},
  ) {
    this.streamFile = path.join(runDirectory, STREAM_FILE_NAME);
    this.metricsLog = new MetricsLog(runDirectory);
    this.alertLog = new AlertLog(runDirectory);
    this.rules = options.rules;
    const metrics = this.metricsLog.read();
    this.doneUpTo = metrics.lastOffset;
    this.openingProblems = [...metrics.problems.map((p) => `metrics.jsonl ${p}`), ...this.alertLog.read().problems.map((p) => `alerts.jsonl ${p}`)];
  }

  /** New rules apply from the next snapshot analysed. */
  setRules(rules: AlertRulesInput | AlertRules): void {
    this.rules = rules;
    this.analyzer?.setRules(rules);
  }

  /** The header's reading, once the stream has a header. */
  get context(): AnalysisContext | undefined {
    return this.analyzer?.context;
  }

  /** Alerts active now. */
  active(): Alert[] {
    return this.analyzer?.active() ?? [];
  }

  /** Reads what the stream has gained since the last call and analyses its new snapshots. */
  catchUp(): CatchUpResult {
    const problems = this.openingProblems;
    this.openingProblems = [];
    const analysed: AnalysedSnapshotReport[] = [];
    let fd: number;
    try {
      fd = fs.openSync(this.streamFile, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { analysed, active: this.active(), problems };
      throw error;
    }
    try {
      for (;;) {
        const chunk = readStreamFd(fd, this.streamFile, this.offset, this.scanner, READ_CHUNK_BYTES);
        for (const error of chunk.errors) problems.push(error.message);
        for (const { record, offset } of chunk.records) {
          if (record.type === 'header') this.start(record, problems);
          else if (record.type === 'snapshot' && this.analyzer && offset > this.doneUpTo) {
            const result = this.analyzer.analyze(record);
            const report: AnalysedSnapshotReport = { offset, iteration: record.iteration, metrics: result.metrics, changes: result.update.changes, missing: result.missing, ...(result.players ? { players: result.players } : {}) };
            this.metricsLog.append({ offset, metrics: result.metrics, missing: result.missing, ...(result.players ? { players: result.players } : {}) });
            this.alertLog.append(result.update.changes, this.analyzer.state());
            analysed.push(report);
            this.options.onSnapshot?.(report);
          }
        }
        if (chunk.nextOffset === this.offset) break;
        this.offset = chunk.nextOffset;
      }
    } finally {
      fs.closeSync(fd);
    }
    return { analysed, active: this.active(), problems };
  }

  private start(header: HeaderRecord, problems: string[]): void {
    const history = this.alertLog.read().states;
    // Without rules of its own the run keeps the ones it started with (its header's config).
    const rules = this.rules ?? rulesOf(header);
    this.analyzer = new RunAnalyzer(header, { ...(rules ? { rules } : {}), history, ...(this.options.metrics ? { metrics: this.options.metrics } : {}) });
    problems.push(...this.analyzer.context.problems, ...this.analyzer.ruleProblems.map((p) => `alert rules: ${p}`));
  }
}

function rulesOf(header: HeaderRecord): AlertRulesInput | undefined {
  const config = header.config;
  const alerts = typeof config === 'object' && config !== null ? (config as { alerts?: unknown }).alerts : undefined;
  return typeof alerts === 'object' && alerts !== null && !Array.isArray(alerts) ? (alerts as AlertRulesInput) : undefined;
}
