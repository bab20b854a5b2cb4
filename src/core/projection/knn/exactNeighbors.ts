import { squaredDistance } from './distance';
import { heapsToGraph, NeighborHeaps, type NeighborGraph } from './neighborHeap';

/**
 * Exact k nearest neighbours by comparing every pair once (O(n² · dim)). The reference the
 * approximate search is checked against, and the search used for small inputs where it is cheap.
 */
export function exactNeighbors(data: Float32Array, n: number, dim: number, k: number): NeighborGraph {
  const heaps = new NeighborHeaps(n, k);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const distance = squaredDistance(data, a, b, dim);
      heaps.push(a, b, distance, false);
      heaps.push(b, a, distance, false);
    }
  }
  return heapsToGraph(heaps);
}
