import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { HeaderRecord, SnapshotRecord, StreamRecord } from '../../src/protocol/stream';
import { encodeFrame, encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-stream-roundtrip-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
let fileCounter = 0;
const newStreamPath = (): string => path.join(tempRoot, `run-${fileCounter++}`, 'stream.gms');

const header: HeaderRecord = {
  type: 'header',
  formatVersion: 1,
  runId: 'run-20240501-abc',
  createdAt: '2024-05-01T12:00:00.000Z',
  config: { model: { type: 'gan', latentDim: 2 }, nested: [1, 'two', null, { deep: true }] },
  configSource: 'model:\n  type: gan # ünïcødé\n',
  configPath: '/home/me/ring.genmon.yaml',
  trainer: { name: 'genmon-trainer', version: '0.1.0', backend: 'wasm', backendReason: 'auto: @tensorflow/tfjs-node not found' },
};

// Values chosen to expose any decimal/JSON round trip: they only survive as raw float32 bits.
const awkwardFloats = new Float32Array([0.1, -0, 1e-45, 3.4028234663852886e38, Number.NaN, Number.POSITIVE_INFINITY, -1.5, Math.PI]);

const snapshot: SnapshotRecord = {
  type: 'snapshot',
  iteration: 1200,
  time: 1714564800123,
  metrics: { lossD: 0.6931, lossG: 1.25, stepsPerSecond: 88.5 },
  arrays: {
    real: { dtype: 'float32', shape: [4, 2], data: awkwardFloats },
    generated: { dtype: 'float32', shape: [3, 2], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
    lossD: { dtype: 'float32', shape: [3], data: new Float32Array([0.7, 0.69, 0.68]) },
    labels: { dtype: 'int32', shape: [3], data: new Int32Array([-2147483648, 0, 2147483647]) },
    pixels: { dtype: 'uint8', shape: [1, 5], data: new Uint8Array([0, 1, 127, 128, 255]) },
    empty: { dtype: 'float32', shape: [0, 2], data: new Float32Array(0) },
    scalar: { dtype: 'float32', shape: [], data: new Float32Array([42]) },
  },
};

const records: StreamRecord[] = [
  header,
  { type: 'event', kind: 'started', iteration: 0, time: 1714564800000 },
  snapshot,
  { type: 'event', kind: 'warning', iteration: 1201, time: 1714564800200, message: 'loss is rising' },
  { type: 'end', reason: 'completed', iteration: 2000, time: 1714564900000, message: 'done' },
  { type: 'end', reason: 'error', iteration: 5, time: 1 },
];

function writeStream(filePath: string, frames: readonly Buffer[]): void {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, Buffer.concat([FILE_SIGNATURE, ...frames]));
}

test('every record type survives a write and a read unchanged, with offsets at frame starts', () => {
  const filePath = newStreamPath();
  const writer = StreamWriter.create(filePath);
  const sizes = records.map((record) => writer.write(record));
  writer.close();

  const result = readStreamFile(filePath);
  assert.deepEqual(result.errors, []);
  assert.equal(result.pendingBytes, 0);
  assert.equal(result.nextOffset, fs.statSync(filePath).size);
  assert.deepEqual(
    result.records.map((entry) => entry.record),
    records,
  );
  let expectedOffset = FILE_SIGNATURE.length;
  result.records.forEach((entry, index) => {
    assert.equal(entry.offset, expectedOffset);
    assert.equal(entry.offset % 4, 0, 'frames start aligned');
    expectedOffset += sizes[index]!;
  });
});

test('float32 arrays keep their exact bits, shape and dtype, in fresh aligned buffers', () => {
  const filePath = newStreamPath();
  const writer = StreamWriter.create(filePath);
  writer.write(snapshot);
  writer.close();

  const decoded = readStreamFile(filePath).records[0]?.record;
  assert.ok(decoded?.type === 'snapshot');
  const real = decoded.arrays['real'];
  assert.ok(real && real.data instanceof Float32Array);
  assert.deepEqual(real.shape, [4, 2]);
  assert.equal(real.dtype, 'float32');
  assert.deepEqual(new Uint8Array(real.data.buffer), new Uint8Array(awkwardFloats.buffer));
  assert.ok(Object.is(real.data[1], -0));
  // Its own buffer: not a view on a larger read chunk, which would keep that chunk alive and risk misalignment.
  assert.equal(real.data.byteOffset, 0);
  assert.equal(real.data.buffer.byteLength, real.data.byteLength);
  assert.ok(decoded.arrays['labels']?.data instanceof Int32Array);
  assert.ok(decoded.arrays['pixels']?.data instanceof Uint8Array);
  assert.deepEqual(decoded.arrays['scalar']?.shape, []);
});

test('non-finite metrics round trip although JSON cannot express them', () => {
  const filePath = newStreamPath();
  const writer = StreamWriter.create(filePath);
  writer.write({ type: 'snapshot', iteration: 3, time: 5, metrics: { lossD: Number.NaN, lossG: Number.POSITIVE_INFINITY, x: -Infinity }, arrays: {} });
  writer.close();
  const decoded = readStreamFile(filePath).records[0]?.record;
  assert.ok(decoded?.type === 'snapshot');
  assert.ok(Number.isNaN(decoded.metrics['lossD']));
  assert.equal(decoded.metrics['lossG'], Number.POSITIVE_INFINITY);
  assert.equal(decoded.metrics['x'], Number.NEGATIVE_INFINITY);
});

test('arrays are binary little-endian float32 in the payload, not JSON numbers', () => {
  const frame = encodeRecord({ type: 'snapshot', iteration: 0, time: 0, metrics: {}, arrays: { v: { dtype: 'float32', shape: [2], data: new Float32Array([0.1, 2]) } } });
  const metaLength = frame.readUInt32LE(16);
  const meta = JSON.parse(frame.toString('utf8', 20, 20 + metaLength)) as { arrays: { offset: number; byteLength: number }[] };
  assert.deepEqual(meta.arrays, [{ name: 'v', dtype: 'float32', shape: [2], offset: 0, byteLength: 8 }]);
  assert.ok(!frame.toString('latin1').includes('0.1'));
  const binaryStart = 16 + Math.ceil((4 + metaLength) / 4) * 4;
  assert.equal(frame.readFloatLE(binaryStart), Math.fround(0.1));
  assert.equal(frame.readFloatLE(binaryStart + 4), 2);
  assert.equal(frame.length % 4, 0);
});

test('encodeRecord refuses records a reader would reject, with a message naming the problem', () => {
  const bad: [StreamRecord, RegExp][] = [
    [{ ...snapshot, arrays: { a: { dtype: 'float32', shape: [2, 2], data: new Float32Array(3) } } }, /array "a" has shape \[2, 2\] \(4 elements\) but 3/],
    [{ ...snapshot, arrays: { a: { dtype: 'float32', shape: [2], data: new Int32Array(2) } } }, /array "a" is declared float32 but its data is a Int32Array/],
    [{ ...snapshot, arrays: { a: { dtype: 'float32', shape: [-1], data: new Float32Array(0) } } }, /shape that is not a list of non-negative integers/],
    [{ ...snapshot, time: Number.NaN }, /"time" is missing or not a finite number/],
    [{ ...snapshot, iteration: 1.5 }, /"iteration" is missing or not an integer/],
    [{ ...header, formatVersion: 2 }, /formatVersion 2/],
    [{ ...header, runId: '' }, /"runId" is empty/],
    [{ type: 'event', kind: 'exploded' as 'error', iteration: 0, time: 0 }, /unknown event kind "exploded"/],
    [{ ...header, config: { big: BigInt(1) } }, /not JSON-serialisable/],
  ];
  for (const [record, message] of bad) {
    assert.throws(() => encodeRecord(record), message);
  }
});

test('unknown record types, fields, event kinds and dtypes are ignored without errors (forward compatibility)', () => {
  const filePath = newStreamPath();
  const extraBytes = Buffer.from(new Float32Array([7, 8]).buffer);
  writeStream(filePath, [
    encodeRecord(header),
    encodeFrame(JSON.stringify({ type: 'histogram', iteration: 1, bins: [1, 2, 3] })),
    encodeFrame(JSON.stringify({ type: 'event', kind: 'teleported', iteration: 1, time: 2 })),
    encodeFrame(
      JSON.stringify({
        type: 'snapshot',
        iteration: 2,
        time: 3,
        futureField: { anything: true },
        metrics: { lossD: 1 },
        arrays: [
          { name: 'half', dtype: 'float16', shape: [2], offset: 0, byteLength: 4 },
          { name: 'kept', dtype: 'float32', shape: [2], offset: 0, byteLength: 8, compression: 'none' },
        ],
      }),
      [{ offset: 0, bytes: extraBytes }],
    ),
  ]);

  const result = readStreamFile(filePath);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.records.map((entry) => entry.record.type),
    ['header', 'snapshot'],
  );
  const decoded = result.records[1]?.record;
  assert.ok(decoded?.type === 'snapshot');
  assert.deepEqual(Object.keys(decoded.arrays), ['kept']);
  assert.deepEqual([...decoded.arrays['kept']!.data], [7, 8]);
  assert.ok(!('futureField' in decoded));
});

