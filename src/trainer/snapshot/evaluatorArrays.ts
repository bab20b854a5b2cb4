/**
 * What the evaluator adds to every snapshot: features of the real reference set and of the
 * generated samples (the projection's distribution view), the real set's true labels, and the
 * evaluator's predicted attribute values and confidence for the generated samples. The real set
 * never changes, so it is evaluated once; only the generated samples are evaluated per snapshot.
 * Where the evaluator's features are the samples themselves (2-D points), the feature arrays are
 * left out: the panel then reads `real` and `generated`, which hold the same numbers.
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
} as const;

export class SnapshotEvaluation {
  /** Computed once, written in every snapshot. */
  private readonly realArrays: Record<string, NumericArray>;
  private readonly writesFeatures: boolean;

  constructor(
    private readonly evaluator: Evaluator,
    reference: LabelledBatch,
  ) {
    const attributeCount = evaluator.attributes.length;
    this.writesFeatures = evaluator.kind !== 'coordinates';
    this.realArrays = {};
    if (this.writesFeatures) {
      const { features } = evaluator.evaluate(reference.data, reference.count);
      this.realArrays[EVALUATOR_ARRAY_NAMES.realFeatures] = { dtype: 'float32', shape: [reference.count, evaluator.featureDim], data: features };
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
