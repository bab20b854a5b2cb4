import type { RunPhase, RunStatusView, SnapshotFrame, SnapshotViewInfo } from '../../protocol/projectionPanel';
import type { ArrayMap, HeaderRecord, NumericArray, SnapshotRecord, StreamRecord } from '../../protocol/stream';
import { snapshotViews, VIEW_ARRAY_NAMES } from '../projection/snapshotViews';
import { predictedAttribute } from './predictedAttribute';

/**
 * What a monitor knows about one run, built incrementally from its stream records.
 * The stream is the source of truth: a reopened run directory rebuilds the same timeline.
 */
export class RunTimeline {
  private headerRecord: HeaderRecord | undefined;
  private readonly snapshotFrames: SnapshotFrame[] = [];
  /** Byte offset of each frame's snapshot record in the stream, where the caller said: its arrays can be read again from there. */
  private readonly snapshotOffsets: (number | undefined)[] = [];
  private streamPhase: RunPhase = 'waiting';
  private lastIteration = 0;
  private lastMetrics: Readonly<Record<string, number>> = {};
  private endMessage: string | undefined;
  private readonly problems: string[] = [];
  private restarts = 0;

  get header(): HeaderRecord | undefined {
    return this.headerRecord;
  }

  /**
   * Bumped whenever frames already handed out became void: the stream started over (a replaced or
   * truncated file) or a resumed run superseded snapshots written after its checkpoint.
   */
  get generation(): number {
    return this.restarts;
  }

  get frames(): readonly SnapshotFrame[] {
    return this.snapshotFrames;
  }

  get phase(): RunPhase {
    return this.streamPhase;
  }

  get iteration(): number {
    return this.lastIteration;
  }

  get metrics(): Readonly<Record<string, number>> {
    return this.lastMetrics;
  }

  /** Records that could not be shown, in the words a user should read. */
  get frameProblems(): readonly string[] {
    return this.problems;
  }

  /** Whether the stream itself says the run is over (an end record was read). */
  get ended(): boolean {
    return this.streamPhase === 'completed' || this.streamPhase === 'stopped' || this.streamPhase === 'error';
  }

  /** Where frame `index`'s snapshot record starts in the stream file, if ingest was told. */
  offsetOf(index: number): number | undefined {
    return this.snapshotOffsets[index];
  }

  /**
   * Applies records in stream order; returns the snapshot frames they added. `offsets[i]`, when given,
   * is the stream offset of `records[i]`, kept so that a snapshot's arrays need not stay in memory.
   */
  ingest(records: readonly StreamRecord[], offsets?: readonly number[]): SnapshotFrame[] {
    const added: SnapshotFrame[] = [];
    for (const [position, record] of records.entries()) {
      switch (record.type) {
        case 'header':
          if (this.headerRecord) this.restart();
          this.headerRecord = record;
          if (!this.ended) this.streamPhase = 'running';
          break;
        case 'snapshot': {
          this.lastIteration = Math.max(this.lastIteration, record.iteration);
          this.lastMetrics = record.metrics;
          const frame = this.toFrame(record);
          this.snapshotFrames.push(frame);
          this.snapshotOffsets.push(offsets?.[position]);
          added.push(frame);
          break;
        }
        case 'event':
          if (record.kind === 'resumed') {
            this.resumeAt(record.iteration);
            break;
          }
          this.lastIteration = Math.max(this.lastIteration, record.iteration);
          if (this.ended) break;
          if (record.kind === 'stopping') this.streamPhase = 'stopping';
          if (record.kind === 'started' || record.kind === 'unpaused') this.streamPhase = 'running';
          if (record.kind === 'paused') this.streamPhase = 'paused';
          break;
        case 'end':
          this.lastIteration = Math.max(this.lastIteration, record.iteration);
          this.streamPhase = record.reason;
          this.endMessage = record.message;
          break;
      }
    }
    return added;
  }

