/** The trainer group measures the shipped examples, so its figures describe what a new user runs. */
import * as path from 'node:path';
import { formatProblem, loadConfigFile } from '../../src/core/config/parse';
import type { ExperimentConfig } from '../../src/core/config/types';

export function examplePath(name: string): string {
  return path.resolve(__dirname, '..', '..', 'examples', `${name}.genmon.yaml`);
}

export function loadExampleConfig(name: string): ExperimentConfig {
  const file = examplePath(name);
  const loaded = loadConfigFile(file);
  if (!loaded.config) throw new Error(`${file} is not a valid config: ${loaded.problems.map((problem) => formatProblem(problem, file)).join('; ')}`);
  return loaded.config;
}
