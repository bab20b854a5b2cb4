import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunTimeline } from '../../src/core/monitor/runTimeline';
import type { HeaderRecord, NumericArray, SnapshotRecord, StreamRecord } from '../../src/protocol/stream';

const header: HeaderRecord = {
  type: 'header',
  formatVersion: 1,
  runId: 'r1',
  createdAt: '2026-11-22T00:00:00Z',
  config: { training: { maxIterations: 300 } },
  trainer: { name: 'genmon', version: '0.1.0', backend: 'wasm' },
};

function matrix(rows: number[][]): NumericArray {
  return { dtype: 'float32', shape: [rows.length, rows[0]?.length ?? 0], data: Float32Array.from(rows.flat()) };
}

function snapshot(iteration: number, generatedX: number): SnapshotRecord {
  return {
    type: 'snapshot',
    iteration,
    time: 1000 + iteration,
    metrics: { lossD: 1.2, lossG: 0.7, stepsPerSecond: 80 },
    arrays: { real: matrix([[1, 2], [3, 4]]), generated: matrix([[generatedX, 0], [Number.NaN, 1]]) },
  };
}

test('snapshots become frames in order, with flattened 2D coordinates', () => {
  const timeline = new RunTimeline();
  const added = timeline.ingest([header, snapshot(0, 5), snapshot(100, 6)]);
  assert.equal(added.length, 2);
  assert.deepEqual(added.map((frame) => [frame.index, frame.iteration]), [[0, 0], [1, 100]]);
  assert.deepEqual(added[1]?.real, [1, 2, 3, 4]);
  assert.equal(added[1]?.generated[0], 6);
  assert.ok(Number.isNaN(added[1]?.generated[2]));
  assert.equal(timeline.iteration, 100);
});

test('status follows the stream: running after the header, the end reason after the end record', () => {
  const timeline = new RunTimeline();
  assert.equal(timeline.status('ring8').phase, 'waiting');
  timeline.ingest([header, snapshot(0, 1)]);
  const running = timeline.status('ring8');
  assert.equal(running.phase, 'running');
  assert.equal(running.maxIterations, 300);
  assert.equal(running.backend, 'wasm');
  assert.equal(running.stepsPerSecond, 80);
  timeline.ingest([{ type: 'event', kind: 'stopping', iteration: 150, time: 1 }]);
  assert.equal(timeline.status('ring8').phase, 'stopping');
  const end: StreamRecord = { type: 'end', reason: 'stopped', iteration: 150, time: 2, message: 'stopped by user' };
  timeline.ingest([end]);
  const stopped = timeline.status('ring8', 'running');
  assert.equal(stopped.phase, 'stopped', 'an end record wins over what the process says');
  assert.equal(stopped.iteration, 150);
  assert.equal(stopped.message, 'stopped by user');
});

test('a snapshot the panel cannot draw is reported, not shown', () => {
  const timeline = new RunTimeline();
  const wide: SnapshotRecord = {
    type: 'snapshot',
    iteration: 10,
    time: 0,
    metrics: {},
    arrays: { real: matrix([[1, 2, 3]]), generated: matrix([[1, 2, 3]]) },
  };
  const missing: SnapshotRecord = { type: 'snapshot', iteration: 20, time: 0, metrics: {}, arrays: {} };
  assert.deepEqual(timeline.ingest([header, wide, missing]), []);
  assert.equal(timeline.frameProblems.length, 2);
  assert.match(timeline.frameProblems[0] ?? '', /1×3/);
  assert.match(timeline.frameProblems[1] ?? '', /no 'real' or 'generated'/);
});

test('a second header (the stream started over) clears what was shown and counts a new generation', () => {
  const timeline = new RunTimeline();
  timeline.ingest([header, snapshot(0, 1), snapshot(100, 2), { type: 'end', reason: 'completed', iteration: 100, time: 3 }]);
  assert.equal(timeline.generation, 0);
  const added = timeline.ingest([{ ...header, runId: 'r2' }, snapshot(0, 9)]);
  assert.equal(timeline.generation, 1);
  assert.deepEqual(timeline.frames.map((frame) => frame.index), [0]);
  assert.equal(added[0]?.generated[0], 9);
  assert.equal(timeline.status('ring8').phase, 'running');
});

test('pause and unpause events move the phase; a resumed run drops snapshots past its checkpoint', () => {
  const timeline = new RunTimeline();
  timeline.ingest([header, snapshot(0, 1), snapshot(100, 2)]);
  timeline.ingest([{ type: 'event', kind: 'paused', iteration: 150, time: 1 }]);
  assert.equal(timeline.status('ring8').phase, 'paused');
  timeline.ingest([{ type: 'event', kind: 'unpaused', iteration: 150, time: 2 }, snapshot(200, 3)]);
  assert.equal(timeline.status('ring8').phase, 'running');
  timeline.ingest([{ type: 'end', reason: 'stopped', iteration: 230, time: 4 }]);
  assert.equal(timeline.phase, 'stopped');

  // Resumed from the checkpoint at 100: the snapshot at 200 is superseded.
  const generation = timeline.generation;
  timeline.ingest([{ type: 'event', kind: 'resumed', iteration: 100, time: 5 }]);
  assert.equal(timeline.phase, 'running');
  assert.equal(timeline.generation, generation + 1);
  assert.deepEqual(timeline.frames.map((frame) => frame.iteration), [0, 100]);
  const added = timeline.ingest([snapshot(200, 7)]);
  assert.equal(added[0]?.index, 2);
  assert.equal(timeline.iteration, 200);
});

test('resuming where the run stopped keeps every frame and the panel need not redraw', () => {
  const timeline = new RunTimeline();
  timeline.ingest([header, snapshot(0, 1), snapshot(100, 2), { type: 'end', reason: 'stopped', iteration: 100, time: 3 }]);
  timeline.ingest([{ type: 'event', kind: 'resumed', iteration: 100, time: 4 }]);
  assert.equal(timeline.generation, 0);
  assert.equal(timeline.frames.length, 2);
  assert.equal(timeline.phase, 'running');
});
