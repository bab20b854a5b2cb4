import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import { runCli } from '../../src/cli/runCli';
import { readControlEndpoint } from '../../src/core/control/controlEndpoint';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { readStreamFile } from '../../src/core/stream/reader';
import { CONTROL_FILE_NAME, type ControlAck, type ControlReply, type StateNotification } from '../../src/protocol/control';
import { STREAM_FILE_NAME, type EventRecord, type StreamRecord } from '../../src/protocol/stream';
import { writeTinyRingConfig } from './support/tinyRingConfig';
import { waitFor } from './support/waitFor';

const repoRoot = join(__dirname, '..', '..');

function writeConfig(dir: string): string {
  return writeTinyRingConfig(dir, { name: 'ctl', seed: 2 });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface InProcessTrainer {
  readonly runDir: string;
  readonly done: Promise<number>;
  readonly stderr: string[];
}

/** A trainer in this process (the cpu backend), so the test can talk to it while it trains. */
async function startTrainer(): Promise<InProcessTrainer> {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-control-'));
  const runDir = join(dir, 'run');
  const stderr: string[] = [];
  const done = runCli(['train', writeConfig(dir), '--run-dir', runDir, '--backend', 'cpu'], { out: () => undefined, err: (line) => stderr.push(line) });
  await waitFor(() => existsSync(join(runDir, CONTROL_FILE_NAME)), 'control.json');
  return { runDir, done, stderr };
}

function records(runDir: string): StreamRecord[] {
  const result = readStreamFile(join(runDir, STREAM_FILE_NAME));
  assert.deepEqual(result.errors, []);
  return result.records.map((entry) => entry.record);
}

function events(runDir: string): EventRecord[] {
  return records(runDir).filter((record): record is EventRecord => record.type === 'event');
}

function ack(reply: ControlReply): ControlAck {
  assert.ok(reply.ok, `expected an ack, got ${JSON.stringify(reply)}`);
  return reply;
}

/** A raw WebSocket, for what the client library never sends. */
interface RawConnection {
  readonly socket: WebSocket;
  readonly messages: unknown[];
  readonly closed: Promise<{ code: number; reason: string }>;
  next(): Promise<Record<string, unknown>>;
}

async function rawConnect(runDir: string): Promise<RawConnection> {
  const { port } = readControlEndpoint(runDir);
  const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
  const messages: unknown[] = [];
  let waiting: ((message: unknown) => void) | undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(message);
    } else messages.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    closed,
    next: () => (messages.length > 0 ? Promise.resolve(messages.shift() as Record<string, unknown>) : new Promise((resolve) => (waiting = resolve as (message: unknown) => void))),
  };
}

async function stopAndWait(trainer: InProcessTrainer, client: TrainerControlClient): Promise<void> {
  ack(await client.send({ type: 'stop' }));
  assert.equal(await trainer.done, 0, trainer.stderr.join('\n'));
}

test('control.json is owner-only, names a 127.0.0.1 port and a 64-hex token, and is removed at exit', async () => {
  const trainer = await startTrainer();
  const file = join(trainer.runDir, CONTROL_FILE_NAME);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const endpoint = readControlEndpoint(trainer.runDir);
  assert.equal(endpoint.host, '127.0.0.1');
  assert.match(endpoint.token, /^[0-9a-f]{64}$/);
  assert.equal(endpoint.pid, process.pid);
  const client = await TrainerControlClient.connect(trainer.runDir);
  assert.equal(client.welcome.state, 'running');
  assert.equal(client.welcome.maxIterations, 10000000);
  assert.deepEqual(client.welcome.settings, { learningRate: 0.001, snapshotEvery: 50 });
  await stopAndWait(trainer, client);
  assert.equal(existsSync(file), false);
  await waitFor(() => client.closed !== undefined, 'the trainer to close the connection when it ends', 5000);
  assert.equal(client.closed?.code, 1001);
  await assert.rejects(client.send({ type: 'status' }), (error: Error & { code?: string }) => error.code === 'closed');
});

