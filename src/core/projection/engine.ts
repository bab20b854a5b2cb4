import type {
  ProjectionEvent,
  ProjectionFrame,
  ProjectionLayoutKind,
  ProjectionOptions,
  ProjectionQuality,
  ProjectionStage,
  ProjectionViewName,
} from '../../protocol/projection';
import { buildFuzzyEdges } from './layout/fuzzyGraph';
import { optimizeLayout } from './layout/optimizeLayout';
import { fitPca, projectOntoPca, scaleToExtent } from './layout/pca';
import { alignRigid } from './layout/procrustes';
import type { NeighborGraph } from './knn/neighborHeap';
import { searchNeighbors } from './knn/searchNeighbors';
import { coldEpochsFor, resolveProjectionOptions } from './options';
import { placeByNeighbors } from './placement';
import { createRandom, type SeededRandom } from './random';
import { stability } from './quality/stability';
import { sampleRows, trustworthiness } from './quality/trustworthiness';

/** One snapshot's points for one view: row-major [n, dim]; real rows come first in every frame. */
export interface ProjectionInput {
  readonly iteration: number;
  readonly dim: number;
  readonly nReal: number;
  readonly real: Float32Array;
  readonly nGenerated: number;
  readonly generated: Float32Array;
}

/** What the engine keeps between snapshots of one view. */
interface ViewState {
  readonly dim: number;
  readonly nReal: number;
  readonly nGenerated: number;
  readonly real: Float32Array;
  readonly generated: Float32Array;
  readonly coordinates: Float32Array;
  /** Neighbours of the real rows among themselves: reused while the real reference is unchanged. */
  readonly referenceGraph: NeighborGraph | null;
  /** Neighbours over all rows, the warm start of the next search; null after a restore. */
  readonly unionGraph: NeighborGraph | null;
}

const LAYOUT_EXTENT = 10;

/**
 * Aligned progressive projection of one view (see docs/projection.md). The first snapshot gets a
 * PCA frame at once, then a full UMAP fit. Every later snapshot with the same point identities gets
 * a placement frame (generated points put among their new neighbours in the previous map), then a
 * short UMAP refinement that starts from the previous map, with the real reference nearly pinned and
 * a rigid Procrustes fit on the real rows removing any remaining rotation or drift. A snapshot whose
 * data did not change reproduces the previous map exactly.
 */
export class ProjectionEngine {
  readonly options: ProjectionOptions;
  private state: ViewState | null = null;

  constructor(
    options: Partial<ProjectionOptions> = {},
    readonly view: ProjectionViewName = 'distribution',
  ) {
    this.options = resolveProjectionOptions(options);
  }

  /** Forget the previous map: the next snapshot is fitted from scratch. */
  reset(): void {
    this.state = null;
  }

  /** Continue from a map computed earlier (e.g. read from the run's projection cache). */
  restore(input: ProjectionInput, coordinates: Float32Array): void {
    checkInput(input);
    if (coordinates.length !== 2 * (input.nReal + input.nGenerated)) throw new Error(`restore: ${coordinates.length / 2} coordinates for ${input.nReal + input.nGenerated} points`);
    this.state = { ...copyData(input), coordinates: Float32Array.from(coordinates), referenceGraph: null, unionGraph: null };
  }

