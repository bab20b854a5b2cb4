// An experiment whose bias rule fires on the first snapshot for every group (any share ratio is
// below 1000), so a scenario can act on a bias alert without waiting for a model to drop a group.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const biasedConfigName = 'biased.genmon.yaml';
export const biasedRunName = 'biased';
export const biasPattern = /generated '.+' share is .+× its real share/;

/** Writes <workspace>/biased.genmon.yaml: the source config with alerts.bias made to fire at once. */
export function writeBiasedConfig(workspace: string, sourceName: string): string {
  const document = parseDocument(readFileSync(join(workspace, sourceName), 'utf8'));
  document.setIn(['name'], biasedRunName);
  document.setIn(['alerts'], { bias: { minShareRatio: 1000, fireAfter: 1, minSampleQuality: 0 } });
  const file = join(workspace, biasedConfigName);
  writeFileSync(file, document.toString());
  return file;
}
