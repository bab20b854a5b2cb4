// Multi-player (auction) runs through `genmon train`: the snapshot arrays, checkpoint/resume equality, control commands.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { CONTROL_FILE_NAME } from '../../src/protocol/control';
import { STREAM_FILE_NAME, type SnapshotRecord } from '../../src/protocol/stream';
import { readCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { EVALUATOR_TRAINING_ENV } from '../../src/trainer/runEvaluator';
import { assertSameTrainingState, cli, records } from './support/runTools';

process.env[EVALUATOR_TRAINING_ENV] = JSON.stringify({ maxIterations: 2, heldOutCount: 20 });

function writeConfig(dir: string, maxIterations: number, model = 'type: gan, players: 2'): string {
  const file = join(dir, 'players.genmon.yaml');
  writeFileSync(
    file,
    `name: players
seed: 21
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { ${model}, latentDim: 3, generator: { hidden: [16, 16] }, discriminator: { hidden: [16] } }
training: { batchSize: 16, learningRate: 0.001, maxIterations: ${maxIterations}, backend: cpu }
snapshot: { every: 50, realSamples: 16, generatedSamples: 12 }
`,
  );
  return file;
}

function snapshots(runDir: string): SnapshotRecord[] {
  return records(runDir).filter((record): record is SnapshotRecord => record.type === 'snapshot');
}

test('cpu, 2 players: 200 iterations, then --resume to 400, gives exactly the state and snapshots of 400 uninterrupted iterations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-players-'));
  const config = writeConfig(dir, 200);
  const straightDir = join(dir, 'straight');
  const resumedDir = join(dir, 'resumed');
  const straight = await cli(['train', config, '--run-dir', straightDir, '--max-iterations', '400']);
  assert.equal(straight.code, 0, straight.err);
  assert.equal((await cli(['train', config, '--run-dir', resumedDir])).code, 0);
  const resumed = await cli(['train', '--resume', resumedDir, '--max-iterations', '400']);
  assert.equal(resumed.code, 0, resumed.err);

  const expected = readCheckpoint(join(straightDir, 'checkpoints', '400'));
  assertSameTrainingState(readCheckpoint(join(resumedDir, 'checkpoints', '400')), expected);
  // Both players' weights and optimiser state are in the checkpoint, and differ between players.
  const names = Object.keys(expected.state.arrays);
  assert.ok(names.some((name) => name.startsWith('player0.variable.')) && names.some((name) => name.startsWith('player1.variable.')));
  const firstWeight = names.find((name) => name.startsWith('player0.variable.')) as string;
  assert.notDeepEqual(expected.state.arrays[firstWeight]?.data, expected.state.arrays[firstWeight.replace('player0.', 'player1.')]?.data);

  const last = (runDir: string): SnapshotRecord => snapshots(runDir).at(-1) as SnapshotRecord;
  const [a, b] = [last(straightDir), last(resumedDir)];
  assert.equal(a.iteration, 400);
  for (const name of ['generated', 'player0.generated', 'player1.generated', 'auction.bids', 'auction.scores', 'lossD']) {
    assert.deepEqual(b.arrays[name]?.data, a.arrays[name]?.data, name);
  }
  assert.equal(b.metrics.referencePlayer, a.metrics.referencePlayer);
});

test('a 2-player snapshot carries every player, the latest auction, and the reference player under the single-player names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-players-'));
  const runDir = join(dir, 'run');
  const run = await cli(['train', writeConfig(dir, 50, 'type: wgan-gp, players: 2, criticIterations: 2'), '--run-dir', runDir]);
  assert.equal(run.code, 0, run.err);
  const [first, second] = snapshots(runDir);
  assert.ok(first && second);
  assert.equal(first.metrics.players, 2);
  assert.equal(first.metrics.referencePlayer, 0, 'before the first auction the reference is player 0');
  assert.equal(first.arrays['auction.bids'], undefined);
  assert.equal(first.metrics['auction.reference'], undefined);

  const reference = second.metrics.referencePlayer as number;
  assert.equal(second.metrics['auction.reference'], reference);
  assert.deepEqual(second.arrays['auction.bids']?.shape, [2, 2]);
  assert.deepEqual(second.arrays['auction.realBids']?.shape, [2]);
  const scores = Array.from(second.arrays['auction.scores']?.data as Float32Array);
  assert.equal(scores.length, 2);
  assert.equal(scores.indexOf(Math.max(...scores)), reference, 'the reference has the best score');
  for (const player of [0, 1]) assert.deepEqual(second.arrays[`player${player}.generated`]?.shape, [12, 2]);
  assert.deepEqual(second.arrays.generated?.data, second.arrays[`player${reference}.generated`]?.data);
  assert.notDeepEqual(second.arrays['player0.generated']?.data, second.arrays['player1.generated']?.data);
  assert.equal(second.metrics.lossD, second.metrics[`player${reference}.lossD`]);
  assert.ok(Number.isFinite(second.metrics['player0.lossG']) && Number.isFinite(second.metrics['player1.lossG']));
  assert.deepEqual(second.arrays.discriminatorGenerated?.shape, [12]);
});

test('a VAE with players > 1 is refused by the config check before training', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-players-'));
  const file = join(dir, 'vae.genmon.yaml');
  writeFileSync(file, 'name: v\ndataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }\nmodel: { type: vae, players: 2 }\n');
  const result = await cli(['train', file, '--run-dir', join(dir, 'run')]);
  assert.notEqual(result.code, 0);
  assert.match(result.err, /players/);
  assert.equal(existsSync(join(dir, 'run', STREAM_FILE_NAME)), false);
});

test('control on a multi-player run: augment and sample are refused as not supported, pause/set/checkpoint/stop work', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-players-'));
  const runDir = join(dir, 'run');
  const done = cli(['train', writeConfig(dir, 100000), '--run-dir', runDir]);
  const deadline = Date.now() + 30000;
  while (!existsSync(join(runDir, CONTROL_FILE_NAME))) {
    assert.ok(Date.now() < deadline, 'control.json appears');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const client = await TrainerControlClient.connect(runDir);
  try {
    assert.ok((await client.send({ type: 'pause' })).ok);
    const augment = await client.send({ type: 'augment', group: { mode: '3' }, method: 'reweight', factor: 4 });
    assert.ok(!augment.ok && augment.code === 'not-supported' && /not supported for multi-player runs yet/.test(augment.message), JSON.stringify(augment));
    const sample = await client.send({ type: 'sample', method: 'magnet' });
    assert.ok(!sample.ok && sample.code === 'not-supported' && /not supported for multi-player runs yet/.test(sample.message), JSON.stringify(sample));
    const set = await client.send({ type: 'set', learningRate: 0.0005 });
    assert.ok(set.ok, JSON.stringify(set));
    const checkpoint = await client.send({ type: 'checkpoint' });
    assert.ok(checkpoint.ok, JSON.stringify(checkpoint));
    assert.ok((await client.send({ type: 'resume' })).ok);
  } finally {
    // Whatever failed above, the trainer must not outlive the test.
    const stop = await client.send({ type: 'stop' });
    await client.close();
    assert.ok(stop.ok, JSON.stringify(stop));
  }
  const result = await done;
  assert.equal(result.code, 0, result.err);
  const end = records(runDir).at(-1);
  assert.ok(end?.type === 'end' && end.reason === 'stopped', JSON.stringify(end));
  const saved = readCheckpoint(join(runDir, 'checkpoints', String(end.iteration)));
  assert.equal(saved.state.values.learningRate, 0.0005);
  assert.equal(saved.state.values.players, 2);
});
