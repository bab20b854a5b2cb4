import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/runCli';
import { writeTrainerPid } from '../../src/core/run/trainerPid';
import { encodeRecord } from '../../src/core/stream/encode';
import { StreamWriter } from '../../src/core/stream/writer';
import { STREAM_FILE_NAME, type NumericArray, type StreamRecord } from '../../src/protocol/stream';

function points(rows: number): NumericArray {
  return { dtype: 'float32', shape: [rows, 2], data: new Float32Array(rows * 2).fill(0.5) };
}

const header: StreamRecord = {
  type: 'header',
  formatVersion: 1,
  runId: '20260101-120000-ab12',
  createdAt: '2026-01-01T12:00:00.000Z',
  config: { name: 'ring8', training: { maxIterations: 200 } },
  configPath: '/w/ring8.genmon.yaml',
  trainer: { name: 'genmon-trainer', version: '0.1.0', backend: 'wasm', backendReason: '--backend wasm' },
};

function snapshot(iteration: number, lossD: number): StreamRecord {
  return { type: 'snapshot', iteration, time: 1000 + iteration, metrics: { lossD, stepsPerSecond: 80 }, arrays: { real: points(4), generated: points(3) } };
}

const trainingRecords: StreamRecord[] = [
  header,
  { type: 'event', kind: 'started', iteration: 0, time: 1000, message: 'backend wasm' },
  snapshot(0, 1.4),
  snapshot(100, 1.2),
  snapshot(200, Number.NaN),
];

function runDirWith(recordsToWrite: readonly StreamRecord[]): string {
  const runDir = join(mkdtempSync(join(tmpdir(), 'genmon-inspect-')), 'run');
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  for (const record of recordsToWrite) writer.write(record);
  writer.close();
  return runDir;
}

async function inspect(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['inspect', ...args], { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('inspect --json on a finished run: counts, iterations, last metrics, state, events', async () => {
  const runDir = runDirWith([...trainingRecords, { type: 'end', reason: 'completed', iteration: 200, time: 2000 }]);
  const result = await inspect([runDir, '--json']);
  assert.equal(result.code, 0, result.err);
  const report = JSON.parse(result.out);
  assert.equal(report.runDir, runDir);
  assert.equal(report.runId, '20260101-120000-ab12');
  assert.equal(report.formatVersion, 1);
  assert.equal(report.config.name, 'ring8');
  assert.equal(report.trainer.backend, 'wasm');
  assert.equal(report.snapshots, 3);
  assert.deepEqual(report.iterations, { first: 0, last: 200 });
  assert.deepEqual(report.lastMetrics, { lossD: 'NaN', stepsPerSecond: 80 }, 'a diverged loss is reported, not turned into null');
  assert.equal(report.state, 'completed');
  assert.deepEqual(report.events, [{ kind: 'started', iteration: 0, message: 'backend wasm' }]);
  assert.deepEqual(report.streamErrors, []);
  assert.equal(report.pendingBytes, 0);
  assert.equal(report.trainerPid, null);
});

test('inspect on a truncated stream still reports what is complete, and the pending bytes', async () => {
  const runDir = runDirWith(trainingRecords);
  const nextFrame = encodeRecord(snapshot(300, 1.0));
  const cut = Math.floor(nextFrame.length / 2);
  appendFileSync(join(runDir, STREAM_FILE_NAME), nextFrame.subarray(0, cut));
  const report = JSON.parse((await inspect([runDir, '--json'])).out);
  assert.equal(report.snapshots, 3);
  assert.deepEqual(report.iterations, { first: 0, last: 200 });
  assert.equal(report.pendingBytes, cut);
  assert.equal(report.state, 'interrupted');
});

test('without an end record: running while the recorded trainer lives, interrupted once it is gone', async () => {
  const runDir = runDirWith(trainingRecords);
  writeTrainerPid(runDir, process.pid);
  const running = JSON.parse((await inspect([runDir, '--json'])).out);
  assert.equal(running.state, 'running');
  assert.equal(running.trainerPid, process.pid);

  const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeTrainerPid(runDir, Number(exited.stdout));
  assert.equal(JSON.parse((await inspect([runDir, '--json'])).out).state, 'interrupted');
});

test('the table form names the state, backend, snapshot range and stream problems', async () => {
  const runDir = runDirWith([...trainingRecords, { type: 'end', reason: 'stopped', iteration: 200, time: 2000, message: 'stopped by SIGTERM' }]);
  appendFileSync(join(runDir, STREAM_FILE_NAME), Buffer.from('junk'));
  appendFileSync(join(runDir, STREAM_FILE_NAME), encodeRecord(snapshot(300, 1)).subarray(0, 20));
  const { code, out } = await inspect([runDir]);
  assert.equal(code, 0);
  assert.match(out, /run id\s+20260101-120000-ab12/);
  assert.match(out, /state\s+stopped at iteration 200: stopped by SIGTERM/);
  assert.match(out, /backend\s+wasm \(--backend wasm\)/);
  assert.match(out, /snapshots\s+3 \(iterations 0–200\)/);
  assert.match(out, /lossD NaN/);
  assert.match(out, /stream errors\s+at byte \d+: /);
  assert.match(out, /pending bytes\s+20 /);
});

test('inspect of something that is not a run fails with a clear message and exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'genmon-inspect-'));
  const missing = await inspect([join(dir, 'nope')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /is not a directory/);

  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const noStream = await inspect([empty]);
  assert.equal(noStream.code, 1);
  assert.match(noStream.err, /no stream\.gms/);

  writeFileSync(join(empty, STREAM_FILE_NAME), 'this is not a genmon stream at all');
  const garbage = await inspect([empty, '--json']);
  assert.equal(garbage.code, 1);
  assert.match(garbage.err, /genmon inspect: .*stream/i);
  assert.equal(garbage.out, '');
});
