/**
 * Snapshot stream v1: the records a trainer appends to a run's `stream.gms` file.
 * docs/stream-format.md is the normative description of the bytes; this file is the typed view.
 */

export const STREAM_FORMAT_VERSION = 1;
export const STREAM_FILE_NAME = 'stream.gms';

/** Element types a record's binary section may hold. */
export type DType = 'float32' | 'int32' | 'uint8';

/**
 * A numeric array decoded from a record's binary section, row-major. The reader gives each one its own
 * buffer (byteOffset 0), so it can be kept, transferred or posted to a webview without pinning read chunks.
 */
export interface NumericArray {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array | Uint8Array;
}

export type ArrayMap = Readonly<Record<string, NumericArray>>;

/** What produced the stream; reported by the trainer once it has chosen a backend. */
export interface TrainerInfo {
  readonly name: string;
  readonly version: string;
  /** The tfjs backend actually used: 'wasm', 'cpu', 'tensorflow' (tfjs-node) or 'tensorflow-gpu'. */
  readonly backend: string;
  /** Why this backend was used, e.g. "auto: @tensorflow/tfjs-node not found". */
  readonly backendReason?: string;
}

/** One attribute the evaluator predicts; snapshot arrays hold indices into `values`. */
export interface EvaluatorAttributeInfo {
  readonly name: string;
  readonly values: readonly string[];
  /** Held-out accuracy; null when it could not be measured. */
  readonly accuracy: number | null;
  /** Accuracy of always guessing the most common value on the same samples; null when unmeasured. */
  readonly chanceAccuracy: number | null;
  /** Whether predictions of this attribute may drive alerts (docs/evaluator.md, "Trust rule"). */
  readonly trusted: boolean;
}

/** The evaluator network the trainer used for the feature and prediction arrays (docs/evaluator.md). */
export interface EvaluatorInfo {
  /** 'network' (trained classifier) or 'coordinates' (2-D points are their own features). */
  readonly kind: string;
  readonly featureDim: number;
  readonly attributes: readonly EvaluatorAttributeInfo[];
  readonly trustThreshold: number;
  readonly heldOutCount: number;
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
  readonly fromCache: boolean;
}

/**
 * Where a branch run came from: `genmon train --resume <parent> --from-checkpoint <k> --branch-run-dir <dir>`
 * started it in a new directory from the parent's checkpoint, leaving the parent untouched.
 */
export interface BranchOrigin {
  readonly parentRunId: string;
  /** The parent's run directory as the branching trainer saw it (absolute). */
  readonly parentRunDir: string;
  /** The iteration of the parent's checkpoint the branch continued from; its first step is the next one. */
  readonly checkpointIteration: number;
}

export interface HeaderRecord {
  readonly type: 'header';
  readonly formatVersion: number;
  readonly runId: string;
  /** ISO-8601 time the run was created. */
  readonly createdAt: string;
  /** The experiment config after defaults were applied. */
  readonly config: unknown;
  /** The config file's text, as it was when the run started. */
  readonly configSource?: string;
  readonly configPath?: string;
  readonly trainer: TrainerInfo;
  /** The evaluator; absent when the run stopped before its evaluator was ready, and in streams of older trainers. */
  readonly evaluator?: EvaluatorInfo;
  /** Set only in a branch run's stream; older streams and fresh runs have none. */
  readonly branchOf?: BranchOrigin;
}

/** Losses recorded since the previous snapshot, one value per iteration. */
export interface SnapshotRecord {
  readonly type: 'snapshot';
  readonly iteration: number;
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
  /** Scalar metrics at this snapshot (e.g. lossD, lossG, stepsPerSecond). */
  readonly metrics: Readonly<Record<string, number>>;
  /**
   * Named arrays; docs/stream-format.md lists every one. v1 trainers write:
   * - `real` [N, d]: the fixed real reference set (same rows every snapshot; images as shrunk pixel vectors);
   * - `generated` [M, d]: samples from the fixed latent bank (row i always comes from the same z);
   * - `latent` [M, zDim]: the fixed latent bank;
   * - images: `realThumbs`, `generatedThumbs` uint8 [T, h, w, c];
   * - GANs: `discriminatorReal` [N], `discriminatorGenerated` [M]; VAEs: `latentReal` [N, zDim];
   * - the evaluator's: `realFeatures` [N, f], `generatedFeatures` [M, f] (not for 2-D points, whose
   *   features are `real` and `generated`), int32 `realLabels` [N, a], int32 `generatedPredictions` [M, a],
   *   `generatedConfidence` [M, a];
   * - one [k] array per loss of the model (`lossD`, `lossG`, …) and per network (`gradientNorm.<network>`),
   *   per iteration since the previous snapshot.
   */
  readonly arrays: ArrayMap;
}

