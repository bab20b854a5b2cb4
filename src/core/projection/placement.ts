import type { NeighborGraph } from './knn/neighborHeap';

const PLACEMENT_SWEEPS = 3;

/**
 * Places the points of `rows` in the previous map by where their high-dimensional neighbours are
 * drawn: an instant first frame that already shows where the points went, before any optimisation.
 *
 * With the previous snapshot's graph, each point moves by how much the centre of its neighbourhood
 * moved (new neighbours' centre minus old neighbours' centre, both in the previous map), so a point
 * whose neighbours did not change does not move at all. Without it (a map restored from the cache),
 * each point goes to the centre of its new neighbours.
 */
export function placeByNeighbors(previousMap: Float32Array, graph: NeighborGraph, previousGraph: NeighborGraph | null, rows: { from: number; to: number }, out: Float32Array): void {
  const centre = new Float64Array(2);
  const oldCentre = new Float64Array(2);
  out.set(previousMap);
  // Points that move together (a whole cluster) are each other's neighbours: a few sweeps, each
  // using the positions of the last, let a group follow its new neighbourhood all the way.
  const current = Float32Array.from(previousMap);
  for (let sweep = 0; sweep < PLACEMENT_SWEEPS; sweep++) {
    for (let point = rows.from; point < rows.to; point++) {
      if (!neighborhoodCentre(current, graph, point, centre)) continue;
      if (previousGraph && neighborhoodCentre(previousMap, previousGraph, point, oldCentre)) {
        out[2 * point] = (previousMap[2 * point] as number) + (centre[0] as number) - (oldCentre[0] as number);
        out[2 * point + 1] = (previousMap[2 * point + 1] as number) + (centre[1] as number) - (oldCentre[1] as number);
      } else {
        out[2 * point] = centre[0] as number;
        out[2 * point + 1] = centre[1] as number;
      }
    }
    current.set(out);
  }
}

/** Inverse-distance-weighted centre of `point`'s neighbours in `map`; false when it has none. */
function neighborhoodCentre(map: Float32Array, graph: NeighborGraph, point: number, out: Float64Array): boolean {
  const k = graph.k;
  let x = 0;
  let y = 0;
  let total = 0;
  const nearest = Math.max(graph.distances[point * k] as number, 1e-12);
  for (let slot = 0; slot < k; slot++) {
    const other = graph.indices[point * k + slot] as number;
    if (other < 0) continue;
    // Relative to the nearest distance, so the weights do not depend on the data's scale.
    const weight = 1 / (1e-6 + (graph.distances[point * k + slot] as number) / nearest);
    x += weight * (map[2 * other] as number);
    y += weight * (map[2 * other + 1] as number);
    total += weight;
  }
  if (total === 0) return false;
  out[0] = x / total;
  out[1] = y / total;
  return true;
}
