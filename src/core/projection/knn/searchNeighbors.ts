import type { SeededRandom } from '../random';
import { exactNeighbors } from './exactNeighbors';
import { heapsToGraph, NeighborHeaps, type NeighborGraph } from './neighborHeap';
import { refineWithNnDescent } from './nnDescent';
import { seedFromRandomProjectionTrees } from './randomProjectionTree';

/** Below this many points an exact search is cheap enough (≈ n²/2 · dim multiply-adds) and is used instead. */
export const EXACT_SEARCH_MAX_POINTS = 1500;

export interface NeighborSearchOptions {
  readonly k: number;
  readonly random: SeededRandom;
  /**
   * The first `count` rows have a finished neighbour graph among themselves (the real reference set,
   * unchanged since it was searched): those rows start from it and pairs inside it are never compared again.
   */
  readonly frozen?: { readonly count: number; readonly graph: NeighborGraph };
  /** Last snapshot's graph over the same point identities: its neighbours are the first candidates. */
  readonly previous?: NeighborGraph;
  /** Overrides of the search effort (tests and tuning); defaults depend on whether the search is warm. */
  readonly effort?: { readonly trees?: number; readonly maxIterations?: number; readonly maxCandidates?: number };
}

/**
 * Approximate k-nearest-neighbour graph (exact for small inputs): random-projection-tree leaves
 * plus the previous snapshot's neighbours as candidates, refined by NN-descent.
 */
export function searchNeighbors(data: Float32Array, n: number, dim: number, options: NeighborSearchOptions): NeighborGraph {
  const k = Math.min(options.k, n - 1);
  if (k < 1) return { n, k: 0, indices: new Int32Array(0), distances: new Float32Array(0) };
  if (n <= EXACT_SEARCH_MAX_POINTS) return exactNeighbors(data, n, dim, k);

  const heaps = new NeighborHeaps(n, k);
  const frozen = options.frozen && options.frozen.graph.k === k ? options.frozen : undefined;
  const frozenBelow = frozen ? frozen.count : 0;
  if (frozen) seedFrozenRows(heaps, frozen.graph);
  const previous = options.previous && options.previous.n === n ? options.previous : undefined;
  if (previous) seedFromPrevious(data, dim, heaps, previous, frozenBelow);

  // A warm start already sits close to the answer: one tree to catch points that moved far, fewer joins.
  seedFromRandomProjectionTrees(data, n, dim, heaps, options.random, {
    trees: options.effort?.trees ?? (previous ? 1 : 3),
    leafSize: Math.max(2 * k, 24),
    frozenBelow,
  });
  refineWithNnDescent(data, n, dim, heaps, options.random, {
    maxIterations: options.effort?.maxIterations ?? (previous ? 8 : 12),
    delta: previous ? 0.01 : 0.001,
    maxCandidates: options.effort?.maxCandidates ?? (previous ? Math.min(k, 6) : k),
    frozenBelow,
  });
  return heapsToGraph(heaps);
}

function seedFrozenRows(heaps: NeighborHeaps, graph: NeighborGraph): void {
  const k = heaps.k;
  for (let point = 0; point < graph.n; point++) {
    for (let slot = 0; slot < k; slot++) {
      const other = graph.indices[point * k + slot] as number;
      if (other < 0) continue;
      const distance = graph.distances[point * k + slot] as number;
      // Not fresh: joining frozen rows with each other finds nothing new; they still meet new candidates.
      heaps.push(point, other, distance * distance, false);
    }
  }
}

function seedFromPrevious(data: Float32Array, dim: number, heaps: NeighborHeaps, previous: NeighborGraph, frozenBelow: number): void {
  const k = previous.k;
  for (let point = 0; point < previous.n; point++) {
    for (let slot = 0; slot < k; slot++) {
      const other = previous.indices[point * k + slot] as number;
      if (other < 0 || (point < frozenBelow && other < frozenBelow)) continue;
      let distance = 0;
      const a = point * dim;
      const b = other * dim;
      for (let c = 0; c < dim; c++) {
        const d = (data[a + c] as number) - (data[b + c] as number);
        distance += d * d;
      }
      heaps.push(point, other, distance, true);
    }
  }
}
