import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { magnetRandom } from '../../src/core/magnet/randomStreams';
import { randomProjection } from '../../src/core/magnet/randomProjection';
import { binnedTvDistanceToUniform, ksDistanceToUniform, uniformNoiseFloor } from '../../src/core/magnet/uniformity';
import { halfCircleManifold, skewedSquareManifold, type KnownManifold } from '../../src/trainer/magnet/knownManifolds';
import { computeMagnetPool, drawFromMagnetPool, magnetSample } from '../../src/trainer/magnet/magnetSample';
import { projectedJacobians, type LatentGenerator } from '../../src/trainer/magnet/projectedJacobians';
import { createModel } from '../../src/trainer/models/createModel';
import { withModelDefaults } from '../../src/trainer/models/spec';

before(async () => {
  assert.ok(await tf.setBackend('cpu'));
});

function normalCdf(z: number): number {
  // Abramowitz–Stegun 7.1.26 erf; accurate to 1.5e-7, plenty for a 1e-3 test tolerance.
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + Math.sign(z) * erf);
}

test('Jacobians of the half circle match the analytic derivative of its angle', () => {
  const manifold = halfCircleManifold(tf, { exponent: 3 });
  const latents = Float32Array.of(-1.2, 0, 0.4, 2.1);
  const jacobians = projectedJacobians(tf, manifold, latents, randomProjection(2, 128, magnetRandom(0, 'projection')));
  assert.equal(jacobians.length, 4 * 2);
  latents.forEach((z, n) => {
    const u = normalCdf(z);
    const angle = Math.PI * u ** 3;
    const angleRate = Math.PI * 3 * u ** 2 * (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
    const expected = [-Math.sin(angle) * angleRate, Math.cos(angle) * angleRate];
    expected.forEach((value, row) => assert.ok(Math.abs((jacobians[n * 2 + row] as number) - value) < 1e-3, `z=${z} row ${row}: expected ${value}, got ${jacobians[n * 2 + row]}`));
  });
});

test('projected Jacobians of a trained-model generator match finite differences of the projected output', () => {
  const model = createModel(tf, withModelDefaults({ type: 'gan', architecture: 'mlp', latentDim: 3, hidden: [16] }), { sampleShape: [4, 4, 1], range: 'unit' }, 11);
  try {
    const projection = randomProjection(16, 5, magnetRandom(2, 'projection'));
    const latents = Float32Array.of(0.3, -0.7, 1.1, -1.4, 0.2, 0.5);
    const jacobians = projectedJacobians(tf, model, latents, projection);
    const project = (z: number[]): number[] => {
      const output = tf.tidy(() => model.generate(tf.tensor2d(z, [1, 3])));
      const values = Array.from(output.dataSync());
      output.dispose();
      return Array.from({ length: projection.rows }, (_, i) => values.reduce((sum, value, j) => sum + value * (projection.values[i * 16 + j] as number), 0));
    };
    // Small: the generator is piecewise smooth (leaky ReLU), and a wider difference can straddle a kink.
    const step = 1e-3;
    for (let n = 0; n < 2; n++) {
      for (let j = 0; j < 3; j++) {
        const z = Array.from(latents.subarray(n * 3, n * 3 + 3));
        const up = project(z.map((value, i) => (i === j ? value + step : value)));
        const down = project(z.map((value, i) => (i === j ? value - step : value)));
        for (let i = 0; i < projection.rows; i++) {
          const numeric = ((up[i] as number) - (down[i] as number)) / (2 * step);
          const exact = jacobians[(n * projection.rows + i) * 3 + j] as number;
          assert.ok(Math.abs(numeric - exact) < 2e-3 + 2e-2 * Math.abs(exact), `member ${n}, row ${i}, latent ${j}: finite difference ${numeric}, reverse mode ${exact}`);
        }
      }
    }
  } finally {
    model.dispose();
  }
});

interface Uniformity {
  readonly standard: number;
  readonly published: number;
  readonly corrected: number;
  readonly floor: number;
}

function uniformityOf(manifold: KnownManifold, poolSize: number, sampleCount: number, statistic: (positions: Float64Array) => number): Uniformity {
  const computed = computeMagnetPool(tf, manifold, { poolSize, sampleCount, seed: 5 });
  const published = drawFromMagnetPool(tf, manifold, computed, { rho: 1, priorCorrection: false });
  const corrected = drawFromMagnetPool(tf, manifold, computed, { rho: 1, priorCorrection: true });
  return {
    standard: statistic(manifold.positions(published.standardSamples)),
    published: statistic(manifold.positions(published.samples)),
    corrected: statistic(manifold.positions(corrected.samples)),
    floor: uniformNoiseFloor(statistic, sampleCount, manifold.manifoldDim, 100, magnetRandom(5, 'resampling').uniform),
  };
}

/**
 * The published weights (volume^ρ on a Gaussian pool) leave the latent prior's own unevenness in,
 * so they only improve; dividing by the prior must reach the noise floor. Seeded, so deterministic;
 * the margins hold for other seeds too (scripts/magnet-demo.ts).
 */
function assertCloserToUniform(result: Uniformity): void {
  const report = JSON.stringify(result);
  assert.ok(result.standard > 4 * result.floor, `the test manifold must be clearly non-uniform under standard sampling: ${report}`);
  assert.ok(result.published < 0.85 * result.standard, `MaGNET (published weights) must be measurably closer to uniform: ${report}`);
  assert.ok(result.corrected < 0.5 * result.standard, `prior-corrected MaGNET must be far closer to uniform: ${report}`);
  assert.ok(result.corrected < 2 * result.floor, `prior-corrected MaGNET must be as uniform as sampling noise allows: ${report}`);
}

test('on a half circle traced at non-uniform speed, MaGNET samples are closer to uniform in arc length', () => {
  assertCloserToUniform(uniformityOf(halfCircleManifold(tf), 2000, 300, ksDistanceToUniform));
});

test('on a unit square filled with non-uniform density, MaGNET samples are closer to uniform over its area', () => {
  assertCloserToUniform(uniformityOf(skewedSquareManifold(tf), 6000, 400, (points) => binnedTvDistanceToUniform(points, 2, 4)));
});

test('through the 128-row random projection of a curve in 256 dimensions, MaGNET still evens out arc length', () => {
  assertCloserToUniform(uniformityOf(halfCircleManifold(tf, { ambientDim: 256 }), 800, 150, ksDistanceToUniform));
});

test('sampling is reproducible from its seed, keeps no tensors, and reports the pool it drew from', () => {
  const manifold = skewedSquareManifold(tf);
  const tensorsBefore = tf.memory().numTensors;
  const first = magnetSample(tf, manifold, { poolSize: 300, sampleCount: 40, seed: 9 });
  assert.equal(tf.memory().numTensors, tensorsBefore);
  const again = magnetSample(tf, manifold, { poolSize: 300, sampleCount: 40, seed: 9 });
  const other = magnetSample(tf, manifold, { poolSize: 300, sampleCount: 40, seed: 10 });
  assert.deepEqual(again.chosenIndices, first.chosenIndices);
  assert.deepEqual(again.samples, first.samples);
  assert.notDeepEqual(other.chosenIndices, first.chosenIndices);
  assert.equal(first.samples.length, 40 * 2);
  assert.equal(first.standardSamples.length, 40 * 2);
  assert.equal(first.logVolumes.length, 300);
  assert.equal(new Set(first.chosenIndices).size, 40);
  first.chosenIndices.forEach((index, i) => {
    assert.deepEqual(Array.from(first.latents.subarray(i * 2, i * 2 + 2)), Array.from(first.poolLatents.subarray(index * 2, index * 2 + 2)));
  });
  close(first.weights.reduce((sum, weight) => sum + weight, 0), 1);
  assert.ok(first.effectiveSampleSize > 1 && first.effectiveSampleSize < 300);
});

test('a generator whose output does not match its sample shape, or a bad option, is reported clearly', () => {
  const liar: LatentGenerator = { latentDim: 1, sampleShape: [3], generate: (latent) => tf.concat([latent, latent], 1) };
  assert.throws(() => magnetSample(tf, liar, { poolSize: 10, sampleCount: 2 }), /generator returned \d+ values for \d+ latents of 3-value samples/);
  assert.throws(() => magnetSample(tf, halfCircleManifold(tf), { k: 2 }), /magnet option k must be .* at most 1/);
});

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);
}
