import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { interventionReports, type InterventionReport } from '../../src/core/analysis/beforeAfter';
import { describeSnapshots, formatFrechet, formatRatio, frechetDirection, NOT_MEASURED, ratioDirection } from '../../src/core/analysis/interventionFormat';
import { timelinePosition } from '../../src/core/analysis/interventionTimeline';
import { listInterventions, type StreamEvent } from '../../src/core/analysis/interventions';
import { MetricsHistory } from '../../src/core/analysis/metricsHistory';
import { MetricsLog } from '../../src/core/analysis/metricsLog';
import { RunEventLog } from '../../src/core/analysis/runEventLog';
import { StreamAnalysis } from '../../src/core/analysis/streamAnalysis';
import type { GroupFrechet } from '../../src/core/metrics/groupFrechet';
import type { GroupShare } from '../../src/core/metrics/groupShares';
import type { SnapshotMetrics } from '../../src/core/metrics/snapshotMetrics';
import { StreamWriter } from '../../src/core/stream/writer';
import type { HostToProjectionMessage } from '../../src/protocol/projectionPanel';
import { STREAM_FILE_NAME, type EventRecord, type RunEventKind } from '../../src/protocol/stream';
import { ringHeader, ringSnapshot } from './support/ringSnapshots';

const root = mkdtempSync(join(tmpdir(), 'genmon-interventions-'));
after(() => rmSync(root, { recursive: true, force: true }));
let cases = 0;
const newRun = (): string => mkdtempSync(join(root, `run-${cases++}-`));

/** Groups as the metrics name them: singles of two attributes, then two pairs. */
const GROUPS = [
  ['shape=circle', ['shape'], ['circle']],
  ['shape=square', ['shape'], ['square']],
  ['color=red', ['color'], ['red']],
  ['color=blue', ['color'], ['blue']],
  ['shape=circle+color=red', ['shape', 'color'], ['circle', 'red']],
  ['shape=square+color=blue', ['shape', 'color'], ['square', 'blue']],
] as const;

/** Hand-made metrics: `ratios` and `frechets` by group id; groups not named get ratio 1 and Fréchet 2. */
function metricsAt(iteration: number, ratios: Record<string, number | null>, frechets: Record<string, number | null>, overall: number | null): SnapshotMetrics {
  const groupShares: GroupShare[] = GROUPS.map(([id, attributes, values]) => ({
    id,
    label: values.join('+'),
    attributes,
    values,
    realShare: 0.25,
    generatedShare: 0.25,
    ratio: id in ratios ? (ratios[id] as number | null) : 1,
    realCount: 100,
    generatedWeight: 100,
  }));
  const frechetGroups: GroupFrechet[] = GROUPS.map(([id, attributes, values]) => ({
    id,
    label: values.join('+'),
    attributes,
    values,
    frechet: id in frechets ? (frechets[id] as number | null) : 2,
    realCount: 100,
    generatedCount: 100,
  }));
  return { iteration, computeMs: 1, groupShares: { groups: groupShares, distances: [] }, frechet: { overall, groups: frechetGroups }, skipped: [] };
}

function event(kind: RunEventKind, iteration: number, message: string, details?: Record<string, unknown>): EventRecord {
  return { type: 'event', kind, iteration, time: 1_700_000_000_000 + iteration * 1000, message, ...(details ? { details } : {}) };
}

const AUGMENT_DETAILS = {
  method: 'reweight',
  // Request order, not the metrics' attribute order: matching must not depend on it.
  group: { color: 'red', shape: 'circle' },
  iteration: 200,
  samples: 40,
  request: 3,
  factor: 3,
  groupSamples: 40,
  surveyedSamples: 0,
  shareBefore: 0.02,
  shareAfter: 0.058,
};