test('a header from a newer format version is reported as an error; later records are still read', () => {
  const filePath = newStreamPath();
  writeStream(filePath, [
    encodeFrame(JSON.stringify({ ...header, formatVersion: 2 })),
    encodeRecord({ type: 'event', kind: 'started', iteration: 0, time: 1 }),
  ]);
  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0]?.offset, FILE_SIGNATURE.length);
  assert.match(result.errors[0]!.message, /formatVersion 2.*only up to version 1/);
  assert.deepEqual(
    result.records.map((entry) => entry.record.type),
    ['event'],
  );
});

test('a frame with valid checksums but invalid meta is reported and skipped', () => {
  const filePath = newStreamPath();
  writeStream(filePath, [
    encodeFrame('{"type": "snapshot", "iteration": '),
    encodeFrame(JSON.stringify({ type: 'snapshot', iteration: 1, time: 1, arrays: [{ name: 'a', dtype: 'float32', shape: [4], offset: 0, byteLength: 16 }] })),
    encodeFrame(JSON.stringify({ type: 'end', reason: 'stopped', iteration: 1, time: 'yesterday' })),
    encodeRecord({ type: 'end', reason: 'stopped', iteration: 1, time: 2 }),
  ]);
  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 3);
  assert.match(result.errors[0]!.message, /meta is not valid UTF-8 JSON/);
  assert.match(result.errors[1]!.message, /array "a" ends at byte 16 of a 0-byte binary section/);
  assert.match(result.errors[2]!.message, /"time" is missing or not a finite number/);
  assert.deepEqual(
    result.records.map((entry) => entry.record),
    [{ type: 'end', reason: 'stopped', iteration: 1, time: 2 }],
  );
});
