/**
 * The settings of auction training ("The Bid Picture", Shim, Choe & Kim 2024): how often the
 * players bid on each other, how a bid matrix becomes one score per player, and how the other
 * discriminators are pulled towards the reference. docs/experiments.md explains our reading.
 */

/** How bids become a score per player; see score.ts for the formulas. */
export type AuctionScore = 'bids' | 'relative' | 'pair';
export const AUCTION_SCORES: readonly AuctionScore[] = ['bids', 'relative', 'pair'];

/** The distance between a discriminator's outputs and the reference's: squared (mse) or absolute (l1). */
export type AlignmentLoss = 'mse' | 'l1';
export const ALIGNMENT_LOSSES: readonly AlignmentLoss[] = ['mse', 'l1'];

/** Which generated batch the alignment uses besides the real one: the aligned player's own generator's, or the reference's. */
export type AlignmentSamples = 'own' | 'reference';
export const ALIGNMENT_SAMPLES: readonly AlignmentSamples[] = ['own', 'reference'];

export interface AlignmentOptions {
  readonly loss: AlignmentLoss;
  readonly samples: AlignmentSamples;
  /** Multiplies the alignment loss: the size of the pull towards the reference. */
  readonly weight: number;
  /** Alignment updates of each non-reference discriminator per auction. */
  readonly steps: number;
}

export interface AuctionOptions {
  /** An auction after every this many iterations of independent updates. */
  readonly every: number;
  readonly score: AuctionScore;
  readonly alignment: AlignmentOptions;
}

/**
 * The paper alternates one independent update with one auxiliary update, so an auction every
 * iteration with one alignment step; the score and the loss are our reading (not stated in the
 * summaries we have), chosen so that critics whose outputs differ by a constant still compare.
 */
export const AUCTION_DEFAULTS: AuctionOptions = {
  every: 1,
  score: 'relative',
  alignment: { loss: 'mse', samples: 'own', weight: 1, steps: 1 },
};

/** Bounds shared by the config schema and the trainer's own checks. */
export const AUCTION_LIMITS = { maxPlayers: 16, maxEvery: 1_000_000, maxSteps: 100, maxWeight: 1000 };

function isIntegerIn(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

/** Throws a message naming the bad setting; the config schema reports the same bounds for files. */
export function checkAuctionOptions(players: number, options: AuctionOptions): void {
  if (!isIntegerIn(players, 1, AUCTION_LIMITS.maxPlayers)) throw new Error(`players must be an integer from 1 to ${AUCTION_LIMITS.maxPlayers}, got ${players}`);
  if (!isIntegerIn(options.every, 1, AUCTION_LIMITS.maxEvery)) throw new Error(`auction.every must be a positive integer, got ${options.every}`);
  if (!AUCTION_SCORES.includes(options.score)) throw new Error(`auction.score must be one of ${AUCTION_SCORES.join(', ')}, got '${String(options.score)}'`);
  const { loss, samples, weight, steps } = options.alignment;
  if (!ALIGNMENT_LOSSES.includes(loss)) throw new Error(`auction.alignment.loss must be one of ${ALIGNMENT_LOSSES.join(', ')}, got '${String(loss)}'`);
  if (!ALIGNMENT_SAMPLES.includes(samples)) throw new Error(`auction.alignment.samples must be one of ${ALIGNMENT_SAMPLES.join(', ')}, got '${String(samples)}'`);
  if (!(weight > 0 && weight <= AUCTION_LIMITS.maxWeight)) throw new Error(`auction.alignment.weight must be in (0, ${AUCTION_LIMITS.maxWeight}], got ${weight}`);
  if (!isIntegerIn(steps, 0, AUCTION_LIMITS.maxSteps)) throw new Error(`auction.alignment.steps must be an integer from 0 to ${AUCTION_LIMITS.maxSteps}, got ${steps}`);
}
