/**
 * The events of a run's stream, gathered as it grows. It reads only when asked (the owner calls
 * `refresh` when it learns the stream changed), so it holds no watcher or timer of its own; the
 * tailer underneath deals with a file that is replaced, truncated or still being created.
 */
import * as path from 'node:path';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { StreamTailer } from '../stream/tailer';
import type { OffsetRecord } from '../stream/types';
import type { StreamEvent } from './interventions';

export class RunEventLog {
  private readonly tailer: StreamTailer;
  private readonly collected: StreamEvent[] = [];
  private changed = false;

  constructor(runDirectory: string, onProblem: (message: string) => void) {
    this.tailer = new StreamTailer(path.join(runDirectory, STREAM_FILE_NAME), {
      onRecords: (records) => this.take(records),
      onError: (error) => onProblem(`stream at byte ${error.offset}: ${error.message}`),
    });
  }

  /** Every event read so far, in stream order. */
  get events(): readonly StreamEvent[] {
    return this.collected;
  }

  /** Reads what the stream gained; true when the events changed since the last refresh. */
  async refresh(): Promise<boolean> {
    await this.tailer.poll();
    const changed = this.changed;
    this.changed = false;
    return changed;
  }

  dispose(): void {
    this.tailer.dispose();
  }

  private take(records: readonly OffsetRecord[]): void {
    for (const { offset, record } of records) {
      // A header after the first means the stream started over (the tailer re-reads a replaced file from the start).
      if (record.type === 'header' && this.collected.length > 0) {
        this.collected.length = 0;
        this.changed = true;
      }
      if (record.type !== 'event') continue;
      this.collected.push({ offset, record });
      this.changed = true;
    }
  }
}
