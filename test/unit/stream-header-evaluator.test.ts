import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { encodeFrame, encodeRecord } from '../../src/core/stream/encode';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import { recordFromMeta } from '../../src/core/stream/record-meta';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import type { EvaluatorInfo, HeaderRecord } from '../../src/protocol/stream';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-header-evaluator-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

const evaluator: EvaluatorInfo = {
  kind: 'network',
  featureDim: 64,
  attributes: [
    { name: 'shape', values: ['circle', 'square'], accuracy: 0.996, chanceAccuracy: 0.67, trusted: true },
    { name: 'numerosity', values: ['1', '2', '3'], accuracy: null, chanceAccuracy: null, trusted: false },
  ],
  trustThreshold: 0.8,
  heldOutCount: 500,
  trainedIterations: 450,
  trainingSeconds: 21.8,
  fromCache: false,
};

const header: HeaderRecord = {
  type: 'header',
  formatVersion: 1,
  runId: 'run-evaluator',
  createdAt: '2026-11-22T12:00:00.000Z',
  config: { name: 'sprites' },
  trainer: { name: 'genmon-trainer', version: '0.1.0', backend: 'wasm' },
  evaluator,
};

function headerOutcome(meta: Record<string, unknown>): ReturnType<typeof recordFromMeta> {
  return recordFromMeta({ ...header, ...meta }, new Uint8Array(0));
}

test("a header's evaluator, unmeasured accuracies included, survives a write and a read", () => {
  const filePath = path.join(tempRoot, 'round-trip', 'stream.gms');
  const writer = StreamWriter.create(filePath);
  writer.write(header);
  writer.close();
  const result = readStreamFile(filePath);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.records[0]?.record, header);
});

test('a header without an evaluator reads without one', () => {
  const { evaluator: _, ...plain } = header;
  const outcome = recordFromMeta(plain, new Uint8Array(0));
  assert.equal(outcome.kind, 'record');
  assert.ok(outcome.kind === 'record' && !('evaluator' in outcome.record));
});

test("fields a newer writer adds to the evaluator are dropped, not kept or rejected", () => {
  const outcome = headerOutcome({ evaluator: { ...evaluator, calibration: [1, 2], attributes: [{ ...evaluator.attributes[0], colourMap: 'x' }] } });
  assert.ok(outcome.kind === 'record' && outcome.record.type === 'header');
  assert.deepEqual(outcome.record.evaluator, { ...evaluator, attributes: [evaluator.attributes[0]] });
});

test('a malformed evaluator makes the header invalid with a message naming the field', () => {
  const cases: [unknown, RegExp][] = [
    ['network', /header "evaluator" is not a JSON object/],
    [{ ...evaluator, attributes: 'shape' }, /evaluator "attributes" is not a list/],
    [{ ...evaluator, featureDim: 0 }, /"featureDim" must be at least 1/],
    [{ ...evaluator, kind: 3 }, /evaluator "kind" is missing or not a string/],
    [{ ...evaluator, fromCache: 'no' }, /evaluator "fromCache" is missing or not true\/false/],
    [{ ...evaluator, attributes: [{ ...evaluator.attributes[0], values: [] }] }, /evaluator attribute 0 "values" is not a non-empty list of strings/],
    [{ ...evaluator, attributes: [{ ...evaluator.attributes[0], accuracy: 1.5 }] }, /evaluator attribute 0 "accuracy" is 1.5, outside \[0, 1\]/],
    [{ ...evaluator, attributes: [evaluator.attributes[0], { ...evaluator.attributes[1], name: null }] }, /evaluator attribute 1 "name"/],
  ];
  for (const [value, message] of cases) {
    const outcome = headerOutcome({ evaluator: value });
    assert.equal(outcome.kind, 'invalid', JSON.stringify(value));
    assert.match(outcome.kind === 'invalid' ? outcome.message : '', message);
  }
});

test('the writer refuses a header whose evaluator a reader would reject; a reader reports such a frame and reads on', () => {
  const bad = { ...header, evaluator: { ...evaluator, heldOutCount: -1 } };
  assert.throws(() => encodeRecord(bad), /"heldOutCount" is not an integer >= 0/);
  const filePath = path.join(tempRoot, 'bad', 'stream.gms');
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, Buffer.concat([FILE_SIGNATURE, encodeFrame(JSON.stringify(bad)), encodeRecord({ type: 'end', reason: 'completed', iteration: 0, time: 1 })]));
  const result = readStreamFile(filePath);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0]?.message ?? '', /heldOutCount/);
  assert.deepEqual(result.records.map((entry) => entry.record.type), ['end']);
});
