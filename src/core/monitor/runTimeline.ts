import type { RunPhase, RunStatusView, SnapshotFrame } from '../../protocol/projectionPanel';
import type { HeaderRecord, NumericArray, SnapshotRecord, StreamRecord } from '../../protocol/stream';

/**
 * What a monitor knows about one run, built incrementally from its stream records.
 * The stream is the source of truth: a reopened run directory rebuilds the same timeline.
 */
export class RunTimeline {
  private headerRecord: HeaderRecord | undefined;
  private readonly snapshotFrames: SnapshotFrame[] = [];
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

  /** Applies records in stream order; returns the snapshot frames they added. */
  ingest(records: readonly StreamRecord[]): SnapshotFrame[] {
    const added: SnapshotFrame[] = [];
    for (const record of records) {
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
          if (frame) {
            this.snapshotFrames.push(frame);
            added.push(frame);
          }
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
    }
    this.lastIteration = iteration;
  }

  private restart(): void {
    this.restarts += 1;
    this.snapshotFrames.length = 0;
    this.streamPhase = 'waiting';
    this.lastIteration = 0;
    this.lastMetrics = {};
    this.endMessage = undefined;
  }

  private toFrame(record: SnapshotRecord): SnapshotFrame | undefined {
    const real = record.arrays['real'];
    const generated = record.arrays['generated'];
    if (!real || !generated) {
      this.problems.push(`snapshot at iteration ${record.iteration} has no 'real' or 'generated' array`);
      return undefined;
    }
    const realPlanar = planar(real);
    const generatedPlanar = planar(generated);
    if (!realPlanar || !generatedPlanar) {
      // Only two-dimensional samples can be drawn as they are; higher dimensions need a projection.
      this.problems.push(
        `snapshot at iteration ${record.iteration} holds ${real.shape.join('×')} samples; the Projection panel draws 2-column data`,
      );
      return undefined;
    }
    return {
      index: this.snapshotFrames.length,
      iteration: record.iteration,
      time: record.time,
      real: realPlanar,
      generated: generatedPlanar,
      metrics: record.metrics,
    };
  }
}

function planar(array: NumericArray): number[] | undefined {
  if (array.shape.length !== 2 || array.shape[1] !== 2) return undefined;
  if (array.data.length !== (array.shape[0] ?? 0) * 2) return undefined;
  return Array.from(array.data, (value) => (Number.isFinite(value) ? value : Number.NaN));
}
