import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { StreamRecord } from '../../src/protocol/stream';
import { encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import type { OffsetRecord, StreamError } from '../../src/core/stream/reader';
import { StreamTailer, type StreamTailerOptions } from '../../src/core/stream/tailer';
import { StreamWriter } from '../../src/core/stream/writer';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-stream-tailer-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
let caseCounter = 0;
const newPath = (): string => path.join(tempRoot, `case-${caseCounter++}`, 'stream.gms');

const event = (iteration: number): StreamRecord => ({ type: 'event', kind: 'checkpoint', iteration, time: iteration });
const header: StreamRecord = {
  type: 'header',
  formatVersion: 1,
  runId: 'tail-run',
  createdAt: '2024-05-01T00:00:00.000Z',
  config: {},
  trainer: { name: 'test', version: '0', backend: 'cpu' },
};

/** Collects what a tailer delivers; disposes every tailer it made when the test ends. */
class Collector {
  readonly records: OffsetRecord[] = [];
  readonly errors: StreamError[] = [];
  deliveries = 0;
  private readonly tailers: StreamTailer[] = [];

  tailer(filePath: string, options: Partial<StreamTailerOptions> = {}): StreamTailer {
    const tailer = new StreamTailer(filePath, {
      pollIntervalMs: 25,
      ...options,
      onRecords: (records) => {
        this.deliveries++;
        this.records.push(...records);
      },
      onError: (error) => this.errors.push(error),
    });
    this.tailers.push(tailer);
    return tailer;
  }

  iterations(): number[] {
    return this.records.map((entry) => (entry.record.type === 'header' ? -1 : entry.record.iteration));
  }

  disposeAll(): void {
    for (const tailer of this.tailers) tailer.dispose();
  }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('follows a stream that is created after the tailer starts, in a folder that does not exist yet', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const tailer = collector.tailer(filePath);
  tailer.start();
  await sleep(60);
  assert.equal(collector.records.length, 0);

  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  writer.write(header);
  await waitFor(() => collector.records.length === 1, 'the header');
  assert.equal(collector.records[0]?.offset, FILE_SIGNATURE.length);

  for (let i = 1; i <= 5; i++) writer.write(event(i));
  await waitFor(() => collector.records.length === 6, 'five events');
  assert.deepEqual(collector.iterations(), [-1, 1, 2, 3, 4, 5]);
  assert.equal(tailer.offset, fs.statSync(filePath).size);
  assert.deepEqual(collector.errors, []);
});

test('file watching delivers appended records without waiting for the polling timer', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  writer.write(header);
  const tailer = collector.tailer(filePath, { pollIntervalMs: 3_600_000 });
  tailer.start();
  await waitFor(() => collector.records.length === 1, 'the initial read');
  writer.write(event(1));
  await waitFor(() => collector.records.length === 2, 'a watch-triggered read');
  assert.deepEqual(collector.iterations(), [-1, 1]);
});

test('a frame written in two halves is delivered once complete, with the right offsets', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const first = encodeRecord(event(1));
  const second = encodeRecord(event(2));
  fs.writeFileSync(filePath, Buffer.concat([FILE_SIGNATURE, first, second.subarray(0, 20)]));
  const tailer = collector.tailer(filePath);

  await tailer.poll();
  assert.deepEqual(collector.iterations(), [1]);
  assert.equal(tailer.offset, FILE_SIGNATURE.length + first.length);
  assert.equal(tailer.pendingBytes, 20);
  await tailer.poll();
  assert.equal(collector.records.length, 1);

  fs.appendFileSync(filePath, second.subarray(20));
  await tailer.poll();
  assert.deepEqual(collector.iterations(), [1, 2]);
  assert.equal(collector.records[1]?.offset, FILE_SIGNATURE.length + first.length);
  assert.equal(tailer.offset, FILE_SIGNATURE.length + first.length + second.length);
  assert.equal(tailer.pendingBytes, 0);
  assert.deepEqual(collector.errors, []);
});

test('resumes from an offset without delivering earlier records', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(header);
  writer.write(event(1));
  const resumeAt = fs.statSync(filePath).size;
  writer.write(event(2));
  writer.write(event(3));
  writer.close();

  const tailer = collector.tailer(filePath, { fromOffset: resumeAt });
  await tailer.poll();
  assert.deepEqual(collector.iterations(), [2, 3]);
  assert.equal(collector.records[0]?.offset, resumeAt);
  assert.throws(() => collector.tailer(filePath, { fromOffset: 4 }), /invalid stream offset 4/);
});

test('dispose stops watching and polling; later polls read nothing', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  writer.write(header);
  const tailer = collector.tailer(filePath, { pollIntervalMs: 10 });
  tailer.start();
  await waitFor(() => collector.records.length === 1, 'the header');

  tailer.dispose();
  tailer.dispose();
  writer.write(event(1));
  await sleep(150);
  await tailer.poll();
  assert.equal(collector.records.length, 1);
  assert.equal(tailer.offset, FILE_SIGNATURE.length + encodeRecord(header).length);
});

