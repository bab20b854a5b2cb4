/**
 * A VAE (Kingma & Welling 2014) with a Gaussian encoder q(z|x) = N(μ, σ²) and a Bernoulli or
 * Gaussian decoder, trained on the negative ELBO with an optionally annealed KL weight:
 *   loss = −log p(x|z) + β·KL(q(z|x) ‖ N(0, I)),   z = μ + σ·ε (the reparameterisation trick),
 *   β = min(1, iteration / klAnnealIterations)  (Bowman et al. 2016), or 1 without annealing.
 */
import type { Tensor, Tf, Variable } from '../tf';
import { Adam } from './adam';
import { buildCritic, buildGenerator, type NetworkContext } from './buildNetworks';
import { bernoulliNegativeLogLikelihood, gaussianKl, gaussianNegativeLogLikelihood } from './losses';
import type { GenerativeModel, NamedVariable, Posterior, StepReport } from './model';
import { SupportedModel, type ModelSupport } from './modelSupport';
import type { Network } from './network';
import { minimize, readStepReport } from './optimize';
import type { VaeSpec } from './spec';
import type * as tfjs from '@tensorflow/tfjs';

export class Vae extends SupportedModel implements GenerativeModel {
  readonly type = 'vae';
  readonly realBatchesPerStep = 1;
  readonly lossNames = ['loss', 'reconstruction', 'kl'] as const;
  readonly networkNames = ['encoder', 'decoder'] as const;
  private readonly encoder: Network;
  private readonly decoder: Network;
  /** log σ of a Gaussian decoder: trained when `decoderSigma` is 'learned', else fixed. */
  private readonly logSigma: Variable | undefined;
  /** Completed iterations, a variable so that a restored checkpoint resumes the KL schedule. */
  private readonly iteration: Variable;
  private readonly optimizer: Adam;

  constructor(
    private readonly tf: Tf,
    private readonly spec: VaeSpec,
    context: NetworkContext,
    support: ModelSupport,
  ) {
    super(support);
    if (spec.decoder === 'bernoulli' && support.dataRange !== 'unit') {
      throw new Error("a Bernoulli decoder needs data in [0, 1] (images); use decoder: 'gaussian' for unbounded data");
    }
    if (typeof spec.decoderSigma === 'number' && !(spec.decoderSigma > 0)) throw new Error(`decoderSigma must be > 0 or 'learned', got ${spec.decoderSigma}`);
    if (!(spec.klAnnealIterations >= 0)) throw new Error(`klAnnealIterations must be ≥ 0, got ${spec.klAnnealIterations}`);
    this.encoder = buildCritic(context, 'encoder', 2 * spec.latentDim);
    this.decoder = buildGenerator(context, 'decoder');
    this.logSigma =
      spec.decoder === 'gaussian' ? tf.tidy(() => tf.variable(tf.scalar(typeof spec.decoderSigma === 'number' ? Math.log(spec.decoderSigma) : 0), spec.decoderSigma === 'learned')) : undefined;
    this.iteration = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.optimizer = new Adam(tf, 'vae', [...this.encoder.variables, ...this.decoderVariables], spec.optimizer);
  }

  step(realBatches: readonly Float32Array[]): StepReport {
    const { tf, support } = this;
    const { rows, real } = support.singleBatch(realBatches);
    const noise = support.normal([rows, this.spec.latentDim]);
    const klWeight = tf.tidy(() => (this.spec.klAnnealIterations > 0 ? tf.minimum(1, tf.div(this.iteration, this.spec.klAnnealIterations)) : tf.scalar(1)));
    const terms: Tensor[] = [];
    try {
      const update = minimize(
        tf,
        () => {
          const { mean, logVariance } = this.posterior(real);
          const latent = tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, logVariance)), noise));
          const reconstruction = this.reconstructionLoss(this.decoder.apply(latent), real);
          const kl = gaussianKl(tf, mean, logVariance);
          terms.push(tf.keep(reconstruction), tf.keep(kl));
          return tf.add(reconstruction, tf.mul(klWeight, kl)) as tfjs.Scalar;
        },
        [
          { name: 'encoder', variables: this.encoder.variables },
          { name: 'decoder', variables: this.decoderVariables },
        ],
        this.optimizer,
      );
      tf.tidy(() => {
        this.iteration.assign(tf.add(this.iteration, 1));
      });
      const [reconstruction, kl] = terms as [Tensor, Tensor];
      return readStepReport(tf, { loss: update.loss, reconstruction, kl }, { encoder: update.gradientNorms.encoder as Tensor, decoder: update.gradientNorms.decoder as Tensor });
    } finally {
      tf.dispose([real, noise, klWeight]);
    }
  }

  /** Decoder means in data space. */
  generate(latent: Tensor): Tensor {
    return this.tf.tidy(() => this.support.toData(this.decoder.apply(latent)));
  }

  encode(samples: Tensor): Posterior {
    const both = this.tf.tidy(() => this.encoder.apply(samples));
    try {
      const [mean, logVariance] = this.tf.split(both, 2, 1) as [Tensor, Tensor];
      return { mean, logVariance };
    } finally {
      both.dispose();
    }
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.setLearningRate(learningRate);
  }

  get variables(): readonly NamedVariable[] {
    return [...this.encoder.variables, ...this.decoderVariables, ...this.optimizer.variables, { name: 'vae/iteration', variable: this.iteration }, ...this.fixedSigma];
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.logSigma?.dispose();
    this.iteration.dispose();
    this.optimizer.dispose();
  }

  private get decoderVariables(): NamedVariable[] {
    const learned = this.logSigma && this.spec.decoderSigma === 'learned' ? [{ name: 'decoder/log_sigma', variable: this.logSigma }] : [];
    return [...this.decoder.variables, ...learned];
  }

  /** A fixed σ is configuration, not state, but listing it lets a checkpoint show what was used. */
  private get fixedSigma(): NamedVariable[] {
    return this.logSigma && this.spec.decoderSigma !== 'learned' ? [{ name: 'decoder/log_sigma', variable: this.logSigma }] : [];
  }

  private posterior(samples: Tensor): Posterior {
    const [mean, logVariance] = this.tf.split(this.encoder.apply(samples), 2, 1) as [Tensor, Tensor];
    return { mean, logVariance };
  }

  private reconstructionLoss(decoded: Tensor, targets: Tensor): tfjs.Scalar {
    if (this.spec.decoder === 'bernoulli') return bernoulliNegativeLogLikelihood(this.tf, decoded, targets);
    return gaussianNegativeLogLikelihood(this.tf, this.support.toData(decoded), targets, this.logSigma as Variable);
  }
}
