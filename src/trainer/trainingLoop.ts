/**
 * Iterates a training session until it completes or a stop is requested, writing a snapshot at
 * iteration 0 (so a panel has a first frame), every `snapshot.every` iterations, and at the last
 * iteration. It yields to the event loop between iterations so that signals and stdin closing are
 * seen within one step.
 */
import type { EventRecord, SnapshotRecord, StreamRecord } from '../protocol/stream';
import type { StopSignal, StopRequest } from './stopSignal';
import type { TrainingSession } from './trainingSession';

/** Where records go; a StreamWriter in the trainer, an array in tests. */
export interface RecordSink {
  write(record: StreamRecord): unknown;
}

export interface TrainingLoopOptions {
  readonly session: Pick<TrainingSession, 'step' | 'snapshot'>;
  readonly sink: RecordSink;
  readonly stop: Pick<StopSignal, 'requested'>;
  readonly maxIterations: number;
  readonly snapshotEvery: number;
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
  const { session, sink, stop, maxIterations, snapshotEvery } = options;
  const clock = options.clock ?? Date.now;
  const writeSnapshot = (iteration: number): void => {
    const snapshot = session.snapshot(iteration, clock());
    sink.write(snapshot);
    options.onSnapshot?.(snapshot);
  };

  let iteration = 0;
  let lastSnapshotIteration = 0;
  writeSnapshot(0);
  for (;;) {
    await yieldToEventLoop();
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
    if (iteration % snapshotEvery === 0) {
      writeSnapshot(iteration);
      lastSnapshotIteration = iteration;
    }
  }
}
