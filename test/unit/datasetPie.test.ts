import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurePie } from '../../src/core/measure/pie';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { pieSpec } from '../../src/trainer/datasets/defaults';

const FACTORS = ['radius', 'x', 'y', 'colors', 'redProportion'];

for (const size of [32, 64]) {
  test(`pie measurements recover the generating factors of ${size}×${size} images`, () => {
    const dataset = createDataset(pieSpec({ size }), 4);
    assert.deepEqual(dataset.factors, FACTORS);
    const batch = dataset.sample(300);
    const length = size * size * 3;
    // Rasterising to whole pixels moves the measured values by about a pixel's share.
    const pixel = 1 / size;
    for (let i = 0; i < batch.count; i++) {
      const [radius, x, y, colors, red] = batch.factors.subarray(i * 5, (i + 1) * 5) as unknown as number[];
      const m = measurePie(batch.data.subarray(i * length, (i + 1) * length), { height: size, width: size, channels: 3 });
      assert.ok(Math.abs(m.radius - radius!) < 0.35 * pixel, `radius ${m.radius} vs ${radius}`);
      assert.ok(Math.abs(m.x - x!) < 0.35 * pixel && Math.abs(m.y - y!) < 0.35 * pixel, `centre (${m.x}, ${m.y}) vs (${x}, ${y})`);
      assert.ok(Math.abs(m.redProportion - red!) < (size === 32 ? 0.06 : 0.03), `red ${m.redProportion} vs ${red}`);
      assert.equal(m.colors, colors);
      assert.equal(dataset.attributes[0]?.values[batch.labels[i] as number], String(colors));
    }
  });
}

test('factors are drawn from their ranges, or only from the listed combinations', () => {
  const ranged = createDataset(pieSpec({ radius: [0.2, 0.25], x: { values: [0.3, 0.7] }, redProportion: [0.4, 0.6], colors: [3] }), 2).sample(200);
  const xs = new Set<number>();
  for (let i = 0; i < ranged.count; i++) {
    const [radius, x, , colors, red] = ranged.factors.subarray(i * 5, (i + 1) * 5) as unknown as number[];
    assert.ok(radius! >= 0.2 && radius! <= 0.25 && red! >= 0.4 && red! <= 0.6 && colors === 3);
    xs.add(Math.round(x! * 1e6) / 1e6);
  }
  assert.deepEqual([...xs].sort(), [0.3, 0.7]);

  const combinations = [
    { radius: 0.2, redProportion: 0.25 },
    { radius: 0.3, redProportion: 0.75 },
  ];
  const restricted = createDataset(pieSpec({ combinations }), 2).sample(200);
  const seen = new Set<string>();
  for (let i = 0; i < restricted.count; i++) {
    const radius = restricted.factors[i * 5] as number;
    const red = restricted.factors[i * 5 + 4] as number;
    seen.add(`${radius.toFixed(3)}/${red.toFixed(3)}`);
  }
  assert.deepEqual([...seen].sort(), ['0.200/0.250', '0.300/0.750']);
});

test('a single-colour pie is all red, and measurements of an empty image are NaN', () => {
  const batch = createDataset(pieSpec({ colors: [1] }), 1).sample(5);
  for (let i = 0; i < 5; i++) {
    const m = measurePie(batch.data.subarray(i * 3072, (i + 1) * 3072), { height: 32, width: 32, channels: 3 });
    assert.equal(m.redProportion, 1);
    assert.equal(m.colors, 1);
    assert.equal(batch.factors[i * 5 + 4], 1, 'the red-proportion factor says so too');
  }
  const blank = measurePie(new Float32Array(3072).fill(1), { height: 32, width: 32, channels: 3 });
  assert.equal(blank.area, 0);
  assert.ok(Number.isNaN(blank.x) && Number.isNaN(blank.redProportion));
  assert.throws(() => measurePie(new Float32Array(1024), { height: 32, width: 32, channels: 1 }), /need RGB images/);
});

test('pies that could leave the image, or impossible colour counts, are refused', () => {
  assert.throws(() => createDataset(pieSpec({ radius: [0.2, 0.4] }), 1), /a pie of radius 0.4 at x in \[0.35, 0.65\] leaves the image/);
  assert.throws(() => createDataset(pieSpec({ combinations: [{ radius: 0.3, x: 0.8 }] }), 1), /radius 0.3 at x in \[0.8, 0.8\] leaves the image/);
  assert.throws(() => createDataset(pieSpec({ colors: [2, 9] }), 1), /colors must be a non-empty list of integers from 1 to 6/);
  assert.throws(() => createDataset(pieSpec({ redProportion: { values: [] } }), 1), /redProportion.values must be a non-empty list/);
});
