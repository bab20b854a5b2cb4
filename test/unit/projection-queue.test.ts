import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LatestOnlyQueue } from '../../src/core/projection/latestOnlyQueue';

/** A job that finishes only when the test says so. */
function controllable(): { run: (job: number) => Promise<void>; started: number[]; finish: () => void } {
  const started: number[] = [];
  let release: (() => void) | undefined;
  return {
    started,
    run: (job) => {
      started.push(job);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    finish: () => release?.(),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('jobs arriving while one runs coalesce to the newest, with at most one waiting', async () => {
  const jobs = controllable();
  const dropped: number[] = [];
  const queue = new LatestOnlyQueue<number>({ run: jobs.run, onDropped: (job) => dropped.push(job) });
  queue.push(1);
  assert.equal(queue.push(2), undefined);
  assert.equal(queue.push(3), 2);
  assert.equal(queue.push(4), 3);
  assert.deepEqual(jobs.started, [1]);
  assert.equal(queue.pending, 1);
  assert.deepEqual(dropped, [2, 3]);
  jobs.finish();
  await tick();
  assert.deepEqual(jobs.started, [1, 4]);
  assert.equal(queue.pending, 0);
  jobs.finish();
  await queue.whenIdle();
  assert.equal(queue.busy, false);
});

test('a failing job is reported and the queue carries on', async () => {
  const errors: unknown[] = [];
  const ran: number[] = [];
  const queue = new LatestOnlyQueue<number>({
    run: async (job) => {
      ran.push(job);
      if (job === 1) throw new Error('boom');
    },
    onError: (error) => errors.push(error),
  });
  queue.push(1);
  queue.push(2);
  await queue.whenIdle();
  assert.deepEqual(ran, [1, 2]);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0]), /boom/);
});

test('a job that throws synchronously does not stop the queue', async () => {
  const errors: unknown[] = [];
  const queue = new LatestOnlyQueue<number>({
    run: (job) => {
      if (job === 1) throw new Error('sync');
      return Promise.resolve();
    },
    onError: (error) => errors.push(error),
  });
  queue.push(1);
  await queue.whenIdle();
  queue.push(2);
  await queue.whenIdle();
  assert.equal(errors.length, 1);
});

test('close drops the waiting job and refuses new ones', async () => {
  const jobs = controllable();
  const dropped: number[] = [];
  const queue = new LatestOnlyQueue<number>({ run: jobs.run, onDropped: (job) => dropped.push(job) });
  queue.push(1);
  queue.push(2);
  queue.close();
  assert.deepEqual(dropped, [2]);
  queue.push(3);
  jobs.finish();
  await queue.whenIdle();
  assert.deepEqual(jobs.started, [1]);
});