  /** The frames for one snapshot, as an async sequence: consumers get the first frame before refinement starts. */
  async *project(input: ProjectionInput): AsyncGenerator<ProjectionEvent> {
    for (const event of this.steps(input)) {
      yield event;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The same as `project`, synchronously: each event is computed only when asked for, so a worker
   * can post the first frame before the refinement runs.
   */
  *steps(input: ProjectionInput, clock: () => number = () => performance.now()): Generator<ProjectionEvent> {
    checkInput(input);
    const start = clock();
    const elapsed = (): number => clock() - start;
    const previous = this.state && sameShape(this.state, input) ? this.state : null;
    const random = createRandom(mixSeed(this.options.seed, input.iteration));
    let coordinates: Float32Array;

    if (previous && this.unchanged(previous, input)) {
      coordinates = Float32Array.from(previous.coordinates);
      this.state = { ...previous, coordinates };
      yield this.frame(input, 'refined', 'unchanged', coordinates, { elapsedMs: elapsed() });
    } else if (this.options.method === 'pca') {
      coordinates = pcaLayout(input);
      if (previous) alignRigid(coordinates, previous.coordinates, anchorRows(input), true);
      this.state = { ...copyData(input), coordinates, referenceGraph: null, unionGraph: null };
      yield this.frame(input, 'refined', 'pca', coordinates, { elapsedMs: elapsed() });
    } else if (previous) {
      coordinates = yield* this.refine(input, previous, random, start, clock);
    } else {
      coordinates = yield* this.fitCold(input, random, start, clock);
    }

    yield this.quality(input, coordinates, previous?.coordinates ?? null, elapsed);
  }

  private *fitCold(input: ProjectionInput, random: SeededRandom, start: number, clock: () => number): Generator<ProjectionFrame, Float32Array> {
    const first = pcaLayout(input);
    yield this.frame(input, 'first', 'pca', first, { elapsedMs: clock() - start });

    const t0 = clock();
    const data = concatRows(input);
    const n = input.nReal + input.nGenerated;
    const k = this.options.nNeighbors - 1;
    const referenceGraph = input.nReal > 1 ? searchNeighbors(input.real, input.nReal, input.dim, { k: Math.min(k, input.nReal - 1), random }) : null;
    const unionGraph = searchNeighbors(data, n, input.dim, { k, random, ...(referenceGraph ? { frozen: { count: input.nReal, graph: referenceGraph } } : {}) });
    const t1 = clock();
    const edges = buildFuzzyEdges(unionGraph);
    const t2 = clock();
    const coordinates = first;
    scaleToExtent(coordinates, LAYOUT_EXTENT);
    optimizeLayout(coordinates, n, edges, { epochs: coldEpochsFor(this.options, n), initialLearningRate: 1, random });
    const t3 = clock();
    this.state = { ...copyData(input), coordinates, referenceGraph, unionGraph };
    yield this.frame(input, 'refined', 'umap-cold', coordinates, {
      elapsedMs: t3 - start,
      neighborsMs: t1 - t0,
      graphMs: t2 - t1,
      layoutMs: t3 - t2,
    });
    return coordinates;
  }

  private *refine(input: ProjectionInput, previous: ViewState, random: SeededRandom, start: number, clock: () => number): Generator<ProjectionFrame, Float32Array> {
    const t0 = clock();
    const n = input.nReal + input.nGenerated;
    const k = this.options.nNeighbors - 1;
    const realUnchanged = arraysMatch(previous.real, input.real, this.options.unchangedTolerance);
    let referenceGraph = realUnchanged ? previous.referenceGraph : null;
    if (!referenceGraph && input.nReal > 1) {
      const kReal = Math.min(k, input.nReal - 1);
      const warmReference = previous.referenceGraph ?? undefined;
      referenceGraph = searchNeighbors(input.real, input.nReal, input.dim, { k: kReal, random, ...(warmReference ? { previous: warmReference } : {}) });
    }
    const data = concatRows(input);
    const unionGraph = searchNeighbors(data, n, input.dim, {
      k,
      random,
      ...(referenceGraph ? { frozen: { count: input.nReal, graph: referenceGraph } } : {}),
      ...(previous.unionGraph ? { previous: previous.unionGraph } : {}),
    });
    const t1 = clock();

    const coordinates = Float32Array.from(previous.coordinates);
    placeByNeighbors(previous.coordinates, unionGraph, previous.unionGraph, { from: realUnchanged ? input.nReal : 0, to: n }, coordinates);
    yield this.frame(input, 'first', 'placement', coordinates, { elapsedMs: clock() - start, neighborsMs: t1 - t0 });

    const t2 = clock();
    const edges = buildFuzzyEdges(unionGraph);
    const t3 = clock();
    const mobility = new Float32Array(n).fill(1);
    // A changed reference (discriminator features move with the discriminator) must be free to follow its data.
    if (realUnchanged) mobility.fill(this.options.referenceMobility, 0, input.nReal);
    optimizeLayout(coordinates, n, edges, { epochs: this.options.warmEpochs, initialLearningRate: this.options.warmLearningRate, random, mobility });
    alignRigid(coordinates, previous.coordinates, anchorRows(input), false);
    const t4 = clock();
    this.state = { ...copyData(input), coordinates, referenceGraph, unionGraph };
    yield this.frame(input, 'refined', 'umap-warm', coordinates, {
      elapsedMs: t4 - start,
      neighborsMs: t1 - t0,
      graphMs: t3 - t2,
      layoutMs: t4 - t3,
    });
    return coordinates;
  }

  private unchanged(previous: ViewState, input: ProjectionInput): boolean {
    const tolerance = this.options.unchangedTolerance;
    return arraysMatch(previous.real, input.real, tolerance) && arraysMatch(previous.generated, input.generated, tolerance);
  }

  private frame(input: ProjectionInput, stage: ProjectionStage, layout: ProjectionLayoutKind, coordinates: Float32Array, timings: ProjectionFrame['timings']): ProjectionFrame {
    // A copy: consumers may keep or transfer it while the engine keeps refining its own.
    return { kind: 'frame', view: this.view, iteration: input.iteration, stage, layout, nReal: input.nReal, nGenerated: input.nGenerated, coordinates: Float32Array.from(coordinates), timings };
  }

  private quality(input: ProjectionInput, coordinates: Float32Array, previous: Float32Array | null, elapsed: () => number): ProjectionQuality {
    const n = input.nReal + input.nGenerated;
    const k = Math.min(this.options.trustworthinessK, Math.max(1, Math.floor((2 * n - 2) / 3)));
    const sampleSize = this.options.trustworthinessSample > 0 ? this.options.trustworthinessSample : n;
    // The same rows every snapshot, so the figure's changes are the map's, not the sample's.
    const rows = sampleRows(n, sampleSize, createRandom(this.options.seed));
    const trust = trustworthiness(concatRows(input), coordinates, n, input.dim, k, rows);
    const realRows = Int32Array.from({ length: input.nReal }, (_, i) => i);
    const generatedRows = Int32Array.from({ length: input.nGenerated }, (_, i) => input.nReal + i);
    return {
      kind: 'quality',
      view: this.view,
      iteration: input.iteration,
      trustworthiness: trust,
      trustworthinessK: k,
      trustworthinessPoints: rows.length,
      stabilityReal: previous && input.nReal > 0 ? stability(previous, coordinates, realRows) : null,
      stabilityGenerated: previous && input.nGenerated > 0 ? stability(previous, coordinates, generatedRows) : null,
      elapsedMs: elapsed(),
    };
  }
}

function checkInput(input: ProjectionInput): void {
  const { dim, nReal, nGenerated } = input;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`projection input: dim must be a positive integer (got ${dim})`);
  if (!Number.isInteger(nReal) || nReal < 0 || !Number.isInteger(nGenerated) || nGenerated < 0) throw new Error('projection input: nReal and nGenerated must be non-negative integers');
  if (nReal + nGenerated < 2) throw new Error(`projection input: needs at least two points (got ${nReal + nGenerated})`);
  if (input.real.length !== nReal * dim) throw new Error(`projection input: real holds ${input.real.length} values, expected ${nReal} × ${dim}`);
  if (input.generated.length !== nGenerated * dim) throw new Error(`projection input: generated holds ${input.generated.length} values, expected ${nGenerated} × ${dim}`);
}

function sameShape(state: ViewState, input: ProjectionInput): boolean {
  return state.dim === input.dim && state.nReal === input.nReal && state.nGenerated === input.nGenerated;
}

function copyData(input: ProjectionInput): Pick<ViewState, 'dim' | 'nReal' | 'nGenerated' | 'real' | 'generated'> {
  return { dim: input.dim, nReal: input.nReal, nGenerated: input.nGenerated, real: Float32Array.from(input.real), generated: Float32Array.from(input.generated) };
}

function concatRows(input: ProjectionInput): Float32Array {
  const data = new Float32Array(input.real.length + input.generated.length);
  data.set(input.real, 0);
  data.set(input.generated, input.real.length);
  return data;
}

/** Rows whose identity anchors the map's frame: the real reference, or every row when there is none. */
function anchorRows(input: ProjectionInput): Int32Array {
  const count = input.nReal > 0 ? input.nReal : input.nGenerated;
  return Int32Array.from({ length: count }, (_, i) => i);
}

/**
 * PCA fitted on the real reference (all rows when there is none), scaled by the real rows' extent:
 * with a fixed reference the basis and the scale are the same every snapshot, so PCA frames are aligned.
 */
function pcaLayout(input: ProjectionInput): Float32Array {
  const n = input.nReal + input.nGenerated;
  const fitOnReal = input.nReal >= 3;
  const basis = fitOnReal ? fitPca(input.real, input.nReal, input.dim) : fitPca(concatRows(input), n, input.dim);
  const coordinates = new Float32Array(2 * n);
  projectOntoPca(basis, input.real, input.nReal, coordinates, 0);
  projectOntoPca(basis, input.generated, input.nGenerated, coordinates, input.nReal);
  const reference = fitOnReal ? coordinates.subarray(0, 2 * input.nReal) : coordinates;
  let largest = 0;
  for (let i = 0; i < reference.length; i++) largest = Math.max(largest, Math.abs(reference[i] as number));
  const factor = largest > 0 ? LAYOUT_EXTENT / largest : 1;
  for (let i = 0; i < coordinates.length; i++) coordinates[i] = (coordinates[i] as number) * factor;
  return coordinates;
}

/** True when every element differs by at most `tolerance` × the larger array magnitude. */
export function arraysMatch(a: Float32Array, b: Float32Array, tolerance: number): boolean {
  if (a.length !== b.length) return false;
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i] as number));
  const limit = tolerance * Math.max(scale, 1e-30);
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] as number) - (b[i] as number)) > limit) return false;
  return true;
}

function mixSeed(seed: number, iteration: number): number {
  let h = Math.imul((seed | 0) ^ 0x85ebca6b, 0xc2b2ae35) ^ Math.imul(Math.floor(iteration) | 0, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}
