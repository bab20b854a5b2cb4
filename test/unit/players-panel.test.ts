// The Projection panel's players section content, built from multi-player snapshots.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { playersOf, playersPanelView } from '../../src/core/analysis/playersPanelView';
import type { NumericArray, SnapshotRecord } from '../../src/protocol/stream';

const f32 = (shape: number[], values: readonly number[]): NumericArray => ({ dtype: 'float32', shape, data: Float32Array.from(values) });

function snapshot(iteration: number, metrics: Record<string, number>, arrays: Record<string, NumericArray> = {}): SnapshotRecord {
  return { type: 'snapshot', iteration, time: iteration, metrics, arrays };
}

const LATEST = snapshot(
  20,
  { players: 2, referencePlayer: 1, 'auction.reference': 1, 'player0.auction.score': -0.25, 'player1.auction.score': 0.5, 'player0.lossD': 1.5, 'player1.lossD': 1.25, 'player1.gradientNorm.generator': 3 },
  {
    real: f32([2, 2], [0, 0, 1, 1]),
    'player0.generated': f32([2, 2], [0.5, 0.5, 2, 2]),
    'player1.generated': f32([2, 2], [0, 1, 1, 0]),
    'auction.bids': f32([2, 2], [0.5, 0.25, 0.75, 0.5]),
    'auction.realBids': f32([2], [0.875, 0.625]),
  },
);

test('a multi-player snapshot becomes every player, the bid matrix and the scores over time', () => {
  const history = [
    { iteration: 0, metrics: { players: 2, referencePlayer: 0 } },
    { iteration: 10, metrics: { players: 2, 'player0.auction.score': 0.125, 'player1.auction.score': -0.125 } },
    { iteration: 20, metrics: LATEST.metrics },
  ];
  const view = playersPanelView(LATEST, history);
  assert.ok(view);
  assert.equal(view.count, 2);
  assert.equal(view.reference, 1);
  assert.equal(view.iteration, 20);
  assert.deepEqual(view.realPoints, [0, 0, 1, 1]);
  assert.deepEqual(
    view.players.map((player) => [player.player, player.points, player.score, player.losses]),
    [
      [0, [0.5, 0.5, 2, 2], -0.25, { lossD: 1.5 }],
      [1, [0, 1, 1, 0], 0.5, { lossD: 1.25 }],
    ],
  );
  assert.deepEqual(view.bids, [
    [0.5, 0.25],
    [0.75, 0.5],
  ]);
  assert.deepEqual(view.realBids, [0.875, 0.625]);
  // The snapshot before the first auction has no scores: it is not a point of the chart.
  assert.deepEqual(view.scoreHistory, [
    { iteration: 10, scores: [0.125, -0.125] },
    { iteration: 20, scores: [-0.25, 0.5] },
  ]);
});

test('a single-player run has no players section', () => {
  assert.equal(playersPanelView(snapshot(5, { lossD: 1 }), []), null);
  assert.equal(playersOf({ players: 1 }), 1);
  assert.equal(playersOf({ players: 2.5 }), 1);
});

test('malformed or missing arrays are left out, and a bad reference falls back to player 0', () => {
  const bad = snapshot(3, { players: 3, referencePlayer: 7, 'player2.auction.score': Number.NaN }, {
    'player0.generated': f32([2, 3], [0, 0, 0, 0, 0, 0]),
    'player1.generated': { dtype: 'int32', shape: [1, 2], data: Int32Array.from([1, 2]) },
    'auction.bids': f32([2, 2], [0, 0, 0, 0]),
  });
  const view = playersPanelView(bad, [{ iteration: 3, metrics: bad.metrics }]);
  assert.ok(view);
  assert.equal(view.reference, 0);
  assert.ok(view.players.every((player) => player.points === undefined && player.score === null));
  assert.equal(view.bids, undefined, 'a 2×2 matrix does not fit 3 players');
  assert.equal(view.realPoints, undefined);
  assert.deepEqual(view.scoreHistory, []);
});
