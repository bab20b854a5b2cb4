/**
 * The per-snapshot metrics (src/core/metrics/) at the size the issue sets: 5,000 real and 5,000
 * generated rows of 64-d evaluator-like features, 1,000 held-out rows, two attributes (3 × 3
 * groups and their pairs). A run computes metrics for every snapshot with one ReferenceCache, so
 * the figures are warm snapshots (the real side — neighbour index, k-NN radii, per-group fits and
 * square roots — computed once, before timing); the cold figure is a run's first snapshot.
 * docs/performance.md explains each figure.
 */
import { computeSnapshotMetrics, ReferenceCache, type SnapshotMetricsInput } from '../../src/core/metrics/computeSnapshotMetrics';
import { accumulateSide, compareFits } from '../../src/core/metrics/groupFrechet';
import { groupShares } from '../../src/core/metrics/groupShares';
import { memorization } from '../../src/core/metrics/memorization';
import { packRows } from '../../src/core/metrics/neighbors/packedRows';
import { prdc } from '../../src/core/metrics/prdc';
import { measure } from '../timing';
import type { BenchContext, BenchGroup, BenchResult } from '../types';
import { metricsSnapshot } from './metricsData';

const N = 5000;
const DIM = 64;
const HELD_OUT = 1000;
const K = 5;

async function timed(context: BenchContext, repeats: number, task: () => unknown): Promise<number> {
  return (await measure(task, { warmup: 1, repeats, clock: context.clock })).medianMs;
}

export const metricsGroup: BenchGroup = {
  name: 'metrics',
  description: 'per-snapshot metrics of 5,000 real + 5,000 generated 64-d features: all, Fréchet (overall + per group), PRDC, group shares, memorization',
  async run(context) {
    const repeats = context.quick ? 3 : 7;
    const data = metricsSnapshot(N, N, HELD_OUT, DIM, 2024);
    const { features, attributes } = data;
    const previous = Float32Array.from(features.generated, (v, i) => v + 0.01 * Math.sin(i));
    const input: SnapshotMetricsInput = {
      iteration: 1,
      features,
      attributes,
      health: { lossD: new Array<number>(100).fill(0.6), lossG: new Array<number>(100).fill(1.1), generated: features.generated, previousGenerated: previous, generatedDim: DIM },
    };
    const kernel = packRows(features.real, DIM, 4).kernel;
    const note = `${N} real + ${N} generated × ${DIM}, ${HELD_OUT} held out; warm (reference cached); median of ${repeats}; ${kernel} kernel`;

    const coldMs = await timed(context, context.quick ? 1 : 3, () => computeSnapshotMetrics(input, { k: K }, new ReferenceCache()));
    const cache = new ReferenceCache();
    const allMs = await timed(context, repeats, () => computeSnapshotMetrics(input, { k: K }, cache));
    context.log(`metrics: all ${allMs.toFixed(0)} ms warm, ${coldMs.toFixed(0)} ms cold`);

    const reference = cache.referenceFits(features, attributes.specs, attributes.realLabels, true);
    const shift = cache.realShift(features);
    const frechetMs = await timed(context, repeats, () => compareFits(attributes.specs, reference, accumulateSide(features.generated, N, DIM, attributes.specs, attributes.generatedPredictions, shift, true)));
    const neighbors = cache.realNeighbors(features, K);
    const prdcMs = await timed(context, repeats, () => prdc(features.real, N, features.generated, N, DIM, K, neighbors));
    const groupsMs = await timed(context, repeats, () => groupShares(attributes.specs, attributes.realLabels, N, attributes.generatedPredictions, N, attributes.generatedConfidence));
    const memorizationMs = await timed(context, repeats, () => memorization(features.real, N, features.generated, N, DIM, features.heldOut, { trainingIndex: neighbors.index }));

    // The exact neighbour search prunes by structure; unstructured noise is its worst case.
    const noise = metricsSnapshot(N, N, 0, DIM, 2025, false).features;
    const noiseMs = await timed(context, context.quick ? 1 : 3, () => prdc(noise.real, N, noise.generated, N, DIM, K));
    context.log(`metrics: frechet ${frechetMs.toFixed(0)}, prdc ${prdcMs.toFixed(0)} (noise ${noiseMs.toFixed(0)}), groups ${groupsMs.toFixed(1)}, memorization ${memorizationMs.toFixed(0)} ms`);

    const results: BenchResult[] = [
      { name: `metrics.all.${N}`, unit: 'ms', value: allMs, note: `computeSnapshotMetrics: every family; ${note}` },
      { name: `metrics.all_cold.${N}`, unit: 'ms', value: coldMs, note: "a run's first snapshot: the real side computed too" },
      { name: `metrics.frechet.${N}`, unit: 'ms', value: frechetMs, note: 'overall + 15 attribute groups (generated moments, fits, traces of square roots)' },
      { name: `metrics.prdc.${N}`, unit: 'ms', value: prdcMs, note: `precision, recall, density, coverage, k = ${K}, exact` },
      { name: `metrics.prdc_unstructured.${N}`, unit: 'ms', value: noiseMs, note: 'the same on unstructured Gaussian noise (little to prune), real side included' },
      { name: `metrics.groups.${N}`, unit: 'ms', value: groupsMs, note: 'group shares, ratios and total variation (single attributes and pairs)' },
      { name: `metrics.memorization.${N}`, unit: 'ms', value: memorizationMs, note: `nearest training row of ${N} generated and ${HELD_OUT} held-out rows` },
    ];
    return results;
  },
};
