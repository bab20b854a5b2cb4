/**
 * The non-saturating GAN for either architecture: per iteration one discriminator update on a
 * real batch and a generated one, then one generator update (Goodfellow et al. 2014).
 */
import type { Tensor, Tf } from '../tf';
import { Adam } from './adam';
import { buildCritic, buildGenerator, type NetworkContext } from './buildNetworks';
import { nonSaturatingDiscriminatorLoss, nonSaturatingGeneratorLoss } from './losses';
import type { GenerativeModel, NamedVariable, StepReport } from './model';
import type { ModelSupport } from './modelSupport';
import type { Network } from './network';
import { minimize, readScalars } from './optimize';
import type { GanSpec } from './spec';

export class NonSaturatingGan implements GenerativeModel {
  readonly type = 'gan';
  readonly realBatchesPerStep = 1;
  readonly lossNames = ['lossD', 'lossG'] as const;
  readonly networkNames = ['discriminator', 'generator'] as const;
  private readonly generator: Network;
  private readonly discriminator: Network;
  private readonly optimizerG: Adam;
  private readonly optimizerD: Adam;

  constructor(
    private readonly tf: Tf,
    spec: GanSpec,
    context: NetworkContext,
    private readonly support: ModelSupport,
  ) {
    this.generator = buildGenerator(context, 'generator');
    this.discriminator = buildCritic(context, 'discriminator', 1);
    this.optimizerG = new Adam(tf, 'generator', this.generator.variables, spec.optimizer);
    this.optimizerD = new Adam(tf, 'discriminator', this.discriminator.variables, spec.optimizer);
  }

  get latentDim(): number {
    return this.support.latentDim;
  }

  get sampleShape(): readonly number[] {
    return this.support.sampleShape;
  }

  step(realBatches: readonly Float32Array[]): StepReport {
    const { tf, support } = this;
    const rows = support.batchSizeOf(realBatches, 1);
    const real = support.samples(realBatches[0] as Float32Array, rows);
    // Generated outside the discriminator's update: it is a constant there, so no gradient flows into G.
    const fake = tf.tidy(() => this.fakes(support.latent(rows)));
    const latentForG = support.latent(rows);
    try {
      const updateD = minimize(
        tf,
        () => {
          // One pass over real and fake rows together: half the kernel launches of two passes.
          const logits = this.discriminator.apply(tf.concat([real, fake], 0));
          const [realLogits, fakeLogits] = tf.split(logits, 2, 0) as [Tensor, Tensor];
          return nonSaturatingDiscriminatorLoss(tf, realLogits, fakeLogits);
        },
        [{ name: 'discriminator', variables: this.discriminator.variables }],
        this.optimizerD,
      );
      const updateG = minimize(
        tf,
        () => nonSaturatingGeneratorLoss(tf, this.discriminator.apply(this.fakes(latentForG))),
        [{ name: 'generator', variables: this.generator.variables }],
        this.optimizerG,
      );
      const values = readScalars(tf, {
        lossD: updateD.loss,
        lossG: updateG.loss,
        discriminator: updateD.gradientNorms.discriminator as Tensor,
        generator: updateG.gradientNorms.generator as Tensor,
      });
      return {
        losses: { lossD: values.lossD ?? NaN, lossG: values.lossG ?? NaN },
        gradientNorms: { discriminator: values.discriminator ?? NaN, generator: values.generator ?? NaN },
      };
    } finally {
      tf.dispose([real, fake, latentForG]);
    }
  }

  generate(latent: Tensor): Tensor {
    return this.tf.tidy(() => this.fakes(latent));
  }

  discriminate(samples: Tensor): Tensor {
    return this.tf.tidy(() => this.tf.reshape(this.discriminator.apply(samples), [samples.shape[0] ?? 0]));
  }

  setLearningRate(learningRate: number): void {
    this.optimizerG.setLearningRate(learningRate);
    this.optimizerD.setLearningRate(learningRate);
  }

  get variables(): readonly NamedVariable[] {
    return [...this.generator.variables, ...this.discriminator.variables, ...this.optimizerG.variables, ...this.optimizerD.variables];
  }

  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.optimizerG.dispose();
    this.optimizerD.dispose();
  }

  private fakes(latent: Tensor): Tensor {
    return this.support.toData(this.generator.apply(latent));
  }
}
