// An experiment whose health rule fires on the first snapshot (any gradient norm exceeds 0), so a
// scenario sees an alert without waiting for a model to go wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const alertingConfigName = 'alerting.genmon.yaml';
export const alertingRunName = 'alerting';
export const alertPattern = /gradient norm reached/;

/** Writes <workspace>/alerting.genmon.yaml: the source config with alerts.health made to fire at once, as an error. */
export function writeAlertingConfig(workspace: string, sourceName: string): string {
  const document = parseDocument(readFileSync(join(workspace, sourceName), 'utf8'));
  document.setIn(['name'], alertingRunName);
  document.setIn(['alerts'], { health: { maxGradientNorm: 0, fireAfter: 1, severity: 'error' } });
  const file = join(workspace, alertingConfigName);
  writeFileSync(file, document.toString());
  return file;
}
