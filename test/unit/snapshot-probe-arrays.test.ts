import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { imageShape } from '../../src/core/measure/image';
import { INTEGER_PROBE_FEATURES, isProbeDataset, parseProbeArrayName, PROBE_FEATURES, probeArrayName } from '../../src/protocol/probeArrays';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import { dotsSpec, gaussianMixtureSpec, pieSpec, spritesSpec } from '../../src/trainer/datasets/defaults';
import { measureImages, probeMeasurer, SnapshotProbes } from '../../src/trainer/snapshot/probeArrays';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

test('probe array names parse back to their side and feature', () => {
  for (const side of ['real', 'generated'] as const) {
    for (const feature of [...PROBE_FEATURES.dots, ...PROBE_FEATURES.pie]) {
      const name = probeArrayName(side, feature);
      assert.ok(name.startsWith('probe.'));
      assert.deepEqual(parseProbeArrayName(name), { side, feature });
    }
  }
  assert.equal(probeArrayName('generated', 'redProportion'), 'probe.generated.redProportion');
});

test('names that are not probe arrays do not parse', () => {
  for (const name of ['real', 'lossD', 'gradientNorm.generator', 'probe.', 'probe.real', 'probe.real.', 'probe.fake.radius', 'probe.real.a.b', 'probe.real.1x', 'xprobe.real.radius']) {
    assert.equal(parseProbeArrayName(name), undefined, name);
  }
});

test('a feature name that could not parse back is refused', () => {
  for (const feature of ['', 'mean.color', '3d', 'with space']) assert.throws(() => probeArrayName('real', feature), RangeError, feature);
});

test('only dots and pie are probe datasets, and counts are integer features', () => {
  assert.deepEqual(['dots', 'pie', 'sprites', 'mnist', 'gaussian-mixture', 'image-folder', 'constructor', 'toString'].filter(isProbeDataset), ['dots', 'pie']);
  assert.ok(INTEGER_PROBE_FEATURES.has('numerosity') && INTEGER_PROBE_FEATURES.has('colors'));
  assert.ok(!INTEGER_PROBE_FEATURES.has('radius'));
  for (const spec of [spritesSpec(), gaussianMixtureSpec()]) {
    assert.equal(probeMeasurer(spec), undefined, spec.type);
    assert.equal(SnapshotProbes.create(spec, createDataset(spec, 1).shape, { data: new Float32Array(0), count: 0 }), undefined, spec.type);
  }
});

test('dots: the measured numerosity of real images is the number of dots drawn', () => {
  const spec = dotsSpec({ counts: [2, 4, 7] });
  const dataset = createDataset(spec, 5);
  const reference = dataset.reference(40);
  const probes = SnapshotProbes.create(spec, dataset.shape, reference);
  assert.ok(probes);
  const arrays = probes.arrays(reference.data, reference.count);
  const real = arrays['probe.real.numerosity'];
  assert.deepEqual([real?.dtype, real?.shape], ['float32', [40]]);
  const drawn = Array.from({ length: 40 }, (_, i) => reference.factors[i * dataset.factors.length]);
  assert.deepEqual(Array.from(real?.data ?? []), drawn);
  // The same images passed as generated are measured the same way.
  assert.deepEqual(Array.from(arrays['probe.generated.numerosity']?.data ?? []), drawn);
  assert.deepEqual(Object.keys(arrays).sort(), ['probe.generated.numerosity', 'probe.real.numerosity']);
});

test('dots: blank generated images have no dots, and the real arrays do not change', () => {
  const spec = dotsSpec({ size: 16, counts: [3] });
  const dataset = createDataset(spec, 2);
  const reference = dataset.reference(6);
  const probes = SnapshotProbes.create(spec, dataset.shape, reference);
  assert.ok(probes);
  const blank = new Float32Array(4 * 16 * 16 * 3).fill(1);
  const first = probes.arrays(blank, 4);
  assert.deepEqual(Array.from(first['probe.generated.numerosity']?.data ?? []), [0, 0, 0, 0]);
  assert.deepEqual(first['probe.generated.numerosity']?.shape, [4]);
  assert.deepEqual(Array.from(first['probe.real.numerosity']?.data ?? []), [3, 3, 3, 3, 3, 3]);
  const second = probes.arrays(reference.data.subarray(0, 2 * 16 * 16 * 3), 2);
  assert.deepEqual(Array.from(second['probe.generated.numerosity']?.data ?? []), [3, 3]);
  assert.equal(second['probe.real.numerosity'], first['probe.real.numerosity'], 'the real set is measured once');
});

