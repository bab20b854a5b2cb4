/**
 * The common face of every dataset: the trainer draws training batches forever, snapshots
 * draw a fixed real reference set, and the evaluator network trains on labelled samples and
 * checks itself on a held-out split it never saw.
 */
import type { DatasetType } from './spec';

/** A categorical attribute: labels are indices into `values`. */
export interface AttributeSpec {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * A batch of samples. Row i of `labels` (length = attributes) and of `factors` (length =
 * factors) describe sample i of `data` (length = product of the dataset's shape).
 */
export interface LabelledBatch {
  readonly count: number;
  readonly data: Float32Array;
  readonly labels: Int32Array;
  /** Continuous generating factors (for example mean dot colour, pie radius), where the dataset has them. */
  readonly factors: Float32Array;
}

/**
 * Where a training stream stands, as plain JSON for checkpoints. Both generated and finite
 * datasets are fully described by the number of samples drawn so far: generated ones derive
 * sample i from (seed, i); finite ones shuffle epoch e with a permutation derived from (seed, e).
 */
export interface SamplerPosition {
  readonly drawn: number;
}

export interface Dataset {
  readonly type: DatasetType;
  /** `points`: 2-D coordinates; `image`: float32 HWC pixels in [0, 1]. */
  readonly kind: 'points' | 'image';
  /** [2] for points, [height, width, channels] for images. */
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly factors: readonly string[];
  /** Distinct training samples, or undefined when samples are generated on the fly (unbounded). */
  readonly trainSize: number | undefined;
  /** Size of the held-out split, or undefined when generated on the fly (unbounded). */
  readonly heldOutSize: number | undefined;

  /** The next `count` training samples; advances the position. */
  sample(count: number): LabelledBatch;
  getPosition(): SamplerPosition;
  /** Restores a position from `getPosition()`; throws a clear error for anything else. */
  setPosition(position: unknown): void;

  /** A fixed set of real training-distribution samples, the same for every call with the same count prefix; independent of the position. */
  reference(count: number): LabelledBatch;
  /** The first `count` samples of the held-out split (fewer when a finite split is smaller), disjoint from training. */
  heldOut(count: number): LabelledBatch;
}

/** Number of floats in one sample of `shape`. */
export function sampleLength(shape: readonly number[]): number {
  return shape.reduce((product, side) => product * side, 1);
}

export function checkCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${what}: count must be a non-negative integer, got ${count}`);
}

/** Parses a checkpointed position, naming what is wrong with it. */
export function parsePosition(position: unknown): SamplerPosition {
  const drawn = typeof position === 'object' && position !== null ? (position as { drawn?: unknown }).drawn : undefined;
  if (typeof drawn !== 'number' || !Number.isSafeInteger(drawn) || drawn < 0) {
    throw new Error(`dataset position must be {"drawn": <non-negative integer>}, got ${JSON.stringify(position)}`);
  }
  return { drawn };
}
