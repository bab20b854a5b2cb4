/**
 * The pure half of MaGNET: from the pool's latents and Jacobians to the chosen pool indices. The
 * trainer computes the Jacobians; everything after them is here so it can be tested without tfjs.
 */
import { standardNormalLogDensities } from './latentPrior';
import type { MagnetOptions } from './options';
import { magnetRandom } from './randomStreams';
import { normaliseLogWeights, resamplingLogWeights } from './resamplingWeights';
import { sampleWithoutReplacement } from './resample';
import { logVolumeElements } from './volumeElement';

export interface MagnetPool {
  /** Row-major [poolSize, latentDim]. */
  readonly latents: Float32Array;
  readonly latentDim: number;
  /** Projected Jacobians back to back, [poolSize, rows, latentDim]. */
  readonly jacobians: Float32Array;
  readonly rows: number;
}

export interface MagnetSelection {
  /** log ∏ of the top-k singular values, per pool member. */
  readonly logVolumes: Float64Array;
  /** Resampling probabilities, per pool member, summing to 1. */
  readonly weights: Float64Array;
  /** The pool members drawn, in draw order. */
  readonly chosenIndices: Int32Array;
}

export function selectMagnetSamples(pool: MagnetPool, options: Pick<MagnetOptions, 'k' | 'rho' | 'sampleCount' | 'seed' | 'priorCorrection'>): MagnetSelection {
  const count = pool.latents.length / pool.latentDim;
  if (!Number.isInteger(count)) throw new RangeError(`latents (${pool.latents.length} values) are not whole rows of ${pool.latentDim}`);
  const logVolumes = logVolumeElements(pool.jacobians, count, pool.rows, pool.latentDim, options.k);
  const logPriors = options.priorCorrection ? standardNormalLogDensities(pool.latents, pool.latentDim) : undefined;
  const logWeights = resamplingLogWeights(logVolumes, options.rho, logPriors);
  const weights = normaliseLogWeights(logWeights);
  const chosenIndices = sampleWithoutReplacement(logWeights, options.sampleCount, magnetRandom(options.seed, 'resampling').uniform);
  return { logVolumes, weights, chosenIndices };
}
