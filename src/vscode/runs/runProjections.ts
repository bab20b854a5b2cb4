import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProjectionBacklog } from '../../core/monitor/projectionBacklog';
import { readSnapshotAt } from '../../core/monitor/readSnapshotAt';
import type { RunTimeline } from '../../core/monitor/runTimeline';
import { projectedViews, ViewFrameTable } from '../../core/monitor/viewFrameTable';
import { resolveProjectionOptions } from '../../core/projection/options';
import {
  PROJECTION_CACHE_FILE,
  ProjectionCacheWriter,
  projectionCacheKey,
  readProjectionCache,
  type CachedProjection,
} from '../../core/projection/projectionCache';
import { ProjectionWorker } from '../../core/projection/projectionWorker';
import { snapshotViews } from '../../core/projection/snapshotViews';
import type { ProjectionEvent, ProjectionViewInput, ProjectionViewName } from '../../protocol/projection';
import type { ViewFrame, ViewQuality } from '../../protocol/projectionPanel';
import { STREAM_FILE_NAME, type SnapshotRecord } from '../../protocol/stream';
import { Disposable } from '../dispose';
import type { RunChange } from './run';

/** What RunProjections needs of a run. */
export interface ProjectionSource {
  readonly runDir: string;
  readonly title: string;
  readonly timeline: RunTimeline;
  /** True while this window's trainer writes the run: only its newest snapshot is projected then. */
  readonly isActive: boolean;
  readonly onDidChange: vscode.Event<RunChange>;
  /** The newest snapshot record, kept so that the live snapshot is not read back from disk. */
  readonly latestSnapshot: { readonly index: number; readonly record: SnapshotRecord } | undefined;
}

export type ProjectionUpdate =
  | { readonly kind: 'frames'; readonly frames: readonly ViewFrame[] }
  | { readonly kind: 'quality'; readonly view: ProjectionViewName; readonly snapshotIndex: number; readonly quality: ViewQuality }
  | { readonly kind: 'problem'; readonly message: string };

const cacheKeyOf = (view: string, iteration: number) => `${view}@${iteration}`;

/**
 * The maps of a run's views that need projecting (more than two columns), computed in a worker
 * thread so that the extension host never waits for one, and cached beside the run
 * (docs/projection.md). Frames read from the cache are shown at once; the worker starts only when
 * some snapshot has no cached map.
 */
export class RunProjections extends Disposable {
  /** Projected frames (exact 2-D views are not here: the panel draws those from the snapshots). */
  readonly table = new ViewFrameTable();
  private readonly backlog = new ProjectionBacklog();
  private readonly updateEmitter = this.register(new vscode.EventEmitter<ProjectionUpdate>());
  readonly onDidUpdate = this.updateEmitter.event;
  private readonly cacheKey = projectionCacheKey(resolveProjectionOptions());
  private readonly cached = new Map<string, CachedProjection>();
  private cacheWriter: ProjectionCacheWriter | undefined;
  private worker: ProjectionWorker | undefined;
  /** The snapshot whose map each view's engine in the worker holds now. */
  private readonly workerMaps = new Map<ProjectionViewName, number>();
  private knownSnapshots = 0;
  private generation: number;
  private current: { readonly index: number; readonly generation: number } | undefined;
  private pumping = false;
  private workerFailed = false;

  constructor(
    private readonly source: ProjectionSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.generation = source.timeline.generation;
    this.openCache();
    this.register(source.onDidChange(() => this.sync()));
    this.register({ dispose: () => this.stop() });
    this.sync();
  }

  private get streamFile(): string {
    return path.join(this.source.runDir, STREAM_FILE_NAME);
  }

