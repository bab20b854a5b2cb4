import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readSnapshotAt } from '../../src/core/monitor/readSnapshotAt';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import type { SnapshotRecord } from '../../src/protocol/stream';

function snapshot(iteration: number): SnapshotRecord {
  const values = Float32Array.from({ length: 6 }, (_, i) => iteration + i);
  return { type: 'snapshot', iteration, time: 1, metrics: { lossD: iteration }, arrays: { realFeatures: { dtype: 'float32', shape: [2, 3], data: values } } };
}

test('a snapshot is read back from its offset alone; anything else there is a clear error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'genmon-read-at-'));
  try {
    const file = path.join(dir, 'stream.gms');
    const writer = StreamWriter.create(file);
    writer.write({ type: 'event', kind: 'started', iteration: 0, time: 0 });
    writer.write(snapshot(100));
    writer.write(snapshot(200));
    writer.close();
    const offsets = readStreamFile(file).records.map((entry) => entry.offset);
    const second = await readSnapshotAt(file, offsets[2] as number);
    assert.equal(second.iteration, 200);
    assert.deepEqual(Array.from(second.arrays['realFeatures']?.data ?? []), [200, 201, 202, 203, 204, 205]);
    await assert.rejects(readSnapshotAt(file, offsets[0] as number), /no snapshot at byte \d+ .*a event record/);
    await assert.rejects(readSnapshotAt(file, (offsets[1] as number) + 1), /no snapshot at byte/);
    truncateSync(file, (offsets[2] as number) + 20);
    await assert.rejects(readSnapshotAt(file, offsets[2] as number), /incomplete frame/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
