/**
 * Trustworthiness (Venna & Kaski 2001): how far the 2-D map's neighbours of each point are from
 * being its true high-dimensional neighbours.
 *   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k)
 * U_k(i): points among i's k nearest in the map but not in the original space; r(i, j): j's rank
 * (1 = nearest) among i's neighbours in the original space. 1 is perfect. Same definition as
 * scikit-learn's `trustworthiness`. Ties are ranked by index, which is what a stable sort gives.
 */
export function trustworthiness(high: Float32Array, low: Float32Array, n: number, dim: number, k: number, sample?: ArrayLike<number>): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`trustworthiness needs k ≥ 1 (got ${k})`);
  if (2 * n - 3 * k - 1 <= 0) throw new Error(`trustworthiness with k = ${k} needs more than ${(3 * k + 1) / 2} points (got ${n})`);
  if (high.length < n * dim || low.length < n * 2) throw new Error(`trustworthiness: arrays hold fewer than ${n} rows`);
  const points = sample ?? { length: n };
  const count = points.length;
  const highDistance = new Float64Array(n);
  const lowDistance = new Float64Array(n);
  let penalty = 0;
  for (let s = 0; s < count; s++) {
    const i = sample ? (sample[s] as number) : s;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let c = 0; c < dim; c++) {
        const d = (high[i * dim + c] as number) - (high[j * dim + c] as number);
        sum += d * d;
      }
      highDistance[j] = sum;
      const dx = (low[2 * i] as number) - (low[2 * j] as number);
      const dy = (low[2 * i + 1] as number) - (low[2 * j + 1] as number);
      lowDistance[j] = dx * dx + dy * dy;
    }
    const highNeighbors = nearest(highDistance, n, i, k);
    const lowNeighbors = nearest(lowDistance, n, i, k);
    for (const j of lowNeighbors) {
      if (highNeighbors.has(j)) continue;
      penalty += rankOf(highDistance, n, i, j) - k;
    }
  }
  return 1 - (2 / (count * k * (2 * n - 3 * k - 1))) * penalty;
}

/** Indices of the k smallest distances from i (excluding i), ties broken by lower index. */
function nearest(distance: Float64Array, n: number, self: number, k: number): Set<number> {
  const chosen: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j === self) continue;
    if (chosen.length < k) {
      chosen.push(j);
      chosen.sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b);
      continue;
    }
    const worst = chosen[k - 1] as number;
    if ((distance[j] as number) < (distance[worst] as number)) {
      chosen[k - 1] = j;
      chosen.sort((a, b) => (distance[a] as number) - (distance[b] as number) || a - b);
    }
  }
  return new Set(chosen);
}

/** 1-based rank of j among i's neighbours ordered by distance, ties broken by lower index. */
function rankOf(distance: Float64Array, n: number, self: number, j: number): number {
  const target = distance[j] as number;
  let rank = 1;
  for (let l = 0; l < n; l++) {
    if (l === self || l === j) continue;
    const d = distance[l] as number;
    if (d < target || (d === target && l < j)) rank++;
  }
  return rank;
}

/** A seeded, sorted sample of `size` distinct row indices out of `n` (all rows when size ≥ n). */
export function sampleRows(n: number, size: number, random: { int(bound: number): number }): Int32Array {
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher–Yates over an index array.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(n - i);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order.slice(0, size).sort();
}
