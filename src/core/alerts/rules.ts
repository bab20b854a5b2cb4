/**
 * The alert rules (the `alerts:` section of a config) and their defaults. Every rule has the same
 * hysteresis: a condition must hold on `fireAfter` consecutive snapshots before the alert fires,
 * and an active alert clears after `clearAfter` consecutive snapshots on which it does not hold.
 * Snapshots where the metric is missing leave both counts as they are.
 */
import { ALERT_SEVERITIES, type AlertRuleKey, type AlertSeverity } from './types';

export interface RuleHysteresis {
  readonly enabled: boolean;
  readonly fireAfter: number;
  readonly clearAfter: number;
  readonly severity: AlertSeverity;
}

export interface BiasRule extends RuleHysteresis {
  /** Fire when a group's generated share / real share falls below this. */
  readonly minShareRatio: number;
  /** …or rises above this (over-representation). */
  readonly maxShareRatio: number;
  /** Groups rarer than this among real samples are not judged (their share is noise). */
  readonly minRealShare: number;
  /** Fire when an attribute's (or pair's) total-variation distance exceeds this. */
  readonly maxTotalVariation: number;
  /** Attribute names to watch, or 'all'. */
  readonly attributes: readonly string[] | 'all';
  /** Also judge groups of two attributes ("circle+red"). */
  readonly pairs: boolean;
  /** Probe datasets: fire when KL(generated ‖ training) of a measured feature exceeds this. */
  readonly maxProbeKl: number;
  /** Probe datasets: fire when the generated mode sits where the training data has no mass. */
  readonly prototypeEnhancement: boolean;
  /** Groups are judged only once this share of samples are good (near a mode, or precision). */
  readonly minSampleQuality: number;
}

export interface ModeCollapseRule extends RuleHysteresis {
  /** Known mixtures: fire when the share of modes covered falls below this. */
  readonly minModesCovered: number;
  /** Evaluator features: fire when recall falls below this. */
  readonly minRecall: number;
  /** …or coverage below this. */
  readonly minCoverage: number;
  /** Judged only once this share of samples are good (near a mode, or precision): an untrained generator is not collapsing. */
  readonly minSampleQuality: number;
}

export interface MemorizationRule extends RuleHysteresis {
  /** Fire when more than this share of generated samples are near-copies of training samples. */
  readonly maxNearCopyShare: number;
  /** …or when generated samples sit closer to the training set than held-out real ones, by this ratio of medians. */
  readonly minDistanceRatio: number;
}

export interface DivergenceRule extends RuleHysteresis {
  /** Fire when the overall Fréchet distance exceeds the best seen so far by this factor… */
  readonly maxFrechetRise: number;
  /** …and the rise gives back more than this share of the improvement since the first snapshot. */
  readonly minLostImprovement: number;
  /** …or precision falls below this. */
  readonly minPrecision: number;
  /** Known mixtures: …or the share of high-quality samples falls below this. */
  readonly minHighQualityShare: number;
}

export interface HealthRule extends RuleHysteresis {
  /** NaN or Infinity in losses, gradients or weights (always severity 'error'). */
  readonly nonFinite: boolean;
  /** Standard GAN discriminator loss below this: the discriminator wins. */
  readonly minDiscriminatorLoss: number;
  readonly maxGradientNorm: number;
  /** Generated samples moved less than this (relative to their spread) since the previous snapshot. */
  readonly minGeneratorChange: number;
}

export interface AlertRules {
  readonly bias: BiasRule;
  readonly modeCollapse: ModeCollapseRule;
  readonly memorization: MemorizationRule;
  readonly divergence: DivergenceRule;
  readonly health: HealthRule;
}

export type AlertRulesInput = { readonly [K in AlertRuleKey]?: Partial<AlertRules[K]> };

export const DEFAULT_ALERT_RULES: AlertRules = {
  bias: {
    enabled: true, fireAfter: 3, clearAfter: 2, severity: 'warning',
    minShareRatio: 0.5, maxShareRatio: 2, minRealShare: 0.01, maxTotalVariation: 0.2,
    attributes: 'all', pairs: true, maxProbeKl: 0.5, prototypeEnhancement: true, minSampleQuality: 0.5,
  },
  modeCollapse: { enabled: true, fireAfter: 2, clearAfter: 2, severity: 'warning', minModesCovered: 0.75, minRecall: 0.2, minCoverage: 0.2, minSampleQuality: 0.5 },
  memorization: { enabled: true, fireAfter: 2, clearAfter: 2, severity: 'warning', maxNearCopyShare: 0.05, minDistanceRatio: 0.5 },
  divergence: { enabled: true, fireAfter: 3, clearAfter: 2, severity: 'warning', maxFrechetRise: 1.5, minLostImprovement: 0.1, minPrecision: 0.1, minHighQualityShare: 0.2 },
  health: { enabled: true, fireAfter: 1, clearAfter: 2, severity: 'warning', nonFinite: true, minDiscriminatorLoss: 0.01, maxGradientNorm: 1000, minGeneratorChange: 1e-4 },
};

export const ALERT_RULE_KEYS: readonly AlertRuleKey[] = ['bias', 'modeCollapse', 'memorization', 'divergence', 'health'];

/**
 * Defaults overlaid with what the config gives; values of the wrong type or out of range are
 * replaced by the default and reported (the config schema should already have caught them).
 */
export function resolveAlertRules(input: unknown): { rules: AlertRules; problems: string[] } {
  const problems: string[] = [];
  const given = isRecord(input) ? input : {};
  if (input !== undefined && input !== null && !isRecord(input)) problems.push('alerts must be a mapping');
  const resolved: Record<string, Record<string, unknown>> = {};
  for (const key of ALERT_RULE_KEYS) {
    const defaults = DEFAULT_ALERT_RULES[key] as unknown as Record<string, unknown>;
    const section = given[key];
    const out: Record<string, unknown> = { ...defaults };
    if (section !== undefined && !isRecord(section)) problems.push(`alerts.${key} must be a mapping`);
    if (isRecord(section)) {
      for (const [field, value] of Object.entries(section)) {
        if (!(field in defaults)) {
          problems.push(`alerts.${key}.${field} is not a known setting`);
          continue;
        }
        const problem = fieldProblem(field, value, defaults[field]);
        if (problem) problems.push(`alerts.${key}.${field} ${problem}; using ${JSON.stringify(defaults[field])}`);
        else out[field] = value;
      }
    }
    resolved[key] = out;
  }
  for (const key of Object.keys(given)) if (!ALERT_RULE_KEYS.includes(key as AlertRuleKey)) problems.push(`alerts.${key} is not a known rule`);
  return { rules: resolved as unknown as AlertRules, problems };
}

function fieldProblem(field: string, value: unknown, fallback: unknown): string | undefined {
  if (field === 'severity') return ALERT_SEVERITIES.includes(value as AlertSeverity) ? undefined : `must be one of ${ALERT_SEVERITIES.join(', ')}`;
  if (field === 'attributes') return value === 'all' || (Array.isArray(value) && value.every((v) => typeof v === 'string')) ? undefined : "must be 'all' or a list of attribute names";
  if (typeof fallback === 'boolean') return typeof value === 'boolean' ? undefined : 'must be true or false';
  if (field === 'fireAfter' || field === 'clearAfter') return Number.isInteger(value) && (value as number) >= 1 ? undefined : 'must be a whole number ≥ 1';
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return 'must be a number ≥ 0';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
