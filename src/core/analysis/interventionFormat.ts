/**
 * How a before/after comparison reads: numbers with "—" for what was not measured (an unmeasured
 * value is not a zero), and whether a change is for the better. Shared by the panel and the tests,
 * so what is shown is what is tested.
 */
import type { BeforeAfter, ValueChange } from './beforeAfter';

export type ChangeDirection = 'better' | 'worse' | 'same' | 'unknown';

export const NOT_MEASURED = '—';

export function formatRatio(value: number | null): string {
  return value === null ? NOT_MEASURED : value.toFixed(2);
}

export function formatFrechet(value: number | null): string {
  if (value === null) return NOT_MEASURED;
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(3);
}

/** A share ratio is better the closer it is to 1 (as often among generated samples as among real ones). */
export function ratioDirection(change: ValueChange): ChangeDirection {
  if (change.before === null || change.after === null) return 'unknown';
  return compareDistances(distanceFromOne(change.before), distanceFromOne(change.after));
}

/** A Fréchet distance is better the lower it is. */
export function frechetDirection(change: ValueChange): ChangeDirection {
  if (change.before === null || change.after === null) return 'unknown';
  return compareDistances(change.before, change.after);
}

/** Ratios are compared on a log scale, so half as common and twice as common are equally far from 1. */
function distanceFromOne(ratio: number): number {
  return ratio <= 0 ? Number.POSITIVE_INFINITY : Math.abs(Math.log(ratio));
}

function compareDistances(before: number, after: number): ChangeDirection {
  if (before === after) return 'same';
  const scale = Math.max(Math.abs(before), Math.abs(after));
  // Differences below what the panel's rounding shows are noise, not a change.
  if (Number.isFinite(scale) && Math.abs(after - before) <= scale * 1e-9) return 'same';
  return after < before ? 'better' : 'worse';
}

/** Which snapshots are compared, in words: "iteration 1,200 → 1,700 (5 snapshots later)". */
export function describeSnapshots(comparison: BeforeAfter): string {
  const before = comparison.before ? `iteration ${comparison.before.iteration.toLocaleString('en-US')}` : 'no snapshot before it';
  if (!comparison.after) return `${before} → no snapshot after it yet (compares ${plural(comparison.wantedSnapshotsLater)} later)`;
  const later = plural(comparison.after.snapshotsLater);
  const after = `iteration ${comparison.after.iteration.toLocaleString('en-US')}`;
  return comparison.provisional
    ? `${before} → ${after} (${later} later so far; provisional until ${comparison.wantedSnapshotsLater})`
    : `${before} → ${after} (${later} later)`;
}

function plural(snapshots: number): string {
  return `${snapshots} snapshot${snapshots === 1 ? '' : 's'}`;
}
