import type { SeededRandom } from '../random';
import { squaredDistance } from './distance';
import type { NeighborHeaps } from './neighborHeap';

/**
 * Seeds neighbour heaps from the leaves of random-projection trees: points that end up in the same
 * leaf are usually close, so every pair within a leaf is a good first candidate. Each split is the
 * hyperplane halfway between two random points of the node (as in Dasgupta & Freund's RP trees).
 * Pairs with both points below `frozenBelow` are skipped: their distances are already in the heaps.
 */
export function seedFromRandomProjectionTrees(
  data: Float32Array,
  n: number,
  dim: number,
  heaps: NeighborHeaps,
  random: SeededRandom,
  options: { trees: number; leafSize: number; frozenBelow: number },
): void {
  const order = new Int32Array(n);
  for (let tree = 0; tree < options.trees; tree++) {
    for (let i = 0; i < n; i++) order[i] = i;
    // An explicit stack of [start, end) ranges instead of recursion: depth grows with log n, but a
    // degenerate split (many duplicate points) must not overflow the call stack.
    const stack: number[] = [0, n];
    while (stack.length > 0) {
      const end = stack.pop() as number;
      const start = stack.pop() as number;
      if (end - start <= options.leafSize) {
        addLeafPairs(data, dim, heaps, order, start, end, options.frozenBelow);
        continue;
      }
      const middle = splitRange(data, dim, order, start, end, random);
      stack.push(start, middle, middle, end);
    }
  }
}

function addLeafPairs(data: Float32Array, dim: number, heaps: NeighborHeaps, order: Int32Array, start: number, end: number, frozenBelow: number): void {
  for (let i = start; i < end; i++) {
    const a = order[i] as number;
    for (let j = i + 1; j < end; j++) {
      const b = order[j] as number;
      if (a < frozenBelow && b < frozenBelow) continue;
      const distance = squaredDistance(data, a, b, dim);
      heaps.push(a, b, distance, true);
      heaps.push(b, a, distance, true);
    }
  }
}

/** Partitions order[start, end) by a random hyperplane; returns the first index of the second half. */
function splitRange(data: Float32Array, dim: number, order: Int32Array, start: number, end: number, random: SeededRandom): number {
  const size = end - start;
  const left = order[start + random.int(size)] as number;
  let right = order[start + random.int(size)] as number;
  for (let attempt = 0; attempt < 4 && right === left; attempt++) right = order[start + random.int(size)] as number;
  const normal = new Float64Array(dim);
  let offset = 0;
  for (let c = 0; c < dim; c++) {
    const l = data[left * dim + c] as number;
    const r = data[right * dim + c] as number;
    normal[c] = l - r;
    offset -= (normal[c] as number) * (l + r) * 0.5;
  }
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const point = order[low] as number;
    let margin = offset;
    for (let c = 0; c < dim; c++) margin += (normal[c] as number) * (data[point * dim + c] as number);
    // Ties (points on the plane, or identical points) go to a random side so the halves stay balanced.
    const goesLeft = margin > 0 || (margin === 0 && random.next() < 0.5);
    if (goesLeft) {
      low++;
    } else {
      order[low] = order[high] as number;
      order[high] = point;
      high--;
    }
  }
  // A plane that separates nothing (all points identical) would never shrink the range: halve it.
  if (low === start || low === end) return start + (size >> 1);
  return low;
}
