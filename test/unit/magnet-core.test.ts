import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_PROJECTION_DIM, resolveMagnetOptions } from '../../src/core/magnet/options';
import { randomProjection } from '../../src/core/magnet/randomProjection';
import { magnetRandom } from '../../src/core/magnet/randomStreams';
import { sampleWithoutReplacement } from '../../src/core/magnet/resample';
import { effectiveSampleSize, resamplingLogWeights, resamplingWeights } from '../../src/core/magnet/resamplingWeights';
import { selectMagnetSamples } from '../../src/core/magnet/selectSamples';
import { binnedTvDistanceToUniform, ksDistanceToUniform, uniformNoiseFloor } from '../../src/core/magnet/uniformity';
import { logVolumeElement } from '../../src/core/magnet/volumeElement';

const close = (actual: number, expected: number, tolerance = 1e-9): void => {
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
};

test('the volume element of a diagonal Jacobian is the product of its k largest entries', () => {
  // 4 × 3 (tall: JᵀJ path) with |entries| 3, 0.5, 2 and a zero row.
  const tall = [3, 0, 0, 0, -0.5, 0, 0, 0, 2, 0, 0, 0];
  close(logVolumeElement(tall, 4, 3, 1), Math.log(3));
  close(logVolumeElement(tall, 4, 3, 2), Math.log(6));
  close(logVolumeElement(tall, 4, 3, 3), Math.log(3));
  // 2 × 3 (wide: JJᵀ path).
  const wide = [0, 5, 0, 0.25, 0, 0];
  close(logVolumeElement(wide, 2, 3, 1), Math.log(5));
  close(logVolumeElement(wide, 2, 3, 2), Math.log(1.25));
});

test('the full volume element of a square Jacobian is |det J|, and rotations do not change it', () => {
  const jacobian = [1.5, -0.3, 0.7, 2.2];
  close(logVolumeElement(jacobian, 2, 2, 2), Math.log(Math.abs(1.5 * 2.2 - -0.3 * 0.7)));
  const angle = 0.9;
  const [c, s] = [Math.cos(angle), Math.sin(angle)];
  const rotated = [c * 1.5 - s * 0.7, c * -0.3 - s * 2.2, s * 1.5 + c * 0.7, s * -0.3 + c * 2.2];
  close(logVolumeElement(rotated, 2, 2, 2), logVolumeElement(jacobian, 2, 2, 2), 1e-12);
  close(logVolumeElement(rotated, 2, 2, 1), logVolumeElement(jacobian, 2, 2, 1), 1e-12);
});

test('a Jacobian that is rank-deficient within its top k has zero volume, and bad Jacobians are named', () => {
  const rankOne = [1, 2, 2, 4];
  assert.equal(logVolumeElement(rankOne, 2, 2, 2), -Infinity);
  close(logVolumeElement(rankOne, 2, 2, 1), Math.log(5));
  assert.throws(() => logVolumeElement([1, 2, 3], 2, 2, 1), /expected a 2 × 2 Jacobian \(4 values\), got 3/);
  assert.throws(() => logVolumeElement([1, NaN, 0, 1], 2, 2, 1), /entry 1 is not finite/);
  assert.throws(() => logVolumeElement([1, 0, 0, 1], 2, 2, 3), /k must be an integer from 1 to 2/);
});

test('ρ = 0 weighs every pool member equally, whatever the volumes', () => {
  const weights = resamplingWeights([-3, 0, 5, -Infinity], 0);
  assert.deepEqual(Array.from(weights), [0.25, 0.25, 0.25, 0.25]);
  assert.equal(effectiveSampleSize(weights), 4);
});

test('ρ = 1 weighs members by volume, in log space without overflow', () => {
  const weights = resamplingWeights([1000, 1000 + Math.log(3)], 1);
  close(weights[0] as number, 0.25);
  close(weights[1] as number, 0.75);
  const squared = resamplingWeights([0, Math.log(2)], 2);
  close(squared[1] as number, 0.8);
});

test('zero-volume members get no weight for any ρ ≠ 0, and a pool of only those is an error', () => {
  const negative = resamplingWeights([0, -Infinity, Math.log(2)], -1);
  assert.equal(negative[1], 0);
  close(negative[0] as number, 2 / 3);
  assert.throws(() => resamplingWeights([-Infinity, -Infinity], 1), /all Jacobians are degenerate/);
  assert.throws(() => resamplingWeights([0, NaN], 1), /log volume 1 is NaN/);
  assert.throws(() => resamplingWeights([], 1), /empty pool/);
});

test('the prior correction divides each volume by the prior density before raising it to ρ', () => {
  const logWeights = resamplingLogWeights([1, 1], 1, [-1, -3]);
  assert.deepEqual(Array.from(logWeights), [2, 4]);
  const weights = resamplingWeights([1, 1], 1, [-1, -3]);
  close((weights[1] as number) / (weights[0] as number), Math.exp(2));
  assert.throws(() => resamplingWeights([1, 1], 1, [0]), /expected 2 log prior densities/);
});

