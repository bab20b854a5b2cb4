// A second experiment beside the example, so a scenario can run two configs at once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

export const secondConfigName = 'grid.genmon.yaml';

/** Writes <workspace>/grid.genmon.yaml: the source config on a 3×3 grid under another name. */
export function writeSecondConfig(workspace: string, sourceName: string): string {
  const document = parseDocument(readFileSync(join(workspace, sourceName), 'utf8'));
  document.setIn(['name'], 'grid');
  document.setIn(['dataset', 'layout'], 'grid');
  document.setIn(['dataset', 'modes'], 3);
  const file = join(workspace, secondConfigName);
  writeFileSync(file, document.toString());
  return file;
}
