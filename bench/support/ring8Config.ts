/** The trainer group measures the shipped example, so its figures describe what a new user runs. */
import * as path from 'node:path';
import { formatProblem, loadConfigFile } from '../../src/core/config/parse';
import type { ExperimentConfig } from '../../src/core/config/types';

export const RING8_CONFIG_PATH = path.resolve(__dirname, '..', '..', 'examples', 'ring8.genmon.yaml');

export function loadRing8Config(): ExperimentConfig {
  const loaded = loadConfigFile(RING8_CONFIG_PATH);
  if (!loaded.config) {
    throw new Error(`${RING8_CONFIG_PATH} is not a valid config: ${loaded.problems.map((problem) => formatProblem(problem, RING8_CONFIG_PATH)).join('; ')}`);
  }
  return loaded.config;
}
