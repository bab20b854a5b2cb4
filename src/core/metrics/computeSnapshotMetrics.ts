/**
 * Runs every metric family a snapshot has inputs for. A family that fails (too few rows, NaN
 * features, a mislabelled column) is listed in `skipped` with the reason; the others still run.
 * Pass the same ReferenceCache for every snapshot of a run: the real reference does not change, so
 * its neighbour index, k-NN radii, per-group fits and matrix square roots are computed once.
 */
import { labelProblems, type AttributeSpec, type ConfidenceColumns, type LabelColumns } from './attributes';
import { accumulateSide, compareFits, type ReferenceFits } from './groupFrechet';
import { groupShares } from './groupShares';
import { columnMeans } from './linalg/featureMoments';
import { memorization, DEFAULT_NEAR_COPY_FACTOR } from './memorization';
import { mixtureMeasures, type MixtureInput } from './mixtureMeasures';
import { prdc, realNeighbors, DEFAULT_PRDC_K, type RealNeighbors } from './prdc';
import { probeMeasures, type ProbeInput, type ProbeOptions } from './probeMeasures';
import type { MetricFamily, SnapshotMetrics } from './snapshotMetrics';
import { trainingHealth, type TrainingHealthInput } from './trainingHealth';

export interface FeatureInput {
  readonly dim: number;
  /** The fixed real reference set [nReal, dim]. */
  readonly real: Float32Array;
  readonly nReal: number;
  readonly generated: Float32Array;
  readonly nGenerated: number;
  /** Training rows for memorization; default: the real reference (the trainer draws it from the training data). */
  readonly training?: { readonly data: Float32Array; readonly n: number };
  /** Real rows the model never trained on. */
  readonly heldOut?: { readonly data: Float32Array; readonly n: number };
  /**
   * Why memorization does not apply, when it does not: a dataset that draws fresh samples every
   * step has no training set to copy, and its samples' nearness to the reference means nothing.
   */
  readonly memorizationDoesNotApply?: string;
}

export interface AttributeInput {
  readonly specs: readonly AttributeSpec[];
  readonly realLabels: LabelColumns;
  readonly generatedPredictions: LabelColumns;
  readonly generatedConfidence?: ConfidenceColumns;
}

export interface SnapshotMetricsInput {
  readonly iteration: number;
  readonly features?: FeatureInput;
  /** Labels need `features` for per-group Fréchet; group shares need only the labels and nReal/nGenerated. */
  readonly attributes?: AttributeInput;
  readonly mixture?: MixtureInput;
  readonly probes?: readonly ProbeInput[];
  readonly health?: TrainingHealthInput;
}

export interface SnapshotMetricsOptions {
  /** Neighbours for PRDC balls. Default 5. */
  readonly k?: number;
  /** Rows a group needs on both sides for its Fréchet distance. Default 50. */
  readonly minGroupSamples?: number;
  /** Groups of two attributes as well as single ones. Default true. */
  readonly pairs?: boolean;
  readonly nearCopyFactor?: number;
  readonly highQualitySigmas?: number;
  readonly probe?: ProbeOptions;
  readonly clock?: () => number;
}

/** Real-side results reused across the snapshots of a run. */
export class ReferenceCache {
  private real: Float32Array | undefined;
  private neighbors: RealNeighbors | undefined;
  private fits: { key: string; labels: LabelColumns; value: ReferenceFits } | undefined;
  private shift: Float64Array | undefined;

  /**
   * Forgets everything when the real rows change. Each snapshot read from a stream decodes its own
   * copy of the fixed reference, so equal contents count as the same reference.
   */
  private check(real: Float32Array): void {
    if (this.real === real) return;
    if (this.real && sameValues(this.real, real)) {
      this.real = real;
      return;
    }
    this.real = real;
    this.neighbors = undefined;
    this.fits = undefined;
    this.shift = undefined;
  }

  realNeighbors(features: FeatureInput, k: number): RealNeighbors {
    this.check(features.real);
    if (!this.neighbors || this.neighbors.k !== k || this.neighbors.index.n !== features.nReal) this.neighbors = realNeighbors(features.real, features.nReal, features.dim, k);
    return this.neighbors;
  }

  realShift(features: FeatureInput): Float64Array {
    this.check(features.real);
    this.shift ??= columnMeans(features.real, features.nReal, features.dim);
    return this.shift;
  }

