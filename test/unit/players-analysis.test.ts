// Per-player metrics of multi-player snapshots, from hand-made points with known answers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analysisContext } from '../../src/core/analysis/analysisContext';
import { MetricsLog } from '../../src/core/analysis/metricsLog';
import { playerCount, playerMetrics } from '../../src/core/analysis/playerMetrics';
import { StreamAnalysis } from '../../src/core/analysis/streamAnalysis';
import { StreamWriter } from '../../src/core/stream/writer';
import { parsePlayerName, playerName, STREAM_FILE_NAME, type NumericArray, type SnapshotRecord } from '../../src/protocol/stream';
import { ringHeader, RING } from './support/ringSnapshots';

const root = mkdtempSync(join(tmpdir(), 'genmon-players-analysis-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Points exactly on the ring's mode centres, cycling through `modes`, moved by `shift` along x. */
function onModes(count: number, modes: readonly number[], shift = 0): NumericArray {
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * (modes[i % modes.length] as number)) / RING.modes;
    data[2 * i] = RING.radius * Math.cos(angle) + shift;
    data[2 * i + 1] = RING.radius * Math.sin(angle);
  }
  return { dtype: 'float32', shape: [count, 2], data };
}

const ALL = [0, 1, 2, 3, 4, 5, 6, 7];
const ROWS = 64;

/** Three players: 0 on every mode, 1 on modes 0 and 3 (the reference), 2 on every mode moved 1 to the right. */
function threePlayers(iteration: number): SnapshotRecord {
  const collapsed = onModes(ROWS, [0, 3]);
  return {
    type: 'snapshot',
    iteration,
    time: iteration,
    metrics: { players: 3, referencePlayer: 1 },
    arrays: {
      real: onModes(ROWS, ALL),
      generated: collapsed,
      [playerName(0, 'generated')]: onModes(ROWS, ALL),
      [playerName(1, 'generated')]: collapsed,
      [playerName(2, 'generated')]: onModes(ROWS, ALL, 1),
    },
  };
}

// Every point sits on a centre, and the other modes are ≥ 30σ away: each point's density is that of one mode.
const ON_CENTRE_LOG_LIKELIHOOD = Math.log(1 / RING.modes / (2 * Math.PI * RING.sigma ** 2));

test('each player gets its mixture log-likelihood, modes covered and Fréchet distance to the real set', () => {
  const context = analysisContext(ringHeader());
  const players = playerMetrics(threePlayers(100).arrays, context);
  assert.ok(players);
  assert.deepEqual(
    players.map((player) => [player.player, player.modesCovered, player.modeCount]),
    [
      [0, 8, 8],
      [1, 2, 8],
      [2, 0, 8],
    ],
  );
  assert.ok(Math.abs((players[0]?.meanLogLikelihood as number) - ON_CENTRE_LOG_LIKELIHOOD) < 1e-9);
  assert.ok(Math.abs((players[1]?.meanLogLikelihood as number) - ON_CENTRE_LOG_LIKELIHOOD) < 1e-9);
  assert.ok((players[2]?.meanLogLikelihood ?? Number.NEGATIVE_INFINITY) < ON_CENTRE_LOG_LIKELIHOOD - 100, 'points 20σ off their modes are unlikely');
  // Identical rows: distance 0. The same rows moved by 1: only the mean term, 1² = 1.
  assert.ok(Math.abs(players[0]?.frechet as number) < 1e-9);
  assert.ok((players[1]?.frechet as number) > 1, 'two modes instead of eight: far from the real set');
  assert.ok(Math.abs((players[2]?.frechet as number) - 1) < 1e-5);
  assert.ok(players.every((player) => player.skipped.length === 0));
});

test('a single-player snapshot has no player metrics; players are counted up to the first missing index', () => {
  const context = analysisContext(ringHeader());
  const single = threePlayers(1);
  const arrays = { real: single.arrays.real as NumericArray, generated: single.arrays.generated as NumericArray };
  assert.equal(playerMetrics(arrays, context), undefined);
  assert.equal(playerCount({ ...arrays, [playerName(0, 'generated')]: arrays.generated, [playerName(2, 'generated')]: arrays.generated }), 1);
});

test('a malformed player array is skipped with the reason, and the other players are still measured', () => {
  const context = analysisContext(ringHeader());
  const snapshot = threePlayers(1);
  const broken = { ...snapshot.arrays, [playerName(1, 'generated')]: { dtype: 'int32', shape: [ROWS, 2], data: new Int32Array(ROWS * 2) } as NumericArray };
  const players = playerMetrics(broken, context);
  assert.equal(players?.length, 3);
  assert.equal(players?.[1]?.modesCovered, undefined);
  assert.deepEqual(players?.[1]?.skipped, ['mixture: player1.generated is not a [n, 2] float32 array', 'frechet: no features for this player']);
  assert.equal(players?.[0]?.modesCovered, 8);
});

test('the stream analysis records players[i] in metrics.jsonl, while the run metrics (and alerts) are the reference player’s', () => {
  const runDir = mkdtempSync(join(root, 'run-'));
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  for (const iteration of [100, 200]) writer.write(threePlayers(iteration));
  writer.close();
  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.problems, []);
  assert.equal(result.analysed[0]?.metrics.mixture?.modesCovered, 2, 'the unprefixed arrays are the reference player (1)');
  assert.deepEqual(result.analysed[0]?.players?.map((player) => player.modesCovered), [8, 2, 0]);
  const entries = new MetricsLog(runDir).read().entries;
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[1]?.players?.map((player) => [player.player, player.modesCovered]), [
    [0, 8],
    [1, 2],
    [2, 0],
  ]);
});

test('player names: built and parsed back, and other names are not player names', () => {
  assert.equal(playerName(3, 'generatedFeatures'), 'player3.generatedFeatures');
  assert.deepEqual(parsePlayerName('player12.gradientNorm.generator'), { player: 12, name: 'gradientNorm.generator' });
  for (const other of ['generated', 'player.generated', 'player01.generated', 'players.3', 'player3.']) assert.equal(parsePlayerName(other), undefined, other);
  assert.throws(() => playerName(-1, 'generated'), /player indices/);
});
