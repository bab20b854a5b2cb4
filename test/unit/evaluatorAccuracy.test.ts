import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { dotsSpec, gaussianMixtureSpec, mnistSpec, pieSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
import type { DatasetSpec } from '../../src/trainer/datasets/spec';
import type { EvaluatorTraining } from '../../src/trainer/evaluator/options';
import { evaluatorSummary } from '../../src/trainer/evaluator/summary';
import { trainEvaluator } from '../../src/trainer/evaluator/trainEvaluator';
import type { Evaluator } from '../../src/trainer/evaluator/evaluator';
import { registerWasmTrainingKernels } from '../../src/trainer/wasmKernels/registerWasmTrainingKernels';
import { wasmBinaryFolder } from '../../src/trainer/wasmFiles';

before(async () => {
  setWasmPaths(wasmBinaryFolder());
  assert.ok(await tf.setBackend('wasm'));
  registerWasmTrainingKernels(tf);
});

/** Step budgets rather than seconds, so the outcome does not depend on how loaded the machine is. */
async function train(spec: DatasetSpec, training: Partial<EvaluatorTraining>): Promise<Evaluator> {
  const dataset = createDataset(spec, 3);
  return trainEvaluator(tf, dataset, spec, { seed: 3, training: { maxSeconds: Infinity, checkEvery: 25, heldOutCount: 400, ...training } });
}

function assertAccuracy(evaluator: Evaluator, floors: Record<string, number>): void {
  for (const [name, floor] of Object.entries(floors)) {
    const accuracy = evaluator.accuracy[name] ?? Number.NaN;
    assert.ok(accuracy >= floor, `${name}: held-out accuracy ${accuracy} after ${evaluator.trainedIterations} steps, expected ≥ ${floor}`);
    assert.ok(evaluator.trustworthy(name), `${name} should be trusted at accuracy ${accuracy} (chance ${evaluator.chanceAccuracy[name]})`);
  }
  assert.equal(evaluator.heldOutCount, 200, 'half of the 400 held-out samples measure the reported accuracy');
}

test('sprites: shape and colour are both learned (≥ 0.95 held out)', async () => {
  const evaluator = await train(spritesSpec({ size: 16 }), { maxIterations: 800, targetAccuracy: 0.98 });
  try {
    assertAccuracy(evaluator, { shape: 0.95, color: 0.95 });
    // The default joint makes red circles rare: always guessing the common value is far from enough.
    assert.ok((evaluator.chanceAccuracy.shape ?? 1) < 0.75);
  } finally {
    evaluator.dispose();
  }
});

test('dots: numerosity 2 vs 4 (≥ 0.8 held out)', async () => {
  const evaluator = await train(dotsSpec({ size: 16, counts: [2, 4], radius: 0.1 }), { maxIterations: 400, targetAccuracy: 0.95 });
  try {
    assertAccuracy(evaluator, { numerosity: 0.8 });
  } finally {
    evaluator.dispose();
  }
});

test('pie: number of colours 2 vs 4 (≥ 0.8 held out)', async () => {
  const evaluator = await train(pieSpec({ size: 16, colors: [2, 4], radius: [0.3, 0.4], x: [0.45, 0.55], y: [0.45, 0.55] }), { maxIterations: 400, targetAccuracy: 0.95 });
  try {
    assertAccuracy(evaluator, { colors: 0.8 });
  } finally {
    evaluator.dispose();
  }
});

test('mnist: digit from the held-out split (≥ 0.8 with a small budget)', async () => {
  const evaluator = await train(mnistSpec(), { maxIterations: 400, targetAccuracy: 0.9 });
  try {
    assertAccuracy(evaluator, { digit: 0.8 });
    const summary = evaluatorSummary(evaluator);
    assert.equal(summary.kind, 'network');
    assert.equal(summary.featureDim, 64);
    assert.equal(summary.fromCache, false);
    assert.ok(summary.trainedIterations > 0 && summary.trainedIterations <= 400);
    assert.deepEqual(summary.attributes.map(({ name, trusted }) => [name, trusted]), [['digit', true]]);
  } finally {
    evaluator.dispose();
  }
});

test('gaussian mixture: features are the coordinates and the nearest mode is right for well-separated modes', async () => {
  const spec = gaussianMixtureSpec({ modes: 8, radius: 2, sigma: 0.05 });
  const dataset = createDataset(spec, 3);
  const evaluator = await trainEvaluator(tf, dataset, spec, { seed: 3 });
  assert.equal(evaluator.kind, 'coordinates');
  assert.equal(evaluator.featureDim, 2);
  assert.equal(evaluator.trainedIterations, 0);
  assert.ok((evaluator.accuracy.mode ?? 0) >= 0.999, `mode accuracy ${evaluator.accuracy.mode}`);
  assert.ok(evaluator.trustworthy('mode'));

  const batch = dataset.reference(100);
  const output = evaluator.evaluate(batch.data, batch.count);
  assert.deepEqual(output.features, batch.data);
  assert.deepEqual(output.predictions, batch.labels);
  assert.ok(output.confidence.every((p) => p > 0.99 && p <= 1));
  // Halfway between two neighbouring ring modes the mixture cannot tell them apart.
  const between = new Float32Array([2 * Math.cos(Math.PI / 8), 2 * Math.sin(Math.PI / 8)]);
  const midpoint = evaluator.evaluate(between, 1);
  assert.ok(Math.abs((midpoint.confidence[0] ?? 0) - 0.5) < 0.01, `confidence ${midpoint.confidence[0]}`);
});

test('heavily overlapping mixture modes make the nearest-mode labels untrustworthy', async () => {
  const spec = gaussianMixtureSpec({ layout: 'grid', modes: 3, radius: 0.2, sigma: 0.3 });
  const evaluator = await trainEvaluator(tf, createDataset(spec, 3), spec, { seed: 3 });
  assert.ok((evaluator.accuracy.mode ?? 1) < 0.6, `accuracy ${evaluator.accuracy.mode}`);
  assert.equal(evaluator.trustworthy('mode'), false);
});
