import type { SeededRandom } from '../random';
import type { FuzzyEdges } from './fuzzyGraph';
import { buildGradientTable, exactAttraction, exactRepulsion, TABLE_MAX_DISTANCE, TABLE_STEPS_PER_UNIT } from './gradientTable';

let sharedTable: ReturnType<typeof buildGradientTable> | undefined;

/** UMAP's curve 1 / (1 + a·d^(2b)) fitted for min_dist = 0.1, spread = 1 (umap-learn's defaults). */
export const CURVE_A = 1.576943460405378;
export const CURVE_B = 0.8950608781227859;

const NEGATIVE_SAMPLE_RATE = 5;
const GRADIENT_CLIP = 4;

export interface LayoutOptions {
  readonly epochs: number;
  readonly initialLearningRate: number;
  readonly random: SeededRandom;
  /**
   * Per-point step multiplier in [0, 1]: 1 moves freely, 0 pins the point. Lets a warm refinement
   * move the generated points while the real reference, the map's frame, barely shifts.
   */
  readonly mobility?: Float32Array;
}

/**
 * UMAP's stochastic gradient descent on a 2-D layout, in place: each edge attracts its ends as often
 * as its weight says, and each attraction comes with negative samples that repel the head from
 * random points. `coordinates` is [x0, y0, x1, y1, …].
 */
export function optimizeLayout(coordinates: Float32Array, n: number, edges: FuzzyEdges, options: LayoutOptions): void {
  const { epochs, random } = options;
  if (epochs <= 0 || edges.count === 0) return;
  const mobility = options.mobility;
  let maxWeight = 0;
  for (let e = 0; e < edges.count; e++) maxWeight = Math.max(maxWeight, edges.weight[e] as number);

  // Keep only edges sampled at least once over the run; their sampling period is maxWeight / weight epochs.
  const head: number[] = [];
  const tail: number[] = [];
  const period: number[] = [];
  for (let e = 0; e < edges.count; e++) {
    const w = edges.weight[e] as number;
    if (w < maxWeight / epochs) continue;
    // An edge between two pinned points can move nothing.
    if (mobility && mobility[edges.head[e] as number] === 0 && mobility[edges.tail[e] as number] === 0) continue;
    head.push(edges.head[e] as number);
    tail.push(edges.tail[e] as number);
    period.push(maxWeight / w);
  }
  const count = head.length;
  const heads = Int32Array.from(head);
  const tails = Int32Array.from(tail);
  const epochsPerSample = Float64Array.from(period);
  const nextSample = Float64Array.from(period);
  const epochsPerNegative = new Float64Array(count);
  const nextNegative = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    epochsPerNegative[e] = (epochsPerSample[e] as number) / NEGATIVE_SAMPLE_RATE;
    nextNegative[e] = epochsPerNegative[e] as number;
  }

  const a = CURVE_A;
  const b = CURVE_B;
  sharedTable ??= buildGradientTable(a, b);
  const attractionTable = sharedTable.attraction;
  const repulsionTable = sharedTable.repulsion;
  const steps = TABLE_STEPS_PER_UNIT;
  const tableLimit = TABLE_MAX_DISTANCE;
  // xorshift32 inline: the negative-sampling draw is the innermost operation of the whole projection.
  let state = (random.int(0x7fffffff) | 1) >>> 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = options.initialLearningRate * (1 - epoch / epochs);
    for (let e = 0; e < count; e++) {
      if ((nextSample[e] as number) > epoch) continue;
      const j = heads[e] as number;
      const other = tails[e] as number;
      const moveJ = mobility ? (mobility[j] as number) * alpha : alpha;
      const moveOther = mobility ? (mobility[other] as number) * alpha : alpha;
      let jx = coordinates[2 * j] as number;
      let jy = coordinates[2 * j + 1] as number;
      const dx = jx - (coordinates[2 * other] as number);
      const dy = jy - (coordinates[2 * other + 1] as number);
      const distSquared = dx * dx + dy * dy;
      if (distSquared > 0) {
        const r = Math.sqrt(distSquared) * steps;
        const cell = r | 0;
        let coefficient: number;
        if (cell >= 1 && r < tableLimit * steps) {
          const low = attractionTable[cell] as number;
          coefficient = low + (r - cell) * ((attractionTable[cell + 1] as number) - low);
        } else {
          coefficient = exactAttraction(distSquared, a, b);
        }
        const gx = clip(coefficient * dx);
        const gy = clip(coefficient * dy);
        jx += gx * moveJ;
        jy += gy * moveJ;
        coordinates[2 * other] = (coordinates[2 * other] as number) - gx * moveOther;
        coordinates[2 * other + 1] = (coordinates[2 * other + 1] as number) - gy * moveOther;
      }
      nextSample[e] = (nextSample[e] as number) + (epochsPerSample[e] as number);

      const negatives = moveJ === 0 ? 0 : Math.floor((epoch - (nextNegative[e] as number)) / (epochsPerNegative[e] as number));
      for (let p = 0; p < negatives; p++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const q = (state >>> 0) % n;
        if (q === j) continue;
        const nx = jx - (coordinates[2 * q] as number);
        const ny = jy - (coordinates[2 * q + 1] as number);
        const negSquared = nx * nx + ny * ny;
        if (negSquared > 0) {
          const r = Math.sqrt(negSquared) * steps;
          const cell = r | 0;
          let coefficient: number;
          if (cell >= 1 && r < tableLimit * steps) {
            const low = repulsionTable[cell] as number;
            coefficient = low + (r - cell) * ((repulsionTable[cell + 1] as number) - low);
          } else {
            coefficient = exactRepulsion(negSquared, a, b);
          }
          jx += clip(coefficient * nx) * moveJ;
          jy += clip(coefficient * ny) * moveJ;
        } else {
          // Two points on the same spot: push apart by the clip value, as umap-learn does.
          jx += GRADIENT_CLIP * moveJ;
          jy += GRADIENT_CLIP * moveJ;
        }
      }
      if (negatives > 0) nextNegative[e] = (nextNegative[e] as number) + negatives * (epochsPerNegative[e] as number);
      coordinates[2 * j] = jx;
      coordinates[2 * j + 1] = jy;
    }
  }
}

function clip(value: number): number {
  return value > GRADIENT_CLIP ? GRADIENT_CLIP : value < -GRADIENT_CLIP ? -GRADIENT_CLIP : value;
}
