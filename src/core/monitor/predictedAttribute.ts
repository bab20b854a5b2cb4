import type { PredictedAttribute } from '../../protocol/projectionPanel';
import type { ArrayMap, HeaderRecord } from '../../protocol/stream';

/**
 * Snapshot array with the evaluator's predictions for the generated samples: [M, attributes], each
 * entry the index of the predicted value. Attribute and value names come from the header's
 * `evaluator.attributes` ([{ name, values }]) when the trainer wrote them.
 */
export const GENERATED_PREDICTIONS_ARRAY = 'generatedPredictions';

interface AttributeNames {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * The first predicted attribute of the generated samples, for colouring the latent view; undefined
 * when the snapshot has no usable predictions (absent, wrong shape), so the view stays one colour.
 */
export function predictedAttribute(arrays: ArrayMap, header: HeaderRecord | undefined): PredictedAttribute | undefined {
  const array = arrays[GENERATED_PREDICTIONS_ARRAY];
  if (!array || array.shape.length !== 2) return undefined;
  const [rows, columns] = array.shape as [number, number];
  if (!(rows >= 1 && columns >= 1) || array.data.length !== rows * columns) return undefined;
  const names = attributeNames(header)[0];
  const indices: number[] = new Array<number>(rows);
  let largest = -1;
  for (let row = 0; row < rows; row++) {
    const value = array.data[row * columns] as number;
    const valid = Number.isInteger(value) && value >= 0 && (!names || value < names.values.length);
    indices[row] = valid ? value : -1;
    if (valid) largest = Math.max(largest, value);
  }
  if (largest < 0) return undefined;
  const values = names ? [...names.values] : Array.from({ length: largest + 1 }, (_, i) => String(i));
  return { name: names?.name ?? 'attribute', values, indices };
}

function attributeNames(header: HeaderRecord | undefined): AttributeNames[] {
  const evaluator = (header as { evaluator?: unknown } | undefined)?.evaluator;
  const attributes = typeof evaluator === 'object' && evaluator !== null ? (evaluator as { attributes?: unknown }).attributes : undefined;
  if (!Array.isArray(attributes)) return [];
  return attributes.flatMap((entry: unknown) => {
    const { name, values } = (entry ?? {}) as { name?: unknown; values?: unknown };
    if (typeof name !== 'string' || !Array.isArray(values) || !values.every((value) => typeof value === 'string')) return [];
    return [{ name, values: values as string[] }];
  });
}
