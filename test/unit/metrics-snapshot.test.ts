import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricsSnapshot } from '../../bench/groups/metricsData';
import { computeSnapshotMetrics, ReferenceCache } from '../../src/core/metrics/computeSnapshotMetrics';

test('computeSnapshotMetrics runs every family it has inputs for and returns plain JSON', () => {
  const data = metricsSnapshot(300, 300, 100, 16, 5);
  const previous = Float32Array.from(data.features.generated, (v) => v + 0.5);
  const metrics = computeSnapshotMetrics({
    iteration: 1200,
    features: data.features,
    attributes: data.attributes,
    mixture: { points: Float32Array.from([0, 0, 1, 0]), centres: [[0, 0], [1, 0]], sigma: 0.1 },
    probes: [{ feature: 'numerosity', training: [1, 2, 2], generated: [2, 2, 3] }],
    health: { lossD: [0.5, 0.4], lossG: [1, 1], generated: data.features.generated, previousGenerated: previous, generatedDim: 16 },
  }, { minGroupSamples: 10 });
  assert.deepEqual(metrics.skipped, []);
  assert.equal(metrics.iteration, 1200);
  assert.ok(metrics.frechet && metrics.frechet.overall !== null && metrics.frechet.overall > 0);
  assert.equal(metrics.frechet.groups.length, 3 + 3 + 9);
  assert.ok(metrics.prdc && metrics.prdc.precision > 0.5);
  assert.ok(metrics.memorization && metrics.memorization.reference === 'held-out');
  assert.ok(metrics.groupShares && metrics.groupShares.distances.length === 3);
  assert.equal(metrics.mixture?.modesCovered, 2);
  assert.equal(metrics.probes?.[0]?.generatedMode, 2);
  assert.ok((metrics.health?.generatorChange ?? 0) > 0);
  // Plain JSON: it survives a round trip unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(metrics)), metrics);
});

test('a family with bad input is skipped with the reason; the others still run', () => {
  const data = metricsSnapshot(100, 100, 0, 8, 6);
  const generated = Float32Array.from(data.features.generated);
  generated[17] = NaN;
  const metrics = computeSnapshotMetrics({
    iteration: 5,
    features: { ...data.features, generated, heldOut: undefined },
    attributes: { ...data.attributes, generatedPredictions: { shape: data.attributes.generatedPredictions.shape as Int32Array } },
    health: { lossD: [NaN] },
  });
  const families = metrics.skipped.map((s) => s.family).sort();
  assert.deepEqual(families, ['frechet', 'groupShares', 'memorization', 'prdc']);
  assert.match(metrics.skipped.find((s) => s.family === 'prdc')?.reason ?? '', /generated features contain NaN/);
  assert.match(metrics.skipped.find((s) => s.family === 'groupShares')?.reason ?? '', /no labels for attribute 'colour'/);
  assert.equal(metrics.health?.nonFiniteLosses, 1);
});

test('a reference cache gives the same metrics as a fresh computation', () => {
  const data = metricsSnapshot(200, 200, 50, 8, 7);
  const cache = new ReferenceCache();
  const input = { iteration: 1, features: data.features, attributes: data.attributes };
  const first = computeSnapshotMetrics(input, { minGroupSamples: 10 }, cache);
  const second = computeSnapshotMetrics({ ...input, iteration: 2 }, { minGroupSamples: 10 }, cache);
  const fresh = computeSnapshotMetrics({ ...input, iteration: 2 }, { minGroupSamples: 10 });
  const strip = (m: typeof first): unknown => ({ ...m, computeMs: 0, iteration: 0 });
  assert.deepEqual(strip(second), strip(fresh));
  assert.deepEqual(strip(first), strip(fresh));
});
