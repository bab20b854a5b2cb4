/**
 * The known density of an equal-weight 2-D Gaussian mixture, and what it says about a set of
 * points (real or generated): mean log-likelihood, which modes are covered, and how many
 * points are "high quality" (close to some mode).
 */

export type Point2 = readonly [number, number];

/** log p(x, y) for equal weights 1/K and isotropic σ: log Σ_k N((x, y); μ_k, σ²I) − log K. */
export function mixtureLogDensity(centres: readonly Point2[], sigma: number, x: number, y: number): number {
  if (centres.length === 0) throw new Error('a mixture needs at least one mode');
  if (!(sigma > 0)) throw new RangeError(`sigma must be positive, got ${sigma}`);
  const exponents = centres.map(([cx, cy]) => -((x - cx) ** 2 + (y - cy) ** 2) / (2 * sigma * sigma));
  // log-sum-exp around the largest term, so points far from every mode do not underflow to -Infinity.
  const largest = Math.max(...exponents);
  const sum = exponents.reduce((total, e) => total + Math.exp(e - largest), 0);
  return largest + Math.log(sum) - Math.log(centres.length) - Math.log(2 * Math.PI * sigma * sigma);
}

export function nearestMode(centres: readonly Point2[], x: number, y: number): { readonly index: number; readonly distance: number } {
  let index = -1;
  let distance = Infinity;
  centres.forEach(([cx, cy], k) => {
    const d = Math.hypot(x - cx, y - cy);
    if (d < distance) {
      distance = d;
      index = k;
    }
  });
  return { index, distance };
}

export interface MixtureFitOptions {
  /** A point within this many σ of its nearest mode is high quality. Default 3. */
  readonly highQualitySigmas?: number;
  /** A mode is covered when it holds at least this fraction of its fair share (N / K) of high-quality points. Default 0.1. */
  readonly minShareOfFair?: number;
}

export interface MixtureFit {
  readonly meanLogLikelihood: number;
  /** High-quality points nearest each mode. */
  readonly modeCounts: readonly number[];
  readonly modesCovered: number;
  readonly highQualityShare: number;
}

/** Summarises `points` (row-major [N, 2]) against the mixture. */
export function mixtureFit(points: Float32Array, centres: readonly Point2[], sigma: number, options: MixtureFitOptions = {}): MixtureFit {
  if (points.length % 2 !== 0) throw new Error(`points must hold (x, y) pairs, got ${points.length} values`);
  const count = points.length / 2;
  const limit = (options.highQualitySigmas ?? 3) * sigma;
  const modeCounts = new Array<number>(centres.length).fill(0);
  let logLikelihood = 0;
  let highQuality = 0;
  for (let i = 0; i < count; i++) {
    const x = points[2 * i] as number;
    const y = points[2 * i + 1] as number;
    logLikelihood += mixtureLogDensity(centres, sigma, x, y);
    const nearest = nearestMode(centres, x, y);
    if (nearest.distance <= limit) {
      highQuality++;
      modeCounts[nearest.index]!++;
    }
  }
  const needed = (options.minShareOfFair ?? 0.1) * (count / centres.length);
  return {
    meanLogLikelihood: count > 0 ? logLikelihood / count : NaN,
    modeCounts,
    modesCovered: modeCounts.filter((n) => n > 0 && n >= needed).length,
    highQualityShare: count > 0 ? highQuality / count : NaN,
  };
}
