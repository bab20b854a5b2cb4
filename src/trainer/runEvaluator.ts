/**
 * The trainer's evaluator step, before the first training step: trains the evaluator of the run's
 * dataset or loads it from the cache beside the runs (`<runs root>/.evaluators`, the parent of the
 * run directory, so every run of a config shares it), prints what happened, and gives up cleanly
 * when a stop is requested meanwhile — so a SIGTERM during a minute of evaluator training still
 * ends the run with an `end` record 'stopped'.
 */
import * as path from 'node:path';
import type { EvaluatorInfo } from '../protocol/stream';
import type { Evaluator } from './evaluator/evaluator';
import { EVALUATOR_DEFAULTS, EvaluatorCancelledError, type EvaluatorTraining, type TrainingProgress } from './evaluator/options';
import { evaluatorSummary } from './evaluator/summary';
import type { StopRequest, StopSignal } from './stopSignal';
import type { RunSession } from './runSession';

/** The folder name, under the runs root, that holds cached evaluators. */
export const EVALUATOR_CACHE_FOLDER = '.evaluators';

export interface RunEvaluatorOptions {
  readonly name: string;
  readonly seed: number;
  readonly runDir: string;
  /** Default `<parent of runDir>/.evaluators`. */
  readonly cacheFolder?: string;
  readonly baseDirectory?: string;
  readonly training?: Partial<EvaluatorTraining>;
  readonly stop: Pick<StopSignal, 'requested' | 'whenRequested'>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export type RunEvaluatorOutcome = { readonly summary: EvaluatorInfo } | { readonly stoppedBy: StopRequest };

/**
 * Overrides of the evaluator's training settings from the environment, as a JSON object (e.g.
 * `{"maxIterations": 20}`): how test suites that train through the CLI keep evaluator training short.
 */
export const EVALUATOR_TRAINING_ENV = 'GENMON_EVALUATOR_TRAINING';

/** The overrides in `env`; throws an error naming the variable when its value is not a JSON object of numbers. */
export function evaluatorTrainingFromEnvironment(env: NodeJS.ProcessEnv): Partial<EvaluatorTraining> | undefined {
  const text = env[EVALUATOR_TRAINING_ENV];
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${EVALUATOR_TRAINING_ENV} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every((entry) => typeof entry === 'number')) {
    throw new Error(`${EVALUATOR_TRAINING_ENV} must be a JSON object of numbers, e.g. {"maxIterations": 20}; got ${text}`);
  }
  const unknown = Object.keys(value).filter((name) => !(name in EVALUATOR_DEFAULTS));
  if (unknown.length > 0) throw new Error(`${EVALUATOR_TRAINING_ENV} names no evaluator setting ${unknown.join(', ')}; known: ${Object.keys(EVALUATOR_DEFAULTS).join(', ')}`);
  // resolveTraining() checks each setting's range and names a bad one.
  return value as Partial<EvaluatorTraining>;
}

export function evaluatorCacheFolder(runDir: string): string {
  return path.join(path.dirname(path.resolve(runDir)), EVALUATOR_CACHE_FOLDER);
}

function percentages(values: Readonly<Record<string, number | null>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name} ${value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(2)}`)
    .join(' ');
}

function describe(evaluator: Evaluator, summary: EvaluatorInfo): string {
  const accuracy = summary.attributes.length > 0 ? `accuracy ${percentages(Object.fromEntries(summary.attributes.map((a) => [a.name, a.accuracy])))}` : 'no attributes to predict';
  const untrusted = summary.attributes.filter((a) => !a.trusted).map((a) => a.name);
  const trust = untrusted.length > 0 ? `; untrusted: ${untrusted.join(', ')}` : '';
  if (evaluator.kind === 'coordinates') return `coordinates of the points, ${accuracy}${trust}`;
  if (evaluator.fromCache) return `loaded from cache, ${accuracy}${trust}`;
  return `trained in ${evaluator.trainedIterations} steps, ${evaluator.trainingSeconds.toFixed(1)} s, ${accuracy}${trust}`;
}

export async function runEvaluator(session: Pick<RunSession, 'prepareEvaluator'>, options: RunEvaluatorOptions): Promise<RunEvaluatorOutcome> {
  const { name, stop } = options;
  const prefix = `[${name}] evaluator:`;
  const abort = new AbortController();
  // The stop flag is polled by the training loop; the evaluator's training listens to a signal.
  void stop.whenRequested().then(() => abort.abort());
  let announced = false;
  const onProgress = (progress: TrainingProgress): void => {
    if (!announced) {
      announced = true;
      options.out(`${prefix} training (the first run on this data; later runs load it from the cache)`);
    }
    if (progress.validationAccuracy) {
      options.out(`${prefix} step ${progress.iteration}, ${progress.elapsedSeconds.toFixed(1)} s, validation ${percentages(progress.validationAccuracy)}`);
    }
  };
  try {
    const evaluator = await session.prepareEvaluator({
      seed: options.seed,
      cacheFolder: options.cacheFolder ?? evaluatorCacheFolder(options.runDir),
      ...(options.baseDirectory !== undefined ? { baseDirectory: options.baseDirectory } : {}),
      ...(options.training ? { training: options.training } : {}),
      signal: abort.signal,
      onProgress,
      warn: (message) => options.err(`${prefix} ${message}`),
    });
    const summary = evaluatorSummary(evaluator);
    options.out(`${prefix} ${describe(evaluator, summary)}`);
    return { summary };
  } catch (error) {
    const stoppedBy = stop.requested;
    if (error instanceof EvaluatorCancelledError && stoppedBy) return { stoppedBy };
    throw error;
  }
}
