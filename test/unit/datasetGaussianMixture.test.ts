import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mixtureFit, mixtureLogDensity, nearestMode } from '../../src/core/measure/mixtureDensity';
import { modeCentres } from '../../src/trainer/gaussianMixture';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { gaussianMixtureSpec } from '../../src/trainer/datasets/defaults';

test('each point is labelled with its mode, which is the nearest mode when modes are well apart', () => {
  for (const spec of [gaussianMixtureSpec(), gaussianMixtureSpec({ layout: 'grid', modes: 4, radius: 3, sigma: 0.1 })]) {
    const dataset = createDataset(spec, 6);
    const centres = modeCentres(spec);
    assert.deepEqual(dataset.attributes[0]?.values, centres.map((_, k) => String(k)));
    const batch = dataset.sample(2000);
    const counts = new Array<number>(centres.length).fill(0);
    for (let i = 0; i < batch.count; i++) {
      const label = batch.labels[i] as number;
      assert.equal(nearestMode(centres, batch.data[2 * i] as number, batch.data[2 * i + 1] as number).index, label);
      counts[label]!++;
    }
    assert.ok(counts.every((c) => c > 0), `every mode drawn: ${counts}`);
  }
});

test('log-density matches a hand computation', () => {
  const centres = [
    [0, 0],
    [2, 0],
  ] as const;
  const sigma = 0.5;
  // At (0.5, 0): squared distances 0.25 and 2.25; density = ½ Σ exp(-d²/2σ²) / (2πσ²).
  const expected = Math.log(0.5 * (Math.exp(-0.25 / 0.5) + Math.exp(-2.25 / 0.5)) / (2 * Math.PI * 0.25));
  assert.ok(Math.abs(mixtureLogDensity(centres, sigma, 0.5, 0) - expected) < 1e-12);
  // Far from every mode the density underflows, its logarithm must not.
  const far = mixtureLogDensity(centres, sigma, 100, 0);
  assert.ok(Math.abs(far - (-(98 ** 2) / 0.5 - Math.log(2) - Math.log(2 * Math.PI * 0.25))) < 1e-6, `far ${far}`);
  assert.throws(() => mixtureLogDensity([], 1, 0, 0), /at least one mode/);
  assert.throws(() => mixtureLogDensity(centres, 0, 0, 0), /sigma must be positive/);
});

test('real samples score the analytic mean log-likelihood, cover every mode, and are nearly all high quality', () => {
  const spec = gaussianMixtureSpec();
  const centres = modeCentres(spec);
  const points = createDataset(spec, 2).sample(20000).data;
  const fit = mixtureFit(points, centres, spec.sigma);
  // For well-separated modes E[log p] = −log K − log(2πσ²) − 1.
  const expected = -Math.log(8) - Math.log(2 * Math.PI * spec.sigma ** 2) - 1;
  assert.ok(Math.abs(fit.meanLogLikelihood - expected) < 0.03, `${fit.meanLogLikelihood} vs ${expected}`);
  assert.equal(fit.modesCovered, 8);
  // Within 3σ in 2-D: 1 − exp(−4.5) ≈ 0.989.
  assert.ok(Math.abs(fit.highQualityShare - (1 - Math.exp(-4.5))) < 0.005, `${fit.highQualityShare}`);
});

test('a collapsed generator covers one mode, and points between modes are low quality', () => {
  const spec = gaussianMixtureSpec();
  const centres = modeCentres(spec);
  const collapsed = new Float32Array(200);
  for (let i = 0; i < 100; i++) collapsed.set([2, 0], 2 * i);
  const fit = mixtureFit(collapsed, centres, spec.sigma);
  assert.equal(fit.modesCovered, 1);
  assert.deepEqual(fit.modeCounts, [100, 0, 0, 0, 0, 0, 0, 0]);
  const between = mixtureFit(new Float32Array([0, 0, 1, 1]), centres, spec.sigma);
  assert.equal(between.highQualityShare, 0);
  assert.equal(between.modesCovered, 0);
  assert.throws(() => mixtureFit(new Float32Array(3), centres, spec.sigma), /\(x, y\) pairs/);
});
