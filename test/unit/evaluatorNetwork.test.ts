import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { spritesSpec } from '../../src/trainer/datasets/defaults';
import { EvaluatorCancelledError } from '../../src/trainer/evaluator/options';
import { evaluatorSummary } from '../../src/trainer/evaluator/summary';
import { trainEvaluator } from '../../src/trainer/evaluator/trainEvaluator';
import { attributeTrust } from '../../src/trainer/evaluator/trust';

// The pure-JavaScript backend: the one on which a seed must give bit-identical networks.
before(async () => {
  assert.ok(await tf.setBackend('cpu'));
});

const spec = spritesSpec({ size: 8, scale: [0.5, 0.9] });
const training = { maxIterations: 4, maxSeconds: Infinity, batchSize: 8, baseChannels: 4, heldOutCount: 40 };

test('features are n × 64, predictions and confidences n × attributes, identical for one seed', async () => {
  const samples = createDataset(spec, 11).reference(10);
  const first = await trainEvaluator(tf, createDataset(spec, 1), spec, { seed: 1, training });
  const again = await trainEvaluator(tf, createDataset(spec, 1), spec, { seed: 1, training });
  const other = await trainEvaluator(tf, createDataset(spec, 2), spec, { seed: 2, training });
  try {
    const a = first.evaluate(samples.data, samples.count);
    assert.equal(first.featureDim, 64);
    assert.equal(a.features.length, 10 * 64);
    assert.equal(a.predictions.length, 10 * 2);
    assert.equal(a.confidence.length, 10 * 2);
    assert.ok(a.predictions.every((p) => p === 0 || p === 1));
    assert.ok(a.confidence.every((p) => p >= 0.5 && p <= 1), 'the predicted value of a two-valued attribute has probability ≥ ½');
    assert.ok(a.features.some((v) => v > 0), 'features are not all zero');
    const b = again.evaluate(samples.data, samples.count);
    assert.deepEqual(b.features, a.features);
    assert.deepEqual(b.confidence, a.confidence);
    assert.notDeepEqual(other.evaluate(samples.data, samples.count).features, a.features);
  } finally {
    first.dispose();
    again.dispose();
    other.dispose();
  }
});

test('an evaluator trained for one step is reported untrusted', async () => {
  const evaluator = await trainEvaluator(tf, createDataset(spec, 1), spec, { seed: 1, training: { ...training, maxIterations: 1, heldOutCount: 400 } });
  try {
    assert.equal(evaluator.trainedIterations, 1);
    const trust = attributeTrust(evaluator);
    assert.equal(trust.shape?.trusted, false, `shape: accuracy ${trust.shape?.accuracy}, chance ${trust.shape?.chanceAccuracy}`);
    assert.equal(evaluator.trustworthy('shape'), false);
    const summary = evaluatorSummary(evaluator);
    assert.deepEqual(summary.attributes.map(({ name }) => name), ['shape', 'color']);
    assert.equal(summary.attributes.find(({ name }) => name === 'shape')?.trusted, false);
    assert.equal(summary.trainedIterations, 1);
    assert.doesNotThrow(() => JSON.stringify(summary));
  } finally {
    evaluator.dispose();
  }
});

test('training leaves the dataset where it was and frees every tensor with dispose()', async () => {
  const dataset = createDataset(spec, 1);
  dataset.sample(7);
  const before = tf.memory().numTensors;
  const evaluator = await trainEvaluator(tf, dataset, spec, { seed: 1, training });
  evaluator.evaluate(dataset.reference(300).data, 300);
  evaluator.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(dataset.getPosition(), { drawn: 7 });
  assert.throws(() => evaluator.evaluate(new Float32Array(8 * 8 * 3), 1), /disposed/);
});

test('a batch of the wrong length is refused with a clear error', async () => {
  const evaluator = await trainEvaluator(tf, createDataset(spec, 1), spec, { seed: 1, training: { ...training, maxIterations: 0 } });
  try {
    assert.throws(() => evaluator.evaluate(new Float32Array(100), 1), (error: unknown) => error instanceof RangeError && /1 samples of shape \[8, 8, 3\] need 192 values, got 100/.test(error.message));
    assert.equal(evaluator.evaluate(new Float32Array(0), 0).features.length, 0);
  } finally {
    evaluator.dispose();
  }
});

test('bad settings and mismatched specs are refused before any training', async () => {
  const dataset = createDataset(spec, 1);
  await assert.rejects(trainEvaluator(tf, dataset, spec, { seed: 1, training: { batchSize: 0 } }), /batchSize must be a positive integer/);
  await assert.rejects(trainEvaluator(tf, dataset, { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 }, { seed: 1 }), /spec describes gaussian-mixture but the dataset is sprites/);
});

test('aborting stops training with EvaluatorCancelledError and leaks nothing', async () => {
  const controller = new AbortController();
  const before = tf.memory().numTensors;
  let steps = 0;
  const training$ = trainEvaluator(tf, createDataset(spec, 1), spec, {
    seed: 1,
    training: { ...training, maxIterations: 1000 },
    signal: controller.signal,
    onProgress: ({ iteration }) => {
      steps = iteration;
      if (iteration === 3) controller.abort();
    },
  });
  await assert.rejects(training$, EvaluatorCancelledError);
  assert.equal(steps, 3);
  assert.equal(tf.memory().numTensors, before);
});

test('the time budget ends training, read from the injected clock', async () => {
  let clock = 0;
  const evaluator = await trainEvaluator(tf, createDataset(spec, 1), spec, {
    seed: 1,
    training: { ...training, maxIterations: 1000, maxSeconds: 5 },
    now: () => clock,
    onProgress: () => {
      clock += 1000;
    },
  });
  evaluator.dispose();
  assert.equal(evaluator.trainedIterations, 5);
  assert.equal(evaluator.trainingSeconds, 5);
});
