/**
 * The sprites bias demo with the trainer itself (wasm, about three minutes here): the known answer
 * of the alerts issue (a rare group raises the bias alert, a balanced dataset does not) and the
 * loop of the interventions issue (pause → reweight → resume → the alert clears), on the shipped
 * examples/sprites-rare-red.genmon.yaml. The tests run in order: the third continues the second's run.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StreamAnalysis, type AnalysedSnapshotReport } from '../../src/core/analysis/streamAnalysis';
import { TrainerControlClient } from '../../src/core/control/trainerControlClient';
import { CONTROL_FILE_NAME, type ControlAck, type ControlReply } from '../../src/protocol/control';
import type { EventRecord } from '../../src/protocol/stream';
import { cli, records } from './support/runTools';
import { waitFor } from './support/waitFor';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'sprites-rare-red.genmon.yaml');
const RED_CIRCLES = 'shape=circle+color=red';
const UNDER = `bias:under:${RED_CIRCLES}`;
const ALERT_BY = 2000;
const VERIFIED_BY = 2600;
const BALANCED_UNTIL = 2500;
const REWEIGHT = 2;

const root = mkdtempSync(join(tmpdir(), 'genmon-sprites-demo-'));
after(() => rmSync(root, { recursive: true, force: true }));
const rareRun = join(root, 'rare');
/** circle+red's share ratio at the rare run's last snapshot before the reweight. */
let ratioBefore: number | undefined;

interface BiasChange {
  readonly iteration: number;
  readonly change: string;
  readonly id: string;
  readonly ratio: unknown;
}

function analyse(runDir: string): AnalysedSnapshotReport[] {
  const result = new StreamAnalysis(runDir).catchUp();
  assert.deepEqual(result.problems, []);
  return [...result.analysed];
}

function biasChanges(reports: readonly AnalysedSnapshotReport[]): BiasChange[] {
  return reports.flatMap((report) => report.changes.filter((c) => c.alert.kind === 'bias').map((c) => ({ iteration: report.iteration, change: c.change, id: c.alert.id, ratio: c.alert.evidence['ratio'] })));
}

function ratioOf(report: AnalysedSnapshotReport | undefined, group: string): number {
  const ratio = report?.metrics.groupShares?.groups.find((g) => g.id === group)?.ratio;
  assert.ok(typeof ratio === 'number', `${group} has a share ratio at iteration ${report?.iteration}`);
  return ratio;
}

async function train(args: readonly string[]): Promise<void> {
  const result = await cli(['train', ...args]);
  assert.equal(result.code, 0, result.err);
}

function ack(reply: ControlReply): ControlAck {
  assert.ok(reply.ok, `expected an ack, got ${JSON.stringify(reply)}`);
  return reply;
}

test('balanced sprites: group shares are judged for the last snapshots and no bias alert fires', async () => {
  const example = readFileSync(EXAMPLE, 'utf8');
  const balanced = example.replace('circle: { red: 0.03, blue: 0.47 }', 'circle: { red: 0.25, blue: 0.25 }').replace('square: { red: 0, blue: 0.5 }', 'square: { red: 0.25, blue: 0.25 }');
  assert.notEqual(balanced.indexOf('red: 0.25, blue: 0.25 }\n    square: { red: 0.25'), -1, 'the example still has the joint this test rewrites');
  const config = join(root, 'sprites-balanced.genmon.yaml');
  writeFileSync(config, balanced);
  const runDir = join(root, 'balanced');
  await train([config, '--run-dir', runDir, '--max-iterations', String(BALANCED_UNTIL)]);

  const reports = analyse(runDir);
  assert.equal(reports[reports.length - 1]?.iteration, BALANCED_UNTIL);
  // Silence means something only where the rule looked: snapshots past the example's quality gate.
  const judged = reports.filter((report) => (report.metrics.prdc?.precision ?? 0) >= 0.3);
  assert.ok(judged.length >= 5, `group shares judged at ${judged.length} snapshots (${judged.map((r) => r.iteration).join(', ')})`);
  for (const report of judged) {
    for (const group of ['shape=circle+color=red', 'shape=circle+color=blue', 'shape=square+color=red', 'shape=square+color=blue']) {
      const ratio = ratioOf(report, group);
      assert.ok(ratio > 0.5 && ratio < 2, `${group} at ${report.iteration}: ${ratio}`);
    }
  }
  assert.deepEqual(biasChanges(reports), []);
});

