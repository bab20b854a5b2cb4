import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeViewInputProblem, describeWorkerRequestProblem, isProjectionWorkerToHost } from '../../src/protocol/projection';
import { snapshotViews } from '../../src/core/projection/snapshotViews';
import type { NumericArray } from '../../src/protocol/stream';
import { isProjectionToHostMessage } from '../../src/protocol/projectionPanel';

const good = { view: 'distribution', dim: 2, nReal: 1, real: Float32Array.from([0, 1]), nGenerated: 1, generated: Float32Array.from([2, 3]) };

test('view inputs are validated for shape, type and finiteness', () => {
  assert.equal(describeViewInputProblem(good), null);
  assert.match(describeViewInputProblem({ ...good, view: 'other' }) ?? '', /unknown view/);
  assert.match(describeViewInputProblem({ ...good, generated: Float32Array.from([2, NaN]) }) ?? '', /non-finite value at element 1/);
  assert.match(describeViewInputProblem({ ...good, nGenerated: 0, generated: new Float32Array(0) }) ?? '', /at least two points/);
  assert.match(describeViewInputProblem({ ...good, dim: 1.5 }) ?? '', /dim/);
  assert.match(describeWorkerRequestProblem({ type: 'project', job: { jobId: 1, iteration: 1, views: [] } }) ?? '', /no views/);
  assert.equal(describeWorkerRequestProblem({ type: 'project', job: { jobId: 1, iteration: 1, views: [good] } }), null);
});

test('worker messages are recognised only when well formed', () => {
  const frame = { kind: 'frame', view: 'latent', iteration: 3, stage: 'first', layout: 'pca', nReal: 0, nGenerated: 2, coordinates: new Float32Array(4), timings: { elapsedMs: 1 } };
  assert.ok(isProjectionWorkerToHost({ type: 'event', jobId: 1, event: frame }));
  assert.ok(!isProjectionWorkerToHost({ type: 'event', jobId: 1, event: { ...frame, coordinates: new Float32Array(3) } }));
  assert.ok(!isProjectionWorkerToHost({ type: 'event', jobId: -1, event: frame }));
  assert.ok(isProjectionWorkerToHost({ type: 'error', jobId: null, message: 'x' }));
  assert.ok(!isProjectionWorkerToHost({ type: 'done' }));
  assert.ok(!isProjectionWorkerToHost('ready'));
});

function matrix(rows: number, columns: number, dtype: NumericArray['dtype'] = 'float32'): NumericArray {
  const data = dtype === 'float32' ? new Float32Array(rows * columns) : new Int32Array(rows * columns);
  return { dtype, shape: [rows, columns], data };
}

test('snapshot arrays map to views, preferring evaluator features, and bad arrays are named', () => {
  const raw = snapshotViews({ real: matrix(5, 2), generated: matrix(4, 2), latent: matrix(4, 3) });
  assert.deepEqual(raw.views.map((v) => [v.view, v.nReal, v.nGenerated, v.dim]), [['distribution', 5, 4, 2], ['latent', 0, 4, 3]]);
  const features = snapshotViews({ real: matrix(5, 2), generated: matrix(4, 2), realFeatures: matrix(5, 64), generatedFeatures: matrix(4, 64), discriminatorReal: matrix(5, 8), discriminatorGenerated: matrix(4, 8) });
  assert.deepEqual(features.views.map((v) => [v.view, v.dim]), [['distribution', 64], ['discriminator', 8]]);
  const bad = snapshotViews({ real: matrix(5, 2), generated: matrix(4, 3), latent: matrix(4, 3, 'int32') });
  assert.deepEqual(bad.views, []);
  assert.deepEqual(bad.problems, ['distribution: real has 2 columns but generated has 3', 'latent: latent is int32, expected float32']);
});

test("the panel's buttons send the commands the host maps to genmon commands, and nothing else passes as one", () => {
  for (const command of ['start', 'pause', 'resume', 'stop', 'augment']) assert.equal(isProjectionToHostMessage({ type: 'command', command }), true, command);
  for (const command of ['augmentData', 'delete', '', 42]) assert.equal(isProjectionToHostMessage({ type: 'command', command }), false, String(command));
});
