/**
 * MaGNET and polarity sampling of a trained generator (Humayun, Balestriero, Baraniuk 2022):
 * draw a pool of latents, weigh each by its volume element raised to ρ, and resample the pool.
 * See docs/magnet.md.
 */
import { resolveMagnetOptions, type MagnetOptions, type MagnetRequest } from '../../core/magnet/options';
import { randomProjection } from '../../core/magnet/randomProjection';
import { magnetRandom, normalDraws } from '../../core/magnet/randomStreams';
import { effectiveSampleSize } from '../../core/magnet/resamplingWeights';
import { selectMagnetSamples, type MagnetPool } from '../../core/magnet/selectSamples';
import type { Tf } from '../tf';
import { gatherRows, generateSamples } from './generateSamples';
import { projectedJacobians, type LatentGenerator } from './projectedJacobians';

export interface MagnetSampling {
  /** The options after defaults. */
  readonly options: MagnetOptions;
  /** Rows of the projected Jacobians (the output dimension when it is at most projectionDim). */
  readonly projectedRows: number;
  /** The whole pool, row-major [poolSize, latentDim]. */
  readonly poolLatents: Float32Array;
  /** Per pool member: log of the product of the top-k singular values. */
  readonly logVolumes: Float64Array;
  /** Per pool member: resampling probability. */
  readonly weights: Float64Array;
  /** How many equally weighted pool members the weights are worth: far below poolSize means few members dominate. */
  readonly effectiveSampleSize: number;
  /** Pool indices of the MaGNET samples, in draw order. */
  readonly chosenIndices: Int32Array;
  /** The chosen latents [sampleCount, latentDim] and their samples [sampleCount, ...sampleShape]. */
  readonly latents: Float32Array;
  readonly samples: Float32Array;
  /** For comparison: the first sampleCount pool members, i.e. ordinary z ~ N(0, I) sampling, and their samples. */
  readonly standardLatents: Float32Array;
  readonly standardSamples: Float32Array;
}

/** The expensive half, kept so other ρ, k or sample counts can be drawn without new Jacobians. */
export interface MagnetPoolResult {
  readonly options: MagnetOptions;
  readonly pool: MagnetPool;
}

/** What may change between draws from one pool: everything the Jacobians do not depend on. */
export type MagnetDrawRequest = Pick<MagnetRequest, 'rho' | 'k' | 'sampleCount' | 'priorCorrection'>;

/** Draws the pool (from the seed's 'pool' stream) and computes each member's projected Jacobian. */
export function computeMagnetPool(tf: Tf, generator: LatentGenerator, request: MagnetRequest = {}): MagnetPoolResult {
  const outputDim = outputSize(generator);
  const options = resolveMagnetOptions(request, { latentDim: generator.latentDim, outputDim });
  const latents = normalDraws(magnetRandom(options.seed, 'pool'), options.poolSize * generator.latentDim);
  const projection = randomProjection(outputDim, options.projectionDim, magnetRandom(options.seed, 'projection'));
  const jacobians = projectedJacobians(tf, generator, latents, projection);
  return { options, pool: { latents, latentDim: generator.latentDim, jacobians, rows: projection.rows } };
}

/** Weighs and resamples a computed pool, with `overrides` applied to the options it was computed with. */
export function drawFromMagnetPool(tf: Tf, generator: LatentGenerator, computed: MagnetPoolResult, overrides: MagnetDrawRequest = {}): MagnetSampling {
  const latentDim = computed.pool.latentDim;
  if (generator.latentDim !== latentDim) throw new RangeError(`the pool has ${latentDim}-dimensional latents, the generator takes ${generator.latentDim}`);
  const options = resolveMagnetOptions({ ...computed.options, ...overrides }, { latentDim, outputDim: outputSize(generator) });
  const selection = selectMagnetSamples(computed.pool, options);
  const latents = gatherRows(computed.pool.latents, latentDim, selection.chosenIndices);
  const standardLatents = computed.pool.latents.slice(0, options.sampleCount * latentDim);
  return {
    options,
    projectedRows: computed.pool.rows,
    poolLatents: computed.pool.latents,
    logVolumes: selection.logVolumes,
    weights: selection.weights,
    effectiveSampleSize: effectiveSampleSize(selection.weights),
    chosenIndices: selection.chosenIndices,
    latents,
    samples: generateSamples(tf, generator, latents),
    standardLatents,
    standardSamples: generateSamples(tf, generator, standardLatents),
  };
}

/** MaGNET (ρ = 1) or polarity sampling of `generator` in one call. */
export function magnetSample(tf: Tf, generator: LatentGenerator, request: MagnetRequest = {}): MagnetSampling {
  return drawFromMagnetPool(tf, generator, computeMagnetPool(tf, generator, request));
}

function outputSize(generator: LatentGenerator): number {
  return generator.sampleShape.reduce((product, size) => product * size, 1);
}
