/** The evaluator as plain JSON, for the snapshot stream's header: what later alerts may rely on. */
import type { Evaluator, EvaluatorKind } from './evaluator';
import { attributeTrust, DEFAULT_TRUST_THRESHOLD } from './trust';

export interface EvaluatorAttributeSummary {
  readonly name: string;
  readonly values: readonly string[];
  /** Held-out accuracy; null when it could not be measured. */
  readonly accuracy: number | null;
  /** Accuracy of always guessing the most common value; null when unmeasured. */
  readonly chanceAccuracy: number | null;
  readonly trusted: boolean;
}

export interface EvaluatorSummary {
  readonly kind: EvaluatorKind;
  readonly featureDim: number;
  readonly attributes: readonly EvaluatorAttributeSummary[];
  /** The chance-adjusted accuracy an attribute needs to be trusted (see trust.ts). */
  readonly trustThreshold: number;
  readonly heldOutCount: number;
  readonly trainedIterations: number;
  readonly trainingSeconds: number;
  readonly fromCache: boolean;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function evaluatorSummary(evaluator: Evaluator, threshold: number = DEFAULT_TRUST_THRESHOLD): EvaluatorSummary {
  const trust = attributeTrust(evaluator, threshold);
  return {
    kind: evaluator.kind,
    featureDim: evaluator.featureDim,
    attributes: evaluator.attributes.map(({ name, values }) => ({
      name,
      values: [...values],
      accuracy: finiteOrNull(trust[name]?.accuracy ?? Number.NaN),
      chanceAccuracy: finiteOrNull(trust[name]?.chanceAccuracy ?? Number.NaN),
      trusted: trust[name]?.trusted ?? false,
    })),
    trustThreshold: threshold,
    heldOutCount: evaluator.heldOutCount,
    trainedIterations: evaluator.trainedIterations,
    trainingSeconds: evaluator.trainingSeconds,
    fromCache: evaluator.fromCache,
  };
}
