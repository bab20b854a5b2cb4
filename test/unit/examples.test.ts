/**
 * Every example config in examples/ is valid as shipped, and trains: a couple of iterations of
 * each, through the real trainer on the wasm backend, write a complete stream with the arrays
 * docs/stream-format.md promises for its dataset and model. Batch and snapshot sizes are cut
 * down so that the conv examples take seconds, not minutes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfigFile } from '../../src/core/config/parse';
import { datasetKind, type ExperimentConfig } from '../../src/core/config/types';
import { readStreamFile } from '../../src/core/stream/reader';
import { STREAM_FILE_NAME, type SnapshotRecord } from '../../src/protocol/stream';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { runTrainer } from '../../src/trainer/runTrainer';
import { StopSignal } from '../../src/trainer/stopSignal';

const examplesDir = join(__dirname, '..', '..', 'examples');
const examples = readdirSync(examplesDir).filter((file) => file.endsWith('.genmon.yaml')).sort();
const workspace = mkdtempSync(join(tmpdir(), 'genmon-examples-'));
let backend: SelectedBackend;

before(async () => {
  backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
});

after(() => rmSync(workspace, { recursive: true, force: true }));

const LOSSES: Readonly<Record<ExperimentConfig['model']['type'], readonly string[]>> = {
  gan: ['lossD', 'lossG'],
  'wgan-gp': ['lossD', 'lossG', 'wasserstein', 'gradientPenalty'],
  vae: ['loss', 'reconstruction', 'kl'],
};
const NETWORKS: Readonly<Record<ExperimentConfig['model']['type'], readonly string[]>> = {
  gan: ['discriminator', 'generator'],
  'wgan-gp': ['discriminator', 'generator'],
  vae: ['encoder', 'decoder'],
};

test('the examples cover every dataset type and every model type', () => {
  const configs = examples.map((file) => loadConfigFile(join(examplesDir, file)).config);
  assert.deepEqual([...new Set(configs.map((config) => config?.dataset.type))].sort(), ['dots', 'gaussian-mixture', 'image-folder', 'mnist', 'pie', 'sprites']);
  assert.deepEqual([...new Set(configs.map((config) => config?.model.type))].sort(), ['gan', 'vae', 'wgan-gp']);
  assert.ok(configs.some((config) => config?.model.architecture === 'conv') && configs.some((config) => config?.model.architecture === 'mlp'));
});

for (const file of examples) {
  test(`examples/${file} parses without a problem and trains to a valid stream`, { timeout: 120_000 }, async () => {
    const configPath = join(examplesDir, file);
    const loaded = loadConfigFile(configPath);
    assert.deepEqual(loaded.problems, []);
    assert.ok(loaded.config);
    assert.match(loaded.text, /^# /, 'the example starts with a comment saying what it shows');
    const config: ExperimentConfig = {
      ...loaded.config,
      training: { ...loaded.config.training, batchSize: 8, maxIterations: 2 },
      snapshot: { ...loaded.config.snapshot, every: 1, realSamples: 24, generatedSamples: 20, thumbnails: 6 },
    };
    const runDir = join(workspace, file.replace(/\.genmon\.yaml$/, ''));
    const stop = new StopSignal({ exitWithParent: false });
    const errors: string[] = [];
    try {
      const code = await runTrainer({ config, configText: loaded.text, configPath, runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line), control: false, evaluatorTraining: { maxIterations: 2, heldOutCount: 20 } });
      assert.equal(code, 0, errors.join('\n'));
    } finally {
      stop.dispose();
    }

    const stream = readStreamFile(join(runDir, STREAM_FILE_NAME));
    assert.deepEqual(stream.errors, []);
    const records = stream.records.map((entry) => entry.record);
    assert.equal(records[0]?.type, 'header');
    const end = records.at(-1);
    assert.ok(end?.type === 'end' && end.reason === 'completed' && end.iteration === 2, JSON.stringify(end));
    const snapshots = records.filter((record): record is SnapshotRecord => record.type === 'snapshot');
    assert.deepEqual(snapshots.map((snapshot) => snapshot.iteration), [0, 1, 2]);
    const last = snapshots.at(-1) as SnapshotRecord;
    const { model, dataset } = config;
    for (const name of [...LOSSES[model.type], ...NETWORKS[model.type].map((network) => `gradientNorm.${network}`)]) {
      assert.deepEqual(last.arrays[name]?.shape, [1], name);
      assert.ok(Number.isFinite(last.metrics[name]), `metric ${name}`);
    }
    const realRows = last.arrays.real?.shape[0] ?? 0;
    assert.ok(realRows >= 1 && realRows <= 24);
    assert.equal(last.arrays.generated?.shape[0], 20);
    assert.equal(last.arrays.real?.shape[1], last.arrays.generated?.shape[1]);
    assert.deepEqual(last.arrays.latent?.shape, [20, model.latentDim]);
    assert.ok((last.arrays.generated?.data as Float32Array).every(Number.isFinite));
    if (datasetKind(dataset) === 'image') {
      const thumbs = last.arrays.generatedThumbs;
      assert.equal(thumbs?.dtype, 'uint8');
      assert.equal(thumbs?.shape[0], 6);
      assert.ok((thumbs?.shape[1] ?? 99) <= config.snapshot.thumbnailSize);
      assert.equal(last.arrays.realThumbs?.shape[0], Math.min(6, realRows));
      assert.ok((last.arrays.real?.shape[1] ?? 0) <= config.snapshot.projectionImageSize ** 2 * 3);
    } else {
      assert.equal(last.arrays.real?.shape[1], 2);
      assert.equal(last.arrays.realThumbs, undefined);
    }
    if (model.type === 'vae') {
      assert.deepEqual(last.arrays.latentReal?.shape, [realRows, model.latentDim]);
      assert.equal(last.arrays.discriminatorReal, undefined);
    } else {
      assert.deepEqual(last.arrays.discriminatorReal?.shape, [realRows]);
      assert.deepEqual(last.arrays.discriminatorGenerated?.shape, [20]);
    }
  });
}
