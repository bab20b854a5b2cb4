// What the loss chart draws of a snapshot's metrics.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLossMetric, lossMetricNames } from '../../src/core/monitor/lossMetrics';

test("a GAN's, a VAE's and each auction player's losses are drawn; timing, counts, gradient norms and auction bookkeeping are not", () => {
  const gan = { metrics: { lossD: 1.2, lossG: 0.8, elapsedSeconds: 3, stepsPerSecond: 40, nonFiniteWeights: 0, 'gradientNorm.generator': 2 } };
  const vae = { metrics: { loss: 5, reconstruction: 4, kl: 1 } };
  const auction = {
    metrics: { players: 2, referencePlayer: 1, 'auction.reference': 1, 'player0.lossD': 1, 'player0.lossG': 2, 'player1.lossD': 1.5, 'player0.auction.score': 0.2, 'player1.gradientNorm.discriminator': 3, 'player1.nonFiniteWeights': 0 },
  };
  assert.deepEqual(lossMetricNames([gan, undefined, vae]), ['lossD', 'lossG', 'loss', 'reconstruction', 'kl']);
  assert.deepEqual(lossMetricNames([auction]), ['player0.lossD', 'player0.lossG', 'player1.lossD']);
  assert.equal(isLossMetric('wasserstein'), true);
  assert.equal(isLossMetric('gradientPenalty'), true, 'a WGAN-GP loss term, not a gradient norm');
});
