/**
 * An MLP GAN on 2-D points with the non-saturating loss (Goodfellow et al. 2014, §3):
 *   lossD = softplus(-D(x)) + softplus(D(G(z)))   (= BCE of real→1, fake→0 on logits)
 *   lossG = softplus(-D(G(z)))                    (the generator maximises log D(G(z)))
 * Each iteration is one discriminator step then one generator step, each with its own Adam.
 */
import type { GanModel as GanModelConfig, TrainingConfig } from '../core/config/types';
import { AdamOptimizer } from './adamOptimizer';
import { adamState, mergeStates, restoreAdam, restoreVariables, variableArrays, type SavedState } from './checkpoint/savedState';
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
  private readonly optimizerD: AdamOptimizer;
  private readonly optimizerG: AdamOptimizer;
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
    this.optimizerD = new AdamOptimizer(tf, this.discriminator.variables, training);
    this.optimizerG = new AdamOptimizer(tf, this.generator.variables, training);
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
      // Each optimizer differentiates only its own network's variables, so no gradient reaches the other.
      const lossD = this.optimizerD.minimize(() => {
        // Real and fake rows go through D in one pass (half the op launches): with sign +1 for
        // real and -1 for fake, both loss terms are softplus(-sign·logit).
        const logits = this.discriminator.apply(tf.concat([real, this.generator.apply(latentForD)], 0));
        return tf.div(tf.sum(tf.softplus(tf.neg(tf.mul(logits, this.realFakeSigns)))), batch) as tfjs.Scalar;
      });
      const lossG = this.optimizerG.minimize(() => tf.mean(tf.softplus(tf.neg(this.discriminator.apply(this.generator.apply(latentForG))))) as tfjs.Scalar);
      return { lossD, lossG };
    } finally {
      real.dispose();
      latentForD.dispose();
      latentForG.dispose();
    }
  }

  /** Applies from the next step, to both networks' optimizers. */
  setLearningRate(learningRate: number): void {
    this.optimizerD.learningRate = learningRate;
    this.optimizerG.learningRate = learningRate;
  }

  /** Both networks' weights and both optimizers' state, for a checkpoint. */
  saveState(): SavedState {
    return mergeStates(
      { arrays: { ...variableArrays('generator', this.generator.variables), ...variableArrays('discriminator', this.discriminator.variables) }, values: {} },
      adamState('optimizerD', this.optimizerD),
      adamState('optimizerG', this.optimizerG),
    );
  }

  /** Throws StateMismatchError when the state was saved from a differently shaped model. */
  restoreState(state: SavedState): void {
    const sizes = (variables: readonly { size: number }[]): number[] => variables.map((variable) => variable.size);
    restoreVariables(this.tf, 'generator', this.generator.variables, state);
    restoreVariables(this.tf, 'discriminator', this.discriminator.variables, state);
    restoreAdam('optimizerD', this.optimizerD, sizes(this.discriminator.variables), state);
    restoreAdam('optimizerG', this.optimizerG, sizes(this.generator.variables), state);
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