test('concurrent polls are coalesced: every record is delivered exactly once', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  for (let i = 0; i < 50; i++) writer.write(event(i));
  const tailer = collector.tailer(filePath);
  await Promise.all([tailer.poll(), tailer.poll(), tailer.poll(), tailer.poll()]);
  writer.write(event(50));
  await Promise.all([tailer.poll(), tailer.poll()]);
  assert.deepEqual(
    collector.iterations(),
    Array.from({ length: 51 }, (_, i) => i),
  );
});

test('reads in bounded chunks, handing records over chunk by chunk', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  const big: StreamRecord = {
    type: 'snapshot',
    iteration: 100,
    time: 0,
    metrics: {},
    arrays: { generated: { dtype: 'float32', shape: [1000, 2], data: new Float32Array(2000).fill(0.25) } },
  };
  for (let i = 0; i < 20; i++) writer.write(event(i));
  writer.write(big);
  const tailer = collector.tailer(filePath, { chunkBytes: 256 });
  await tailer.poll();
  assert.equal(collector.records.length, 21);
  assert.ok(collector.deliveries > 5, `expected many small deliveries, got ${collector.deliveries}`);
  const last = collector.records[20]?.record;
  assert.ok(last?.type === 'snapshot');
  assert.equal(last.arrays['generated']?.data[1999], 0.25);
});

test('a corrupt record is reported once, and tailing carries on after it', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const broken = encodeRecord(event(1));
  broken[broken.length - 1]! ^= 0xff;
  fs.writeFileSync(filePath, Buffer.concat([FILE_SIGNATURE, broken, Buffer.from('junk bytes'), encodeRecord(event(2))]));
  const tailer = collector.tailer(filePath);
  await tailer.poll();
  fs.appendFileSync(filePath, encodeRecord(event(3)));
  await tailer.poll();
  await tailer.poll();
  assert.deepEqual(collector.iterations(), [2, 3]);
  assert.equal(collector.errors.length, 2);
  assert.match(collector.errors[0]!.message, /payload checksum mismatch/);
  assert.match(collector.errors[1]!.message, /no frame starts here/);
});

test('a file that shrinks is reported and read again from the start, without crashing', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  writer.write(event(2));
  writer.close();
  const tailer = collector.tailer(filePath);
  await tailer.poll();
  assert.deepEqual(collector.iterations(), [1, 2]);

  fs.truncateSync(filePath, FILE_SIGNATURE.length + encodeRecord(event(1)).length);
  await tailer.poll();
  assert.equal(collector.errors.length, 1);
  assert.match(collector.errors[0]!.message, /shrank .* reading it again from the start/);
  assert.deepEqual(collector.iterations(), [1, 2, 1]);
});

test('a file that is not a stream is reported once, however often it is polled', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, 'definitely not a stream');
  const tailer = collector.tailer(filePath);
  await tailer.poll();
  fs.appendFileSync(filePath, ' and growing');
  await tailer.poll();
  assert.equal(collector.errors.length, 1);
  assert.match(collector.errors[0]!.message, /not a genmon snapshot stream/);
  assert.deepEqual(collector.records, []);
});

test('an onRecords handler that throws is reported and does not stop the tailer', async (t) => {
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  t.after(() => writer.close());
  writer.write(event(1));
  const seen: number[] = [];
  const errors: StreamError[] = [];
  const tailer = new StreamTailer(filePath, {
    onRecords: (records) => {
      for (const entry of records) if (entry.record.type === 'event') seen.push(entry.record.iteration);
      if (seen.length === 1) throw new Error('consumer bug');
    },
    onError: (error) => errors.push(error),
  });
  t.after(() => tailer.dispose());
  await tailer.poll();
  writer.write(event(2));
  await tailer.poll();
  assert.deepEqual(seen, [1, 2]);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /onRecords handler threw: consumer bug/);
});

test('a file replaced by another one is reported and the new file is read from the start', async (t) => {
  const collector = new Collector();
  t.after(() => collector.disposeAll());
  const filePath = newPath();
  const writer = StreamWriter.create(filePath);
  writer.write(event(1));
  writer.write(event(2));
  writer.close();
  const tailer = collector.tailer(filePath);
  await tailer.poll();

  const replacement = `${filePath}.new`;
  const other = StreamWriter.create(replacement);
  other.write(event(10));
  other.write(event(11));
  other.write(event(12));
  other.close();
  fs.renameSync(replacement, filePath);
  await tailer.poll();
  assert.equal(collector.errors.length, 1);
  assert.match(collector.errors[0]!.message, /was replaced; reading it again from the start/);
  assert.deepEqual(collector.iterations(), [1, 2, 10, 11, 12]);
});
