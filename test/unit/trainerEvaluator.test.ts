import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ExperimentConfig } from '../../src/core/config/types';
import { readStreamFile } from '../../src/core/stream/reader';
import { STREAM_FILE_NAME, type HeaderRecord, type SnapshotRecord, type StreamRecord } from '../../src/protocol/stream';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { createDataset } from '../../src/trainer/datasets/createDataset';
import type { EvaluatorTraining } from '../../src/trainer/evaluator/options';
import { EVALUATOR_CACHE_FOLDER, evaluatorTrainingFromEnvironment, EVALUATOR_TRAINING_ENV } from '../../src/trainer/runEvaluator';
import { runTrainer } from '../../src/trainer/runTrainer';
import { StopSignal } from '../../src/trainer/stopSignal';
import { parsedConfig } from './support/parsedConfig';

const workspace = mkdtempSync(join(tmpdir(), 'genmon-trainer-evaluator-'));
let backend: SelectedBackend;

before(async () => {
  backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
});
after(() => rmSync(workspace, { recursive: true, force: true }));

const REAL = 24;
const GENERATED = 20;
const SMALL_EVALUATOR: Partial<EvaluatorTraining> = { maxIterations: 30, checkEvery: 10, heldOutCount: 40, batchSize: 16 };

const spritesConfig = parsedConfig(`name: sprites-small
seed: 4
dataset: { type: sprites, size: 16 }
model: { type: gan, architecture: mlp, latentDim: 4 }
training: { batchSize: 8, maxIterations: 2 }
snapshot: { every: 1, realSamples: ${REAL}, generatedSamples: ${GENERATED}, thumbnails: 2 }
`);

const ringConfig = parsedConfig(`name: ring-small
seed: 2
dataset: { type: gaussian-mixture, layout: ring, modes: 8 }
model: { type: gan, latentDim: 2 }
training: { batchSize: 8, maxIterations: 2 }
snapshot: { every: 1, realSamples: ${REAL}, generatedSamples: ${GENERATED} }
`);

interface Run {
  readonly code: number;
  readonly records: StreamRecord[];
  readonly out: string[];
  readonly err: string[];
}

async function train(config: ExperimentConfig, runDir: string, evaluatorTraining: Partial<EvaluatorTraining>, onOut: (line: string) => void = () => undefined): Promise<Run> {
  const stop = new StopSignal({ exitWithParent: false });
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runTrainer({
      config,
      configText: '',
      configPath: join(workspace, `${config.name}.genmon.yaml`),
      runDir,
      backend,
      stop,
      out: (line) => {
        out.push(line);
        onOut(line);
      },
      err: (line) => err.push(line),
      control: false,
      evaluatorTraining,
    });
    const stream = readStreamFile(join(runDir, STREAM_FILE_NAME));
    assert.deepEqual(stream.errors, []);
    return { code, records: stream.records.map((entry) => entry.record), out, err };
  } finally {
    stop.dispose();
  }
}

function headerOf(run: Run): HeaderRecord {
  const header = run.records[0];
  assert.equal(header?.type, 'header');
  return header as HeaderRecord;
}

function snapshotsOf(run: Run): SnapshotRecord[] {
  return run.records.filter((record): record is SnapshotRecord => record.type === 'snapshot');
}

test('an image run records its evaluator in the header and its features, labels and predictions in every snapshot; a second run loads it from the cache', { timeout: 180_000 }, async () => {
  const root = join(workspace, 'sprites-runs');
  const first = await train(spritesConfig, join(root, 'first'), SMALL_EVALUATOR);
  assert.equal(first.code, 0, first.err.join('\n'));
  assert.ok(first.out.some((line) => /^\[sprites-small\] evaluator: training/.test(line)), first.out.join('\n'));
  assert.ok(first.out.some((line) => /evaluator: trained in \d+ steps, [\d.]+ s, accuracy shape \d\.\d\d color \d\.\d\d/.test(line)), first.out.join('\n'));

  const evaluator = headerOf(first).evaluator;
  assert.ok(evaluator);
  assert.equal(evaluator.kind, 'network');
  assert.equal(evaluator.featureDim, 64);
  assert.equal(evaluator.fromCache, false);
  assert.ok(evaluator.trainedIterations > 0 && evaluator.trainedIterations <= 30);
  assert.deepEqual(
    evaluator.attributes.map(({ name, values }) => ({ name, values })),
    [
      { name: 'shape', values: ['circle', 'square'] },
      { name: 'color', values: ['red', 'blue'] },
    ],
  );
  for (const attribute of evaluator.attributes) assert.ok(attribute.accuracy !== null && attribute.accuracy >= 0 && attribute.accuracy <= 1, JSON.stringify(attribute));

  const snapshots = snapshotsOf(first);
  assert.deepEqual(snapshots.map((snapshot) => snapshot.iteration), [0, 1, 2]);
  const reference = createDataset(spritesConfig.dataset, spritesConfig.seed).reference(REAL);
  for (const { arrays } of snapshots) {
    assert.deepEqual([arrays.realFeatures?.dtype, arrays.realFeatures?.shape], ['float32', [REAL, 64]]);
    assert.deepEqual([arrays.generatedFeatures?.dtype, arrays.generatedFeatures?.shape], ['float32', [GENERATED, 64]]);
    assert.deepEqual([arrays.realLabels?.dtype, arrays.realLabels?.shape], ['int32', [REAL, 2]]);
    assert.deepEqual(arrays.realLabels?.data, reference.labels, 'the true labels of the reference set');
    assert.deepEqual([arrays.generatedPredictions?.dtype, arrays.generatedPredictions?.shape], ['int32', [GENERATED, 2]]);
    assert.deepEqual([arrays.generatedConfidence?.dtype, arrays.generatedConfidence?.shape], ['float32', [GENERATED, 2]]);
    assert.ok((arrays.generatedFeatures?.data as Float32Array).every(Number.isFinite));
    assert.ok((arrays.generatedPredictions?.data as Int32Array).every((value) => value === 0 || value === 1));
    assert.ok((arrays.generatedConfidence?.data as Float32Array).every((value) => value >= 0.5 && value <= 1), 'two values: the predicted one has at least half');
  }
  assert.deepEqual(snapshots[0]?.arrays.realFeatures?.data, snapshots[2]?.arrays.realFeatures?.data, 'the real set is evaluated once');

  const cached = readdirSync(join(root, EVALUATOR_CACHE_FOLDER));
  assert.equal(cached.length, 1, 'the evaluator is cached beside the runs');
  const second = await train(spritesConfig, join(root, 'second'), SMALL_EVALUATOR);
  assert.equal(second.code, 0, second.err.join('\n'));
  assert.ok(second.out.some((line) => /evaluator: loaded from cache, accuracy shape/.test(line)), second.out.join('\n'));
  assert.ok(!second.out.some((line) => /evaluator: training/.test(line)));
  assert.equal(headerOf(second).evaluator?.fromCache, true);
  assert.deepEqual(
    headerOf(second).evaluator?.attributes.map((attribute) => attribute.accuracy),
    evaluator.attributes.map((attribute) => attribute.accuracy),
  );
  assert.deepEqual(snapshotsOf(second)[0]?.arrays.realFeatures?.data, snapshots[0]?.arrays.realFeatures?.data);
});

