/**
 * The projection engine end to end, as the extension runs it: a snapshot is appended to a stream
 * file, then read back, split into views and projected in the worker thread. Per N (real + generated
 * points, half each, 64 dimensions): time to the first frame and to the refined map of a warm
 * snapshot (not the run's first), a cold fit of the same snapshot for reference, trustworthiness of
 * both, and the stability of the map. docs/projection.md explains each figure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProjectionWorker } from '../../src/core/projection/projectionWorker';
import type { ProjectionInput } from '../../src/core/projection/engine';
import { snapshotViews } from '../../src/core/projection/snapshotViews';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import type { ProjectionFrame, ProjectionOptions, ProjectionQuality } from '../../src/protocol/projection';
import type { SnapshotRecord } from '../../src/protocol/stream';
import { withTempDir } from '../support/tempDir';
import { median } from '../timing';
import type { BenchContext, BenchGroup, BenchResult } from '../types';
import { syntheticRun } from './projectionData';

const DIM = 64;
/** Training progress of the warm snapshots: consecutive snapshots differ as a model that is still learning does. */
const PROGRESS_START = 0.6;
const PROGRESS_STEP = 0.02;

interface Observed {
  firstMs: number;
  refinedMs: number;
  refined: ProjectionFrame;
  quality: ProjectionQuality;
}

/** Appends snapshots to a stream file and projects each one through a worker, timing from the append. */
class Pipeline {
  private readonly writer: StreamWriter;
  private readonly worker: ProjectionWorker;
  private pending: { start: number; first?: number; refined?: { at: number; frame: ProjectionFrame }; quality?: ProjectionQuality } | undefined;
  private readonly errors: string[] = [];

  constructor(
    private readonly streamPath: string,
    options: Partial<ProjectionOptions>,
    private readonly clock: () => number,
  ) {
    this.writer = StreamWriter.create(streamPath);
    this.worker = new ProjectionWorker({
      projection: options,
      onEvent: (event) => {
        const pending = this.pending;
        if (!pending) return;
        if (event.kind === 'quality') pending.quality = event;
        else if (event.stage === 'first') pending.first = this.clock();
        else pending.refined = { at: this.clock(), frame: event };
      },
      onError: (message) => this.errors.push(message),
    });
  }

  /** Waits for the thread to load: starting it is a one-off cost of a run, not of a snapshot. */
  ready(): Promise<void> {
    return this.worker.ready();
  }

  async project(input: ProjectionInput): Promise<Observed> {
    const offset = fs.statSync(this.streamPath).size;
    this.writer.write(toRecord(input));
    // The clock starts once the snapshot is complete on disk.
    const start = this.clock();
    this.pending = { start };
    const { records, errors } = readStreamFile(this.streamPath, offset);
    const record = records[0]?.record;
    if (!record || record.type !== 'snapshot' || errors.length > 0) throw new Error(`could not read the snapshot back: ${errors.map((e) => e.message).join('; ')}`);
    const { views, problems } = snapshotViews(record.arrays);
    if (problems.length > 0) throw new Error(problems.join('; '));
    await this.worker.submit(record.iteration, views);
    const observed = this.pending;
    this.pending = undefined;
    if (this.errors.length > 0) throw new Error(this.errors.join('; '));
    if (!observed.refined || !observed.quality) throw new Error(`iteration ${input.iteration} produced no refined frame`);
    return {
      firstMs: (observed.first ?? observed.refined.at) - start,
      refinedMs: observed.refined.at - start,
      refined: observed.refined.frame,
      quality: observed.quality,
    };
  }

  async close(): Promise<void> {
    this.writer.close();
    await this.worker.dispose();
  }
}

function toRecord(input: ProjectionInput): SnapshotRecord {
  return {
    type: 'snapshot',
    iteration: input.iteration,
    time: Date.now(),
    metrics: {},
    arrays: {
      realFeatures: { dtype: 'float32', shape: [input.nReal, input.dim], data: input.real },
      generatedFeatures: { dtype: 'float32', shape: [input.nGenerated, input.dim], data: input.generated },
    },
  };
}