/** Circle+red under-represented, rising after an augment at 200; a learning-rate change at 450. */
function writeRun(runDir: string, lastIteration = 600): void {
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  const log = new MetricsLog(runDir);
  writer.write(ringHeader());
  writer.write(event('started', 0, 'started'));
  const circleRed: Record<number, number> = { 100: 0.2, 200: 0.3, 300: 0.5, 400: 0.7, 500: 0.9, 600: 1.0 };
  for (let iteration = 100; iteration <= lastIteration; iteration += 100) {
    const offset = writer.write({ type: 'snapshot', iteration, time: iteration, metrics: {}, arrays: {} });
    // At 200 the pair had too few generated samples for a Fréchet fit; no group has real blue squares before 300.
    const frechet = iteration === 200 ? null : 30 - iteration / 50;
    const ratios = { 'shape=circle+color=red': circleRed[iteration] ?? null, 'shape=square+color=blue': iteration < 300 ? null : 1 };
    log.append({ offset, metrics: metricsAt(iteration, ratios, { 'shape=circle+color=red': frechet }, 50 - iteration / 20), missing: [] });
    if (iteration === 200) {
      writer.write(event('paused', 200, 'paused by the control channel (request 2)'));
      writer.write(event('augmented', 200, 'reweighted shape=circle+color=red ×3: now 5.8% of training draws (was 2.0%) (request 3)', AUGMENT_DETAILS));
      writer.write(event('unpaused', 200, 'resumed by the control channel (request 4)'));
      writer.write(event('checkpoint', 200, 'saved checkpoints/200 (request 5)'));
    }
    if (iteration === 300) writer.write(event('set', 300, 'snapshotEvery 100 → 50 (request 6)'));
    if (iteration === 400) {
      writer.write(event('paused', 420, 'paused by the control channel (request 7)'));
      writer.write({ ...event('unpaused', 420, 'resumed by the control channel (request 8)'), time: 1_700_000_000_000 + 420 * 1000 + 125_000 });
      writer.write(event('set', 450, 'learningRate 0.0002 → 0.0001 (request 9)'));
    }
  }
  writer.close();
}

async function reportsOf(runDir: string, compareAfter: number): Promise<InterventionReport[]> {
  const problems: string[] = [];
  const events = new RunEventLog(runDir, (problem) => problems.push(problem));
  const metrics = new MetricsHistory(runDir);
  try {
    await events.refresh();
    const read = await metrics.refresh();
    assert.deepEqual([...problems, ...read.problems], []);
    return interventionReports(events.events, metrics.snapshots, compareAfter);
  } finally {
    events.dispose();
  }
}

test('an augment is compared at the snapshot before it and N snapshots later, the intervened group first', async () => {
  const runDir = newRun();
  writeRun(runDir);
  const reports = await reportsOf(runDir, 3);
  assert.deepEqual(
    reports.map((report) => [report.intervention.kind, report.intervention.iteration]),
    [
      ['augmented', 200],
      ['unpaused', 420],
      ['learning-rate', 450],
    ],
  );
  const augment = reports[0] as InterventionReport;
  assert.equal(augment.intervention.summary, 'Reweighted color=red+shape=circle ×3: 2.0% → 5.8% of training draws');
  assert.deepEqual(augment.intervention.group, { color: 'red', shape: 'circle' });
  const comparison = augment.comparison;
  assert.deepEqual(comparison.before, { iteration: 200 });
  assert.deepEqual(comparison.after, { iteration: 500, snapshotsLater: 3 });
  assert.equal(comparison.provisional, false);
  assert.deepEqual(comparison.overallFrechet, { before: 40, after: 25 });
  assert.deepEqual(
    comparison.groups.map((group) => group.id),
    ['shape=circle+color=red', 'shape=circle', 'color=red', 'shape=square', 'color=blue', 'shape=square+color=blue'],
  );
  const target = comparison.groups[0];
  assert.equal(target?.intervened, true);
  assert.deepEqual(target?.ratio, { before: 0.3, after: 0.9 });
  assert.deepEqual(target?.frechet, { before: null, after: 20 });
  assert.equal(comparison.groups.filter((group) => group.intervened).length, 1);
  assert.deepEqual(comparison.groups.at(-1)?.ratio, { before: null, after: 1 });
  // The pause at 420 and the learning-rate change at 450 fall between the two snapshots compared.
  assert.deepEqual(comparison.mixedWith, ['Resumed training after a pause of 2 min 5 s', 'Learning rate 0.0002 → 0.0001']);
});

test('a comparison the run has not reached yet uses the latest snapshot and is provisional', async () => {
  const runDir = newRun();
  writeRun(runDir);
  const reports = await reportsOf(runDir, 3);
  const rate = reports[2] as InterventionReport;
  assert.equal(rate.intervention.summary, 'Learning rate 0.0002 → 0.0001');
  assert.deepEqual(rate.intervention.details, { setting: 'learningRate', from: 0.0002, to: 0.0001 });
  assert.deepEqual(rate.comparison.before, { iteration: 400 });
  assert.deepEqual(rate.comparison.after, { iteration: 600, snapshotsLater: 2 });
  assert.equal(rate.comparison.provisional, true);
  assert.equal(rate.comparison.wantedSnapshotsLater, 3);
  assert.equal(describeSnapshots(rate.comparison), 'iteration 400 → iteration 600 (2 snapshots later so far; provisional until 3)');
  // Nothing was targeted: the metrics' order stays.
  assert.deepEqual(
    rate.comparison.groups.map((group) => group.id),
    GROUPS.map(([id]) => id),
  );
  assert.equal(rate.comparison.groups.some((group) => group.intervened), false);

  // With one snapshot fewer, the augment's comparison is provisional too; with none after an intervention, it has no after side.
  const shorter = newRun();
  writeRun(shorter, 400);
  const early = await reportsOf(shorter, 3);
  assert.deepEqual(early[0]?.comparison.after, { iteration: 400, snapshotsLater: 2 });
  assert.equal(early[0]?.comparison.provisional, true);
  assert.deepEqual(early[0]?.comparison.groups[0]?.ratio, { before: 0.3, after: 0.7 });
  const unanswered = early[2]?.comparison;
  assert.equal(unanswered?.after, null);
  assert.equal(unanswered?.provisional, true);
  assert.deepEqual(unanswered?.groups.find((group) => group.id === 'shape=circle+color=red')?.ratio, { before: 0.7, after: null });
  assert.equal(describeSnapshots(unanswered as InterventionReport['comparison']), 'iteration 400 → no snapshot after it yet (compares 3 snapshots later)');
});

