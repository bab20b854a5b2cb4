/**
 * What the evaluator adds to every snapshot: features of the real reference set and of the
 * generated samples (the projection's distribution view), the real set's true labels, and the
 * evaluator's predicted attribute values and confidence for the generated samples. The real set
 * never changes, so it is evaluated once; only the generated samples are evaluated per snapshot.
 * Where the evaluator's features are the samples themselves (2-D points), the feature arrays are
 * left out: the panel then reads `real` and `generated`, which hold the same numbers.
 *
 * Also, for memorization, the features of real samples the generative model never trained on
 * (the dataset's held-out split), evaluated once like the reference set. For 2-D points these are
 * the points themselves, written as `heldOut` beside `real` rather than as `heldOutFeatures`.
 */
import type { NumericArray } from '../../protocol/stream';
import type { LabelledBatch } from '../datasets/dataset';
import type { Evaluator } from '../evaluator/evaluator';

export const EVALUATOR_ARRAY_NAMES = {
  realFeatures: 'realFeatures',
  generatedFeatures: 'generatedFeatures',
  realLabels: 'realLabels',
  generatedPredictions: 'generatedPredictions',
  generatedConfidence: 'generatedConfidence',
  heldOutFeatures: 'heldOutFeatures',
  heldOutPoints: 'heldOut',
} as const;

/** Rows of samples stored row-major, as the dataset returns them. */
export interface SampleRows {
  readonly data: Float32Array;
  readonly count: number;
}

export class SnapshotEvaluation {
  /** Computed once, written in every snapshot. */
  private readonly realArrays: Record<string, NumericArray>;
  private readonly writesFeatures: boolean;

  constructor(
    private readonly evaluator: Evaluator,
    reference: LabelledBatch,
    heldOut: SampleRows,
  ) {
    const attributeCount = evaluator.attributes.length;
    this.writesFeatures = evaluator.kind !== 'coordinates';
    this.realArrays = {};
    if (this.writesFeatures) {
      const { features } = evaluator.evaluate(reference.data, reference.count);
      this.realArrays[EVALUATOR_ARRAY_NAMES.realFeatures] = { dtype: 'float32', shape: [reference.count, evaluator.featureDim], data: features };
    }
    // An empty split (an image folder with heldOut: 0) writes nothing: the metrics then fall back to leave-one-out.
    if (heldOut.count > 0) {
      this.realArrays[this.writesFeatures ? EVALUATOR_ARRAY_NAMES.heldOutFeatures : EVALUATOR_ARRAY_NAMES.heldOutPoints] = {
        dtype: 'float32',
        shape: [heldOut.count, evaluator.featureDim],
        data: evaluator.evaluate(heldOut.data, heldOut.count).features,
      };
    }
    if (attributeCount > 0 && reference.labels.length === reference.count * attributeCount) {
      this.realArrays[EVALUATOR_ARRAY_NAMES.realLabels] = { dtype: 'int32', shape: [reference.count, attributeCount], data: reference.labels.slice() };
    }
  }

  /** The evaluator arrays of one snapshot, for `count` generated samples stored row-major in `generated`. */
  arrays(generated: Float32Array, count: number): Record<string, NumericArray> {
    const { evaluator } = this;
    const attributeCount = evaluator.attributes.length;
    const output = evaluator.evaluate(generated, count);
    const arrays: Record<string, NumericArray> = { ...this.realArrays };
    if (this.writesFeatures) arrays[EVALUATOR_ARRAY_NAMES.generatedFeatures] = { dtype: 'float32', shape: [count, evaluator.featureDim], data: output.features };
    if (attributeCount > 0) {
      arrays[EVALUATOR_ARRAY_NAMES.generatedPredictions] = { dtype: 'int32', shape: [count, attributeCount], data: output.predictions };
      arrays[EVALUATOR_ARRAY_NAMES.generatedConfidence] = { dtype: 'float32', shape: [count, attributeCount], data: output.confidence };
    }
    return arrays;
  }
}
