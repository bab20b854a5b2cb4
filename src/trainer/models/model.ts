/**
 * The interface every trainable generative model offers the training loop, snapshots and
 * checkpoints, whatever its type (GAN, WGAN-GP, VAE) and architecture (MLP, conv).
 */
import type { Tensor, Variable } from '../tf';
import type { ModelType } from './spec';
import type * as tfjs from '@tensorflow/tfjs';

export interface NamedVariable {
  /** Stable across runs of one spec, e.g. `generator/conv1/filter` or `generator/conv1/filter/adam_m`. */
  readonly name: string;
  readonly variable: Variable;
}

export interface StepReport {
  /** Loss values of this step (before its updates), by name; see GenerativeModel.lossNames. */
  readonly losses: Readonly<Record<string, number>>;
  /** Global L2 norm of each network's parameter gradient in this step, by network name. */
  readonly gradientNorms: Readonly<Record<string, number>>;
}

/** μ and log σ² of a VAE's Gaussian posterior, [n, latentDim] each. */
export interface Posterior {
  readonly mean: Tensor;
  readonly logVariance: Tensor;
}

/** Whether samples live in [0, 1] (images: outputs go through a sigmoid) or anywhere (points: linear outputs). */
export type DataRange = 'unit' | 'unbounded';

export interface GenerativeModel {
  readonly type: ModelType;
  readonly latentDim: number;
  /** One sample's shape: [d] for vectors, [height, width, channels] for images. */
  readonly sampleShape: readonly number[];
  /** How many real batches one step() consumes: the critic iterations for WGAN-GP, else 1. */
  readonly realBatchesPerStep: number;
  readonly lossNames: readonly string[];
  readonly networkNames: readonly string[];

  /**
   * One training iteration. Each batch is row-major [batchSize, ...sampleShape]; all must be
   * the same size. Latent noise comes from the model's own seeded random stream.
   */
  step(realBatches: readonly Float32Array[]): StepReport;

  /** Samples (decoder means for a VAE) for latent codes [n, latentDim]: [n, ...sampleShape]. The caller disposes it. */
  generate(latent: Tensor): Tensor;

  /** GANs: discriminator logits / critic scores for samples [n, ...sampleShape], shape [n]. The caller disposes it. */
  discriminate?(samples: Tensor): Tensor;

  /**
   * GANs: one extra update of the discriminator (critic) alone, minimising `objective` of its
   * outputs [n] on `samples` [n, ...sampleShape]; returns the objective before the update. Auction
   * training (src/trainer/auction) uses it to pull discriminators towards a reference.
   */
  stepDiscriminator?(samples: Tensor, objective: (outputs: Tensor) => tfjs.Scalar): number;

  /** VAEs: the posterior of samples [n, ...sampleShape]. The caller disposes both. */
  encode?(samples: Tensor): Posterior;

  /** Applies from the next step, to every optimiser of the model. */
  setLearningRate(learningRate: number): void;

  /** Everything a checkpoint must hold to resume exactly: weights, optimiser slots, counters. */
  readonly variables: readonly NamedVariable[];

  dispose(): void;
}
