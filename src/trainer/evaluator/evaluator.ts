/**
 * The evaluator: a stand-in for the labels generated samples lack. It maps any batch of samples,
 * real or generated, to feature vectors (for projections and distances) and to predicted
 * attribute values, and says how far those predictions can be trusted (held-out accuracy).
 * Images get a small trained classifier (networkEvaluator.ts); 2-D points are their own
 * features and are labelled by the known mixture density (coordinateEvaluator.ts).
 */
import type { AttributeSpec } from '../datasets/dataset';

export type EvaluatorKind = 'network' | 'coordinates';

/** Row i of each array describes sample i of the evaluated batch. */
export interface EvaluatorOutput {
  /** n × featureDim. */
  readonly features: Float32Array;
  /** n × attributes: the predicted value index of each attribute. */
  readonly predictions: Int32Array;
  /** n × attributes: the predicted value's probability under the evaluator, in (0, 1]. */
  readonly confidence: Float32Array;
}

export interface Evaluator {
  readonly kind: EvaluatorKind;
  readonly featureDim: number;
  /** One sample's shape, as the dataset's. */
  readonly sampleShape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  /** Held-out accuracy by attribute name; NaN when there were no held-out samples to measure it on. */
  readonly accuracy: Readonly<Record<string, number>>;
  /**
   * By attribute name: the accuracy of always guessing the most common value on the same held-out
   * samples. Accuracy only means something above it (95 % is poor when 95 % of samples share a value).
   */
  readonly chanceAccuracy: Readonly<Record<string, number>>;
  /** How many held-out samples `accuracy` was measured on. */
  readonly heldOutCount: number;
  /** Optimiser steps taken (0 for coordinates, and for a network loaded from the cache: see `fromCache`). */
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
  readonly fromCache: boolean;

  /** Evaluates `count` samples stored row-major in `samples`; throws a RangeError on a length mismatch. */
  evaluate(samples: Float32Array, count: number): EvaluatorOutput;
  /** Whether predictions of `attribute` may drive alerts: see trust.ts for the rule. */
  trustworthy(attribute: string, threshold?: number): boolean;
  dispose(): void;
}

/** The error evaluate() throws for a batch whose length is not count × the sample length. */
export function checkBatch(samples: Float32Array, count: number, sampleShape: readonly number[]): number {
  const length = sampleShape.reduce((product, side) => product * side, 1);
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`evaluate: count must be a non-negative integer, got ${count}`);
  if (samples.length !== count * length) {
    throw new RangeError(`evaluate: ${count} samples of shape [${sampleShape.join(', ')}] need ${count * length} values, got ${samples.length}`);
  }
  return length;
}
