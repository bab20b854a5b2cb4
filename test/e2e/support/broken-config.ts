// Derives a broken experiment config from a working example, so the only problems in it are
// the ones the diagnostics scenario plants: an invalid batch size and a misspelt key.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const brokenConfigName = 'broken.genmon.yaml';

/** Writes <workspace>/broken.genmon.yaml from sourceName with training.batchSize 0 and an unknown key. */
export function writeBrokenConfig(workspace: string, sourceName: string): string {
  const document = parseDocument(readFileSync(join(workspace, sourceName), 'utf8'));
  document.setIn(['training', 'batchSize'], 0);
  document.setIn(['training', 'learningRat'], 0.001);
  const file = join(workspace, brokenConfigName);
  writeFileSync(file, document.toString());
  return file;
}
