import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertEngine } from '../../src/core/alerts/alertEngine';
import type { GroupShare } from '../../src/core/metrics/groupShares';
import type { SnapshotMetrics } from '../../src/core/metrics/snapshotMetrics';
import type { TrustMap } from '../../src/core/alerts/types';

/** A snapshot whose only metric is the share of 'circle+red' (real share 0.1) and its complement. */
function sharesSnapshot(iteration: number, ratio: number): SnapshotMetrics {
  const group = (id: string, label: string, values: string[], realShare: number, generatedShare: number): GroupShare => ({
    id, label, attributes: ['shape', 'colour'], values, realShare, generatedShare, ratio: generatedShare / realShare, realCount: 100 * realShare, generatedWeight: 100 * generatedShare,
  });
  return {
    iteration,
    computeMs: 1,
    skipped: [],
    groupShares: {
      groups: [group('shape=circle+colour=red', 'circle+red', ['circle', 'red'], 0.1, 0.1 * ratio), group('shape=square+colour=blue', 'square+blue', ['square', 'blue'], 0.9, 1 - 0.1 * ratio)],
      distances: [],
    },
  };
}

const trusted: TrustMap = { shape: { trusted: true }, colour: { trusted: true } };

test('a rare group at 0.21× for 3 snapshots fires, stays while it holds, and clears with the hysteresis', () => {
  const engine = new AlertEngine({ bias: { fireAfter: 3, clearAfter: 2 } });
  const ratios = [1, 0.21, 0.21, 0.21, 0.21, 1, 0.21, 1, 1, 1];
  const events = ratios.map((ratio, i) => engine.observe(sharesSnapshot(1000 + 100 * i, ratio), trusted).changes.filter((c) => c.alert.id.includes('circle')));
  const kinds = events.map((changes) => changes.map((c) => c.change).join(','));
  assert.deepEqual(kinds, ['', '', '', 'fired', 'updated', '', 'updated', '', 'cleared', '']);
  const fired = events[3]?.[0]?.alert;
  assert.equal(fired?.message, "generated 'circle+red' share is 0.21× its real share for 3 snapshots, since iteration 1,100");
  assert.equal(fired?.kind, 'bias');
  assert.equal(fired?.severity, 'warning');
  assert.equal(fired?.id, 'bias:under:shape=circle+colour=red');
  assert.equal(fired?.firstSeenIteration, 1100);
  assert.deepEqual(fired?.configPath, ['dataset']);
  assert.deepEqual(fired?.rulePath, ['alerts', 'bias']);
  assert.ok(Math.abs((fired?.evidence.ratio as number) - 0.21) < 1e-12);
  const cleared = events[8]?.[0]?.alert;
  assert.equal(cleared?.clearedIteration, 1800);
  assert.equal(cleared?.firstSeenIteration, 1100);
  assert.deepEqual(engine.active(), []);
});

test('a group that swings from too rare to too common clears the first alert and raises a second, with its own start', () => {
  // What an overshooting reweight does: 0.14× before it, 3× after.
  const engine = new AlertEngine({ bias: { fireAfter: 3, clearAfter: 2 } });
  const ratios = [0.14, 0.14, 0.14, 3, 3, 3];
  const events = ratios.map((ratio, i) => engine.observe(sharesSnapshot(2000 + 100 * i, ratio), trusted).changes.filter((c) => c.alert.id.includes('circle')));
  assert.deepEqual(events.map((changes) => changes.map((c) => `${c.change} ${c.alert.id}`)), [
    [], [], ['fired bias:under:shape=circle+colour=red'], [], ['cleared bias:under:shape=circle+colour=red'], ['fired bias:over:shape=circle+colour=red'],
  ]);
  const over = events[5]?.[0]?.alert;
  assert.equal(over?.message, "generated 'circle+red' share is 3.00× its real share for 3 snapshots, since iteration 2,300");
  assert.deepEqual(engine.active().map((alert) => alert.id), ['bias:over:shape=circle+colour=red']);
});

test('a balanced group never fires', () => {
  const engine = new AlertEngine();
  for (let i = 0; i < 20; i++) {
    const update = engine.observe(sharesSnapshot(i * 10, 0.9 + 0.02 * (i % 5)), trusted);
    assert.deepEqual(update.changes, []);
  }
});

