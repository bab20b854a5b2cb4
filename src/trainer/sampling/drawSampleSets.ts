/**
 * The control channel's `sample` (docs/control-channel.md, "Sampling"): `count` standard samples
 * (the first members of a pool of z ~ N(0, I)) and `count` MaGNET samples chosen from the same
 * pool, both evaluated, as the arrays of one `sampled` event. Checking is split from drawing: a
 * bad request is refused at once, while the drawing (Jacobians of the whole pool) runs between two
 * steps after the command has been acknowledged.
 */
import { resolveMagnetOptions, type MagnetOptions, type MagnetRequest } from '../../core/magnet/options';
import { SAMPLE_LIMITS, type SampleCommand } from '../../protocol/control';
import { sampleSetArrayNames, type NumericArray, type SampleSetName } from '../../protocol/stream';
import type { Evaluator } from '../evaluator/evaluator';
import { magnetSample } from '../magnet/magnetSample';
import type { LatentGenerator } from '../magnet/projectedJacobians';
import type { Tf } from '../tf';
import { SampleError } from './sampleError';
import { sampleOutputArrays, type SampleOutputForm } from './sampleOutputs';

export type SampleRequest = Omit<SampleCommand, 'type' | 'id'>;

export interface SampleSource {
  readonly tf: Tf;
  /** The model; `type` says what its latent feeds (a VAE's decoder, a GAN's generator). */
  readonly model: LatentGenerator & { readonly type: string };
  /** Absent until the run's evaluator is ready: the sets are compared by its outputs. */
  readonly evaluator: Evaluator | undefined;
  readonly form: SampleOutputForm;
  /** The run's seed: the pool is drawn from it and the iteration, so a repeat at one iteration repeats. */
  readonly seed: number;
}

/** What a `sampled` event records. */
export interface SampleOutcome {
  readonly message: string;
  /** JSON-safe: the options used and what was sampled. */
  readonly details: Readonly<Record<string, unknown>>;
  readonly arrays: Readonly<Record<string, NumericArray>>;
}

/** The drawing itself, for the iteration at which it runs. */
export type SampleDrawing = (iteration: number) => SampleOutcome;

/** Checks the request against the model now (throws a SampleError, drawing nothing) and returns the drawing. */
export function prepareSampling(source: SampleSource, request: SampleRequest): SampleDrawing {
  if (request.method !== 'magnet') throw new SampleError('invalid-request', `unknown sampling method "${String(request.method)}"; expected magnet`);
  const { model, evaluator } = source;
  if (!(Number.isSafeInteger(model.latentDim) && model.latentDim >= 1)) throw new SampleError('not-supported', `this ${model.type} model has no latent to sample`);
  if (!evaluator) throw new SampleError('not-supported', "the run's evaluator is not ready yet, and the samples are compared by its outputs; try again once training has started");
  const magnetRequest: MagnetRequest = {
    sampleCount: request.count ?? SAMPLE_LIMITS.defaultCount,
    ...(request.poolSize !== undefined ? { poolSize: request.poolSize } : {}),
    ...(request.k !== undefined ? { k: request.k } : {}),
    ...(request.rho !== undefined ? { rho: request.rho } : {}),
  };
  const outputDim = model.sampleShape.reduce((product, size) => product * size, 1);
  try {
    resolveMagnetOptions(magnetRequest, { latentDim: model.latentDim, outputDim });
  } catch (error) {
    if (error instanceof RangeError) throw new SampleError('invalid-request', error.message);
    throw error;
  }
  return (iteration) => drawSampleSets(source, evaluator, magnetRequest, iteration);
}

function drawSampleSets(source: SampleSource, evaluator: Evaluator, request: MagnetRequest, iteration: number): SampleOutcome {
  const { tf, model } = source;
  // A seed per (run seed, iteration): another request later draws a fresh pool.
  const seed = (Math.imul(source.seed >>> 0, 0x9e3779b1) ^ Math.imul(iteration + 1, 0x85ebca6b)) >>> 0;
  const sampling = magnetSample(tf, model, { ...request, seed });
  const { options } = sampling;
  const count = options.sampleCount;
  const arrays: Record<string, NumericArray> = {
    ...setArrays(source, evaluator, 'standard', sampling.standardSamples, sampling.standardLatents, count),
    ...setArrays(source, evaluator, 'magnet', sampling.samples, sampling.latents, count),
  };
  const sampled = model.type === 'vae' ? 'decoder' : 'generator';
  const what = sampled === 'decoder' ? "the VAE's decoder (its means for z ~ N(0, I))" : 'the generator';
  return {
    message: `at iteration ${iteration}: ${count} standard and ${count} MaGNET samples of ${what}; ${optionsText(options)}, effective pool size ${Math.round(sampling.effectiveSampleSize)}`,
    details: {
      method: 'magnet',
      sampled,
      iteration,
      count,
      poolSize: options.poolSize,
      k: options.k,
      rho: options.rho,
      projectionDim: options.projectionDim,
      seed: options.seed,
      priorCorrection: options.priorCorrection,
      effectiveSampleSize: sampling.effectiveSampleSize,
    },
    arrays,
  };
}

function optionsText(options: MagnetOptions): string {
  return `pool ${options.poolSize}, ρ = ${options.rho}, k = ${options.k}`;
}

function setArrays(source: SampleSource, evaluator: Evaluator, set: SampleSetName, samples: Float32Array, latents: Float32Array, count: number): Record<string, NumericArray> {
  const names = sampleSetArrayNames(set);
  const outputs = sampleOutputArrays(source.form, samples, count);
  const arrays: Record<string, NumericArray> = {
    [names.samples]: outputs.samples,
    [names.latent]: { dtype: 'float32', shape: [count, source.model.latentDim], data: latents },
  };
  if (outputs.thumbs) arrays[names.thumbs] = outputs.thumbs;
  const evaluated = evaluator.evaluate(samples, count);
  // As in snapshots: 2-D points are their own features, so only a network's features are written.
  if (evaluator.kind !== 'coordinates') arrays[names.features] = { dtype: 'float32', shape: [count, evaluator.featureDim], data: evaluated.features };
  const attributeCount = evaluator.attributes.length;
  if (attributeCount > 0) {
    arrays[names.predictions] = { dtype: 'int32', shape: [count, attributeCount], data: evaluated.predictions };
    arrays[names.confidence] = { dtype: 'float32', shape: [count, attributeCount], data: evaluated.confidence };
  }
  return arrays;
}
