import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../src/core/config/types';
import { latestCheckpoint, listCheckpoints, readCheckpoint, writeCheckpoint, CheckpointError, type Checkpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { configHash } from '../../src/trainer/checkpoint/configHash';
import { StateMismatchError } from '../../src/trainer/checkpoint/savedState';
import { Adam } from '../../src/trainer/models/adam';
import { createRandom } from '../../src/trainer/random';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

const config: ExperimentConfig = parsedConfig(`
name: unit
seed: 11
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 3, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { batchSize: 8, learningRate: 1e-3, beta1: 0.5, beta2: 0.999, maxIterations: 100, backend: cpu }
snapshot: { every: 10, realSamples: 6, generatedSamples: 5 }
`);

before(async () => {
  await tf.setBackend('cpu');
});

function checkpointAt(iteration: number, data = Float32Array.of(1.5, -0, Number.NaN, 3e-39)): Checkpoint {
  return {
    runId: 'run-1',
    iteration,
    reason: 'command',
    configHash: configHash(config),
    elapsedSeconds: 1.25,
    settings: { learningRate: 0.002, snapshotEvery: 7 },
    state: { arrays: { weights: { shape: [2, 2], data }, empty: { shape: [0], data: new Float32Array(0) } }, values: { nested: { step: 3, spare: null } } },
  };
}

function bytes(array: Float32Array | undefined): Buffer {
  assert.ok(array);
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

test('a checkpoint reads back exactly: every float32 bit, shapes and values', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-ckpt-'));
  const written = writeCheckpoint(runDir, checkpointAt(40));
  assert.equal(written.relativePath, 'checkpoints/40');
  const read = readCheckpoint(written.path);
  assert.deepEqual(bytes(read.state.arrays.weights?.data), bytes(checkpointAt(40).state.arrays.weights?.data));
  assert.deepEqual(read.state.arrays.weights?.shape, [2, 2]);
  assert.deepEqual(read.state.arrays.empty?.shape, [0]);
  assert.deepEqual(read.state.values, { nested: { step: 3, spare: null } });
  assert.deepEqual(read.settings, { learningRate: 0.002, snapshotEvery: 7 });
  assert.equal(read.iteration, 40);
  assert.equal(read.elapsedSeconds, 1.25);
  assert.deepEqual(readdirSync(join(runDir, 'checkpoints')), ['40'], 'no temporary folder left behind');
});

test('resume picks the newest complete checkpoint: temporary folders and corrupt newer ones are skipped', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-ckpt-'));
  writeCheckpoint(runDir, checkpointAt(9));
  writeCheckpoint(runDir, checkpointAt(100));
  const newest = writeCheckpoint(runDir, checkpointAt(250));
  // A crash mid-write leaves a temporary folder with a higher iteration; it never counts.
  mkdirSync(join(runDir, 'checkpoints', '.tmp-900-1-abcd'));
  assert.deepEqual(listCheckpoints(runDir).map((entry) => entry.iteration), [9, 100, 250]);

  const data = join(newest.path, 'state.bin');
  const corrupted = readFileSync(data);
  corrupted[0] = (corrupted[0] ?? 0) ^ 0xff;
  writeFileSync(data, corrupted);
  assert.throws(() => readCheckpoint(newest.path), (error: unknown) => error instanceof CheckpointError && /checksum/.test(error.message));

  const latest = latestCheckpoint(runDir);
  assert.equal(latest.checkpoint?.iteration, 100);
  assert.equal(latest.skipped.length, 1);
  assert.match(latest.skipped[0] ?? '', /250.*checksum/);
});

test('malformed manifests are reported, not thrown as crashes', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-ckpt-'));
  const { path } = writeCheckpoint(runDir, checkpointAt(5));
  const manifestPath = join(path, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const cases: [unknown, RegExp][] = [
    ['not json', /not JSON/],
    [{ ...manifest, version: 99 }, /version 99/],
    [{ ...manifest, iteration: -1 }, /iteration/],
    [{ ...manifest, arrays: [{ ...manifest.arrays[0], byteLength: 4000 }] }, /does not fit/],
    [{ ...manifest, dataBytes: 1 }, /bytes/],
  ];
  for (const [content, message] of cases) {
    writeFileSync(manifestPath, typeof content === 'string' ? content : JSON.stringify(content));
    assert.throws(() => readCheckpoint(path), (error: unknown) => error instanceof CheckpointError && message.test(error.message), String(message));
  }
  assert.equal(latestCheckpoint(runDir).checkpoint, undefined);
  assert.equal(latestCheckpoint(mkdtempSync(join(tmpdir(), 'genmon-none-'))).checkpoint, undefined);
});

