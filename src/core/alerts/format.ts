/** Numbers as alert messages show them. */

/** 1200 → "1,200". */
export function formatIteration(iteration: number): string {
  return Math.round(iteration).toLocaleString('en-US');
}

/** Two significant decimals for shares and ratios: 0.2134 → "0.21", 12.5 → "12.5". */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  if (Math.abs(value) >= 0.01 || value === 0) return value.toFixed(2);
  return value.toPrecision(2);
}

export function snapshots(count: number): string {
  return count === 1 ? '1 snapshot' : `${count} snapshots`;
}
