import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SnapshotRecord, StreamRecord } from '../../src/protocol/stream';
import type { StopRequest } from '../../src/trainer/stopSignal';
import { runTrainingLoop } from '../../src/trainer/trainingLoop';

/** Counts steps and makes minimal snapshots, so the loop's cadence is what is tested. */
class CountingSession {
  steps = 0;
  snapshot(iteration: number, time: number): SnapshotRecord {
    return { type: 'snapshot', iteration, time, metrics: { steps: this.steps }, arrays: {} };
  }
  step(): void {
    this.steps++;
  }
}

function kinds(records: readonly StreamRecord[]): string[] {
  return records.map((record) => (record.type === 'snapshot' ? `snapshot@${record.iteration}` : record.type === 'event' ? `${record.kind}@${record.iteration}` : record.type));
}

test('snapshots at iteration 0, every N iterations and at the last one', async () => {
  const session = new CountingSession();
  const records: StreamRecord[] = [];
  const result = await runTrainingLoop({ session, sink: { write: (r) => records.push(r) }, stop: { requested: undefined }, maxIterations: 25, snapshotEvery: 10 });
  assert.deepEqual(kinds(records), ['snapshot@0', 'snapshot@10', 'snapshot@20', 'snapshot@25']);
  assert.equal(session.steps, 25);
  assert.deepEqual(result, { iteration: 25, stoppedBy: undefined });
});

test('no duplicate final snapshot when the last iteration is a multiple of every', async () => {
  const records: StreamRecord[] = [];
  await runTrainingLoop({ session: new CountingSession(), sink: { write: (r) => records.push(r) }, stop: { requested: undefined }, maxIterations: 20, snapshotEvery: 10 });
  assert.deepEqual(kinds(records), ['snapshot@0', 'snapshot@10', 'snapshot@20']);
});

test('a stop requested while training ends on a whole step with a stopping event and a final snapshot', async () => {
  const session = new CountingSession();
  const records: StreamRecord[] = [];
  const stop: { requested: StopRequest | undefined } = { requested: undefined };
  const original = session.step.bind(session);
  session.step = () => {
    original();
    if (session.steps === 13) stop.requested = { cause: 'SIGTERM' };
  };
  const result = await runTrainingLoop({ session, sink: { write: (r) => records.push(r) }, stop, maxIterations: 1000, snapshotEvery: 5, clock: () => 42 });
  assert.deepEqual(result, { iteration: 13, stoppedBy: { cause: 'SIGTERM' } });
  assert.deepEqual(kinds(records), ['snapshot@0', 'snapshot@5', 'snapshot@10', 'stopping@13', 'snapshot@13']);
  const stopping = records[3];
  assert.ok(stopping?.type === 'event' && stopping.message?.includes('SIGTERM'));
});

test('the loop yields to the event loop between iterations, so a timer can request a stop', async () => {
  const session = new CountingSession();
  const stop: { requested: StopRequest | undefined } = { requested: undefined };
  setTimeout(() => (stop.requested = { cause: 'timer' }), 20);
  const slowStep = session.step.bind(session);
  session.step = () => {
    const until = Date.now() + 2;
    while (Date.now() < until);
    slowStep();
  };
  const result = await runTrainingLoop({ session, sink: { write: () => undefined }, stop, maxIterations: 1e9, snapshotEvery: 1000 });
  assert.equal(result.stoppedBy?.cause, 'timer');
  assert.ok(result.iteration > 0 && result.iteration < 200, `stopped after ${result.iteration} iterations`);
});
