import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureDots } from '../../src/core/measure/dots';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { dotsSpec } from '../../src/trainer/datasets/defaults';
import { placeDots } from '../../src/trainer/datasets/dots';
import { sampleRandom } from '../../src/trainer/datasets/sampleRandom';

for (const size of [32, 64]) {
  test(`the dots counter recovers the true numerosity of real ${size}×${size} images with the default noise`, () => {
    const spec = dotsSpec({ size });
    const batch = createDataset(spec, 11).sample(400);
    const length = size * size * 3;
    let exact = 0;
    const misses: string[] = [];
    for (let i = 0; i < batch.count; i++) {
      const truth = batch.factors[i * 4] as number;
      const { numerosity } = measureDots(batch.data.subarray(i * length, (i + 1) * length), { height: size, width: size, channels: 3 }, { dotRadius: spec.radius });
      if (numerosity === truth) exact++;
      else misses.push(`${truth}→${numerosity}`);
    }
    assert.ok(exact / batch.count >= 0.98, `exact on ${exact} of ${batch.count}; misses ${misses.join(' ')}`);
  });
}

test('dot centres keep the minimum spacing and the whole dot inside the image', () => {
  const spec = dotsSpec({ minSpacing: 2.5, radius: 0.07 });
  for (let i = 0; i < 300; i++) {
    const centres = placeDots(spec, 12, sampleRandom(4, 'placement', i));
    assert.equal(centres.length, 12);
    for (const [x, y] of centres) assert.ok(x >= spec.radius && x <= 1 - spec.radius && y >= spec.radius && y <= 1 - spec.radius);
    for (let a = 0; a < centres.length; a++) {
      for (let b = a + 1; b < centres.length; b++) {
        const [ax, ay] = centres[a] as [number, number];
        const [bx, by] = centres[b] as [number, number];
        assert.ok(Math.hypot(ax - bx, ay - by) >= spec.minSpacing * spec.radius - 1e-12, 'spacing');
      }
    }
  }
});

test('without noise every dot pixel has its channels inside the colour range, and the mean-colour factor matches the pixels', () => {
  const spec = dotsSpec({ noise: 0, colorRange: [0.2, 0.6] });
  const batch = createDataset(spec, 8).sample(50);
  const length = 32 * 32 * 3;
  for (let i = 0; i < batch.count; i++) {
    const image = batch.data.subarray(i * length, (i + 1) * length);
    const sums = [0, 0, 0];
    let dotPixels = 0;
    for (let p = 0; p < length; p += 3) {
      const pixel = [image[p], image[p + 1], image[p + 2]] as [number, number, number];
      if (pixel.every((v) => v === 1)) continue;
      dotPixels++;
      pixel.forEach((v, c) => {
        assert.ok(v >= 0.2 - 1e-6 && v <= 0.6 + 1e-6, `channel ${v} outside [0.2, 0.6]`);
        sums[c]! += v;
      });
    }
    sums.forEach((sum, c) => assert.ok(Math.abs(sum / dotPixels - (batch.factors[i * 4 + 1 + c] as number)) < 1e-5, 'mean colour factor'));
    const measured = measureDots(image, { height: 32, width: 32, channels: 3 }, { dotRadius: spec.radius });
    measured.meanColor.forEach((mean, c) => assert.ok(Math.abs(mean - (batch.factors[i * 4 + 1 + c] as number)) < 1e-5, 'measured mean colour'));
  }
});

test('only the configured counts occur, with equal frequency, and the label indexes the attribute values', () => {
  const dataset = createDataset(dotsSpec({ counts: [4, 2] }), 3);
  assert.deepEqual(dataset.attributes, [{ name: 'numerosity', values: ['2', '4'] }]);
  const batch = dataset.sample(2000);
  let twos = 0;
  for (let i = 0; i < batch.count; i++) {
    const count = batch.factors[i * 4] as number;
    assert.ok(count === 2 || count === 4);
    assert.equal(dataset.attributes[0]?.values[batch.labels[i] as number], String(count));
    if (count === 2) twos++;
  }
  // Binomial(2000, 1/2): standard deviation ≈ 22; 5 of them.
  assert.ok(Math.abs(twos - 1000) < 112, `${twos} images with 2 dots`);
});

test('dots settings that cannot work are refused with the reason', () => {
  assert.throws(() => createDataset(dotsSpec({ counts: [40] }), 1), /40 dots of radius 0.08 at spacing 2.1 do not fit/);
  assert.throws(() => createDataset(dotsSpec({ counts: [] }), 1), /counts must be a non-empty list of integers/);
  assert.throws(() => createDataset(dotsSpec({ colorRange: [0.8, 0.2] }), 1), /colorRange must be \[low, high\]/);
  assert.throws(() => createDataset(dotsSpec({ size: 128 }), 1), /size must be an integer from 8 to 64/);
  assert.throws(() => createDataset(dotsSpec({ minSpacing: 1.5 }), 1), /minSpacing must be from 2 to 6/);
});
