/**
 * Messages between the extension host and a run's analysis worker (src/core/analysis/worker.ts),
 * which computes each snapshot's metrics and alerts and records them beside the run
 * (metrics.jsonl, alerts.jsonl; docs/alerts.md). The worker reads the stream itself, so no
 * snapshot arrays cross the thread boundary: only results do.
 */
import type { AlertRulesInput } from '../core/alerts/rules';
import type { Alert, AlertChange } from '../core/alerts/types';
import type { SnapshotMetrics } from '../core/metrics/snapshotMetrics';

/** workerData of the thread. */
export interface AnalysisWorkerData {
  readonly runDirectory: string;
  readonly rules?: AlertRulesInput;
}

export type HostToAnalysisWorker =
  /** The stream has grown (or may have): analyse what is new. */
  | { readonly type: 'catch-up' }
  /** The config's `alerts:` changed: applies from the next snapshot. */
  | { readonly type: 'set-rules'; readonly rules: AlertRulesInput }
  /** Which points of the snapshot at `offset` the alert is about (alertHighlight.ts). */
  | { readonly type: 'highlight'; readonly requestId: number; readonly offset: number; readonly alert: Pick<Alert, 'kind' | 'evidence'> }
  | { readonly type: 'close' };

export type AnalysisWorkerToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'snapshot'; readonly offset: number; readonly iteration: number; readonly metrics: SnapshotMetrics; readonly changes: readonly AlertChange[] }
  /** Everything the stream held when the catch-up began is analysed. */
  | { readonly type: 'caught-up'; readonly active: readonly Alert[]; readonly problems: readonly string[] }
  | { readonly type: 'highlight'; readonly requestId: number; readonly realRows: readonly number[]; readonly generatedRows: readonly number[]; readonly error?: string }
  | { readonly type: 'error'; readonly message: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHostToAnalysisWorker(value: unknown): value is HostToAnalysisWorker {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'catch-up':
    case 'close':
      return true;
    case 'set-rules':
      return isObject(value.rules);
    case 'highlight':
      return Number.isSafeInteger(value.requestId) && Number.isSafeInteger(value.offset) && isObject(value.alert) && typeof value.alert.kind === 'string' && isObject(value.alert.evidence);
    default:
      return false;
  }
}

/** Checks the envelope; the payloads come from this extension's own worker code. */
export function isAnalysisWorkerToHost(value: unknown): value is AnalysisWorkerToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'snapshot':
      return Number.isSafeInteger(value.offset) && typeof value.iteration === 'number' && isObject(value.metrics) && Array.isArray(value.changes);
    case 'caught-up':
      return Array.isArray(value.active) && Array.isArray(value.problems);
    case 'highlight':
      return Number.isSafeInteger(value.requestId) && Array.isArray(value.realRows) && Array.isArray(value.generatedRows);
    case 'error':
      return typeof value.message === 'string';
    default:
      return false;
  }
}
