/**
 * Stability between two layouts of the same points: the median distance a point moved, in units of
 * the new map's diameter (its largest pairwise distance), over the given rows. 0 means nothing moved.
 */
export function stability(previous: Float32Array, next: Float32Array, indices: ArrayLike<number>): number {
  if (previous.length !== next.length) throw new Error(`stability: layouts differ in size (${previous.length / 2} vs ${next.length / 2} points)`);
  if (indices.length === 0) return 0;
  const diameter = mapDiameter(next);
  const moved = new Float64Array(indices.length);
  for (let a = 0; a < indices.length; a++) {
    const i = indices[a] as number;
    moved[a] = Math.hypot((next[2 * i] as number) - (previous[2 * i] as number), (next[2 * i + 1] as number) - (previous[2 * i + 1] as number));
  }
  moved.sort();
  const middle = moved.length >> 1;
  const median = moved.length % 2 === 1 ? (moved[middle] as number) : ((moved[middle - 1] as number) + (moved[middle] as number)) / 2;
  return diameter > 0 ? median / diameter : 0;
}

/** Largest distance between two points of a 2-D layout: over the convex hull only, so O(n log n). */
export function mapDiameter(coordinates: Float32Array): number {
  const hull = convexHull(coordinates);
  let best = 0;
  for (let a = 0; a < hull.length; a++) {
    for (let b = a + 1; b < hull.length; b++) {
      const i = hull[a] as number;
      const j = hull[b] as number;
      best = Math.max(best, Math.hypot((coordinates[2 * i] as number) - (coordinates[2 * j] as number), (coordinates[2 * i + 1] as number) - (coordinates[2 * j + 1] as number)));
    }
  }
  return best;
}

/** Andrew's monotone chain; returns the hull's point indices. */
function convexHull(coordinates: Float32Array): number[] {
  const n = coordinates.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(coordinates[2 * i]) && Number.isFinite(coordinates[2 * i + 1]));
  order.sort((a, b) => (coordinates[2 * a] as number) - (coordinates[2 * b] as number) || (coordinates[2 * a + 1] as number) - (coordinates[2 * b + 1] as number));
  if (order.length < 3) return order;
  const cross = (o: number, a: number, b: number): number =>
    ((coordinates[2 * a] as number) - (coordinates[2 * o] as number)) * ((coordinates[2 * b + 1] as number) - (coordinates[2 * o + 1] as number)) -
    ((coordinates[2 * a + 1] as number) - (coordinates[2 * o + 1] as number)) * ((coordinates[2 * b] as number) - (coordinates[2 * o] as number));
  const lower: number[] = [];
  for (const p of order) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as number, lower[lower.length - 1] as number, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: number[] = [];
  for (let index = order.length - 1; index >= 0; index--) {
    const p = order[index] as number;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as number, upper[upper.length - 1] as number, p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
