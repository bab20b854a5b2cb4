/**
 * WGAN-GP (Gulrajani et al. 2017, Algorithm 1): `criticIterations` critic updates, each on a fresh
 * real batch, minimising E D(G(z)) − E D(x) + λ·E (‖∇D(x̂)‖ − 1)² at random interpolates x̂ between
 * real and generated samples; then one generator update minimising −E D(G(z)).
 */
import type { Tensor, Tf } from '../tf';
import { AdversarialModel } from './adversarialModel';
import type { NetworkContext } from './buildNetworks';
import { gradientPenalty, wassersteinEstimate } from './losses';
import type { GenerativeModel, StepReport } from './model';
import type { ModelSupport } from './modelSupport';
import { meanOf, minimize, readStepReport } from './optimize';
import type { WganGpSpec } from './spec';
import type * as tfjs from '@tensorflow/tfjs';

export class WganGp extends AdversarialModel implements GenerativeModel {
  readonly type = 'wgan-gp';
  readonly lossNames = ['lossD', 'lossG', 'wasserstein', 'gradientPenalty'] as const;
  readonly networkNames = ['discriminator', 'generator'] as const;

  constructor(
    tf: Tf,
    private readonly spec: WganGpSpec,
    context: NetworkContext,
    support: ModelSupport,
  ) {
    // Checked before super() builds the networks, so a bad spec allocates no variables.
    if (!Number.isInteger(spec.criticIterations) || spec.criticIterations < 1) throw new Error(`criticIterations must be a positive integer, got ${spec.criticIterations}`);
    if (!(spec.gradientPenalty >= 0)) throw new Error(`gradientPenalty must be ≥ 0, got ${spec.gradientPenalty}`);
    super(tf, spec.optimizer, context, support);
  }

  get realBatchesPerStep(): number {
    return this.spec.criticIterations;
  }

  step(realBatches: readonly Float32Array[]): StepReport {
    const { tf, support } = this;
    const critic = this.discriminator;
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
            const [realScores, fakeScores] = tf.split(critic.apply(tf.concat([real, fake], 0)), 2, 0) as [Tensor, Tensor];
            const distance = wassersteinEstimate(tf, realScores, fakeScores);
            const penalty = gradientPenalty(tf, (x) => critic.apply(x), interpolates);
            distances.push(tf.keep(distance));
            penalties.push(tf.keep(penalty));
            return tf.add(tf.neg(distance), tf.mul(this.spec.gradientPenalty, penalty)) as tfjs.Scalar;
          },
          [{ name: 'discriminator', variables: critic.variables }],
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
      () => tf.neg(tf.mean(critic.apply(this.fakes(latentForG)))) as tfjs.Scalar,
      [{ name: 'generator', variables: this.generator.variables }],
      this.optimizerG,
    );
    latentForG.dispose();
    // Critic-side values are averaged over the step's critic iterations.
    return readStepReport(
      tf,
      { lossD: meanOf(tf, criticLosses), lossG: updateG.loss, wasserstein: meanOf(tf, distances), gradientPenalty: meanOf(tf, penalties) },
      { discriminator: meanOf(tf, criticNorms), generator: updateG.gradientNorms.generator as Tensor },
    );
  }
}
