import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { encodeFrame, encodeRecord } from '../../src/core/stream/encode';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import { parseClientMessage, type ControlErrorCode, type ControlReply } from '../../src/protocol/control';
import type { EventRecord, HeaderRecord, StreamRecord } from '../../src/protocol/stream';
import { TrainerController, type ControlledSession } from '../../src/trainer/control/trainerController';
import type { SampleDrawing, SampleRequest } from '../../src/trainer/sampling/drawSampleSets';
import { SampleError } from '../../src/trainer/sampling/sampleError';
import { StopSignal } from '../../src/trainer/stopSignal';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-magnet-channel-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

function rejected(text: string, code: ControlErrorCode, message: RegExp): void {
  const parsed = parseClientMessage(text);
  assert.ok(!parsed.ok, `expected ${text} to be rejected`);
  assert.equal(parsed.error.code, code);
  assert.match(parsed.error.message, message);
}

test('the sample command is typed and its bounds are checked', () => {
  const full = parseClientMessage('{"type":"sample","id":3,"method":"magnet","count":50,"poolSize":500,"k":2,"rho":-1}');
  assert.ok(full.ok);
  assert.deepEqual(full.value, { type: 'sample', id: 3, method: 'magnet', count: 50, poolSize: 500, k: 2, rho: -1 });
  const plain = parseClientMessage('{"type":"sample","id":"s","method":"magnet"}');
  assert.ok(plain.ok);
  assert.deepEqual(plain.value, { type: 'sample', id: 's', method: 'magnet' });
  rejected('{"type":"sample","id":1}', 'invalid-request', /"method" must be one of magnet/);
  rejected('{"type":"sample","id":1,"method":"polarity"}', 'invalid-request', /"method" must be one of magnet/);
  rejected('{"type":"sample","id":1,"method":"magnet","count":0}', 'invalid-request', /"count" must be 1 to 1000/);
  rejected('{"type":"sample","id":1,"method":"magnet","count":2.5}', 'invalid-request', /"count" must be an integer/);
  rejected('{"type":"sample","id":1,"method":"magnet","poolSize":20001}', 'invalid-request', /"poolSize" must be 1 to 20000/);
  rejected('{"type":"sample","id":1,"method":"magnet","poolSize":100}', 'invalid-request', /"count" \(200\) cannot exceed "poolSize" \(100\)/);
  rejected('{"type":"sample","id":1,"method":"magnet","k":0}', 'invalid-request', /"k" must be 1 to 128/);
  rejected('{"type":"sample","id":1,"method":"magnet","rho":11}', 'invalid-request', /"rho" must be between -10 and 10/);
  rejected('{"type":"sample","id":1,"method":"magnet","seed":4}', 'invalid-request', /unknown field "seed"/);
});

const header: HeaderRecord = { type: 'header', formatVersion: 1, runId: 'r', createdAt: '2024-05-01T12:00:00.000Z', config: null, trainer: { name: 't', version: '1', backend: 'cpu' } };

test('a sampled event keeps its arrays through the stream, bit for bit; other events have none', () => {
  const file = path.join(tempRoot, 'roundtrip', 'stream.gms');
  fs.mkdirSync(path.dirname(file));
  const sampled: EventRecord = {
    type: 'event',
    kind: 'sampled',
    iteration: 12,
    time: 1000,
    message: 'drawn',
    details: { method: 'magnet', count: 2, request: 4 },
    arrays: {
      standard: { dtype: 'float32', shape: [2, 2], data: Float32Array.of(0.1, -0, Number.NaN, 3) },
      standardPredictions: { dtype: 'int32', shape: [2, 1], data: Int32Array.of(1, -1) },
      magnetThumbs: { dtype: 'uint8', shape: [1, 1, 1, 3], data: Uint8Array.of(0, 128, 255) },
    },
  };
  const writer = StreamWriter.create(file);
  writer.write(header);
  writer.write(sampled);
  writer.write({ type: 'event', kind: 'paused', iteration: 12, time: 1001 });
  writer.close();
  const read = readStreamFile(file);
  assert.deepEqual(read.errors, []);
  const [, event, paused] = read.records.map((entry) => entry.record) as [StreamRecord, EventRecord, EventRecord];
  assert.deepEqual(event.details, sampled.details);
  assert.deepEqual(Object.keys(event.arrays ?? {}), ['standard', 'standardPredictions', 'magnetThumbs']);
  assert.deepEqual(new Uint8Array((event.arrays?.standard?.data as Float32Array).buffer), new Uint8Array(Float32Array.of(0.1, -0, Number.NaN, 3).buffer));
  assert.deepEqual(event.arrays?.standardPredictions?.data, Int32Array.of(1, -1));
  assert.deepEqual(event.arrays?.magnetThumbs?.shape, [1, 1, 1, 3]);
  assert.equal('arrays' in paused, false);
});

test('an event whose array does not fit its binary section is reported, and the stream reads on', () => {
  const file = path.join(tempRoot, 'bad', 'stream.gms');
  fs.mkdirSync(path.dirname(file));
  const writer = StreamWriter.create(file);
  writer.write(header);
  writer.close();
  const meta = JSON.stringify({ type: 'event', kind: 'sampled', iteration: 1, time: 1, arrays: [{ name: 'standard', dtype: 'float32', shape: [4, 2], offset: 0, byteLength: 32 }] });
  // A frame with the descriptor but no binary section, then a good record.
  fs.appendFileSync(file, encodeFrame(meta));
  fs.appendFileSync(file, encodeRecord({ type: 'event', kind: 'paused', iteration: 2, time: 2 }));
  const read = readStreamFile(file);
  assert.equal(read.errors.length, 1);
  assert.match(read.errors[0]?.message ?? '', /array "standard" ends at byte 32 of a 0-byte binary section/);
  assert.deepEqual(read.records.map((entry) => entry.record.type === 'event' && entry.record.kind), [false, 'paused']);
});

