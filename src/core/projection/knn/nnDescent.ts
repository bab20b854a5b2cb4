import type { SeededRandom } from '../random';
import { squaredDistance } from './distance';
import { NeighborHeaps } from './neighborHeap';

export interface NnDescentOptions {
  readonly maxIterations: number;
  /** Stop when fewer than delta · n · k heap entries changed in an iteration. */
  readonly delta: number;
  /** How many "new" and how many "old" candidates each point joins per iteration. */
  readonly maxCandidates: number;
  /** Pairs with both points below this index are never compared (their graph is already final). */
  readonly frozenBelow: number;
}

/**
 * NN-descent (Dong, Charikar & Li 2011): a neighbour of a neighbour is likely a neighbour. Each
 * iteration compares pairs among every point's recent and older candidates (forward and reverse)
 * and keeps the better ones. It refines `heaps` in place; a warm start (last snapshot's neighbours)
 * converges in one or two iterations. Returns the number of iterations run.
 */
export function refineWithNnDescent(data: Float32Array, n: number, dim: number, heaps: NeighborHeaps, random: SeededRandom, options: NnDescentOptions): number {
  const k = heaps.k;
  const candidateCount = options.maxCandidates;
  const frozenBelow = options.frozenBelow;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const fresh = new NeighborHeaps(n, candidateCount);
    const old = new NeighborHeaps(n, candidateCount);
    for (let point = 0; point < n; point++) {
      const base = point * k;
      for (let slot = 0; slot < k; slot++) {
        const other = heaps.indices[base + slot] as number;
        if (other < 0) continue;
        // A random priority samples candidates uniformly when there are more than the lists hold.
        const target = heaps.fresh[base + slot] === 1 ? fresh : old;
        const priority = random.next();
        target.push(point, other, priority, false);
        target.push(other, point, priority, false);
      }
    }
    // Entries sampled as new candidates have now had their turn.
    for (let point = 0; point < n; point++) {
      const base = point * k;
      for (let slot = 0; slot < k; slot++) {
        if (heaps.fresh[base + slot] !== 1) continue;
        const other = heaps.indices[base + slot] as number;
        if (containsCandidate(fresh, point, other)) heaps.fresh[base + slot] = 0;
      }
    }

    let updates = 0;
    for (let point = 0; point < n; point++) {
      const base = point * candidateCount;
      for (let i = 0; i < candidateCount; i++) {
        const a = fresh.indices[base + i] as number;
        if (a < 0) continue;
        for (let j = i + 1; j < candidateCount; j++) {
          const b = fresh.indices[base + j] as number;
          if (b < 0 || (a < frozenBelow && b < frozenBelow)) continue;
          const distance = squaredDistance(data, a, b, dim);
          updates += heaps.push(a, b, distance, true) + heaps.push(b, a, distance, true);
        }
        for (let j = 0; j < candidateCount; j++) {
          const b = old.indices[base + j] as number;
          if (b < 0 || b === a || (a < frozenBelow && b < frozenBelow)) continue;
          const distance = squaredDistance(data, a, b, dim);
          updates += heaps.push(a, b, distance, true) + heaps.push(b, a, distance, true);
        }
      }
    }
    if (updates <= options.delta * n * k) return iteration + 1;
  }
  return options.maxIterations;
}

function containsCandidate(candidates: NeighborHeaps, point: number, other: number): boolean {
  const base = point * candidates.k;
  for (let slot = 0; slot < candidates.k; slot++) if (candidates.indices[base + slot] === other) return true;
  return false;
}
