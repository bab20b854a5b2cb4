import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProjectionBacklog } from '../../src/core/monitor/projectionBacklog';

/** Runs the backlog the way the host does: take, start, complete, until it says stop. */
function drain(backlog: ProjectionBacklog, backfill: boolean): number[] {
  const order: number[] = [];
  for (let index = backlog.next(backfill); index !== undefined; index = backlog.next(backfill)) {
    backlog.start(index);
    backlog.complete(index);
    order.push(index);
  }
  return order;
}

test('while training, only the newest snapshot is projected: those passed over wait', () => {
  const backlog = new ProjectionBacklog();
  backlog.add(0);
  assert.equal(backlog.next(false), 0);
  backlog.start(0);
  // Three snapshots arrive while 0 is projected: only the newest goes next.
  backlog.add(1);
  backlog.add(2);
  backlog.add(3);
  backlog.complete(0);
  assert.deepEqual(drain(backlog, false), [3]);
  assert.equal(backlog.size, 2, 'the coalesced snapshots are remembered');
  backlog.add(4);
  assert.deepEqual(drain(backlog, false), [4]);
});

test('once the run is not training, waiting snapshots are projected oldest first, each after its predecessor', () => {
  const backlog = new ProjectionBacklog();
  for (const index of [0, 1, 2, 3]) backlog.add(index);
  backlog.start(3);
  backlog.complete(3);
  assert.deepEqual(drain(backlog, false), [], 'while training, nothing older than the newest started');
  assert.deepEqual(drain(backlog, true), [0, 1, 2]);
  assert.equal(backlog.next(true), undefined);
});

test('a snapshot completed elsewhere (cached) is not projected; clear forgets everything', () => {
  const backlog = new ProjectionBacklog();
  backlog.add(5);
  backlog.add(6);
  backlog.complete(6);
  assert.deepEqual(drain(backlog, false), [5]);
  backlog.add(2);
  assert.equal(backlog.next(false), undefined, 'older than what was already projected: waits for backfill');
  backlog.clear();
  backlog.add(2);
  assert.equal(backlog.next(false), 2, 'after a restart index 2 is the newest again');
});
