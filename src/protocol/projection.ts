/**
 * Messages between the extension host and the projection worker (src/core/projection/worker), and
 * the frames it produces. Coordinates are Float32Array [x0, y0, x1, y1, …] with the real reference
 * rows first, then the generated rows in latent-bank order, so row i is the same point in every frame.
 * docs/projection.md describes the method and the guarantees.
 */

export type ProjectionMethod = 'umap' | 'pca';

/** The three maps of a snapshot; each has its own aligned layout. */
export type ProjectionViewName = 'distribution' | 'latent' | 'discriminator';
export const PROJECTION_VIEW_NAMES: readonly ProjectionViewName[] = ['distribution', 'latent', 'discriminator'];

/** 'first': shown at once, replaced later by 'refined' of the same iteration (only sent when one follows). */
export type ProjectionStage = 'first' | 'refined';

/**
 * How a frame's coordinates were made: a PCA of the data; generated points placed among their
 * neighbours in the previous map; a UMAP fit from scratch; a UMAP refinement of the previous map;
 * or the previous map reused because the data had not changed.
 */
export type ProjectionLayoutKind = 'pca' | 'placement' | 'umap-cold' | 'umap-warm' | 'unchanged';

export interface ProjectionOptions {
  readonly method: ProjectionMethod;
  readonly seed: number;
  /** Neighbours per point in the high-dimensional graph (UMAP's n_neighbors, itself included). */
  readonly nNeighbors: number;
  /** Epochs of a fit from scratch; 0 picks umap-learn's rule (500 up to 10,000 points, else 200). */
  readonly coldEpochs: number;
  /** Epochs of a refinement from the previous map. */
  readonly warmEpochs: number;
  readonly warmLearningRate: number;
  /** Step multiplier of real reference points during a refinement (0 pins them, 1 moves them freely). */
  readonly referenceMobility: number;
  /** k of the trustworthiness reported per frame. */
  readonly trustworthinessK: number;
  /** Points whose neighbourhoods are checked for trustworthiness (a seeded sample; 0 = all). */
  readonly trustworthinessSample: number;
  /** Largest change, relative to the data's largest magnitude, still treated as "the same snapshot". */
  readonly unchangedTolerance: number;
}

export interface ProjectionTimings {
  /** Milliseconds from the start of the job to this frame. */
  readonly elapsedMs: number;
  readonly neighborsMs?: number;
  readonly graphMs?: number;
  readonly layoutMs?: number;
}

export interface ProjectionFrame {
  readonly kind: 'frame';
  readonly view: ProjectionViewName;
  readonly iteration: number;
  readonly stage: ProjectionStage;
  readonly layout: ProjectionLayoutKind;
  readonly nReal: number;
  readonly nGenerated: number;
  readonly coordinates: Float32Array;
  readonly timings: ProjectionTimings;
}

/** Measured after the refined frame, so measuring never delays the map. */
export interface ProjectionQuality {
  readonly kind: 'quality';
  readonly view: ProjectionViewName;
  readonly iteration: number;
  readonly trustworthiness: number;
  readonly trustworthinessK: number;
  /** Points the trustworthiness was averaged over. */
  readonly trustworthinessPoints: number;
  /** Median displacement of real rows since the previous refined frame, in map diameters; null on the first. */
  readonly stabilityReal: number | null;
  /** The same for generated rows (fixed z): ~0 when the model did not change. */
  readonly stabilityGenerated: number | null;
  readonly elapsedMs: number;
}

export type ProjectionEvent = ProjectionFrame | ProjectionQuality;

/** One view's points of one snapshot: row-major [n, dim] each. */
export interface ProjectionViewInput {
  readonly view: ProjectionViewName;
  readonly dim: number;
  readonly nReal: number;
  readonly real: Float32Array;
  readonly nGenerated: number;
  readonly generated: Float32Array;
}

export interface ProjectionJob {
  readonly jobId: number;
  readonly iteration: number;
  readonly views: readonly ProjectionViewInput[];
}

export type HostToProjectionWorker =
  | { readonly type: 'project'; readonly job: ProjectionJob }
  /** Seeds a view's map (e.g. from the cache of a reopened run) so the next snapshot continues it. */
  | { readonly type: 'restore'; readonly iteration: number; readonly input: ProjectionViewInput; readonly coordinates: Float32Array }
  | { readonly type: 'reset' }
  | { readonly type: 'close' };

