/**
 * A JSON-schema description of the `alerts:` section, built from DEFAULT_ALERT_RULES and one
 * sentence per field, for the config schema (hover text, completion, validation). Defaults come
 * from the rules themselves, so the two cannot drift apart.
 */
import { ALERT_RULE_KEYS, DEFAULT_ALERT_RULES, type AlertRules } from './rules';
import { ALERT_SEVERITIES, type AlertRuleKey } from './types';

const COMMON: Readonly<Record<string, string>> = {
  enabled: 'Whether this rule raises alerts at all.',
  fireAfter: 'Consecutive snapshots the condition must hold before the alert fires.',
  clearAfter: 'Consecutive snapshots without the condition before an active alert clears.',
  severity: 'Severity of the alerts this rule raises (health alerts about NaN/Inf are always errors).',
};

const FIELDS: { readonly [K in AlertRuleKey]: Readonly<Record<Exclude<keyof AlertRules[K], 'enabled' | 'fireAfter' | 'clearAfter' | 'severity'>, string>> } = {
  bias: {
    minShareRatio: "Alert when a group's share among generated samples is below this multiple of its share among real samples.",
    maxShareRatio: "Alert when a group's generated share is above this multiple of its real share.",
    minRealShare: 'Groups rarer than this share of the real samples are not judged.',
    maxTotalVariation: "Alert when an attribute's total-variation distance between generated and real shares exceeds this.",
    attributes: "Attribute names to watch, or 'all'. Attributes the evaluator predicts poorly are never alerted on.",
    pairs: 'Also judge combinations of two attributes (e.g. circle+red).',
    maxProbeKl: 'Probe datasets: alert when KL(generated ‖ training) of a measured feature exceeds this.',
    prototypeEnhancement: 'Probe datasets: alert when the generated mode sits where the training data has no mass.',
    minSampleQuality:
      "Judge groups only once at least this share of generated samples are good (known mixtures: within 3σ of a mode; otherwise precision): an untrained generator's shares are noise.",
  },
  modeCollapse: {
    minModesCovered: 'Known mixtures: alert when the share of modes covered falls below this.',
    minRecall: 'Alert when recall (share of real samples inside a generated k-NN ball) falls below this.',
    minCoverage: 'Alert when coverage (share of real k-NN balls holding a generated sample) falls below this.',
    minSampleQuality:
      'Judge collapse only once at least this share of generated samples are good (known mixtures: within 3σ of a mode; otherwise precision): a generator still learning to draw is not collapsing.',
  },
  memorization: {
    maxNearCopyShare: 'Alert when more than this share of generated samples are near-copies of training samples.',
    minDistanceRatio: 'Alert when the median generated-to-training distance is below this multiple of the held-out median.',
  },
  divergence: {
    maxFrechetRise: 'Alert when the Fréchet distance exceeds the best value seen in this run by this factor (and minLostImprovement holds).',
    minLostImprovement:
      'The Fréchet rise must also give back more than this share of the improvement since the first snapshot, so noise around a tiny best value does not count.',
    minPrecision: 'Alert when precision (share of generated samples inside a real k-NN ball) falls below this, once the run has reached twice this value.',
    minHighQualityShare: 'Known mixtures: alert when the share of samples within 3σ of a mode falls below this, once the run has reached twice this value.',
  },
  health: {
    nonFinite: 'Alert (as an error) on NaN or Infinity in losses, gradients or weights.',
    minDiscriminatorLoss: 'Standard GAN: alert when the mean discriminator loss falls below this (the discriminator wins).',
    maxGradientNorm: 'Alert when any gradient norm exceeds this.',
    minGeneratorChange: 'Alert when generated samples moved less than this, relative to their spread, since the previous snapshot.',
  },
};

const TITLES: Readonly<Record<AlertRuleKey, string>> = {
  bias: 'Under- or over-represented attribute groups, and probe-feature bias.',
  modeCollapse: 'The generator covers only part of the data.',
  memorization: 'Generated samples copy training samples.',
  divergence: 'Sample quality gets worse as training goes on.',
  health: 'NaN/Inf, a winning discriminator, exploding gradients, a generator that stopped changing.',
};

type JsonSchema = Record<string, unknown>;

const SEVERITY_MEANINGS: Readonly<Record<(typeof ALERT_SEVERITIES)[number], string>> = {
  info: 'Shown in the Alerts view and the Problems panel as information.',
  warning: 'A warning in the Problems panel and on the config line.',
  error: 'An error in the Problems panel, and a notification (genmon.alerts.notify).',
};

function fieldSchema(field: string, fallback: unknown, description: string): JsonSchema {
  if (field === 'severity') return { type: 'string', enum: [...ALERT_SEVERITIES], enumDescriptions: ALERT_SEVERITIES.map((severity) => SEVERITY_MEANINGS[severity]), default: fallback, description };
  if (field === 'attributes') {
    return {
      oneOf: [
        { type: 'string', const: 'all', description: 'Every attribute the evaluator predicts.' },
        { type: 'array', items: { type: 'string', description: 'An attribute name, e.g. shape.' }, description: 'These attributes only, e.g. [shape, color].' },
      ],
      default: fallback,
      description,
    };
  }
  if (typeof fallback === 'boolean') return { type: 'boolean', default: fallback, description };
  if (field === 'fireAfter' || field === 'clearAfter') return { type: 'integer', minimum: 1, default: fallback, description };
  return { type: 'number', minimum: 0, default: fallback, description };
}

export function alertRulesSchema(): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const key of ALERT_RULE_KEYS) {
    const defaults = DEFAULT_ALERT_RULES[key] as unknown as Record<string, unknown>;
    const descriptions = { ...COMMON, ...(FIELDS[key] as Record<string, string>) };
    properties[key] = {
      type: 'object',
      description: TITLES[key],
      additionalProperties: false,
      properties: Object.fromEntries(Object.keys(defaults).map((field) => [field, fieldSchema(field, defaults[field], descriptions[field] ?? field)])),
    };
  }
  return { type: 'object', description: 'Alert rules; every field has a default.', additionalProperties: false, properties };
}
