/**
 * Precision and recall (Kynkäänniemi et al. 2019, "Improved precision and recall metric for
 * assessing generative models") and density and coverage (Naeem et al. 2020, "Reliable fidelity
 * and diversity metrics for generative models"), all from k-nearest-neighbour balls: the ball of a
 * row has its distance to its k-th nearest neighbour in its own set (itself excluded) as radius.
 *
 *   precision = share of generated rows inside at least one real ball
 *   recall    = share of real rows inside at least one generated ball
 *   density   = (1 / kM) Σ_generated (number of real balls containing it)      (can exceed 1)
 *   coverage  = share of real rows whose own ball contains at least one generated row
 *
 * Exact (no approximate neighbours): ClusterIndex prunes pairs with the triangle inequality.
 */
import { ClusterIndex } from './neighbors/clusterIndex';

export interface Prdc {
  readonly precision: number;
  readonly recall: number;
  readonly density: number;
  readonly coverage: number;
  readonly k: number;
  readonly realCount: number;
  readonly generatedCount: number;
}

/** The real side of PRDC, reusable across snapshots while the real reference is unchanged. */
export interface RealNeighbors {
  readonly index: ClusterIndex;
  /** k-NN radius of each real row. */
  readonly radii: Float64Array;
  readonly k: number;
}

export const DEFAULT_PRDC_K = 5;

function checkK(k: number, n: number, what: string): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (n <= k) throw new RangeError(`k = ${k} needs more than ${k} ${what} rows, got ${n}`);
}

export function realNeighbors(real: Float32Array, nReal: number, dim: number, k: number = DEFAULT_PRDC_K): RealNeighbors {
  checkK(k, nReal, 'real');
  const index = ClusterIndex.build(real, nReal, dim);
  return { index, radii: index.kthNearest(real, nReal, k, true), k };
}

export function prdc(real: Float32Array, nReal: number, generated: Float32Array, nGenerated: number, dim: number, k: number = DEFAULT_PRDC_K, reference?: RealNeighbors): Prdc {
  checkK(k, nReal, 'real');
  checkK(k, nGenerated, 'generated');
  const realSide = reference && reference.k === k && reference.index.n === nReal ? reference : realNeighbors(real, nReal, dim, k);
  const generatedIndex = ClusterIndex.build(generated, nGenerated, dim);
  const generatedRadii = generatedIndex.kthNearest(generated, nGenerated, k, true);

  const inside = realSide.index.countInsideBalls(generated, nGenerated, realSide.radii);
  let precise = 0;
  let containing = 0;
  for (let j = 0; j < nGenerated; j++) {
    const count = inside[j] as number;
    if (count > 0) precise++;
    containing += count;
  }
  const { inBall, ownBallHit } = generatedIndex.reach(real, nReal, generatedRadii, realSide.radii);
  let recalled = 0;
  let covered = 0;
  for (let i = 0; i < nReal; i++) {
    recalled += inBall[i] as number;
    covered += ownBallHit[i] as number;
  }
  return {
    precision: precise / nGenerated,
    recall: recalled / nReal,
    density: containing / (k * nGenerated),
    coverage: covered / nReal,
    k,
    realCount: nReal,
    generatedCount: nGenerated,
  };
}
