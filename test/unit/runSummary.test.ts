import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeRun } from '../../src/core/run/summary';
import type { HeaderRecord, SnapshotRecord, StreamRecord } from '../../src/protocol/stream';

const header: HeaderRecord = {
  type: 'header',
  formatVersion: 1,
  runId: '20260101-120000-ab12',
  createdAt: '2026-01-01T12:00:00.000Z',
  config: { name: 'ring8' },
  configPath: '/w/ring8.genmon.yaml',
  trainer: { name: 'genmon-trainer', version: '0.1.0', backend: 'wasm', backendReason: 'auto' },
};

function snapshot(iteration: number, lossD: number): SnapshotRecord {
  return { type: 'snapshot', iteration, time: iteration, metrics: { lossD }, arrays: {} };
}

const trained: StreamRecord[] = [
  header,
  { type: 'event', kind: 'started', iteration: 0, time: 0, message: 'backend wasm' },
  snapshot(0, NaN),
  snapshot(100, 1.3),
  snapshot(200, 1.1),
];

test('a completed run: header facts, snapshot count, iteration range, last metrics, events', () => {
  const summary = summarizeRun([...trained, { type: 'end', reason: 'completed', iteration: 200, time: 9 }], [], { trainerAlive: false });
  assert.equal(summary.runId, header.runId);
  assert.equal(summary.formatVersion, 1);
  assert.equal(summary.createdAt, header.createdAt);
  assert.deepEqual(summary.config, { name: 'ring8' });
  assert.equal(summary.configPath, header.configPath);
  assert.equal(summary.trainer?.backend, 'wasm');
  assert.equal(summary.snapshots, 3);
  assert.deepEqual(summary.iterations, { first: 0, last: 200 });
  assert.deepEqual(summary.lastMetrics, { lossD: 1.1 });
  assert.equal(summary.state, 'completed');
  assert.deepEqual(summary.end, { reason: 'completed', iteration: 200 });
  assert.deepEqual(summary.events, [{ kind: 'started', iteration: 0, message: 'backend wasm' }]);
});

test('the end record decides the state whether or not a trainer is alive', () => {
  for (const reason of ['completed', 'stopped', 'error'] as const) {
    const records: StreamRecord[] = [...trained, { type: 'end', reason, iteration: 200, time: 9, message: 'why' }];
    assert.equal(summarizeRun(records, [], { trainerAlive: true }).state, reason);
    assert.deepEqual(summarizeRun(records, [], { trainerAlive: false }).end, { reason, iteration: 200, message: 'why' });
  }
});

test('without an end record the run is running if its trainer is alive, else interrupted', () => {
  assert.equal(summarizeRun(trained, [], { trainerAlive: true }).state, 'running');
  assert.equal(summarizeRun(trained, [], { trainerAlive: false }).state, 'interrupted');
});

test('an empty stream (no header yet) summarises without facts rather than failing', () => {
  const summary = summarizeRun([], [{ offset: 8, message: 'bad frame' }], { trainerAlive: false });
  assert.equal(summary.runId, undefined);
  assert.equal(summary.trainer, undefined);
  assert.equal(summary.snapshots, 0);
  assert.equal(summary.iterations, null);
  assert.equal(summary.lastMetrics, null);
  assert.equal(summary.state, 'interrupted');
  assert.deepEqual(summary.streamErrors, [{ offset: 8, message: 'bad frame' }]);
});