test('a points run writes labels, predictions and confidence but no feature copies of its coordinates, and caches nothing', { timeout: 60_000 }, async () => {
  const root = join(workspace, 'ring-runs');
  const run = await train(ringConfig, join(root, 'run'), {});
  assert.equal(run.code, 0, run.err.join('\n'));
  assert.ok(run.out.some((line) => /^\[ring-small\] evaluator: coordinates of the points, accuracy mode \d\.\d\d/.test(line)), run.out.join('\n'));
  const evaluator = headerOf(run).evaluator;
  assert.equal(evaluator?.kind, 'coordinates');
  assert.deepEqual(evaluator?.attributes[0]?.values, ['0', '1', '2', '3', '4', '5', '6', '7']);
  const last = snapshotsOf(run).at(-1);
  assert.ok(last);
  assert.equal(last.arrays.realFeatures, undefined);
  assert.equal(last.arrays.generatedFeatures, undefined);
  assert.deepEqual(last.arrays.realLabels?.shape, [REAL, 1]);
  assert.deepEqual(last.arrays.generatedPredictions?.shape, [GENERATED, 1]);
  assert.deepEqual(last.arrays.generatedConfidence?.shape, [GENERATED, 1]);
  assert.ok((last.arrays.generatedPredictions?.data as Int32Array).every((mode) => mode >= 0 && mode < 8));
  assert.equal(existsSync(join(root, EVALUATOR_CACHE_FOLDER)), false);
});

test('SIGTERM during evaluator training ends the stream with a header and an end record "stopped"', { timeout: 120_000 }, async () => {
  const root = join(workspace, 'stopped-runs');
  let signalled = false;
  const run = await train(spritesConfig, join(root, 'run'), { maxIterations: 100_000, maxSeconds: 600, targetAccuracy: 2, heldOutCount: 40 }, (line) => {
    if (!signalled && /evaluator: training/.test(line)) {
      signalled = true;
      process.kill(process.pid, 'SIGTERM');
    }
  });
  assert.ok(signalled, run.out.join('\n'));
  assert.equal(run.code, 0, run.err.join('\n'));
  assert.deepEqual(run.records.map((record) => record.type), ['header', 'end']);
  assert.equal(headerOf(run).evaluator, undefined);
  const end = run.records[1];
  assert.ok(end?.type === 'end' && end.reason === 'stopped' && end.iteration === 0, JSON.stringify(end));
  assert.match(end.message ?? '', /SIGTERM during evaluator training/);
  assert.equal(existsSync(join(root, EVALUATOR_CACHE_FOLDER)), false, 'nothing cached');
});

test('the evaluator budget from the environment: a JSON object of known settings, else a clear error', () => {
  assert.equal(evaluatorTrainingFromEnvironment({}), undefined);
  assert.deepEqual(evaluatorTrainingFromEnvironment({ [EVALUATOR_TRAINING_ENV]: '{"maxIterations": 5}' }), { maxIterations: 5 });
  assert.throws(() => evaluatorTrainingFromEnvironment({ [EVALUATOR_TRAINING_ENV]: '{maxIterations' }), /GENMON_EVALUATOR_TRAINING is not JSON/);
  assert.throws(() => evaluatorTrainingFromEnvironment({ [EVALUATOR_TRAINING_ENV]: '[1]' }), /JSON object of numbers/);
  assert.throws(() => evaluatorTrainingFromEnvironment({ [EVALUATOR_TRAINING_ENV]: '{"steps": 5}' }), /no evaluator setting steps/);
});
