/**
 * The command lines of the PyTorch peers (bench/python/), built from the same example config the
 * tfjs figures train, so that both sides run one model with one set of sizes.
 */
import * as path from 'node:path';
import type { ExperimentConfig } from '../../src/core/config/types';
import type { StepPlan } from './trainingSpeed';

const PYTHON_DIR = path.resolve(__dirname, '..', 'python');
export const MLP_GAN_SCRIPT = path.join(PYTHON_DIR, 'mlpgan_torch.py');
export const CONV_SCRIPT = path.join(PYTHON_DIR, 'conv_torch.py');

/** MNIST digits as the trainer's dataset delivers them: 28×28, one channel. */
const MNIST_SIDE = 28;
const MNIST_CHANNELS = 1;

function commonArguments(config: ExperimentConfig, plan: StepPlan): string[] {
  const { training } = config;
  return [
    ...['--batch', String(training.batchSize), '--lr', String(training.learningRate), '--beta1', String(training.beta1), '--beta2', String(training.beta2)],
    ...['--seed', String(config.seed), '--warmup', String(plan.warmupSteps), '--steps', String(plan.stepsPerRepeat), '--repeats', String(plan.repeats), '--threads', '1'],
  ];
}

/** bench/python/mlpgan_torch.py for the MLP GAN on the ring of Gaussians. */
export function mlpGanPeerArguments(config: ExperimentConfig, plan: StepPlan): string[] {
  const { model, dataset } = config;
  if (dataset.type !== 'gaussian-mixture' || dataset.layout !== 'ring') throw new Error(`the MLP PyTorch peer only knows the ring of Gaussians (got ${dataset.type})`);
  if (model.type !== 'gan' || model.architecture !== 'mlp') throw new Error(`the MLP PyTorch peer only knows the MLP GAN (got ${model.type}, ${model.architecture})`);
  return [
    MLP_GAN_SCRIPT,
    ...['--latent', String(model.latentDim), '--hidden-g', model.generator.hidden.join(','), '--hidden-d', model.discriminator.hidden.join(',')],
    ...['--modes', String(dataset.modes), '--radius', String(dataset.radius), '--sigma', String(dataset.sigma)],
    ...commonArguments(config, plan),
  ];
}

export interface ConvPeerOptions {
  /** The generator's upsampling fused into its 3×3 convolutions, as genmon computes them. */
  readonly fusedUpsample?: boolean;
}

/** bench/python/conv_torch.py for the conv GAN (non-saturating) or the conv VAE (Bernoulli decoder) on MNIST. */
export function convPeerArguments(config: ExperimentConfig, plan: StepPlan, options: ConvPeerOptions = {}): string[] {
  const { model, dataset } = config;
  if (dataset.type !== 'mnist') throw new Error(`the conv PyTorch peer only knows MNIST (got ${dataset.type})`);
  if (model.architecture !== 'conv') throw new Error(`the conv PyTorch peer needs architecture conv (got ${model.architecture})`);
  const shared = ['--side', String(MNIST_SIDE), '--channels', String(MNIST_CHANNELS), '--latent', String(model.latentDim), '--base-channels', String(model.baseChannels)];
  if (model.pixelNorm) shared.push('--pixel-norm');
  if (options.fusedUpsample) shared.push('--fused-upsample');
  if (model.type === 'gan') return [CONV_SCRIPT, '--model', 'gan', ...shared, ...commonArguments(config, plan)];
  if (model.type === 'vae') {
    if (model.decoder !== 'bernoulli') throw new Error(`the conv PyTorch peer only knows the Bernoulli decoder (got ${model.decoder})`);
    return [CONV_SCRIPT, '--model', 'vae', ...shared, '--kl-anneal', String(model.klAnnealIterations), ...commonArguments(config, plan)];
  }
  throw new Error(`the conv PyTorch peer knows the GAN and the VAE, not ${model.type}`);
}
