/**
 * The auxiliary stage: a discriminator takes extra updates that bring its outputs (in bid units)
 * closer to the reference discriminator's on the same samples, so the best discriminator acts
 * as an outside standard for the others. Only the discriminator moves; the reference is fixed.
 */
import type { Tensor, Tf } from '../tf';
import type { AlignmentLoss, AlignmentOptions } from './options';
import { bidUnits, discriminatorSays, type AuctionPlayer } from './outputs';
import type * as tfjs from '@tensorflow/tfjs';

/** Mean distance between two [n] output vectors; call inside a tidy or a gradient scope. */
export function alignmentDistance(tf: Tf, loss: AlignmentLoss, outputs: Tensor, targets: Tensor): tfjs.Scalar {
  const difference = tf.sub(outputs, targets);
  return tf.mean(loss === 'mse' ? tf.square(difference) : tf.abs(difference)) as tfjs.Scalar;
}

/** How far `player`'s outputs are from `reference`'s on `samples`, unweighted: what alignment reduces. */
export function disagreement(tf: Tf, loss: AlignmentLoss, player: AuctionPlayer, reference: AuctionPlayer, samples: Tensor): number {
  const distance = tf.tidy(() => alignmentDistance(tf, loss, discriminatorSays(tf, player, samples), discriminatorSays(tf, reference, samples)));
  try {
    return distance.dataSync()[0] ?? Number.NaN;
  } finally {
    distance.dispose();
  }
}

/**
 * `options.steps` updates of `player`'s discriminator towards `reference`'s outputs on `samples`
 * (real and generated rows together). Returns the weighted loss before each step.
 */
export function alignToReference(tf: Tf, player: AuctionPlayer, reference: AuctionPlayer, samples: Tensor, options: Omit<AlignmentOptions, 'samples'>): number[] {
  if (player === reference) throw new Error('the reference discriminator is not aligned to itself');
  // The targets are computed once: the reference does not move while the others align.
  const targets = discriminatorSays(tf, reference, samples);
  try {
    return Array.from({ length: options.steps }, () =>
      player.stepDiscriminator(samples, (raw) => tf.mul(options.weight, alignmentDistance(tf, options.loss, bidUnits(tf, player, raw), targets)) as tfjs.Scalar),
    );
  } finally {
    targets.dispose();
  }
}
