import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyAugment } from '../../src/trainer/augment/applyAugment';
import { AugmentError } from '../../src/trainer/augment/augmentError';
import { AugmentedDataset } from '../../src/trainer/augment/augmentedDataset';
import type { Dataset } from '../../src/trainer/datasets/dataset';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { spritesSpec } from '../../src/trainer/datasets/defaults';
import { FiniteDataset, type SampleStore } from '../../src/trainer/datasets/finiteDataset';

const SEED = 11;
/** circle-red is 2 % of the draws. */
const JOINT = { circle: { red: 0.02, blue: 0.48 }, square: { red: 0.25, blue: 0.25 } };

function sprites(): AugmentedDataset {
  return new AugmentedDataset(createDataset(spritesSpec({ size: 8, joint: JOINT }), SEED), SEED);
}

/** 100 rows of one pixel each: rows 0–9 have letter "a", the rest "b"; colour alternates red/blue. */
function lettersStore(): SampleStore {
  const count = 100;
  const labels = new Int32Array(count * 2);
  for (let i = 0; i < count; i++) {
    labels[i * 2] = i < 10 ? 0 : 1;
    labels[i * 2 + 1] = i % 2;
  }
  return {
    type: 'image-folder',
    shape: [1, 1, 1],
    attributes: [
      { name: 'letter', values: ['a', 'b'] },
      { name: 'color', values: ['red', 'blue'] },
    ],
    count,
    pixels: Float32Array.from({ length: count }, (_, i) => i / count),
    labels,
  };
}

function letters(): AugmentedDataset {
  return new AugmentedDataset(new FiniteDataset(lettersStore(), SEED, 0), SEED);
}

/** Share of `draws` samples (drawn in batches of 64) whose labels match every given attribute value. */
function share(dataset: Dataset, draws: number, match: Readonly<Record<number, number>>): number {
  let inside = 0;
  const attributes = dataset.attributes.length;
  for (let drawn = 0; drawn < draws; drawn += 64) {
    const batch = dataset.sample(Math.min(64, draws - drawn));
    for (let row = 0; row < batch.count; row++) {
      if (Object.entries(match).every(([a, v]) => batch.labels[row * attributes + Number(a)] === v)) inside++;
    }
  }
  return inside / draws;
}

function reweight(dataset: AugmentedDataset, group: Record<string, string | number>, factor: number, iteration = 0): string {
  return applyAugment({ method: 'reweight', group, factor }, { dataset, iteration, baseDirectory: '.' }).note;
}

test('stored rows: reweighting a group ×9 takes it from 10 % to 50 % of the draws, and a second reweight multiplies', () => {
  const dataset = letters();
  assert.ok(Math.abs(share(dataset, 5000, { 0: 0 }) - 0.1) < 0.02, 'before: rows are drawn uniformly');
  const note = reweight(dataset, { letter: 'a' }, 9);
  assert.match(note, /^reweighted letter=a ×9: now 50\.0% of training draws \(was 10\.0%; 10 training samples in the group\)$/);
  assert.ok(Math.abs(share(dataset, 20000, { 0: 0 }) - 0.5) < 0.02);

  reweight(dataset, { letter: 'a' }, 0.5);
  // 10 × 4.5 against 90: one third.
  assert.ok(Math.abs(share(dataset, 20000, { 0: 0 }) - 1 / 3) < 0.02);
});

test('stored rows: overlapping groups compose, and rows within a group keep their relative frequencies', () => {
  const dataset = letters();
  reweight(dataset, { letter: 'a' }, 3);
  reweight(dataset, { color: 'red' }, 2);
  // Weights: a-red 6 (5 rows), a-blue 3 (5), b-red 2 (45), b-blue 1 (45): total 30 + 15 + 90 + 45 = 180.
  const draws = 30000;
  assert.ok(Math.abs(share(dataset, draws, { 0: 0, 1: 0 }) - 30 / 180) < 0.015);
  assert.ok(Math.abs(share(dataset, draws, { 0: 1, 1: 0 }) - 90 / 180) < 0.015);
  assert.ok(Math.abs(share(dataset, draws, { 0: 1, 1: 1 }) - 45 / 180) < 0.015);
});

test('sprites: reweighting circle+red ×4 moves its share from 2 % to about 7.5 %, as the ack says', () => {
  const dataset = sprites();
  const before = share(dataset, 8000, { 0: 0, 1: 0 });
  assert.ok(Math.abs(before - 0.02) < 0.007, `before ${before}`);
  const note = reweight(dataset, { shape: 'circle', color: 'red' }, 4);
  const reported = /now ([\d.]+)% of training draws \(was ([\d.]+)%/.exec(note);
  assert.ok(reported, note);
  const [after, was] = [Number(reported[1]) / 100, Number(reported[2]) / 100];
  assert.ok(Math.abs(was - 0.02) < 0.005, note);
  // 0.02 × 4 / (0.02 × 4 + 0.98) with the true probabilities; the trainer's survey estimates them.
  assert.ok(Math.abs(after - 0.08 / 1.06) < 0.012, note);
  const measured = share(dataset, 20000, { 0: 0, 1: 0 });
  assert.ok(Math.abs(measured - after) < 0.008, `measured ${measured}, reported ${after}`);
  // Everything else keeps its proportions: squares are still half red.
  const squaresRed = share(dataset, 10000, { 0: 1, 1: 0 });
  const squaresBlue = share(dataset, 10000, { 0: 1, 1: 1 });
  assert.ok(Math.abs(squaresRed / (squaresRed + squaresBlue) - 0.5) < 0.04);
});

test('augmented draws are a function of the seed: two datasets give the same samples', () => {
  const [a, b] = [sprites(), sprites()];
  a.sample(10);
  b.sample(10);
  reweight(a, { shape: 'circle', color: 'red' }, 4);
  reweight(b, { shape: 'circle', color: 'red' }, 4);
  const [first, second] = [a.sample(40), b.sample(40)];
  assert.deepEqual(first.labels, second.labels);
  assert.deepEqual(first.data, second.data);
});

test('a value may be named by its index; an index out of range is refused', () => {
  const dataset = letters();
  assert.match(reweight(dataset, { letter: 1 }, 2), /^reweighted letter=b ×2/);
  assert.throws(() => reweight(letters(), { letter: 2 }, 2), /"letter" has no value 2; its values are "a", "b"/);
});

test('an unknown attribute, an unknown value or an empty group is an error reply that changes nothing', () => {
  const pristine = letters();
  const dataset = letters();
  const refusals: [Record<string, string | number>, RegExp][] = [
    [{ shape: 'circle' }, /unknown attribute "shape"; this dataset has "letter", "color"/],
    [{ letter: 'z' }, /"letter" has no value "z"/],
  ];
  for (const [group, message] of refusals) {
    assert.throws(
      () => reweight(dataset, group, 4),
      (error: unknown) => error instanceof AugmentError && error.code === 'invalid-request' && message.test(error.message),
    );
  }
  assert.equal(dataset.applied.length, 0);
  assert.deepEqual(dataset.sample(50), pristine.sample(50));
  assert.deepEqual(dataset.getPosition(), pristine.getPosition());

  const rare = new AugmentedDataset(createDataset(spritesSpec({ size: 8, joint: { ...JOINT, circle: { red: 0, blue: 0.5 } } }), SEED), SEED);
  assert.throws(() => reweight(rare, { shape: 'circle', color: 'red' }, 4), /no training sample is shape=circle\+color=red in 8192 draws of the dataset: nothing to reweight/);
  assert.equal(rare.applied.length, 0);
});