test('an attribute the evaluator cannot be trusted on raises no bias alert, and says why', () => {
  const engine = new AlertEngine({ bias: { fireAfter: 1 } });
  const update = engine.observe(sharesSnapshot(10, 0.1), { shape: { trusted: true }, colour: { trusted: false, adjustedAccuracy: 0.3 } });
  assert.deepEqual(update.changes, []);
  assert.equal(update.suppressed.length, 4, 'too few and too many of both groups');
  assert.match(update.suppressed[0]?.reason ?? '', /'colour' is too low to trust/);
  // Without a trust map every attribute is judged.
  assert.equal(engine.observe(sharesSnapshot(20, 0.1)).changes.length, 1);
});

test('only the watched attributes are judged', () => {
  const engine = new AlertEngine({ bias: { fireAfter: 1, attributes: ['size'] } });
  assert.deepEqual(engine.observe(sharesSnapshot(10, 0.1), trusted).changes, []);
});

function ringSnapshot(iteration: number, covered: number): SnapshotMetrics {
  return {
    iteration, computeMs: 1, skipped: [],
    mixture: { meanLogLikelihood: -3, modesCovered: covered, modeCount: 8, modesCoveredShare: covered / 8, highQualityShare: 0.9, modeCounts: [], pointCount: 512 },
  };
}

test('ring coverage of 3/8 modes fires mode-collapse; 7/8 does not', () => {
  const collapsed = new AlertEngine();
  const changes = [0, 1, 2].flatMap((i) => collapsed.observe(ringSnapshot(100 * i, 3)).changes);
  assert.equal(changes.length, 2, 'fired at the second snapshot (fireAfter 2), then updated');
  assert.equal(changes[0]?.change, 'fired');
  assert.equal(changes[0]?.alert.kind, 'mode-collapse');
  assert.match(changes[0]?.alert.message ?? '', /^the generator covers 3 of 8 modes for 2 snapshots, since iteration 0$/);
  const healthy = new AlertEngine();
  for (let i = 0; i < 6; i++) assert.deepEqual(healthy.observe(ringSnapshot(100 * i, 7 + (i % 2))).changes, []);
});

test('health: NaN fires at once as an error; a collapsing discriminator loss fires a warning', () => {
  const engine = new AlertEngine();
  const health = (lossD: number, nonFiniteLosses: number) => ({
    nonFiniteLosses, nonFiniteWeights: null, discriminatorLoss: lossD, generatorLoss: 1, discriminatorLossHasFloor: true,
    gradientNormMax: 1, gradientNormMedian: 1, nonFiniteGradients: 0, generatorChange: 0.1,
  });
  const first = engine.observe({ iteration: 1, computeMs: 0, skipped: [], health: health(0.6, 2) }).changes;
  assert.deepEqual(first.map((c) => [c.change, c.alert.id, c.alert.severity]), [['fired', 'health:non-finite', 'error']]);
  const second = engine.observe({ iteration: 2, computeMs: 0, skipped: [], health: health(0.001, 0) }).changes;
  assert.deepEqual(second.map((c) => [c.change, c.alert.id]), [['fired', 'health:discriminator-wins']]);
  assert.deepEqual(second[0]?.alert.configPath, ['training', 'learningRate']);
});

test('divergence fires when the Fréchet distance rises well above its best', () => {
  const engine = new AlertEngine({ divergence: { fireAfter: 2 } });
  const at = (iteration: number, overall: number) => engine.observe({ iteration, computeMs: 0, skipped: [], frechet: { overall, groups: [] } }).changes;
  assert.deepEqual([...at(1, 10), ...at(2, 5), ...at(3, 7)], []);
  assert.deepEqual(at(4, 9), []);
  assert.equal(at(5, 9)[0]?.alert.message, 'Fréchet distance rose to 9.00 from a best of 5.00, giving back 80.0% of the improvement for 2 snapshots, since iteration 4');
});

