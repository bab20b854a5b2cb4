/**
 * Known-density measures for a 2-D Gaussian mixture (the ring/grid demos): mean log-likelihood of
 * generated points under the true mixture (the measure of "The Bid Picture"), how many modes the
 * generator covers, and the share of high-quality points (within `highQualitySigmas` σ of a mode).
 * The arithmetic is src/core/measure/mixtureDensity.ts; this adds the shares and validation.
 */
import { mixtureFit, type Point2 } from '../measure/mixtureDensity';

export interface MixtureInput {
  /** Generated points, row-major [N, 2]. */
  readonly points: Float32Array;
  readonly centres: readonly Point2[];
  readonly sigma: number;
}

export interface MixtureMeasures {
  readonly meanLogLikelihood: number | null;
  readonly modesCovered: number;
  readonly modeCount: number;
  /** modesCovered / modeCount. */
  readonly modesCoveredShare: number;
  readonly highQualityShare: number | null;
  /** High-quality points nearest each mode. */
  readonly modeCounts: readonly number[];
  readonly pointCount: number;
}

export interface MixtureOptions {
  readonly highQualitySigmas?: number;
  /** A mode counts as covered with at least this fraction of its fair share N/K of high-quality points. */
  readonly minShareOfFair?: number;
}

export function mixtureMeasures(input: MixtureInput, options: MixtureOptions = {}): MixtureMeasures {
  if (input.points.length % 2 !== 0) throw new RangeError(`mixture points must be (x, y) pairs, got ${input.points.length} values`);
  let finite = true;
  for (let i = 0; i < input.points.length; i++) if (!Number.isFinite(input.points[i] as number)) finite = false;
  if (!finite) throw new RangeError('generated points contain NaN or Infinity');
  const fit = mixtureFit(input.points, input.centres, input.sigma, {
    highQualitySigmas: options.highQualitySigmas ?? 3,
    minShareOfFair: options.minShareOfFair ?? 0.1,
  });
  const modeCount = input.centres.length;
  return {
    meanLogLikelihood: Number.isFinite(fit.meanLogLikelihood) ? fit.meanLogLikelihood : null,
    modesCovered: fit.modesCovered,
    modeCount,
    modesCoveredShare: fit.modesCovered / modeCount,
    highQualityShare: Number.isFinite(fit.highQualityShare) ? fit.highQualityShare : null,
    modeCounts: fit.modeCounts,
    pointCount: input.points.length / 2,
  };
}
