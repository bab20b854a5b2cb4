import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import type { AnalysisContext } from '../../src/core/analysis/analysisContext';
import { compareMagnetSamples } from '../../src/core/analysis/magnetComparison';
import { magnetComparisonPanelView } from '../../src/core/analysis/magnetComparisonView';
import { StreamWriter } from '../../src/core/stream/writer';
import { isProjectionToHostMessage } from '../../src/protocol/projectionPanel';
import type { EventRecord, HeaderRecord, NumericArray, SnapshotRecord } from '../../src/protocol/stream';
import { sampledOutcome, waitForSampledEvent } from '../../src/vscode/magnet/sampledEvent';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-magnet-panel-'));
after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

const f32 = (values: number[], shape: number[]): NumericArray => ({ dtype: 'float32', shape, data: Float32Array.from(values) });
const header: HeaderRecord = { type: 'header', formatVersion: 1, runId: 'r', createdAt: '2024-05-01T12:00:00.000Z', config: null, trainer: { name: 't', version: '1', backend: 'cpu' } };

function sampled(request: number, arrays: Record<string, NumericArray>): EventRecord {
  return { type: 'event', kind: 'sampled', iteration: 40, time: 1, message: `drawn (request ${request})`, details: { method: 'magnet', request }, arrays };
}

test('waiting for a sample: its own sampled event, or the record saying why there is none', async () => {
  const file = path.join(tempRoot, 'wait', 'stream.gms');
  fs.mkdirSync(path.dirname(file));
  const writer = StreamWriter.create(file);
  writer.write(header);
  writer.write(sampled(1, {}));
  const from = fs.statSync(file).size;
  const waiting = waitForSampledEvent(file, from, 2, { timeoutMs: 5000, pollMs: 10 });
  writer.write({ type: 'event', kind: 'paused', iteration: 40, time: 2, message: 'paused (request 2)' });
  writer.write(sampled(2, { standard: f32([1, 2], [1, 2]) }));
  const outcome = await waiting;
  assert.equal(outcome.kind, 'sampled');
  assert.equal(outcome.kind === 'sampled' && outcome.event.details?.['request'], 2, 'an earlier request is before the offset, and never matched');
  writer.close();

  assert.deepEqual(sampledOutcome({ type: 'event', kind: 'warning', iteration: 1, time: 1, message: 'sample failed, nothing recorded: NaN (request 7)' }, 7), { kind: 'failed', message: 'sample failed, nothing recorded: NaN (request 7)' });
  assert.equal(sampledOutcome({ type: 'event', kind: 'warning', iteration: 1, time: 1, message: 'sample failed, nothing recorded: NaN (request 17)' }, 7), undefined);
  assert.deepEqual(sampledOutcome({ type: 'end', reason: 'stopped', iteration: 3, time: 1 }, 7), { kind: 'failed', message: 'training ended (stopped) before the samples were recorded' });
  assert.deepEqual(await waitForSampledEvent(file, fs.statSync(file).size, 9, { timeoutMs: 30, pollMs: 10 }), { kind: 'timeout' });
  assert.deepEqual(await waitForSampledEvent(file, 0, 9, { timeoutMs: 1000, cancelled: () => true }), { kind: 'cancelled' });
  const missing = await waitForSampledEvent(path.join(tempRoot, 'none.gms'), 0, 9, { timeoutMs: 1000 });
  assert.equal(missing.kind, 'failed');
  assert.match(missing.kind === 'failed' ? missing.message : '', /could not be read: .*ENOENT/);
});

test('the panel view carries 2-D points of both sets and the real ones, or image thumbnails', () => {
  const context: AnalysisContext = { attributes: [], trust: {}, objective: 'gan', pointsAreFeatures: true, mixture: undefined, datasetType: 'gaussian-mixture', memorizationDoesNotApply: undefined, problems: [] };
  const points = (offset: number): number[] => Array.from({ length: 14 }, (_, i) => i * 0.1 + offset + 1e-7);
  const reference: SnapshotRecord = { type: 'snapshot', iteration: 30, time: 1, metrics: {}, arrays: { real: f32(points(0), [7, 2]) } };
  const event = sampled(3, { standard: f32(points(0.01), [7, 2]), magnet: f32(points(0.02), [7, 2]) });
  const comparison = compareMagnetSamples(event, reference, context, { k: 2 });
  const view = magnetComparisonPanelView(event, comparison, reference);
  assert.equal(view.comparison, comparison);
  assert.deepEqual(view.realPoints?.slice(0, 3), [0, 0.1, 0.2]);
  assert.deepEqual(view.sets.map((set) => [set.set, set.count, set.points?.length, set.thumbnails]), [
    ['standard', 7, 14, undefined],
    ['magnet', 7, 14, undefined],
  ]);
  assert.equal(view.sets[1]?.points?.[0], 0.02, 'rounded to five decimals');

  const thumbs: NumericArray = { dtype: 'uint8', shape: [2, 1, 2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) };
  const pixels = f32(Array.from({ length: 7 * 12 }, (_, i) => i / 84), [7, 12]);
  const images = sampled(4, { standard: pixels, standardThumbs: thumbs, magnet: pixels, standardFeatures: f32(points(0), [7, 2]), magnetFeatures: f32(points(0), [7, 2]) });
  const imageReference: SnapshotRecord = { ...reference, arrays: { real: f32(Array.from({ length: 7 * 12 }, () => 0.5), [7, 12]), realFeatures: f32(points(0), [7, 2]) } };
  const imageView = magnetComparisonPanelView(images, compareMagnetSamples(images, imageReference, { ...context, pointsAreFeatures: false }, { k: 2 }), imageReference);
  assert.equal(imageView.realPoints, undefined);
  assert.deepEqual(imageView.sets[0]?.thumbnails, { count: 2, height: 1, width: 2, channels: 3, data: Array.from(thumbs.data) });
  assert.equal(imageView.sets[0]?.points, undefined);
  assert.equal(imageView.sets[1]?.thumbnails, undefined);
});

test("the panel's sample button message is accepted, and nothing else under its name", () => {
  assert.equal(isProjectionToHostMessage({ type: 'sampleUniformly' }), true);
  assert.equal(isProjectionToHostMessage({ type: 'sampleUniformlyNow' }), false);
  assert.equal(isProjectionToHostMessage({ type: 'command', command: 'sample' }), false);
});
