import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { alignToReference, disagreement } from '../../src/trainer/auction/alignment';
import { AuctionTrainer, type AuctionTrainerSettings, type RealBatchSource } from '../../src/trainer/auction/auctionTrainer';
import { bidTable } from '../../src/trainer/auction/bids';
import { mixtureBatchSource } from '../../src/trainer/auction/mixtureBatches';
import { AUCTION_DEFAULTS } from '../../src/trainer/auction/options';
import { asAuctionPlayer, type AuctionPlayer } from '../../src/trainer/auction/outputs';
import { bestPlayer, playerScores } from '../../src/trainer/auction/score';
import { createModel, type ModelData } from '../../src/trainer/models/createModel';
import { withModelDefaults, type ModelSpec, type ModelSpecInput } from '../../src/trainer/models/spec';
import { createRandom } from '../../src/trainer/random';

const POINTS: ModelData = { sampleShape: [2], range: 'unbounded' };
const RING = { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 } as const;
const ROWS = 8;
const tiny = (type: 'gan' | 'wgan-gp', learningRate = 2e-4): ModelSpec =>
  withModelDefaults({ type, latentDim: 2, hidden: [8], optimizer: { learningRate }, ...(type === 'wgan-gp' ? { criticIterations: 2 } : {}) } as ModelSpecInput);
const settings = (overrides: Partial<AuctionTrainerSettings> = {}): AuctionTrainerSettings => ({ mode: 'auction', auction: AUCTION_DEFAULTS, batchSize: ROWS, ...overrides });

before(async () => {
  assert.ok(await tf.setBackend('cpu'));
});

function players(spec: ModelSpec, count: number): AuctionPlayer[] {
  return Array.from({ length: count }, (_, i) => asAuctionPlayer(createModel(tf, spec, POINTS, 100 + i)));
}

const latent = (seed: number): tf.Tensor => tf.tensor2d(createRandom(seed, 'z').normals(ROWS * 2), [ROWS, 2]);
const realBatch = (seed: number): tf.Tensor => tf.tensor2d(mixtureBatchSource(RING, seed, ROWS).next('auction'), [ROWS, 2]);

function meanOf(tensor: tf.Tensor): number {
  const mean = tf.mean(tensor);
  const value = mean.dataSync()[0] as number;
  tf.dispose([mean, tensor]);
  return value;
}

describe('bids', () => {
  for (const type of ['gan', 'wgan-gp'] as const) {
    it(`${type}: B[i][j] is discriminator i's mean output on generator j's batch, R[i] its mean on the real batch`, () => {
      const group = players(tiny(type), 3);
      const z = latent(1);
      const real = realBatch(1);
      const fakes = group.map((player) => player.generate(z));
      try {
        const table = bidTable(tf, group, real, fakes);
        assert.equal(table.bids.length, 3);
        assert.ok(table.bids.every((row) => row.length === 3));
        assert.equal(table.realBids.length, 3);
        // Computed one batch at a time, so the one-pass concat/split of bidTable is checked against it.
        const says = (i: number, samples: tf.Tensor): number => {
          const raw = (group[i] as AuctionPlayer).discriminate(samples);
          try {
            return meanOf(type === 'gan' ? tf.sigmoid(raw) : raw.clone());
          } finally {
            raw.dispose();
          }
        };
        for (let i = 0; i < 3; i++) {
          assert.ok(Math.abs((table.realBids[i] as number) - says(i, real)) < 1e-5);
          for (let j = 0; j < 3; j++) assert.ok(Math.abs((table.bids[i]?.[j] as number) - says(i, fakes[j] as tf.Tensor)) < 1e-5, `B[${i}][${j}]`);
        }
        if (type === 'gan') assert.ok(table.bids.flat().every((bid) => bid > 0 && bid < 1), 'a GAN bids probabilities');
        // Different players must disagree, or the test could not tell rows or columns apart.
        assert.notEqual(table.bids[0]?.[1], table.bids[1]?.[0]);
      } finally {
        tf.dispose([z, real, ...fakes]);
        for (const player of group) player.dispose();
      }
    });
  }

  it('refuses batches that do not match the players', () => {
    const group = players(tiny('gan'), 2);
    const real = realBatch(2);
    try {
      assert.throws(() => bidTable(tf, group, real, [real]), /one generated batch per player: 2 players, 1 batches/);
    } finally {
      real.dispose();
      for (const player of group) player.dispose();
    }
  });
});

