/**
 * `metrics.jsonl` in the run directory: one line per analysed snapshot with its metrics
 * (docs/metrics.md) and the byte offset of the snapshot in the stream. The offset, not the
 * iteration, says which snapshots are done: a resumed run writes some iterations twice, and only
 * the offset tells the two apart.
 */
import * as path from 'node:path';
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import type { PlayerMetrics } from './playerMetrics';
import { appendJsonLines, readJsonLines } from '../run/jsonLines';

export const METRICS_LOG_FILE = 'metrics.jsonl';

export interface MetricsLogEntry {
  readonly type: 'metrics';
  /** Byte offset of the snapshot's frame in stream.gms. */
  readonly offset: number;
  readonly metrics: SnapshotMetrics;
  /** Inputs the snapshot lacked, so some families were not computed. */
  readonly missing: readonly string[];
  /** Multi-player runs: `players[i]` holds player i's metrics (docs/metrics.md). */
  readonly players?: readonly PlayerMetrics[];
}

export interface MetricsLogContents {
  /** The run's current history: when a resumed run went back, entries of the abandoned future are dropped. */
  readonly entries: readonly MetricsLogEntry[];
  /** Offset of the last snapshot analysed (of any entry, kept or dropped), or -1. */
  readonly lastOffset: number;
  readonly problems: readonly string[];
}

function isEntry(value: unknown): value is MetricsLogEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const metrics = entry.metrics as Record<string, unknown> | null | undefined;
  return entry.type === 'metrics' && Number.isSafeInteger(entry.offset) && typeof metrics === 'object' && metrics !== null && typeof metrics.iteration === 'number' && Array.isArray(entry.missing);
}

export class MetricsLog {
  readonly path: string;

  constructor(runDirectory: string) {
    this.path = path.join(runDirectory, METRICS_LOG_FILE);
  }

  append(entry: Omit<MetricsLogEntry, 'type'>): void {
    appendJsonLines(this.path, [{ type: 'metrics', ...entry }]);
  }

  read(): MetricsLogContents {
    const contents = readJsonLines(this.path);
    const problems = [...contents.problems];
    const entries: MetricsLogEntry[] = [];
    let lastOffset = -1;
    for (const { line, value } of contents.lines) {
      if (!isEntry(value)) {
        problems.push(`line ${line}: not a metrics record, skipped`);
        continue;
      }
      lastOffset = Math.max(lastOffset, value.offset);
      const iteration = value.metrics.iteration;
      while (entries.length > 0 && (entries[entries.length - 1] as MetricsLogEntry).metrics.iteration >= iteration) entries.pop();
      entries.push(value);
    }
    return { entries, lastOffset, problems };
  }
}
