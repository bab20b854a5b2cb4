import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterIndex } from '../../src/core/metrics/neighbors/clusterIndex';
import { distanceModule } from '../../src/core/metrics/neighbors/distanceModule';
import { packRows } from '../../src/core/metrics/neighbors/packedRows';
import { prdc, realNeighbors } from '../../src/core/metrics/prdc';
import { createRandom } from '../../src/core/projection/random';

function gaussian(random: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
}

/** 2-D points around the chosen modes of a ring of 8 (radius 10, σ 0.3), `perMode` each. */
function ringPoints(modes: number[], perMode: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const out = new Float32Array(modes.length * perMode * 2);
  let row = 0;
  for (const mode of modes) {
    for (let i = 0; i < perMode; i++, row++) {
      out[2 * row] = 10 * Math.cos((mode * Math.PI) / 4) + 0.3 * gaussian(random);
      out[2 * row + 1] = 10 * Math.sin((mode * Math.PI) / 4) + 0.3 * gaussian(random);
    }
  }
  return out;
}

test('a hand-built 1-D case gives the known precision, recall, density and coverage', () => {
  const real = Float32Array.from([0, 1, 2, 10]);
  const fake = Float32Array.from([0.5, 20, 30]);
  // k = 1 radii — real: 1, 1, 1, 8; generated: 19.5, 10, 10.
  const result = prdc(real, 4, fake, 3, 1, 1);
  assert.equal(result.precision, 1 / 3); // only 0.5 lies in a real ball
  assert.equal(result.density, 2 / 3); // 0.5 lies in the balls of 0 and 1
  assert.equal(result.recall, 1); // the ball of 0.5 (radius 19.5) holds every real point
  assert.equal(result.coverage, 0.5); // the balls of 0 and 1 hold a generated point; those of 2 and 10 do not
});

test('identical sets have precision, recall and coverage 1', () => {
  const points = ringPoints([0, 1, 2, 3, 4, 5, 6, 7], 50, 3);
  const result = prdc(points, 400, points, 400, 2, 5);
  assert.equal(result.precision, 1);
  assert.equal(result.recall, 1);
  assert.equal(result.coverage, 1);
  assert.ok(result.density >= 1, `density ${result.density}`);
});

test('a generator that copies half the modes has recall and coverage ≈ 0.5 and full precision', () => {
  const real = ringPoints([0, 1, 2, 3, 4, 5, 6, 7], 250, 1);
  const fake = ringPoints([0, 2, 4, 6], 500, 2);
  const result = prdc(real, 2000, fake, 2000, 2, 5);
  assert.ok(Math.abs(result.recall - 0.5) < 0.03, `recall ${result.recall}`);
  assert.ok(Math.abs(result.coverage - 0.5) < 0.03, `coverage ${result.coverage}`);
  assert.ok(result.precision > 0.97, `precision ${result.precision}`);
});

test('k must leave neighbours to find', () => {
  const points = Float32Array.from([0, 1, 2]);
  assert.throws(() => prdc(points, 3, points, 3, 1, 3), /needs more than 3 real rows/);
  assert.throws(() => prdc(points, 3, points, 3, 1, 0), /positive integer/);
});

test('a reused real side gives the same answer as computing it afresh', () => {
  const real = ringPoints([0, 1, 2, 3, 4, 5, 6, 7], 40, 5);
  const fake = ringPoints([1, 3, 5], 60, 6);
  const reference = realNeighbors(real, 320, 2, 5);
  assert.deepEqual(prdc(real, 320, fake, 180, 2, 5, reference), prdc(real, 320, fake, 180, 2, 5));
});

/** Clustered rows in `dim` dimensions (8 clusters), as evaluator features are. */
function clustered(n: number, dim: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const centres = Array.from({ length: 8 }, () => Array.from({ length: dim }, () => 5 * gaussian(random)));
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const centre = centres[random.int(8)] as number[];
    for (let c = 0; c < dim; c++) out[i * dim + c] = (centre[c] as number) + gaussian(random);
  }
  return out;
}

function bruteDistance(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let sum = 0;
  for (let c = 0; c < dim; c++) sum += ((a[i * dim + c] as number) - (b[j * dim + c] as number)) ** 2;
  return Math.sqrt(sum);
}

for (const forceJavaScript of [false, true]) {
  test(`the cluster index answers exactly like comparing every pair (${forceJavaScript ? 'JavaScript' : 'default'} kernel)`, () => {
    const dim = 13;
    const n = 700;
    const m = 500;
    const data = clustered(n, dim, 11);
    const queries = clustered(m, dim, 12);
    const index = ClusterIndex.build(data, n, dim, { forceJavaScript });
    const k = 4;
    const own = index.kthNearest(data, n, k, true);
    const nearest = index.kthNearest(queries, m, 1, false);
    const radii = Float64Array.from(own);
    const queryRadii = Float64Array.from({ length: m }, (_, q) => 0.5 + (q % 7) * 0.4);
    const counts = index.countInsideBalls(queries, m, radii);
    const { inBall, ownBallHit } = index.reach(queries, m, radii, queryRadii);
    const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-5 * Math.max(1, y);
    for (let i = 0; i < n; i++) {
      const sorted = Array.from({ length: n }, (_, j) => (j === i ? Infinity : bruteDistance(data, i, data, j, dim))).sort((x, y) => x - y);
      assert.ok(close(own[i] as number, sorted[k - 1] as number), `k-th neighbour of row ${i}`);
    }
    for (let q = 0; q < m; q++) {
      const distances = Array.from({ length: n }, (_, j) => bruteDistance(queries, q, data, j, dim));
      assert.ok(close(nearest[q] as number, Math.min(...distances)), `nearest of query ${q}`);
      // Rows exactly on a ball's edge could fall either way in float32; none are this close here.
      const inside = distances.filter((d, j) => d <= (radii[j] as number)).length;
      assert.equal(counts[q], inside, `balls holding query ${q}`);
      assert.equal(inBall[q], inside > 0 ? 1 : 0);
      assert.equal(ownBallHit[q], distances.some((d) => d <= (queryRadii[q] as number)) ? 1 : 0);
    }
  });
}

test('the WebAssembly kernel validates here and agrees with the JavaScript one', () => {
  assert.ok(distanceModule(16), 'Node 20 has WebAssembly SIMD');
  const dim = 10;
  const rows = clustered(37, dim, 21);
  const wasm = packRows(rows, dim, 37);
  const js = packRows(rows, dim, 37, undefined, true);
  assert.equal(wasm.kernel, 'wasm-simd');
  assert.equal(js.kernel, 'javascript');
  wasm.setQuery(rows, 5);
  js.setQuery(rows, 5);
  const a = Array.from(wasm.squaredDistances(3, 30));
  const b = Array.from(js.squaredDistances(3, 30));
  assert.equal(a.length, 27);
  a.forEach((value, i) => assert.ok(Math.abs(value - (b[i] as number)) <= 1e-4 * Math.max(1, value), `row ${i + 3}`));
  assert.equal(a[2], 0, 'the query row itself');
});
