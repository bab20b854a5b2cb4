/**
 * The snapshot stream: how fast the trainer can encode and append snapshots, how fast a reader
 * decodes a whole run, and how long a written snapshot takes to reach a tailing monitor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import type { SnapshotRecord } from '../../src/protocol/stream';
import { LARGE_SNAPSHOT, largeSnapshot } from '../support/largeSnapshot';
import { measureTailLatency } from '../support/tailLatency';
import { withTempDir } from '../support/tempDir';
import { measure, median, perSecond } from '../timing';
import type { BenchContext, BenchGroup, BenchResult } from '../types';

const MEGABYTE = 1e6;

interface StreamWorkload {
  readonly recordsPerFile: number;
  readonly repeats: number;
  readonly tailSamples: number;
}

function workload(quick: boolean): StreamWorkload {
  return quick ? { recordsPerFile: 8, repeats: 3, tailSamples: 8 } : { recordsPerFile: 20, repeats: 5, tailSamples: 25 };
}

/** Writes every record to a new stream file; returns the bytes written. */
function writeStream(filePath: string, records: readonly SnapshotRecord[]): number {
  fs.rmSync(filePath, { force: true });
  const writer = StreamWriter.create(filePath);
  try {
    return records.reduce((bytes, record) => bytes + writer.write(record), 0);
  } finally {
    writer.close();
  }
}

async function run(context: BenchContext): Promise<BenchResult[]> {
  const { recordsPerFile, repeats, tailSamples } = workload(context.quick);
  const shape = `${LARGE_SNAPSHOT.rows}×${LARGE_SNAPSHOT.dims} real + generated`;
  // A few distinct records, reused: building thousands of normals per record is not what is timed.
  const records = Array.from({ length: recordsPerFile }, (_, index) => largeSnapshot(index % 4));
  return withTempDir(async (dir) => {
    const filePath = path.join(dir, 'stream.gms');
    let bytesPerFile = 0;
    context.log(`writing ${recordsPerFile} snapshots of ${shape}, ${repeats} times`);
    const write = await measure(
      () => {
        bytesPerFile = writeStream(filePath, records);
      },
      { repeats, clock: context.clock },
    );

    context.log(`reading the ${(bytesPerFile / MEGABYTE).toFixed(1)} MB stream back, ${repeats} times`);
    const read = await measure(
      () => {
        const result = readStreamFile(filePath);
        // A reader that skipped frames would look fast; only a complete, clean read counts.
        if (result.records.length !== recordsPerFile || result.errors.length > 0) {
          throw new Error(`read ${result.records.length} of ${recordsPerFile} records with ${result.errors.length} errors`);
        }
      },
      { repeats, clock: context.clock },
    );

    context.log(`tail latency over ${tailSamples} snapshots`);
    const latencies = await measureTailLatency({
      dir,
      records: Array.from({ length: tailSamples }, (_, index) => records[index % records.length] as SnapshotRecord),
      clock: context.clock,
      gapMs: 60,
      timeoutMs: 5000,
    });

    const megabytes = bytesPerFile / MEGABYTE;
    const fileNote = `median of ${repeats} × ${recordsPerFile} records (${(megabytes / recordsPerFile).toFixed(2)} MB each)`;
    return [
      { name: 'stream.write_mb_s', unit: 'MB/s', value: perSecond(megabytes, write.medianMs), note: `encode + append, ${fileNote}` },
      { name: 'stream.read_mb_s', unit: 'MB/s', value: perSecond(megabytes, read.medianMs), note: `readStreamFile decode, ${fileNote}` },
      {
        name: 'stream.tail_latency_ms',
        unit: 'ms',
        value: median(latencies),
        note: `write → onRecords, median of ${latencies.length}, max ${Math.max(...latencies).toFixed(1)} ms`,
      },
    ];
  });
}

export const streamGroup: BenchGroup = {
  name: 'stream',
  description: 'snapshot stream write, read and tail latency',
  run,
};
