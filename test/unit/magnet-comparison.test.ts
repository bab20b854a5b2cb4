import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalysisContext } from '../../src/core/analysis/analysisContext';
import { compareMagnetSamples } from '../../src/core/analysis/magnetComparison';
import { SampledRecordError } from '../../src/core/analysis/magnetComparisonInput';
import type { EventRecord, NumericArray, SnapshotRecord } from '../../src/protocol/stream';

// Two clusters of real points on vertical lines at x = −1 and x = +1, 0.01 apart: with k = 2
// every real ball has a radius of 0.01 or 0.02, so whether a point is inside is never borderline.
const LEFT = [-1, 0, -1, 0.01, -1, 0.02, -1, 0.03];
const RIGHT = [1, 0, 1, 0.01, 1, 0.02, 1, 0.03];

const context: AnalysisContext = {
  attributes: [{ name: 'side', values: ['left', 'right'] }],
  trust: {},
  objective: 'gan',
  pointsAreFeatures: true,
  mixture: { centres: [[-1, 0], [1, 0]], sigma: 0.1 },
  datasetType: 'gaussian-mixture',
  memorizationDoesNotApply: undefined,
  problems: [],
};

const f32 = (values: number[], shape: number[]): NumericArray => ({ dtype: 'float32', shape, data: Float32Array.from(values) });
const i32 = (values: number[], shape: number[]): NumericArray => ({ dtype: 'int32', shape, data: Int32Array.from(values) });

function reference(withLabels = true): SnapshotRecord {
  return {
    type: 'snapshot',
    iteration: 500,
    time: 1,
    metrics: {},
    arrays: { real: f32([...LEFT, ...RIGHT], [8, 2]), ...(withLabels ? { realLabels: i32([0, 0, 0, 0, 1, 1, 1, 1], [8, 1]) } : {}) },
  };
}

// Standard: six points, all on the left line (the first four exactly on real points). MaGNET: three
// left, two right, and one far off at (0, 5), predicted right with confidence 0.5.
const STANDARD = [...LEFT, -1, 0.035, -1, 0.045];
const MAGNET = [-1, 0, -1, 0.01, -1, 0.02, 1, 0, 1, 0.01, 0, 5];

function sampledEvent(arrays: Record<string, NumericArray>): EventRecord {
  return {
    type: 'event',
    kind: 'sampled',
    iteration: 520,
    time: 2,
    message: 'at iteration 520: 6 standard and 6 MaGNET samples of the generator',
    details: { method: 'magnet', sampled: 'generator', count: 6, poolSize: 50, k: 2, rho: 1, effectiveSampleSize: 31.5, request: 7 },
    arrays,
  };
}

const fullArrays = (): Record<string, NumericArray> => ({
  standard: f32(STANDARD, [6, 2]),
  standardPredictions: i32([0, 0, 0, 0, 0, 0], [6, 1]),
  standardConfidence: f32([1, 1, 1, 1, 1, 1], [6, 1]),
  magnet: f32(MAGNET, [6, 2]),
  magnetPredictions: i32([0, 0, 0, 1, 1, 1], [6, 1]),
  magnetConfidence: f32([1, 1, 1, 1, 1, 0.5], [6, 1]),
});

