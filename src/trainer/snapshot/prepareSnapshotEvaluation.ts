/**
 * The evaluator of a run and what it measures once: trained (or loaded from its cache) on the
 * dataset as configured — never an augmented one, so a resumed run gets the same evaluator — then
 * applied to the fixed real reference and the held-out rows, which come from their own split and
 * move no training position. The evaluator is disposed again if measuring fails.
 */
import type { LabelledBatch, Dataset } from '../datasets/dataset';
import type { DatasetSpec } from '../datasets/spec';
import type { Evaluator } from '../evaluator/evaluator';
import type { EvaluatorRunOptions } from '../evaluator/options';
import { trainEvaluator } from '../evaluator/trainEvaluator';
import type { Tf } from '../tf';
import { SnapshotEvaluation } from './evaluatorArrays';

export interface PreparedEvaluation {
  readonly evaluator: Evaluator;
  readonly evaluation: SnapshotEvaluation;
}

export async function prepareSnapshotEvaluation(tf: Tf, dataset: Dataset, spec: DatasetSpec, reference: LabelledBatch, heldOutCount: number, options: EvaluatorRunOptions): Promise<PreparedEvaluation> {
  const evaluator = await trainEvaluator(tf, dataset, spec, options);
  try {
    return { evaluator, evaluation: new SnapshotEvaluation(evaluator, reference, dataset.heldOut(heldOutCount)) };
  } catch (error) {
    evaluator.dispose();
    throw error;
  }
}
