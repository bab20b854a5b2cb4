import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { gaussianMixtureSpec } from '../../src/trainer/datasets/defaults';
import { FiniteDataset } from '../../src/trainer/datasets/finiteDataset';
import { CoordinateEvaluator } from '../../src/trainer/evaluator/coordinateEvaluator';
import { EVALUATOR_ARRAY_NAMES, SnapshotEvaluation } from '../../src/trainer/snapshot/evaluatorArrays';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

let backend: SelectedBackend;
before(async () => {
  backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
});

const SMALL_EVALUATOR = { maxIterations: 3, checkEvery: 3, heldOutCount: 20, batchSize: 8, maxSeconds: Number.POSITIVE_INFINITY };

function rows(data: Float32Array, width: number): number[][] {
  return Array.from({ length: data.length / width }, (_, i) => Array.from(data.subarray(i * width, (i + 1) * width)));
}

test('2-D points: held-out points are written as heldOut [H, 2], never as features', () => {
  const spec = gaussianMixtureSpec({ modes: 4 });
  const dataset = createDataset(spec, 7);
  const evaluator = new CoordinateEvaluator(spec, dataset, 10);
  const heldOut = dataset.heldOut(12);
  const evaluation = new SnapshotEvaluation(evaluator, dataset.reference(12), heldOut);
  const arrays = evaluation.arrays(dataset.reference(5).data, 5);
  const points = arrays[EVALUATOR_ARRAY_NAMES.heldOutPoints];
  assert.equal(EVALUATOR_ARRAY_NAMES.heldOutPoints, 'heldOut');
  assert.deepEqual([points?.dtype, points?.shape], ['float32', [12, 2]]);
  assert.deepEqual(Array.from(points?.data ?? []), Array.from(heldOut.data));
  assert.equal(arrays[EVALUATOR_ARRAY_NAMES.heldOutFeatures], undefined);
  assert.equal(evaluation.arrays(new Float32Array(0), 0)[EVALUATOR_ARRAY_NAMES.heldOutPoints], points, 'held-out rows are evaluated once');
});

test('an empty held-out split writes no held-out array', () => {
  const spec = gaussianMixtureSpec({ modes: 4 });
  const dataset = createDataset(spec, 7);
  const evaluation = new SnapshotEvaluation(new CoordinateEvaluator(spec, dataset, 10), dataset.reference(6), { data: new Float32Array(0), count: 0 });
  const names = Object.keys(evaluation.arrays(dataset.reference(3).data, 3));
  assert.ok(!names.includes(EVALUATOR_ARRAY_NAMES.heldOutPoints) && !names.includes(EVALUATOR_ARRAY_NAMES.heldOutFeatures), names.join(', '));
});

test('held-out rows whose length does not match their count are refused', () => {
  const spec = gaussianMixtureSpec({ modes: 4 });
  const dataset = createDataset(spec, 7);
  assert.throws(() => new SnapshotEvaluation(new CoordinateEvaluator(spec, dataset, 10), dataset.reference(6), { data: new Float32Array(5), count: 3 }), RangeError);
});

test('a stored dataset: the real reference is training data, the held-out rows are not', () => {
  // Each sample's pixels hold its own index, so the rows a split returns name the samples.
  const count = 50;
  const store = { type: 'mnist' as const, shape: [1, 1, 1], attributes: [], count, pixels: Float32Array.from({ length: count }, (_, i) => i), labels: new Int32Array(0) };
  const dataset = new FiniteDataset(store, 3, 0.2);
  const { train, heldOut } = dataset.splitIndices();
  const reference = Array.from(dataset.reference(30).data);
  const heldOutRows = Array.from(dataset.heldOut(30).data);
  assert.equal(heldOutRows.length, 10, 'fewer held-out rows when the split is smaller');
  assert.ok(reference.every((index) => train.includes(index)));
  assert.deepEqual([...heldOutRows].sort((a, b) => a - b), Array.from(heldOut).sort((a, b) => a - b));
  assert.ok(heldOutRows.every((index) => !train.includes(index)));
});

test('a generated dataset: reference, held-out and training rows come from three different streams', () => {
  const dataset = createDataset(gaussianMixtureSpec({ modes: 4 }), 7);
  const reference = rows(dataset.reference(20).data, 2);
  const heldOut = rows(dataset.heldOut(20).data, 2);
  const training = rows(dataset.sample(200).data, 2);
  const key = (row: number[]): string => row.join(',');
  const trainingKeys = new Set(training.map(key));
  assert.ok(heldOut.every((row) => !trainingKeys.has(key(row))));
  assert.ok(reference.every((row) => !trainingKeys.has(key(row))));
  assert.notDeepEqual(heldOut, reference);
  assert.deepEqual(rows(dataset.heldOut(20).data, 2), heldOut, 'the held-out rows are the same every time');
});

test('a points run writes heldOut in every snapshot, the same rows each time, without moving the training stream', async () => {
  const config = parsedConfig(`name: ring-held-out
seed: 4
dataset: { type: gaussian-mixture, layout: ring, modes: 8 }
model: { type: gan, latentDim: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 4, maxIterations: 2 }
snapshot: { every: 1, realSamples: 16, generatedSamples: 8 }
`);
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    await session.prepareEvaluator({ seed: config.seed, training: SMALL_EVALUATOR });
    assert.deepEqual(session.saveState().values['dataset.position'], { drawn: 0 });
    const first = session.snapshot(0, 1);
    session.step();
    const second = session.snapshot(1, 2);
    const expected = createDataset(config.dataset, config.seed).heldOut(16).data;
    for (const snapshot of [first, second]) {
      const heldOut = snapshot.arrays.heldOut;
      assert.deepEqual([heldOut?.dtype, heldOut?.shape], ['float32', [16, 2]]);
      assert.deepEqual(Array.from(heldOut?.data ?? []), Array.from(expected));
      assert.notDeepEqual(Array.from(heldOut?.data ?? []), Array.from(snapshot.arrays.real?.data ?? []));
      assert.equal(snapshot.arrays.heldOutFeatures, undefined);
    }
  } finally {
    session.dispose();
  }
});

test('an image run writes the evaluator features of held-out images as heldOutFeatures [H, f]', async () => {
  const config = parsedConfig(`name: sprites-held-out
seed: 4
dataset: { type: sprites, size: 16 }
model: { type: gan, architecture: mlp, latentDim: 4, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 4, maxIterations: 1 }
snapshot: { every: 1, realSamples: 12, generatedSamples: 6, thumbnails: 0 }
`);
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    const evaluator = await session.prepareEvaluator({ seed: config.seed, training: SMALL_EVALUATOR });
    const snapshot = session.snapshot(0, 1);
    const features = snapshot.arrays.heldOutFeatures;
    assert.deepEqual([features?.dtype, features?.shape], ['float32', [12, evaluator.featureDim]]);
    const dataset = createDataset(config.dataset, config.seed);
    const heldOut = dataset.heldOut(12);
    assert.deepEqual(features?.data, evaluator.evaluate(heldOut.data, heldOut.count).features);
    assert.notDeepEqual(features?.data, snapshot.arrays.realFeatures?.data);
    assert.equal(snapshot.arrays.heldOut, undefined);
  } finally {
    session.dispose();
  }
});
