/**
 * JSON has no NaN or Infinity, yet a diverging loss is exactly what a training monitor must show,
 * so non-finite metric values travel as these strings.
 */

export type MetricJson = number | 'NaN' | 'Infinity' | '-Infinity';

export function metricToJson(value: number): MetricJson {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** The number a metric's JSON value stands for, or undefined if it is not a valid metric value. */
export function metricFromJson(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}
