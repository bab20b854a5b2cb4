/**
 * The one entry point the trainer calls before training: the evaluator for a dataset, from the
 * cache when a usable entry exists, else trained (and then cached). Points get the coordinate
 * evaluator, which needs neither training nor a cache.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dataset } from '../datasets/dataset';
import type { DatasetSpec } from '../datasets/spec';
import type { Tf } from '../tf';
import { CoordinateEvaluator } from './coordinateEvaluator';
import type { Evaluator } from './evaluator';
import { EvaluatorCacheError, evaluatorCacheKey, loadEvaluator, saveEvaluator } from './evaluatorCache';
import { resolveTraining, type EvaluatorRunOptions } from './options';
import { trainNetworkEvaluator } from './trainNetwork';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `dataset` must be the one `spec` describes (createDataset(spec, seed)). Its training position is
 * restored afterwards, so the trainer may pass the very dataset it goes on to train with.
 */
export async function trainEvaluator(tf: Tf, dataset: Dataset, spec: DatasetSpec, options: EvaluatorRunOptions): Promise<Evaluator> {
  if (spec.type !== dataset.type) throw new Error(`trainEvaluator: the spec describes ${spec.type} but the dataset is ${dataset.type}`);
  const training = resolveTraining(options.training);
  if (spec.type === 'gaussian-mixture') return new CoordinateEvaluator(spec, dataset, training.heldOutCount);

  const warn = options.warn ?? ((message: string) => console.warn(message));
  const hooks = { seed: options.seed, onProgress: options.onProgress, now: options.now, signal: options.signal };
  if (options.cacheFolder === undefined) return trainNetworkEvaluator(tf, dataset, training, hooks);

  const cacheKey = evaluatorCacheKey(spec, options.seed, training, options.baseDirectory);
  const entry = path.join(options.cacheFolder, cacheKey.hash);
  if (fs.existsSync(entry)) {
    try {
      return loadEvaluator(tf, entry, cacheKey, dataset, training, options.seed);
    } catch (error) {
      if (!(error instanceof EvaluatorCacheError)) throw error;
      warn(`${error.message}; discarding it and training a new evaluator`);
      fs.rmSync(entry, { recursive: true, force: true });
    }
  }
  const evaluator = await trainNetworkEvaluator(tf, dataset, training, hooks);
  try {
    saveEvaluator(options.cacheFolder, cacheKey, evaluator);
  } catch (error) {
    // The evaluator works without its cache entry; the next run just trains again.
    warn(`could not cache the evaluator in ${options.cacheFolder}: ${describe(error)}`);
  }
  return evaluator;
}