async function measureSize(n: number, warmSnapshots: number, context: BenchContext): Promise<BenchResult[]> {
  const run = syntheticRun(n / 2, n / 2, DIM, 2024);
  // Exact trustworthiness where it is affordable; a fixed sample of rows beyond.
  const options: Partial<ProjectionOptions> = { trustworthinessSample: n <= 5000 ? 0 : 2000 };
  const sampleNote = n <= 5000 ? 'all points' : '2,000 sampled points';
  return withTempDir(async (dir) => {
    const live = new Pipeline(path.join(dir, 'live.gms'), options, context.clock);
    const warm: Observed[] = [];
    let coldStart: Observed;
    let unchanged: Observed;
    let last: ProjectionInput;
    try {
      await live.ready();
      coldStart = await live.project(run.snapshot(0, PROGRESS_START));
      context.log(`${n}: run's first snapshot, cold fit ${coldStart.refinedMs.toFixed(0)} ms`);
      last = run.snapshot(1, PROGRESS_START);
      for (let t = 1; t <= warmSnapshots; t++) {
        last = run.snapshot(t, PROGRESS_START + t * PROGRESS_STEP);
        warm.push(await live.project(last));
      }
      // A resumed run with no training in between: the same data again.
      unchanged = await live.project({ ...last, iteration: last.iteration + 1 });
    } finally {
      await live.close();
    }
    const latest = warm[warm.length - 1] as Observed;

    const reference = new Pipeline(path.join(dir, 'cold.gms'), options, context.clock);
    let cold: Observed;
    try {
      await reference.ready();
      cold = await reference.project(last);
    } finally {
      await reference.close();
    }
    context.log(`${n}: warm ${warm.map((w) => w.refinedMs.toFixed(0)).join(', ')} ms; cold ${cold.refinedMs.toFixed(0)} ms`);

    const warmMs = median(warm.map((w) => w.refinedMs));
    const note = `${n / 2} real + ${n / 2} generated × ${DIM}; median of ${warm.length} warm snapshots`;
    return [
      { name: `projection.first.${n}`, unit: 'ms', value: median(warm.map((w) => w.firstMs)), note: `${note}; placement frame` },
      { name: `projection.first_cold.${n}`, unit: 'ms', value: cold.firstMs, note: 'PCA frame of a run\'s first snapshot' },
      { name: `projection.warm.${n}`, unit: 'ms', value: warmMs, note: `${note}; from the append to the refined map` },
      { name: `projection.cold.${n}`, unit: 'ms', value: cold.refinedMs, note: 'full UMAP fit of the same snapshot from scratch' },
      { name: `projection.speedup.${n}`, unit: '×', value: cold.refinedMs / warmMs, note: 'cold / warm' },
      { name: `projection.trust.${n}`, unit: 'T(10)', value: latest.quality.trustworthiness, note: `aligned map of the last warm snapshot, ${sampleNote}` },
      { name: `projection.trust_cold.${n}`, unit: 'T(10)', value: cold.quality.trustworthiness, note: `cold fit of the same snapshot, ${sampleNote}` },
      { name: `projection.stability.${n}`, unit: 'diameters', value: median(warm.map((w) => w.quality.stabilityReal ?? NaN)), note: 'median displacement of real points between consecutive snapshots' },
      { name: `projection.stability_generated.${n}`, unit: 'diameters', value: median(warm.map((w) => w.quality.stabilityGenerated ?? NaN)), note: 'the same for generated points (the model changed)' },
      { name: `projection.stability_unchanged.${n}`, unit: 'diameters', value: unchanged.quality.stabilityGenerated ?? NaN, note: 'generated points, same snapshot again (model unchanged)' },
    ];
  });
}

export const projectionGroup: BenchGroup = {
  name: 'projection',
  description: 'aligned progressive projection: first frame, warm refinement vs cold UMAP, trustworthiness, stability (1k, 5k, 20k points × 64)',
  async run(context) {
    const sizes = context.quick ? [1000, 5000] : [1000, 5000, 20000];
    const warmSnapshots = context.quick ? 3 : 5;
    const results: BenchResult[] = [];
    for (const n of sizes) results.push(...(await measureSize(n, warmSnapshots, context)));
    const warmOf = (n: number): number | undefined => results.find((r) => r.name === `projection.warm.${n}`)?.value;
    const smallest = sizes[0] as number;
    const largest = sizes[sizes.length - 1] as number;
    const low = warmOf(smallest);
    const high = warmOf(largest);
    if (low !== undefined && high !== undefined) {
      results.push({ name: 'projection.warm_exponent', unit: 'slope', value: Math.log(high / low) / Math.log(largest / smallest), note: `warm time ∝ N^slope between ${smallest} and ${largest} points` });
    }
    return results;
  },
};
