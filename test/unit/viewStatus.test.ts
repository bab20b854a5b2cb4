import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeShown } from '../../src/core/monitor/viewStatus';
import type { SnapshotFrame, ViewFrame } from '../../src/protocol/projectionPanel';

const snapshot: SnapshotFrame = { index: 3, iteration: 300, time: 0, metrics: {}, views: [{ view: 'distribution', dim: 64, nReal: 1, nGenerated: 1 }] };
const base: ViewFrame = { view: 'distribution', snapshotIndex: 3, iteration: 300, stage: 'refined', layout: 'umap-warm', nReal: 1, nGenerated: 1, coordinates: [0, 0, 1, 1] };

test('the panel names the stage of the map it draws', () => {
  assert.equal(describeShown(undefined, snapshot, undefined).stage, 'none');
  assert.equal(describeShown('latent', snapshot, undefined).stage, 'absent');
  assert.deepEqual(describeShown('distribution', snapshot, undefined), { stage: 'projecting', text: 'projecting…' });
  const earlier = describeShown('distribution', snapshot, { frame: { ...base, snapshotIndex: 1, iteration: 1200 }, pending: true });
  assert.deepEqual(earlier, { stage: 'projecting', text: 'projecting… (showing iteration 1,200)' });
  assert.match(describeShown('distribution', snapshot, { frame: { ...base, stage: 'first', layout: 'placement' }, pending: false }).text, /^refining…/);
  assert.equal(describeShown('distribution', snapshot, { frame: { ...base, layout: 'exact' }, pending: false }).stage, 'exact');
});

test('a refined map reports trustworthiness and how far the generated points moved', () => {
  const measured = { ...base, cached: true, quality: { trustworthiness: 0.9912, trustworthinessK: 10, stabilityReal: 0, stabilityGenerated: 0.0036 } };
  const described = describeShown('distribution', snapshot, { frame: measured, pending: false });
  assert.equal(described.stage, 'refined');
  assert.equal(described.text, 'UMAP, aligned · cached · trustworthiness 0.991 (k=10) · generated moved 0.36 % of the map');
  const unmeasured = describeShown('distribution', snapshot, { frame: base, pending: false });
  assert.match(unmeasured.text, /measuring…/);
});
