import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureAccuracy, worstAccuracy } from '../../src/trainer/evaluator/accuracy';
import type { Evaluator } from '../../src/trainer/evaluator/evaluator';
import { evaluatorSummary } from '../../src/trainer/evaluator/summary';
import { attributeTrust, chanceAdjustedAccuracy, isTrusted } from '../../src/trainer/evaluator/trust';

const attributes = [
  { name: 'shape', values: ['circle', 'square'] },
  { name: 'digit', values: ['0', '1', '2'] },
];

test('accuracy and the majority-guess baseline are measured per attribute', () => {
  // Rows: (shape, digit). Labels: shape 0,0,0,1 (majority ¾); digit 0,1,2,2 (majority ½).
  const labels = Int32Array.of(0, 0, 0, 1, 0, 2, 1, 2);
  const predictions = Int32Array.of(0, 0, 1, 1, 0, 0, 1, 2);
  const { accuracy, chanceAccuracy } = measureAccuracy(attributes, predictions, labels, 4);
  assert.deepEqual(accuracy, { shape: 0.75, digit: 0.75 });
  assert.deepEqual(chanceAccuracy, { shape: 0.75, digit: 0.5 });
  assert.equal(worstAccuracy(accuracy), 0.75);
  assert.equal(worstAccuracy({}), 1);
  assert.throws(() => measureAccuracy(attributes, predictions, labels, 3), /expected 3 × 2/);
  const empty = measureAccuracy(attributes, new Int32Array(0), new Int32Array(0), 0);
  assert.ok(Number.isNaN(empty.accuracy.shape) && Number.isNaN(empty.chanceAccuracy.digit));
});

test('trust is chance-adjusted: a guesser scores 0, a perfect evaluator 1', () => {
  assert.equal(chanceAdjustedAccuracy(0.64, 0.64), 0);
  assert.equal(chanceAdjustedAccuracy(1, 0.64), 1);
  assert.ok(Math.abs(chanceAdjustedAccuracy(0.9, 0.5) - 0.8) < 1e-12);
  assert.equal(chanceAdjustedAccuracy(1, 1), 1, 'one value seen and always predicted');
  assert.equal(chanceAdjustedAccuracy(0.99, 1), 0);
  assert.ok(Number.isNaN(chanceAdjustedAccuracy(Number.NaN, 0.5)));
  // 95 % sounds good but is worse than always answering the 96 % majority value.
  assert.equal(isTrusted(0.95, 0.96), false);
  assert.equal(isTrusted(0.91, 0.5), true);
  assert.equal(isTrusted(0.89, 0.5), false);
  assert.equal(isTrusted(0.89, 0.5, 0.7), true);
  assert.equal(isTrusted(Number.NaN, 0.5, 0), false, 'unmeasured accuracy is never trusted');
  assert.throws(() => isTrusted(0.9, 0.5, 1.5), /threshold must be in \[0, 1\]/);
});

function fakeEvaluator(accuracy: Record<string, number>, chanceAccuracy: Record<string, number>): Evaluator {
  return {
    kind: 'network',
    featureDim: 64,
    sampleShape: [8, 8, 3],
    attributes,
    accuracy,
    chanceAccuracy,
    heldOutCount: 0,
    trainedIterations: 12,
    trainingSeconds: 1.5,
    fromCache: true,
    evaluate: () => {
      throw new Error('not used');
    },
    trustworthy: () => false,
    dispose: () => undefined,
  };
}

test('attributeTrust and the header summary agree, and unmeasured accuracy becomes null in JSON', () => {
  const evaluator = fakeEvaluator({ shape: 0.97, digit: Number.NaN }, { shape: 0.6, digit: Number.NaN });
  const trust = attributeTrust(evaluator);
  assert.equal(trust.shape?.trusted, true);
  assert.ok(Math.abs((trust.shape?.adjustedAccuracy ?? 0) - 0.925) < 1e-12);
  assert.equal(trust.digit?.trusted, false);
  const summary = evaluatorSummary(evaluator, 0.95);
  assert.deepEqual(JSON.parse(JSON.stringify(summary)), {
    kind: 'network',
    featureDim: 64,
    attributes: [
      { name: 'shape', values: ['circle', 'square'], accuracy: 0.97, chanceAccuracy: 0.6, trusted: false },
      { name: 'digit', values: ['0', '1', '2'], accuracy: null, chanceAccuracy: null, trusted: false },
    ],
    trustThreshold: 0.95,
    heldOutCount: 0,
    trainedIterations: 12,
    trainingSeconds: 1.5,
    fromCache: true,
  });
});
