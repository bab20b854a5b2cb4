/**
 * Standard against MaGNET samples, each against the real data (docs/magnet.md, "In VS Code"):
 * per attribute group the real share and each set's share and ratio (src/core/metrics/groupShares.ts),
 * per set precision, recall, density and coverage in the evaluator's feature space (prdc.ts), and
 * for the known 2-D mixtures the modes each set covers. Whatever cannot be measured (no features,
 * no labels, too few rows) is left out with a reason in `problems`.
 */
import { groupShares, type AttributeDistance } from '../metrics/groupShares';
import { mixtureMeasures } from '../metrics/mixtureMeasures';
import { DEFAULT_PRDC_K, prdc, realNeighbors, type RealNeighbors } from '../metrics/prdc';
import { SAMPLE_SET_NAMES, type EventRecord, type SampleSetName, type SnapshotRecord } from '../../protocol/stream';
import type { AnalysisContext } from './analysisContext';
import { realReference, sampledSets, type RealReference, type SampledSet } from './magnetComparisonInput';

export interface SetPrdc {
  readonly precision: number;
  readonly recall: number;
  readonly density: number;
  readonly coverage: number;
  readonly k: number;
}

export interface SetModes {
  readonly covered: number;
  readonly total: number;
  /** Share of points within 3σ of a mode; null when there are none to judge. */
  readonly highQualityShare: number | null;
}

export interface SampleSetMeasures {
  readonly set: SampleSetName;
  readonly count: number;
  readonly prdc: SetPrdc | null;
  readonly modes: SetModes | null;
  /** Total-variation distance of the set's attribute shares to the real ones, per attribute. */
  readonly distances: readonly AttributeDistance[];
}

export interface SetShare {
  readonly share: number;
  /** share / real share; null when the group has no real rows. */
  readonly ratio: number | null;
}

export interface GroupComparison {
  readonly id: string;
  readonly label: string;
  readonly realShare: number;
  readonly standard: SetShare;
  readonly magnet: SetShare;
}

/** The options the trainer used, as its event's details say (absent ones were not recorded). */
export interface SampledOptions {
  readonly sampled?: string;
  readonly poolSize?: number;
  readonly k?: number;
  readonly rho?: number;
  readonly effectiveSampleSize?: number;
}

export interface MagnetComparison {
  /** The iteration the samples were drawn at. */
  readonly iteration: number;
  /** The request id of the `sample` command, when recorded. */
  readonly request: string | number | undefined;
  readonly options: SampledOptions;
  /** The snapshot whose real reference the sets are compared with. */
  readonly referenceIteration: number;
  readonly realCount: number;
  readonly sets: Readonly<Record<SampleSetName, SampleSetMeasures>>;
  readonly groups: readonly GroupComparison[];
  readonly problems: readonly string[];
}

export interface MagnetComparisonOptions {
  /** Neighbours of the PRDC balls; default 5 (prdc.ts). */
  readonly k?: number;
  /** Also compare pairs of attributes; default false (one row per attribute value). */
  readonly pairs?: boolean;
}

/** Throws SampledRecordError when `event` is not a `sampled` event with both sets. */
export function compareMagnetSamples(event: EventRecord, reference: SnapshotRecord, context: AnalysisContext, options: MagnetComparisonOptions = {}): MagnetComparison {
  const sets = sampledSets(event, context);
  const real = realReference(reference, context);
  const problems: string[] = [];
  const k = options.k ?? DEFAULT_PRDC_K;
  let neighbors: RealNeighbors | undefined;
  if (!real.features) problems.push('precision/recall: the reference snapshot has no real features');
  else if (real.features.rows <= k) problems.push(`precision/recall: k = ${k} needs more than ${k} real rows, the reference has ${real.features.rows}`);
  else neighbors = realNeighbors(real.features.data, real.features.rows, real.features.dim, k);

  const measures = {} as Record<SampleSetName, SampleSetMeasures>;
  const shares = {} as Record<SampleSetName, ReturnType<typeof groupShares> | undefined>;
  for (const name of SAMPLE_SET_NAMES) {
    const set = sets[name];
    shares[name] = setShares(set, real, context, options.pairs ?? false, problems);
    measures[name] = {
      set: name,
      count: set.count,
      prdc: neighbors ? setPrdc(set, real, neighbors, k, problems) : null,
      modes: setModes(set, context),
      distances: shares[name]?.distances ?? [],
    };
  }
  return {
    iteration: event.iteration,
    request: requestOf(event.details?.['request']),
    options: optionsOf(event.details ?? {}),
    referenceIteration: real.iteration,
    realCount: real.features?.rows ?? real.samples?.rows ?? 0,
    sets: measures,
    groups: compareGroups(shares.standard, shares.magnet),
    problems,
  };
}

