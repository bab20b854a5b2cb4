import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StreamAnalysis } from '../../src/core/analysis/streamAnalysis';
import { selectBackend } from '../../src/trainer/backend';
import { runTrainer } from '../../src/trainer/runTrainer';
import { StopSignal } from '../../src/trainer/stopSignal';
import { parsedConfig } from './support/parsedConfig';

const root = mkdtempSync(join(tmpdir(), 'genmon-ring-alerts-'));
after(() => rmSync(root, { recursive: true, force: true }));

// The ring8 example's model and data, trained for 1,200 iterations: long enough to cover the ring.
const config = parsedConfig(`name: ring-healthy
seed: 42
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 2, generator: { hidden: [128, 128] }, discriminator: { hidden: [128, 128] } }
training: { batchSize: 256, learningRate: 0.0005, beta1: 0.5, maxIterations: 1200, backend: wasm }
snapshot: { every: 100, realSamples: 512, generatedSamples: 512 }
`);

test('a GAN trained on the 8-Gaussian ring covers at least 7 modes and raises no alert', async () => {
  const backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
  const runDir = mkdtempSync(join(root, 'run-'));
  const stop = new StopSignal({ exitWithParent: false });
  const errors: string[] = [];
  try {
    const code = await runTrainer({ config, configText: '', configPath: join(root, 'ring-healthy.genmon.yaml'), runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line), control: false });
    assert.equal(code, 0, errors.join('\n'));
  } finally {
    stop.dispose();
  }
  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.problems, []);
  assert.equal(result.analysed.length, 13);
  const last = result.analysed[result.analysed.length - 1];
  assert.ok((last?.metrics.mixture?.modesCovered ?? 0) >= 7, `covers ${last?.metrics.mixture?.modesCovered} modes`);
  const raised = result.analysed.flatMap((report) => report.changes.map((change) => `${report.iteration}: ${change.alert.message}`));
  assert.deepEqual(raised, []);
});