test('a second checkpoint at the same iteration replaces the first', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-ckpt-'));
  writeCheckpoint(runDir, checkpointAt(30, Float32Array.of(1, 2, 3, 4)));
  const second = writeCheckpoint(runDir, checkpointAt(30, Float32Array.of(5, 6, 7, 8)));
  assert.deepEqual(Array.from(readCheckpoint(second.path).state.arrays.weights?.data ?? []), [5, 6, 7, 8]);
  assert.deepEqual(readdirSync(join(runDir, 'checkpoints')), ['30']);
});

test('a random stream continues exactly from a saved state, spare normal included', () => {
  const original = createRandom(5, 'noise');
  original.normal(); // leaves a Box-Muller spare pending
  const state = JSON.parse(JSON.stringify(original.getState()));
  assert.notEqual(state.spare, null);
  const copy = createRandom(999, 'other');
  copy.setState(state);
  assert.deepEqual(Array.from(copy.normals(50)), Array.from(original.normals(50)));
  assert.equal(copy.uniform(), original.uniform());
  assert.throws(() => copy.setState({ words: [1, 2, 3], spare: null } as never), /random generator state/);
});

test('Adam state round-trips: restoring its variables makes a new optimizer take exactly the same next steps', () => {
  const target = [1, 2, 3];
  const run = (weights: readonly number[], slots?: readonly Float32Array[]) => {
    const variable = tf.variable(tf.tensor1d([...weights]));
    const adam = new Adam(tf, 'unit', [{ name: 'w', variable }], { learningRate: 0.01, beta1: 0.5, beta2: 0.999 });
    slots?.forEach((values, i) => adam.variables[i]?.variable.assign(tf.tensor(values, adam.variables[i]?.variable.shape)));
    const update = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(variable, tf.tensor1d(target)))) as tf.Scalar, [variable]);
        adam.apply([grads[variable.name] as tf.Tensor]);
      });
    return { variable, adam, update };
  };
  const straight = run([0.5, -1, 2]);
  for (let i = 0; i < 10; i++) straight.update();
  assert.deepEqual(straight.adam.variables.map((slot) => slot.name), ['w/adam_m', 'w/adam_v', 'unit/adam_beta1_power', 'unit/adam_beta2_power']);
  const saved = straight.adam.variables.map((slot) => Float32Array.from(slot.variable.dataSync() as Float32Array));
  const savedWeights = Array.from(straight.variable.dataSync());
  for (let i = 0; i < 10; i++) straight.update();

  const resumed = run(savedWeights, saved);
  for (let i = 0; i < 10; i++) resumed.update();
  assert.deepEqual(bytes(Float32Array.from(resumed.variable.dataSync())), bytes(Float32Array.from(straight.variable.dataSync())));
  const fresh = run(savedWeights);
  for (let i = 0; i < 10; i++) fresh.update();
  assert.notDeepEqual(bytes(Float32Array.from(fresh.variable.dataSync())), bytes(Float32Array.from(straight.variable.dataSync())), 'the restored slots matter');
  for (const { variable, adam } of [straight, resumed, fresh]) {
    adam.dispose();
    variable.dispose();
  }
});

test('a session restored from a saved state continues identically; a state of another shape is refused', () => {
  const straight = new TrainingSession(tf, config, 0);
  const resumed = new TrainingSession(tf, config, 0);
  const other = new TrainingSession(tf, parsedConfig(`${JSON.stringify({ ...config, model: { ...config.model, generator: { hidden: [9] } } })}`), 0);
  try {
    for (let i = 0; i < 7; i++) straight.step();
    const state = straight.saveState();
    resumed.restoreState(state);
    assert.equal(resumed.completedIterations, 7);
    for (let i = 0; i < 6; i++) {
      straight.step();
      resumed.step();
    }
    const a = straight.snapshot(13, 1000);
    const b = resumed.snapshot(13, 1000);
    assert.deepEqual(bytes(b.arrays.generated?.data as Float32Array), bytes(a.arrays.generated?.data as Float32Array));
    assert.deepEqual(bytes(b.arrays.lossD?.data as Float32Array), bytes(a.arrays.lossD?.data as Float32Array), 'the pending loss window is restored too');
    assert.throws(() => other.restoreState(state), (error: unknown) => error instanceof StateMismatchError && /variable\.generator\/dense0\/weights/.test(error.message));
  } finally {
    straight.dispose();
    resumed.dispose();
    other.dispose();
  }
});
