/**
 * Turns one snapshot's metrics into observations: for every condition the rules can judge, whether
 * it holds now, the evidence, and how to say it. The engine (alertEngine.ts) adds the hysteresis.
 * Attribute-based conditions are judged only for attributes the trust map marks trusted: an
 * evaluator that cannot tell red from blue would raise false bias alerts about red.
 */
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';
import { formatValue } from './format';
import type { AlertRules } from './rules';
import type { AlertKind, AlertRuleKey, AlertSeverity, Evidence, SuppressedCondition, TrustMap } from './types';

export interface Observation {
  readonly id: string;
  readonly kind: AlertKind;
  readonly rule: AlertRuleKey;
  readonly severity: AlertSeverity;
  readonly holds: boolean;
  readonly evidence: Evidence;
  /** What holds, without the duration: "generated 'circle+red' share is 0.21× its real share". */
  readonly statement: string;
  readonly configPath: readonly string[];
}

/** What conditions remember between snapshots: the best quality reached so far. */
export interface ConditionMemory {
  bestFrechet: number | null;
  firstFrechet: number | null;
  bestPrecision: number | null;
  bestHighQuality: number | null;
}

export function observe(metrics: SnapshotMetrics, rules: AlertRules, trust: TrustMap | undefined, memory: ConditionMemory): { observations: Observation[]; suppressed: SuppressedCondition[] } {
  const observations: Observation[] = [];
  const suppressed: SuppressedCondition[] = [];
  const add = (rule: AlertRuleKey, kind: AlertKind, id: string, holds: boolean, statement: string, evidence: Evidence, configPath: readonly string[], severity?: AlertSeverity): void => {
    observations.push({ id, kind, rule, severity: severity ?? rules[rule].severity, holds, statement, evidence, configPath });
  };

  // Shares of an untrained generator's samples are noise: groups are judged once its samples are good.
  const bias = rules.bias;
  if (bias.enabled && metrics.groupShares && sampleQuality(metrics) >= bias.minSampleQuality) {
    const watched = (attributes: readonly string[]): boolean => bias.attributes === 'all' || attributes.every((a) => (bias.attributes as readonly string[]).includes(a));
    const untrusted = (attributes: readonly string[]): string | undefined => {
      if (!trust) return undefined;
      const bad = attributes.filter((a) => trust[a]?.trusted !== true);
      return bad.length > 0 ? `the evaluator's held-out accuracy for ${bad.map((a) => `'${a}'`).join(' and ')} is too low to trust` : undefined;
    };
    for (const group of metrics.groupShares.groups) {
      if (!watched(group.attributes) || (group.attributes.length > 1 && !bias.pairs)) continue;
      // Too few and too many are two conditions: a reweight that overshoots clears the first and
      // starts the second's streak, instead of stretching one alert across both.
      const ids = { under: `bias:under:${group.id}`, over: `bias:over:${group.id}` };
      const reason = untrusted(group.attributes);
      if (reason) {
        suppressed.push({ id: ids.under, reason }, { id: ids.over, reason });
        continue;
      }
      if (group.ratio === null || group.realShare < bias.minRealShare) continue;
      const statement = `generated '${group.label}' share is ${formatValue(group.ratio)}× its real share`;
      const evidence = {
        group: group.id, generatedShare: group.generatedShare, realShare: group.realShare, ratio: group.ratio,
        minShareRatio: bias.minShareRatio, maxShareRatio: bias.maxShareRatio,
      };
      add('bias', 'bias', ids.under, group.ratio < bias.minShareRatio, statement, evidence, ['dataset']);
      add('bias', 'bias', ids.over, group.ratio > bias.maxShareRatio, statement, evidence, ['dataset']);
    }
    for (const distance of metrics.groupShares.distances) {
      if (!watched(distance.attributes) || (distance.attributes.length > 1 && !bias.pairs)) continue;
      const id = `bias:total-variation:${distance.id}`;
      const reason = untrusted(distance.attributes);
      if (reason) {
        suppressed.push({ id, reason });
        continue;
      }
      if (distance.totalVariation === null) continue;
      add('bias', 'bias', id, distance.totalVariation > bias.maxTotalVariation, `generated and real '${distance.id}' distributions are ${formatValue(distance.totalVariation)} apart in total variation`, {
        attributes: distance.id, totalVariation: distance.totalVariation, maxTotalVariation: bias.maxTotalVariation,
      }, ['dataset']);
    }
  }
  if (bias.enabled && metrics.probes && sampleQuality(metrics) >= bias.minSampleQuality) {
    for (const probe of metrics.probes) {
      if (probe.klDivergence !== null) {
        add('bias', 'bias', `bias:probe-kl:${probe.feature}`, probe.klDivergence > bias.maxProbeKl, `generated ${probe.feature} differs from training by KL ${formatValue(probe.klDivergence)}`, {
          feature: probe.feature, klDivergence: probe.klDivergence, maxProbeKl: bias.maxProbeKl,
        }, ['dataset']);
      }
      if (bias.prototypeEnhancement && probe.generatedMode !== null) {
        add('bias', 'bias', `bias:prototype:${probe.feature}`, probe.prototypeEnhancement, `generated ${probe.feature} peaks at ${formatValue(probe.generatedMode)}, where the training data has ${formatValue(100 * (probe.trainingShareAtGeneratedMode ?? 0))}% of its samples`, {
          feature: probe.feature, generatedMode: probe.generatedMode, trainingMode: probe.trainingMode, trainingShareAtGeneratedMode: probe.trainingShareAtGeneratedMode,
        }, ['dataset']);
      }
    }
  }

  // Collapse means good samples of too few modes; a generator that has not learned to draw good
  // samples yet (the first snapshots of every run) is not judged, or every run would start alerted.
  const collapse = rules.modeCollapse;
  if (collapse.enabled && metrics.mixture) {
    const m = metrics.mixture;
    const quality = sampleQuality(metrics);
    if (quality >= collapse.minSampleQuality) {
      add('modeCollapse', 'mode-collapse', 'mode-collapse:modes', m.modesCoveredShare < collapse.minModesCovered, `the generator covers ${m.modesCovered} of ${m.modeCount} modes`, {
        modesCovered: m.modesCovered, modeCount: m.modeCount, modesCoveredShare: m.modesCoveredShare, minModesCovered: collapse.minModesCovered, highQualityShare: quality,
      }, ['model', 'type']);
    }
  }
  if (collapse.enabled && metrics.prdc && metrics.prdc.precision >= collapse.minSampleQuality) {
    const p = metrics.prdc;
    add('modeCollapse', 'mode-collapse', 'mode-collapse:recall', p.recall < collapse.minRecall, `recall is ${formatValue(p.recall)} (below ${formatValue(collapse.minRecall)}) while precision is ${formatValue(p.precision)}`, { recall: p.recall, precision: p.precision, minRecall: collapse.minRecall, k: p.k }, ['model', 'type']);
    add('modeCollapse', 'mode-collapse', 'mode-collapse:coverage', p.coverage < collapse.minCoverage, `coverage is ${formatValue(p.coverage)} (below ${formatValue(collapse.minCoverage)}) while precision is ${formatValue(p.precision)}`, { coverage: p.coverage, precision: p.precision, minCoverage: collapse.minCoverage, k: p.k }, ['model', 'type']);
  }

  const memorization = rules.memorization;
  if (memorization.enabled && metrics.memorization) {
    const m = metrics.memorization;
    add('memorization', 'memorization', 'memorization:near-copies', m.nearCopyShare > memorization.maxNearCopyShare, `${formatValue(100 * m.nearCopyShare)}% of generated samples are near-copies of training samples`, {
      nearCopyShare: m.nearCopyShare, nearCopies: m.nearCopies, nearCopyThreshold: m.nearCopyThreshold, maxNearCopyShare: memorization.maxNearCopyShare,
    }, ['dataset']);
    if (m.ratio !== null) {
      add('memorization', 'memorization', 'memorization:distance', m.ratio < memorization.minDistanceRatio, `generated samples sit ${formatValue(m.ratio)}× as far from the training set as ${m.reference === 'held-out' ? 'held-out real samples' : 'training samples from each other'}`, {
        ratio: m.ratio, generatedMedian: m.generatedMedian, referenceMedian: m.referenceMedian, reference: m.reference, minDistanceRatio: memorization.minDistanceRatio,
      }, ['dataset']);
    }
  }

  const divergence = rules.divergence;
  const frechet = metrics.frechet?.overall ?? null;
  // A rise counts when it is large relative to the best value and gives back a real part of the
  // improvement since the first snapshot: near the end of a good run the best value is tiny and
  // doubles from sampling noise alone.
  if (divergence.enabled && frechet !== null && memory.bestFrechet !== null && memory.firstFrechet !== null) {
    const best = memory.bestFrechet;
    const improvement = memory.firstFrechet - best;
    const lost = improvement > 0 ? (frechet - best) / improvement : 0;
    add('divergence', 'divergence', 'divergence:frechet', frechet > divergence.maxFrechetRise * best && lost > divergence.minLostImprovement, `Fréchet distance rose to ${formatValue(frechet)} from a best of ${formatValue(best)}, giving back ${formatValue(100 * lost)}% of the improvement`, {
      frechet, bestFrechet: best, firstFrechet: memory.firstFrechet, lostImprovement: lost, maxFrechetRise: divergence.maxFrechetRise, minLostImprovement: divergence.minLostImprovement,
    }, ['training', 'learningRate']);
  }
  if (frechet !== null) {
    memory.bestFrechet = memory.bestFrechet === null ? frechet : Math.min(memory.bestFrechet, frechet);
    memory.firstFrechet ??= frechet;
  }
  // Quality that is low from the start is a model still learning; divergence is quality lost, so
  // these conditions are judged once the run has reached twice the threshold.
  const precision = metrics.prdc?.precision ?? null;
  if (divergence.enabled && precision !== null && memory.bestPrecision !== null && memory.bestPrecision >= 2 * divergence.minPrecision) {
    add('divergence', 'divergence', 'divergence:precision', precision < divergence.minPrecision, `precision fell to ${formatValue(precision)} (below ${formatValue(divergence.minPrecision)}; best ${formatValue(memory.bestPrecision)})`, {
      precision, bestPrecision: memory.bestPrecision, minPrecision: divergence.minPrecision,
    }, ['training', 'learningRate']);
  }
  if (precision !== null) memory.bestPrecision = Math.max(memory.bestPrecision ?? precision, precision);
  const share = metrics.mixture?.highQualityShare ?? null;
  if (divergence.enabled && share !== null && memory.bestHighQuality !== null && memory.bestHighQuality >= 2 * divergence.minHighQualityShare) {
    add('divergence', 'divergence', 'divergence:high-quality', share < divergence.minHighQualityShare, `only ${formatValue(100 * share)}% of generated points lie within 3σ of a mode (best ${formatValue(100 * memory.bestHighQuality)}%)`, {
      highQualityShare: share, bestHighQualityShare: memory.bestHighQuality, minHighQualityShare: divergence.minHighQualityShare,
    }, ['training', 'learningRate']);
  }
  if (share !== null) memory.bestHighQuality = Math.max(memory.bestHighQuality ?? share, share);

  const health = rules.health;
  if (health.enabled && metrics.health) {
    const h = metrics.health;
    if (health.nonFinite) {
      const count = h.nonFiniteLosses + h.nonFiniteGradients + (h.nonFiniteWeights ?? 0);
      add('health', 'health', 'health:non-finite', count > 0, `training produced NaN or Infinity (${h.nonFiniteLosses} losses, ${h.nonFiniteGradients} gradient norms, ${h.nonFiniteWeights ?? 0} weights)`, {
        nonFiniteLosses: h.nonFiniteLosses, nonFiniteGradients: h.nonFiniteGradients, nonFiniteWeights: h.nonFiniteWeights,
      }, ['training', 'learningRate'], 'error');
    }
    if (h.discriminatorLossHasFloor && h.discriminatorLoss !== null) {
      add('health', 'health', 'health:discriminator-wins', h.discriminatorLoss < health.minDiscriminatorLoss, `the discriminator loss collapsed to ${formatValue(h.discriminatorLoss)}: the discriminator wins`, {
        discriminatorLoss: h.discriminatorLoss, minDiscriminatorLoss: health.minDiscriminatorLoss,
      }, ['training', 'learningRate']);
    }
    if (h.gradientNormMax !== null) {
      add('health', 'health', 'health:gradient-explosion', h.gradientNormMax > health.maxGradientNorm, `a gradient norm reached ${formatValue(h.gradientNormMax)} (limit ${formatValue(health.maxGradientNorm)})`, {
        gradientNormMax: h.gradientNormMax, gradientNormMedian: h.gradientNormMedian, maxGradientNorm: health.maxGradientNorm,
      }, ['training', 'learningRate']);
    }
    if (h.generatorChange !== null) {
      add('health', 'health', 'health:generator-stalled', h.generatorChange < health.minGeneratorChange, `generated samples stopped changing (moved ${formatValue(h.generatorChange)} of their spread)`, {
        generatorChange: h.generatorChange, minGeneratorChange: health.minGeneratorChange,
      }, ['training', 'learningRate']);
    }
  }
  return { observations, suppressed };
}

/** Share of good generated samples: near a mode for known mixtures, else precision; 1 when unmeasured (nothing to gate on). */
function sampleQuality(metrics: SnapshotMetrics): number {
  return metrics.mixture?.highQualityShare ?? metrics.prdc?.precision ?? 1;
}
