import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memorization } from '../../src/core/metrics/memorization';
import { mixtureMeasures } from '../../src/core/metrics/mixtureMeasures';
import { probeMeasures } from '../../src/core/metrics/probeMeasures';
import { trainingHealth } from '../../src/core/metrics/trainingHealth';
import { createRandom } from '../../src/core/projection/random';

function gaussianRows(n: number, dim: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n * dim }, () => Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next()));
}

test('memorization flags exact copies and reads fresh samples as not memorized', () => {
  const dim = 8;
  const training = gaussianRows(300, dim, 1);
  const heldOut = { data: gaussianRows(100, dim, 2), n: 100 };
  const copies = training.slice(0, 50 * dim);
  const fresh = gaussianRows(50, dim, 3);
  const copied = memorization(training, 300, copies, 50, dim, heldOut);
  assert.equal(copied.nearCopies, 50);
  assert.equal(copied.nearCopyShare, 1);
  assert.equal(copied.generatedMedian, 0);
  assert.equal(copied.ratio, 0);
  assert.equal(copied.reference, 'held-out');
  const honest = memorization(training, 300, fresh, 50, dim, heldOut);
  assert.equal(honest.nearCopies, 0);
  assert.ok(honest.ratio !== null && honest.ratio > 0.7 && honest.ratio < 1.4, `ratio ${honest.ratio}`);
  const half = new Float32Array(100 * dim);
  half.set(copies);
  half.set(fresh, 50 * dim);
  assert.equal(memorization(training, 300, half, 100, dim).nearCopyShare, 0.5);
  assert.equal(memorization(training, 300, half, 100, dim).reference, 'training');
});

test('training health counts NaN/Inf and reads a collapsing standard-GAN discriminator loss', () => {
  const health = trainingHealth({ lossD: [0.7, NaN, 0.002], lossG: [Infinity, 3], gradientNorms: { generator: [1, 2, NaN], discriminator: [5000] } });
  assert.equal(health.nonFiniteLosses, 2);
  assert.equal(health.nonFiniteGradients, 1);
  assert.equal(health.gradientNormMax, 5000);
  assert.ok(Math.abs((health.discriminatorLoss ?? 0) - 0.351) < 1e-12);
  assert.equal(health.discriminatorLossHasFloor, true);
  const collapsed = trainingHealth({ lossD: [0.001, 0.0005, 0.0002] });
  assert.ok((collapsed.discriminatorLoss ?? 1) < 0.001);
  assert.equal(trainingHealth({ lossD: [-3, 2], objective: undefined }).discriminatorLossHasFloor, false, 'a critic loss goes negative');
  assert.equal(trainingHealth({ lossD: [0.1], objective: 'wgan' }).discriminatorLossHasFloor, false);
});

test('training health measures how far the generated samples moved', () => {
  const now = Float32Array.from([0, 0, 2, 0, 0, 2, 2, 2]);
  assert.equal(trainingHealth({ generated: now, previousGenerated: now, generatedDim: 2 }).generatorChange, 0);
  const moved = trainingHealth({ generated: now, previousGenerated: now.map((v) => v + 0.1), generatedDim: 2 }).generatorChange ?? 0;
  // Each row moved 0.1·√2; each is √2 from the centroid (1, 1).
  assert.ok(Math.abs(moved - 0.1) < 1e-6, `moved ${moved}`);
  assert.equal(trainingHealth({ generated: now, generatedDim: 2 }).generatorChange, null);
});

test('probe measures: histograms, KL, and prototype enhancement when trained on 2 and 4 dots', () => {
  const training = [...new Array<number>(50).fill(2), ...new Array<number>(50).fill(4)];
  const generated = [...new Array<number>(20).fill(2), ...new Array<number>(60).fill(3), ...new Array<number>(20).fill(4)];
  const result = probeMeasures({ feature: 'numerosity', training, generated });
  assert.deepEqual(result.bins, [2, 3, 4]);
  assert.deepEqual(result.trainingHistogram, [0.5, 0, 0.5]);
  assert.deepEqual(result.generatedHistogram, [0.2, 0.6, 0.2]);
  assert.equal(result.generatedMode, 3);
  assert.equal(result.trainingShareAtGeneratedMode, 0);
  assert.equal(result.prototypeEnhancement, true);
  assert.ok((result.klDivergence ?? 0) > 1);
  const faithful = probeMeasures({ feature: 'numerosity', training, generated: training });
  assert.equal(faithful.prototypeEnhancement, false);
  assert.ok((faithful.klDivergence ?? 1) < 1e-12);
  const continuous = probeMeasures({ feature: 'radius', training: [0.1, 0.2, 0.3], generated: [0.15, 0.25] }, { bins: 4 });
  assert.equal(continuous.bins.length, 4);
  assert.equal(continuous.trainingCount, 3);
});

test('mixture measures: ring coverage of 3 of 8 modes, log-likelihood and high-quality share', () => {
  const centres = Array.from({ length: 8 }, (_, k) => [2 * Math.cos((k * Math.PI) / 4), 2 * Math.sin((k * Math.PI) / 4)] as const);
  const points: number[] = [];
  for (let i = 0; i < 300; i++) {
    const centre = centres[i % 3] as readonly [number, number];
    points.push(centre[0] + 0.01 * ((i % 5) - 2), centre[1]);
  }
  points.push(50, 50);
  const result = mixtureMeasures({ points: Float32Array.from(points), centres, sigma: 0.05 });
  assert.equal(result.modesCovered, 3);
  assert.equal(result.modeCount, 8);
  assert.equal(result.modesCoveredShare, 3 / 8);
  assert.ok(Math.abs((result.highQualityShare ?? 0) - 300 / 301) < 1e-12);
  assert.ok(result.meanLogLikelihood !== null && Number.isFinite(result.meanLogLikelihood));
  assert.throws(() => mixtureMeasures({ points: Float32Array.from([NaN, 0]), centres, sigma: 0.05 }), /NaN/);
});