describe('alignment', () => {
  for (const loss of ['mse', 'l1'] as const) {
    it(`${loss}: steps towards the reference reduce the disagreement and move only the aligned discriminator`, () => {
      const [player, reference] = players(tiny('gan', 0.01), 2) as [AuctionPlayer, AuctionPlayer];
      const z = latent(3);
      const fake = player.generate(z);
      const real = realBatch(3);
      const samples = tf.concat([real, fake], 0);
      const snapshot = (p: AuctionPlayer, prefix = ''): number[][] => p.variables.filter(({ name }) => name.startsWith(prefix)).map(({ variable }) => Array.from(variable.dataSync()));
      try {
        const referenceBefore = snapshot(reference);
        const generatorBefore = snapshot(player, 'generator/');
        assert.ok(generatorBefore.length > 0);
        const before = disagreement(tf, loss, player, reference, samples);
        const losses = alignToReference(tf, player, reference, samples, { loss, weight: 1, steps: 30 });
        const after = disagreement(tf, loss, player, reference, samples);
        assert.equal(losses.length, 30);
        assert.ok(Math.abs((losses[0] as number) - before) < 1e-5, 'the first loss is the disagreement before any step');
        assert.ok(after < before * 0.8, `disagreement ${before} → ${after}`);
        assert.deepEqual(snapshot(reference), referenceBefore);
        assert.deepEqual(snapshot(player, 'generator/'), generatorBefore);
      } finally {
        tf.dispose([z, fake, real, samples]);
        player.dispose();
        reference.dispose();
      }
    });
  }

  it('a weight scales the loss it reports', () => {
    const [player, reference] = players(tiny('wgan-gp'), 2) as [AuctionPlayer, AuctionPlayer];
    const samples = realBatch(4);
    try {
      const plain = disagreement(tf, 'mse', player, reference, samples);
      const [weighted] = alignToReference(tf, player, reference, samples, { loss: 'mse', weight: 3, steps: 1 });
      assert.ok(Math.abs((weighted as number) - 3 * plain) < 1e-4 * Math.max(1, plain), `${weighted} vs 3 × ${plain}`);
      assert.throws(() => alignToReference(tf, player, player, samples, { loss: 'mse', weight: 1, steps: 1 }), /not aligned to itself/);
    } finally {
      samples.dispose();
      player.dispose();
      reference.dispose();
    }
  });
});

describe('the auction trainer', () => {
  it('holds an auction every `every` iterations; the reference is the best score and every other player aligns', () => {
    const auction = { ...AUCTION_DEFAULTS, every: 2, score: 'pair' as const, alignment: { loss: 'mse' as const, samples: 'reference' as const, weight: 1, steps: 2 } };
    const trainer = AuctionTrainer.create(tf, tiny('gan'), POINTS, 9, 3, settings({ auction }), mixtureBatchSource(RING, 9, ROWS));
    try {
      const iterations = Array.from({ length: 4 }, () => trainer.iterate());
      assert.deepEqual(iterations.map((it) => it.iteration), [1, 2, 3, 4]);
      assert.deepEqual(iterations.map((it) => it.round !== undefined), [false, true, false, true]);
      assert.ok(iterations.every((it) => it.steps.length === 3 && it.steps.every((step) => Number.isFinite(step.losses['lossD']))));
      for (const { round } of iterations) {
        if (round === undefined) continue;
        assert.deepEqual(round.scores, playerScores('pair', round.bids));
        assert.equal(round.reference, bestPlayer(round.scores));
        assert.ok(round.scores.every((score) => score <= (round.scores[round.reference] as number)));
        round.alignmentLosses.forEach((losses, i) => assert.equal(losses.length, i === round.reference ? 0 : 2));
      }
    } finally {
      trainer.dispose();
    }
  });

  it('independent mode trains the same players on the same data without auctions', () => {
    const make = (mode: 'auction' | 'independent'): AuctionTrainer => AuctionTrainer.create(tf, tiny('gan'), POINTS, 4, 2, settings({ mode }), mixtureBatchSource(RING, 4, ROWS));
    const independent = make('independent');
    const auctioned = make('auction');
    try {
      const first = independent.iterate();
      const second = auctioned.iterate();
      assert.equal(first.round, undefined);
      assert.ok(second.round !== undefined);
      // Same seeds and data: the first ordinary steps agree; only the auction sets them apart afterwards.
      assert.deepEqual(first.steps, second.steps);
      assert.throws(() => independent.runAuction(), /needs auction mode and at least 2 players/);
    } finally {
      independent.dispose();
      auctioned.dispose();
    }
  });

  it('with one player it is exactly the plain model of the same seed', () => {
    const spec = tiny('wgan-gp');
    const batches = (): RealBatchSource => mixtureBatchSource(RING, 11, ROWS);
    const trainer = AuctionTrainer.create(tf, spec, POINTS, 5, 1, settings(), batches());
    const plain = createModel(tf, spec, POINTS, 5);
    const source = batches();
    try {
      for (let i = 0; i < 3; i++) {
        const { steps, round } = trainer.iterate();
        assert.equal(round, undefined);
        assert.deepEqual(steps[0], plain.step(Array.from({ length: plain.realBatchesPerStep }, () => source.next(0))));
      }
      const values = (model: { variables: readonly { variable: tf.Variable }[] }): number[][] => model.variables.map(({ variable }) => Array.from(variable.dataSync()));
      assert.deepEqual(values(trainer.players[0] as never), values(plain));
    } finally {
      trainer.dispose();
      plain.dispose();
    }
  });

  it('refuses an auction between VAEs and players whose latent sizes differ', () => {
    const vae = withModelDefaults({ type: 'vae', latentDim: 2, hidden: [8], decoder: 'gaussian' });
    assert.throws(() => AuctionTrainer.create(tf, vae, POINTS, 1, 2, settings(), mixtureBatchSource(RING, 1, ROWS)), /a vae model has no discriminator/);
    const mixed = [createModel(tf, tiny('gan'), POINTS, 1), createModel(tf, withModelDefaults({ type: 'gan', latentDim: 3, hidden: [8] }), POINTS, 2)];
    try {
      assert.throws(() => new AuctionTrainer(tf, mixed, settings(), mixtureBatchSource(RING, 1, ROWS), createRandom(1, 'auction')), /latent sizes differ \(2, 3\)/);
    } finally {
      for (const model of mixed) model.dispose();
    }
  });
});