  private openCache(): void {
    const file = path.join(this.source.runDir, PROJECTION_CACHE_FILE);
    try {
      const { writer, contents } = ProjectionCacheWriter.open(file, this.cacheKey);
      this.cacheWriter = writer;
      this.remember(contents.entries, contents.problem);
    } catch (error) {
      // A read-only run (someone else's folder) still shows what its cache holds; nothing is added to it.
      const contents = readProjectionCache(file, this.cacheKey);
      this.remember(contents.entries, contents.problem);
      this.log.warn(`[${this.source.title}] projections of this run will not be cached: ${describe(error)}`);
    }
  }

  private remember(entries: readonly CachedProjection[], problem: string | null): void {
    // Later records win: a run resumed from a checkpoint re-projects the iterations it redid.
    for (const entry of entries) this.cached.set(cacheKeyOf(entry.view, entry.iteration), entry);
    if (problem) this.log.info(`[${this.source.title}] ${PROJECTION_CACHE_FILE}: ${problem}; the rest is recomputed`);
  }

  /** Takes in snapshots the run has added since the last call, and starts projecting. */
  private sync(): void {
    if (this.isDisposed) return;
    const timeline = this.source.timeline;
    if (timeline.generation !== this.generation || timeline.frames.length < this.knownSnapshots) {
      // The stream started over or a resumed run dropped snapshots: indices no longer mean the same.
      this.generation = timeline.generation;
      this.knownSnapshots = 0;
      this.table.clear();
      this.backlog.clear();
      this.workerMaps.clear();
      this.worker?.reset();
    }
    const fromCache: ViewFrame[] = [];
    for (const snapshot of timeline.frames.slice(this.knownSnapshots)) {
      let missing = false;
      for (const view of projectedViews(snapshot)) {
        const entry = this.cached.get(cacheKeyOf(view, snapshot.iteration));
        const info = snapshot.views.find((candidate) => candidate.view === view);
        if (entry && info && entry.nReal === info.nReal && entry.nGenerated === info.nGenerated) {
          const frame = cachedFrame(entry, snapshot.index);
          this.table.put(frame);
          fromCache.push(frame);
        } else {
          missing = true;
        }
      }
      if (missing) this.backlog.add(snapshot.index);
    }
    this.knownSnapshots = timeline.frames.length;
    if (fromCache.length > 0) this.updateEmitter.fire({ kind: 'frames', frames: fromCache });
    void this.pump();
  }

  /** Projects waiting snapshots one at a time, newest first (see ProjectionBacklog). */
  private async pump(): Promise<void> {
    if (this.pumping || this.workerFailed) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.isDisposed || this.workerFailed) return;
        const index = this.backlog.next(!this.source.isActive);
        if (index === undefined) return;
        this.backlog.start(index);
        try {
          await this.project(index);
        } catch (error) {
          this.problem(`cannot project snapshot ${index + 1}: ${describe(error)}`);
        }
        this.backlog.complete(index);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async project(index: number): Promise<void> {
    const generation = this.generation;
    const snapshot = this.source.timeline.frames[index];
    if (!snapshot) return;
    const wanted = projectedViews(snapshot).filter((view) => !this.table.isRefined(view, index));
    if (wanted.length === 0) return;
    const record = await this.recordOf(index);
    if (this.isDisposed || generation !== this.generation) return;
    const inputs = snapshotViews(record.arrays).views.filter((input) => wanted.includes(input.view));
    if (inputs.length === 0) return;
    const worker = this.ensureWorker();
    await this.continueFromEarlierMaps(worker, index, inputs, generation);
    if (this.isDisposed || generation !== this.generation) return;
    this.current = { index, generation };
    try {
      await worker.submit(record.iteration, inputs);
    } finally {
      this.current = undefined;
    }
    for (const input of inputs) this.workerMaps.set(input.view, index);
  }

