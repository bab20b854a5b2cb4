/**
 * Turns one snapshot record (and the header of its stream) into the inputs of
 * computeSnapshotMetrics. Which arrays a snapshot carries depends on the dataset, the model and
 * the trainer's version; every input whose arrays are absent or malformed is left out (its metric
 * family is then simply not computed), and the reason is kept so `genmon inspect` can say why.
 */
import type { SnapshotMetricsInput } from '../metrics/computeSnapshotMetrics';
import type { AttributeSpec, ConfidenceColumns, LabelColumns } from '../metrics/attributes';
import type { ProbeInput } from '../metrics/probeMeasures';
import type { TrainingHealthInput } from '../metrics/trainingHealth';
import { INTEGER_PROBE_FEATURES, parseProbeArrayName } from '../../protocol/probeArrays';
import type { ArrayMap, NumericArray, SnapshotRecord } from '../../protocol/stream';
import type { AnalysisContext } from './analysisContext';

export interface SnapshotInputs {
  readonly input: SnapshotMetricsInput;
  /** Inputs left out, and why (e.g. "no evaluator features in this snapshot"). */
  readonly missing: readonly string[];
  /** The rows the health family compares with the next snapshot's (same latent rows). */
  readonly generatedRows: { readonly data: Float32Array; readonly dim: number } | undefined;
}

function matrix(arrays: ArrayMap, name: string): { data: Float32Array; rows: number; dim: number } | undefined {
  const array = arrays[name];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 2) return undefined;
  const [rows, dim] = array.shape as [number, number];
  if (rows < 1 || dim < 1 || array.data.length !== rows * dim) return undefined;
  return { data: array.data as Float32Array, rows, dim };
}

function vector(array: NumericArray | undefined): Float32Array | undefined {
  if (!array || array.dtype !== 'float32' || array.shape.length !== 1) return undefined;
  return array.data as Float32Array;
}

/** Splits a [rows, attributes] matrix (labels: int32, confidence: float32) into one column per attribute. */
function splitColumns<T extends Int32Array | Float32Array>(array: NumericArray | undefined, dtype: 'int32' | 'float32', specs: readonly AttributeSpec[], rows: number, make: (length: number) => T): Record<string, T> | undefined {
  if (!array || array.dtype !== dtype || array.shape.length !== 2 || array.shape[0] !== rows || array.shape[1] !== specs.length) return undefined;
  const data = array.data;
  const columns: Record<string, T> = {};
  specs.forEach((spec, a) => {
    const column = make(rows);
    for (let r = 0; r < rows; r++) column[r] = data[r * specs.length + a] as number;
    columns[spec.name] = column;
  });
  return columns;
}

function labelColumns(array: NumericArray | undefined, specs: readonly AttributeSpec[], rows: number): LabelColumns | undefined {
  return splitColumns(array, 'int32', specs, rows, (length) => new Int32Array(length));
}

function confidenceColumns(array: NumericArray | undefined, specs: readonly AttributeSpec[], rows: number): ConfidenceColumns | undefined {
  return splitColumns(array, 'float32', specs, rows, (length) => new Float32Array(length));
}

function probeInputs(arrays: ArrayMap): ProbeInput[] {
  const sides = new Map<string, { real?: Float32Array; generated?: Float32Array }>();
  for (const [name, array] of Object.entries(arrays)) {
    const parsed = parseProbeArrayName(name);
    const values = vector(array);
    if (!parsed || !values) continue;
    const entry = sides.get(parsed.feature) ?? {};
    entry[parsed.side] = values;
    sides.set(parsed.feature, entry);
  }
  const probes: ProbeInput[] = [];
  for (const [feature, { real, generated }] of sides) {
    if (!real || !generated) continue;
    // NaN marks an image where the feature could not be measured (an empty pie): not a value.
    probes.push({
      feature,
      training: real.filter(Number.isFinite),
      generated: generated.filter(Number.isFinite),
      ...(INTEGER_PROBE_FEATURES.has(feature) ? { integer: true } : {}),
    });
  }
  return probes;
}

