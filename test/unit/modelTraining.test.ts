import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createModel, type ModelData } from '../../src/trainer/models/createModel';
import type { GenerativeModel, StepReport } from '../../src/trainer/models/model';
import { withModelDefaults, type ModelSpecInput } from '../../src/trainer/models/spec';
import { createRandom } from '../../src/trainer/random';
import { registerWasmTrainingKernels } from '../../src/trainer/wasmKernels/registerWasmTrainingKernels';
import { wasmBinaryFolder } from '../../src/trainer/wasmFiles';

const IMAGES: ModelData = { sampleShape: [8, 8, 1], range: 'unit' };
const POINTS: ModelData = { sampleShape: [2], range: 'unbounded' };
const BATCH = 8;

before(async () => {
  setWasmPaths(wasmBinaryFolder());
  assert.ok(await tf.setBackend('wasm'));
  registerWasmTrainingKernels(tf);
});

/** Bright squares of random size and place on a dark background: images in [0, 1]. */
function blobs(count: number, seed: number): Float32Array {
  const random = createRandom(seed, 'blobs');
  const values = new Float32Array(count * 64);
  for (let n = 0; n < count; n++) {
    const size = 2 + Math.floor(random.uniform() * 3);
    const top = Math.floor(random.uniform() * (8 - size));
    const left = Math.floor(random.uniform() * (8 - size));
    for (let r = top; r < top + size; r++) for (let c = left; c < left + size; c++) values[n * 64 + r * 8 + c] = 1;
  }
  return values;
}

function points(count: number, seed: number): Float32Array {
  return createRandom(seed, 'points').normals(count * 2);
}

interface Case {
  readonly label: string;
  readonly spec: ModelSpecInput;
  readonly data: ModelData;
}

const tiny = { latentDim: 4, hidden: [16], baseChannels: 4 };
const cases: Case[] = [
  { label: 'gan conv', spec: { type: 'gan', architecture: 'conv', ...tiny }, data: IMAGES },
  { label: 'gan mlp', spec: { type: 'gan', architecture: 'mlp', ...tiny }, data: POINTS },
  { label: 'wgan-gp mlp', spec: { type: 'wgan-gp', architecture: 'mlp', criticIterations: 2, ...tiny }, data: POINTS },
  { label: 'wgan-gp conv', spec: { type: 'wgan-gp', architecture: 'conv', criticIterations: 2, ...tiny }, data: IMAGES },
  { label: 'vae mlp', spec: { type: 'vae', architecture: 'mlp', decoder: 'gaussian', klAnnealIterations: 10, ...tiny }, data: POINTS },
  { label: 'vae conv', spec: { type: 'vae', architecture: 'conv', decoder: 'bernoulli', ...tiny }, data: IMAGES },
  { label: 'vae conv gaussian σ = 0.2', spec: { type: 'vae', architecture: 'conv', decoder: 'gaussian', decoderSigma: 0.2, ...tiny }, data: IMAGES },
];

function batchesFor(model: GenerativeModel, data: ModelData, step: number): Float32Array[] {
  return Array.from({ length: model.realBatchesPerStep }, (_, i) => (data === IMAGES ? blobs(BATCH, 100 * step + i) : points(BATCH, 100 * step + i)));
}

function runSteps(spec: ModelSpecInput, data: ModelData, steps: number, seed = 7): { reports: StepReport[]; model: GenerativeModel } {
  const model = createModel(tf, withModelDefaults(spec), data, seed);
  const reports = Array.from({ length: steps }, (_, step) => model.step(batchesFor(model, data, step)));
  return { reports, model };
}

function assertFinite(report: StepReport, model: GenerativeModel, label: string): void {
  assert.deepEqual(Object.keys(report.losses).sort(), [...model.lossNames].sort(), `${label}: loss names`);
  assert.deepEqual(Object.keys(report.gradientNorms).sort(), [...model.networkNames].sort(), `${label}: network names`);
  for (const [name, value] of [...Object.entries(report.losses), ...Object.entries(report.gradientNorms)]) {
    assert.ok(Number.isFinite(value), `${label}: ${name} = ${value}`);
  }
  for (const value of Object.values(report.gradientNorms)) assert.ok(value > 0, `${label}: a gradient norm is zero`);
}

