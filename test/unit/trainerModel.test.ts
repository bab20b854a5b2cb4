import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../src/core/config/types';
import { createLeakyReluOp } from '../../src/trainer/activations';
import { createDenseOp } from '../../src/trainer/dense';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

const config: ExperimentConfig = parsedConfig(`
name: unit
seed: 5
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 3, generator: { hidden: [16, 16] }, discriminator: { hidden: [16] } }
training: { batchSize: 32, learningRate: 1e-3, beta1: 0.5, beta2: 0.999, maxIterations: 100, backend: cpu }
snapshot: { every: 10, realSamples: 20, generatedSamples: 12 }
`);

before(async () => {
  await tf.setBackend('cpu');
});

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Infinity);
}

test('the dense op gives the same value and gradients as tfjs autodiff of x·W + b', () => {
  const dense = createDenseOp(tf);
  const x = tf.randomNormal([5, 4], 0, 1, 'float32', 1);
  const w = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
  const b = tf.randomNormal([3], 0, 1, 'float32', 3);
  const weightsOfLoss = tf.randomNormal([5, 3], 0, 1, 'float32', 4);
  const loss = (f: (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) =>
    tf.sum(tf.mul(f(xs, ws, bs), weightsOfLoss));
  const reference = (xs: tf.Tensor, ws: tf.Tensor, bs: tf.Tensor) => tf.add(tf.matMul(xs, ws), bs);
  assert.ok(maxAbsDifference(dense(x, w, b), reference(x, w, b)) < 1e-6);
  const ours = tf.grads(loss(dense))([x, w, b]);
  const theirs = tf.grads(loss(reference))([x, w, b]);
  assert.equal(ours.length, 3);
  ours.forEach((gradient, i) => {
    assert.deepEqual(gradient.shape, theirs[i]?.shape);
    assert.ok(maxAbsDifference(gradient, theirs[i] as tf.Tensor) < 1e-5, `gradient ${i}`);
  });
  tf.dispose([x, w, b, weightsOfLoss, ...ours, ...theirs]);
});

for (const slope of [0, 0.2]) {
  test(`the activation op with slope ${slope} matches tfjs's ${slope === 0 ? 'relu' : 'leakyRelu'} and its gradient`, () => {
    const op = createLeakyReluOp(tf, slope);
    const reference = (x: tf.Tensor) => (slope === 0 ? tf.relu(x) : tf.leakyRelu(x, slope));
    const x = tf.tensor1d([-2, -0.5, 0.25, 3, -1e-3, 1e-3]);
    assert.ok(maxAbsDifference(op(x), reference(x)) < 1e-7);
    const ours = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(op(v), tf.range(1, 7))))(x);
    const theirs = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(reference(v), tf.range(1, 7))))(x);
    assert.ok(maxAbsDifference(ours, theirs) < 1e-6);
    tf.dispose([x, ours, theirs]);
  });
}

test('training allocates no tensors that outlive an iteration or a snapshot', () => {
  const session = new TrainingSession(tf, config, 0);
  try {
    for (let i = 0; i < 3; i++) session.step();
    session.snapshot(3, 1000);
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 25; i++) session.step();
    session.snapshot(28, 2000);
    assert.equal(tf.memory().numTensors, settled);
  } finally {
    session.dispose();
  }
});

test('disposing a session frees every tensor it made', () => {
  const before = tf.memory().numTensors;
  const session = new TrainingSession(tf, config, 0);
  session.step();
  session.snapshot(1, 10);
  session.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('a snapshot holds the fixed sets, the losses since the last one and their means', () => {
  const session = new TrainingSession(tf, config, 1000);
  try {
    const first = session.snapshot(0, 1000);
    assert.deepEqual(first.arrays.lossD?.shape, [0]);
    assert.equal(first.metrics.lossD, undefined, 'no loss before any step');
    for (let i = 0; i < 4; i++) session.step();
    const second = session.snapshot(4, 3000);
    assert.deepEqual(second.arrays.real?.shape, [20, 2]);
    assert.deepEqual(second.arrays.generated?.shape, [12, 2]);
    assert.deepEqual(second.arrays.latent?.shape, [12, 3]);
    assert.deepEqual(second.arrays.lossD?.shape, [4]);
    assert.deepEqual(second.arrays.lossG?.shape, [4]);
    assert.deepEqual(second.arrays['gradientNorm.discriminator']?.shape, [4]);
    assert.ok((second.metrics['gradientNorm.generator'] ?? 0) > 0, 'the generator had a gradient');
    assert.deepEqual(second.arrays.discriminatorReal?.shape, [20]);
    assert.deepEqual(second.arrays.discriminatorGenerated?.shape, [12]);
    assert.equal(second.arrays.realThumbs, undefined, 'points have no thumbnails');
    const lossD = Array.from(second.arrays.lossD?.data ?? []);
    assert.ok(Math.abs((second.metrics.lossD ?? NaN) - lossD.reduce((a, b) => a + b) / 4) < 1e-6);
    assert.equal(second.metrics.stepsPerSecond, 2, '4 steps in 2 s');
    assert.equal(second.metrics.elapsedSeconds, 2);
    assert.deepEqual(second.arrays.real?.data, first.arrays.real?.data);
    assert.deepEqual(second.arrays.latent?.data, first.arrays.latent?.data);
    assert.notDeepEqual(second.arrays.generated?.data, first.arrays.generated?.data, 'training moved the generator');
    assert.equal(session.completedIterations, 4);
  } finally {
    session.dispose();
  }
});

test('setLearningRate reaches every optimiser from the next step on', () => {
  const sessions = [new TrainingSession(tf, config, 0), new TrainingSession(tf, config, 0)];
  try {
    const [normal, frozen] = sessions as [TrainingSession, TrainingSession];
    const before = Float32Array.from(frozen.snapshot(0, 0).arrays.generated?.data as Float32Array);
    frozen.setLearningRate(1e-12);
    for (let i = 0; i < 5; i++) {
      normal.step();
      frozen.step();
    }
    const moved = (session: TrainingSession): number => {
      const after = session.snapshot(5, 1).arrays.generated?.data as Float32Array;
      return Math.max(...after.map((value, i) => Math.abs(value - (before[i] ?? 0))));
    };
    assert.ok(moved(frozen) < 1e-6, `a tiny learning rate leaves the generator in place (moved ${moved(frozen)})`);
    assert.ok(moved(normal) > 1e-3, 'the configured rate moves it');
    assert.equal(frozen.saveState().values.learningRate, 1e-12, 'checkpoints keep the changed rate');
  } finally {
    sessions.forEach((session) => session.dispose());
  }
});
