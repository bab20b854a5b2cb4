/**
 * Runs analysed before "too few" and "too many" were separate bias conditions recorded one
 * `bias:share:<group>` id for both. Reading such a run maps the id to the direction its evidence
 * shows, so the engine can still clear the alert and the log's entry is the same alert as the
 * engine's instead of a stale twin.
 */
import type { Alert } from './types';

const LEGACY_PREFIX = 'bias:share:';

export function isLegacyBiasId(id: string): boolean {
  return id.startsWith(LEGACY_PREFIX);
}

/** The current id for an alert saved under a legacy one (unchanged for any other id). */
export function currentAlertId(alert: Pick<Alert, 'id' | 'evidence'>): string {
  if (!isLegacyBiasId(alert.id)) return alert.id;
  const ratio = alert.evidence['ratio'];
  return `bias:${typeof ratio === 'number' && ratio > 1 ? 'over' : 'under'}:${alert.id.slice(LEGACY_PREFIX.length)}`;
}
