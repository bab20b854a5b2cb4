import type { ProjectionOptions } from '../../protocol/projection';

export const DEFAULT_PROJECTION_OPTIONS: ProjectionOptions = {
  method: 'umap',
  seed: 42,
  nNeighbors: 15,
  coldEpochs: 0,
  warmEpochs: 20,
  warmLearningRate: 0.2,
  referenceMobility: 0,
  trustworthinessK: 10,
  trustworthinessSample: 500,
  unchangedTolerance: 1e-5,
};

/** Fills defaults and rejects values that would make the layout meaningless, with a message naming the option. */
export function resolveProjectionOptions(partial: Partial<ProjectionOptions> = {}): ProjectionOptions {
  const options: ProjectionOptions = { ...DEFAULT_PROJECTION_OPTIONS, ...partial };
  if (options.method !== 'umap' && options.method !== 'pca') throw new Error(`projection method must be 'umap' or 'pca' (got ${JSON.stringify(options.method)})`);
  const integer = (name: keyof ProjectionOptions, min: number): void => {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new Error(`projection option ${name} must be an integer ≥ ${min} (got ${String(value)})`);
  };
  const fraction = (name: keyof ProjectionOptions, max: number): void => {
    const value = options[name];
    if (typeof value !== 'number' || !(value >= 0 && value <= max)) throw new Error(`projection option ${name} must be a number in [0, ${max}] (got ${String(value)})`);
  };
  if (typeof options.seed !== 'number' || !Number.isFinite(options.seed)) throw new Error(`projection option seed must be a finite number (got ${String(options.seed)})`);
  integer('nNeighbors', 2);
  integer('coldEpochs', 0);
  integer('warmEpochs', 0);
  integer('trustworthinessK', 1);
  integer('trustworthinessSample', 0);
  fraction('warmLearningRate', 10);
  fraction('referenceMobility', 1);
  fraction('unchangedTolerance', 1);
  return options;
}

/** umap-learn's default epoch count: more for small data, where each epoch is cheap. */
export function coldEpochsFor(options: ProjectionOptions, n: number): number {
  if (options.coldEpochs > 0) return options.coldEpochs;
  return n <= 10_000 ? 500 : 200;
}
