import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { analysisContext } from '../../src/core/analysis/analysisContext';
import { compareMagnetSamples } from '../../src/core/analysis/magnetComparison';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { binnedTvDistanceToUniform, ksDistanceToUniform } from '../../src/core/magnet/uniformity';
import { readStreamFile } from '../../src/core/stream/reader';
import type { ControlReply } from '../../src/protocol/control';
import { STREAM_FILE_NAME, type EventRecord, type HeaderRecord, type SnapshotRecord, type StreamRecord } from '../../src/protocol/stream';
import { selectBackend } from '../../src/trainer/backend';
import type { Evaluator, EvaluatorOutput } from '../../src/trainer/evaluator/evaluator';
import { halfCircleManifold } from '../../src/trainer/magnet/knownManifolds';
import { runTrainer } from '../../src/trainer/runTrainer';
import { prepareSampling, type SampleSource } from '../../src/trainer/sampling/drawSampleSets';
import { SampleError } from '../../src/trainer/sampling/sampleError';
import { StopSignal } from '../../src/trainer/stopSignal';
import { parsedConfig } from './support/parsedConfig';
import { waitFor } from './support/waitFor';

const root = mkdtempSync(join(tmpdir(), 'genmon-magnet-sample-'));
after(() => rmSync(root, { recursive: true, force: true }));
before(async () => {
  assert.ok(await tf.setBackend('cpu'));
});

/** Points are their own features; the attribute says which half of the arc (by x) a point lies on. */
function halfEvaluator(): Evaluator {
  return {
    kind: 'coordinates',
    featureDim: 2,
    sampleShape: [2],
    attributes: [{ name: 'half', values: ['right', 'left'] }],
    accuracy: { half: 1 },
    chanceAccuracy: { half: 0.5 },
    heldOutCount: 0,
    trainedIterations: 0,
    trainingSeconds: 0,
    fromCache: false,
    evaluate(samples: Float32Array, count: number): EvaluatorOutput {
      const predictions = new Int32Array(count);
      for (let n = 0; n < count; n++) predictions[n] = (samples[2 * n] as number) < 0 ? 1 : 0;
      return { features: samples.slice(), predictions, confidence: new Float32Array(count).fill(1) };
    },
    trustworthy: () => true,
    dispose: () => undefined,
  };
}

function halfCircleSource(): SampleSource {
  const manifold = halfCircleManifold(tf, { exponent: 3 });
  return {
    tf,
    model: { ...manifold, type: 'gan' },
    evaluator: halfEvaluator(),
    form: { kind: 'points', shape: [2], projectionImageSize: 16, thumbnails: 0, thumbnailSize: 16 },
    seed: 3,
  };
}

test('on a generator with a known manifold, the MaGNET set is measurably more uniform than the standard one', () => {
  const source = halfCircleSource();
  const outcome = prepareSampling(source, { method: 'magnet', count: 300, poolSize: 3000 })(40);
  const standard = outcome.arrays.standard;
  const magnet = outcome.arrays.magnet;
  assert.deepEqual(standard?.shape, [300, 2]);
  assert.deepEqual(magnet?.shape, [300, 2]);
  assert.deepEqual(outcome.arrays.magnetLatent?.shape, [300, 1]);
  assert.deepEqual(outcome.arrays.standardPredictions?.shape, [300, 1]);
  assert.equal(outcome.arrays.standardFeatures, undefined, 'points are their own features');
  assert.deepEqual(
    { method: outcome.details.method, sampled: outcome.details.sampled, iteration: outcome.details.iteration, count: outcome.details.count, poolSize: outcome.details.poolSize, k: outcome.details.k, rho: outcome.details.rho },
    { method: 'magnet', sampled: 'generator', iteration: 40, count: 300, poolSize: 3000, k: 1, rho: 1 },
  );
  const manifold = halfCircleManifold(tf, { exponent: 3 });
  const standardKs = ksDistanceToUniform(manifold.positions(standard?.data as Float32Array));
  const magnetKs = ksDistanceToUniform(manifold.positions(magnet?.data as Float32Array));
  assert.ok(magnetKs < 0.85 * standardKs, `KS distance to uniform: MaGNET ${magnetKs.toFixed(3)}, standard ${standardKs.toFixed(3)}`);
});

test('a sample request the model cannot satisfy is refused before anything is drawn', () => {
  const source = halfCircleSource();
  assert.throws(() => prepareSampling(source, { method: 'magnet', k: 2 }), (error: unknown) => error instanceof SampleError && error.code === 'invalid-request' && /k must be an integer of at least 1 and at most 1/.test(error.message));
  assert.throws(() => prepareSampling(source, { method: 'magnet', count: 300, poolSize: 100 }), (error: unknown) => error instanceof SampleError && /sampleCount/.test(error.message));
  assert.throws(() => prepareSampling({ ...source, evaluator: undefined }, { method: 'magnet' }), (error: unknown) => error instanceof SampleError && error.code === 'not-supported' && /evaluator is not ready/.test(error.message));
});

