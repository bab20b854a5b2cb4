import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAuctionOptions, AUCTION_DEFAULTS } from '../../src/trainer/auction/options';
import { bestPlayer, playerScores, type BidTable } from '../../src/trainer/auction/score';

// bids[bidder][seller]; the diagonal (a discriminator on its own generator) must never count.
const table: BidTable = {
  bids: [
    [0.9, 0.2, 0.6],
    [0.5, 0.9, 0.4],
    [0.3, 0.1, 0.9],
  ],
  realBids: [0.8, 0.6, 0.4],
};

const close = (actual: readonly number[], expected: readonly number[]): void => {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => assert.ok(Math.abs(value - (expected[i] as number)) < 1e-12, `score ${i}: ${value} vs ${expected[i]}`));
};

describe('auction scores', () => {
  it('bids: the mean of the other discriminators\' bids on each generator', () => {
    close(playerScores('bids', table), [(0.5 + 0.3) / 2, (0.2 + 0.1) / 2, (0.6 + 0.4) / 2]);
  });

  it('relative: each bid less what that bidder gives real data', () => {
    close(playerScores('relative', table), [(0.5 - 0.6 + 0.3 - 0.4) / 2, (0.2 - 0.8 + 0.1 - 0.4) / 2, (0.6 - 0.8 + 0.4 - 0.6) / 2]);
  });

  it('relative ignores a constant offset of one bidder, which bids does not', () => {
    const shifted: BidTable = { bids: table.bids.map((row, b) => row.map((v) => (b === 2 ? v + 10 : v))), realBids: table.realBids.map((v, b) => (b === 2 ? v + 10 : v)) };
    close(playerScores('relative', shifted), playerScores('relative', table));
    assert.notDeepEqual(playerScores('bids', shifted), playerScores('bids', table));
  });

  it('pair: relative plus how far the own discriminator puts real data above the others\' samples', () => {
    const relative = playerScores('relative', table);
    const skill = [0.8 - (0.2 + 0.6) / 2, 0.6 - (0.5 + 0.4) / 2, 0.4 - (0.3 + 0.1) / 2];
    close(playerScores('pair', table), relative.map((r, i) => r + (skill[i] as number)));
  });

  it('refuses fewer than 2 players and a table whose sizes disagree', () => {
    assert.throws(() => playerScores('bids', { bids: [[0.5]], realBids: [0.5] }), /at least 2 players, got 1/);
    assert.throws(() => playerScores('bids', { bids: [[0.5, 0.5]], realBids: [0.5, 0.5] }), /2×2 matrix/);
  });

  it('the best player is the highest score, the first among ties, never a NaN', () => {
    assert.equal(bestPlayer([0.1, 0.7, 0.3]), 1);
    assert.equal(bestPlayer([0.7, 0.2, 0.7]), 0);
    assert.equal(bestPlayer([Number.NaN, -1, -2]), 1);
    assert.throws(() => bestPlayer([Number.NaN, Number.NaN]), /no player has a finite score/);
  });
});

describe('auction options', () => {
  it('accepts the defaults for any player count in range', () => {
    assert.doesNotThrow(() => checkAuctionOptions(1, AUCTION_DEFAULTS));
    assert.doesNotThrow(() => checkAuctionOptions(16, AUCTION_DEFAULTS));
  });

  it('names the bad setting', () => {
    assert.throws(() => checkAuctionOptions(0, AUCTION_DEFAULTS), /players must be an integer from 1 to 16, got 0/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, every: 1.5 }), /auction\.every must be a positive integer, got 1\.5/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, score: 'max' as never }), /auction\.score must be one of bids, relative, pair, got 'max'/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, alignment: { ...AUCTION_DEFAULTS.alignment, weight: 0 } }), /alignment\.weight/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, alignment: { ...AUCTION_DEFAULTS.alignment, loss: 'kl' as never } }), /alignment\.loss must be one of mse, l1/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, alignment: { ...AUCTION_DEFAULTS.alignment, steps: -1 } }), /alignment\.steps/);
    assert.throws(() => checkAuctionOptions(2, { ...AUCTION_DEFAULTS, alignment: { ...AUCTION_DEFAULTS.alignment, samples: 'all' as never } }), /alignment\.samples must be one of own, reference, got 'all'/);
  });
});
