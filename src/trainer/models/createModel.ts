/**
 * Builds the model a spec describes for data of a given shape and range, with its weights drawn
 * from the run seed's 'init' stream and its training noise from the 'noise' stream.
 */
import { createDenseOp } from '../dense';
import { createRandom, type RandomSource } from '../random';
import type { Tf } from '../tf';
import type { NetworkContext } from './buildNetworks';
import { NonSaturatingGan } from './ganModel';
import type { DataRange, GenerativeModel } from './model';
import { ModelSupport } from './modelSupport';
import type { ModelSpec } from './spec';
import { Vae } from './vaeModel';
import { WganGp } from './wganGpModel';

export interface ModelData {
  /** One sample's shape: [d] for vectors, [height, width, channels] for images. */
  readonly sampleShape: readonly number[];
  readonly range: DataRange;
}

/**
 * `noise` defaults to the seed's 'noise' stream; a caller that checkpoints passes its own
 * (resumable) one so that it can save and restore the stream's position.
 */
export function createModel(tf: Tf, spec: ModelSpec, data: ModelData, seed: number, noise: RandomSource = createRandom(seed, 'noise')): GenerativeModel {
  const widths = [spec.hidden, ...Object.values(spec.hiddenByNetwork ?? {})];
  if (spec.architecture === 'mlp' && widths.some((hidden) => hidden.some((width) => !Number.isInteger(width) || width < 1))) {
    throw new Error(`hidden layer widths must be positive integers, got ${widths.map((hidden) => `[${hidden.join(', ')}]`).join(', ')}`);
  }
  const support = new ModelSupport(tf, data.sampleShape, spec.latentDim, data.range, noise);
  const context: NetworkContext = { tf, dense: createDenseOp(tf), spec, sampleShape: data.sampleShape, random: createRandom(seed, 'init') };
  switch (spec.type) {
    case 'gan':
      return new NonSaturatingGan(tf, spec, context, support);
    case 'wgan-gp':
      return new WganGp(tf, spec, context, support);
    case 'vae':
      return new Vae(tf, spec, context, support);
  }
}
