/**
 * What a discriminator "says" about samples, in the units bids and alignment use: the probability
 * of being real for a GAN (its logits through a sigmoid, the D(x) of the paper), the raw score
 * for a WGAN-GP critic, whose outputs have no probability reading.
 */
import type { GenerativeModel } from '../models/model';
import type { Tensor, Tf } from '../tf';

/** A model that can play in an auction: it has a discriminator and can take extra steps on it. */
export type AuctionPlayer = GenerativeModel & Required<Pick<GenerativeModel, 'discriminate' | 'stepDiscriminator'>>;

export function asAuctionPlayer(model: GenerativeModel): AuctionPlayer {
  if (model.discriminate === undefined || model.stepDiscriminator === undefined) {
    throw new Error(`a ${model.type} model has no discriminator: only gan and wgan-gp models can play in an auction`);
  }
  return model as AuctionPlayer;
}

/** Raw outputs (logits or critic scores) → bid units; call inside a tidy or a gradient scope. */
export function bidUnits(tf: Tf, model: GenerativeModel, rawOutputs: Tensor): Tensor {
  return model.type === 'gan' ? tf.sigmoid(rawOutputs) : rawOutputs;
}

/** The discriminator's outputs on `samples` in bid units, shape [n]. The caller disposes it. */
export function discriminatorSays(tf: Tf, player: AuctionPlayer, samples: Tensor): Tensor {
  return tf.tidy(() => bidUnits(tf, player, player.discriminate(samples)));
}
