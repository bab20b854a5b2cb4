/**
 * The generator and discriminator (critic) of a GAN with one Adam optimiser each: everything the
 * GAN variants share apart from their losses and update schedule, which subclasses give in `step`.
 */
import type { Tensor, Tf } from '../tf';
import { Adam } from './adam';
import { buildCritic, buildGenerator, type NetworkContext } from './buildNetworks';
import type { NamedVariable, StepReport } from './model';
import { SupportedModel, type ModelSupport } from './modelSupport';
import type { Network } from './network';
import { minimize, readScalars } from './optimize';
import type { OptimizerSpec } from './spec';
import type * as tfjs from '@tensorflow/tfjs';

export abstract class AdversarialModel extends SupportedModel {
  protected readonly generator: Network;
  protected readonly discriminator: Network;
  protected readonly optimizerG: Adam;
  protected readonly optimizerD: Adam;

  constructor(
    protected readonly tf: Tf,
    optimizer: OptimizerSpec,
    context: NetworkContext,
    support: ModelSupport,
  ) {
    super(support);
    this.generator = buildGenerator(context, 'generator');
    this.discriminator = buildCritic(context, 'discriminator', 1);
    this.optimizerG = new Adam(tf, 'generator', this.generator.variables, optimizer);
    this.optimizerD = new Adam(tf, 'discriminator', this.discriminator.variables, optimizer);
  }

  abstract step(realBatches: readonly Float32Array[]): StepReport;

  generate(latent: Tensor): Tensor {
    return this.tf.tidy(() => this.fakes(latent));
  }

  discriminate(samples: Tensor): Tensor {
    return this.tf.tidy(() => this.tf.reshape(this.discriminator.apply(samples), [samples.shape[0] ?? 0]));
  }

  stepDiscriminator(samples: Tensor, objective: (outputs: Tensor) => tfjs.Scalar): number {
    const rows = samples.shape[0] ?? 0;
    // The discriminator's own optimiser: the extra step is part of its training, as in the paper's auxiliary stage.
    const update = minimize(
      this.tf,
      () => objective(this.tf.reshape(this.discriminator.apply(samples), [rows])),
      [{ name: 'discriminator', variables: this.discriminator.variables }],
      this.optimizerD,
    );
    this.tf.dispose(Object.values(update.gradientNorms));
    return readScalars(this.tf, { loss: update.loss })['loss'] ?? Number.NaN;
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

  /** Generated samples in data space; call inside a tidy or a loss, so intermediates are freed. */
  protected fakes(latent: Tensor): Tensor {
    return this.support.toData(this.generator.apply(latent));
  }
}