test('a pause with nothing in it is listed; one that wrapped an augment is not, nor snapshotEvery or checkpoints', async () => {
  const runDir = newRun();
  writeRun(runDir);
  const reports = await reportsOf(runDir, 5);
  const pause = reports[1] as InterventionReport;
  assert.equal(pause.intervention.kind, 'unpaused');
  assert.equal(pause.intervention.summary, 'Resumed training after a pause of 2 min 5 s');
  assert.equal(reports.filter((report) => report.intervention.kind === 'unpaused').length, 1);
  assert.equal(
    reports.some((report) => report.intervention.iteration === 300),
    false,
  );
  // N = 5 from the augment's snapshot (index 1) runs past the last snapshot: provisional at 4 later.
  assert.deepEqual(reports[0]?.comparison.after, { iteration: 600, snapshotsLater: 4 });
  assert.equal(reports[0]?.comparison.provisional, true);
});

test('unmeasured values read as "—", not 0, and are neither better nor worse', () => {
  assert.equal(formatRatio(null), NOT_MEASURED);
  assert.equal(formatFrechet(null), NOT_MEASURED);
  assert.equal(formatRatio(0), '0.00');
  assert.equal(formatRatio(0.4567), '0.46');
  assert.equal(formatFrechet(12.345), '12.3');
  assert.equal(formatFrechet(1234.5), '1235');
  assert.equal(ratioDirection({ before: null, after: 0.9 }), 'unknown');
  assert.equal(frechetDirection({ before: 3, after: null }), 'unknown');
});

test('a ratio is better closer to 1 on a log scale; a Fréchet distance is better lower', () => {
  assert.equal(ratioDirection({ before: 0.3, after: 0.9 }), 'better');
  assert.equal(ratioDirection({ before: 0, after: 0.1 }), 'better');
  assert.equal(ratioDirection({ before: 1.2, after: 0.5 }), 'worse');
  assert.equal(ratioDirection({ before: 1.5, after: 3 }), 'worse');
  // Half as common and twice as common are equally far from right.
  assert.equal(ratioDirection({ before: 0.5, after: 2 }), 'same');
  assert.equal(frechetDirection({ before: 30, after: 20 }), 'better');
  assert.equal(frechetDirection({ before: 20, after: 30 }), 'worse');
  assert.equal(frechetDirection({ before: 20, after: 20 }), 'same');
});

test('events a resumed run went back before are dropped, and the resume is listed', () => {
  const at = (offset: number, record: EventRecord): StreamEvent => ({ offset, record });
  const events = [
    at(100, event('augmented', 300, 'reweighted', { method: 'add-images', group: { shape: 'square' }, added: 12, shareBefore: 0.5, shareAfter: 0.52 })),
    at(200, event('set', 700, 'learningRate 0.001 → 0.002 (request 4)')),
    at(300, event('resumed', 500, 'resumed from checkpoints/500')),
    at(400, event('augmented', 600, 'synthesized', { method: 'synthesize', group: { shape: 'circle' }, added: 200, requested: 300 })),
    // A hostile or older writer's details: no crash, a plain summary.
    at(500, event('augmented', 650, 'odd', { method: 42, group: ['not', 'an', 'object'] })),
  ];
  const listed = listInterventions(events);
  assert.deepEqual(
    listed.map((intervention) => [intervention.id, intervention.kind, intervention.summary]),
    [
      ['100', 'augmented', 'Added 12 images of shape=square: 50.0% → 52.0% of training draws'],
      ['300', 'resumed', 'Continued from the checkpoint at iteration 500 in a new trainer process'],
      ['400', 'augmented', 'Synthesized 200 samples of shape=circle'],
      ['500', 'augmented', 'Augmented a group'],
    ],
  );
  assert.equal(listed[3]?.group, undefined);
});

