/**
 * The non-saturating GAN for either architecture: per iteration one discriminator update on a
 * real batch and a generated one, then one generator update (Goodfellow et al. 2014).
 */
import type { Tensor, Tf } from '../tf';
import { AdversarialModel } from './adversarialModel';
import type { NetworkContext } from './buildNetworks';
import { nonSaturatingDiscriminatorLoss, nonSaturatingGeneratorLoss } from './losses';
import type { GenerativeModel, StepReport } from './model';
import type { ModelSupport } from './modelSupport';
import { minimize, readStepReport } from './optimize';
import type { GanSpec } from './spec';

export class NonSaturatingGan extends AdversarialModel implements GenerativeModel {
  readonly type = 'gan';
  readonly realBatchesPerStep = 1;
  readonly lossNames = ['lossD', 'lossG'] as const;
  readonly networkNames = ['discriminator', 'generator'] as const;

  constructor(
    tf: Tf,
    spec: GanSpec,
    context: NetworkContext,
    support: ModelSupport,
  ) {
    super(tf, spec.optimizer, context, support);
  }

  step(realBatches: readonly Float32Array[]): StepReport {
    const { tf, support } = this;
    const { rows, real } = support.singleBatch(realBatches);
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
      return readStepReport(
        tf,
        { lossD: updateD.loss, lossG: updateG.loss },
        { discriminator: updateD.gradientNorms.discriminator as Tensor, generator: updateG.gradientNorms.generator as Tensor },
      );
    } finally {
      tf.dispose([real, fake, latentForG]);
    }
  }
}
