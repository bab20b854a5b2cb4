import * as path from 'node:path';
import { createRunId } from '../run/runId';

/** Run folders are named by their run id, so the trainer adopts the folder's name as the run's id. */
export const newRunDirName = createRunId;

export const CONFIG_FILE_PATTERN = /\.genmon\.ya?ml$/i;

/** `ring8.genmon.yaml` → `ring8`: the name runs and panels are known by. */
export function configNameOf(configPath: string): string {
  const base = path.basename(configPath);
  const name = base.replace(CONFIG_FILE_PATTERN, '');
  return name.length > 0 && name !== base ? name : base.replace(/\.[^.]*$/, '');
}

/**
 * The folder that holds a config's runs. `setting` is relative to the config's folder unless absolute;
 * `${configName}` expands to the config's name, so configs side by side keep separate runs.
 */
export function resolveRunsRoot(configPath: string, setting: string): string {
  const template = setting.trim().length > 0 ? setting.trim() : '.genmon/runs/${configName}';
  const expanded = template.split('${configName}').join(configNameOf(configPath));
  return path.resolve(path.dirname(configPath), expanded);
}
