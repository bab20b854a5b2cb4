/**
 * The loss functions of the three model types, shared by the MLP and conv architectures.
 * Each returns a scalar averaged over the batch (sums over a sample's elements, where a
 * likelihood is concerned, so that the VAE's terms are per-sample log-densities).
 */
import type { Tensor, Tf } from '../tf';
import type * as tfjs from '@tensorflow/tfjs';

type Scalar = tfjs.Scalar;

/** Discriminator of the non-saturating GAN: BCE of real → 1, fake → 0 on logits, = E softplus(−D(x)) + E softplus(D(G(z))). */
export function nonSaturatingDiscriminatorLoss(tf: Tf, realLogits: Tensor, fakeLogits: Tensor): Scalar {
  return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
}

/** Generator of the non-saturating GAN: maximise log D(G(z)), = E softplus(−D(G(z))) (Goodfellow et al. 2014, §3). */
export function nonSaturatingGeneratorLoss(tf: Tf, fakeLogits: Tensor): Scalar {
  return tf.mean(tf.softplus(tf.neg(fakeLogits)));
}

/** The critic's estimate of the Wasserstein-1 distance, E D(x) − E D(G(z)); the critic maximises it. */
export function wassersteinEstimate(tf: Tf, realScores: Tensor, fakeScores: Tensor): Scalar {
  return tf.sub(tf.mean(realScores), tf.mean(fakeScores));
}

/** Keeps the square root differentiable where a gradient is exactly zero. */
const NORM_EPSILON = 1e-12;

/**
 * Gulrajani et al.'s penalty E (‖∇ₓ D(x̂)‖₂ − 1)² at the points x̂. It differentiates the critic
 * inside the loss, so its own gradient is a second-order one through the critic.
 */
export function gradientPenalty(tf: Tf, critic: (x: Tensor) => Tensor, points: Tensor): Scalar {
  // Each row's score depends on that row only, so the gradient of the sum holds every per-row gradient.
  const gradient = tf.grad((x: Tensor) => tf.sum(critic(x)))(points);
  const rows = gradient.shape[0] ?? 0;
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(gradient, [rows, -1])), 1), NORM_EPSILON));
  return tf.mean(tf.square(tf.sub(norms, 1)));
}

/** KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − 1 − log σ²), averaged over the batch. */
export function gaussianKl(tf: Tf, mean: Tensor, logVariance: Tensor): Scalar {
  const perElement = tf.sub(tf.add(tf.square(mean), tf.exp(logVariance)), tf.add(logVariance, 1));
  return tf.mul(0.5, tf.mean(tf.sum(tf.reshape(perElement, [mean.shape[0] ?? 0, -1]), 1)));
}

/** −log p(x | logits) for independent Bernoullis: Σ softplus(l) − x·l (stable binary cross-entropy), averaged over the batch. */
export function bernoulliNegativeLogLikelihood(tf: Tf, logits: Tensor, targets: Tensor): Scalar {
  const perElement = tf.sub(tf.softplus(logits), tf.mul(targets, logits));
  return tf.mean(tf.sum(tf.reshape(perElement, [logits.shape[0] ?? 0, -1]), 1));
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** −log N(x | μ, σ²) summed over a sample's elements, averaged over the batch; σ is one shared value. */
export function gaussianNegativeLogLikelihood(tf: Tf, means: Tensor, targets: Tensor, logSigma: Tensor): Scalar {
  const rows = means.shape[0] ?? 0;
  const elements = means.size / Math.max(rows, 1);
  const squaredError = tf.mean(tf.sum(tf.reshape(tf.square(tf.sub(targets, means)), [rows, -1]), 1));
  const scaled = tf.mul(squaredError, tf.mul(0.5, tf.exp(tf.mul(-2, logSigma))));
  return tf.add(scaled, tf.mul(elements, tf.add(logSigma, HALF_LOG_TWO_PI))) as Scalar;
}
