/**
 * WGAN-GP (Gulrajani et al. 2017, Algorithm 1): `criticIterations` critic updates, each on a fresh
 * real batch, minimising E D(G(z)) − E D(x) + λ·E (‖∇D(x̂)‖ − 1)² at random interpolates x̂ between
 * real and generated samples; then one generator update minimising −E D(G(z)).
 */
import type { Tensor, Tf } from '../tf';
import { Adam } from './adam';
import { buildCritic, buildGenerator, type NetworkContext } from './buildNetworks';
import { gradientPenalty, wassersteinEstimate } from './losses';
import type { GenerativeModel, NamedVariable, StepReport } from './model';
import type { ModelSupport } from './modelSupport';
import type { Network } from './network';
import { meanOf, minimize, readScalars } from './optimize';
import type { WganGpSpec } from './spec';
import type * as tfjs from '@tensorflow/tfjs';

export class WganGp implements GenerativeModel {
  readonly type = 'wgan-gp';
  readonly lossNames = ['lossD', 'lossG', 'wasserstein', 'gradientPenalty'] as const;
  readonly networkNames = ['discriminator', 'generator'] as const;
  private readonly generator: Network;
  private readonly critic: Network;
  private readonly optimizerG: Adam;
  private readonly optimizerD: Adam;

  constructor(
    private readonly tf: Tf,
    private readonly spec: WganGpSpec,
    context: NetworkContext,
    private readonly support: ModelSupport,
  ) {
    if (!Number.isInteger(spec.criticIterations) || spec.criticIterations < 1) throw new Error(`criticIterations must be a positive integer, got ${spec.criticIterations}`);
    if (!(spec.gradientPenalty >= 0)) throw new Error(`gradientPenalty must be ≥ 0, got ${spec.gradientPenalty}`);
    this.generator = buildGenerator(context, 'generator');
    this.critic = buildCritic(context, 'discriminator', 1);
    this.optimizerG = new Adam(tf, 'generator', this.generator.variables, spec.optimizer);
    this.optimizerD = new Adam(tf, 'discriminator', this.critic.variables, spec.optimizer);
  }

  get realBatchesPerStep(): number {
    return this.spec.criticIterations;
  }

  get latentDim(): number {
    return this.support.latentDim;
  }

  get sampleShape(): readonly number[] {
    return this.support.sampleShape;
  }

  step(realBatches: readonly Float32Array[]): StepReport {
    const { tf, support } = this;
    const rows = support.batchSizeOf(realBatches, this.spec.criticIterations);
    const criticLosses: Tensor[] = [];
    const distances: Tensor[] = [];
    const penalties: Tensor[] = [];
    const criticNorms: Tensor[] = [];
    for (const batch of realBatches) {
      const real = support.samples(batch, rows);
      const fake = tf.tidy(() => this.fakes(support.latent(rows)));
      const interpolates = tf.tidy(() => {
        const mix = support.uniformPerRow(rows);
        return tf.add(tf.mul(mix, real), tf.mul(tf.sub(1, mix), fake));
      });
      try {
        const update = minimize(
          tf,
          () => {
            const [realScores, fakeScores] = tf.split(this.critic.apply(tf.concat([real, fake], 0)), 2, 0) as [Tensor, Tensor];
            const distance = wassersteinEstimate(tf, realScores, fakeScores);
            const penalty = gradientPenalty(tf, (x) => this.critic.apply(x), interpolates);
            distances.push(tf.keep(distance));
            penalties.push(tf.keep(penalty));
            return tf.add(tf.neg(distance), tf.mul(this.spec.gradientPenalty, penalty)) as tfjs.Scalar;
          },
          [{ name: 'discriminator', variables: this.critic.variables }],
          this.optimizerD,
        );
        criticLosses.push(update.loss);
        criticNorms.push(update.gradientNorms.discriminator as Tensor);
      } finally {
        tf.dispose([real, fake, interpolates]);
      }
    }
    const latentForG = support.latent(rows);
    const updateG = minimize(
      tf,
      () => tf.neg(tf.mean(this.critic.apply(this.fakes(latentForG)))) as tfjs.Scalar,
      [{ name: 'generator', variables: this.generator.variables }],
      this.optimizerG,
    );
    latentForG.dispose();
    // Critic-side values are averaged over the step's critic iterations.
    const values = readScalars(tf, {
      lossD: meanOf(tf, criticLosses),
      lossG: updateG.loss,
      wasserstein: meanOf(tf, distances),
      gradientPenalty: meanOf(tf, penalties),
      discriminator: meanOf(tf, criticNorms),
      generator: updateG.gradientNorms.generator as Tensor,
    });
    return {
      losses: { lossD: values.lossD ?? NaN, lossG: values.lossG ?? NaN, wasserstein: values.wasserstein ?? NaN, gradientPenalty: values.gradientPenalty ?? NaN },
      gradientNorms: { discriminator: values.discriminator ?? NaN, generator: values.generator ?? NaN },
    };
  }

  generate(latent: Tensor): Tensor {
    return this.tf.tidy(() => this.fakes(latent));
  }

  discriminate(samples: Tensor): Tensor {
    return this.tf.tidy(() => this.tf.reshape(this.critic.apply(samples), [samples.shape[0] ?? 0]));
  }

  setLearningRate(learningRate: number): void {
    this.optimizerG.setLearningRate(learningRate);
    this.optimizerD.setLearningRate(learningRate);
  }

  get variables(): readonly NamedVariable[] {
    return [...this.generator.variables, ...this.critic.variables, ...this.optimizerG.variables, ...this.optimizerD.variables];
  }

  dispose(): void {
    this.generator.dispose();
    this.critic.dispose();
    this.optimizerG.dispose();
    this.optimizerD.dispose();
  }

  private fakes(latent: Tensor): Tensor {
    return this.support.toData(this.generator.apply(latent));
  }
}
