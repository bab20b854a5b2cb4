import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { imageFolderSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
import { evaluatorCacheKey } from '../../src/trainer/evaluator/evaluatorCache';
import type { Evaluator } from '../../src/trainer/evaluator/evaluator';
import { resolveTraining, type EvaluatorRunOptions } from '../../src/trainer/evaluator/options';
import { trainEvaluator } from '../../src/trainer/evaluator/trainEvaluator';
import { registerWasmTrainingKernels } from '../../src/trainer/wasmKernels/registerWasmTrainingKernels';
import { wasmBinaryFolder } from '../../src/trainer/wasmFiles';

const spec = spritesSpec({ size: 16 });
const training = { maxIterations: 40, maxSeconds: Infinity, checkEvery: 1000, heldOutCount: 100 };
const root = mkdtempSync(path.join(tmpdir(), 'genmon-evaluator-cache-'));

before(async () => {
  setWasmPaths(wasmBinaryFolder());
  assert.ok(await tf.setBackend('wasm'));
  registerWasmTrainingKernels(tf);
});

after(() => rmSync(root, { recursive: true, force: true }));

interface Counted {
  readonly evaluator: Evaluator;
  readonly steps: number;
  readonly warnings: string[];
}

async function obtain(cacheFolder: string, seed = 1, extra: Partial<EvaluatorRunOptions> = {}): Promise<Counted> {
  let steps = 0;
  const warnings: string[] = [];
  const evaluator = await trainEvaluator(tf, createDataset(spec, seed), spec, {
    seed,
    cacheFolder,
    training,
    onProgress: () => steps++,
    warn: (message) => warnings.push(message),
    ...extra,
  });
  return { evaluator, steps, warnings };
}

function entryOf(cacheFolder: string, seed = 1): string {
  return path.join(cacheFolder, evaluatorCacheKey(spec, seed, resolveTraining(training)).hash);
}

test('a second call with the same key loads the cached network instead of training, with identical outputs', async () => {
  const cacheFolder = path.join(root, 'round-trip');
  const samples = createDataset(spec, 9).reference(50);
  const first = await obtain(cacheFolder);
  const second = await obtain(cacheFolder);
  try {
    assert.equal(first.steps, 40);
    assert.equal(second.steps, 0, 'loading from the cache must not train');
    assert.equal(first.evaluator.fromCache, false);
    assert.equal(second.evaluator.fromCache, true);
    assert.equal(second.evaluator.trainedIterations, 40, 'the cached entry remembers how long its network trained');
    assert.deepEqual(second.evaluator.accuracy, first.evaluator.accuracy);
    assert.deepEqual(second.evaluator.chanceAccuracy, first.evaluator.chanceAccuracy);
    const a = first.evaluator.evaluate(samples.data, samples.count);
    const b = second.evaluator.evaluate(samples.data, samples.count);
    assert.deepEqual(b.features, a.features);
    assert.deepEqual(b.predictions, a.predictions);
    assert.deepEqual(b.confidence, a.confidence);
    assert.deepEqual(readdirSync(cacheFolder), [path.basename(entryOf(cacheFolder))], 'one published entry, no temporary folders left');
    assert.deepEqual([first.warnings, second.warnings], [[], []]);
  } finally {
    first.evaluator.dispose();
    second.evaluator.dispose();
  }
});

test('another seed or setting is another entry', async () => {
  const cacheFolder = path.join(root, 'keys');
  const first = await obtain(cacheFolder, 1);
  const other = await obtain(cacheFolder, 2);
  first.evaluator.dispose();
  other.evaluator.dispose();
  assert.equal(other.steps, 40);
  assert.equal(readdirSync(cacheFolder).length, 2);
  const key = evaluatorCacheKey(spec, 1, resolveTraining(training)).hash;
  assert.notEqual(evaluatorCacheKey(spec, 1, resolveTraining({ ...training, featureDim: 32 })).hash, key);
  assert.notEqual(evaluatorCacheKey(spritesSpec({ size: 32 }), 1, resolveTraining(training)).hash, key);
});

test('an image folder is keyed by where it is, not by how the path was written', () => {
  const settings = resolveTraining(training);
  const relative = evaluatorCacheKey(imageFolderSpec('faces'), 1, settings, '/data/a');
  assert.equal(evaluatorCacheKey(imageFolderSpec('/data/a/faces'), 1, settings, '/elsewhere').hash, relative.hash);
  assert.notEqual(evaluatorCacheKey(imageFolderSpec('faces'), 1, settings, '/data/b').hash, relative.hash);
});

const corruptions: [string, (entry: string) => void, RegExp][] = [
  [
    'a flipped weight byte',
    (entry) => {
      const file = path.join(entry, 'weights.bin');
      const bytes = readFileSync(file);
      bytes[100] = (bytes[100] ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    },
    /corrupt/,
  ],
  ['a truncated manifest', (entry) => writeFileSync(path.join(entry, 'evaluator.json'), '{"format": "genmon-eval'), /evaluator\.json/],
  ['a missing weights file', (entry) => rmSync(path.join(entry, 'weights.bin')), /weights\.bin/],
  [
    'an accuracy outside [0, 1]',
    (entry) => {
      const file = path.join(entry, 'evaluator.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { accuracy: Record<string, number> };
      manifest.accuracy.shape = 7;
      writeFileSync(file, JSON.stringify(manifest));
    },
    /accuracy\.shape/,
  ],
];

for (const [label, corrupt, reason] of corruptions) {
  test(`a cache entry with ${label} is discarded with a warning and retrained`, async () => {
    const cacheFolder = path.join(root, label.replace(/\W+/g, '-'));
    (await obtain(cacheFolder)).evaluator.dispose();
    corrupt(entryOf(cacheFolder));
    const retrained = await obtain(cacheFolder);
    retrained.evaluator.dispose();
    assert.equal(retrained.steps, 40, 'retrained');
    assert.equal(retrained.warnings.length, 1);
    assert.match(retrained.warnings[0] ?? '', reason);
    assert.match(retrained.warnings[0] ?? '', /discarding it and training a new evaluator/);
    const reloaded = await obtain(cacheFolder);
    reloaded.evaluator.dispose();
    assert.equal(reloaded.steps, 0, 'the retrained network replaced the bad entry');
    assert.equal(reloaded.evaluator.fromCache, true);
  });
}

test('a cache folder that cannot be written costs a warning, not the evaluator', async () => {
  const blocked = path.join(root, 'a-file');
  writeFileSync(blocked, 'not a folder');
  const result = await obtain(blocked);
  try {
    assert.equal(result.steps, 40);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /could not cache the evaluator/);
    assert.equal(result.evaluator.evaluate(createDataset(spec, 1).reference(3).data, 3).features.length, 3 * 64);
  } finally {
    result.evaluator.dispose();
  }
});
