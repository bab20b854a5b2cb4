/** Small order statistics shared by the metrics. */

/** Median of the finite values (NaN when there are none). */
export function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return values.length > 0 ? sum / values.length : Number.NaN;
}

/** Count of values that are NaN or ±Infinity. */
export function countNonFinite(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) count++;
  return count;
}
