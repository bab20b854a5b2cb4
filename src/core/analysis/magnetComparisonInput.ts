/**
 * Reads what a MaGNET comparison compares from the stream: the two sample sets of a `sampled`
 * event and the real reference of a snapshot (docs/stream-format.md). Features follow the
 * snapshot rule: the evaluator's where it wrote some, else (2-D points) the points themselves.
 * A malformed array leaves its input out with a reason, never a crash.
 */
import type { ConfidenceColumns, LabelColumns } from '../metrics/attributes';
import { sampleSetArrayNames, type ArrayMap, type EventRecord, type NumericArray, type SampleSetName, type SnapshotRecord } from '../../protocol/stream';
import type { AnalysisContext } from './analysisContext';

export interface RowMatrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly dim: number;
}

export interface SampledSet {
  readonly set: SampleSetName;
  readonly count: number;
  /** The outputs as the record holds them: points, or shrunk pixel vectors. */
  readonly samples: RowMatrix;
  readonly features: RowMatrix | undefined;
  readonly predictions: LabelColumns | undefined;
  readonly confidence: ConfidenceColumns | undefined;
  /** Images: uint8 [T, h, w, c]. */
  readonly thumbs: NumericArray | undefined;
}

export interface RealReference {
  readonly iteration: number;
  readonly samples: RowMatrix | undefined;
  readonly features: RowMatrix | undefined;
  readonly labels: LabelColumns | undefined;
}

/** The record is not a usable `sampled` event; nothing can be compared. */
export class SampledRecordError extends Error {}

export function matrixOf(arrays: ArrayMap, name: string): RowMatrix | undefined {
  const array = arrays[name];
  if (!array || array.dtype !== 'float32' || array.shape.length !== 2) return undefined;
  const [rows, dim] = array.shape as [number, number];
  if (rows < 1 || dim < 1 || array.data.length !== rows * dim) return undefined;
  return { data: array.data as Float32Array, rows, dim };
}

/** Splits a [rows, attributes] matrix into one column per attribute; undefined when it does not fit. */
function columnsOf<T extends Int32Array | Float32Array>(array: NumericArray | undefined, dtype: 'int32' | 'float32', context: AnalysisContext, rows: number, make: (length: number) => T): Record<string, T> | undefined {
  const specs = context.attributes;
  if (specs.length === 0 || !array || array.dtype !== dtype || array.shape.length !== 2 || array.shape[0] !== rows || array.shape[1] !== specs.length) return undefined;
  const columns: Record<string, T> = {};
  specs.forEach((spec, a) => {
    const column = make(rows);
    for (let r = 0; r < rows; r++) column[r] = array.data[r * specs.length + a] as number;
    columns[spec.name] = column;
  });
  return columns;
}

function sampledSet(arrays: ArrayMap, set: SampleSetName, context: AnalysisContext): SampledSet {
  const names = sampleSetArrayNames(set);
  const samples = matrixOf(arrays, names.samples);
  if (!samples) throw new SampledRecordError(`the sampled event has no usable "${names.samples}" array (float32 [count, d])`);
  const features = matrixOf(arrays, names.features) ?? (context.pointsAreFeatures ? samples : undefined);
  const thumbs = arrays[names.thumbs];
  return {
    set,
    count: samples.rows,
    samples,
    features: features?.rows === samples.rows ? features : undefined,
    predictions: columnsOf(arrays[names.predictions], 'int32', context, samples.rows, (n) => new Int32Array(n)),
    confidence: columnsOf(arrays[names.confidence], 'float32', context, samples.rows, (n) => new Float32Array(n)),
    thumbs: thumbs?.dtype === 'uint8' && thumbs.shape.length === 4 ? thumbs : undefined,
  };
}

/** Both sets of a `sampled` event; throws SampledRecordError for any other record or one without the sets. */
export function sampledSets(event: EventRecord, context: AnalysisContext): Readonly<Record<SampleSetName, SampledSet>> {
  if (event.kind !== 'sampled') throw new SampledRecordError(`expected a "sampled" event, got "${event.kind}"`);
  const arrays = event.arrays ?? {};
  return { standard: sampledSet(arrays, 'standard', context), magnet: sampledSet(arrays, 'magnet', context) };
}

/** The real side: a snapshot's real reference (the same rows in every snapshot of a run). */
export function realReference(snapshot: SnapshotRecord, context: AnalysisContext): RealReference {
  const { arrays } = snapshot;
  const samples = matrixOf(arrays, 'real');
  const features = matrixOf(arrays, 'realFeatures') ?? (context.pointsAreFeatures ? samples : undefined);
  return {
    iteration: snapshot.iteration,
    samples,
    features,
    labels: features ? columnsOf(arrays.realLabels, 'int32', context, features.rows, (n) => new Int32Array(n)) : undefined,
  };
}
