import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readAlertLog } from '../../src/core/alerts/alertLog';
import { MetricsLog } from '../../src/core/analysis/metricsLog';
import { StreamAnalysis } from '../../src/core/analysis/streamAnalysis';
import { readStreamFile } from '../../src/core/stream/reader';
import { StreamWriter } from '../../src/core/stream/writer';
import { STREAM_FILE_NAME } from '../../src/protocol/stream';
import { ringHeader, ringSnapshot } from './support/ringSnapshots';

const root = mkdtempSync(join(tmpdir(), 'genmon-analysis-'));
after(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;
const newRun = (): string => mkdtempSync(join(root, `run-${cases++}-`));

const COLLAPSED = [0, 3, 5];

test('a collapsed ring raises mode collapse, records metrics and alerts, and clears when the modes return', () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  for (const iteration of [100, 200, 300]) writer.write(ringSnapshot(iteration, COLLAPSED));
  const analysis = new StreamAnalysis(runDir);
  const first = analysis.catchUp();
  assert.deepEqual(first.problems, []);
  assert.deepEqual(first.analysed.map((report) => report.iteration), [100, 200, 300]);
  assert.equal(first.analysed[0]?.metrics.mixture?.modesCovered, 3);
  assert.ok(first.active.some((alert) => alert.id === 'mode-collapse:modes'), 'mode collapse is active');
  const collapse = first.active.find((alert) => alert.id === 'mode-collapse:modes');
  assert.equal(collapse?.firstSeenIteration, 100);
  assert.match(collapse?.message ?? '', /covers 3 of 8 modes for 3 snapshots, since iteration 100/);
  // Memorization does not apply to data drawn afresh every step.
  assert.ok(first.analysed[0]?.metrics.skipped.some((entry) => entry.family === 'memorization' && /fresh samples/.test(entry.reason)));

  for (const iteration of [400, 500]) writer.write(ringSnapshot(iteration));
  writer.close();
  const second = analysis.catchUp();
  assert.deepEqual(second.analysed.map((report) => report.iteration), [400, 500]);
  assert.equal(second.active.some((alert) => alert.id === 'mode-collapse:modes'), false);
  assert.ok(second.analysed[1]?.changes.some((change) => change.change === 'cleared' && change.alert.id === 'mode-collapse:modes' && change.alert.clearedIteration === 500));

  const metrics = new MetricsLog(runDir).read();
  assert.deepEqual(metrics.entries.map((entry) => entry.metrics.iteration), [100, 200, 300, 400, 500]);
  const alerts = readAlertLog(join(runDir, 'alerts.jsonl'));
  assert.equal(alerts.states.length, 5);
  assert.equal(alerts.alerts.find((alert) => alert.id === 'mode-collapse:modes')?.clearedIteration, 500);
});

test('a healthy ring raises no alert', () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  for (const iteration of [100, 200, 300, 400]) writer.write(ringSnapshot(iteration));
  writer.close();
  const result = new StreamAnalysis(runDir).catchUp();
  assert.equal(result.analysed.length, 4);
  assert.ok(result.analysed.every((report) => report.metrics.mixture?.modesCovered === 8));
  assert.deepEqual(result.analysed.flatMap((report) => report.changes), []);
});

test("a reopened run goes on after the snapshots recorded, with the engine's counts", () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader({ modeCollapse: { fireAfter: 3 } }));
  for (const iteration of [100, 200]) writer.write(ringSnapshot(iteration, COLLAPSED));
  assert.equal(new StreamAnalysis(runDir).catchUp().analysed.length, 2);
  writer.write(ringSnapshot(300, COLLAPSED));
  writer.close();
  const reopened = new StreamAnalysis(runDir).catchUp();
  // Only the new snapshot is analysed, and it is the third of the streak: the rule (from the header) fires.
  assert.deepEqual(reopened.analysed.map((report) => report.iteration), [300]);
  const fired = reopened.analysed[0]?.changes.find((change) => change.alert.id === 'mode-collapse:modes');
  assert.equal(fired?.change, 'fired');
  assert.equal(fired?.alert.firstSeenIteration, 100);
});

test('a resumed run that repeats iterations goes back to the engine state before them', () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  writer.write(ringSnapshot(100));
  writer.write(ringSnapshot(200, COLLAPSED));
  writer.write(ringSnapshot(300, COLLAPSED));
  // Resumed from a checkpoint at 100: 200 and 300 come again, healthy this time.
  writer.write(ringSnapshot(200));
  writer.write(ringSnapshot(300));
  writer.close();
  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.analysed.map((report) => report.iteration), [100, 200, 300, 200, 300]);
  assert.deepEqual(result.active, [], 'the collapse of the abandoned branch is not active');
  assert.deepEqual(new MetricsLog(runDir).read().entries.map((entry) => entry.metrics.iteration), [100, 200, 300]);
});

test('a corrupt snapshot is reported and the snapshots after it still analysed', () => {
  const runDir = newRun();
  const file = join(runDir, STREAM_FILE_NAME);
  const writer = StreamWriter.create(file);
  writer.write(ringHeader());
  for (const iteration of [100, 200, 300]) writer.write(ringSnapshot(iteration));
  writer.close();
  const second = readStreamFile(file).records.find((entry) => entry.record.type === 'snapshot' && entry.record.iteration === 200);
  assert.ok(second);
  const bytes = readFileSync(file);
  bytes[second.offset + 40] = (bytes[second.offset + 40] as number) ^ 0xff;
  writeFileSync(file, bytes);
  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.analysed.map((report) => report.iteration), [100, 300]);
  assert.match(result.problems.join('\n'), /checksum/);
  assert.equal(readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).length, 2);
});

test('a torn metrics line from a crash is reported, and the snapshot it described is analysed again', () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  writer.write(ringSnapshot(100));
  writer.write(ringSnapshot(200));
  writer.close();
  new StreamAnalysis(runDir).catchUp();
  const file = join(runDir, 'metrics.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  rmSync(file);
  appendFileSync(file, `${lines[0]}\n${(lines[1] ?? '').slice(0, 40)}`);
  const again = new StreamAnalysis(runDir).catchUp();
  assert.match(again.problems.join('\n'), /metrics\.jsonl line 2: incomplete last line/);
  assert.deepEqual(again.analysed.map((report) => report.iteration), [200]);
  assert.deepEqual(new MetricsLog(runDir).read().entries.map((entry) => entry.metrics.iteration), [100, 200]);
});
