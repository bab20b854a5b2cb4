import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTROL_FILE_NAME } from '../../src/protocol/control';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { summarizeRun } from '../../src/core/run/summary';
import { writeTrainerPid } from '../../src/core/run/trainerPid';
import { StreamWriter } from '../../src/core/stream/writer';
import { STREAM_FILE_NAME, type StreamRecord } from '../../src/protocol/stream';
import { readCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { EVALUATOR_TRAINING_ENV } from '../../src/trainer/runEvaluator';
import { runCli } from '../../src/cli/runCli';
import { assertSameTrainingState, cli, records } from './support/runTools';

// These runs go through the CLI: a short evaluator budget keeps the image runs quick.
process.env[EVALUATOR_TRAINING_ENV] = JSON.stringify({ maxIterations: 2, heldOutCount: 20 });

function writeConfig(dir: string, maxIterations: number, backend = 'cpu'): string {
  const file = join(dir, 'resume.genmon.yaml');
  writeFileSync(
    file,
    `name: resume
seed: 21
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model: { type: gan, latentDim: 3, generator: { hidden: [16, 16] }, discriminator: { hidden: [16] } }
training: { batchSize: 16, learningRate: 0.001, maxIterations: ${maxIterations}, backend: ${backend} }
snapshot: { every: 50, realSamples: 16, generatedSamples: 16 }
`,
  );
  return file;
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'genmon-resume-'));
}

/** Weights, optimizer moments and every saved value must match bit for bit. */
for (const backend of ['cpu', 'wasm']) {
  test(`${backend}: 200 iterations, then --resume to 400, gives exactly the weights of 400 uninterrupted iterations`, async () => {
    const dir = workspace();
    const straightDir = join(dir, 'straight');
    const resumedDir = join(dir, 'resumed');
    const config = writeConfig(dir, 200, backend);

    assert.equal((await cli(['train', config, '--run-dir', straightDir, '--max-iterations', '400'])).code, 0);
    const first = await cli(['train', config, '--run-dir', resumedDir]);
    assert.equal(first.code, 0, first.err);
    const resumed = await cli(['train', '--resume', resumedDir, '--max-iterations', '400']);
    assert.equal(resumed.code, 0, resumed.err);

    assertSameTrainingState(readCheckpoint(join(resumedDir, 'checkpoints', '400')), readCheckpoint(join(straightDir, 'checkpoints', '400')));

    // One header, the run continued in the same stream, marked by a `resumed` event at 200.
    const all = records(resumedDir);
    assert.equal(all.filter((record) => record.type === 'header').length, 1);
    const resumedEvent = all.find((record) => record.type === 'event' && record.kind === 'resumed');
    assert.ok(resumedEvent?.type === 'event' && resumedEvent.iteration === 200 && /checkpoints\/200/.test(resumedEvent.message ?? ''), JSON.stringify(resumedEvent));
    assert.match(resumedEvent.message ?? '', new RegExp(`backend ${backend}`));
    const snapshots = all.flatMap((record) => (record.type === 'snapshot' ? [record.iteration] : []));
    assert.deepEqual(snapshots, [0, 50, 100, 150, 200, 250, 300, 350, 400]);
    const ends = all.flatMap((record) => (record.type === 'end' ? [`${record.reason}@${record.iteration}`] : []));
    assert.deepEqual(ends, ['completed@200', 'completed@400']);

    const out: string[] = [];
    assert.equal(await runCli(['inspect', resumedDir, '--json'], { out: (line: string) => out.push(line), err: () => undefined }), 0);
    const report = JSON.parse(out.join('\n'));
    assert.equal(report.state, 'completed');
    assert.deepEqual(report.end, { reason: 'completed', iteration: 400, message: 'checkpoint saved: checkpoints/400' });
  });
}

const CONV_MODELS: readonly (readonly [string, string])[] = [
  [
    'wgan-gp on generated sprites',
    `dataset: { type: sprites, size: 8 }
model: { type: wgan-gp, architecture: conv, latentDim: 4, baseChannels: 4, criticIterations: 2 }`,
  ],
  [
    'vae on stored MNIST digits',
    `dataset: { type: mnist, digits: [1], heldOut: 0.5 }
model: { type: vae, architecture: conv, latentDim: 4, baseChannels: 4, klAnnealIterations: 10 }`,
  ],
];

for (const [what, sections] of CONV_MODELS) {
  test(`cpu, conv ${what}: 6 iterations, then --resume to 12, gives exactly the state of 12 uninterrupted iterations`, async () => {
    const dir = workspace();
    const config = join(dir, 'conv.genmon.yaml');
    writeFileSync(config, `name: conv\nseed: 4\n${sections}\ntraining: { batchSize: 4, maxIterations: 6, backend: cpu }\nsnapshot: { every: 3, realSamples: 5, generatedSamples: 4, thumbnails: 2 }\n`);
    const straightDir = join(dir, 'straight');
    const resumedDir = join(dir, 'resumed');
    const straight = await cli(['train', config, '--run-dir', straightDir, '--max-iterations', '12']);
    assert.equal(straight.code, 0, straight.err);
    assert.equal((await cli(['train', config, '--run-dir', resumedDir])).code, 0);
    const resumed = await cli(['train', '--resume', resumedDir, '--max-iterations', '12']);
    assert.equal(resumed.code, 0, resumed.err);

    const expected = readCheckpoint(join(straightDir, 'checkpoints', '12'));
    assertSameTrainingState(readCheckpoint(join(resumedDir, 'checkpoints', '12')), expected);
    assert.ok(Object.keys(expected.state.arrays).some((name) => /conv.*\/filter\/adam_m$/.test(name)), 'conv weights and their Adam moments are saved');
    assert.deepEqual(Object.keys(expected.state.values).sort(), ['dataset.position', 'iteration', 'learningRate', 'random.noise']);
    const snapshots = records(resumedDir).filter((record): record is Extract<StreamRecord, { type: 'snapshot' }> => record.type === 'snapshot');
    assert.deepEqual(snapshots.map((snapshot) => snapshot.iteration), [0, 3, 6, 9, 12]);
  });
}

