/**
 * What a user waits for: the time from a record being in the stream file (the trainer's write
 * returned) to a StreamTailer with its default settings handing it to onRecords. The tailer
 * watches the folder and polls every 500 ms as a fallback, so this is the watch path's latency
 * when watching works, and up to a poll interval when it does not.
 */
import * as path from 'node:path';
import type { SnapshotRecord } from '../../src/protocol/stream';
import { StreamTailer } from '../../src/core/stream/tailer';
import { StreamWriter } from '../../src/core/stream/writer';
import type { Clock } from '../timing';

export interface TailLatencyOptions {
  readonly dir: string;
  readonly records: readonly SnapshotRecord[];
  readonly clock: Clock;
  /** Pause between writes, so each record is seen on its own and not batched with the next. */
  readonly gapMs: number;
  /** A record not delivered within this is a failure, not a slow sample. */
  readonly timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One latency in milliseconds per record written. */
export async function measureTailLatency(options: TailLatencyOptions): Promise<number[]> {
  const filePath = path.join(options.dir, 'tail.gms');
  const writer = StreamWriter.create(filePath);
  let delivered: ((at: number) => void) | undefined;
  let streamProblem: string | undefined;
  const tailer = new StreamTailer(filePath, {
    onRecords: () => delivered?.(options.clock()),
    onError: (error) => {
      streamProblem = error.message;
    },
  });
  try {
    tailer.start();
    await sleep(options.gapMs);
    const latencies: number[] = [];
    for (const record of options.records) {
      const arrival = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the tailer did not deliver record ${record.iteration} within ${options.timeoutMs} ms`)), options.timeoutMs);
        delivered = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
      writer.write(record);
      const written = options.clock();
      latencies.push((await arrival) - written);
      delivered = undefined;
      if (streamProblem !== undefined) throw new Error(`the tailer reported: ${streamProblem}`);
      await sleep(options.gapMs);
    }
    return latencies;
  } finally {
    tailer.dispose();
    writer.close();
  }
}