export type ProjectionWorkerToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'event'; readonly jobId: number; readonly event: ProjectionEvent }
  | { readonly type: 'done'; readonly jobId: number; readonly elapsedMs: number }
  | { readonly type: 'error'; readonly jobId: number | null; readonly message: string };

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isViewName(value: unknown): value is ProjectionViewName {
  return typeof value === 'string' && (PROJECTION_VIEW_NAMES as readonly string[]).includes(value);
}

/** Why a view input is unusable, or null when it is well formed (sizes agree, values finite). */
export function describeViewInputProblem(value: unknown): string | null {
  if (!isObject(value)) return 'a view input must be an object';
  if (!isViewName(value.view)) return `unknown view ${JSON.stringify(value.view)}`;
  if (!isCount(value.dim) || value.dim < 1) return `view ${value.view}: dim must be a positive integer`;
  if (!isCount(value.nReal) || !isCount(value.nGenerated)) return `view ${value.view}: nReal and nGenerated must be non-negative integers`;
  if (value.nReal + value.nGenerated < 2) return `view ${value.view}: needs at least two points`;
  if (!(value.real instanceof Float32Array) || !(value.generated instanceof Float32Array)) return `view ${value.view}: real and generated must be Float32Array`;
  if (value.real.length !== value.nReal * value.dim) return `view ${value.view}: real holds ${value.real.length} values, expected ${value.nReal} × ${value.dim}`;
  if (value.generated.length !== value.nGenerated * value.dim) return `view ${value.view}: generated holds ${value.generated.length} values, expected ${value.nGenerated} × ${value.dim}`;
  for (const array of [value.real, value.generated]) {
    for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) return `view ${value.view}: non-finite value at element ${i}`;
  }
  return null;
}

/** Worker-side guard: the host is trusted, but a malformed message must give a clear error, not a crash. */
export function describeWorkerRequestProblem(value: unknown): string | null {
  if (!isObject(value)) return 'a worker message must be an object';
  switch (value.type) {
    case 'reset':
    case 'close':
      return null;
    case 'project': {
      const job = value.job;
      if (!isObject(job)) return 'project: job missing';
      if (!isCount(job.jobId) || typeof job.iteration !== 'number' || !Number.isFinite(job.iteration)) return 'project: jobId and iteration must be numbers';
      if (!Array.isArray(job.views) || job.views.length === 0) return 'project: job has no views';
      for (const view of job.views) {
        const problem = describeViewInputProblem(view);
        if (problem) return `project: ${problem}`;
      }
      return null;
    }
    case 'restore': {
      if (typeof value.iteration !== 'number' || !Number.isFinite(value.iteration)) return 'restore: iteration must be a number';
      const problem = describeViewInputProblem(value.input);
      if (problem) return `restore: ${problem}`;
      const input = value.input as unknown as ProjectionViewInput;
      const coordinates = value.coordinates;
      if (!(coordinates instanceof Float32Array) || coordinates.length !== 2 * (input.nReal + input.nGenerated)) return 'restore: coordinates must be a Float32Array of 2 × (nReal + nGenerated)';
      return null;
    }
    default:
      return `unknown worker message type ${JSON.stringify(value.type)}`;
  }
}

function isEvent(value: unknown): value is ProjectionEvent {
  if (!isObject(value) || !isViewName(value.view) || typeof value.iteration !== 'number') return false;
  if (value.kind === 'frame') {
    return (
      (value.stage === 'first' || value.stage === 'refined') &&
      typeof value.layout === 'string' &&
      isCount(value.nReal) &&
      isCount(value.nGenerated) &&
      value.coordinates instanceof Float32Array &&
      value.coordinates.length === 2 * (value.nReal + value.nGenerated) &&
      isObject(value.timings)
    );
  }
  if (value.kind === 'quality') {
    const nullableNumber = (x: unknown): boolean => x === null || typeof x === 'number';
    return typeof value.trustworthiness === 'number' && nullableNumber(value.stabilityReal) && nullableNumber(value.stabilityGenerated);
  }
  return false;
}

/** Host-side guard for what the worker posts. */
export function isProjectionWorkerToHost(value: unknown): value is ProjectionWorkerToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'event':
      return isCount(value.jobId) && isEvent(value.event);
    case 'done':
      return isCount(value.jobId) && typeof value.elapsedMs === 'number';
    case 'error':
      return (value.jobId === null || isCount(value.jobId)) && typeof value.message === 'string';
    default:
      return false;
  }
}
