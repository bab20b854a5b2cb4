/**
 * A snapshot record of the size the projection work is planned for (5,000 × 64 real and generated
 * points), filled with seeded normals: compressible zeros would flatter nothing here (the format does
 * not compress), but real-looking data keeps the fixture honest if it ever does.
 */
import type { SnapshotRecord } from '../../src/protocol/stream';
import { createRandom } from '../../src/trainer/random';

export interface LargeSnapshotShape {
  readonly rows: number;
  readonly dims: number;
}

export const LARGE_SNAPSHOT: LargeSnapshotShape = { rows: 5000, dims: 64 };

export function largeSnapshot(iteration: number, shape: LargeSnapshotShape = LARGE_SNAPSHOT): SnapshotRecord {
  const random = createRandom(iteration, 'bench-snapshot');
  const matrix = () => ({ dtype: 'float32' as const, shape: [shape.rows, shape.dims], data: random.normals(shape.rows * shape.dims) });
  const losses = random.normals(100);
  return {
    type: 'snapshot',
    iteration,
    time: Date.now(),
    metrics: { lossD: 0.69, lossG: 0.71, stepsPerSecond: 89 },
    arrays: { real: matrix(), generated: matrix(), lossD: { dtype: 'float32', shape: [100], data: losses }, lossG: { dtype: 'float32', shape: [100], data: losses } },
  };
}