test('a Fréchet rise that is large against a tiny best but small against the improvement is noise', () => {
  const engine = new AlertEngine({ divergence: { fireAfter: 1 } });
  const at = (iteration: number, overall: number) => engine.observe({ iteration, computeMs: 0, skipped: [], frechet: { overall, groups: [] } }).changes;
  assert.deepEqual([...at(1, 40), ...at(2, 0.02), ...at(3, 0.05), ...at(4, 0.13)], []);
  assert.equal(at(5, 8)[0]?.alert.id, 'divergence:frechet');
});

test('an untrained generator is not judged for collapse, bias or lost quality', () => {
  const engine = new AlertEngine({ modeCollapse: { fireAfter: 1 }, divergence: { fireAfter: 1 }, bias: { fireAfter: 1 } });
  const mixture = (modesCovered: number, highQualityShare: number) => ({ meanLogLikelihood: -5, modesCovered, modeCount: 8, modesCoveredShare: modesCovered / 8, highQualityShare, modeCounts: [], pointCount: 512 });
  const prdc = (precision: number) => ({ precision, recall: 0.05, density: precision, coverage: 0.05, k: 5, realCount: 512, generatedCount: 512 });
  // Few modes and low precision while the samples are still poor: nothing fires.
  const early = engine.observe({ iteration: 100, computeMs: 0, skipped: [], mixture: mixture(2, 0.05), prdc: prdc(0.05) });
  assert.deepEqual(early.changes, []);
  // Good samples of three modes: collapse.
  const collapsed = engine.observe({ iteration: 200, computeMs: 0, skipped: [], mixture: mixture(3, 0.9), prdc: prdc(0.9) });
  assert.deepEqual(collapsed.changes.map((change) => change.alert.id).sort(), ['mode-collapse:coverage', 'mode-collapse:modes', 'mode-collapse:recall']);
  // Quality that was reached and then lost is divergence.
  const lost = engine.observe({ iteration: 300, computeMs: 0, skipped: [], mixture: mixture(3, 0.05), prdc: prdc(0.05) });
  assert.deepEqual(lost.changes.filter((change) => change.change === 'fired').map((change) => change.alert.id).sort(), ['divergence:high-quality', 'divergence:precision']);
});

test('the engine state round-trips through JSON and continues the counts', () => {
  const engine = new AlertEngine({ bias: { fireAfter: 3 } });
  engine.observe(sharesSnapshot(100, 0.2), trusted);
  engine.observe(sharesSnapshot(200, 0.2), trusted);
  const restored = new AlertEngine({ bias: { fireAfter: 3 } }, JSON.parse(JSON.stringify(engine.state())));
  const changes = restored.observe(sharesSnapshot(300, 0.2), trusted).changes;
  assert.equal(changes[0]?.change, 'fired');
  assert.equal(changes[0]?.alert.firstSeenIteration, 100);
  assert.throws(() => restored.observe(sharesSnapshot(300, 0.2), trusted), /iteration order/);
});

test('a state saved when one bias condition covered both directions restores its active alert as "too few", which can still clear', () => {
  const engine = new AlertEngine({ bias: { fireAfter: 1, clearAfter: 1 } });
  engine.observe(sharesSnapshot(100, 0.2), trusted);
  engine.observe(sharesSnapshot(150, 0.2), trusted);
  // Rewrite the saved ids the way the earlier engine wrote them, and add an inactive streak.
  const saved = JSON.parse(JSON.stringify(engine.state()).replaceAll('bias:under:', 'bias:share:')) as ReturnType<AlertEngine['state']>;
  const active = saved.conditions['bias:share:shape=circle+colour=red'];
  assert.ok(active?.active, 'the old state has the active alert under its old id');
  const old = { ...saved, conditions: { ...saved.conditions, 'bias:share:shape=square+colour=blue': { streak: 2, streakStart: 100, calm: 0, active: null } } };
  const restored = new AlertEngine({ bias: { fireAfter: 1, clearAfter: 1 } }, old);
  assert.deepEqual(restored.active().map((alert) => alert.id), ['bias:under:shape=circle+colour=red']);
  const changes = restored.observe(sharesSnapshot(200, 1), trusted).changes;
  assert.deepEqual(changes.map((c) => `${c.change} ${c.alert.id}`), ['cleared bias:under:shape=circle+colour=red']);
  assert.deepEqual(restored.active(), []);
});
