import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactFrames, projectedViews, ViewFrameTable } from '../../src/core/monitor/viewFrameTable';
import type { SnapshotFrame, ViewFrame } from '../../src/protocol/projectionPanel';

function frame(snapshotIndex: number, stage: 'first' | 'refined', x = snapshotIndex): ViewFrame {
  return { view: 'distribution', snapshotIndex, iteration: 100 * snapshotIndex, stage, layout: stage === 'first' ? 'placement' : 'umap-warm', nReal: 1, nGenerated: 1, coordinates: [x, 0, x, 1] };
}

const quality = { trustworthiness: 0.98, trustworthinessK: 10, stabilityReal: 0, stabilityGenerated: 0.01 };

test('a refined frame replaces the first one and is never replaced by a late first frame', () => {
  const table = new ViewFrameTable();
  assert.ok(table.put(frame(0, 'first', 1)));
  assert.equal(table.isRefined('distribution', 0), false);
  assert.ok(table.put(frame(0, 'refined', 2)));
  assert.equal(table.put(frame(0, 'first', 3)), false);
  assert.equal(table.get('distribution', 0)?.coordinates[0], 2);
  assert.ok(table.isRefined('distribution', 0));
});

test('quality attaches to the stored frame and survives a refined frame of the same map arriving again', () => {
  const table = new ViewFrameTable();
  assert.equal(table.setQuality('distribution', 0, quality), undefined, 'no frame, nothing to attach to');
  table.put(frame(0, 'refined'));
  assert.equal(table.setQuality('distribution', 0, quality)?.quality?.trustworthiness, 0.98);
  table.put(frame(0, 'refined', 5));
  assert.equal(table.get('distribution', 0)?.quality?.trustworthiness, 0.98);
  assert.equal(table.get('distribution', 0)?.coordinates[0], 5);
});

test('a snapshot still projecting shows the nearest earlier frame, marked pending', () => {
  const table = new ViewFrameTable();
  assert.equal(table.shown('distribution', 3), undefined);
  table.put(frame(0, 'refined'));
  table.put(frame(2, 'first'));
  assert.deepEqual(pick(table.shown('distribution', 2)), [2, false]);
  assert.deepEqual(pick(table.shown('distribution', 5)), [2, true]);
  assert.deepEqual(pick(table.shown('distribution', 1)), [0, true]);
  assert.equal(table.shown('latent', 1), undefined, 'views are separate');
  assert.equal(table.refinedBefore('distribution', 5)?.snapshotIndex, 0, 'a first frame is no map to continue from');
  assert.equal(table.refinedBefore('distribution', 0), undefined);
  assert.deepEqual(table.frames('distribution').map((f) => f.snapshotIndex), [0, 2]);
  table.clear();
  assert.deepEqual(table.all(), []);
});

test('2-D views become exact frames; wider ones are left to the projection', () => {
  const snapshot: SnapshotFrame = {
    index: 4,
    iteration: 400,
    time: 0,
    metrics: {},
    views: [
      { view: 'distribution', dim: 64, nReal: 2, nGenerated: 2 },
      { view: 'latent', dim: 2, nReal: 0, nGenerated: 2, coordinates: [1, 2, 3, 4] },
    ],
  };
  const [latent, ...rest] = exactFrames(snapshot);
  assert.deepEqual(rest, []);
  assert.equal(latent?.view, 'latent');
  assert.equal(latent?.stage, 'refined');
  assert.equal(latent?.layout, 'exact');
  assert.equal(latent?.snapshotIndex, 4);
  assert.equal(latent?.quality?.trustworthiness, 1);
  assert.deepEqual(projectedViews(snapshot), ['distribution']);
});

function pick(shown: ReturnType<ViewFrameTable['shown']>): [number, boolean] | undefined {
  return shown ? [shown.frame.snapshotIndex, shown.pending] : undefined;
}
