/**
 * The share of training wall time that snapshots cost at the config's interval, measured inside
 * the trainer's real loop (runTrainingLoop writing to a real StreamWriter): the time spent in
 * capturing snapshots (generating from the latent bank, evaluating the generated samples, copying losses) and in encoding + appending
 * them, over the loop's wall time. The snapshot at iteration 0 comes before any step, so timing
 * starts after it: what is left is the steady state of N steps plus one snapshot, repeated.
 */
import * as path from 'node:path';
import type { ExperimentConfig } from '../../src/core/config/types';
import { StreamWriter } from '../../src/core/stream/writer';
import type { StreamRecord } from '../../src/protocol/stream';
import type { Tf } from '../../src/trainer/tf';
import { runTrainingLoop } from '../../src/trainer/trainingLoop';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { median, type Clock } from '../timing';

export interface SnapshotOverhead {
  /** Per cent of wall time after the first snapshot. */
  readonly percent: number;
  readonly snapshotsTimed: number;
  readonly medianSnapshotMs: number;
  readonly wallMs: number;
}

const WARMUP_STEPS = 20;

export async function measureSnapshotOverhead(tf: Tf, config: ExperimentConfig, iterations: number, dir: string, clock: Clock): Promise<SnapshotOverhead> {
  const session = new TrainingSession(tf, config, Date.now());
  // Snapshots carry the evaluator's arrays, as in a real run (ring8: the coordinate evaluator, no network).
  await session.prepareEvaluator({ seed: config.seed });
  const writer = StreamWriter.create(path.join(dir, 'overhead.gms'));
  try {
    // Warm both paths so neither the steps nor the first timed snapshot pay one-off set-up costs.
    for (let i = 0; i < WARMUP_STEPS; i++) session.step();
    session.snapshot(0, Date.now());

    const snapshotMs: number[] = [];
    let pending = 0;
    let timedFrom: number | undefined;
    await runTrainingLoop({
      session: {
        step: () => session.step(),
        snapshot: (iteration, time) => {
          const start = clock();
          const record = session.snapshot(iteration, time);
          pending += clock() - start;
          return record;
        },
      },
      sink: {
        write: (record: StreamRecord) => {
          const start = clock();
          const bytes = writer.write(record);
          pending += clock() - start;
          return bytes;
        },
      },
      stop: { requested: undefined },
      maxIterations: iterations,
      snapshotEvery: config.snapshot.every,
      onSnapshot: (snapshot) => {
        if (snapshot.iteration === 0) timedFrom = clock();
        else snapshotMs.push(pending);
        pending = 0;
      },
    });
    const end = clock();
    if (timedFrom === undefined || snapshotMs.length === 0) throw new Error(`no snapshot was timed in ${iterations} iterations (every ${config.snapshot.every})`);
    const wallMs = end - timedFrom;
    const total = snapshotMs.reduce((sum, ms) => sum + ms, 0);
    return { percent: (100 * total) / wallMs, snapshotsTimed: snapshotMs.length, medianSnapshotMs: median(snapshotMs), wallMs };
  } finally {
    writer.close();
    session.dispose();
  }
}
