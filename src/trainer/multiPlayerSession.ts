/**
 * The training session of a multi-player (auction) run, `model.players` > 1: what TrainingSession
 * offers the loop, the controller and checkpoints, for N generator/discriminator pairs trained by
 * an AuctionTrainer. The players share the dataset (one stream: each iteration draws player 0's
 * batches, then player 1's, …, then the auction's, so one position resumes them all), the latent
 * bank and the real reference set. Snapshots carry the current reference player under the
 * single-player names (docs/stream-format.md, "Multi-player runs").
 */
import type { ExperimentConfig, GanModel, WganGpModel } from '../core/config/types';
import { MULTI_PLAYER_NAMES, playerName, type NumericArray, type SnapshotRecord } from '../protocol/stream';
import type { AugmentOutcome } from './augment/applyAugment';
import { AugmentError } from './augment/augmentError';
import { AuctionTrainer, playerSeed, type AuctionRound } from './auction/auctionTrainer';
import { parseSavedRound, savedRound } from './auction/savedRound';
import { requireArray, requireValue, StateMismatchError, type SavedState, type StateArray } from './checkpoint/savedState';
import { createDataset, type DatasetLocations } from './datasets/createDataset';
import type { Dataset, LabelledBatch } from './datasets/dataset';
import type { Evaluator } from './evaluator/evaluator';
import type { EvaluatorRunOptions } from './evaluator/options';
import { createModel } from './models/createModel';
import type { GenerativeModel } from './models/model';
import { modelSpecFromConfig } from './modelSpecFromConfig';
import { createRandom, isRandomState, type ResumableRandom } from './random';
import type { SampleDrawing } from './sampling/drawSampleSets';
import { SampleError } from './sampling/sampleError';
import type { SnapshotEvaluation } from './snapshot/evaluatorArrays';
import { prepareSnapshotEvaluation } from './snapshot/prepareSnapshotEvaluation';
import { discriminateReal, generateFromBank } from './snapshot/modelOutputs';
import { countNonFinite, NON_FINITE_WEIGHTS_METRIC } from './snapshot/nonFiniteWeights';
import { SnapshotProbes } from './snapshot/probeArrays';
import { sampleArrays } from './snapshot/sampleArrays';
import type { Tf } from './tf';
import { gradientNormName } from './trainingSession';

export type MultiPlayerConfig = ExperimentConfig & { readonly model: GanModel | WganGpModel };

/** Whether a config asks for a multi-player run (VAEs have no `players`). */
export function isMultiPlayer(config: ExperimentConfig): config is MultiPlayerConfig {
  return config.model.type !== 'vae' && config.model.players > 1;
}

export const MULTI_PLAYER_UNSUPPORTED = 'not supported for multi-player runs yet';

