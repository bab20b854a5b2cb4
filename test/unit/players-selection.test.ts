// Which snapshot the players section shows: the newest while following, else the one selected,
// read back from the stream; overlapping reads deliver only the newest request's answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlayersSelection, type PlayersSource } from '../../src/core/analysis/playersSelection';
import { isProjectionToHostMessage, type PlayersPanelView } from '../../src/protocol/projectionPanel';
import type { NumericArray, SnapshotRecord } from '../../src/protocol/stream';

const f32 = (shape: number[], values: readonly number[]): NumericArray => ({ dtype: 'float32', shape, data: Float32Array.from(values) });

/** A two-player snapshot whose player 0 sits at (iteration, iteration). */
function snapshot(iteration: number, players = 2): SnapshotRecord {
  const arrays: Record<string, NumericArray> = players > 1 ? { 'player0.generated': f32([1, 2], [iteration, iteration]), 'player1.generated': f32([1, 2], [0, 0]) } : {};
  return { type: 'snapshot', iteration, time: iteration, metrics: { players, 'player0.auction.score': iteration / 100, 'player1.auction.score': 0 }, arrays };
}

function fakeRun(records: SnapshotRecord[]) {
  const reads: number[] = [];
  const pending: { index: number; resolve: () => void }[] = [];
  let deferReads = false;
  const source: PlayersSource = {
    get frames() {
      return records.map(({ iteration, metrics }) => ({ iteration, metrics }));
    },
    get latest() {
      const index = records.length - 1;
      return index < 0 ? undefined : { index, record: records[index] as SnapshotRecord };
    },
    read: (index) => {
      reads.push(index);
      const record = records[index];
      if (!record) return Promise.reject(new Error(`no snapshot ${index}`));
      if (!deferReads) return Promise.resolve(record);
      return new Promise((resolve) => pending.push({ index, resolve: () => resolve(record) }));
    },
  };
  const shown: (PlayersPanelView | null)[] = [];
  const problems: string[] = [];
  const selection = new PlayersSelection(source, (view) => shown.push(view), (message) => problems.push(message));
  return { selection, records, reads, pending, shown, problems, defer: () => (deferReads = true) };
}

test('following, the section shows the newest snapshot from memory, and moves on with new snapshots', async () => {
  const run = fakeRun([snapshot(0), snapshot(100), snapshot(200)]);
  await run.selection.refresh();
  assert.equal(run.shown.at(-1)?.iteration, 200);
  run.records.push(snapshot(300));
  await run.selection.onNewSnapshots();
  assert.equal(run.shown.at(-1)?.iteration, 300);
  assert.deepEqual(run.reads, [], 'the newest snapshot is never read back');
});

test('a selected earlier snapshot is read back, its scores end there, and new snapshots leave it shown', async () => {
  const run = fakeRun([snapshot(0), snapshot(100), snapshot(200)]);
  await run.selection.select(1);
  const view = run.shown.at(-1);
  assert.equal(view?.iteration, 100);
  assert.deepEqual(view?.players[0]?.points, [100, 100]);
  assert.deepEqual(view?.scoreHistory.map((entry) => entry.iteration), [0, 100]);
  assert.deepEqual(run.reads, [1]);
  run.records.push(snapshot(300));
  await run.selection.onNewSnapshots();
  assert.equal(run.shown.length, 1, 'a panel looking at iteration 100 keeps it');
  await run.selection.select(null);
  assert.equal(run.shown.at(-1)?.iteration, 300, 'following again shows the newest');
  await run.selection.select(99);
  assert.equal(run.shown.at(-1)?.iteration, 300, 'an index past the end is the newest');
});

test('while the slider is dragged, only the last selection is shown', async () => {
  const run = fakeRun([snapshot(0), snapshot(100), snapshot(200), snapshot(300)]);
  run.defer();
  const first = run.selection.select(0);
  const second = run.selection.select(2);
  for (const read of [...run.pending].reverse()) read.resolve();
  await Promise.all([first, second]);
  assert.deepEqual(run.shown.map((view) => view?.iteration), [200]);
});

test('a single-player run shows no section and reads nothing; a failed read is reported, not shown', async () => {
  const single = fakeRun([snapshot(0, 1), snapshot(100, 1)]);
  await single.selection.select(0);
  assert.deepEqual(single.shown, [null]);
  assert.deepEqual(single.reads, []);

  // The stream lost the snapshot: reading it back fails.
  const records = [snapshot(0), snapshot(100)];
  const shown: (PlayersPanelView | null)[] = [];
  const problems: string[] = [];
  const broken = new PlayersSelection(
    { frames: records.map(({ iteration, metrics }) => ({ iteration, metrics })), latest: { index: 1, record: records[1] as SnapshotRecord }, read: () => Promise.reject(new Error('no snapshot at byte 42')) },
    (view) => shown.push(view),
    (message) => problems.push(message),
  );
  await broken.select(0);
  assert.deepEqual(shown, []);
  assert.deepEqual(problems, ['could not read the players of the snapshot at iteration 0: no snapshot at byte 42']);
});

test('the panel may only send a snapshot index or null as its selection', () => {
  assert.equal(isProjectionToHostMessage({ type: 'selectSnapshot', index: 3 }), true);
  assert.equal(isProjectionToHostMessage({ type: 'selectSnapshot', index: null }), true);
  for (const index of [-1, 1.5, '3', undefined, Number.MAX_VALUE]) assert.equal(isProjectionToHostMessage({ type: 'selectSnapshot', index }), false, String(index));
});