const ringConfig = parsedConfig(`name: ring-sample
seed: 7
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 2, generator: { hidden: [32, 32] }, discriminator: { hidden: [32, 32] } }
training: { batchSize: 64, learningRate: 0.001, beta1: 0.5, maxIterations: 100000000, backend: cpu }
snapshot: { every: 50, realSamples: 256, generatedSamples: 64 }
`);

/** A trainer on the cpu backend takes its time to reach a snapshot on a loaded machine. */
const TRAINER_WAIT_MS = 120_000;

function records(runDir: string): StreamRecord[] {
  try {
    return readStreamFile(join(runDir, STREAM_FILE_NAME)).records.map((entry) => entry.record);
  } catch {
    return [];
  }
}

function ok(reply: ControlReply): asserts reply is Extract<ControlReply, { ok: true }> {
  assert.ok(reply.ok, JSON.stringify(reply));
}

test('`sample` over the control channel of a ring GAN: acked, then one `sampled` event with both sets, which the comparison reads', async () => {
  const backend = await selectBackend({ requested: 'cpu', requestedBy: 'test' });
  const runDir = mkdtempSync(join(root, 'run-'));
  const stop = new StopSignal({ exitWithParent: false });
  const errors: string[] = [];
  const done = runTrainer({ config: ringConfig, configText: '', configPath: join(root, 'ring-sample.genmon.yaml'), runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line) });
  let client: TrainerControlClient | undefined;
  try {
    await waitFor(() => records(runDir).find((record) => record.type === 'snapshot' && record.iteration >= 900), 'a snapshot at iteration 900', TRAINER_WAIT_MS, 50);
    client = await TrainerControlClient.connect(runDir);
    const paused = await client.send({ type: 'pause' });
    ok(paused);
    const refused = await client.send({ type: 'sample', method: 'magnet', k: 3 });
    assert.ok(!refused.ok && refused.code === 'invalid-request' && /k must be an integer of at least 1 and at most 2/.test(refused.message), JSON.stringify(refused));
    const acked = await client.send({ type: 'sample', method: 'magnet', count: 1000, poolSize: 10000 });
    ok(acked);
    assert.equal(acked.command, 'sample');
    assert.match(acked.note ?? '', /^drawing 1000 standard and 1000 MaGNET samples before the next step/);
    // Paused, the trainer still draws: the loop wakes for the work and waits again.
    const sampled = await waitFor(() => records(runDir).find((record): record is EventRecord => record.type === 'event' && record.kind === 'sampled'), 'the sampled event', TRAINER_WAIT_MS, 50);
    assert.equal(sampled.iteration, paused.iteration);
    assert.equal(sampled.details?.['request'], acked.id);
    assert.match(sampled.message ?? '', /^at iteration \d+: 1000 standard and 1000 MaGNET samples of the generator; pool 10000, ρ = 1, k = 2, effective pool size \d+ \(request \d+\)$/);
    assert.deepEqual(Object.keys(sampled.arrays ?? {}).sort(), ['magnet', 'magnetConfidence', 'magnetLatent', 'magnetPredictions', 'standard', 'standardConfidence', 'standardLatent', 'standardPredictions']);
    assert.ok(records(runDir).some((record) => record.type === 'event' && record.kind === 'command' && /sample refused: .*k must be/.test(record.message ?? '')), 'the refused request is recorded');
    ok(await client.send({ type: 'stop' }));
  } finally {
    await client?.close();
    stop.requestStop('test');
    assert.equal(await done, 0, errors.join('\n'));
    stop.dispose();
  }

  const all = records(runDir);
  const header = all.find((record): record is HeaderRecord => record.type === 'header');
  const sampled = all.find((record): record is EventRecord => record.type === 'event' && record.kind === 'sampled');
  const snapshots = all.filter((record): record is SnapshotRecord => record.type === 'snapshot');
  const reference = snapshots[snapshots.length - 1];
  assert.ok(header && sampled && reference);
  const comparison = compareMagnetSamples(sampled, reference, analysisContext(header));
  assert.deepEqual(comparison.problems, []);
  assert.equal(comparison.sets.standard.count, 1000);
  assert.equal(comparison.groups.length, 8, 'one group per mode');
  assert.ok(Math.abs(comparison.groups.reduce((sum, group) => sum + group.magnet.share, 0) - 1) < 1e-9);
  assert.ok(comparison.sets.standard.prdc && comparison.sets.magnet.prdc);
  assert.equal(comparison.sets.magnet.modes?.total, 8);

  // By then the generator crowds its samples onto a few modes; uniform over its learned manifold puts
  // more of them in the sparse stretches between: by angle around the ring, MaGNET's are spread more evenly.
  const angles = (values: Float32Array): Float64Array => Float64Array.from({ length: values.length / 2 }, (_, n) => (Math.atan2(values[2 * n + 1] as number, values[2 * n] as number) + Math.PI) / (2 * Math.PI));
  const spread = (name: 'standard' | 'magnet'): number => binnedTvDistanceToUniform(angles(sampled.arrays?.[name]?.data as Float32Array), 1, 64);
  assert.ok(spread('magnet') < 0.8 * spread('standard'), `TV distance to uniform over 64 angle bins: MaGNET ${spread('magnet').toFixed(3)}, standard ${spread('standard').toFixed(3)}`);
});
