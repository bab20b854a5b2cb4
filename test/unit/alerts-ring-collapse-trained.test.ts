import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StreamAnalysis } from '../../src/core/analysis/streamAnalysis';
import type { ExperimentConfig } from '../../src/core/config/types';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { planResume } from '../../src/trainer/checkpoint/resumePlan';
import { runTrainer, type TrainerResume } from '../../src/trainer/runTrainer';
import { StopSignal } from '../../src/trainer/stopSignal';
import { parsedConfig } from './support/parsedConfig';

const root = mkdtempSync(join(tmpdir(), 'genmon-ring-collapse-'));
after(() => rmSync(root, { recursive: true, force: true }));

const HEALTHY_UNTIL = 1000;
const BAD_LEARNING_RATE = 0.03;
const COLLAPSED_BY = 1800;

// The ring8 example's model and data: at its own learning rate it covers all 8 modes by iteration
// 1,000 (alerts-ring-trained.test.ts). Then the learning rate is made 60× too large, as a user's
// `set` would, and the generator piles every sample onto one mode.
const config = parsedConfig(`name: ring-collapse
seed: 42
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 2, generator: { hidden: [128, 128] }, discriminator: { hidden: [128, 128] } }
training: { batchSize: 256, learningRate: 0.0005, beta1: 0.5, maxIterations: ${HEALTHY_UNTIL}, backend: wasm }
snapshot: { every: 100, realSamples: 512, generatedSamples: 512 }
`);

async function train(backend: SelectedBackend, runDir: string, runConfig: ExperimentConfig, resume?: TrainerResume): Promise<void> {
  const stop = new StopSignal({ exitWithParent: false });
  const errors: string[] = [];
  try {
    const code = await runTrainer({ config: runConfig, configText: '', configPath: join(root, 'ring-collapse.genmon.yaml'), runDir, backend, stop, out: () => undefined, err: (line) => errors.push(line), control: false, ...(resume ? { resume } : {}) });
    assert.equal(code, 0, errors.join('\n'));
  } finally {
    stop.dispose();
  }
}

test('a ring GAN whose learning rate becomes 0.03 at iteration 1,000 collapses onto one mode: mode-collapse fires after the change, never before', async () => {
  const backend = await selectBackend({ requested: 'wasm', requestedBy: 'test' });
  const runDir = mkdtempSync(join(root, 'run-'));
  await train(backend, runDir, config);

  // Resuming from the completed checkpoint with other settings is exactly a `set` at iteration
  // 1,000, without the timing of a live control message.
  const plan = planResume(runDir);
  assert.equal(plan.checkpoint.iteration, HEALTHY_UNTIL);
  // The session's own state holds the rate its optimiser uses; the settings are what the control channel reports.
  const saved = plan.checkpoint;
  const checkpoint = {
    ...saved,
    settings: { ...saved.settings, learningRate: BAD_LEARNING_RATE },
    state: { ...saved.state, values: { ...saved.state.values, learningRate: BAD_LEARNING_RATE } },
  };
  const resume: TrainerResume = { header: plan.header, configHash: plan.configHash, checkpoint, checkpointPath: plan.checkpointPath };
  await train(backend, runDir, { ...plan.config, training: { ...plan.config.training, maxIterations: COLLAPSED_BY } }, resume);

  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.problems, []);
  const byIteration = new Map(result.analysed.map((report) => [report.iteration, report]));
  const healthy = byIteration.get(HEALTHY_UNTIL)?.metrics.mixture;
  assert.ok((healthy?.modesCovered ?? 0) >= 7, `before the change the ring is covered (${healthy?.modesCovered} modes)`);

  const collapses = result.analysed.flatMap((report) => report.changes.filter((change) => change.change === 'fired' && change.alert.kind === 'mode-collapse').map((change) => ({ iteration: report.iteration, message: change.alert.message })));
  assert.ok(collapses.length > 0, 'mode-collapse fired');
  assert.ok(collapses.every(({ iteration }) => iteration > HEALTHY_UNTIL), `every mode-collapse alert comes after the change: ${JSON.stringify(collapses)}`);
  assert.ok(collapses.some(({ message }) => /covers [12] of 8 modes/.test(message)), `one alert names the modes left: ${JSON.stringify(collapses)}`);

  const last = result.analysed[result.analysed.length - 1];
  assert.equal(last?.iteration, COLLAPSED_BY);
  assert.ok((last?.metrics.mixture?.modesCovered ?? 8) <= 2, `collapsed onto ${last?.metrics.mixture?.modesCovered} modes`);
  assert.ok((last?.metrics.mixture?.highQualityShare ?? 0) >= 0.5, 'the samples sit on a mode: a collapse, not a divergence');
});
