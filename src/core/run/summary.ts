/**
 * What a run's stream says about the run: the `genmon inspect` view, computed from decoded records
 * alone so the extension can reuse it. Whether the trainer process is alive is an input, not
 * looked up here (see trainerPid.ts).
 */
import type { BranchOrigin, EndReason, RunEventKind, StreamRecord, TrainerInfo } from '../../protocol/stream';

/**
 * completed/stopped/error come from the last end record; without one the run is running or was
 * interrupted. A run resumed from a checkpoint (a `resumed` event) voids the end records before it.
 */
export type RunState = EndReason | 'running' | 'interrupted';

export interface RunEventSummary {
  readonly kind: RunEventKind;
  readonly iteration: number;
  readonly message?: string;
}

export interface RunEndSummary {
  readonly reason: EndReason;
  readonly iteration: number;
  readonly message?: string;
}

export interface StreamProblem {
  readonly offset: number;
  readonly message: string;
}

export interface RunSummary {
  /** Undefined when the stream holds no header (e.g. cut short right after it was created). */
  readonly runId: string | undefined;
  readonly formatVersion: number | undefined;
  readonly createdAt: string | undefined;
  readonly config: unknown;
  readonly configPath: string | undefined;
  readonly trainer: TrainerInfo | undefined;
  /** The run and checkpoint a branch run started from; undefined for a run started from its config. */
  readonly branchOf: BranchOrigin | undefined;
  readonly snapshots: number;
  /** Iterations of the first and last snapshots; null before the first snapshot. */
  readonly iterations: { readonly first: number; readonly last: number } | null;
  readonly lastMetrics: Readonly<Record<string, number>> | null;
  readonly state: RunState;
  readonly end: RunEndSummary | null;
  readonly events: readonly RunEventSummary[];
  readonly streamErrors: readonly StreamProblem[];
}

export interface SummarizeOptions {
  /** Whether the process that writes the run is alive now; decides running vs interrupted. */
  readonly trainerAlive: boolean;
}

export function summarizeRun(records: readonly StreamRecord[], streamErrors: readonly StreamProblem[], options: SummarizeOptions): RunSummary {
  let header: Extract<StreamRecord, { type: 'header' }> | undefined;
  let end: RunEndSummary | null = null;
  let snapshots = 0;
  let first: number | undefined;
  let last: number | undefined;
  let lastMetrics: Readonly<Record<string, number>> | null = null;
  const events: RunEventSummary[] = [];

  for (const record of records) {
    switch (record.type) {
      case 'header':
        // A second header would be a writer bug; the first one describes the run.
        header ??= record;
        break;
      case 'snapshot':
        snapshots++;
        first ??= record.iteration;
        last = record.iteration;
        lastMetrics = record.metrics;
        break;
      case 'event':
        if (record.kind === 'resumed') end = null;
        events.push(record.message === undefined ? { kind: record.kind, iteration: record.iteration } : { kind: record.kind, iteration: record.iteration, message: record.message });
        break;
      case 'end':
        end = record.message === undefined ? { reason: record.reason, iteration: record.iteration } : { reason: record.reason, iteration: record.iteration, message: record.message };
        break;
    }
  }

  const state: RunState = end ? end.reason : options.trainerAlive ? 'running' : 'interrupted';
  return {
    runId: header?.runId,
    formatVersion: header?.formatVersion,
    createdAt: header?.createdAt,
    config: header?.config,
    configPath: header?.configPath,
    trainer: header?.trainer,
    branchOf: header?.branchOf,
    snapshots,
    iterations: first !== undefined && last !== undefined ? { first, last } : null,
    lastMetrics,
    state,
    end,
    events,
    streamErrors: streamErrors.map(({ offset, message }) => ({ offset, message })),
  };
}
