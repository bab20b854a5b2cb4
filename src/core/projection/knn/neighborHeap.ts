/**
 * Fixed-size max-heaps of candidate neighbours, one per point, in flat typed arrays (no per-point
 * objects: at 20,000 points × 15 neighbours an object per entry would dominate the time).
 * Slot 0 of each row is the farthest neighbour kept, so "is this candidate better?" is one compare.
 */
export class NeighborHeaps {
  readonly indices: Int32Array;
  /** Squared distances while searching. */
  readonly distances: Float32Array;
  /** 1 where the entry arrived since the point's last local join (NN-descent's "new" flag). */
  readonly fresh: Uint8Array;

  constructor(
    readonly n: number,
    readonly k: number,
  ) {
    this.indices = new Int32Array(n * k).fill(-1);
    this.distances = new Float32Array(n * k).fill(Infinity);
    this.fresh = new Uint8Array(n * k);
  }

  /** The farthest distance kept for `point` (Infinity while the row is not full). */
  worst(point: number): number {
    return this.distances[point * this.k] as number;
  }

  /** Offers `candidate` at squared distance `distance` to `point`; returns 1 if it was kept. */
  push(point: number, candidate: number, distance: number, fresh: boolean): number {
    const k = this.k;
    const base = point * k;
    const distances = this.distances;
    const indices = this.indices;
    if (!(distance < (distances[base] as number))) return 0;
    for (let slot = base; slot < base + k; slot++) if (indices[slot] === candidate) return 0;
    // Replace the root, then sift it down to restore the max-heap.
    let position = 0;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= k) break;
      const right = left + 1;
      let larger = left;
      if (right < k && (distances[base + right] as number) > (distances[base + left] as number)) larger = right;
      if ((distances[base + larger] as number) <= distance) break;
      distances[base + position] = distances[base + larger] as number;
      indices[base + position] = indices[base + larger] as number;
      this.fresh[base + position] = this.fresh[base + larger] as number;
      position = larger;
    }
    distances[base + position] = distance;
    indices[base + position] = candidate;
    this.fresh[base + position] = fresh ? 1 : 0;
    return 1;
  }
}

/** A finished k-nearest-neighbour graph: row i lists i's neighbours nearest first (i itself excluded). */
export interface NeighborGraph {
  readonly n: number;
  readonly k: number;
  readonly indices: Int32Array;
  /** Euclidean (not squared) distances, ascending within each row. */
  readonly distances: Float32Array;
}

/** Sorts each heap row ascending and takes square roots; empty slots (fewer than k points) stay -1 / Infinity. */
export function heapsToGraph(heaps: NeighborHeaps): NeighborGraph {
  const { n, k } = heaps;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = new Array<number>(k);
  for (let point = 0; point < n; point++) {
    const base = point * k;
    for (let slot = 0; slot < k; slot++) order[slot] = slot;
    order.sort((a, b) => (heaps.distances[base + a] as number) - (heaps.distances[base + b] as number));
    for (let slot = 0; slot < k; slot++) {
      const from = base + (order[slot] as number);
      indices[base + slot] = heaps.indices[from] as number;
      distances[base + slot] = Math.sqrt(heaps.distances[from] as number);
    }
  }
  return { n, k, indices, distances };
}
