import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { AlertEngine } from '../../src/core/alerts/alertEngine';
import { AlertLog, ALERT_LOG_FILE, parseAlertLog, readAlertLog } from '../../src/core/alerts/alertLog';
import type { SnapshotMetrics } from '../../src/core/metrics/snapshotMetrics';

function ring(iteration: number, covered: number): SnapshotMetrics {
  return { iteration, computeMs: 0, skipped: [], mixture: { meanLogLikelihood: -3, modesCovered: covered, modeCount: 8, modesCoveredShare: covered / 8, highQualityShare: 0.9, modeCounts: [], pointCount: 10 } };
}

function withDir(run: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-alerts-'));
  try {
    run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('alerts and engine state round-trip through alerts.jsonl', () => {
  withDir((dir) => {
    const log = new AlertLog(dir);
    assert.deepEqual(log.read(), { changes: [], alerts: [], state: null, states: [], problems: [] });
    const engine = new AlertEngine();
    for (const [iteration, covered] of [[100, 3], [200, 3], [300, 8], [400, 8]] as const) log.append(engine.observe(ring(iteration, covered)).changes, engine.state());
    const read = log.read();
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.changes.map((c) => c.change), ['fired', 'cleared']);
    assert.equal(read.alerts.length, 1);
    assert.equal(read.alerts[0]?.clearedIteration, 400);
    assert.deepEqual(read.state, JSON.parse(JSON.stringify(engine.state())));
    assert.equal(path.basename(log.path), ALERT_LOG_FILE);
  });
});

test('a torn last line is ignored and reported, and the next append starts a fresh line', () => {
  withDir((dir) => {
    const log = new AlertLog(dir);
    const engine = new AlertEngine({ modeCollapse: { fireAfter: 1 } });
    log.append(engine.observe(ring(100, 2)).changes);
    const whole = fs.readFileSync(log.path, 'utf8');
    fs.appendFileSync(log.path, whole.slice(0, 40));
    const torn = readAlertLog(log.path);
    assert.equal(torn.changes.length, 1);
    assert.deepEqual(torn.problems, ['line 2: incomplete last line ignored (the writer stopped mid-line)']);
    log.append(engine.observe(ring(200, 8)).changes);
    log.append(engine.observe(ring(300, 8)).changes);
    const after = readAlertLog(log.path);
    assert.deepEqual(after.changes.map((c) => c.change), ['fired', 'cleared']);
    assert.deepEqual(after.problems, ['line 2: not valid JSON, skipped']);
  });
});

test('lines that are not alert records are skipped with their line numbers', () => {
  withDir((dir) => {
    const file = path.join(dir, ALERT_LOG_FILE);
    fs.writeFileSync(file, '{"type":"change","change":"exploded"}\n[1,2]\n\n');
    const read = readAlertLog(file);
    assert.deepEqual(read.changes, []);
    assert.deepEqual(read.problems, ['line 1: not an alert record, skipped', 'line 2: not an alert record, skipped']);
  });
});

test('a bias alert recorded under the one id both directions once shared reads back under its direction, so a later clear is the same alert', () => {
  const alert = (id: string, ratio: number, clearedIteration: number | null) => ({
    id, kind: 'bias', severity: 'warning', message: `generated 'circle+red' share is ${ratio}× its real share`, evidence: { group: 'shape=circle+color=red', ratio },
    firstSeenIteration: 1800, lastSeenIteration: 2000, clearedIteration, configPath: ['dataset'], rulePath: ['alerts', 'bias'],
  });
  const lines = [
    { type: 'change', change: 'fired', iteration: 2000, alert: alert('bias:share:shape=circle+color=red', 0.14, null) },
    { type: 'change', change: 'fired', iteration: 2000, alert: alert('bias:share:shape=square+color=blue', 3.2, null) },
    { type: 'change', change: 'cleared', iteration: 2200, alert: alert('bias:under:shape=circle+color=red', 0.9, 2200) },
  ];
  const read = parseAlertLog(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  assert.deepEqual(read.problems, []);
  assert.deepEqual(read.alerts.map((a) => [a.id, a.clearedIteration]), [['bias:under:shape=circle+color=red', 2200], ['bias:over:shape=square+color=blue', null]]);
  assert.equal(read.changes[0]?.alert.id, 'bias:under:shape=circle+color=red');
});