  referenceFits(features: FeatureInput, specs: readonly AttributeSpec[], labels: LabelColumns, pairs: boolean): ReferenceFits {
    this.check(features.real);
    const key = JSON.stringify({ specs, pairs, n: features.nReal, dim: features.dim });
    if (!this.fits || this.fits.key !== key || !sameLabels(this.fits.labels, labels)) {
      const side = accumulateSide(features.real, features.nReal, features.dim, specs, labels, this.realShift(features), pairs);
      this.fits = { key, labels, value: { side, roots: new Map() } };
    }
    return this.fits.value;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function computeSnapshotMetrics(input: SnapshotMetricsInput, options: SnapshotMetricsOptions = {}, cache: ReferenceCache = new ReferenceCache()): SnapshotMetrics {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const result: Mutable<Omit<SnapshotMetrics, 'skipped' | 'computeMs'>> = { iteration: input.iteration };
  const skipped: { family: MetricFamily; reason: string }[] = [];
  const attempt = (family: MetricFamily, run: () => void): void => {
    try {
      run();
    } catch (error) {
      skipped.push({ family, reason: error instanceof Error ? error.message : String(error) });
    }
  };
  const pairs = options.pairs ?? true;
  const k = options.k ?? DEFAULT_PRDC_K;
  const features = input.features;
  const attributes = input.attributes;
  const featureProblem = features ? featuresProblem(features) : undefined;

  if (features) {
    attempt('frechet', () => {
      if (featureProblem) throw new Error(featureProblem);
      const specs = attributes?.specs ?? [];
      const labels = attributes?.realLabels ?? {};
      const predictions = attributes?.generatedPredictions ?? {};
      const problems = attributes ? [...labelProblems(specs, labels, features.nReal, 'real'), ...labelProblems(specs, predictions, features.nGenerated, 'generated')] : [];
      // Unusable labels still leave the overall distance.
      const usable = problems.length === 0 ? specs : [];
      const reference = cache.referenceFits(features, usable, labels, pairs);
      const generated = accumulateSide(features.generated, features.nGenerated, features.dim, usable, predictions, cache.realShift(features), pairs);
      result.frechet = compareFits(usable, reference, generated, { minSamples: options.minGroupSamples ?? 50, pairs });
      if (problems.length > 0) skipped.push({ family: 'frechet', reason: `per-group distances: ${problems.join('; ')}` });
    });
    attempt('prdc', () => {
      if (featureProblem) throw new Error(featureProblem);
      result.prdc = prdc(features.real, features.nReal, features.generated, features.nGenerated, features.dim, k, cache.realNeighbors(features, k));
    });
    attempt('memorization', () => {
      if (features.memorizationDoesNotApply) throw new Error(features.memorizationDoesNotApply);
      if (featureProblem) throw new Error(featureProblem);
      const training = features.training;
      const trainingIsReal = !training || training.data === features.real;
      const trainingRows = training ?? { data: features.real, n: features.nReal };
      if (!finite(trainingRows.data, trainingRows.n * features.dim) || (features.heldOut && !finite(features.heldOut.data, features.heldOut.n * features.dim))) {
        throw new Error('training or held-out features contain NaN or Infinity');
      }
      // The real index is built for PRDC anyway; reuse it when the real reference is the training sample.
      const trainingIndex = trainingIsReal && features.nReal > k ? cache.realNeighbors(features, k).index : undefined;
      result.memorization = memorization(trainingRows.data, trainingRows.n, features.generated, features.nGenerated, features.dim, features.heldOut, {
        nearCopyFactor: options.nearCopyFactor ?? DEFAULT_NEAR_COPY_FACTOR,
        ...(trainingIndex ? { trainingIndex } : {}),
      });
    });
  }
  if (attributes) {
    attempt('groupShares', () => {
      const nReal = features?.nReal ?? firstColumnLength(attributes.realLabels);
      const nGenerated = features?.nGenerated ?? firstColumnLength(attributes.generatedPredictions);
      const problems = [...labelProblems(attributes.specs, attributes.realLabels, nReal, 'real'), ...labelProblems(attributes.specs, attributes.generatedPredictions, nGenerated, 'generated')];
      if (problems.length > 0) throw new Error(problems.join('; '));
      result.groupShares = groupShares(attributes.specs, attributes.realLabels, nReal, attributes.generatedPredictions, nGenerated, attributes.generatedConfidence, { pairs });
    });
  }
  if (input.mixture) {
    const mixture = input.mixture;
    attempt('mixture', () => {
      result.mixture = mixtureMeasures(mixture, { highQualitySigmas: options.highQualitySigmas ?? 3 });
    });
  }
  if (input.probes && input.probes.length > 0) {
    const probes = input.probes;
    attempt('probes', () => {
      result.probes = probes.map((probe) => probeMeasures(probe, options.probe));
    });
  }
  if (input.health) {
    const health = input.health;
    attempt('health', () => {
      result.health = trainingHealth(health);
    });
  }
  return { ...result, computeMs: clock() - started, skipped };
}

function finite(data: Float32Array, length: number): boolean {
  for (let i = 0; i < length; i++) if (!Number.isFinite(data[i] as number)) return false;
  return true;
}

function featuresProblem(features: FeatureInput): string | undefined {
  const { dim, nReal, nGenerated } = features;
  if (!(Number.isInteger(dim) && dim >= 1)) return `feature dimension must be a positive integer, got ${dim}`;
  if (features.real.length < nReal * dim) return `real features: [${nReal}, ${dim}] needs ${nReal * dim} values, got ${features.real.length}`;
  if (features.generated.length < nGenerated * dim) return `generated features: [${nGenerated}, ${dim}] needs ${nGenerated * dim} values, got ${features.generated.length}`;
  if (!finite(features.real, nReal * dim)) return 'real features contain NaN or Infinity';
  if (!finite(features.generated, nGenerated * dim)) return 'generated features contain NaN or Infinity';
  return undefined;
}

function firstColumnLength(columns: LabelColumns): number {
  const first = Object.values(columns)[0];
  return first ? first.length : 0;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

function sameLabels(a: LabelColumns, b: LabelColumns): boolean {
  if (a === b) return true;
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  return names.every((name) => {
    const x = a[name];
    const y = b[name];
    if (!x || !y || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  });
}