test('connections without the token, with a wrong one, or with another first message are refused and closed (1008)', async () => {
  const trainer = await startTrainer();
  try {
    const attempts: [string, (socket: WebSocket) => void][] = [
      ['a command before hello', (socket) => socket.send(JSON.stringify({ type: 'pause', id: 1 }))],
      ['a wrong token', (socket) => socket.send(JSON.stringify({ type: 'hello', token: 'f'.repeat(64) }))],
      ['a token of another length', (socket) => socket.send(JSON.stringify({ type: 'hello', token: 'short' }))],
      ['a hello without a token', (socket) => socket.send(JSON.stringify({ type: 'hello' }))],
      ['not JSON', (socket) => socket.send('hello?')],
      ['a binary frame', (socket) => socket.send(Buffer.from([1, 2, 3]))],
    ];
    for (const [what, sendFirst] of attempts) {
      const raw = await rawConnect(trainer.runDir);
      sendFirst(raw.socket);
      const reply = await raw.next();
      assert.equal(reply.type, 'error', what);
      assert.equal(reply.code, 'unauthorized', what);
      assert.equal((await raw.closed).code, 1008, what);
    }
    // The client library reports a wrong token as 'unauthorized'.
    const endpoint = readControlEndpoint(trainer.runDir);
    await assert.rejects(TrainerControlClient.connectTo({ ...endpoint, token: '0'.repeat(64) }), (error: Error & { code?: string }) => error.code === 'unauthorized');
    const client = await TrainerControlClient.connect(trainer.runDir);
    assert.equal(ack(await client.send({ type: 'status' })).state, 'running', 'the trainer is unharmed');
    assert.ok(!events(trainer.runDir).some((event) => event.kind === 'paused'), 'the unauthenticated pause did nothing');
    await stopAndWait(trainer, client);
  } finally {
    await trainer.done;
  }
});

test('every command is acknowledged, recorded in the stream and announced; pause really holds the loop', async () => {
  const trainer = await startTrainer();
  const client = await TrainerControlClient.connect(trainer.runDir);
  const observer = await TrainerControlClient.connect(trainer.runDir);
  const seen: StateNotification[] = [];
  observer.onNotification((notification) => seen.push(notification));
  try {
    const paused = ack(await client.send({ type: 'pause' }));
    assert.equal(paused.state, 'paused');
    const atPause = paused.iteration;
    await sleep(300);
    assert.equal(ack(await client.send({ type: 'status' })).iteration, atPause, 'no iteration while paused');
    assert.equal(ack(await client.send({ type: 'pause' })).note, 'already paused');

    const set = ack(await client.send({ type: 'set', snapshotEvery: 7, learningRate: 0.002 }));
    assert.deepEqual(set.settings, { learningRate: 0.002, snapshotEvery: 7 });
    const refused = await client.send({ type: 'set', learningRate: 2 });
    assert.ok(!refused.ok && refused.code === 'invalid-request' && /learningRate/.test(refused.message));

    const resumed = ack(await client.send({ type: 'resume' }));
    assert.equal(resumed.state, 'running');
    let status = ack(await client.send({ type: 'status' }));
    for (let tries = 0; status.iteration < atPause + 30 && tries < 500; tries++) {
      await sleep(20);
      status = ack(await client.send({ type: 'status' }));
    }
    assert.ok(status.iteration >= atPause + 30, `iterations go on after resume (${atPause} → ${status.iteration})`);

    const checkpoint = ack(await client.send({ type: 'checkpoint' }));
    assert.ok(checkpoint.checkpoint && existsSync(join(checkpoint.checkpoint, 'manifest.json')), 'the ack names a written checkpoint');
    const manifest = JSON.parse(readFileSync(join(checkpoint.checkpoint, 'manifest.json'), 'utf8'));
    assert.equal(manifest.values.learningRate, 0.002, 'set reached the session (trainerModel.test.ts checks that it reaches the optimizers)');
    assert.equal(manifest.iteration, checkpoint.iteration);

    const augment = await client.send({ type: 'augment', group: { label: '3' }, method: 'reweight', factor: 2 });
    assert.ok(!augment.ok && augment.code === 'invalid-request' && /unknown attribute "label"/.test(augment.message), JSON.stringify(augment));

    const stop = ack(await client.send({ type: 'stop' }));
    assert.equal(stop.state, 'stopping');
    assert.equal(await trainer.done, 0, trainer.stderr.join('\n'));

    const kinds = events(trainer.runDir).map((event) => event.kind);
    for (const kind of ['paused', 'command', 'set', 'unpaused', 'checkpoint', 'stopping'] as const) assert.ok(kinds.includes(kind), `a ${kind} event in ${kinds.join(', ')}`);
    const recorded = events(trainer.runDir);
    assert.ok(recorded.some((event) => event.kind === 'command' && /augment refused, nothing changed: unknown attribute "label"/.test(event.message ?? '')), 'the refused augment is recorded');
    assert.ok(recorded.some((event) => event.kind === 'command' && /already paused/.test(event.message ?? '')));
    assert.ok(recorded.some((event) => event.kind === 'set' && /snapshotEvery 50 → 7/.test(event.message ?? '') && /learningRate 0.001 → 0.002/.test(event.message ?? '')));
    assert.equal(recorded.find((event) => event.kind === 'paused')?.iteration, atPause);

    // After the set, snapshots fall on multiples of 7 (the last one is the stop's).
    const all = records(trainer.runDir);
    const setIndex = all.findIndex((record) => record.type === 'event' && record.kind === 'set');
    const later = all.slice(setIndex).filter((record) => record.type === 'snapshot').map((record) => record.iteration);
    const end = all.at(-1);
    assert.ok(end?.type === 'end' && end.reason === 'stopped' && /control channel/.test(end.message ?? ''), JSON.stringify(end));
    const periodic = later.filter((iteration) => iteration !== end.iteration);
    assert.ok(periodic.length >= 3, `snapshots after the set: ${later.join(', ')}`);
    assert.ok(periodic.every((iteration) => iteration % 7 === 0), `snapshots after the set: ${later.join(', ')}`);

    assert.deepEqual(
      seen.map((notification) => `${notification.state}:${notification.cause}`),
      ['paused:pause', 'paused:set', 'running:resume', 'stopping:control channel', 'ended:stopped'],
      'a second client follows every change',
    );
  } finally {
    await client.close();
    await observer.close();
    await trainer.done;
  }
});