test('seeded resampling is reproducible, never repeats a member and never picks a zero-weight one', () => {
  const logWeights = [0, 1, -Infinity, 2, 0.5, -1, 3, 0];
  const draw = (seed: number) => Array.from(sampleWithoutReplacement(logWeights, 5, magnetRandom(seed, 'resampling').uniform));
  assert.deepEqual(draw(7), draw(7));
  const draws = [1, 2, 3, 4, 5, 6].map(draw);
  assert.ok(draws.some((indices) => indices.join() !== draws[0]?.join()), 'different seeds give different draws');
  for (const indices of draws) {
    assert.equal(new Set(indices).size, 5);
    assert.ok(!indices.includes(2));
  }
  assert.throws(() => sampleWithoutReplacement(logWeights, 8, Math.random), /cannot draw 8 samples without replacement from 7 pool members of non-zero weight/);
});

test('the first draw follows the weights', () => {
  const probabilities = [0.7, 0.2, 0.1];
  const logWeights = probabilities.map(Math.log);
  const random = magnetRandom(3, 'resampling');
  const counts = [0, 0, 0];
  const trials = 20000;
  for (let t = 0; t < trials; t++) {
    const first = sampleWithoutReplacement(logWeights, 1, random.uniform)[0] as number;
    counts[first] = (counts[first] as number) + 1;
  }
  probabilities.forEach((p, i) => close((counts[i] as number) / trials, p, 0.015));
});

test('the random projection is the identity for small outputs and a fixed Gaussian / √m matrix for large ones', () => {
  const small = randomProjection(3, 128, magnetRandom(1, 'projection'));
  assert.equal(small.identity, true);
  assert.deepEqual(Array.from(small.values), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const large = randomProjection(500, 64, magnetRandom(1, 'projection'));
  assert.equal(large.rows, 64);
  assert.equal(large.identity, false);
  const meanSquare = large.values.reduce((sum, value) => sum + value * value, 0) / large.values.length;
  close(meanSquare, 1 / 64, 0.05 / 64);
  assert.deepEqual(randomProjection(500, 64, magnetRandom(1, 'projection')).values, large.values);
  assert.notDeepEqual(randomProjection(500, 64, magnetRandom(2, 'projection')).values, large.values);
});

test('options get defaults bounded by the generator, and bad options give a clear error', () => {
  const options = resolveMagnetOptions({}, { latentDim: 8, outputDim: 784 });
  assert.deepEqual(options, { poolSize: 2000, sampleCount: 200, k: 8, rho: 1, projectionDim: MAX_PROJECTION_DIM, seed: 0, priorCorrection: false });
  assert.equal(resolveMagnetOptions({}, { latentDim: 8, outputDim: 2 }).k, 2);
  assert.equal(resolveMagnetOptions({ poolSize: 50 }, { latentDim: 1, outputDim: 2 }).sampleCount, 50);
  const shape = { latentDim: 4, outputDim: 100 };
  assert.throws(() => resolveMagnetOptions({ projectionDim: 129 }, shape), /projectionDim must be an integer of at least 1 and at most 128, got 129/);
  assert.throws(() => resolveMagnetOptions({ k: 5 }, shape), /k must be .* at most 4 \(min\(latent dimension 4, projected output dimension 100\)\), got 5/);
  assert.throws(() => resolveMagnetOptions({ poolSize: 10, sampleCount: 11 }, shape), /sampleCount .* at most 10 \(the pool size 10\)/);
  assert.throws(() => resolveMagnetOptions({ rho: NaN }, shape), /rho must be a finite number, got NaN/);
  assert.throws(() => resolveMagnetOptions({ poolSize: '100' as unknown as number }, shape), /poolSize must be an integer .* got "100"/);
  assert.throws(() => resolveMagnetOptions({ priorCorrection: 'yes' as unknown as boolean }, shape), /priorCorrection must be true or false, got "yes"/);
});

test('selection draws from a pool of known Jacobians in proportion to their volumes', () => {
  // 1 × 1 Jacobians: member 0 has volume 9, the other 99 volume 1, so about 9 / 108 of the first draws are member 0.
  const count = 100;
  const jacobians = Float32Array.from({ length: count }, (_, i) => (i === 0 ? 9 : 1));
  const latents = new Float32Array(count);
  let firstIsBig = 0;
  const seeds = 2000;
  for (let seed = 0; seed < seeds; seed++) {
    const selection = selectMagnetSamples({ latents, latentDim: 1, jacobians, rows: 1 }, { k: 1, rho: 1, sampleCount: 1, seed, priorCorrection: false });
    if (selection.chosenIndices[0] === 0) firstIsBig++;
    if (seed === 0) {
      close(selection.logVolumes[0] as number, Math.log(9), 1e-6);
      close(selection.weights[0] as number, 9 / 108, 1e-9);
    }
  }
  close(firstIsBig / seeds, 9 / 108, 0.02);
});

test('uniformity statistics: known values, and uniform samples score near the noise floor', () => {
  close(ksDistanceToUniform([0.5]), 0.5);
  close(ksDistanceToUniform([0.25, 0.75]), 0.25);
  close(ksDistanceToUniform([0, 0, 0, 0]), 1);
  close(binnedTvDistanceToUniform([0.1, 0.2, 0.3], 1, 2), 0.5);
  close(binnedTvDistanceToUniform([0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9, 0.1], 2, 2), 0);
  assert.throws(() => ksDistanceToUniform([0.5, 1.5]), /position 1 is 1.5, outside \[0, 1\]/);
  assert.throws(() => binnedTvDistanceToUniform([0.5, 0.5, 0.5], 2, 2), /2-dimensional points, got 3 values/);
  const floor = uniformNoiseFloor(ksDistanceToUniform, 400, 1, 200, magnetRandom(4, 'pool').uniform);
  close(floor, 0.87 / Math.sqrt(400), 0.008);
});
