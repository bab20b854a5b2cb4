/**
 * The per-run analysis: each snapshot's metrics, fed to the alert engine. Holds what carries from
 * one snapshot to the next — the real reference's neighbour index and fits (ReferenceCache), the
 * previous generated rows, the engine's counts — so a snapshot costs only its generated side.
 *
 * A run resumed from a checkpoint repeats iterations it had already written; when a snapshot comes
 * at or before the last one analysed, the engine goes back to its state before that iteration
 * (kept per snapshot; they are small) and the alerts of the abandoned future no longer count.
 */
import { AlertEngine, type AlertEngineState, type AlertUpdate } from '../alerts/alertEngine';
import type { AlertRules, AlertRulesInput } from '../alerts/rules';
import type { Alert } from '../alerts/types';
import { computeSnapshotMetrics, ReferenceCache, type SnapshotMetricsOptions } from '../metrics/computeSnapshotMetrics';
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import type { HeaderRecord, SnapshotRecord } from '../../protocol/stream';
import { analysisContext, type AnalysisContext } from './analysisContext';
import { playerMetrics, type PlayerMetrics } from './playerMetrics';
import { snapshotInputs } from './snapshotInputs';

export interface AnalyzedSnapshot {
  readonly metrics: SnapshotMetrics;
  readonly update: AlertUpdate;
  /** Inputs this snapshot lacked (their metric families were not computed). */
  readonly missing: readonly string[];
  /** True when this snapshot went back over iterations already analysed (a resumed run). */
  readonly rewound: boolean;
  /** Multi-player runs: each player's metrics (playerMetrics.ts); the alerts read only the reference player's. */
  readonly players?: readonly PlayerMetrics[];
}

export interface RunAnalyzerOptions {
  readonly rules?: AlertRulesInput | AlertRules;
  /** Engine states recorded so far (the `state` lines of the run's alerts.jsonl): it continues from the last. */
  readonly history?: readonly AlertEngineState[];
  readonly metrics?: SnapshotMetricsOptions;
}

export class RunAnalyzer {
  readonly context: AnalysisContext;
  private engine: AlertEngine;
  private readonly reference = new ReferenceCache();
  private previousGenerated: Float32Array | undefined;
  /** Engine state after each analysed snapshot, in iteration order. */
  private readonly history: AlertEngineState[] = [];

  constructor(
    header: HeaderRecord,
    private readonly options: RunAnalyzerOptions = {},
  ) {
    this.context = analysisContext(header);
    this.history.push(...(options.history ?? []));
    this.engine = new AlertEngine(options.rules, this.history[this.history.length - 1]);
  }

  /** Problems with the rules given (unknown keys, bad values); defaults were used for those. */
  get ruleProblems(): readonly string[] {
    return this.engine.ruleProblems;
  }

  /** The iteration of the last snapshot analysed, or null. */
  get lastIteration(): number | null {
    return this.engine.state().lastIteration;
  }

  /** New rules (an edited config) apply from the next snapshot. */
  setRules(rules: AlertRulesInput | AlertRules): readonly string[] {
    return this.engine.setRules(rules);
  }

  analyze(snapshot: SnapshotRecord): AnalyzedSnapshot {
    const rewound = this.rewindBefore(snapshot.iteration);
    const { input, missing, generatedRows } = snapshotInputs(snapshot, this.context, this.previousGenerated);
    const metrics = computeSnapshotMetrics(input, this.options.metrics, this.reference);
    const update = this.engine.observe(metrics, this.context.trust);
    this.previousGenerated = generatedRows?.data;
    this.history.push(this.engine.state());
    const players = playerMetrics(snapshot.arrays, this.context, this.options.metrics?.highQualitySigmas);
    return { metrics, update, missing, rewound, ...(players ? { players } : {}) };
  }

  active(): Alert[] {
    return this.engine.active();
  }

  state(): AlertEngineState {
    return this.engine.state();
  }

  private rewindBefore(iteration: number): boolean {
    const last = this.engine.state().lastIteration;
    if (last === null || iteration > last) return false;
    while (this.history.length > 0 && ((this.history[this.history.length - 1] as AlertEngineState).lastIteration ?? -1) >= iteration) this.history.pop();
    const previous = this.history[this.history.length - 1];
    const rules = this.engine.activeRules;
    this.engine = new AlertEngine(rules, previous);
    // The rows of the snapshot before `iteration` are gone; "stopped changing" waits one snapshot.
    this.previousGenerated = undefined;
    return true;
  }
}