test('a stop over the control channel mid-run, then --resume, ends with the weights of an uninterrupted run', async () => {
  const dir = workspace();
  const config = writeConfig(dir, 300);
  const straightDir = join(dir, 'straight');
  assert.equal((await cli(['train', config, '--run-dir', straightDir])).code, 0);

  const runDir = join(dir, 'stopped');
  const running = cli(['train', config, '--run-dir', runDir]);
  const deadline = Date.now() + 30000;
  while (!existsSync(join(runDir, CONTROL_FILE_NAME))) {
    assert.ok(Date.now() < deadline, 'control.json appears');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const client = await TrainerControlClient.connect(runDir);
  let iteration = 0;
  while (iteration < 40) {
    const status = await client.send({ type: 'status' });
    assert.ok(status.ok);
    iteration = status.iteration;
  }
  const stop = await client.send({ type: 'stop' });
  assert.ok(stop.ok && stop.state === 'stopping');
  const stopped = await running;
  assert.equal(stopped.code, 0, stopped.err);
  const end = records(runDir).at(-1);
  assert.ok(end?.type === 'end' && end.reason === 'stopped' && end.iteration > 0 && end.iteration < 300, JSON.stringify(end));
  assert.ok(existsSync(join(runDir, 'checkpoints', String(end.iteration), 'manifest.json')), 'stop wrote a checkpoint');
  assert.equal(end.message, `stopped by control channel; checkpoint saved: checkpoints/${end.iteration}`);

  const resumed = await cli(['train', '--resume', runDir]);
  assert.equal(resumed.code, 0, resumed.err);
  assertSameTrainingState(readCheckpoint(join(runDir, 'checkpoints', '300')), readCheckpoint(join(straightDir, 'checkpoints', '300')));
});

test('resume is refused with exit 2 and a clear reason when it cannot continue the run', async () => {
  const dir = workspace();
  const config = writeConfig(dir, 30);
  const runDir = join(dir, 'run');
  assert.equal((await cli(['train', config, '--run-dir', runDir])).code, 0);

  const atMax = await cli(['train', '--resume', runDir]);
  assert.equal(atMax.code, 2);
  assert.match(atMax.err, /already at maxIterations 30; pass --max-iterations/);

  writeTrainerPid(runDir, process.pid);
  const alive = await cli(['train', '--resume', runDir, '--max-iterations', '60']);
  assert.equal(alive.code, 2);
  assert.match(alive.err, new RegExp(`a trainer \\(pid ${process.pid}\\) is still running it`));
  rmSync(join(runDir, 'trainer.pid'));

  rmSync(join(runDir, 'checkpoints'), { recursive: true });
  const none = await cli(['train', '--resume', runDir, '--max-iterations', '60']);
  assert.equal(none.code, 2);
  assert.match(none.err, /no complete checkpoint/);

  const missing = await cli(['train', '--resume', join(dir, 'nowhere')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such run directory/);

  // A header whose config this genmon no longer accepts.
  const badDir = join(dir, 'bad');
  const writer = StreamWriter.create(join(badDir, STREAM_FILE_NAME));
  writer.write({ type: 'header', formatVersion: 1, runId: 'r', createdAt: new Date(0).toISOString(), config: { dataset: { type: 'teapots' } }, trainer: { name: 't', version: '0', backend: 'cpu' } });
  writer.close();
  const invalid = await cli(['train', '--resume', badDir]);
  assert.equal(invalid.code, 2);
  assert.match(invalid.err, /config recorded in its stream is no longer valid/);

  const usage = await cli(['train', config, '--resume', runDir]);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /do not pass a <config>/);
  assert.equal(records(runDir).filter((record) => record.type === 'event' && record.kind === 'resumed').length, 0, 'no refused resume touched the stream');
});

test('a resumed run that has not ended yet reads as running (or interrupted), not as its earlier stop', () => {
  const header = { type: 'header', formatVersion: 1, runId: 'r', createdAt: '', config: {}, trainer: { name: 't', version: '0', backend: 'cpu' } } as const;
  const stoppedThenResumed: StreamRecord[] = [
    header,
    { type: 'end', reason: 'stopped', iteration: 80, time: 1 },
    { type: 'event', kind: 'resumed', iteration: 80, time: 2, message: 'resumed from checkpoints/80' },
  ];
  assert.equal(summarizeRun(stoppedThenResumed, [], { trainerAlive: true }).state, 'running');
  assert.equal(summarizeRun(stoppedThenResumed, [], { trainerAlive: false }).state, 'interrupted');
  assert.equal(summarizeRun(stoppedThenResumed.slice(0, 2), [], { trainerAlive: false }).state, 'stopped');
});
