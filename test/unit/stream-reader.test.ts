import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { StreamRecord } from '../../src/protocol/stream';
import { encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import { readStreamFile } from '../../src/core/stream/reader';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-stream-reader-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
let fileCounter = 0;
const newPath = (): string => path.join(tempRoot, `stream-${fileCounter++}.gms`);

const event = (iteration: number): StreamRecord => ({ type: 'event', kind: 'checkpoint', iteration, time: 1000 + iteration });
const snapshot = (iteration: number): StreamRecord => ({
  type: 'snapshot',
  iteration,
  time: 2000 + iteration,
  metrics: { lossD: iteration / 10 },
  arrays: { generated: { dtype: 'float32', shape: [8, 2], data: new Float32Array(16).fill(iteration) } },
});
const iterations = (result: ReturnType<typeof readStreamFile>): number[] =>
  result.records.map((entry) => (entry.record.type === 'header' ? -1 : entry.record.iteration));

/** Writes signature + frames and returns each frame's file offset. */
function writeFrames(filePath: string, frames: readonly Buffer[]): number[] {
  fs.writeFileSync(filePath, Buffer.concat([FILE_SIGNATURE, ...frames]));
  let offset = FILE_SIGNATURE.length;
  return frames.map((frame) => {
    const start = offset;
    offset += frame.length;
    return start;
  });
}

test('a partial frame at the end is pending, not an error, and is read once complete', () => {
  const filePath = newPath();
  const first = encodeRecord(snapshot(1));
  const second = encodeRecord(snapshot(2));
  const half = Math.floor(second.length / 2);
  writeFrames(filePath, [first, second.subarray(0, half)]);

  const partial = readStreamFile(filePath);
  assert.deepEqual(partial.errors, []);
  assert.deepEqual(iterations(partial), [1]);
  assert.equal(partial.nextOffset, FILE_SIGNATURE.length + first.length);
  assert.equal(partial.pendingBytes, half);

  fs.appendFileSync(filePath, second.subarray(half));
  const resumed = readStreamFile(filePath, partial.nextOffset);
  assert.deepEqual(resumed.errors, []);
  assert.deepEqual(iterations(resumed), [2]);
  assert.equal(resumed.records[0]?.offset, partial.nextOffset);
  assert.equal(resumed.nextOffset, FILE_SIGNATURE.length + first.length + second.length);
  assert.equal(resumed.pendingBytes, 0);
});

test('a frame cut inside its 16-byte header, even inside the magic, is pending', () => {
  const filePath = newPath();
  const frame = encodeRecord(event(1));
  for (const cut of [1, 3, 4, 10, 15, 16, 17]) {
    writeFrames(filePath, [frame.subarray(0, cut)]);
    const result = readStreamFile(filePath);
    assert.deepEqual(result.errors, [], `cut at ${cut}`);
    assert.equal(result.records.length, 0);
    assert.equal(result.nextOffset, FILE_SIGNATURE.length);
    assert.equal(result.pendingBytes, cut);
  }
});

test('a corrupt payload byte costs exactly that record: one error, the records after it are read', () => {
  const filePath = newPath();
  const frames = [snapshot(1), snapshot(2), snapshot(3), event(4)].map(encodeRecord);
  const offsets = writeFrames(filePath, frames);
  const bytes = fs.readFileSync(filePath);
  bytes[offsets[1]! + 16 + 40]! ^= 0xff;
  fs.writeFileSync(filePath, bytes);

  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]?.offset, offsets[1]);
  assert.match(result.errors[0]!.message, /payload checksum mismatch/);
  assert.deepEqual(iterations(result), [1, 3, 4]);
  assert.equal(result.nextOffset, bytes.length);
});

test('a corrupted length field is detected by the header checksum and the reader resynchronises', () => {
  const filePath = newPath();
  const frames = [snapshot(1), snapshot(2), snapshot(3)].map(encodeRecord);
  const offsets = writeFrames(filePath, frames);
  const bytes = fs.readFileSync(filePath);
  // A huge length would otherwise make the frame look incomplete forever.
  bytes.writeUInt32LE(0x0fffffff, offsets[1]! + 4);
  fs.writeFileSync(filePath, bytes);

  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]?.offset, offsets[1]);
  assert.match(result.errors[0]!.message, /header checksum mismatch/);
  assert.deepEqual(iterations(result), [1, 3]);
  assert.equal(result.records[1]?.offset, offsets[2]);
  assert.equal(result.pendingBytes, 0);
});

