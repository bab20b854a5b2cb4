/**
 * Warnings about files a config names that do not exist (an image folder, an attributes file),
 * relative to the config's folder as the trainer resolves them. Kept out of parseConfig, which
 * stays a pure function of the text: the CLI (through loadConfigFile) and the editor call this.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DOCUMENT_START } from './positions';
import type { ConfigPath, ConfigProblem } from './problem';
import type { ExperimentConfig } from './types';
import { parseYamlSource, valueRangeAtPath } from './yamlSource';

/** `text` is the config's source (for positions), `configPath` its file; relative paths resolve against its folder. */
export function configFileProblems(text: string, config: ExperimentConfig, configPath: string): ConfigProblem[] {
  const { dataset } = config;
  if (dataset.type !== 'image-folder') return [];
  const base = path.dirname(path.resolve(configPath));
  const wanted: { path: ConfigPath; file: string; folder: boolean }[] = [{ path: ['dataset', 'path'], file: dataset.path, folder: true }];
  const attributes = dataset.attributes;
  if (attributes !== undefined && 'csv' in attributes) wanted.push({ path: ['dataset', 'attributes', 'csv'], file: attributes.csv, folder: false });
  if (attributes !== undefined && 'listAttr' in attributes) wanted.push({ path: ['dataset', 'attributes', 'listAttr'], file: attributes.listAttr, folder: false });

  const source = parseYamlSource(text);
  const problems: ConfigProblem[] = [];
  for (const entry of wanted) {
    const resolved = path.resolve(base, entry.file);
    const what = entry.folder ? 'folder' : 'file';
    let message: string | undefined;
    if (!existsSync(resolved)) message = `no such ${what}: ${resolved}`;
    else if (statSync(resolved).isDirectory() !== entry.folder) message = `${resolved} is not a ${what}`;
    if (message === undefined) continue;
    problems.push({ message, severity: 'warning', range: valueRangeAtPath(source, entry.path) ?? DOCUMENT_START, path: entry.path, code: 'missing-file' });
  }
  return problems;
}