function setPrdc(set: SampledSet, real: RealReference, neighbors: RealNeighbors, k: number, problems: string[]): SetPrdc | null {
  const features = set.features;
  const realFeatures = real.features;
  if (!features || !realFeatures) {
    problems.push(`precision/recall of the ${set.set} set: it has no features`);
    return null;
  }
  if (features.dim !== realFeatures.dim) {
    problems.push(`precision/recall of the ${set.set} set: its features have ${features.dim} columns, the real ones ${realFeatures.dim}`);
    return null;
  }
  if (features.rows <= k) {
    problems.push(`precision/recall of the ${set.set} set: k = ${k} needs more than ${k} samples, it has ${features.rows}`);
    return null;
  }
  const result = prdc(realFeatures.data, realFeatures.rows, features.data, features.rows, features.dim, k, neighbors);
  return { precision: result.precision, recall: result.recall, density: result.density, coverage: result.coverage, k };
}

function setModes(set: SampledSet, context: AnalysisContext): SetModes | null {
  if (!context.mixture || set.samples.dim !== 2) return null;
  // Non-finite points (a diverged generator) make the measure undefined, not the comparison.
  if (!set.samples.data.every(Number.isFinite)) return null;
  const measured = mixtureMeasures({ points: set.samples.data, centres: context.mixture.centres, sigma: context.mixture.sigma });
  return { covered: measured.modesCovered, total: measured.modeCount, highQualityShare: measured.highQualityShare };
}

function setShares(set: SampledSet, real: RealReference, context: AnalysisContext, pairs: boolean, problems: string[]): ReturnType<typeof groupShares> | undefined {
  if (context.attributes.length === 0) return undefined;
  if (!real.labels) {
    problems.push(`group shares of the ${set.set} set: the reference snapshot has no real labels`);
    return undefined;
  }
  if (!set.predictions) {
    problems.push(`group shares of the ${set.set} set: it has no predicted attributes`);
    return undefined;
  }
  const realRows = real.features?.rows ?? 0;
  return groupShares(context.attributes, real.labels, realRows, set.predictions, set.count, set.confidence, { pairs });
}

function compareGroups(standard: ReturnType<typeof groupShares> | undefined, magnet: ReturnType<typeof groupShares> | undefined): GroupComparison[] {
  if (!standard || !magnet) return [];
  const magnetById = new Map(magnet.groups.map((group) => [group.id, group]));
  return standard.groups.flatMap((group) => {
    const other = magnetById.get(group.id);
    if (!other) return [];
    return [
      {
        id: group.id,
        label: group.label,
        realShare: group.realShare,
        standard: { share: group.generatedShare, ratio: group.ratio },
        magnet: { share: other.generatedShare, ratio: other.ratio },
      },
    ];
  });
}

function requestOf(value: unknown): string | number | undefined {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
}

function optionsOf(details: Readonly<Record<string, unknown>>): SampledOptions {
  const number = (key: string): Partial<Record<string, number>> => {
    const value = details[key];
    return typeof value === 'number' && Number.isFinite(value) ? { [key]: value } : {};
  };
  const sampled = details['sampled'];
  return {
    ...(typeof sampled === 'string' ? { sampled } : {}),
    ...number('poolSize'),
    ...number('k'),
    ...number('rho'),
    ...number('effectiveSampleSize'),
  };
}
