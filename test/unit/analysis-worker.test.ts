import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AlertChange } from '../../src/core/alerts/types';
import { alertConfigPaths } from '../../src/core/alerts/alertLocation';
import { AnalysisWorker } from '../../src/core/analysis/analysisWorker';
import { FILE_SIGNATURE } from '../../src/core/stream/format';
import { StreamWriter } from '../../src/core/stream/writer';
import { isAnalysisWorkerToHost, isHostToAnalysisWorker } from '../../src/protocol/analysis';
import { STREAM_FILE_NAME } from '../../src/protocol/stream';
import { ringHeader, ringSnapshot } from './support/ringSnapshots';

const root = mkdtempSync(join(tmpdir(), 'genmon-analysis-worker-'));
after(() => rmSync(root, { recursive: true, force: true }));
const script = join(__dirname, '../../src/core/analysis/worker.ts');

test('the worker analyses a growing stream, reports each snapshot, and finds the points of an alert', async () => {
  const runDir = mkdtempSync(join(root, 'run-'));
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  // write() returns the frame's length: offsets follow from the file signature on.
  let end = FILE_SIGNATURE.length + writer.write(ringHeader());
  const offsets = [100, 200].map((iteration) => {
    const offset = end;
    end += writer.write(ringSnapshot(iteration, [0, 3, 5]));
    return offset;
  });
  const iterations: number[] = [];
  const changes: AlertChange[] = [];
  const errors: string[] = [];
  let active: readonly string[] = [];
  const worker = new AnalysisWorker({
    runDirectory: runDir,
    script,
    onSnapshot: (message) => {
      iterations.push(message.iteration);
      changes.push(...message.changes);
    },
    onCaughtUp: (message) => (active = message.active.map((alert) => alert.id)),
    onError: (message) => errors.push(message),
  });
  try {
    worker.catchUp();
    // Asked again while busy: coalesced into one more catch-up, which finds the snapshot written meanwhile.
    writer.write(ringSnapshot(300, [0, 3, 5]));
    worker.catchUp();
    worker.catchUp();
    await worker.whenIdle();
    assert.deepEqual(errors, []);
    assert.deepEqual(iterations, [100, 200, 300]);
    assert.ok(active.includes('mode-collapse:modes'));
    const collapse = changes.find((change) => change.alert.id === 'mode-collapse:modes')?.alert;
    assert.ok(collapse);

    // Real points of the five missed modes (5/8 of 400), none of the covered ones.
    const missed = await worker.highlight(offsets[1] as number, collapse);
    assert.equal(missed.realRows.length, 250);
    assert.ok(missed.realRows.every((row) => ![0, 3, 5].includes(row % 8)));

    // A bias alert about mode 3: its real rows, and the generated points nearest them (on mode 3 too).
    const group = await worker.highlight(offsets[1] as number, { kind: 'bias', evidence: { group: 'mode=3' } });
    assert.equal(group.realRows.length, 50);
    assert.ok(group.realRows.every((row) => row % 8 === 3));
    assert.ok(group.generatedRows.length > 0 && group.generatedRows.every((row) => row % 3 === 1), 'generated rows cycle 0,3,5: mode 3 is every third row from 1');

    await assert.rejects(worker.highlight(123456789, collapse), /no snapshot at byte/);
  } finally {
    writer.close();
    await worker.dispose();
  }
  await assert.rejects(worker.highlight(0, { kind: 'bias', evidence: {} }), /not running/);
});

test('messages across the worker boundary are checked', () => {
  assert.equal(isHostToAnalysisWorker({ type: 'catch-up' }), true);
  assert.equal(isHostToAnalysisWorker({ type: 'set-rules', rules: 'all' }), false);
  assert.equal(isHostToAnalysisWorker({ type: 'highlight', requestId: 1, offset: -0.5, alert: { kind: 'bias', evidence: {} } }), false);
  assert.equal(isHostToAnalysisWorker({ type: 'rm -rf' }), false);
  assert.equal(isAnalysisWorkerToHost({ type: 'snapshot', offset: 8, iteration: 1, metrics: {}, changes: [] }), true);
  assert.equal(isAnalysisWorkerToHost({ type: 'caught-up', active: 'none', problems: [] }), false);
});

test('alerts are placed on the config key a person would change', () => {
  const bias = { kind: 'bias' as const, evidence: { group: 'shape=circle+color=red' }, configPath: ['dataset'], rulePath: ['alerts', 'bias'] };
  assert.deepEqual(alertConfigPaths(bias).slice(0, 3), [
    ['dataset', 'joint', 'circle', 'red'],
    ['dataset', 'joint', 'circle'],
    ['dataset', 'shape'],
  ]);
  const probe = { kind: 'bias' as const, evidence: { feature: 'numerosity' }, configPath: ['dataset'], rulePath: ['alerts', 'bias'] };
  assert.deepEqual(alertConfigPaths(probe).slice(0, 2), [['dataset', 'numerosity'], ['dataset', 'counts']]);
  const divergence = { kind: 'divergence' as const, evidence: {}, configPath: ['training', 'learningRate'], rulePath: ['alerts', 'divergence'] };
  assert.deepEqual(alertConfigPaths(divergence), [['training', 'learningRate'], ['alerts', 'divergence']]);
});