test('compares the group shares of both sets with the real shares, confidence-weighted', () => {
  const comparison = compareMagnetSamples(sampledEvent(fullArrays()), reference(), context, { k: 2 });
  assert.deepEqual(comparison.problems, []);
  assert.equal(comparison.iteration, 520);
  assert.equal(comparison.referenceIteration, 500);
  assert.equal(comparison.realCount, 8);
  assert.equal(comparison.request, 7);
  assert.deepEqual(comparison.options, { sampled: 'generator', poolSize: 50, k: 2, rho: 1, effectiveSampleSize: 31.5 });
  assert.deepEqual(
    comparison.groups.map((group) => [group.id, group.realShare, group.standard.share, group.standard.ratio]),
    [
      ['side=left', 0.5, 1, 2],
      ['side=right', 0.5, 0, 0],
    ],
  );
  // MaGNET: left weight 3, right 2 + 0.5 (the far point's confidence): 3/5.5 and 2.5/5.5.
  const [left, right] = comparison.groups;
  assert.ok(Math.abs((left?.magnet.share ?? 0) - 3 / 5.5) < 1e-12);
  assert.ok(Math.abs((left?.magnet.ratio ?? 0) - 6 / 5.5) < 1e-12);
  assert.ok(Math.abs((right?.magnet.share ?? 0) - 2.5 / 5.5) < 1e-12);
  assert.ok(Math.abs((right?.magnet.ratio ?? 0) - 5 / 5.5) < 1e-12);
  assert.equal(comparison.sets.standard.distances[0]?.totalVariation, 0.5);
  assert.ok(Math.abs((comparison.sets.magnet.distances[0]?.totalVariation ?? 0) - (3 / 5.5 - 0.5)) < 1e-12);
});

test('measures precision, recall and coverage of each set against the real points, and the modes each covers', () => {
  const { standard, magnet } = compareMagnetSamples(sampledEvent(fullArrays()), reference(), context, { k: 2 }).sets;
  assert.equal(standard.count, 6);
  // Every standard point lies in a left real ball; its small balls reach only the left half of the real points.
  assert.equal(standard.prdc?.precision, 1);
  assert.equal(standard.prdc?.recall, 0.5);
  assert.equal(standard.prdc?.coverage, 0.5);
  assert.equal(standard.prdc?.k, 2);
  assert.ok((standard.prdc?.density ?? 0) > 0);
  // The far point is in no real ball; its own ball (radius ≈ 5) holds every real point.
  assert.equal(magnet.prdc?.precision, 5 / 6);
  assert.equal(magnet.prdc?.recall, 1);
  assert.deepEqual(standard.modes, { covered: 1, total: 2, highQualityShare: 1 });
  assert.deepEqual(magnet.modes, { covered: 2, total: 2, highQualityShare: 5 / 6 });
});

test('what cannot be measured is left out with a reason', () => {
  const comparison = compareMagnetSamples(sampledEvent(fullArrays()), reference(false), context, { k: 2 });
  assert.deepEqual(comparison.groups, []);
  assert.deepEqual(comparison.problems, ['group shares of the standard set: the reference snapshot has no real labels', 'group shares of the magnet set: the reference snapshot has no real labels']);
  assert.equal(comparison.sets.magnet.prdc?.precision, 5 / 6, 'precision needs no labels');

  const tooFew = compareMagnetSamples(sampledEvent(fullArrays()), reference(), context, { k: 8 });
  assert.equal(tooFew.sets.standard.prdc, null);
  assert.match(tooFew.problems.join('\n'), /k = 8 needs more than 8 real rows, the reference has 8/);

  const noMixture = compareMagnetSamples(sampledEvent(fullArrays()), reference(), { ...context, mixture: undefined }, { k: 2 });
  assert.equal(noMixture.sets.standard.modes, null);
});

test('a record that is not a sampled event with both sets is refused with a clear error', () => {
  const arrays = fullArrays();
  delete arrays.magnet;
  assert.throws(() => compareMagnetSamples(sampledEvent(arrays), reference(), context), (error: unknown) => error instanceof SampledRecordError && /no usable "magnet" array/.test(error.message));
  const augmented: EventRecord = { ...sampledEvent(fullArrays()), kind: 'augmented' };
  assert.throws(() => compareMagnetSamples(augmented, reference(), context), SampledRecordError);
  const wrongShape = { ...fullArrays(), standard: f32(STANDARD, [12]) };
  assert.throws(() => compareMagnetSamples(sampledEvent(wrongShape), reference(), context), /no usable "standard" array/);
});
