import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunTimeline } from '../../src/core/monitor/runTimeline';
import type { SnapshotFrame } from '../../src/protocol/projectionPanel';
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

/** The coordinates a frame's view is drawn with as is (2-D data), real rows first. */
function drawn(frame: SnapshotFrame | undefined, view = 'distribution'): readonly number[] | undefined {
  return frame?.views.find((info) => info.view === view)?.coordinates;
}

test('snapshots become frames in order; 2-D views carry their coordinates, real rows first', () => {
  const timeline = new RunTimeline();
  const added = timeline.ingest([header, snapshot(0, 5), snapshot(100, 6)], [8, 8, 120]);
  assert.equal(added.length, 2);
  assert.deepEqual(added.map((frame) => [frame.index, frame.iteration]), [[0, 0], [1, 100]]);
  const coordinates = drawn(added[1]);
  assert.deepEqual(coordinates?.slice(0, 5), [1, 2, 3, 4, 6]);
  assert.ok(Number.isNaN(coordinates?.[6]));
  assert.deepEqual(added[1]?.views.map((info) => [info.view, info.dim, info.nReal, info.nGenerated]), [['distribution', 2, 2, 2]]);
  assert.equal(timeline.offsetOf(1), 120, 'the stream offset of each snapshot is kept');
  assert.equal(timeline.iteration, 100);
});

test('wide views are listed without coordinates (they are projected); one-column views are drawn as strips', () => {
  const timeline = new RunTimeline();
  const wide: SnapshotRecord = {
    type: 'snapshot',
    iteration: 10,
    time: 0,
    metrics: {},
    arrays: {
      real: matrix([[1, 2], [3, 4]]),
      generated: matrix([[5, 6], [7, 8]]),
      realFeatures: matrix([[1, 2, 3], [4, 5, 6]]),
      generatedFeatures: matrix([[7, 8, 9], [1, 1, 1]]),
      latent: matrix([[0.5], [-1]]),
      generatedPredictions: { dtype: 'int32', shape: [2, 1], data: Int32Array.from([2, 7]) },
      discriminatorReal: { dtype: 'float32', shape: [2], data: Float32Array.from([3, 4]) },
      discriminatorGenerated: { dtype: 'float32', shape: [2], data: Float32Array.from([-1, -2]) },
    },
  };
  const [frame] = timeline.ingest([header, wide]);
  const distribution = frame?.views.find((info) => info.view === 'distribution');
  assert.equal(distribution?.dim, 3, 'evaluator features win over raw samples');
  assert.equal(distribution?.coordinates, undefined);
  assert.deepEqual(drawn(frame, 'latent'), [0.5, 0, -1, 0]);
  assert.deepEqual(drawn(frame, 'discriminator'), [3, 1, 4, 1, -1, 0, -2, 0], "the discriminator's outputs: real rows at y = 1, generated at y = 0");
  assert.deepEqual(frame?.generatedAttribute, { name: 'attribute', values: ['0', '1', '2', '3', '4', '5', '6', '7'], indices: [2, 7] });
  assert.deepEqual(timeline.frameProblems, []);
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

test('a snapshot without usable views is kept for its metrics and its problem reported', () => {
  const timeline = new RunTimeline();
  const mismatched: SnapshotRecord = {
    type: 'snapshot',
    iteration: 10,
    time: 0,
    metrics: { lossD: 1 },
    arrays: { real: matrix([[1, 2, 3]]), generated: matrix([[1, 2]]) },
  };
  const missing: SnapshotRecord = { type: 'snapshot', iteration: 20, time: 0, metrics: {}, arrays: {} };
  const added = timeline.ingest([header, mismatched, missing]);
  assert.deepEqual(added.map((frame) => frame.views.length), [0, 0]);
  assert.equal(added[0]?.metrics['lossD'], 1);
  assert.equal(timeline.frameProblems.length, 2);
  assert.match(timeline.frameProblems[0] ?? '', /iteration 10: distribution: real has 3 columns but generated has 2/);
  assert.match(timeline.frameProblems[1] ?? '', /no 'real' or 'generated'/);
});

test('a second header (the stream started over) clears what was shown and counts a new generation', () => {
  const timeline = new RunTimeline();
  timeline.ingest([header, snapshot(0, 1), snapshot(100, 2), { type: 'end', reason: 'completed', iteration: 100, time: 3 }]);
  assert.equal(timeline.generation, 0);
  const added = timeline.ingest([{ ...header, runId: 'r2' }, snapshot(0, 9)]);
  assert.equal(timeline.generation, 1);
  assert.deepEqual(timeline.frames.map((frame) => frame.index), [0]);
  assert.equal(drawn(added[0])?.[4], 9);
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
