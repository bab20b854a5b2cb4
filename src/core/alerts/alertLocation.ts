/**
 * Where in the config an alert belongs: the most specific key that sets what the alert is about.
 * A bias alert about red circles on `sprites` goes on `dataset.joint.circle.red` — the weight a
 * person would change — and falls back to the attribute's section, then the alert's own config
 * path, then its rule under `alerts`. The editor takes the first path the document has.
 */
import type { Alert } from './types';

/** "shape=circle+color=red" → [['shape', 'circle'], ['color', 'red']]; [] for anything else. */
export function groupValues(group: unknown): [string, string][] {
  if (typeof group !== 'string' || group === '') return [];
  const pairs = group.split('+').map((part) => part.split('='));
  return pairs.every((pair) => pair.length === 2 && pair[0] !== '' && pair[1] !== '') ? (pairs as [string, string][]) : [];
}

/** Candidate key paths, most specific first. */
export function alertConfigPaths(alert: Pick<Alert, 'kind' | 'evidence' | 'configPath' | 'rulePath'>): string[][] {
  const candidates: string[][] = [];
  if (alert.kind === 'bias') {
    const values = groupValues(alert.evidence.group).map(([, value]) => value);
    // sprites: joint.<shape>.<color>; a single-attribute group names a shape row, or nothing there.
    for (let length = values.length; length >= 1; length--) candidates.push(['dataset', 'joint', ...values.slice(0, length)]);
    for (const [attribute] of groupValues(alert.evidence.group)) candidates.push(['dataset', attribute]);
    const feature = alert.evidence.feature;
    // Probe features are measured from pixels; dots set their numerosity with `counts`.
    if (typeof feature === 'string') candidates.push(['dataset', feature], ...(feature === 'numerosity' ? [['dataset', 'counts']] : []));
    if (alert.evidence.group !== undefined || alert.evidence.attributes !== undefined) candidates.push(['dataset', 'joint'], ['dataset', 'attributes']);
  }
  candidates.push([...alert.configPath], [...alert.rulePath]);
  return candidates;
}
