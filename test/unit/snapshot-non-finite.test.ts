import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { countNonFinite, NON_FINITE_WEIGHTS_METRIC } from '../../src/trainer/snapshot/nonFiniteWeights';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

let backend: SelectedBackend;
before(async () => {
  backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
});

test('counts NaN, +Infinity and -Infinity over every tensor, and leaks no tensors', () => {
  const { tf } = backend;
  const tensors = [
    tf.tensor2d([1, Number.NaN, 3, Number.POSITIVE_INFINITY], [2, 2]),
    tf.scalar(Number.NEGATIVE_INFINITY),
    tf.tensor1d([0, -0, 1e38, -1e-45]),
    tf.tensor1d([Number.NaN, Number.NaN]),
  ];
  try {
    const before = tf.memory().numTensors;
    assert.equal(countNonFinite(tf, tensors), 5);
    assert.equal(countNonFinite(tf, tensors.slice(2, 3)), 0);
    assert.equal(countNonFinite(tf, []), 0);
    assert.equal(tf.memory().numTensors, before);
  } finally {
    tf.dispose(tensors);
  }
});

test('counts across tensors too large to join, and ignores integer tensors', () => {
  const { tf } = backend;
  const large = new Float32Array((1 << 20) + 3);
  large[large.length - 1] = Number.NaN;
  large[0] = Number.POSITIVE_INFINITY;
  const tensors = [tf.tensor1d([Number.NaN]), tf.tensor1d(large), tf.tensor1d([1, Number.NEGATIVE_INFINITY]), tf.tensor1d([7, 8], 'int32'), tf.tensor1d([], 'float32')];
  try {
    assert.equal(countNonFinite(tf, tensors), 4);
    assert.equal(countNonFinite(tf, tensors.slice(3)), 0);
  } finally {
    tf.dispose(tensors);
  }
});

const config = parsedConfig(`name: non-finite
seed: 5
dataset: { type: gaussian-mixture, layout: ring, modes: 4 }
model: { type: gan, latentDim: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 4, maxIterations: 2 }
snapshot: { every: 1, realSamples: 8, generatedSamples: 8 }
`);

test('every snapshot reports nonFiniteWeights: 0 for a healthy model', () => {
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    assert.equal(session.snapshot(0, 1).metrics[NON_FINITE_WEIGHTS_METRIC], 0);
    session.step();
    assert.equal(session.snapshot(1, 2).metrics.nonFiniteWeights, 0);
  } finally {
    session.dispose();
  }
});

test('nonFiniteWeights counts the broken values across weights and optimiser state', () => {
  const session = new TrainingSession(backend.tf, config, 0);
  try {
    session.step();
    const state = session.saveState();
    const names = Object.keys(state.arrays).filter((name) => name.startsWith('variable.'));
    const weight = names.find((name) => !name.includes('adam'));
    const slot = names.find((name) => name.endsWith('/adam_v'));
    assert.ok(weight && slot, names.join(', '));
    const weightData = state.arrays[weight]?.data;
    const slotData = state.arrays[slot]?.data;
    assert.ok(weightData && weightData.length >= 2 && slotData && slotData.length >= 1);
    weightData[0] = Number.NaN;
    weightData[1] = Number.NEGATIVE_INFINITY;
    slotData[0] = Number.POSITIVE_INFINITY;
    session.restoreState(state);
    assert.equal(session.snapshot(1, 2).metrics.nonFiniteWeights, 3);
  } finally {
    session.dispose();
  }
});