  /** The status the panel and status bar show; `processPhase` overrides when the trainer process knows better. */
  status(title: string, processPhase?: RunPhase, runDir?: string): RunStatusView {
    const config = this.headerRecord?.config as { training?: { maxIterations?: unknown } } | undefined;
    const maxIterations = config?.training?.maxIterations;
    const phase = this.ended ? this.streamPhase : (processPhase ?? this.streamPhase);
    return {
      title,
      phase,
      iteration: this.lastIteration,
      ...(typeof maxIterations === 'number' ? { maxIterations } : {}),
      ...(typeof this.lastMetrics['stepsPerSecond'] === 'number' ? { stepsPerSecond: this.lastMetrics['stepsPerSecond'] } : {}),
      ...(this.headerRecord ? { backend: this.headerRecord.trainer.backend } : {}),
      ...(runDir ? { runDir } : {}),
      ...(this.endMessage ? { message: this.endMessage } : {}),
    };
  }

  /**
   * A trainer continued the run from a checkpoint at `iteration`: the run is live again, and
   * snapshots written after that checkpoint (before a crash, say) are superseded by the new ones.
   */
  private resumeAt(iteration: number): void {
    this.streamPhase = 'running';
    this.endMessage = undefined;
    const kept = this.snapshotFrames.filter((frame) => frame.iteration <= iteration);
    if (kept.length !== this.snapshotFrames.length) {
      this.restarts += 1;
      this.snapshotFrames.length = 0;
      this.snapshotFrames.push(...kept);
      this.snapshotOffsets.length = kept.length;
    }
    this.lastIteration = iteration;
  }

  private restart(): void {
    this.restarts += 1;
    this.snapshotFrames.length = 0;
    this.snapshotOffsets.length = 0;
    this.streamPhase = 'waiting';
    this.lastIteration = 0;
    this.lastMetrics = {};
    this.endMessage = undefined;
  }

  private toFrame(record: SnapshotRecord): SnapshotFrame {
    const { views, problems } = snapshotViews(withColumns(record.arrays));
    for (const problem of problems) this.problems.push(`snapshot at iteration ${record.iteration}: ${problem}`);
    if (views.length === 0 && problems.length === 0) {
      this.problems.push(`snapshot at iteration ${record.iteration} has no 'real' or 'generated' array`);
    }
    const attribute = predictedAttribute(record.arrays, this.headerRecord);
    return {
      index: this.snapshotFrames.length,
      iteration: record.iteration,
      time: record.time,
      metrics: record.metrics,
      views: views.map((input): SnapshotViewInfo => {
        const info = { view: input.view, dim: input.dim, nReal: input.nReal, nGenerated: input.nGenerated };
        return input.dim <= 2 ? { ...info, coordinates: planar(input.real, input.generated, input.dim) } : info;
      }),
      ...(attribute ? { generatedAttribute: attribute } : {}),
    };
  }
}

/** Names of the arrays views are made of: a one-dimensional one among them is a single column. */
const VIEW_ARRAYS = new Set(Object.values(VIEW_ARRAY_NAMES).flatMap((choices) => choices.flatMap((names) => [names.real, names.generated])));

/**
 * The discriminator's output is one number per row, written as a vector ([N]); as a view it is a
 * matrix of one column, drawn as it is.
 */
function withColumns(arrays: ArrayMap): ArrayMap {
  const reshaped: Record<string, NumericArray> = { ...arrays };
  for (const [name, array] of Object.entries(arrays)) {
    if (VIEW_ARRAYS.has(name) && array.shape.length === 1) reshaped[name] = { ...array, shape: [array.shape[0] as number, 1] };
  }
  return reshaped;
}

/**
 * Data of one or two columns as the panel draws it: x, y per row; non-finite values as NaN. One
 * column is drawn as two strips, real rows at y = 1 and generated rows at y = 0, so that the two
 * sets' values can be compared.
 */
function planar(real: Float32Array, generated: Float32Array, dim: number): number[] {
  const rows = (real.length + generated.length) / dim;
  const coordinates = new Array<number>(2 * rows);
  let row = 0;
  for (const data of [real, generated]) {
    const strip = data === real ? 1 : 0;
    for (let i = 0; i < data.length; i += dim, row++) {
      const x = data[i] as number;
      const y = dim === 2 ? (data[i + 1] as number) : strip;
      coordinates[2 * row] = Number.isFinite(x) ? x : Number.NaN;
      coordinates[2 * row + 1] = Number.isFinite(y) ? y : Number.NaN;
    }
  }
  return coordinates;
}
