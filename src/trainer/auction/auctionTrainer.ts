/**
 * N generator/discriminator pairs trained side by side. Every iteration each pair takes its own
 * ordinary step; every `auction.every` iterations (in `auction` mode) the discriminators bid on
 * each other's generators, the best-scoring pair becomes the reference, and every other
 * discriminator takes alignment steps towards the reference's outputs. `independent` mode is
 * the baseline: the same pairs, the same data and noise, no auction.
 */
import { createModel, type ModelData } from '../models/createModel';
import type { GenerativeModel, StepReport } from '../models/model';
import type { ModelSpec } from '../models/spec';
import { createRandom, foldStreamName, type RandomSource } from '../random';
import type { Tensor, Tf } from '../tf';
import { alignToReference } from './alignment';
import { bidTable } from './bids';
import { checkAuctionOptions, type AuctionOptions } from './options';
import { asAuctionPlayer, type AuctionPlayer } from './outputs';
import { bestPlayer, playerScores, type BidTable } from './score';

export type PlayerMode = 'auction' | 'independent';

/** Where real data comes from; each player and the auction draw their own batches. */
export interface RealBatchSource {
  /** The next real batch [batchSize, ...sampleShape], row-major, for a player (its index) or the auction. */
  next(consumer: number | 'auction'): Float32Array;
}

export interface AuctionTrainerSettings {
  readonly mode: PlayerMode;
  readonly auction: AuctionOptions;
  /** Rows of the auction's real and generated batches. */
  readonly batchSize: number;
}

export interface AuctionRound {
  readonly bids: BidTable;
  readonly scores: readonly number[];
  /** The index of the best-scoring player, whose discriminator the others align to. */
  readonly reference: number;
  /** Per player, the weighted alignment loss before each of its steps; empty for the reference. */
  readonly alignmentLosses: readonly (readonly number[])[];
}

export interface AuctionIteration {
  /** Iterations completed, this one included. */
  readonly iteration: number;
  /** Each player's ordinary step, by player index. */
  readonly steps: readonly StepReport[];
  /** Present on iterations that ended with an auction. */
  readonly round?: AuctionRound;
}

/** Player 0 keeps the run seed, so one player is exactly the single model of that seed. */
export function playerSeed(seed: number, index: number): number {
  return index === 0 ? seed : foldStreamName(Math.floor(seed) >>> 0, `player/${index}`);
}

export class AuctionTrainer {
  private readonly auctionPlayers: readonly AuctionPlayer[];
  private completed = 0;
  private disposed = false;

  /** Takes ownership of `models` (dispose() disposes them); all must share one latent size. */
  constructor(
    private readonly tf: Tf,
    readonly players: readonly GenerativeModel[],
    private readonly settings: AuctionTrainerSettings,
    private readonly realBatches: RealBatchSource,
    private readonly auctionNoise: RandomSource,
  ) {
    checkAuctionOptions(players.length, settings.auction);
    if (!Number.isInteger(settings.batchSize) || settings.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${settings.batchSize}`);
    const latentDims = new Set(players.map((player) => player.latentDim));
    if (latentDims.size > 1) throw new Error(`the players' latent sizes differ (${[...latentDims].join(', ')}): the auction shows every generator the same latent batch`);
    // Only an auction needs discriminators; an independent run of VAEs is still a valid baseline.
    this.auctionPlayers = settings.mode === 'auction' && players.length > 1 ? players.map(asAuctionPlayer) : [];
  }

  /** `count` players of one spec, player i with seed playerSeed(seed, i); the auction's noise has its own stream. */
  static create(tf: Tf, spec: ModelSpec, data: ModelData, seed: number, count: number, settings: AuctionTrainerSettings, realBatches: RealBatchSource): AuctionTrainer {
    checkAuctionOptions(count, settings.auction);
    const players: GenerativeModel[] = [];
    try {
      for (let index = 0; index < count; index++) players.push(createModel(tf, spec, data, playerSeed(seed, index)));
      return new AuctionTrainer(tf, players, settings, realBatches, createRandom(seed, 'auction'));
    } catch (error) {
      for (const player of players) player.dispose();
      throw error;
    }
  }

  get iteration(): number {
    return this.completed;
  }

  /** A resumed run continues the auction schedule (every `auction.every` iterations) from its checkpoint's iteration. */
  continueFrom(iteration: number): void {
    if (!Number.isSafeInteger(iteration) || iteration < 0) throw new Error(`the iteration to continue from must be a whole number ≥ 0, got ${iteration}`);
    this.completed = iteration;
  }

  iterate(): AuctionIteration {
    if (this.disposed) throw new Error('the auction trainer was disposed');
    const steps = this.players.map((player, index) => player.step(Array.from({ length: player.realBatchesPerStep }, () => this.realBatches.next(index))));
    this.completed++;
    const due = this.auctionPlayers.length > 1 && this.completed % this.settings.auction.every === 0;
    return due ? { iteration: this.completed, steps, round: this.runAuction() } : { iteration: this.completed, steps };
  }

  /** One valuation and auxiliary stage, whatever the schedule says; auction mode with 2+ players only. */
  runAuction(): AuctionRound {
    const { tf } = this;
    const players = this.auctionPlayers;
    if (players.length < 2) throw new Error(`an auction needs auction mode and at least 2 players (mode ${this.settings.mode}, ${this.players.length} player(s))`);
    const rows = this.settings.batchSize;
    const first = players[0] as AuctionPlayer;
    const real = tf.tensor(this.realBatches.next('auction'), [rows, ...first.sampleShape]);
    const latent = tf.tensor2d(this.auctionNoise.normals(rows * first.latentDim), [rows, first.latentDim]);
    const fakes: Tensor[] = [];
    try {
      for (const player of players) fakes.push(player.generate(latent));
      const bids = bidTable(tf, players, real, fakes);
      const scores = playerScores(this.settings.auction.score, bids);
      const reference = bestPlayer(scores);
      const alignmentLosses = players.map((player, index) => {
        if (index === reference) return [];
        // `own`: the rows the player's own game is decided on; `reference`: the rows where the reference's judgement was formed.
        const generated = this.settings.auction.alignment.samples === 'own' ? index : reference;
        const samples = tf.concat([real, fakes[generated] as Tensor], 0);
        try {
          return alignToReference(tf, player, players[reference] as AuctionPlayer, samples, this.settings.auction.alignment);
        } finally {
          samples.dispose();
        }
      });
      return { bids, scores, reference, alignmentLosses };
    } finally {
      tf.dispose([real, latent, ...fakes]);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const player of this.players) player.dispose();
  }
}