test('malformed, unknown, wrongly typed and oversized messages get error replies and training goes on', async () => {
  const trainer = await startTrainer();
  const raw = await rawConnect(trainer.runDir);
  try {
    raw.socket.send(JSON.stringify({ type: 'hello', token: readControlEndpoint(trainer.runDir).token }));
    assert.equal((await raw.next()).type, 'welcome');
    const cases: [string | Buffer, string, unknown][] = [
      ['{"type":"pause",', 'malformed', undefined],
      ['{"type":"fly","id":1}', 'invalid-request', 1],
      ['{"type":"set","id":2,"snapshotEvery":"often"}', 'invalid-request', 2],
      ['{"type":"set","id":3,"snapshotEvery":0}', 'invalid-request', 3],
      ['{"type":"pause","id":{"nested":true}}', 'invalid-request', undefined],
      ['{"type":"hello","token":"x"}', 'invalid-request', undefined],
      [JSON.stringify({ type: 'status', id: 4, pad: 'x'.repeat(100 * 1024) }), 'too-large', undefined],
      [Buffer.from('{"type":"status","id":5}'), 'malformed', undefined],
    ];
    for (const [message, code, id] of cases) {
      raw.socket.send(message);
      const reply = await raw.next();
      assert.equal(reply.type, 'error', String(message).slice(0, 60));
      assert.equal(reply.code, code, `${String(message).slice(0, 60)}: ${String(reply.message)}`);
      assert.equal(reply.id, id);
    }
    raw.socket.send('{"type":"status","id":"s1"}');
    const first = await raw.next();
    await sleep(200);
    raw.socket.send('{"type":"status","id":"s2"}');
    const second = await raw.next();
    assert.equal(first.id, 's1');
    assert.ok((second.iteration as number) > (first.iteration as number), 'still training');

    // Far beyond any sane size, the connection itself is cut (1009); the trainer carries on.
    raw.socket.send('x'.repeat(2 * 1024 * 1024));
    assert.equal((await raw.closed).code, 1009);
    const client = await TrainerControlClient.connect(trainer.runDir);
    assert.equal(ack(await client.send({ type: 'status' })).state, 'running');
    await stopAndWait(trainer, client);
    assert.ok(!events(trainer.runDir).some((event) => event.kind === 'set'), 'no rejected message changed anything');
  } finally {
    raw.socket.terminate();
    await trainer.done;
  }
});

test('SIGTERM while paused stops the trainer cleanly: final checkpoint, end stopped, exit 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-control-'));
  const runDir = join(dir, 'run');
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'genmon.ts'), 'train', writeConfig(dir), '--run-dir', runDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    await waitFor(() => existsSync(join(runDir, CONTROL_FILE_NAME)), 'control.json', 60000);
    const client = await TrainerControlClient.connect(runDir);
    const paused = ack(await client.send({ type: 'pause' }));
    const closed = new Promise((resolve) => client.onClose(resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    await closed;
    const all = records(runDir);
    const end = all.at(-1);
    assert.ok(end?.type === 'end' && end.reason === 'stopped' && end.iteration === paused.iteration && /SIGTERM/.test(end.message ?? ''), JSON.stringify(end));
    assert.match(end.message ?? '', new RegExp(`checkpoint saved: checkpoints/${paused.iteration}`));
    assert.equal(existsSync(join(runDir, CONTROL_FILE_NAME)), false);
    assert.ok(existsSync(join(runDir, 'checkpoints', String(paused.iteration), 'manifest.json')));
    assert.equal(JSON.parse(readFileSync(join(runDir, 'checkpoints', String(paused.iteration), 'manifest.json'), 'utf8')).reason, 'stop');
  } finally {
    child.kill('SIGKILL');
  }
});
