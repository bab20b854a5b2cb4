/**
 * The augments in a checkpoint: a JSON list in the manifest's values (what, which group, when) and,
 * for added rows, their pixels and labels as float32 arrays, so a resumed run has them even when
 * the folder they came from is gone. Restoring checks all of it against the dataset.
 */
import type { AttributeSpec } from '../datasets/dataset';
import { requireArray, StateMismatchError, type SavedState, type StateArray } from '../checkpoint/savedState';
import type { AppliedAugment } from './appliedAugment';
import { resolveGroup, type AttributeGroup } from './attributeGroup';

/** The checkpoint value that lists the augments; absent in checkpoints of unaugmented runs. */
export const AUGMENTS_VALUE = 'augment.applied';

interface SavedAugment {
  readonly method: AppliedAugment['method'];
  readonly group: Readonly<Record<string, string>>;
  readonly iteration: number;
  readonly factor?: number;
  readonly source?: string;
  readonly labelledBy?: string;
  readonly count?: number;
  /** How added pixels were held: bytes or floats. */
  readonly pixels?: 'uint8' | 'float32';
}

function arrayName(index: number, part: 'pixels' | 'labels'): string {
  return `augment.${index}.${part}`;
}

/** The values and arrays to merge into a SavedState; empty when nothing was applied. */
export function saveAugments(augments: readonly AppliedAugment[], sampleLength: number, attributeCount: number): { values: Record<string, unknown>; arrays: Record<string, StateArray> } {
  if (augments.length === 0) return { values: {}, arrays: {} };
  const arrays: Record<string, StateArray> = {};
  const saved = augments.map((augment, index): SavedAugment => {
    const common = { method: augment.method, group: augment.group.named, iteration: augment.iteration };
    if (augment.method === 'reweight') return { ...common, factor: augment.factor };
    arrays[arrayName(index, 'pixels')] = { shape: [augment.count, sampleLength], data: Float32Array.from(augment.pixels) };
    arrays[arrayName(index, 'labels')] = { shape: [augment.count, attributeCount], data: Float32Array.from(augment.labels) };
    return { ...common, source: augment.source, labelledBy: augment.labelledBy, count: augment.count, pixels: augment.pixels instanceof Uint8Array ? 'uint8' : 'float32' };
  });
  return { values: { [AUGMENTS_VALUE]: saved }, arrays };
}

/** The augments a checkpoint holds (none when it has no list); throws StateMismatchError for anything that does not fit the dataset. */
export function restoreAugments(state: SavedState, sampleLength: number, attributes: readonly AttributeSpec[]): AppliedAugment[] {
  if (!Object.prototype.hasOwnProperty.call(state.values, AUGMENTS_VALUE)) return [];
  const list = state.values[AUGMENTS_VALUE];
  if (!Array.isArray(list)) throw new StateMismatchError(`"${AUGMENTS_VALUE}" is not a list`);
  return list.map((entry: unknown, index) => restoreOne(state, entry, index, sampleLength, attributes));
}

function restoreOne(state: SavedState, entry: unknown, index: number, sampleLength: number, attributes: readonly AttributeSpec[]): AppliedAugment {
  const bad = (problem: string): never => {
    throw new StateMismatchError(`augment ${index} in the checkpoint ${problem}`);
  };
  if (typeof entry !== 'object' || entry === null) return bad('is not an object');
  const saved = entry as Partial<Record<keyof SavedAugment, unknown>>;
  const { method, iteration } = saved;
  if (!Number.isSafeInteger(iteration) || (iteration as number) < 0) bad('has no whole "iteration" ≥ 0');
  const group = restoreGroup(saved.group, attributes, bad);
  if (method === 'reweight') {
    const factor = saved.factor;
    if (typeof factor !== 'number' || !(factor > 0) || !Number.isFinite(factor)) bad('has no "factor" > 0');
    return { method, group, factor: factor as number, iteration: iteration as number };
  }
  if (method !== 'add-images' && method !== 'synthesize') return bad(`has an unknown method ${JSON.stringify(method)}`);
  const { count, source, labelledBy, pixels } = saved;
  if (!Number.isSafeInteger(count) || (count as number) < 1) bad('has no whole "count" ≥ 1');
  if (typeof source !== 'string' || typeof labelledBy !== 'string') bad('lacks "source" or "labelledBy"');
  if (pixels !== 'uint8' && pixels !== 'float32') bad('has no "pixels" kind (uint8 or float32)');
  const rows = count as number;
  const pixelValues = requireArray(state, arrayName(index, 'pixels'), [rows, sampleLength]);
  const labelValues = requireArray(state, arrayName(index, 'labels'), [rows, attributes.length]);
  const labels = Int32Array.from(labelValues);
  labels.forEach((value, i) => {
    const spec = attributes[i % attributes.length] as AttributeSpec;
    if (value !== labelValues[i] || value < 0 || value >= spec.values.length) bad(`has a label ${labelValues[i]} that "${spec.name}" does not have`);
  });
  if (pixels === 'uint8' && pixelValues.some((value) => !(Number.isInteger(value) && value >= 0 && value <= 255))) bad('has pixel bytes outside 0 … 255');
  return {
    method,
    group,
    source: source as string,
    labelledBy: labelledBy as string,
    iteration: iteration as number,
    count: rows,
    pixels: pixels === 'uint8' ? Uint8Array.from(pixelValues) : pixelValues,
    labels,
  };
}

function restoreGroup(value: unknown, attributes: readonly AttributeSpec[], bad: (problem: string) => never): AttributeGroup {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((v) => typeof v === 'string')) return bad('has no "group" of value names');
  try {
    return resolveGroup(attributes, value as Record<string, string>);
  } catch (error) {
    return bad(`does not fit the dataset: ${(error as Error).message}`);
  }
}
