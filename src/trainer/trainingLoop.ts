/**
 * Iterates a training session until it completes or a stop is requested, writing a snapshot at
 * iteration 0 (so a panel has a first frame), at every multiple of `snapshot.every`, and at the
 * last iteration. It yields to the event loop between iterations so that signals, stdin closing
 * and control commands are seen within one step, and waits there while the run is paused.
 */
import type { EventRecord, SnapshotRecord, StreamRecord } from '../protocol/stream';
import type { StopSignal, StopRequest } from './stopSignal';
import type { TrainingSession } from './trainingSession';

/** Where records go; a StreamWriter in the trainer, an array in tests. */
export interface RecordSink {
  write(record: StreamRecord): unknown;
}

/** The control channel's hold on the loop (see control/trainerController.ts). */
export interface LoopControls {
  /** Awaited before every step; a paused run waits here until resumed or stopped. */
  beforeStep(): Promise<void>;
}

export interface TrainingLoopOptions {
  readonly session: Pick<TrainingSession, 'step' | 'snapshot'>;
  readonly sink: RecordSink;
  readonly stop: Pick<StopSignal, 'requested'>;
  readonly maxIterations: number;
  /** A function when it can change during the run (the control channel's `set`); read after every step. */
  readonly snapshotEvery: number | (() => number);
  /** Iterations already done: a resumed run continues from its checkpoint's iteration and writes no snapshot before its first step. */
  readonly startIteration?: number;
  readonly controls?: LoopControls;
  readonly clock?: () => number;
  /** Called after each snapshot is written (the CLI prints a progress line). */
  readonly onSnapshot?: (snapshot: SnapshotRecord) => void;
}

export interface TrainingLoopResult {
  /** Iterations completed. */
  readonly iteration: number;
  /** Set when the loop ended because a stop was requested. */
  readonly stoppedBy: StopRequest | undefined;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runTrainingLoop(options: TrainingLoopOptions): Promise<TrainingLoopResult> {
  const { session, sink, stop, maxIterations, controls } = options;
  const snapshotEvery = typeof options.snapshotEvery === 'number' ? () => options.snapshotEvery as number : options.snapshotEvery;
  const clock = options.clock ?? Date.now;
  const writeSnapshot = (iteration: number): void => {
    const snapshot = session.snapshot(iteration, clock());
    sink.write(snapshot);
    options.onSnapshot?.(snapshot);
  };

  let iteration = options.startIteration ?? 0;
  let lastSnapshotIteration = iteration;
  if (iteration === 0) writeSnapshot(0);
  for (;;) {
    await yieldToEventLoop();
    await controls?.beforeStep();
    const stoppedBy = stop.requested;
    if (stoppedBy || iteration >= maxIterations) {
      if (stoppedBy) {
        const event: EventRecord = { type: 'event', kind: 'stopping', iteration, time: clock(), message: `stop requested (${stoppedBy.cause})` };
        sink.write(event);
      }
      if (iteration !== lastSnapshotIteration) writeSnapshot(iteration);
      return { iteration, stoppedBy };
    }
    session.step();
    iteration++;
    if (iteration % snapshotEvery() === 0) {
      writeSnapshot(iteration);
      lastSnapshotIteration = iteration;
    }
  }
}
