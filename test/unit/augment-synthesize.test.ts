import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { AugmentError } from '../../src/trainer/augment/augmentError';
import { selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { parsedConfig } from './support/parsedConfig';

let backend: SelectedBackend;
before(async () => {
  backend = await selectBackend({ requested: 'cpu', requestedBy: 'test' });
});

const CONFIG = parsedConfig(`name: synthesize
seed: 6
dataset: { type: gaussian-mixture, layout: ring, modes: 4, radius: 2, sigma: 0.1 }
model: { type: gan, latentDim: 2, generator: { hidden: [16] }, discriminator: { hidden: [16] } }
training: { batchSize: 32, learningRate: 0.005, maxIterations: 100 }
snapshot: { every: 50, realSamples: 8, generatedSamples: 8 }
`);

test('synthesize needs the evaluator: without it the reply is not-supported and nothing changes', () => {
  const session = new TrainingSession(backend.tf, CONFIG, 0);
  try {
    assert.throws(
      () => session.augment({ method: 'synthesize', group: { mode: '1' }, count: 5 }),
      (error: unknown) => error instanceof AugmentError && error.code === 'not-supported' && /evaluator/.test(error.message),
    );
    assert.equal(session.saveState().values['augment.applied'], undefined);
  } finally {
    session.dispose();
  }
});

test('synthesize adds MaGNET samples of the model that the evaluator puts in the group, labelled by it', async () => {
  const session = new TrainingSession(backend.tf, CONFIG, 0);
  try {
    const evaluator = await session.prepareEvaluator({ seed: CONFIG.seed });
    for (let i = 0; i < 60; i++) session.step();
    let added = 0;
    for (const mode of ['0', '1', '2', '3']) {
      let outcome;
      try {
        outcome = session.augment({ method: 'synthesize', group: { mode }, count: 30 });
      } catch (error) {
        // A mode the model does not produce yet is a clear refusal, never a crash.
        assert.ok(error instanceof AugmentError && error.code === 'invalid-request' && /none of \d+ MaGNET samples of the model was classified as mode=/.test(error.message), String(error));
        continue;
      }
      assert.match(outcome.note, new RegExp(`^synthesized ${outcome.samples} samples of mode=${mode} with MaGNET \\(\\d pool\\(s\\) of 1000, ${outcome.samples} of \\d+ samples classified as the group\\) \\(labels: the evaluator\\): mode=${mode} now`));
      assert.ok(outcome.samples >= 1 && outcome.samples <= 30);
      added++;
    }
    assert.ok(added > 0, 'the model produces at least one mode after 60 steps');
    const state = session.saveState();
    const saved = state.values['augment.applied'] as { method: string; group: { mode: string }; count: number }[];
    assert.equal(saved.length, added);
    saved.forEach((entry, index) => {
      assert.equal(entry.method, 'synthesize');
      const points = state.arrays[`augment.${index}.pixels`];
      assert.ok(points);
      // The rows are the model's samples: the evaluator still puts every one in the group.
      const predicted = evaluator.evaluate(Float32Array.from(points.data), entry.count).predictions;
      assert.deepEqual([...predicted], Array.from({ length: entry.count }, () => Number(entry.group.mode)));
    });
  } finally {
    session.dispose();
  }
});
