import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatBytes, listRunCheckpoints, RunTreeReader } from '../../src/core/run/runTree';
import { writeTrainerPid } from '../../src/core/run/trainerPid';
import { StreamWriter } from '../../src/core/stream/writer';
import { STREAM_FILE_NAME, type HeaderRecord, type StreamRecord } from '../../src/protocol/stream';
import { writeCheckpoint } from '../../src/trainer/checkpoint/checkpointStore';

function header(runId: string, extra: Partial<HeaderRecord> = {}): HeaderRecord {
  return { type: 'header', formatVersion: 1, runId, createdAt: '2024-05-01T12:00:00.000Z', config: { name: 'ring' }, configPath: '/w/ring.genmon.yaml', trainer: { name: 't', version: '0', backend: 'cpu' }, ...extra };
}

function snapshot(iteration: number): StreamRecord {
  return { type: 'snapshot', iteration, time: 1, metrics: {}, arrays: {} };
}

function writeRun(runDir: string, records: readonly StreamRecord[]): void {
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  for (const record of records) writer.write(record);
  writer.close();
}

function append(runDir: string, records: readonly StreamRecord[]): void {
  const writer = StreamWriter.openForAppend(join(runDir, STREAM_FILE_NAME));
  for (const record of records) writer.write(record);
  writer.close();
}

function saveCheckpoint(runDir: string, runId: string, iteration: number, values = 4): void {
  writeCheckpoint(
    runDir,
    {
      runId,
      iteration,
      reason: 'command',
      configHash: 'a'.repeat(64),
      elapsedSeconds: 1,
      settings: { learningRate: 0.001, snapshotEvery: 10 },
      state: { arrays: { w: { shape: [values], data: new Float32Array(values) } }, values: {} },
    },
    new Date(Date.UTC(2024, 4, 1, 12, iteration)),
  );
}

test('a runs folder lists its runs oldest first with state, last iteration, branch origin and checkpoints', () => {
  const root = mkdtempSync(join(tmpdir(), 'genmon-run-tree-'));
  const parent = join(root, '20240501-120000-aaaa');
  writeRun(parent, [header('20240501-120000-aaaa'), snapshot(0), snapshot(50), { type: 'end', reason: 'completed', iteration: 50, time: 2 }]);
  saveCheckpoint(parent, '20240501-120000-aaaa', 50, 100);
  saveCheckpoint(parent, '20240501-120000-aaaa', 20);
  mkdirSync(join(parent, 'checkpoints', '.tmp-30-123-ab'));
  mkdirSync(join(parent, 'checkpoints', 'notes'));

  const branch = join(root, '20240501-130000-bbbb');
  const origin = { parentRunId: '20240501-120000-aaaa', parentRunDir: parent, checkpointIteration: 20 };
  writeRun(branch, [header('20240501-130000-bbbb', { branchOf: origin }), snapshot(20), snapshot(30)]);
  writeTrainerPid(branch, process.pid);

  const killed = join(root, '20240501-140000-cccc');
  writeRun(killed, [header('20240501-140000-cccc'), snapshot(0)]);

  mkdirSync(join(root, 'not-a-run'));
  mkdirSync(join(root, '.evaluators'));
  writeFileSync(join(root, '.evaluators', STREAM_FILE_NAME), 'cache, not a run');
  const broken = join(root, '20240501-150000-dddd');
  mkdirSync(broken);
  writeFileSync(join(broken, STREAM_FILE_NAME), 'this is not a genmon stream');

  const runs = new RunTreeReader().listRuns(root);
  assert.deepEqual(
    runs.map((run) => [run.runId, run.state, run.lastIteration]),
    [
      ['20240501-120000-aaaa', 'completed', 50],
      ['20240501-130000-bbbb', 'running', 30],
      ['20240501-140000-cccc', 'interrupted', 0],
      ['20240501-150000-dddd', 'unreadable', null],
    ],
  );
  const [first, second, , fourth] = runs;
  assert.equal(first?.branchOf, undefined);
  assert.equal(first?.configPath, '/w/ring.genmon.yaml');
  assert.deepEqual(second?.branchOf, origin);
  assert.match(fourth?.problem ?? '', /is not a genmon snapshot stream/);
  assert.deepEqual(
    first?.checkpoints.map(({ iteration, reason, savedAt }) => ({ iteration, reason, savedAt })),
    [
      { iteration: 20, reason: 'command', savedAt: '2024-05-01T12:20:00.000Z' },
      { iteration: 50, reason: 'command', savedAt: '2024-05-01T12:50:00.000Z' },
    ],
  );
  // The size is the checkpoint's files together: 100 float32 values of data, plus the manifest.
  const large = first?.checkpoints[1];
  const files = ['state.bin', 'manifest.json'].map((name) => statSync(join(parent, 'checkpoints', '50', name)).size);
  assert.equal(files[0], 400);
  assert.equal(large?.bytes, (files[0] ?? 0) + (files[1] ?? 0));
  assert.deepEqual(second?.checkpoints, []);
});

test('listing again follows appended records, a resume after an end, and a stream that was replaced', () => {
  const root = mkdtempSync(join(tmpdir(), 'genmon-run-tree-grow-'));
  const runDir = join(root, 'run');
  writeRun(runDir, [header('r'), snapshot(0)]);
  const reader = new RunTreeReader();
  assert.equal(reader.readRun(runDir).state, 'interrupted');

  append(runDir, [snapshot(10), { type: 'end', reason: 'stopped', iteration: 12, time: 3 }]);
  const stopped = reader.readRun(runDir);
  assert.deepEqual([stopped.state, stopped.lastIteration], ['stopped', 12]);

  append(runDir, [{ type: 'event', kind: 'resumed', iteration: 12, time: 4 }, snapshot(20)]);
  const resumed = reader.readRun(runDir);
  assert.deepEqual([resumed.state, resumed.lastIteration], ['interrupted', 20]);

  rmSync(join(runDir, STREAM_FILE_NAME));
  writeRun(runDir, [header('other')]);
  const replaced = reader.readRun(runDir);
  assert.deepEqual([replaced.runId, replaced.state, replaced.lastIteration], ['other', 'interrupted', null]);
});

test('a checkpoint whose manifest does not read is listed with the reason; a run without checkpoints lists none', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'genmon-run-tree-ckpt-'));
  assert.deepEqual(listRunCheckpoints(runDir), []);
  saveCheckpoint(runDir, 'r', 7);
  writeFileSync(join(runDir, 'checkpoints', '7', 'manifest.json'), '{ torn');
  const [damaged] = listRunCheckpoints(runDir);
  assert.equal(damaged?.iteration, 7);
  assert.equal(damaged?.savedAt, undefined);
  assert.match(damaged?.problem ?? '', /manifest\.json cannot be read/);
  assert.ok((damaged?.bytes ?? 0) > 0);
});

test('a missing runs folder has no runs', () => {
  assert.deepEqual(new RunTreeReader().listRuns(join(tmpdir(), 'genmon-no-such-folder', 'runs')), []);
});

test('sizes read as bytes, then binary units with two significant digits', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5 MiB');
  assert.equal(formatBytes(300 * 1024 * 1024), '300 MiB');
});
