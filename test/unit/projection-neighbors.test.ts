import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactNeighbors } from '../../src/core/projection/knn/exactNeighbors';
import type { NeighborGraph } from '../../src/core/projection/knn/neighborHeap';
import { EXACT_SEARCH_MAX_POINTS, searchNeighbors } from '../../src/core/projection/knn/searchNeighbors';
import { createRandom } from '../../src/core/projection/random';

const DIM = 12;

function clustered(n: number, seed: number, shift = 0): Float32Array {
  const random = createRandom(seed);
  const centres = Array.from({ length: 8 }, (_, c) => Array.from({ length: DIM }, (_, d) => Math.sin(c * 7 + d) * 10));
  const data = new Float32Array(n * DIM);
  for (let i = 0; i < n; i++) for (let d = 0; d < DIM; d++) data[i * DIM + d] = (centres[i % 8]?.[d] as number) + random.next() * 3 + shift * random.next();
  return data;
}

function recall(found: NeighborGraph, truth: NeighborGraph): number {
  let hits = 0;
  for (let i = 0; i < truth.n; i++) {
    const expected = new Set(truth.indices.subarray(i * truth.k, (i + 1) * truth.k));
    for (let s = 0; s < found.k; s++) if (expected.has(found.indices[i * found.k + s] as number)) hits++;
  }
  return hits / (truth.n * truth.k);
}

test('exact neighbours are sorted, exclude the point itself and match a brute-force check', () => {
  const data = clustered(50, 1);
  const graph = exactNeighbors(data, 50, DIM, 5);
  for (let i = 0; i < 50; i++) {
    const distances = Array.from({ length: 50 }, (_, j) => (j === i ? Infinity : Math.hypot(...Array.from({ length: DIM }, (_, d) => (data[i * DIM + d] as number) - (data[j * DIM + d] as number)))));
    const expected = distances.map((d, j) => [d, j] as const).sort((a, b) => a[0] - b[0]).slice(0, 5);
    assert.deepEqual([...graph.indices.subarray(i * 5, i * 5 + 5)], expected.map(([, j]) => j));
    for (let s = 0; s < 5; s++) assert.ok(Math.abs((graph.distances[i * 5 + s] as number) - (expected[s]?.[0] as number)) < 1e-4);
  }
});

test('NN-descent finds nearly all true neighbours, cold and warm-started', () => {
  const n = EXACT_SEARCH_MAX_POINTS + 500;
  const k = 10;
  const before = clustered(n, 2);
  const truthBefore = exactNeighbors(before, n, DIM, k);
  const cold = searchNeighbors(before, n, DIM, { k, random: createRandom(1) });
  assert.ok(recall(cold, truthBefore) > 0.97, `cold recall ${recall(cold, truthBefore)}`);

  // The first half is a fixed reference; the second half changes a little.
  const half = n / 2;
  const after = Float32Array.from(before);
  const moved = clustered(n, 3, 2);
  after.set(moved.subarray(half * DIM), half * DIM);
  const reference = exactNeighbors(after.subarray(0, half * DIM), half, DIM, k);
  const truthAfter = exactNeighbors(after, n, DIM, k);
  const warm = searchNeighbors(after, n, DIM, { k, random: createRandom(1), frozen: { count: half, graph: reference }, previous: cold });
  assert.ok(recall(warm, truthAfter) > 0.95, `warm recall ${recall(warm, truthAfter)}`);
  // The same search with the same seed gives the same graph.
  const again = searchNeighbors(after, n, DIM, { k, random: createRandom(1), frozen: { count: half, graph: reference }, previous: cold });
  assert.deepEqual([...again.indices], [...warm.indices]);
});

test('duplicate points do not break the search', () => {
  const n = EXACT_SEARCH_MAX_POINTS + 100;
  const data = new Float32Array(n * DIM).fill(1);
  const graph = searchNeighbors(data, n, DIM, { k: 5, random: createRandom(4) });
  for (let i = 0; i < n * 5; i++) {
    assert.equal(graph.distances[i], 0);
    assert.ok((graph.indices[i] as number) >= 0);
  }
});
