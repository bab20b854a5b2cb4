/** A complete config (every default applied) from YAML text, for tests that build sessions directly. */
import { formatProblem, parseConfig } from '../../../src/core/config/parse';
import type { ExperimentConfig } from '../../../src/core/config/types';

export function parsedConfig(text: string): ExperimentConfig {
  const result = parseConfig(text, 'test.genmon.yaml');
  if (!result.config) throw new Error(result.problems.map((problem) => formatProblem(problem, 'test.genmon.yaml')).join('\n'));
  return result.config;
}
