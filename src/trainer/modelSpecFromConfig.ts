/** The trainer's model spec for a config: the `model` section plus the optimiser settings of `training`. */
import type { ExperimentConfig } from '../core/config/types';
import type { ModelSpec } from './models/spec';

export function modelSpecFromConfig(config: Pick<ExperimentConfig, 'model' | 'training'>): ModelSpec {
  const { model, training } = config;
  const base = {
    architecture: model.architecture,
    latentDim: model.latentDim,
    hidden: model.hidden,
    baseChannels: model.baseChannels,
    pixelNorm: model.pixelNorm,
    optimizer: { learningRate: training.learningRate, beta1: training.beta1, beta2: training.beta2 },
  };
  switch (model.type) {
    case 'gan':
      return { type: 'gan', ...base, hiddenByNetwork: { generator: model.generator.hidden, discriminator: model.discriminator.hidden } };
    case 'wgan-gp':
      return {
        type: 'wgan-gp',
        ...base,
        hiddenByNetwork: { generator: model.generator.hidden, discriminator: model.discriminator.hidden },
        gradientPenalty: model.gradientPenalty,
        criticIterations: model.criticIterations,
      };
    case 'vae':
      return { type: 'vae', ...base, decoder: model.decoder, decoderSigma: model.decoderSigma, klAnnealIterations: model.klAnnealIterations };
  }
}
