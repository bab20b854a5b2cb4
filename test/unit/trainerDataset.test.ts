import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GaussianMixtureDataset } from '../../src/core/config/types';
import { GaussianMixtureSampler, modeCentres, type Point2 } from '../../src/trainer/gaussianMixture';
import { createRandom } from '../../src/trainer/random';

const ring: GaussianMixtureDataset = { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 };
const grid: GaussianMixtureDataset = { type: 'gaussian-mixture', layout: 'grid', modes: 5, radius: 4, sigma: 0.1 };

function nearest(centres: readonly Point2[], x: number, y: number): { index: number; dx: number; dy: number } {
  let best = { index: -1, dx: 0, dy: 0, distance: Infinity };
  centres.forEach(([cx, cy], index) => {
    const distance = Math.hypot(x - cx, y - cy);
    if (distance < best.distance) best = { index, dx: x - cx, dy: y - cy, distance };
  });
  return best;
}

/** Per-mode counts and the pooled per-axis standard deviation of the offsets from each point's nearest centre. */
function modeStatistics(dataset: GaussianMixtureDataset, points: Float32Array): { counts: number[]; std: number; meanOffset: number } {
  const centres = modeCentres(dataset);
  const counts = new Array<number>(centres.length).fill(0);
  let sumSquares = 0;
  let sumOffsets = 0;
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    const { index, dx, dy } = nearest(centres, points[2 * i] ?? NaN, points[2 * i + 1] ?? NaN);
    counts[index] = (counts[index] ?? 0) + 1;
    sumSquares += dx * dx + dy * dy;
    sumOffsets += dx + dy;
  }
  return { counts, std: Math.sqrt(sumSquares / (2 * n)), meanOffset: sumOffsets / (2 * n) };
}

test('ring centres are evenly spaced on the circle of the configured radius', () => {
  const centres = modeCentres(ring);
  assert.equal(centres.length, 8);
  for (const [x, y] of centres) assert.ok(Math.abs(Math.hypot(x, y) - 2) < 1e-12);
  const [a, b] = [centres[0], centres[1]] as [Point2, Point2];
  assert.ok(Math.abs(Math.hypot(a[0] - b[0], a[1] - b[1]) - 2 * 2 * Math.sin(Math.PI / 8)) < 1e-12);
});

test('grid centres span [-radius, radius] on both axes, modes × modes of them', () => {
  const centres = modeCentres(grid);
  assert.equal(centres.length, 25);
  const xs = centres.map(([x]) => x);
  assert.equal(Math.min(...xs), -4);
  assert.equal(Math.max(...xs), 4);
  assert.deepEqual(new Set(xs.map((x) => x.toFixed(6))), new Set(['-4.000000', '-2.000000', '0.000000', '2.000000', '4.000000']));
  assert.deepEqual(modeCentres({ ...grid, modes: 1 }), [[0, 0]]);
});

for (const dataset of [ring, grid]) {
  test(`${dataset.layout} samples cluster at the mode centres with the configured sigma`, () => {
    const n = 40000;
    const points = new GaussianMixtureSampler(dataset, createRandom(7, 'data')).sample(n);
    assert.equal(points.length, 2 * n);
    const { counts, std, meanOffset } = modeStatistics(dataset, points);
    const expected = n / counts.length;
    // Equal weights: each count is Binomial(n, 1/K); 5 standard deviations is a generous band.
    const band = 5 * Math.sqrt(expected * (1 - 1 / counts.length));
    for (const count of counts) assert.ok(Math.abs(count - expected) < band, `mode count ${count}, expected ≈${expected}`);
    assert.ok(Math.abs(std - dataset.sigma) / dataset.sigma < 0.03, `per-axis std ${std}, sigma ${dataset.sigma}`);
    assert.ok(Math.abs(meanOffset) < 0.03 * dataset.sigma, `offsets centred on the modes (mean ${meanOffset})`);
  });
}

test('the same seed gives the same samples; another seed or stream gives others', () => {
  const sample = (seed: number, stream: string) => new GaussianMixtureSampler(ring, createRandom(seed, stream)).sample(500);
  assert.deepEqual(sample(3, 'data'), sample(3, 'data'));
  assert.notDeepEqual(sample(3, 'data'), sample(4, 'data'));
  assert.notDeepEqual(sample(3, 'data'), sample(3, 'reference-real'));
});

test('normal draws have mean 0 and variance 1, uniform draws fill [0, 1)', () => {
  const random = createRandom(11);
  const values = random.normals(100000);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  assert.ok(Math.abs(mean) < 0.02, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
  const buckets = new Array<number>(10).fill(0);
  for (let i = 0; i < 100000; i++) {
    const u = random.uniform();
    assert.ok(u >= 0 && u < 1);
    buckets[Math.floor(u * 10)]!++;
  }
  for (const count of buckets) assert.ok(Math.abs(count - 10000) < 500, `bucket count ${count}`);
});
