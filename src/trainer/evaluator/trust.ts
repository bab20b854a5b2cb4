/**
 * When an evaluator's predictions of an attribute are good enough to raise alerts on.
 *
 * Raw accuracy misleads on skewed attributes: with red circles at 4 % of the sprites, a network
 * that calls every circle blue is 96 % right about colour among circles and useless for the
 * very group an alert is about. So the rule uses the chance-adjusted accuracy
 *   κ = (accuracy − chance) / (1 − chance),
 * where chance is the accuracy of always guessing the most common value on the same held-out
 * samples: κ is 0 for a guesser and 1 for a perfect evaluator. An attribute is trusted when
 * κ ≥ threshold (default 0.8: for two balanced values that needs 90 % accuracy, for ten
 * balanced digits 82 %, for a 64/36 split 92.8 %).
 */
import type { Evaluator } from './evaluator';

export const DEFAULT_TRUST_THRESHOLD = 0.8;

/**
 * κ as above. An attribute with a single value seen (chance = 1) has nothing to guess: κ is 1 when
 * the evaluator is always right and 0 otherwise. NaN (no held-out samples) stays NaN.
 */
export function chanceAdjustedAccuracy(accuracy: number, chance: number): number {
  if (Number.isNaN(accuracy) || Number.isNaN(chance)) return Number.NaN;
  if (chance >= 1) return accuracy >= 1 ? 1 : 0;
  return (accuracy - chance) / (1 - chance);
}

export function checkThreshold(threshold: number): number {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`trust threshold must be in [0, 1], got ${threshold}`);
  return threshold;
}

/** κ ≥ threshold; never for NaN (unmeasured) accuracy. */
export function isTrusted(accuracy: number, chance: number, threshold: number = DEFAULT_TRUST_THRESHOLD): boolean {
  return chanceAdjustedAccuracy(accuracy, chance) >= checkThreshold(threshold);
}

export interface AttributeTrust {
  readonly accuracy: number;
  readonly chanceAccuracy: number;
  readonly adjustedAccuracy: number;
  readonly trusted: boolean;
}

/** By attribute name: how well the evaluator predicts it and whether alerts may use it. */
export function attributeTrust(evaluator: Evaluator, threshold: number = DEFAULT_TRUST_THRESHOLD): Readonly<Record<string, AttributeTrust>> {
  checkThreshold(threshold);
  return Object.fromEntries(
    evaluator.attributes.map(({ name }) => {
      const accuracy = evaluator.accuracy[name] ?? Number.NaN;
      const chanceAccuracy = evaluator.chanceAccuracy[name] ?? Number.NaN;
      return [name, { accuracy, chanceAccuracy, adjustedAccuracy: chanceAdjustedAccuracy(accuracy, chanceAccuracy), trusted: isTrusted(accuracy, chanceAccuracy, threshold) }];
    }),
  );
}
