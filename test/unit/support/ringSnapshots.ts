/**
 * Hand-made snapshots of a ring-of-8 run with known answers, for the analysis tests: the real
 * reference covers all eight modes; the generated points sit on the modes a test chooses.
 */
import type { HeaderRecord, SnapshotRecord } from '../../../src/protocol/stream';

export const RING = { type: 'gaussian-mixture', layout: 'ring', modes: 8, radius: 2, sigma: 0.05 } as const;

export function ringHeader(alerts: Record<string, unknown> = {}): HeaderRecord {
  return {
    type: 'header',
    formatVersion: 1,
    runId: 'ring-test',
    createdAt: '2026-11-22T00:00:00.000Z',
    config: { name: 'ring', dataset: RING, model: { type: 'gan' }, alerts },
    trainer: { name: 'test', version: '0', backend: 'cpu' },
    evaluator: {
      kind: 'coordinates',
      featureDim: 2,
      attributes: [{ name: 'mode', values: ['0', '1', '2', '3', '4', '5', '6', '7'], accuracy: 1, chanceAccuracy: 0.125, trusted: true }],
      trustThreshold: 0.5,
      heldOutCount: 100,
      trainedIterations: 0,
      trainingSeconds: 0,
      fromCache: false,
    },
  };
}

/** A deterministic jitter in [-1, 1), so points spread around their mode without a random source. */
function jitter(i: number, salt: number): number {
  const x = Math.sin(i * 12.9898 + salt * 78.233) * 43758.5453;
  return 2 * (x - Math.floor(x)) - 1;
}

function modePoints(count: number, modes: readonly number[], salt: number, spread = 0.05): { data: Float32Array; labels: Int32Array } {
  const data = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const mode = modes[i % modes.length] as number;
    const angle = (2 * Math.PI * mode) / 8;
    data[2 * i] = 2 * Math.cos(angle) + spread * jitter(i, salt);
    data[2 * i + 1] = 2 * Math.sin(angle) + spread * jitter(i, salt + 1);
    labels[i] = mode;
  }
  return { data, labels };
}

const ALL_MODES = [0, 1, 2, 3, 4, 5, 6, 7];

/** A snapshot whose generated points lie on `modes` (all eight: a healthy generator). */
export function ringSnapshot(iteration: number, modes: readonly number[] = ALL_MODES, count = 400): SnapshotRecord {
  const real = modePoints(count, ALL_MODES, 1);
  const generated = modePoints(count, modes, 100 + iteration);
  return {
    type: 'snapshot',
    iteration,
    time: iteration,
    metrics: { lossD: 0.6, lossG: 0.8 },
    arrays: {
      real: { dtype: 'float32', shape: [count, 2], data: real.data },
      generated: { dtype: 'float32', shape: [count, 2], data: generated.data },
      realLabels: { dtype: 'int32', shape: [count, 1], data: real.labels },
      generatedPredictions: { dtype: 'int32', shape: [count, 1], data: generated.labels },
      lossD: { dtype: 'float32', shape: [2], data: Float32Array.from([0.6, 0.6]) },
      lossG: { dtype: 'float32', shape: [2], data: Float32Array.from([0.8, 0.8]) },
    },
  };
}
