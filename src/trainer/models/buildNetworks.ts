/**
 * Builds a model's networks for its architecture: MLPs (any sample shape, flattened) or
 * DCGAN-style convolutional nets (images [height, width, channels]).
 */
import type { DenseOp } from '../dense';
import type { RandomSource } from '../random';
import type { Tf } from '../tf';
import { ConvCritic } from './convCritic';
import { ConvGenerator } from './convGenerator';
import { MlpNetwork } from './mlpNetwork';
import type { Network } from './network';
import type { ModelSpec } from './spec';

export interface NetworkContext {
  readonly tf: Tf;
  readonly dense: DenseOp;
  readonly spec: ModelSpec;
  readonly sampleShape: readonly number[];
  readonly random: RandomSource;
}

/** Latent [n, latentDim] → pre-activation samples [n, ...sampleShape]. */
export function buildGenerator(context: NetworkContext, name: string): Network {
  const { tf, dense, spec, sampleShape, random } = context;
  if (spec.architecture === 'conv') {
    return new ConvGenerator(tf, dense, { name, latentDim: spec.latentDim, imageShape: sampleShape, baseChannels: spec.baseChannels, pixelNorm: spec.pixelNorm }, random);
  }
  // ReLU in generators, LeakyReLU in discriminators: the usual DCGAN pairing.
  return new MlpNetwork(tf, dense, { name, inputShape: [spec.latentDim], hidden: hiddenOf(spec, name), outputShape: sampleShape, activation: 'relu' }, random);
}

/** Samples [n, ...sampleShape] → [n, outputSize]: 1 for a discriminator or critic, 2·latentDim for an encoder. */
export function buildCritic(context: NetworkContext, name: string, outputSize: number): Network {
  const { tf, dense, spec, sampleShape, random } = context;
  if (spec.architecture === 'conv') {
    return new ConvCritic(tf, dense, { name, imageShape: sampleShape, baseChannels: spec.baseChannels, outputSize }, random);
  }
  return new MlpNetwork(tf, dense, { name, inputShape: sampleShape, hidden: hiddenOf(spec, name), outputShape: [outputSize], activation: 'leakyRelu' }, random);
}

function hiddenOf(spec: ModelSpec, network: string): readonly number[] {
  const own = spec.hiddenByNetwork !== undefined && Object.hasOwn(spec.hiddenByNetwork, network) ? spec.hiddenByNetwork[network] : undefined;
  return own ?? spec.hidden;
}
