import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { dotsSpec, gaussianMixtureSpec, pieSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
import { sampleRandom } from '../../src/trainer/datasets/sampleRandom';
import type { DatasetSpec } from '../../src/trainer/datasets/spec';

const generated: DatasetSpec[] = [gaussianMixtureSpec(), dotsSpec(), pieSpec(), spritesSpec()];

for (const spec of generated) {
  test(`${spec.type}: the same seed gives identical samples, labels and factors; another seed does not`, () => {
    const a = createDataset(spec, 5).sample(40);
    const b = createDataset(spec, 5).sample(40);
    assert.deepEqual(a.data, b.data);
    assert.deepEqual(a.labels, b.labels);
    assert.deepEqual(a.factors, b.factors);
    assert.notDeepEqual(createDataset(spec, 6).sample(40).data, a.data);
  });

  test(`${spec.type}: batch shapes follow the declared shape, attributes and factors`, () => {
    const dataset = createDataset(spec, 1);
    const batch = dataset.sample(7);
    const length = dataset.shape.reduce((p, s) => p * s, 1);
    assert.equal(batch.count, 7);
    assert.equal(batch.data.length, 7 * length);
    assert.equal(batch.labels.length, 7 * dataset.attributes.length);
    assert.equal(batch.factors.length, 7 * dataset.factors.length);
    batch.labels.forEach((label, i) => {
      const attribute = dataset.attributes[i % dataset.attributes.length];
      assert.ok(attribute && label >= 0 && label < attribute.values.length, `label ${label} of ${attribute?.name}`);
    });
    if (dataset.kind === 'image') assert.ok(batch.data.every((v) => v >= 0 && v <= 1), 'pixels in [0, 1]');
  });

  test(`${spec.type}: the stream does not depend on batch sizes, and a restored position continues it exactly`, () => {
    const whole = createDataset(spec, 2).sample(30);
    const pieces = createDataset(spec, 2);
    const first = pieces.sample(12);
    const saved = JSON.parse(JSON.stringify(pieces.getPosition())) as unknown;
    const rest = pieces.sample(18);
    assert.deepEqual(new Float32Array([...first.data, ...rest.data]), whole.data);

    const restored = createDataset(spec, 2);
    restored.setPosition(saved);
    assert.deepEqual(restored.getPosition(), { drawn: 12 });
    assert.deepEqual(restored.sample(18).data, rest.data);
  });

  test(`${spec.type}: reference and held-out sets are fixed, independent of training and of each other`, () => {
    const dataset = createDataset(spec, 3);
    const reference = dataset.reference(20);
    const heldOut = dataset.heldOut(20);
    const train = dataset.sample(20);
    assert.deepEqual(dataset.reference(20).data, reference.data, 'drawing training samples leaves the reference set alone');
    assert.deepEqual(dataset.reference(5).data, reference.data.subarray(0, reference.data.length / 4), 'a smaller reference set is a prefix');
    assert.deepEqual(dataset.heldOut(20).labels, heldOut.labels);
    assert.notDeepEqual(reference.data, train.data);
    assert.notDeepEqual(heldOut.data, train.data);
    assert.notDeepEqual(heldOut.data, reference.data);
  });
}

test('a position that is not {drawn: non-negative integer} is refused with a clear error', () => {
  const dataset = createDataset(dotsSpec(), 1);
  for (const bad of [undefined, null, 3, { drawn: -1 }, { drawn: 1.5 }, { drawn: '4' }, {}]) {
    assert.throws(() => dataset.setPosition(bad), /dataset position must be \{"drawn": <non-negative integer>\}/);
  }
  assert.deepEqual(dataset.getPosition(), { drawn: 0 });
  assert.throws(() => dataset.sample(-1), /count must be a non-negative integer/);
});

test('per-sample random sources are independent across neighbouring indices and reproducible', () => {
  const n = 20000;
  const firsts = Array.from({ length: n }, (_, i) => sampleRandom(9, 'dataset/train', i).uniform());
  assert.deepEqual(firsts.slice(0, 50), Array.from({ length: 50 }, (_, i) => sampleRandom(9, 'dataset/train', i).uniform()));
  const mean = firsts.reduce((s, u) => s + u, 0) / n;
  let lagged = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    variance += ((firsts[i] as number) - mean) ** 2;
    if (i > 0) lagged += ((firsts[i] as number) - mean) * ((firsts[i - 1] as number) - mean);
  }
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
  // Under independence the lag-1 correlation is ≈ N(0, 1/n): 5 standard deviations is 0.035.
  assert.ok(Math.abs(lagged / variance) < 0.035, `lag-1 correlation ${lagged / variance}`);
  assert.notEqual(sampleRandom(9, 'dataset/train', 0).uniform(), sampleRandom(9, 'dataset/held-out', 0).uniform());
  assert.throws(() => sampleRandom(9, 'x', -1), /non-negative integer/);
});