for (const backend of ['wasm', 'cpu'] as const) {
  for (const c of cases) {
    test(`${c.label} on ${backend}: finite losses and gradient norms, no tensor leaks, outputs of the right shapes`, async () => {
      assert.ok(await tf.setBackend(backend));
      const before = tf.memory().numTensors;
      const { reports, model } = runSteps(c.spec, c.data, 2);
      try {
        reports.forEach((report) => assertFinite(report, model, c.label));
        const settled = tf.memory().numTensors;
        for (let step = 2; step < 5; step++) assertFinite(model.step(batchesFor(model, c.data, step)), model, c.label);
        assert.equal(tf.memory().numTensors, settled, 'steps leave no tensors behind');

        const latent = tf.randomNormal([3, model.latentDim]);
        const generated = model.generate(latent);
        assert.deepEqual(generated.shape, [3, ...c.data.sampleShape]);
        if (c.data.range === 'unit') {
          const values = generated.dataSync();
          assert.ok(values.every((v) => v >= 0 && v <= 1), 'images stay in [0, 1]');
        }
        const samples = tf.tensor(c.data === IMAGES ? blobs(3, 1) : points(3, 1), [3, ...c.data.sampleShape]);
        if (model.discriminate) {
          const scores = model.discriminate(samples);
          assert.deepEqual(scores.shape, [3]);
          scores.dispose();
        }
        if (model.encode) {
          const posterior = model.encode(samples);
          assert.deepEqual(posterior.mean.shape, [3, model.latentDim]);
          assert.deepEqual(posterior.logVariance.shape, [3, model.latentDim]);
          tf.dispose([posterior.mean, posterior.logVariance]);
        }
        assert.equal(model.discriminate === undefined, c.spec.type === 'vae', 'GANs discriminate, VAEs encode');
        tf.dispose([latent, generated, samples]);
        assert.equal(tf.memory().numTensors, settled, 'generate/discriminate/encode leave no tensors behind');

        const names = model.variables.map((v) => v.name);
        assert.equal(new Set(names).size, names.length, 'variable names are unique');
        assert.ok(names.some((name) => name.endsWith('/adam_m')), 'optimiser slots are listed');
      } finally {
        model.dispose();
      }
      assert.equal(tf.memory().numTensors, before, 'dispose frees everything');
    });
  }
}

test('on cpu a fixed seed gives identical steps; another seed does not', async () => {
  assert.ok(await tf.setBackend('cpu'));
  for (const c of [cases[0], cases[3], cases[5]] as Case[]) {
    const first = runSteps(c.spec, c.data, 3);
    const second = runSteps(c.spec, c.data, 3);
    const other = runSteps(c.spec, c.data, 3, 8);
    assert.deepEqual(second.reports, first.reports, c.label);
    assert.notDeepEqual(other.reports, first.reports, `${c.label}: the seed matters`);
    for (const run of [first, second, other]) run.model.dispose();
  }
});

test('a WGAN-GP step consumes one real batch per critic iteration', async () => {
  assert.ok(await tf.setBackend('cpu'));
  const model = createModel(tf, withModelDefaults({ type: 'wgan-gp', ...tiny }), POINTS, 1);
  try {
    assert.equal(model.realBatchesPerStep, 5);
    assert.throws(() => model.step([points(BATCH, 1)]), /needs 5 real batch/);
    assert.throws(() => model.step(Array.from({ length: 5 }, (_, i) => points(BATCH + i, i))), /differ in size/);
  } finally {
    model.dispose();
  }
});

test('bad data for a model is a clear error', async () => {
  assert.ok(await tf.setBackend('cpu'));
  assert.throws(() => createModel(tf, withModelDefaults({ type: 'vae', decoder: 'bernoulli' }), POINTS, 1), /Bernoulli decoder needs data in \[0, 1\]/);
  assert.throws(() => createModel(tf, withModelDefaults({ type: 'gan', architecture: 'conv' }), POINTS, 1), /height, width, channels/);
  const model = createModel(tf, withModelDefaults({ type: 'gan', ...tiny }), POINTS, 1);
  try {
    assert.throws(() => model.step([new Float32Array(7)]), /not a whole number of samples/);
  } finally {
    model.dispose();
  }
});

test('a conv VAE on wasm lowers its reconstruction loss on a small fixed set of blobs', async () => {
  assert.ok(await tf.setBackend('wasm'));
  const dataset = blobs(64, 42);
  const model = createModel(tf, withModelDefaults({ type: 'vae', architecture: 'conv', latentDim: 8, baseChannels: 8, optimizer: { learningRate: 3e-3 } }), IMAGES, 3);
  try {
    const reconstruction: number[] = [];
    for (let step = 0; step < 120; step++) {
      const start = (step % 4) * 16;
      reconstruction.push(model.step([dataset.subarray(start * 64, (start + 16) * 64)]).losses.reconstruction ?? NaN);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const early = mean(reconstruction.slice(0, 10));
    const late = mean(reconstruction.slice(-10));
    assert.ok(late < 0.6 * early, `reconstruction ${early.toFixed(1)} → ${late.toFixed(1)}`);
  } finally {
    model.dispose();
  }
});

test('a conv WGAN-GP trains the same on wasm (with genmon kernels) as on cpu', async () => {
  const c = cases[3] as Case;
  const reportsOn = async (backend: 'cpu' | 'wasm') => {
    assert.ok(await tf.setBackend(backend));
    const run = runSteps(c.spec, c.data, 3);
    run.model.dispose();
    return run.reports;
  };
  const cpu = await reportsOn('cpu');
  const wasm = await reportsOn('wasm');
  cpu.forEach((report, step) => {
    for (const [name, value] of [...Object.entries(report.losses), ...Object.entries(report.gradientNorms)]) {
      const other = (wasm[step]?.losses[name] ?? wasm[step]?.gradientNorms[name]) as number;
      assert.ok(Math.abs(other - value) <= 1e-4 * Math.max(1, Math.abs(value)), `step ${step} ${name}: wasm ${other} vs cpu ${value}`);
    }
  });
});