test('pie: radius, centre, red share and colour count match the factors drawn', () => {
  const spec = pieSpec();
  const dataset = createDataset(spec, 9);
  const reference = dataset.reference(30);
  const probes = SnapshotProbes.create(spec, dataset.shape, reference);
  assert.ok(probes);
  const arrays = probes.arrays(reference.data, reference.count);
  const factorCount = dataset.factors.length;
  const factor = (row: number, name: string): number => reference.factors[row * factorCount + dataset.factors.indexOf(name)] as number;
  for (const feature of PROBE_FEATURES.pie) {
    assert.deepEqual(arrays[`probe.real.${feature}`]?.shape, [30], feature);
    assert.deepEqual(arrays[`probe.generated.${feature}`]?.data, arrays[`probe.real.${feature}`]?.data, feature);
  }
  for (let row = 0; row < 30; row++) {
    const measured = (feature: string): number => arrays[`probe.real.${feature}`]?.data[row] as number;
    // Pixels quantise a 32-pixel pie: a pixel or so of error in radius and centre, a few per cent in red share.
    assert.ok(Math.abs(measured('radius') - factor(row, 'radius')) < 0.03, `row ${row} radius`);
    assert.ok(Math.abs(measured('x') - factor(row, 'x')) < 0.04, `row ${row} x`);
    assert.ok(Math.abs(measured('y') - factor(row, 'y')) < 0.04, `row ${row} y`);
    assert.ok(Math.abs(measured('redProportion') - factor(row, 'redProportion')) < 0.1, `row ${row} redProportion`);
    assert.equal(measured('colors'), factor(row, 'colors'), `row ${row} colors`);
  }
});

test('pie: an empty image has radius 0 and no centre (NaN), not an error', () => {
  const spec = pieSpec({ size: 8 });
  const measurer = probeMeasurer(spec);
  assert.ok(measurer);
  const [radius, x, y, red, colors] = measureImages(measurer, new Float32Array(8 * 8 * 3).fill(1), 1, imageShape([8, 8, 3]));
  assert.deepEqual([radius?.[0], colors?.[0]], [0, 0]);
  assert.ok(Number.isNaN(x?.[0]) && Number.isNaN(y?.[0]) && Number.isNaN(red?.[0]));
});

test('a batch whose length does not match the count is refused with a clear error', () => {
  const spec = dotsSpec({ size: 8, radius: 0.2, counts: [1] });
  const measurer = probeMeasurer(spec);
  assert.ok(measurer);
  assert.throws(() => measureImages(measurer, new Float32Array(8 * 8 * 3 * 2 - 1), 2, imageShape([8, 8, 3])), /2 images of 8×8×3 need 384 values, got 383/);
  assert.throws(() => measureImages(measurer, new Float32Array(0), -1, imageShape([8, 8, 3])), RangeError);
});

let backend: SelectedBackend;
before(async () => {
  backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
});

test('every snapshot of a dots run carries real and generated numerosity, measured from full-size images', () => {
  const config = parsedConfig(`name: dots-probe
seed: 3
dataset: { type: dots, size: 16, counts: [1, 2], radius: 0.12 }
model: { type: gan, architecture: mlp, latentDim: 4, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 4, maxIterations: 2 }
snapshot: { every: 1, realSamples: 10, generatedSamples: 7, projectionImageSize: 4 }
`);
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    const first = session.snapshot(0, 1);
    session.step();
    const second = session.snapshot(1, 2);
    const dataset = createDataset(config.dataset, config.seed);
    const reference = dataset.reference(10);
    const drawn = Array.from({ length: 10 }, (_, i) => reference.factors[i * dataset.factors.length]);
    for (const snapshot of [first, second]) {
      assert.deepEqual(Array.from(snapshot.arrays['probe.real.numerosity']?.data ?? []), drawn);
      const generated = snapshot.arrays['probe.generated.numerosity'];
      assert.deepEqual([generated?.dtype, generated?.shape], ['float32', [7]]);
      assert.ok(Array.from(generated?.data ?? []).every((value) => Number.isInteger(value) && value >= 0));
      assert.equal(snapshot.arrays['probe.real.radius'], undefined);
    }
  } finally {
    session.dispose();
  }
});

test('a run on a dataset that is no probe writes no probe arrays', () => {
  const config = parsedConfig(`name: ring-probe
seed: 3
dataset: { type: gaussian-mixture, layout: ring, modes: 4 }
model: { type: gan, latentDim: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 4, maxIterations: 1 }
snapshot: { every: 1, realSamples: 8, generatedSamples: 8 }
`);
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    const names = Object.keys(session.snapshot(0, 1).arrays);
    assert.ok(names.includes('generated'));
    assert.deepEqual(names.filter((name) => parseProbeArrayName(name) !== undefined), []);
  } finally {
    session.dispose();
  }
});
