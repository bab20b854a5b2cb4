/**
 * The comparable part of every analysed snapshot (comparableSnapshot.ts), read from metrics.jsonl
 * incrementally: each refresh reads only the bytes appended since the last, so following a long
 * run costs the new lines, not the whole file again. Entries a resumed run went back before are
 * dropped as MetricsLog.read drops them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonLines } from '../run/jsonLines';
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import { comparableSnapshot, type ComparableSnapshot } from './comparableSnapshot';
import { METRICS_LOG_FILE } from './metricsLog';

const READ_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

export class MetricsHistory {
  readonly path: string;
  private offset = 0;
  private linesRead = 0;
  private identity: string | undefined;
  private readonly kept: ComparableSnapshot[] = [];

  constructor(runDirectory: string) {
    this.path = path.join(runDirectory, METRICS_LOG_FILE);
  }

  /** Analysed snapshots in iteration order. */
  get snapshots(): readonly ComparableSnapshot[] {
    return this.kept;
  }

  /** Reads the lines appended since the last call; returns problems for people (malformed lines). */
  async refresh(): Promise<{ readonly changed: boolean; readonly problems: readonly string[] }> {
    let file: fs.promises.FileHandle;
    try {
      file = await fs.promises.open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { changed: this.startOver(), problems: [] };
      throw error;
    }
    try {
      const stats = await file.stat();
      const identity = `${stats.dev}:${stats.ino}`;
      let changed = false;
      if (identity !== this.identity || stats.size < this.offset) changed = this.startOver();
      this.identity = identity;
      const problems: string[] = [];
      let length = READ_BYTES;
      while (this.offset < stats.size) {
        const buffer = Buffer.alloc(Math.min(length, stats.size - this.offset));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, this.offset);
        const end = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
        if (end < 0) {
          // A line being written: wait for its end. A line longer than one read: read more at once.
          if (this.offset + bytesRead >= stats.size || bytesRead < buffer.length) break;
          length *= 2;
          continue;
        }
        length = READ_BYTES;
        this.offset += end + 1;
        if (this.take(buffer.toString('utf8', 0, end + 1), problems)) changed = true;
      }
      return { changed, problems };
    } finally {
      await file.close().catch(() => undefined);
    }
  }

  private take(text: string, problems: string[]): boolean {
    const contents = parseJsonLines(text);
    const first = this.linesRead;
    this.linesRead += text.split('\n').length - 1;
    for (const problem of contents.problems) problems.push(`${METRICS_LOG_FILE} ${renumber(problem, first)}`);
    let changed = false;
    for (const { line, value } of contents.lines) {
      const metrics = metricsOf(value);
      if (!metrics) {
        problems.push(`${METRICS_LOG_FILE} line ${first + line}: not a metrics record, skipped`);
        continue;
      }
      while (this.kept.length > 0 && (this.kept[this.kept.length - 1] as ComparableSnapshot).iteration >= metrics.iteration) this.kept.pop();
      this.kept.push(comparableSnapshot(metrics));
      changed = true;
    }
    return changed;
  }

  private startOver(): boolean {
    const had = this.kept.length > 0;
    this.offset = 0;
    this.linesRead = 0;
    this.identity = undefined;
    this.kept.length = 0;
    return had;
  }
}

function metricsOf(value: unknown): SnapshotMetrics | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as { type?: unknown; metrics?: unknown };
  const metrics = entry.metrics as { iteration?: unknown } | null | undefined;
  if (entry.type !== 'metrics' || typeof metrics !== 'object' || metrics === null) return undefined;
  return typeof metrics.iteration === 'number' && Number.isFinite(metrics.iteration) ? (metrics as SnapshotMetrics) : undefined;
}

/** parseJsonLines numbers the lines of the text it was given; this text starts after `first` lines. */
function renumber(problem: string, first: number): string {
  return problem.replace(/^line (\d+)/, (_, line: string) => `line ${first + Number(line)}`);
}
