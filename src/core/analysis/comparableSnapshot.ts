/**
 * The few numbers of one snapshot's metrics that a before/after comparison reads: per attribute
 * group its share ratio and Fréchet distance, and the overall Fréchet distance. Keeping only these
 * lets a long run's history stay in memory at a few hundred bytes a snapshot, where the full
 * metrics record carries every family.
 */
import type { SnapshotMetrics } from '../metrics/snapshotMetrics';

export interface GroupPoint {
  /** "shape=circle+color=red", as the metrics name it. */
  readonly id: string;
  /** For people: "circle+red". */
  readonly label: string;
  readonly attributes: readonly string[];
  readonly values: readonly string[];
  /** Generated share / real share; null when unmeasurable. */
  readonly ratio: number | null;
  /** d² between the group's real and generated fits; null when skipped. */
  readonly frechet: number | null;
}

export interface ComparableSnapshot {
  readonly iteration: number;
  readonly overallFrechet: number | null;
  /** Groups in the metrics' order: single attributes first, then pairs. */
  readonly groups: readonly GroupPoint[];
}

interface GroupFields {
  readonly id?: unknown;
  readonly label?: unknown;
  readonly attributes?: unknown;
  readonly values?: unknown;
  readonly ratio?: unknown;
  readonly frechet?: unknown;
}

/**
 * Takes a metrics record as read from metrics.jsonl, so every field is checked rather than trusted:
 * a malformed group is left out and a value that is not a finite number reads as unmeasured.
 */
export function comparableSnapshot(metrics: SnapshotMetrics): ComparableSnapshot {
  const byId = new Map<string, GroupPoint>();
  const add = (raw: GroupFields, field: 'ratio' | 'frechet'): void => {
    if (typeof raw !== 'object' || raw === null || typeof raw.id !== 'string') return;
    const known = byId.get(raw.id) ?? {
      id: raw.id,
      label: typeof raw.label === 'string' ? raw.label : raw.id,
      attributes: stringList(raw.attributes),
      values: stringList(raw.values),
      ratio: null,
      frechet: null,
    };
    byId.set(raw.id, { ...known, [field]: finiteOrNull(raw[field]) });
  };
  for (const group of listOf(metrics.groupShares?.groups)) add(group as GroupFields, 'ratio');
  for (const group of listOf(metrics.frechet?.groups)) add(group as GroupFields, 'frechet');
  return { iteration: metrics.iteration, overallFrechet: finiteOrNull(metrics.frechet?.overall), groups: [...byId.values()] };
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
