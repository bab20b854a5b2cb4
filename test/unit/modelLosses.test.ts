import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../src/trainer/models/adam';
import { planConvStages } from '../../src/trainer/models/convStages';
import {
  bernoulliNegativeLogLikelihood,
  gaussianKl,
  gaussianNegativeLogLikelihood,
  gradientPenalty,
  nonSaturatingDiscriminatorLoss,
  nonSaturatingGeneratorLoss,
} from '../../src/trainer/models/losses';
import { withModelDefaults } from '../../src/trainer/models/spec';

before(async () => {
  await tf.setBackend('cpu');
});

const scalar = (t: tf.Tensor): number => {
  const value = t.dataSync()[0] ?? NaN;
  t.dispose();
  return value;
};

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

test('defaults: WGAN-GP uses λ = 10, 5 critic iterations and Adam β = (0.5, 0.9); explicit values win', () => {
  const wgan = withModelDefaults({ type: 'wgan-gp' });
  assert.equal(wgan.type, 'wgan-gp');
  if (wgan.type !== 'wgan-gp') return;
  assert.equal(wgan.gradientPenalty, 10);
  assert.equal(wgan.criticIterations, 5);
  assert.deepEqual([wgan.optimizer.beta1, wgan.optimizer.beta2], [0.5, 0.9]);
  const vae = withModelDefaults({ type: 'vae', architecture: 'conv', klAnnealIterations: 500, optimizer: { learningRate: 3e-4 } });
  assert.equal(vae.type === 'vae' && vae.klAnnealIterations, 500);
  assert.equal(vae.latentDim, 32, 'conv default latent size');
  assert.deepEqual(vae.optimizer, { learningRate: 3e-4, beta1: 0.9, beta2: 0.999 });
  assert.equal(withModelDefaults({ type: 'gan' }).architecture, 'mlp');
});

test('conv stages follow the image size: 28 → 7 in two, 32 → 4 in three, 64 → 4 in four', () => {
  assert.deepEqual(planConvStages([28, 28, 1], 32), { baseHeight: 7, baseWidth: 7, stages: 2, channels: [32, 64] });
  assert.deepEqual(planConvStages([32, 32, 3], 16), { baseHeight: 4, baseWidth: 4, stages: 3, channels: [16, 32, 64] });
  assert.equal(planConvStages([64, 64, 3], 8).stages, 4);
  assert.throws(() => planConvStages([28, 28], 32), /height, width, channels/);
  assert.throws(() => planConvStages([7, 7, 1], 32), /halves at least once/);
  assert.throws(() => planConvStages([28, 28, 1], 0), /baseChannels/);
});

test('the gradient penalty is ≈ 0 for a linear critic with a unit-norm gradient', () => {
  const points = tf.randomNormal([16, 3, 2, 1], 0, 1, 'float32', 1);
  const direction = tf.tensor1d([3, 0, -4, 0, 0, 0]).div(5);
  const critic = (x: tf.Tensor) => tf.matMul(tf.reshape(x, [-1, 6]), tf.reshape(direction, [6, 1]));
  close(scalar(gradientPenalty(tf, critic, points)), 0, 1e-6, 'penalty');
  tf.dispose([points, direction]);
});

test('the gradient penalty matches a hand computation for a critic with known per-row gradient norms', () => {
  // D(x) = Σ_j a_j·x_j² has gradient 2·a⊙x: for the rows below, norms 2·|a⊙x| are 2·1 = 2 and 2·0.5 = 1.
  const a = tf.tensor2d([[1, 0]]);
  const points = tf.tensor2d([
    [1, 7],
    [0.5, -3],
  ]);
  const critic = (x: tf.Tensor) => tf.sum(tf.mul(a, tf.square(x)), 1);
  // mean((2 − 1)², (1 − 1)²) = 0.5
  close(scalar(gradientPenalty(tf, critic, points)), 0.5, 1e-5, 'penalty');
  tf.dispose([a, points]);
});