/**
 * Multi-player (auction) runs, `model.players` > 1 (docs/stream-format.md, "Multi-player runs"):
 * the unprefixed sample arrays, losses and discriminator outputs are the current reference
 * player's (`metrics.referencePlayer`), so every single-player reader shows the best pair; each
 * player's own generated set is under `player<i>.`; the latest auction round is under `auction.`.
 */
export const MULTI_PLAYER_NAMES = {
  /** Metric: the player whose arrays the unprefixed names carry (0 before the first auction). */
  referencePlayer: 'referencePlayer',
  /** Metric: the number of players. */
  players: 'players',
  /** Metric: the reference chosen by the latest auction round (absent before the first). */
  auctionReference: 'auction.reference',
  /** [N, N] float32: row b = bidder b's discriminator, column s = seller s's generator; its mean output on that batch. */
  auctionBids: 'auction.bids',
  /** [N] float32: each bidder's mean output on a real batch of the same round. */
  auctionRealBids: 'auction.realBids',
  /** [N] float32: each player's score in that round (model.auction.score). */
  auctionScores: 'auction.scores',
  /** Per-player metric `player<i>.auction.score`: player i's score in the latest auction (absent before the first). */
  playerScore: 'auction.score',
} as const;

const PLAYER_PREFIX = /^player(0|[1-9][0-9]?)\.(.+)$/;

/** A player's copy of a per-player array or metric, e.g. `player2.generated`, `player2.lossD`. */
export function playerName(player: number, name: string): string {
  if (!Number.isInteger(player) || player < 0 || player > 99) throw new RangeError(`player indices are 0–99, got ${player}`);
  return `player${player}.${name}`;
}

/** The player and the unprefixed name of `player<i>.<name>`; undefined for any other name. */
export function parsePlayerName(name: string): { readonly player: number; readonly name: string } | undefined {
  const match = PLAYER_PREFIX.exec(name);
  return match ? { player: Number(match[1]), name: match[2] as string } : undefined;
}

/**
 * `paused` / `unpaused`: the control channel's pause and resume; `resumed`: a new trainer process
 * continued the run from a checkpoint (`genmon train --resume`), at the event's iteration;
 * `set`: a setting changed; `augmented`: an `augment` changed the training data from the next
 * step; `sampled`: a `sample` drew standard and MaGNET samples (its arrays hold both sets);
 * `command`: any other control command (one that changed nothing, was refused, or is not
 * carried out). docs/stream-format.md describes each.
 */
export type RunEventKind = 'started' | 'paused' | 'unpaused' | 'resumed' | 'stopping' | 'checkpoint' | 'set' | 'augmented' | 'sampled' | 'command' | 'warning' | 'error';

/** The two sets of a `sampled` event, in the order they are drawn and shown. */
export const SAMPLE_SET_NAMES = ['standard', 'magnet'] as const;
export type SampleSetName = (typeof SAMPLE_SET_NAMES)[number];

/**
 * The arrays of one set of a `sampled` event (docs/stream-format.md): outputs in the form of a
 * snapshot's `generated` (and thumbnails for images), latents, and the evaluator's outputs.
 */
export function sampleSetArrayNames(set: SampleSetName) {
  return {
    samples: set,
    thumbs: `${set}Thumbs`,
    latent: `${set}Latent`,
    features: `${set}Features`,
    predictions: `${set}Predictions`,
    confidence: `${set}Confidence`,
  } as const;
}

export interface EventRecord {
  readonly type: 'event';
  readonly kind: RunEventKind;
  readonly iteration: number;
  readonly time: number;
  /** Human-readable: what happened, for people. */
  readonly message?: string;
  /** Machine-readable facts of the event, a JSON object (`augmented`: method, group, shares, samples). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Named arrays, as a snapshot's; only `sampled` events have them (docs/stream-format.md). */
  readonly arrays?: ArrayMap;
}

export type EndReason = 'completed' | 'stopped' | 'error';

export interface EndRecord {
  readonly type: 'end';
  readonly reason: EndReason;
  readonly iteration: number;
  readonly time: number;
  readonly message?: string;
}

export type StreamRecord = HeaderRecord | SnapshotRecord | EventRecord | EndRecord;
export type StreamRecordType = StreamRecord['type'];
