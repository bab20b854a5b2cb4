import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureSprite } from '../../src/core/measure/sprite';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { spritesSpec } from '../../src/trainer/datasets/defaults';
import { spriteProbabilities } from '../../src/trainer/datasets/sprites';

test('combination frequencies match the configured joint distribution (chi-square)', () => {
  const spec = spritesSpec({ joint: { circle: { red: 0.03, blue: 0.37 }, square: { red: 0.3, blue: 0.3 } } });
  const probabilities = spriteProbabilities(spec);
  assert.deepEqual(probabilities.map((p) => Number(p.toFixed(6))), [0.03, 0.37, 0.3, 0.3]);
  const n = 6000;
  const batch = createDataset(spec, 21).sample(n);
  const observed = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) observed[(batch.labels[2 * i] as number) * 2 + (batch.labels[2 * i + 1] as number)]!++;
  const chiSquare = observed.reduce((sum, o, k) => sum + (o - n * probabilities[k]!) ** 2 / (n * probabilities[k]!), 0);
  // 3 degrees of freedom: P(χ² > 16.27) = 0.001.
  assert.ok(chiSquare < 16.27, `χ² = ${chiSquare}, observed ${observed}`);
});

test('weights are normalised, and a zero weight makes its combination never appear', () => {
  const spec = spritesSpec({ joint: { circle: { red: 0, blue: 2 }, square: { red: 1, blue: 1 } } });
  assert.deepEqual(spriteProbabilities(spec), [0, 0.5, 0.25, 0.25]);
  const batch = createDataset(spec, 3).sample(1000);
  for (let i = 0; i < 1000; i++) assert.ok(!(batch.labels[2 * i] === 0 && batch.labels[2 * i + 1] === 0), 'no red circle');
});

test('labels agree with the shape and colour measured from the pixels', () => {
  const dataset = createDataset(spritesSpec({ joint: { circle: { red: 1, blue: 1 }, square: { red: 1, blue: 1 } } }), 9);
  assert.deepEqual(
    dataset.attributes.map((a) => [a.name, a.values]),
    [
      ['shape', ['circle', 'square']],
      ['color', ['red', 'blue']],
    ],
  );
  const batch = dataset.sample(400);
  for (let i = 0; i < batch.count; i++) {
    const m = measureSprite(batch.data.subarray(i * 3072, (i + 1) * 3072), { height: 32, width: 32, channels: 3 });
    assert.equal(m.shape, dataset.attributes[0]?.values[batch.labels[2 * i] as number], `fill ${m.fill}`);
    assert.equal(m.color, dataset.attributes[1]?.values[batch.labels[2 * i + 1] as number]);
    const scale = batch.factors[i * 3 + 2] as number;
    const expectedArea = m.shape === 'circle' ? Math.PI * ((scale * 32) / 2) ** 2 : (scale * 32) ** 2;
    assert.ok(Math.abs(m.area - expectedArea) / expectedArea < 0.25, `area ${m.area} vs ${expectedArea}`);
  }
});

test('a blank image has no sprite, and bad weights are refused', () => {
  const blank = measureSprite(new Float32Array(3072).fill(1), { height: 32, width: 32, channels: 3 });
  assert.equal(blank.shape, undefined);
  assert.equal(blank.color, undefined);
  assert.throws(() => createDataset(spritesSpec({ joint: { circle: { red: 0, blue: 0 }, square: { red: 0, blue: 0 } } }), 1), /joint weights must not all be zero/);
  assert.throws(() => createDataset(spritesSpec({ joint: { circle: { red: -1, blue: 1 }, square: { red: 1, blue: 1 } } }), 1), /joint.circle.red must be a non-negative number/);
});
