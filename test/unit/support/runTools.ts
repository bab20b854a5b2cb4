/**
 * What the trainer-run tests share: the `genmon` CLI run in-process, a run's records read back
 * (a damaged stream fails the test), and exact equality of two checkpoints' training state.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { readStreamFile } from '../../../src/core/stream/reader';
import { STREAM_FILE_NAME, type StreamRecord } from '../../../src/protocol/stream';
import type { Checkpoint } from '../../../src/trainer/checkpoint/checkpointStore';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function cli(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every record of the run's stream; the stream must read without errors and with no torn tail. */
export function records(runDir: string): StreamRecord[] {
  const result = readStreamFile(join(runDir, STREAM_FILE_NAME));
  assert.deepEqual(result.errors, []);
  assert.equal(result.pendingBytes, 0);
  return result.records.map((entry) => entry.record);
}

function bytesOf(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** Same iteration, same arrays bit for bit, same values (RNG, sampler position, settings). */
export function assertSameTrainingState(actual: Checkpoint, expected: Checkpoint): void {
  assert.equal(actual.iteration, expected.iteration);
  assert.deepEqual(Object.keys(actual.state.arrays).sort(), Object.keys(expected.state.arrays).sort());
  for (const [name, array] of Object.entries(expected.state.arrays)) {
    const other = actual.state.arrays[name];
    assert.ok(other, name);
    assert.deepEqual(other.shape, array.shape, name);
    assert.ok(bytesOf(other.data).equals(bytesOf(array.data)), `array ${name} differs`);
  }
  assert.deepEqual(actual.state.values, expected.state.values);
}
