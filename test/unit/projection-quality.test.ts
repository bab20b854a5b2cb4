import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapDiameter, stability } from '../../src/core/projection/quality/stability';
import { sampleRows, trustworthiness } from '../../src/core/projection/quality/trustworthiness';
import { createRandom } from '../../src/core/projection/random';

// Five points on a line, and a map that swaps the last two (worked out by hand in the comments).
const high = Float32Array.from([0, 1, 3, 7, 12]);
const swappedMap = Float32Array.from([0, 0, 1, 0, 3, 0, 12, 0, 7, 0]);

test('trustworthiness matches a hand-checked case', () => {
  // k = 1: point 3's map neighbour is 4 (its rank 2 in the data), point 4's is 2 (rank 2):
  // penalty 2 · (2 − 1) = 2, T = 1 − 2 / (5 · 1 · (10 − 3 − 1)) · 2 = 13/15.
  assert.ok(Math.abs(trustworthiness(high, swappedMap, 5, 1, 1) - 13 / 15) < 1e-12);
  // k = 2: every map neighbourhood equals the data neighbourhood, so nothing is penalised.
  assert.equal(trustworthiness(high, swappedMap, 5, 1, 2), 1);
});

test('trustworthiness is 1 for a map identical to the data and lower for a shuffled one', () => {
  const random = createRandom(3);
  const n = 60;
  const data = new Float32Array(n * 2);
  for (let i = 0; i < data.length; i++) data[i] = random.next();
  assert.equal(trustworthiness(data, data, n, 2, 5), 1);
  const shuffled = Float32Array.from(data);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    for (const c of [0, 1]) [shuffled[2 * i + c], shuffled[2 * j + c]] = [shuffled[2 * j + c] as number, shuffled[2 * i + c] as number];
  }
  assert.ok(trustworthiness(data, shuffled, n, 2, 5) < 0.8);
});

test('trustworthiness over a sample of all rows equals the full figure; bad k is an error', () => {
  const all = sampleRows(5, 10, createRandom(1));
  assert.deepEqual([...all], [0, 1, 2, 3, 4]);
  assert.equal(trustworthiness(high, swappedMap, 5, 1, 1, all), trustworthiness(high, swappedMap, 5, 1, 1));
  // Only the rows sampled count: rows 0–2 keep their neighbours.
  assert.equal(trustworthiness(high, swappedMap, 5, 1, 1, [0, 1, 2]), 1);
  assert.throws(() => trustworthiness(high, swappedMap, 5, 1, 0), /k ≥ 1/);
  assert.throws(() => trustworthiness(high, swappedMap, 5, 1, 3), /needs more than/);
});

test('sampleRows gives distinct sorted rows, the same for the same seed', () => {
  const a = sampleRows(1000, 50, createRandom(9));
  const b = sampleRows(1000, 50, createRandom(9));
  assert.deepEqual([...a], [...b]);
  assert.equal(new Set(a).size, 50);
  for (let i = 1; i < a.length; i++) assert.ok((a[i] as number) > (a[i - 1] as number));
});

test('stability is the median displacement in units of the new map diameter', () => {
  const previous = Float32Array.from([0, 0, 10, 0, 0, 10]);
  const next = Float32Array.from([1, 0, 10, 0, 0, 13]);
  // Moves 1, 0 and 3: median 1. Diameter of the new map: |(10, 0) − (0, 13)| = √269.
  assert.ok(Math.abs(stability(previous, next, [0, 1, 2]) - 1 / Math.sqrt(269)) < 1e-12);
  assert.equal(stability(previous, previous, [0, 1, 2]), 0);
  assert.equal(stability(previous, next, [1]), 0);
  assert.throws(() => stability(previous, next.subarray(0, 4), [0]), /differ in size/);
});

test('mapDiameter equals the largest pairwise distance', () => {
  const random = createRandom(5);
  const points = new Float32Array(400);
  for (let i = 0; i < points.length; i++) points[i] = random.next() * 50 - 25;
  let brute = 0;
  for (let i = 0; i < 200; i++) for (let j = i + 1; j < 200; j++) brute = Math.max(brute, Math.hypot((points[2 * i] as number) - (points[2 * j] as number), (points[2 * i + 1] as number) - (points[2 * j + 1] as number)));
  assert.ok(Math.abs(mapDiameter(points) - brute) < 1e-9);
});