function healthInput(snapshot: SnapshotRecord, context: AnalysisContext, generated: { data: Float32Array; dim: number } | undefined, previous: Float32Array | undefined): TrainingHealthInput {
  const { arrays, metrics } = snapshot;
  const gradientNorms: Record<string, Float32Array> = {};
  for (const [name, array] of Object.entries(arrays)) {
    const values = name.startsWith('gradientNorm.') ? vector(array) : undefined;
    if (values) gradientNorms[name.slice('gradientNorm.'.length)] = values;
  }
  // A VAE's total loss is what diverges; it has no discriminator, so it stands in as lossG.
  const lossD = vector(arrays.lossD);
  const lossG = vector(arrays.lossG) ?? vector(arrays.loss);
  const nonFiniteWeights = metrics.nonFiniteWeights;
  return {
    ...(lossD ? { lossD } : {}),
    ...(lossG ? { lossG } : {}),
    gradientNorms,
    ...(typeof nonFiniteWeights === 'number' ? { nonFiniteWeights } : {}),
    objective: context.objective,
    ...(generated && previous && previous.length === generated.data.length ? { generated: generated.data, previousGenerated: previous, generatedDim: generated.dim } : {}),
  };
}

/**
 * The metrics inputs of one snapshot. `previousGenerated` is the `generatedRows` of the snapshot
 * before it in the same run (for "the generator stopped changing").
 */
export function snapshotInputs(snapshot: SnapshotRecord, context: AnalysisContext, previousGenerated?: Float32Array): SnapshotInputs {
  const { arrays } = snapshot;
  const missing: string[] = [];
  // Evaluator features where there are some; points are their own features.
  const real = matrix(arrays, 'realFeatures') ?? (context.pointsAreFeatures ? matrix(arrays, 'real') : undefined);
  const generated = matrix(arrays, 'generatedFeatures') ?? (context.pointsAreFeatures ? matrix(arrays, 'generated') : undefined);
  const heldOut = matrix(arrays, 'heldOutFeatures') ?? (context.pointsAreFeatures ? matrix(arrays, 'heldOut') : undefined);
  let features: SnapshotMetricsInput['features'];
  if (real && generated && real.dim === generated.dim) {
    features = {
      dim: real.dim,
      real: real.data,
      nReal: real.rows,
      generated: generated.data,
      nGenerated: generated.rows,
      ...(heldOut && heldOut.dim === real.dim ? { heldOut: { data: heldOut.data, n: heldOut.rows } } : {}),
      ...(context.memorizationDoesNotApply ? { memorizationDoesNotApply: context.memorizationDoesNotApply } : {}),
    };
    if (!heldOut && !context.memorizationDoesNotApply) missing.push('memorization: no held-out real samples in this snapshot');
  } else {
    missing.push(real && generated ? `features: real and generated features differ in width (${real.dim} vs ${generated.dim})` : 'features: no evaluator features in this snapshot');
  }

  let attributes: SnapshotMetricsInput['attributes'];
  const specs = context.attributes;
  if (specs.length > 0 && real && generated) {
    const realLabels = labelColumns(arrays.realLabels, specs, real.rows);
    const generatedPredictions = labelColumns(arrays.generatedPredictions, specs, generated.rows);
    const generatedConfidence = confidenceColumns(arrays.generatedConfidence, specs, generated.rows);
    if (realLabels && generatedPredictions) attributes = { specs, realLabels, generatedPredictions, ...(generatedConfidence ? { generatedConfidence } : {}) };
    else missing.push('attributes: labels or predictions are missing or do not match the evaluator');
  }

  let mixture: SnapshotMetricsInput['mixture'];
  const points = matrix(arrays, 'generated');
  if (context.mixture && points && points.dim === 2) mixture = { points: points.data, centres: context.mixture.centres, sigma: context.mixture.sigma };

  const probes = probeInputs(arrays);
  const rows = generated ? { data: generated.data, dim: generated.dim } : undefined;
  return {
    input: {
      iteration: snapshot.iteration,
      ...(features ? { features } : {}),
      ...(attributes ? { attributes } : {}),
      ...(mixture ? { mixture } : {}),
      ...(probes.length > 0 ? { probes } : {}),
      health: healthInput(snapshot, context, rows, previousGenerated),
    },
    missing,
    generatedRows: rows,
  };
}