test('red circles at 3 % of the sprites: the bias alert fires for circle+red, under-represented, and for no blue group', async () => {
  await train([EXAMPLE, '--run-dir', rareRun, '--max-iterations', String(ALERT_BY)]);
  const reports = analyse(rareRun);
  const fired = biasChanges(reports).filter((c) => c.change === 'fired');
  const redCircles = fired.find((c) => c.id === UNDER);
  assert.ok(redCircles, `circle+red fired: ${JSON.stringify(fired)}`);
  assert.ok(typeof redCircles.ratio === 'number' && redCircles.ratio < 0.5, `generated at ${String(redCircles.ratio)}× its real share`);
  // Red only ever appears on circles, so 'red' alone is the same group; nothing blue is off.
  assert.deepEqual([...new Set(fired.map((c) => c.id))].sort(), ['bias:under:color=red', UNDER].sort());
  ratioBefore = ratioOf(reports.at(-1), RED_CIRCLES);
  assert.ok(ratioBefore < 0.5, `still dropped at the last snapshot (${ratioBefore})`);
});

test('reweighting circle+red ×2 over the control channel clears the alert and brings its share ratio back toward 1', async () => {
  const before = ratioBefore;
  assert.ok(before !== undefined && existsSync(rareRun), 'the previous test left the rare run to continue');

  const done = cli(['train', '--resume', rareRun, '--max-iterations', String(VERIFIED_BY)]);
  await waitFor(() => existsSync(join(rareRun, CONTROL_FILE_NAME)), 'control.json');
  const client = await TrainerControlClient.connect(rareRun);
  try {
    ack(await client.send({ type: 'pause' }));
    const reweighted = ack(await client.send({ type: 'augment', group: { shape: 'circle', color: 'red' }, method: 'reweight', factor: REWEIGHT }));
    assert.match(reweighted.note ?? '', /^reweighted shape=circle\+color=red ×2: now [56]\.\d% of training draws \(was 3\.\d%/);
    ack(await client.send({ type: 'resume' }));
  } finally {
    await client.close();
  }
  const result = await done;
  assert.equal(result.code, 0, result.err);

  const augmented = records(rareRun).filter((record): record is EventRecord => record.type === 'event' && record.kind === 'augmented');
  assert.equal(augmented.length, 1);
  const at = augmented[0]?.iteration ?? -1;
  assert.ok(at >= ALERT_BY && at < ALERT_BY + 100, `augmented at ${at}`);

  // The analysis carries on from the snapshots (and alert state) it recorded before the reweight.
  const reports = analyse(rareRun);
  assert.equal(reports[0]?.iteration, ALERT_BY + 100);
  const changes = biasChanges(reports);
  const cleared = changes.find((c) => c.id === UNDER && c.change === 'cleared');
  assert.ok(cleared && cleared.iteration > at, `circle+red cleared after the reweight: ${JSON.stringify(changes)}`);
  assert.deepEqual(changes.filter((c) => c.change === 'fired' && c.iteration > at), [], 'a reweight of 2 does not overshoot into "too many"');
  const last = reports.at(-1);
  assert.equal(last?.iteration, VERIFIED_BY);
  const now = ratioOf(last, RED_CIRCLES);
  assert.ok(now > 0.5 && now < 2, `circle+red at ${now}× its real share by ${VERIFIED_BY}`);
  assert.ok(Math.abs(Math.log(now)) < Math.abs(Math.log(before)), `closer to 1 than before the reweight (${before})`);
});
