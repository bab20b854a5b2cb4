/**
 * An MLP GAN on 2-D points with the non-saturating loss (Goodfellow et al. 2014, §3):
 *   lossD = softplus(-D(x)) + softplus(D(G(z)))   (= BCE of real→1, fake→0 on logits)
 *   lossG = softplus(-D(G(z)))                    (the generator maximises log D(G(z)))
 * Each iteration is one discriminator step then one generator step, each with its own Adam.
 */
import type { GanModel as GanModelConfig, TrainingConfig } from '../core/config/types';
import { createDenseOp } from './dense';
import { Mlp } from './mlp';
import type { RandomSource } from './random';
import type { Tensor, Tf } from './tf';
import type * as tfjs from '@tensorflow/tfjs';

export interface StepLosses {
  readonly lossD: number;
  readonly lossG: number;
}

/** One iteration's inputs, row-major: real [batch, 2], and two independent latent batches [batch, latentDim]. */
export interface StepInputs {
  readonly real: Float32Array;
  readonly latentForD: Float32Array;
  readonly latentForG: Float32Array;
}

const DATA_DIM = 2;

export class Gan {
  private readonly generator: Mlp;
  private readonly discriminator: Mlp;
  private readonly optimizerD: tfjs.Optimizer;
  private readonly optimizerG: tfjs.Optimizer;
  /** [2·batch, 1]: +1 for the real rows, then -1 for the fake rows of the discriminator's batch. */
  private readonly realFakeSigns: Tensor;

  constructor(
    private readonly tf: Tf,
    private readonly model: GanModelConfig,
    private readonly training: TrainingConfig,
    initRandom: RandomSource,
  ) {
    const dense = createDenseOp(tf);
    // ReLU in the generator and LeakyReLU in the discriminator, the usual DCGAN-style pairing:
    // the discriminator's gradient must not vanish for fake points that land in its dead zone.
    this.generator = new Mlp(tf, dense, { inputSize: model.latentDim, hidden: model.generator.hidden, outputSize: DATA_DIM, activation: 'relu' }, initRandom);
    this.discriminator = new Mlp(tf, dense, { inputSize: DATA_DIM, hidden: model.discriminator.hidden, outputSize: 1, activation: 'leakyRelu' }, initRandom);
    this.optimizerD = tf.train.adam(training.learningRate, training.beta1, training.beta2);
    this.optimizerG = tf.train.adam(training.learningRate, training.beta1, training.beta2);
    const signs = new Float32Array(2 * training.batchSize).fill(1, 0, training.batchSize).fill(-1, training.batchSize);
    this.realFakeSigns = tf.tensor2d(signs, [2 * training.batchSize, 1]);
  }

  get latentDim(): number {
    return this.model.latentDim;
  }

  /** One discriminator step and one generator step; returns the two losses before the updates. */
  step(inputs: StepInputs): StepLosses {
    const { tf } = this;
    const batch = this.training.batchSize;
    const real = tf.tensor2d(inputs.real, [batch, DATA_DIM]);
    const latentForD = tf.tensor2d(inputs.latentForD, [batch, this.model.latentDim]);
    const latentForG = tf.tensor2d(inputs.latentForG, [batch, this.model.latentDim]);
    try {
      const lossD = this.optimizerD.minimize(
        () => {
          // Only the discriminator's variables are in the var list, so no gradient reaches G.
          // Real and fake rows go through D in one pass (half the op launches): with sign +1 for
          // real and -1 for fake, both loss terms are softplus(-sign·logit).
          const logits = this.discriminator.apply(tf.concat([real, this.generator.apply(latentForD)], 0));
          return tf.div(tf.sum(tf.softplus(tf.neg(tf.mul(logits, this.realFakeSigns)))), batch) as tfjs.Scalar;
        },
        true,
        this.discriminator.variables,
      );
      const lossG = this.optimizerG.minimize(
        () => tf.mean(tf.softplus(tf.neg(this.discriminator.apply(this.generator.apply(latentForG))))) as tfjs.Scalar,
        true,
        this.generator.variables,
      );
      return { lossD: readScalar(lossD), lossG: readScalar(lossG) };
    } finally {
      real.dispose();
      latentForD.dispose();
      latentForG.dispose();
    }
  }

  /** Generator outputs for a latent batch, row-major [rows, 2]. */
  generate(latent: Tensor): Float32Array {
    // Read the data outside tidy: returning a typed array from tidy makes tfjs walk every element.
    const output = this.tf.tidy(() => this.generator.apply(latent));
    try {
      return output.dataSync() as Float32Array;
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.optimizerD.dispose();
    this.optimizerG.dispose();
    this.realFakeSigns.dispose();
  }
}

function readScalar(value: tfjs.Scalar | null): number {
  if (!value) throw new Error('optimizer returned no loss');
  try {
    return value.dataSync()[0] ?? Number.NaN;
  } finally {
    value.dispose();
  }
}
