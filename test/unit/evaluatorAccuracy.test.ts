import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { dotsSpec, gaussianMixtureSpec, imageFolderSpec, mnistSpec, pieSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
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

test('dots with a single count: the one-valued numerosity head is not trained, and is trivially exact', async () => {
  const evaluator = await train(dotsSpec({ size: 16, counts: [2], radius: 0.1 }), { maxIterations: 30 });
  try {
    assert.equal(evaluator.accuracy.numerosity, 1);
    assert.equal(evaluator.chanceAccuracy.numerosity, 1);
    assert.ok(evaluator.trustworthy('numerosity'), 'nothing to guess is nothing to get wrong');
    const [first] = evaluator.attributes;
    assert.deepEqual(first?.values, ['2']);
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

/**
 * A user's folder of labelled photos, in miniature: circles and squares in warm or cool colours,
 * placed and sized at random, with the labels in a CSV beside them.
 */
function writeLabelledFolder(count: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'genmon-evaluator-folder-'));
  const side = 24;
  let seed = 17;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows = ['file,shape,tone'];
  for (let index = 0; index < count; index++) {
    const shape = index % 2 === 0 ? 'circle' : 'square';
    const tone = Math.floor(index / 2) % 2 === 0 ? 'warm' : 'cool';
    const png = new PNG({ width: side, height: side });
    const radius = 5 + random() * 3;
    const cx = 9 + random() * 6;
    const cy = 9 + random() * 6;
    const ink = tone === 'warm' ? [200 + random() * 55, 60 + random() * 60, 30] : [30, 90 + random() * 60, 200 + random() * 55];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const inside = shape === 'circle' ? (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 : Math.abs(x - cx) <= radius * 0.85 && Math.abs(y - cy) <= radius * 0.85;
        const at = (y * side + x) * 4;
        const colour = inside ? ink : [245, 245, 245];
        png.data[at] = colour[0] ?? 0;
        png.data[at + 1] = colour[1] ?? 0;
        png.data[at + 2] = colour[2] ?? 0;
        png.data[at + 3] = 255;
      }
    }
    const file = `image-${String(index).padStart(3, '0')}.png`;
    writeFileSync(path.join(folder, file), PNG.sync.write(png));
    rows.push(`${file},${shape},${tone}`);
  }
  writeFileSync(path.join(folder, 'attributes.csv'), `${rows.join('\n')}\n`);
  return folder;
}

test('image-folder: attributes from a CSV are learned from the user\'s own images (≥ 0.9 held out)', async () => {
  const folder = writeLabelledFolder(320);
  const spec = imageFolderSpec(folder, { size: 16, attributes: { csv: path.join(folder, 'attributes.csv') }, heldOut: 0.25 });
  const evaluator = await train(spec, { maxIterations: 600, targetAccuracy: 0.98 });
  try {
    for (const name of ['shape', 'tone']) {
      const accuracy = evaluator.accuracy[name] ?? Number.NaN;
      assert.ok(accuracy >= 0.9, `${name}: held-out accuracy ${accuracy} after ${evaluator.trainedIterations} steps, expected ≥ 0.9`);
      assert.ok(evaluator.trustworthy(name));
    }
    assert.ok(evaluator.heldOutCount > 0 && evaluator.heldOutCount <= 80, `accuracy is measured on the held-out quarter (${evaluator.heldOutCount})`);
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
