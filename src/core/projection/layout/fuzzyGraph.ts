import type { NeighborGraph } from '../knn/neighborHeap';

/** Directed edges of UMAP's symmetric fuzzy graph; each undirected edge appears once per direction. */
export interface FuzzyEdges {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly weight: Float32Array;
  readonly count: number;
}

const SMOOTH_TOLERANCE = 1e-3;
const MIN_SCALE = 1e-3;

/**
 * UMAP's fuzzy simplicial set (McInnes, Healy & Melville 2018): each point's neighbour distances
 * are turned into memberships exp(-(d - ρ) / σ), with ρ the nearest non-zero distance and σ chosen
 * so that the memberships sum to log2(k); the two directions combine as a + b - a·b.
 */
export function buildFuzzyEdges(graph: NeighborGraph): FuzzyEdges {
  const { n, k } = graph;
  const membership = directedMemberships(graph);
  // At most two directed edges per neighbour slot; trimmed views are returned.
  const head = new Int32Array(2 * n * k);
  const tail = new Int32Array(2 * n * k);
  const weight = new Float32Array(2 * n * k);
  let count = 0;
  for (let point = 0; point < n; point++) {
    for (let slot = 0; slot < k; slot++) {
      const other = graph.indices[point * k + slot] as number;
      if (other < 0) continue;
      const forward = membership[point * k + slot] as number;
      const back = reverseMembership(graph, membership, other, point);
      // An edge seen from both ends is emitted once, by its lower-numbered end.
      if (back >= 0 && other < point) continue;
      const combined = back >= 0 ? forward + back - forward * back : forward;
      if (!(combined > 0)) continue;
      head[count] = point;
      tail[count] = other;
      weight[count] = combined;
      head[count + 1] = other;
      tail[count + 1] = point;
      weight[count + 1] = combined;
      count += 2;
    }
  }
  return { head: head.subarray(0, count), tail: tail.subarray(0, count), weight: weight.subarray(0, count), count };
}

/** Membership of `target` in `point`'s neighbourhood, or -1 when it is not among point's neighbours. */
function reverseMembership(graph: NeighborGraph, membership: Float32Array, point: number, target: number): number {
  const k = graph.k;
  for (let slot = 0; slot < k; slot++) if (graph.indices[point * k + slot] === target) return membership[point * k + slot] as number;
  return -1;
}

function directedMemberships(graph: NeighborGraph): Float32Array {
  const { n, k } = graph;
  const membership = new Float32Array(n * k);
  const target = Math.log2(k + 1);
  let meanAll = 0;
  let counted = 0;
  for (let i = 0; i < graph.distances.length; i++) {
    const d = graph.distances[i] as number;
    if (Number.isFinite(d)) {
      meanAll += d;
      counted++;
    }
  }
  meanAll = counted > 0 ? meanAll / counted : 1;

  const excess = new Float64Array(k);
  for (let point = 0; point < n; point++) {
    const base = point * k;
    let rho = 0;
    let meanRow = 0;
    let rowCount = 0;
    for (let slot = 0; slot < k; slot++) {
      const d = graph.distances[base + slot] as number;
      if (!Number.isFinite(d)) break;
      meanRow += d;
      rowCount++;
      if (rho === 0 && d > 0) rho = d;
    }
    meanRow = rowCount > 0 ? meanRow / rowCount : 0;
    // Rows are sorted ascending, so the finite distances are the first rowCount slots.
    for (let slot = 0; slot < rowCount; slot++) excess[slot] = Math.max(0, (graph.distances[base + slot] as number) - rho);
    let low = 0;
    let high = Infinity;
    let sigma = 1;
    for (let step = 0; step < 64; step++) {
      let sum = 0;
      const inverse = 1 / sigma;
      for (let slot = 0; slot < rowCount; slot++) sum += Math.exp(-(excess[slot] as number) * inverse);
      if (Math.abs(sum - target) < SMOOTH_TOLERANCE) break;
      if (sum > target) {
        high = sigma;
        sigma = (low + high) / 2;
      } else {
        low = sigma;
        sigma = high === Infinity ? sigma * 2 : (low + high) / 2;
      }
    }
    // A floor on σ keeps duplicate-heavy neighbourhoods from collapsing into infinite weights.
    const floor = MIN_SCALE * (rho > 0 ? meanRow : meanAll);
    if (sigma < floor) sigma = floor;
    for (let slot = 0; slot < rowCount; slot++) membership[base + slot] = Math.exp(-(excess[slot] as number) / sigma);
  }
  return membership;
}