function float32(data: Float32Array, shape: number[]): NumericArray {
  return { dtype: 'float32', shape, data };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export class MultiPlayerSession {
  private readonly dataset: Dataset;
  private readonly trainer: AuctionTrainer;
  private readonly players: readonly GenerativeModel[];
  /** Each player's training noise, and the auction's latent batches: their states are part of a checkpoint. */
  private readonly noises: readonly ResumableRandom[];
  private readonly auctionNoise: ResumableRandom;
  private readonly reference: LabelledBatch;
  private readonly latentBank: Float32Array;
  /** Per player, the per-iteration series since the last snapshot, by name. */
  private pending: Map<string, number[]>[];
  private lastRound: AuctionRound | undefined;
  private lastSnapshot: { readonly iteration: number; readonly time: number } | undefined;
  private learningRate: number;
  private evaluator: Evaluator | undefined;
  private evaluation: SnapshotEvaluation | undefined;
  private readonly probes: SnapshotProbes | undefined;

  constructor(
    private readonly tf: Tf,
    private readonly config: MultiPlayerConfig,
    private readonly startTime: number,
    locations: DatasetLocations = {},
  ) {
    const { seed, snapshot, model, training } = config;
    this.dataset = createDataset(config.dataset, seed, locations);
    const spec = modelSpecFromConfig(config);
    const data = { sampleShape: this.dataset.shape, range: this.dataset.kind === 'image' ? ('unit' as const) : ('unbounded' as const) };
    // Player 0 has the run seed's own streams: with players: 1 it would be the single-player model.
    this.noises = Array.from({ length: model.players }, (_, index) => createRandom(playerSeed(seed, index), 'noise'));
    this.auctionNoise = createRandom(seed, 'auction');
    const players: GenerativeModel[] = [];
    try {
      this.noises.forEach((noise, index) => players.push(createModel(tf, spec, data, playerSeed(seed, index), noise)));
      const batches = { next: () => this.dataset.sample(training.batchSize).data };
      this.trainer = new AuctionTrainer(tf, players, { mode: 'auction', auction: model.auction, batchSize: training.batchSize }, batches, this.auctionNoise);
    } catch (error) {
      for (const player of players) player.dispose();
      throw error;
    }
    this.players = players;
    this.reference = this.dataset.reference(snapshot.realSamples);
    this.probes = SnapshotProbes.create(config.dataset, this.dataset.shape, this.reference);
    this.latentBank = createRandom(seed, 'latent-bank').normals(snapshot.generatedSamples * (players[0] as GenerativeModel).latentDim);
    this.pending = this.emptySeries();
    this.learningRate = training.learningRate;
  }

  get playerCount(): number {
    return this.players.length;
  }

  get lossNames(): readonly string[] {
    return this.first.lossNames;
  }

  /** Every per-iteration series of one player: its losses, then one gradient norm per network. */
  get seriesNames(): readonly string[] {
    return [...this.first.lossNames, ...this.first.networkNames.map(gradientNormName)];
  }

  get completedIterations(): number {
    return this.trainer.iteration;
  }

  /** The player whose samples the unprefixed snapshot arrays carry: the latest auction's winner, 0 before the first. */
  get referencePlayer(): number {
    return this.lastRound?.reference ?? 0;
  }

  /** As TrainingSession.prepareEvaluator: one evaluator for the dataset, applied to every player's samples. */
  async prepareEvaluator(options: EvaluatorRunOptions): Promise<Evaluator> {
    if (this.evaluator) throw new Error('the evaluator is already prepared');
    const { evaluator, evaluation } = await prepareSnapshotEvaluation(this.tf, this.dataset, this.config.dataset, this.reference, this.config.snapshot.realSamples, options);
    this.evaluation = evaluation;
    this.evaluator = evaluator;
    return evaluator;
  }

  /** One iteration: every player's ordinary step, then the auction when one is due. */
  step(): void {
    const result = this.trainer.iterate();
    result.steps.forEach((report, index) => {
      const series = this.pending[index] as Map<string, number[]>;
      for (const name of this.first.lossNames) series.get(name)?.push(report.losses[name] ?? Number.NaN);
      for (const network of this.first.networkNames) series.get(gradientNormName(network))?.push(report.gradientNorms[network] ?? Number.NaN);
    });
    if (result.round) this.lastRound = result.round;
  }

  snapshot(iteration: number, time: number): SnapshotRecord {
    const { tf, players } = this;
    const { generatedSamples } = this.config.snapshot;
    const referencePlayer = this.referencePlayer;
    const metrics: Record<string, number> = {
      elapsedSeconds: (time - this.startTime) / 1000,
      [MULTI_PLAYER_NAMES.players]: players.length,
      [MULTI_PLAYER_NAMES.referencePlayer]: referencePlayer,
    };
    metrics[NON_FINITE_WEIGHTS_METRIC] = countNonFinite(tf, players.flatMap((player) => player.variables.map(({ variable }) => variable)));
    if (this.lastSnapshot && iteration > this.lastSnapshot.iteration) {
      metrics.stepsPerSecond = (iteration - this.lastSnapshot.iteration) / Math.max(1e-3, (time - this.lastSnapshot.time) / 1000);
    }
    const arrays: Record<string, NumericArray> = {};
    this.pending.forEach((series, player) => {
      for (const [name, values] of series) {
        if (values.length > 0) metrics[playerName(player, name)] = mean(values);
        if (player !== referencePlayer) continue;
        if (values.length > 0) metrics[name] = mean(values);
        arrays[name] = float32(Float32Array.from(values), [values.length]);
      }
    });
    Object.assign(arrays, this.roundArrays(metrics));

    const form = { kind: this.dataset.kind, shape: this.dataset.shape, snapshot: this.config.snapshot };
    Object.assign(arrays, sampleArrays(form, 'real', this.reference.data, this.reference.count));
    arrays.latent = float32(this.latentBank, [generatedSamples, (players[0] as GenerativeModel).latentDim]);
    players.forEach((player, index) => {
      const generated = generateFromBank(tf, player, this.latentBank, generatedSamples);
      const own: Record<string, NumericArray> = { ...sampleArrays(form, 'generated', generated.samples, generatedSamples) };
      const evaluated = this.evaluation?.arrays(generated.samples, generatedSamples) ?? {};
      // The evaluator's real-set arrays are the same for every player: only its generated ones are per player.
      for (const [name, array] of Object.entries(evaluated)) if (name.startsWith('generated')) own[name] = array;
      for (const [name, array] of Object.entries(own)) arrays[playerName(index, name)] = array;
      if (index !== referencePlayer) return;
      Object.assign(arrays, evaluated, own);
      if (this.probes) Object.assign(arrays, this.probes.arrays(generated.samples, generatedSamples));
      const discriminatorReal = discriminateReal(tf, player, this.reference.data, this.reference.count);
      if (discriminatorReal && generated.discriminator) {
        arrays.discriminatorReal = float32(discriminatorReal, [this.reference.count]);
        arrays.discriminatorGenerated = float32(generated.discriminator, [generatedSamples]);
      }
    });

    this.pending = this.emptySeries();
    this.lastSnapshot = { iteration, time };
    return { type: 'snapshot', iteration, time, metrics, arrays };
  }

  augment(): AugmentOutcome {
    throw new AugmentError('not-supported', `augment is ${MULTI_PLAYER_UNSUPPORTED}`);
  }

  sample(): SampleDrawing {
    throw new SampleError('not-supported', `sample is ${MULTI_PLAYER_UNSUPPORTED}`);
  }

  setLearningRate(learningRate: number): void {
    for (const player of this.players) player.setLearningRate(learningRate);
    this.learningRate = learningRate;
  }

  /** As TrainingSession.saveState, for every player, plus the auction's noise and latest round. */
  saveState(): SavedState {
    const arrays: Record<string, StateArray> = {};
    this.players.forEach((player, index) => {
      for (const { name, variable } of player.variables) {
        arrays[playerName(index, `variable.${name}`)] = { shape: [...variable.shape], data: Float32Array.from(variable.dataSync() as Float32Array) };
      }
    });
    this.pending.forEach((series, index) => {
      for (const [name, values] of series) arrays[playerName(index, `pending.${name}`)] = { shape: [values.length], data: Float32Array.from(values) };
    });
    return {
      arrays,
      values: {
        iteration: this.completedIterations,
        learningRate: this.learningRate,
        players: this.players.length,
        ...Object.fromEntries(this.noises.map((noise, index) => [playerName(index, 'random.noise'), noise.getState()])),
        'random.auction': this.auctionNoise.getState(),
        'dataset.position': this.dataset.getPosition(),
        'auction.lastRound': this.lastRound ? savedRound(this.lastRound) : null,
      },
    };
  }

  /** Continues from a saved state; throws StateMismatchError, changing nothing, when it does not fit. */
  restoreState(state: SavedState): void {
    const { tf, players } = this;
    const count = requireValue(state, 'players');
    if (count !== players.length) throw new StateMismatchError(`the checkpoint has ${String(count)} players, this run ${players.length}`);
    const iteration = requireValue(state, 'iteration');
    if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) throw new StateMismatchError('"iteration" is not a whole number ≥ 0');
    const learningRate = requireValue(state, 'learningRate');
    if (typeof learningRate !== 'number' || !(learningRate > 0)) throw new StateMismatchError('"learningRate" is not a number > 0');
    const noiseStates = players.map((_, index) => {
      const value = requireValue(state, playerName(index, 'random.noise'));
      if (!isRandomState(value)) throw new StateMismatchError(`"${playerName(index, 'random.noise')}" is not a random generator state`);
      return value;
    });
    const auctionState = requireValue(state, 'random.auction');
    if (!isRandomState(auctionState)) throw new StateMismatchError('"random.auction" is not a random generator state');
    const lastRound = parseSavedRound(requireValue(state, 'auction.lastRound'), players.length);
    const position = requireValue(state, 'dataset.position');
    const values = players.map((player, index) => player.variables.map(({ name, variable }) => requireArray(state, playerName(index, `variable.${name}`), variable.shape)));
    const pending = players.map((_, index) => {
      const series = new Map<string, number[]>();
      for (const name of this.seriesNames) {
        const key = playerName(index, `pending.${name}`);
        series.set(name, Array.from(requireArray(state, key, [state.arrays[key]?.data.length ?? 0])));
      }
      return series;
    });
    try {
      this.dataset.setPosition(position);
    } catch (error) {
      throw new StateMismatchError(error instanceof Error ? error.message : String(error));
    }
    tf.tidy(() =>
      players.forEach((player, index) => player.variables.forEach(({ variable }, i) => variable.assign(tf.tensor(values[index]?.[i] as Float32Array, variable.shape)))),
    );
    this.noises.forEach((noise, index) => noise.setState(noiseStates[index] as typeof auctionState));
    this.auctionNoise.setState(auctionState);
    this.setLearningRate(learningRate);
    this.pending = pending;
    this.lastRound = lastRound;
    this.trainer.continueFrom(iteration as number);
  }

  dispose(): void {
    this.trainer.dispose();
    this.evaluator?.dispose();
  }

  private get first(): GenerativeModel {
    return this.players[0] as GenerativeModel;
  }

  /** The latest round's arrays, and its reference as a metric; nothing before the first round. */
  private roundArrays(metrics: Record<string, number>): Record<string, NumericArray> {
    const round = this.lastRound;
    if (!round) return {};
    const n = this.players.length;
    metrics[MULTI_PLAYER_NAMES.auctionReference] = round.reference;
    // As metrics too, so a panel can chart the scores over time from the snapshots' metrics alone.
    round.scores.forEach((score, player) => {
      if (Number.isFinite(score)) metrics[playerName(player, MULTI_PLAYER_NAMES.playerScore)] = score;
    });
    return {
      [MULTI_PLAYER_NAMES.auctionBids]: float32(Float32Array.from(round.bids.bids.flat()), [n, n]),
      [MULTI_PLAYER_NAMES.auctionRealBids]: float32(Float32Array.from(round.bids.realBids), [n]),
      [MULTI_PLAYER_NAMES.auctionScores]: float32(Float32Array.from(round.scores), [n]),
    };
  }

  private emptySeries(): Map<string, number[]>[] {
    return this.players.map(() => new Map(this.seriesNames.map((name) => [name, []])));
  }
}