test('garbage between frames is one error, and the frames around it are read', () => {
  const filePath = newPath();
  const garbage = Buffer.from('this is not a frame, GMRC appears but is no header; more junk');
  writeFrames(filePath, [encodeRecord(event(1)), garbage, encodeRecord(event(2))]);
  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0]!.message, /no frame starts here/);
  assert.deepEqual(iterations(result), [1, 2]);
});

test('garbage at the end is consumed after one error, so resuming does not report it again', () => {
  const filePath = newPath();
  writeFrames(filePath, [encodeRecord(event(1)), Buffer.alloc(37, 0x55)]);
  const first = readStreamFile(filePath);
  assert.equal(first.errors.length, 1);
  assert.equal(first.nextOffset, fs.statSync(filePath).size);
  const again = readStreamFile(filePath, first.nextOffset);
  assert.deepEqual(again.errors, []);
  assert.deepEqual(again.records, []);
});

test('a file that is not a stream is rejected with a clear error', () => {
  const filePath = newPath();
  fs.writeFileSync(filePath, 'model:\n  type: gan\n');
  assert.throws(() => readStreamFile(filePath), /is not a genmon snapshot stream/);
  fs.writeFileSync(filePath, Buffer.from([0x89, 0x47, 0x00]));
  assert.throws(() => readStreamFile(filePath), /is not a genmon snapshot stream/);
});

test('an empty file or a partial signature is a stream being created, not an error', () => {
  const filePath = newPath();
  fs.writeFileSync(filePath, '');
  assert.deepEqual(readStreamFile(filePath), { records: [], errors: [], nextOffset: 0, pendingBytes: 0 });
  fs.writeFileSync(filePath, FILE_SIGNATURE.subarray(0, 5));
  assert.deepEqual(readStreamFile(filePath), { records: [], errors: [], nextOffset: 0, pendingBytes: 5 });
  fs.writeFileSync(filePath, FILE_SIGNATURE);
  assert.deepEqual(readStreamFile(filePath), { records: [], errors: [], nextOffset: FILE_SIGNATURE.length, pendingBytes: 0 });
});

test('reading resumes from a given offset without re-reading earlier records', () => {
  const filePath = newPath();
  const offsets = writeFrames(filePath, [1, 2, 3, 4].map((i) => encodeRecord(event(i))));
  const result = readStreamFile(filePath, offsets[2]);
  assert.deepEqual(iterations(result), [3, 4]);
  assert.equal(result.records[0]?.offset, offsets[2]);
});

test('impossible offsets are rejected with a clear error', () => {
  const filePath = newPath();
  writeFrames(filePath, [encodeRecord(event(1))]);
  const size = fs.statSync(filePath).size;
  assert.throws(() => readStreamFile(filePath, size + 1), /has only \d+ bytes \(was it truncated\?\)/);
  assert.throws(() => readStreamFile(filePath, 3), /invalid stream offset 3/);
  assert.throws(() => readStreamFile(filePath, -8), /invalid stream offset -8/);
});

test('records larger than the read chunk size are read whole', () => {
  const filePath = newPath();
  const big: StreamRecord = {
    type: 'snapshot',
    iteration: 9,
    time: 9,
    metrics: {},
    arrays: { generated: { dtype: 'float32', shape: [300_000, 2], data: Float32Array.from({ length: 600_000 }, (_, i) => i) } },
  };
  writeFrames(filePath, [encodeRecord(event(1)), encodeRecord(big), encodeRecord(event(2))]);
  const result = readStreamFile(filePath);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(iterations(result), [1, 9, 2]);
  const decoded = result.records[1]?.record;
  assert.ok(decoded?.type === 'snapshot');
  assert.equal(decoded.arrays['generated']?.data[599_999], 599_999);
});
