import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../src/cli/runCli';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { readStreamFile } from '../../src/core/stream/reader';
import { CONTROL_FILE_NAME, type ControlAck, type ControlReply } from '../../src/protocol/control';
import { STREAM_FILE_NAME, type EventRecord } from '../../src/protocol/stream';
import { AUGMENTS_VALUE } from '../../src/trainer/augment/augmentState';
import { latestCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';
import { writeTinyRingConfig } from './support/tinyRingConfig';
import { waitFor } from './support/waitFor';

const dir = mkdtempSync(join(tmpdir(), 'genmon-augment-channel-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(): string {
  return writeTinyRingConfig(dir, { name: 'augment', seed: 4 });
}

function ack(reply: ControlReply): ControlAck {
  assert.ok(reply.ok, `expected an ack, got ${JSON.stringify(reply)}`);
  return reply;
}

function events(runDir: string): EventRecord[] {
  const result = readStreamFile(join(runDir, STREAM_FILE_NAME));
  assert.deepEqual(result.errors, []);
  return result.records.map((entry) => entry.record).filter((record): record is EventRecord => record.type === 'event');
}

function savedAugments(runDir: string): { augments: unknown; position: unknown; iteration: number } {
  const latest = latestCheckpoint(runDir);
  assert.ok(latest.checkpoint, latest.skipped.join('; '));
  return { augments: latest.checkpoint.state.values[AUGMENTS_VALUE], position: latest.checkpoint.state.values['dataset.position'], iteration: latest.checkpoint.iteration };
}

test('augment over the control channel: acked with what it did, recorded as an event, kept by the checkpoint and by --resume', async () => {
  const runDir = join(dir, 'run');
  const stderr: string[] = [];
  const done = runCli(['train', writeConfig(), '--run-dir', runDir, '--backend', 'cpu'], { out: () => undefined, err: (line) => stderr.push(line) });
  await waitFor(() => existsSync(join(runDir, CONTROL_FILE_NAME)), 'control.json');
  const client = await TrainerControlClient.connect(runDir);
  let pausedAt = -1;
  try {
    const paused = ack(await client.send({ type: 'pause' }));
    pausedAt = paused.iteration;
    const reweighted = ack(await client.send({ type: 'augment', group: { mode: '3' }, method: 'reweight', factor: 4 }));
    assert.equal(reweighted.command, 'augment');
    assert.equal(reweighted.state, 'paused', 'an augment does not end a pause');
    assert.match(reweighted.note ?? '', /^reweighted mode=3 ×4: now 3\d\.\d% of training draws \(was 1\d\.\d%; estimated from \d+ of 8192 surveyed draws\)$/);

    const refused = await client.send({ type: 'augment', group: { mode: '3' }, method: 'add-images', folder: dir });
    assert.ok(!refused.ok && refused.code === 'invalid-request' && /2-D points/.test(refused.message), JSON.stringify(refused));

    ack(await client.send({ type: 'resume' }));
    ack(await client.send({ type: 'stop' }));
    assert.equal(await done, 0, stderr.join('\n'));

    const augmented = events(runDir).filter((event) => event.kind === 'augmented');
    assert.equal(augmented.length, 1, 'only the applied augment is an `augmented` event');
    const [event] = augmented;
    assert.equal(event?.iteration, paused.iteration);
    assert.match(event?.message ?? '', new RegExp(`^at iteration ${paused.iteration}, \\d+ samples: reweighted mode=3 ×4: .*; applies from the next step \\(request \\d+\\)$`));
    assert.deepEqual(Object.keys(event?.details ?? {}).sort(), ['factor', 'group', 'iteration', 'method', 'request', 'samples', 'shareAfter', 'shareBefore', 'groupSamples', 'surveyedSamples'].sort());
    assert.deepEqual(event?.details?.['group'], { mode: '3' });
    assert.ok(events(runDir).some((record) => record.kind === 'command' && /augment refused, nothing changed: add-images/.test(record.message ?? '')));
  } finally {
    await client.close();
  }

  const stopped = savedAugments(runDir);
  assert.deepEqual(stopped.augments, [{ method: 'reweight', group: { mode: '3' }, iteration: pausedAt, factor: 4 }]);
  const stoppedPosition = stopped.position as { drawn: number; base: { drawn: number } };
  assert.ok(stoppedPosition.base.drawn >= stoppedPosition.drawn, 'the position records the augmented draws and the dataset beneath');

  const resumedErr: string[] = [];
  const code = await runCli(['train', '--resume', runDir, '--max-iterations', String(stopped.iteration + 30)], { out: () => undefined, err: (line) => resumedErr.push(line) });
  assert.equal(code, 0, resumedErr.join('\n'));
  const resumed = savedAugments(runDir);
  assert.equal(resumed.iteration, stopped.iteration + 30);
  assert.deepEqual(resumed.augments, stopped.augments, 'the resumed run still trains with the augment');
  const resumedPosition = resumed.position as { drawn: number; base: { drawn: number } };
  assert.equal(resumedPosition.drawn, stoppedPosition.drawn + 30 * 8, 'every batch of the resumed run came through the augmentation');
});