interface Harness {
  readonly controller: TrainerController;
  readonly events: EventRecord[];
  readonly stop: StopSignal;
  readonly draws: number[];
}

function harness(sample: ((request: SampleRequest) => SampleDrawing) | undefined): Harness {
  const events: EventRecord[] = [];
  const draws: number[] = [];
  const stop = new StopSignal({ exitWithParent: false });
  const session: ControlledSession = { completedIterations: 30, setLearningRate: () => undefined, ...(sample ? { sample } : {}) };
  const controller = new TrainerController({
    session,
    stop,
    sink: { write: (record) => record.type === 'event' && events.push(record) },
    saveCheckpoint: () => ({ path: '/x', relativePath: 'x' }),
    settings: { learningRate: 0.001, snapshotEvery: 10 },
    runId: 'r',
    maxIterations: 100,
    clock: () => 5,
  });
  return { controller, events, stop, draws };
}

function drawingRecorder(draws: number[]): (request: SampleRequest) => SampleDrawing {
  return (request) => {
    if (request.count === 999) throw new SampleError('invalid-request', 'too many for this test');
    return (iteration) => {
      draws.push(iteration);
      if (request.count === 13) throw new Error('the generator produced NaN');
      return { message: `drew ${request.count ?? 200}`, details: { method: 'magnet', count: request.count ?? 200 }, arrays: { standard: { dtype: 'float32', shape: [1, 2], data: Float32Array.of(1, 2) } } };
    };
  };
}

function acked(reply: ControlReply): string {
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.note ?? '';
}

test('the controller acks a sample at once and draws it before the next step, also while paused', async () => {
  const draws: number[] = [];
  const { controller, events, stop } = harness(drawingRecorder(draws));
  try {
    assert.match(acked(controller.handle({ type: 'sample', id: 1, method: 'magnet', count: 20 })), /^drawing 20 standard and 20 MaGNET samples before the next step/);
    assert.deepEqual(draws, [], 'nothing is drawn inside the reply');
    await controller.beforeStep();
    assert.deepEqual(draws, [30]);
    const sampled = events.filter((event) => event.kind === 'sampled');
    assert.equal(sampled.length, 1);
    assert.equal(sampled[0]?.message, 'drew 20 (request 1)');
    assert.deepEqual(sampled[0]?.details, { method: 'magnet', count: 20, request: 1 });
    assert.deepEqual(sampled[0]?.arrays?.standard?.shape, [1, 2]);

    acked(controller.handle({ type: 'pause', id: 2 }));
    const waiting = controller.beforeStep();
    acked(controller.handle({ type: 'sample', id: 3, method: 'magnet' }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(draws, [30, 30], 'a paused loop wakes to draw');
    assert.equal(controller.state, 'paused', 'and stays paused');
    acked(controller.handle({ type: 'resume', id: 4 }));
    await waiting;
  } finally {
    stop.dispose();
  }
});

test('a refused, failed or abandoned sample is recorded and never stops training', async () => {
  const draws: number[] = [];
  const { controller, events, stop } = harness(drawingRecorder(draws));
  try {
    const refused = controller.handle({ type: 'sample', id: 1, method: 'magnet', count: 999 });
    assert.ok(!refused.ok && refused.code === 'invalid-request' && refused.message === 'too many for this test');
    acked(controller.handle({ type: 'sample', id: 2, method: 'magnet', count: 13 }));
    await controller.beforeStep();
    acked(controller.handle({ type: 'sample', id: 3, method: 'magnet' }));
    controller.end('completed');
    assert.deepEqual(draws, [30]);
    assert.deepEqual(
      events.map((event) => [event.kind, event.message]),
      [
        ['command', 'sample refused: too many for this test (request 1)'],
        ['warning', 'sample failed, nothing recorded: the generator produced NaN (request 2)'],
        ['command', 'sample not carried out: training has ended (request 3)'],
      ],
    );
  } finally {
    stop.dispose();
  }

  const unsupported = harness(undefined);
  try {
    const reply = unsupported.controller.handle({ type: 'sample', id: 9, method: 'magnet' });
    assert.ok(!reply.ok && reply.code === 'not-supported');
    assert.match(unsupported.events[0]?.message ?? '', /^sample not carried out \(this trainer cannot sample\)/);
  } finally {
    unsupported.stop.dispose();
  }
});

test('a stop drops pending samples with a record', async () => {
  const draws: number[] = [];
  const { controller, events, stop } = harness(drawingRecorder(draws));
  try {
    acked(controller.handle({ type: 'sample', id: 1, method: 'magnet' }));
    stop.requestStop('test');
    await controller.beforeStep();
    assert.deepEqual(draws, []);
    assert.deepEqual(events.map((event) => event.message), ['sample not carried out: the trainer is stopping (request 1)']);
    const refused = controller.handle({ type: 'sample', id: 2, method: 'magnet' });
    assert.ok(!refused.ok && refused.code === 'invalid-state');
  } finally {
    stop.dispose();
  }
});
