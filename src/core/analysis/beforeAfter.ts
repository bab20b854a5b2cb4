/**
 * Before/after comparison of an intervention: per attribute group, the share ratio and Fréchet
 * distance at the last snapshot at or before it (what training had reached when it happened) and
 * at the snapshot N snapshots later (N = `genmon.interventions.compareAfterSnapshots`). A run that
 * has not got that far is compared with its latest snapshot instead, flagged provisional.
 */
import type { ComparableSnapshot, GroupPoint } from './comparableSnapshot';
import { listInterventions, type Intervention, type StreamEvent } from './interventions';

export const DEFAULT_COMPARE_AFTER_SNAPSHOTS = 5;

/** A value at the two snapshots; null where it was not measured (shown as "—", never as 0). */
export interface ValueChange {
  readonly before: number | null;
  readonly after: number | null;
}

export interface GroupChange {
  readonly id: string;
  readonly label: string;
  /** The group the intervention targeted (listed first). */
  readonly intervened: boolean;
  readonly ratio: ValueChange;
  readonly frechet: ValueChange;
}

export interface BeforeAfter {
  /** The last snapshot at or before the intervention; null when it came before the first snapshot. */
  readonly before: { readonly iteration: number } | null;
  /** The snapshot compared with; null while no snapshot follows the intervention. */
  readonly after: { readonly iteration: number; readonly snapshotsLater: number } | null;
  /** How many snapshots later the comparison is meant to be (N). */
  readonly wantedSnapshotsLater: number;
  /** The run has fewer than N snapshots after the intervention yet: the after side will still move. */
  readonly provisional: boolean;
  readonly overallFrechet: ValueChange;
  /** The intervened group first, then groups sharing one of its values, then the rest in the metrics' order. */
  readonly groups: readonly GroupChange[];
  /** Other interventions between the two snapshots, whose effects the comparison mixes in. */
  readonly mixedWith: readonly string[];
}

export interface InterventionReport {
  readonly intervention: Intervention;
  readonly comparison: BeforeAfter;
}

/**
 * Every intervention of the run with its comparison. `snapshots` are the run's analysed snapshots
 * in iteration order (a resumed run's superseded ones already dropped, as metrics.jsonl reads).
 */
export function interventionReports(events: readonly StreamEvent[], snapshots: readonly ComparableSnapshot[], compareAfterSnapshots = DEFAULT_COMPARE_AFTER_SNAPSHOTS): InterventionReport[] {
  const interventions = listInterventions(events);
  return interventions.map((intervention) => ({ intervention, comparison: compareBeforeAfter(intervention, snapshots, compareAfterSnapshots, interventions) }));
}

export function compareBeforeAfter(
  intervention: Intervention,
  snapshots: readonly ComparableSnapshot[],
  compareAfterSnapshots = DEFAULT_COMPARE_AFTER_SNAPSHOTS,
  others: readonly Intervention[] = [],
): BeforeAfter {
  const wanted = Math.max(1, Math.floor(Number.isFinite(compareAfterSnapshots) ? compareAfterSnapshots : DEFAULT_COMPARE_AFTER_SNAPSHOTS));
  const beforeIndex = lastIndexAtOrBefore(snapshots, intervention.iteration);
  const firstAfter = beforeIndex + 1;
  const afterIndex = Math.min(beforeIndex + wanted, snapshots.length - 1);
  const before = beforeIndex >= 0 ? snapshots[beforeIndex] : undefined;
  const after = afterIndex >= firstAfter ? snapshots[afterIndex] : undefined;
  const snapshotsLater = afterIndex - beforeIndex;
  return {
    before: before ? { iteration: before.iteration } : null,
    after: after ? { iteration: after.iteration, snapshotsLater } : null,
    wantedSnapshotsLater: wanted,
    provisional: !after || snapshotsLater < wanted,
    overallFrechet: { before: before?.overallFrechet ?? null, after: after?.overallFrechet ?? null },
    groups: groupChanges(before, after, intervention.group),
    mixedWith: others.filter((other) => other.id !== intervention.id && within(other, intervention, after)).map((other) => other.summary),
  };
}

/** Index of the last snapshot whose iteration is at most `iteration`, or −1. */
function lastIndexAtOrBefore(snapshots: readonly ComparableSnapshot[], iteration: number): number {
  let low = 0;
  let high = snapshots.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((snapshots[middle] as ComparableSnapshot).iteration <= iteration) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** Another intervention counts when it took effect after this one and before the after snapshot. */
function within(other: Intervention, intervention: Intervention, after: ComparableSnapshot | undefined): boolean {
  if (other.iteration < intervention.iteration) return false;
  if (other.iteration === intervention.iteration && Number(other.id) < Number(intervention.id)) return false;
  return after === undefined || other.iteration < after.iteration;
}

/** The intervened group first, then groups sharing one of its values, then the rest in the metrics' order. */
function groupChanges(before: ComparableSnapshot | undefined, after: ComparableSnapshot | undefined, target: Readonly<Record<string, string>> | undefined): GroupChange[] {
  const afterById = new Map((after?.groups ?? []).map((group) => [group.id, group]));
  const beforeById = new Map((before?.groups ?? []).map((group) => [group.id, group]));
  const ids = [...beforeById.keys(), ...[...afterById.keys()].filter((id) => !beforeById.has(id))];
  const ranked = ids.map((id) => {
    const was = beforeById.get(id);
    const now = afterById.get(id);
    const shown = (was ?? now) as GroupPoint;
    const intervened = target !== undefined && sameGroup(shown, target);
    const change: GroupChange = {
      id,
      label: shown.label,
      intervened,
      ratio: { before: was?.ratio ?? null, after: now?.ratio ?? null },
      frechet: { before: was?.frechet ?? null, after: now?.frechet ?? null },
    };
    return { change, rank: intervened ? 0 : target !== undefined && sharesValue(shown, target) ? 1 : 2 };
  });
  // Array.prototype.sort is stable: within a rank the metrics' order stays.
  return ranked.sort((a, b) => a.rank - b.rank).map(({ change }) => change);
}

/** The metrics order attributes by the dataset, an augment's group by the request: compare as sets. */
function sameGroup(group: GroupPoint, target: Readonly<Record<string, string>>): boolean {
  const names = Object.keys(target);
  if (group.attributes.length !== names.length) return false;
  return group.attributes.every((attribute, i) => target[attribute] === group.values[i]);
}

function sharesValue(group: GroupPoint, target: Readonly<Record<string, string>>): boolean {
  return group.attributes.some((attribute, i) => target[attribute] === group.values[i]);
}
