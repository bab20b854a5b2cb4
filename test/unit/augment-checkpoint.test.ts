import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { PNG } from 'pngjs';
import { applyAugment } from '../../src/trainer/augment/applyAugment';
import { AugmentedDataset } from '../../src/trainer/augment/augmentedDataset';
import { AUGMENTS_VALUE, restoreAugments, saveAugments } from '../../src/trainer/augment/augmentState';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { readCheckpoint, writeCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { StateMismatchError, type SavedState } from '../../src/trainer/checkpoint/savedState';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { sampleLength } from '../../src/trainer/datasets/dataset';
import { spritesSpec } from '../../src/trainer/datasets/defaults';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

const root = mkdtempSync(path.join(tmpdir(), 'genmon-augment-checkpoint-'));
after(() => rmSync(root, { recursive: true, force: true }));

let backend: SelectedBackend;
before(async () => {
  backend = await selectBackend({ requested: 'cpu', requestedBy: 'test' });
});

const SEED = 3;
const SPRITES = spritesSpec({ size: 8, joint: { circle: { red: 0.05, blue: 0.45 }, square: { red: 0.25, blue: 0.25 } } });

/** A state through a real checkpoint folder and back, as `genmon train --resume` reads it. */
function throughDisk(state: SavedState, name: string): SavedState {
  const runDir = path.join(root, name);
  const written = writeCheckpoint(runDir, { runId: name, iteration: 1, reason: 'command', configHash: '0'.repeat(64), elapsedSeconds: 0, settings: { learningRate: 0.001, snapshotEvery: 10 }, state });
  return readCheckpoint(written.path).state;
}

function imagesFolder(): string {
  const folder = path.join(root, 'images');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 6; i++) {
    const png = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) png.data.set([255, 40 * i, 0, 255], p * 4);
    writeFileSync(path.join(folder, `red${i}.png`), PNG.sync.write(png));
  }
  return folder;
}

test('a checkpoint keeps the augments and the position: the restored stream continues exactly as the uninterrupted one', () => {
  const straight = new AugmentedDataset(createDataset(SPRITES, SEED), SEED);
  straight.sample(25);
  const context = { dataset: straight, iteration: 4, baseDirectory: root };
  applyAugment({ method: 'reweight', group: { shape: 'circle', color: 'red' }, factor: 6 }, context);
  applyAugment({ method: 'add-images', group: { shape: 'circle', color: 'red' }, folder: imagesFolder() }, context);
  straight.sample(40);

  const length = sampleLength(straight.shape);
  const saved = saveAugments(straight.applied, length, straight.attributes.length);
  const state = throughDisk({ arrays: saved.arrays, values: { ...saved.values, position: straight.getPosition() } }, 'dataset');

  const resumed = new AugmentedDataset(createDataset(SPRITES, SEED), SEED);
  resumed.restore(restoreAugments(state, length, resumed.attributes), state.values['position']);
  assert.deepEqual(resumed.applied.map((a) => [a.method, a.group.text, a.iteration]), [
    ['reweight', 'shape=circle+color=red', 4],
    ['add-images', 'shape=circle+color=red', 4],
  ]);
  const [expected, actual] = [straight.sample(300), resumed.sample(300)];
  assert.deepEqual(actual.labels, expected.labels);
  assert.deepEqual(actual.data, expected.data);
  // Both really are augmented: circle-red is far above its 5 %.
  const circleRed = Array.from({ length: 300 }, (_, i) => i).filter((i) => actual.labels[i * 2] === 0 && actual.labels[i * 2 + 1] === 0).length;
  assert.ok(circleRed / 300 > 0.15, `${circleRed} circle-red rows`);
});

test('a checkpoint whose augments do not fit the dataset is refused and changes nothing', () => {
  const dataset = new AugmentedDataset(createDataset(SPRITES, SEED), SEED);
  const length = sampleLength(dataset.shape);
  const bad = (values: Record<string, unknown>): SavedState => ({ arrays: {}, values });
  assert.throws(() => restoreAugments(bad({ [AUGMENTS_VALUE]: [{ method: 'reweight', group: { hair: 'grey' }, factor: 2, iteration: 0 }] }), length, dataset.attributes), (error: unknown) => error instanceof StateMismatchError && /unknown attribute "hair"/.test(error.message));
  assert.throws(() => restoreAugments(bad({ [AUGMENTS_VALUE]: [{ method: 'reweight', group: { shape: 'circle' }, factor: -1, iteration: 0 }] }), length, dataset.attributes), /has no "factor" > 0/);
  assert.throws(() => restoreAugments(bad({ [AUGMENTS_VALUE]: [{ method: 'add-images', group: { shape: 'circle' }, iteration: 0, count: 2, source: 'x', labelledBy: 'the group', pixels: 'uint8' }] }), length, dataset.attributes), /no array "augment\.0\.pixels"/);
  assert.deepEqual(restoreAugments(bad({}), length, dataset.attributes), [], 'an unaugmented checkpoint has none');
  assert.equal(dataset.applied.length, 0);
});

const CONFIG = parsedConfig(`name: augment-resume
seed: 9
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 16, learningRate: 0.001, maxIterations: 100 }
snapshot: { every: 50, realSamples: 8, generatedSamples: 8 }
`);

function steps(session: TrainingSession, count: number): void {
  for (let i = 0; i < count; i++) session.step();
}

function assertSameState(actual: SavedState, expected: SavedState): void {
  assert.deepEqual(Object.keys(actual.arrays).sort(), Object.keys(expected.arrays).sort());
  for (const [name, array] of Object.entries(expected.arrays)) assert.deepEqual(actual.arrays[name]?.data, array.data, name);
  assert.deepEqual(actual.values, expected.values);
}

test('a session resumed from a checkpoint trains on the augmented data exactly as the uninterrupted session', () => {
  const { tf } = backend;
  const straight = new TrainingSession(tf, CONFIG, 0);
  const unaugmented = new TrainingSession(tf, CONFIG, 0);
  try {
    steps(straight, 3);
    steps(unaugmented, 3);
    const outcome = straight.augment({ method: 'reweight', group: { mode: 3 }, factor: 20 });
    assert.match(outcome.note, /^reweighted mode=3 ×20: now 7\d\.\d% of training draws \(was 1\d\.\d%; estimated from \d+ of 8192 surveyed draws\)$/);
    steps(straight, 3);
    steps(unaugmented, 3);
    const saved = throughDisk(straight.saveState(), 'session');
    assert.ok(Array.isArray(saved.values[AUGMENTS_VALUE]), 'the checkpoint lists the augments');

    const resumed = new TrainingSession(tf, CONFIG, 0);
    try {
      resumed.restoreState(saved);
      steps(straight, 5);
      steps(resumed, 5);
      steps(unaugmented, 5);
      assertSameState(resumed.saveState(), straight.saveState());
      const weights = (session: TrainingSession): Float32Array[] => Object.entries(session.saveState().arrays).filter(([name]) => name.startsWith('variable.')).map(([, array]) => array.data);
      assert.notDeepEqual(weights(unaugmented), weights(straight), 'the augmentation changed what was trained on');
    } finally {
      resumed.dispose();
    }
  } finally {
    straight.dispose();
    unaugmented.dispose();
  }
});
