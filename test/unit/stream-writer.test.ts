import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { StreamRecord } from '../../src/protocol/stream';
import { encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-stream-writer-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
let fileCounter = 0;
const newPath = (): string => path.join(tempRoot, `case-${fileCounter++}`, 'runs', 'stream.gms');

const event = (iteration: number): StreamRecord => ({ type: 'event', kind: 'checkpoint', iteration, time: iteration });
const iterations = (filePath: string): number[] =>
  readStreamFile(filePath).records.map((entry) => (entry.record.type === 'header' ? -1 : entry.record.iteration));

test('create makes the parent folders and a file holding just the signature', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  assert.equal(writer.filePath, filePath);
  assert.equal(writer.droppedBytes, 0);
  writer.close();
  assert.deepEqual(fs.readFileSync(filePath), FILE_SIGNATURE);
});

test('write appends exactly one encoded frame and returns its size', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  const written = writer.write(event(1));
  writer.close();
  const expected = encodeRecord(event(1));
  assert.equal(written, expected.length);
  assert.deepEqual(fs.readFileSync(filePath), Buffer.concat([FILE_SIGNATURE, expected]));
});

test('create refuses to overwrite a non-empty file but accepts an empty one', () => {
  const filePath = newPath();
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, 'precious');
  assert.throws(() => StreamWriter.create(filePath), /already exists and is not empty/);
  assert.equal(fs.readFileSync(filePath, 'utf8'), 'precious');

  fs.writeFileSync(filePath, '');
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  writer.close();
  assert.deepEqual(iterations(filePath), [1]);
});

test('openForAppend truncates a partial trailing frame and appends after the last complete one', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  writer.write(event(2));
  writer.close();
  const partial = encodeRecord(event(3)).subarray(0, 21);
  fs.appendFileSync(filePath, partial);

  const resumed = StreamWriter.openForAppend(filePath);
  assert.equal(resumed.droppedBytes, partial.length);
  resumed.write(event(4));
  resumed.close();

  const result = readStreamFile(filePath);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(iterations(filePath), [1, 2, 4]);
});

test('openForAppend keeps a clean file intact and reports nothing dropped', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  writer.close();
  const resumed = StreamWriter.openForAppend(filePath);
  assert.equal(resumed.droppedBytes, 0);
  resumed.write(event(2));
  resumed.close();
  assert.deepEqual(iterations(filePath), [1, 2]);
});

test('openForAppend completes a signature cut short and refuses a file that is not a stream', () => {
  const filePath = newPath();
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, FILE_SIGNATURE.subarray(0, 3));
  const resumed = StreamWriter.openForAppend(filePath);
  assert.equal(resumed.droppedBytes, 3);
  resumed.write(event(7));
  resumed.close();
  assert.deepEqual(iterations(filePath), [7]);

  fs.writeFileSync(filePath, '{"not": "a stream"}');
  assert.throws(() => StreamWriter.openForAppend(filePath), /cannot append to .* is not a genmon snapshot stream/);
  assert.equal(fs.readFileSync(filePath, 'utf8'), '{"not": "a stream"}');
});

test('a closed writer refuses to write; close is idempotent', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.close();
  writer.close();
  assert.throws(() => writer.write(event(1)), /the writer is closed/);
});

test('an invalid record throws and leaves the file unchanged', () => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  assert.throws(() => writer.write({ type: 'event', kind: 'started', iteration: -1, time: 0 }), /"iteration"/);
  writer.write(event(2));
  writer.close();
  assert.deepEqual(iterations(filePath), [1, 2]);
});