test('the KL term matches the closed form ½ Σ (μ² + σ² − 1 − log σ²), averaged over rows', () => {
  const mean = [
    [0.5, -1],
    [2, 0],
  ];
  const logVariance = [
    [0, Math.log(4)],
    [-1, 1],
  ];
  const perRow = mean.map((row, i) => row.reduce((sum, m, j) => sum + 0.5 * (m * m + Math.exp(logVariance[i]![j]!) - 1 - logVariance[i]![j]!), 0));
  const expected = (perRow[0]! + perRow[1]!) / 2;
  close(scalar(gaussianKl(tf, tf.tensor2d(mean), tf.tensor2d(logVariance))), expected, 1e-5, 'KL');
  close(scalar(gaussianKl(tf, tf.zeros([3, 4]), tf.zeros([3, 4]))), 0, 1e-7, 'KL of the prior');
});

test('the likelihood terms match hand computations', () => {
  const logits = tf.tensor2d([[0, 2, -1]]);
  const targets = tf.tensor2d([[1, 0, 1]]);
  const softplus = (v: number) => Math.log1p(Math.exp(v));
  close(scalar(bernoulliNegativeLogLikelihood(tf, logits, targets)), softplus(0) - 0 + softplus(2) + softplus(-1) + 1, 1e-5, 'BCE');
  const logSigma = tf.scalar(Math.log(0.5));
  // Σ (x−μ)²/(2σ²) + 3·(log σ + ½ log 2π) with squared errors 1, 4, 0.
  const expected = 5 / (2 * 0.25) + 3 * (Math.log(0.5) + 0.5 * Math.log(2 * Math.PI));
  close(scalar(gaussianNegativeLogLikelihood(tf, tf.tensor2d([[0, 2, -1]]), tf.tensor2d([[1, 0, -1]]), logSigma)), expected, 1e-4, 'Gaussian NLL');
  close(scalar(nonSaturatingGeneratorLoss(tf, tf.tensor1d([0, 0]))), Math.log(2), 1e-6, 'generator loss at D = ½');
  close(scalar(nonSaturatingDiscriminatorLoss(tf, tf.tensor1d([0]), tf.tensor1d([0]))), 2 * Math.log(2), 1e-6, 'discriminator loss at D = ½');
  tf.dispose([logits, targets, logSigma]);
});

test("our Adam takes the same steps as tfjs's Adam with the same ε", () => {
  const target = tf.tensor1d([1, -2, 3]);
  const ours = tf.variable(tf.tensor1d([0.5, 0.5, 0.5]));
  const theirs = tf.variable(tf.tensor1d([0.5, 0.5, 0.5]));
  const settings = { learningRate: 0.1, beta1: 0.5, beta2: 0.9 };
  const adam = new Adam(tf, 'test', [{ name: 'x', variable: ours }], settings);
  const reference = tf.train.adam(settings.learningRate, settings.beta1, settings.beta2, 1e-8);
  const loss = (v: tf.Variable) => () => tf.sum(tf.square(tf.sub(v, target))) as tf.Scalar;
  for (let i = 0; i < 5; i++) {
    const { grads, value } = tf.variableGrads(loss(ours), [ours]);
    adam.apply([grads[ours.name] as tf.Tensor]);
    tf.dispose([value, ...Object.values(grads)]);
    reference.minimize(loss(theirs), false, [theirs]);
  }
  const difference = tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0] ?? Infinity;
  assert.ok(difference < 1e-6, `difference ${difference}`);
  assert.notDeepEqual(Array.from(ours.dataSync()), [0.5, 0.5, 0.5], 'the variable moved');
  assert.deepEqual(
    adam.variables.map((v) => v.name),
    ['x/adam_m', 'x/adam_v', 'test/adam_beta1_power', 'test/adam_beta2_power'],
  );
  close(adam.variables[2]?.variable.dataSync()[0] ?? NaN, 0.5 ** 6, 1e-9, 'β₁ power after 5 updates');
  adam.dispose();
  reference.dispose();
  tf.dispose([target, ours, theirs]);
});
