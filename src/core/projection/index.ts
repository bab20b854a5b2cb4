/** Progressive, aligned projection of snapshots (docs/projection.md). */
export { ProjectionEngine, type ProjectionInput } from './engine';
export { DEFAULT_PROJECTION_OPTIONS, resolveProjectionOptions } from './options';
export { LatestOnlyQueue, type LatestOnlyQueueOptions } from './latestOnlyQueue';
export { ProjectionWorker, PROJECTION_WORKER_BUNDLE, defaultWorkerScript, type JobOutcome, type ProjectionWorkerOptions } from './projectionWorker';
export { ProjectionSession } from './projectionSession';
export { snapshotViews, VIEW_ARRAY_NAMES, type SnapshotViews } from './snapshotViews';
export {
  PROJECTION_CACHE_FILE,
  ProjectionCacheWriter,
  projectionCacheKey,
  readProjectionCache,
  parseProjectionCache,
  type CachedProjection,
  type ProjectionCacheContents,
} from './projectionCache';
export { trustworthiness, sampleRows } from './quality/trustworthiness';
export { stability, mapDiameter } from './quality/stability';
export { createRandom, type SeededRandom } from './random';
