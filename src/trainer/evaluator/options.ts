/**
 * How the evaluator network is built and trained. The defaults keep training under about a
 * minute on the wasm backend for 32×32 images on a small machine (docs/evaluator.md has the
 * measurements), which is why the budget is both a number of steps and a number of seconds.
 */

export interface EvaluatorTraining {
  /** Width of the penultimate layer, the feature vector projections and distances use. */
  readonly featureDim: number;
  /** Channels of the first conv stage; they double at every stage, as in the models' critic. */
  readonly baseChannels: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly maxIterations: number;
  /** Training stops after this long, whatever it has reached. Infinity: steps only (reproducible). */
  readonly maxSeconds: number;
  /** Validation accuracy is checked every this many steps. */
  readonly checkEvery: number;
  /** Training stops early once every attribute reaches this validation accuracy. */
  readonly targetAccuracy: number;
  /** Held-out samples drawn: the first half checks for early stopping, the second half measures the reported accuracy. */
  readonly heldOutCount: number;
}

export const EVALUATOR_DEFAULTS: EvaluatorTraining = {
  featureDim: 64,
  baseChannels: 16,
  batchSize: 32,
  learningRate: 1e-3,
  maxIterations: 1500,
  maxSeconds: 60,
  checkEvery: 50,
  targetAccuracy: 0.99,
  heldOutCount: 1000,
};

export interface TrainingProgress {
  readonly iteration: number;
  readonly elapsedSeconds: number;
  /** Validation accuracy by attribute, on the steps where it was checked. */
  readonly validationAccuracy?: Readonly<Record<string, number>>;
}

/** What the caller controls besides the training settings: seed, cache, clock, cancellation, messages. */
export interface EvaluatorRunOptions {
  readonly seed: number;
  /** Folder holding cached evaluators (e.g. `<runs root>/.evaluators`); no caching when absent. */
  readonly cacheFolder?: string;
  /** Folder that a relative image-folder path resolves against, so the cache key names the real folder. */
  readonly baseDirectory?: string;
  readonly training?: Partial<EvaluatorTraining>;
  /** Called after every training step; never when the evaluator comes from the cache. */
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Problems that do not stop the evaluator (an unusable cache entry, a cache that cannot be written). */
  readonly warn?: (message: string) => void;
  /** Milliseconds, for the time budget; default performance.now. */
  readonly now?: () => number;
  /** Aborting rejects the training promise with EvaluatorCancelledError. */
  readonly signal?: AbortSignal;
}

export class EvaluatorCancelledError extends Error {
  constructor() {
    super('evaluator training was cancelled');
  }
}

function positiveInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`evaluator ${name} must be a positive integer, got ${value}`);
}

/** The defaults with `overrides` applied, checked; throws a RangeError naming a bad setting. */
export function resolveTraining(overrides: Partial<EvaluatorTraining> = {}): EvaluatorTraining {
  const training: EvaluatorTraining = { ...EVALUATOR_DEFAULTS, ...overrides };
  positiveInteger(training.featureDim, 'featureDim');
  positiveInteger(training.baseChannels, 'baseChannels');
  positiveInteger(training.batchSize, 'batchSize');
  positiveInteger(training.checkEvery, 'checkEvery');
  if (!Number.isSafeInteger(training.maxIterations) || training.maxIterations < 0) {
    throw new RangeError(`evaluator maxIterations must be a non-negative integer, got ${training.maxIterations}`);
  }
  if (!Number.isSafeInteger(training.heldOutCount) || training.heldOutCount < 0) {
    throw new RangeError(`evaluator heldOutCount must be a non-negative integer, got ${training.heldOutCount}`);
  }
  if (!(training.learningRate > 0 && Number.isFinite(training.learningRate))) throw new RangeError(`evaluator learningRate must be positive, got ${training.learningRate}`);
  if (!(training.maxSeconds > 0)) throw new RangeError(`evaluator maxSeconds must be positive (Infinity for no limit), got ${training.maxSeconds}`);
  if (!(training.targetAccuracy >= 0)) throw new RangeError(`evaluator targetAccuracy must be ≥ 0 (above 1 never stops early), got ${training.targetAccuracy}`);
  return training;
}