  /**
   * Seeds each view's engine with the nearest earlier refined map when it holds another one (a
   * reopened run's cache, or a snapshot passed over while training), so every map continues from its
   * predecessor: aligned, and its stability measured against the snapshot before it.
   */
  private async continueFromEarlierMaps(worker: ProjectionWorker, index: number, inputs: readonly ProjectionViewInput[], generation: number): Promise<void> {
    for (const input of inputs) {
      const earlier = this.table.refinedBefore(input.view, index);
      if (!earlier || this.workerMaps.get(input.view) === earlier.snapshotIndex) continue;
      const record = await this.recordOf(earlier.snapshotIndex);
      if (this.isDisposed || generation !== this.generation) return;
      const earlierInput = snapshotViews(record.arrays).views.find((candidate) => candidate.view === input.view);
      if (!earlierInput || earlierInput.nReal !== earlier.nReal || earlierInput.nGenerated !== earlier.nGenerated) continue;
      worker.restore(record.iteration, earlierInput, Float32Array.from(earlier.coordinates));
      this.workerMaps.set(input.view, earlier.snapshotIndex);
    }
  }

  private async recordOf(index: number): Promise<SnapshotRecord> {
    const latest = this.source.latestSnapshot;
    const snapshot = this.source.timeline.frames[index];
    if (latest && latest.index === index && latest.record.iteration === snapshot?.iteration) return latest.record;
    const offset = this.source.timeline.offsetOf(index);
    if (offset === undefined) throw new Error('its place in the stream is unknown');
    return readSnapshotAt(this.streamFile, offset);
  }

  private ensureWorker(): ProjectionWorker {
    this.worker ??= new ProjectionWorker({
      onEvent: (event) => this.receive(event),
      onError: (message) => {
        if (/worker (failed|exited)/.test(message)) this.workerFailed = true;
        this.problem(message);
      },
    });
    return this.worker;
  }

  private receive(event: ProjectionEvent): void {
    const current = this.current;
    if (!current || current.generation !== this.generation || this.isDisposed) return;
    this.appendToCache(event);
    if (event.kind === 'frame') {
      const frame: ViewFrame = {
        view: event.view,
        snapshotIndex: current.index,
        iteration: event.iteration,
        stage: event.stage,
        layout: event.layout,
        nReal: event.nReal,
        nGenerated: event.nGenerated,
        coordinates: Array.from(event.coordinates),
      };
      if (this.table.put(frame)) this.updateEmitter.fire({ kind: 'frames', frames: [frame] });
      return;
    }
    const quality = qualityOf(event);
    if (this.table.setQuality(event.view, current.index, quality)) {
      this.updateEmitter.fire({ kind: 'quality', view: event.view, snapshotIndex: current.index, quality });
    }
  }

  private appendToCache(event: ProjectionEvent): void {
    if (!this.cacheWriter) return;
    try {
      this.cacheWriter.append(event);
    } catch (error) {
      this.log.warn(`[${this.source.title}] stopped caching projections: ${describe(error)}`);
      this.cacheWriter.close();
      this.cacheWriter = undefined;
    }
  }

  private problem(message: string): void {
    this.log.warn(`[${this.source.title}] projection: ${message}`);
    this.updateEmitter.fire({ kind: 'problem', message: `projection: ${message}` });
  }

  private stop(): void {
    void this.worker?.dispose();
    this.worker = undefined;
    this.cacheWriter?.close();
    this.cacheWriter = undefined;
  }
}

function cachedFrame(entry: CachedProjection, snapshotIndex: number): ViewFrame {
  return {
    view: entry.view,
    snapshotIndex,
    iteration: entry.iteration,
    stage: 'refined',
    layout: entry.layout,
    nReal: entry.nReal,
    nGenerated: entry.nGenerated,
    coordinates: Array.from(entry.coordinates),
    ...(entry.quality ? { quality: qualityOf(entry.quality) } : {}),
    cached: true,
  };
}

function qualityOf(report: { trustworthiness: number; trustworthinessK: number; stabilityReal: number | null; stabilityGenerated: number | null }): ViewQuality {
  return {
    trustworthiness: report.trustworthiness,
    trustworthinessK: report.trustworthinessK,
    stabilityReal: report.stabilityReal,
    stabilityGenerated: report.stabilityGenerated,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
