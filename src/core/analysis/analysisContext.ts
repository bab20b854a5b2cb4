/**
 * What the analysis of a run needs from its stream header, read once: the evaluator's attributes
 * and how far each may be trusted, the model's objective, and — for the Gaussian-mixture demos —
 * the true mixture. The header's config is the trainer's (defaults applied) but is read
 * defensively: a stream from another writer may lack any of it.
 */
import type { GaussianMixtureDataset } from '../config/types';
import type { TrustMap } from '../alerts/types';
import type { AttributeSpec } from '../metrics/attributes';
import type { Point2 } from '../measure/mixtureDensity';
import { evaluatorInfoFromJson } from '../stream/header-evaluator';
import type { EvaluatorInfo, HeaderRecord } from '../../protocol/stream';
import { modeCentres } from '../../trainer/gaussianMixture';

/** Datasets whose samples are generated on the fly from the seed (src/trainer/datasets/generatedDataset.ts). */
const GENERATED_DATASETS: ReadonlySet<string> = new Set(['gaussian-mixture', 'sprites', 'dots', 'pie']);

export interface AnalysisContext {
  readonly attributes: readonly AttributeSpec[];
  readonly trust: TrustMap;
  readonly objective: 'gan' | 'wgan' | 'vae' | undefined;
  /** 2-D points with no evaluator network: `real` and `generated` are the features. */
  readonly pointsAreFeatures: boolean;
  readonly mixture: { readonly centres: readonly Point2[]; readonly sigma: number } | undefined;
  /** The dataset's `type`, when the header names one. */
  readonly datasetType: string | undefined;
  /** Why memorization is not measured (datasets drawn afresh every step); undefined for stored datasets. */
  readonly memorizationDoesNotApply: string | undefined;
  /** Problems reading the header (a malformed evaluator field); the analysis goes on without it. */
  readonly problems: readonly string[];
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function objectiveOf(type: unknown): AnalysisContext['objective'] {
  if (type === 'gan') return 'gan';
  if (type === 'wgan-gp') return 'wgan';
  if (type === 'vae') return 'vae';
  return undefined;
}

function mixtureOf(dataset: Readonly<Record<string, unknown>> | undefined): AnalysisContext['mixture'] {
  if (dataset?.type !== 'gaussian-mixture') return undefined;
  const { layout, modes, radius, sigma } = dataset;
  if ((layout !== 'ring' && layout !== 'grid') || !Number.isInteger(modes) || (modes as number) < 1 || typeof radius !== 'number' || typeof sigma !== 'number' || !(sigma > 0)) return undefined;
  const spec: GaussianMixtureDataset = { type: 'gaussian-mixture', layout, modes: modes as number, radius, sigma };
  return { centres: modeCentres(spec), sigma };
}

/** Evaluator trust per attribute, as the alert engine reads it (docs/alerts.md, "The trust rule"). */
export function trustMapOf(evaluator: EvaluatorInfo): TrustMap {
  return Object.fromEntries(evaluator.attributes.map((attribute) => [attribute.name, { trusted: attribute.trusted, accuracy: attribute.accuracy }]));
}

export function analysisContext(header: HeaderRecord): AnalysisContext {
  const problems: string[] = [];
  const config = record(header.config);
  const dataset = record(config?.dataset);
  const model = record(config?.model);
  let evaluator: EvaluatorInfo | undefined;
  if (header.evaluator !== undefined) {
    try {
      evaluator = evaluatorInfoFromJson(header.evaluator);
    } catch (error) {
      problems.push(`the header's evaluator field is unusable, so no attribute metrics: ${(error as Error).message}`);
    }
  }
  return {
    attributes: evaluator ? evaluator.attributes.map(({ name, values }) => ({ name, values })) : [],
    trust: evaluator ? trustMapOf(evaluator) : {},
    objective: objectiveOf(model?.type),
    pointsAreFeatures: dataset?.type === 'gaussian-mixture' || evaluator?.kind === 'coordinates',
    mixture: mixtureOf(dataset),
    datasetType: typeof dataset?.type === 'string' ? dataset.type : undefined,
    memorizationDoesNotApply: typeof dataset?.type === 'string' && GENERATED_DATASETS.has(dataset.type) ? `'${dataset.type}' draws fresh samples every step, so there is no training set to memorize` : undefined,
    problems,
  };
}
