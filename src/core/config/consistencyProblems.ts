import type { ConfigProblem } from './problem';
import type { ExperimentConfig } from './types';
import { keyRangeAtPath, valueRangeAtPath } from './yamlSource';
import type { YamlSource } from './yamlSource';
import { DOCUMENT_START } from './positions';

/**
 * Warnings about settings that are each valid but make no sense together. They do not stop a run:
 * the user may mean it.
 */
export function consistencyProblems(source: YamlSource, config: ExperimentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (config.snapshot.every > config.training.maxIterations) {
    const path = ['snapshot', 'every'];
    problems.push({
      message: `snapshot.every (${config.snapshot.every}) is more than training.maxIterations (${config.training.maxIterations}), so no periodic snapshot falls within training`,
      severity: 'warning',
      range: valueRangeAtPath(source, path) ?? keyRangeAtPath(source, ['training', 'maxIterations']) ?? DOCUMENT_START,
      path,
      code: 'no-snapshot',
    });
  }
  return problems;
}
