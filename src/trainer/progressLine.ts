/** The human-readable line the trainer prints on stdout for each snapshot. */
import type { SnapshotRecord } from '../protocol/stream';

function formatNumber(value: number | undefined, digits: number): string {
  return value === undefined ? '-' : value.toFixed(digits);
}

/** e.g. `[ring8] it 1200/5000  lossD 1.21  lossG 0.83  87 it/s  backend wasm` */
export function formatProgressLine(name: string, snapshot: SnapshotRecord, maxIterations: number, backend: string): string {
  const { lossD, lossG, stepsPerSecond } = snapshot.metrics;
  return (
    `[${name}] it ${snapshot.iteration}/${maxIterations}` +
    `  lossD ${formatNumber(lossD, 2)}  lossG ${formatNumber(lossG, 2)}` +
    `  ${formatNumber(stepsPerSecond, 0)} it/s  backend ${backend}`
  );
}
