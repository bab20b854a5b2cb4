import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GENERATED_PREDICTIONS_ARRAY, predictedAttribute } from '../../src/core/monitor/predictedAttribute';
import type { HeaderRecord, NumericArray } from '../../src/protocol/stream';

const header = {
  type: 'header',
  formatVersion: 1,
  runId: 'r',
  createdAt: '2026-11-22T00:00:00Z',
  config: {},
  trainer: { name: 'genmon', version: '0', backend: 'wasm' },
  evaluator: {
    kind: 'network',
    featureDim: 64,
    attributes: [
      { name: 'shape', values: ['circle', 'square'], accuracy: 0.99, chanceAccuracy: 0.5, trusted: true },
      { name: 'colour', values: ['red', 'blue'], accuracy: 1, chanceAccuracy: 0.5, trusted: true },
    ],
    trustThreshold: 0.8,
    heldOutCount: 500,
    trainedIterations: 450,
    trainingSeconds: 20,
    fromCache: false,
  },
} satisfies HeaderRecord;

const predictions = (rows: number[][]): NumericArray => ({ dtype: 'int32', shape: [rows.length, rows[0]?.length ?? 0], data: Int32Array.from(rows.flat()) });

test("the first attribute's predictions colour the generated rows, named by the header's evaluator", () => {
  const attribute = predictedAttribute({ [GENERATED_PREDICTIONS_ARRAY]: predictions([[1, 0], [0, 1], [5, 1]]) }, header);
  assert.deepEqual(attribute, { name: 'shape', values: ['circle', 'square'], indices: [1, 0, -1] });
});

test('without names the values are numbered; unusable predictions mean one colour', () => {
  assert.deepEqual(predictedAttribute({ [GENERATED_PREDICTIONS_ARRAY]: predictions([[2], [0]]) }, undefined)?.values, ['0', '1', '2']);
  assert.equal(predictedAttribute({}, header), undefined);
  assert.equal(predictedAttribute({ [GENERATED_PREDICTIONS_ARRAY]: { dtype: 'int32', shape: [3], data: Int32Array.from([0, 1, 2]) } }, header), undefined);
  assert.equal(predictedAttribute({ [GENERATED_PREDICTIONS_ARRAY]: { dtype: 'float32', shape: [2, 1], data: Float32Array.from([0.5, Number.NaN]) } }, header), undefined);
});