test('metrics.jsonl is followed incrementally: torn lines wait, malformed ones are reported, a resumed run goes back', async () => {
  const runDir = newRun();
  const file = join(runDir, 'metrics.jsonl');
  const history = new MetricsHistory(runDir);
  assert.deepEqual(await history.refresh(), { changed: false, problems: [] });
  const line = (iteration: number, overall: number): string => JSON.stringify({ type: 'metrics', offset: iteration, metrics: metricsAt(iteration, {}, {}, overall), missing: [] });
  appendFileSync(file, `${line(100, 9)}\n${line(200, 8)}\n${line(300, 7).slice(0, 40)}`);
  const first = await history.refresh();
  assert.equal(first.changed, true);
  assert.deepEqual(
    history.snapshots.map((snapshot) => [snapshot.iteration, snapshot.overallFrechet]),
    [
      [100, 9],
      [200, 8],
    ],
  );
  appendFileSync(file, `${line(300, 7).slice(40)}\nnot json\n{"type":"other"}\n${line(200, 5)}\n`);
  const second = await history.refresh();
  assert.deepEqual(second.problems, ['metrics.jsonl line 4: not valid JSON, skipped', 'metrics.jsonl line 5: not a metrics record, skipped']);
  // The second 200 supersedes the first and the 300 after it, as MetricsLog.read does.
  assert.deepEqual(
    history.snapshots.map((snapshot) => [snapshot.iteration, snapshot.overallFrechet]),
    [
      [100, 9],
      [200, 5],
    ],
  );
  assert.equal(history.snapshots[0]?.groups.length, GROUPS.length);
  assert.deepEqual(await history.refresh(), { changed: false, problems: [] });
});

test('with the real analysis, an augment on a missing mode compares its ratio of 0 with the recovered one', async () => {
  const runDir = newRun();
  const writer = StreamWriter.create(join(runDir, STREAM_FILE_NAME));
  writer.write(ringHeader());
  for (const iteration of [100, 200]) writer.write(ringSnapshot(iteration, [0, 3, 5]));
  writer.write(event('augmented', 200, 'reweighted mode=1 ×4', { method: 'reweight', group: { mode: '1' }, factor: 4, shareBefore: 0.125, shareAfter: 0.36 }));
  for (const iteration of [300, 400]) writer.write(ringSnapshot(iteration));
  writer.close();
  new StreamAnalysis(runDir).catchUp();
  const reports = await reportsOf(runDir, 2);
  assert.equal(reports.length, 1);
  const comparison = reports[0]?.comparison;
  const recorded = new MetricsLog(runDir).read().entries;
  const ratioAt = (iteration: number): number | null | undefined =>
    recorded.find((entry) => entry.metrics.iteration === iteration)?.metrics.groupShares?.groups.find((group) => group.id === 'mode=1')?.ratio;
  assert.equal(comparison?.groups[0]?.id, 'mode=1');
  assert.equal(comparison?.groups[0]?.intervened, true);
  assert.equal(comparison?.groups[0]?.ratio.before, 0);
  assert.equal(comparison?.groups[0]?.ratio.before, ratioAt(200));
  assert.equal(comparison?.groups[0]?.ratio.after, ratioAt(400));
  assert.ok((comparison?.groups[0]?.ratio.after ?? 0) > 0.8, 'the mode is back');
  assert.equal(ratioDirection(comparison?.groups[0]?.ratio ?? { before: null, after: null }), 'better');
  assert.equal(comparison?.provisional, false);
});

test('the interventions message is plain JSON: it reaches the webview as sent', async () => {
  const runDir = newRun();
  writeRun(runDir);
  const message: HostToProjectionMessage = { type: 'interventions', interventions: await reportsOf(runDir, 3) };
  assert.deepEqual(JSON.parse(JSON.stringify(message)), message);
  assert.deepEqual(structuredClone(message), message);
});

test('an intervention sits between the snapshots around it on the timeline', () => {
  const iterations = [100, 200, 400, 500];
  assert.equal(timelinePosition([], 300), undefined);
  assert.equal(timelinePosition(iterations, 50), 0);
  assert.equal(timelinePosition(iterations, 200), 1);
  assert.equal(timelinePosition(iterations, 250), 1.25);
  assert.equal(timelinePosition(iterations, 450), 2.5);
  assert.equal(timelinePosition(iterations, 900), 3);
  // Two snapshots at one iteration (a resumed run's repeat) do not divide by zero.
  assert.equal(timelinePosition([100, 200, 200, 300], 200), 2);
});
